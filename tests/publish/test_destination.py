"""Destinations on the command line: s3:// URLs, their own endpoint or profile, and no credentials in them."""

from __future__ import annotations

import pytest

from generator.errors import PublishError
from generator.publish.destination import Destination, check_endpoint_url, parse_destination


def test_a_bucket_alone_publishes_at_its_root() -> None:
    assert parse_destination("s3://status-acme-com") == Destination("status-acme-com", "")
    assert str(parse_destination("s3://status-acme-com/")) == "s3://status-acme-com/"


def test_a_folder_is_normalised_to_one_trailing_slash() -> None:
    destination = parse_destination("s3://acme-web//status/page/")
    assert destination.prefix == "status/page/"
    assert str(destination) == "s3://acme-web/status/page/"


def test_the_default_endpoint_applies_unless_the_destination_has_its_own() -> None:
    r2 = "https://account.r2.cloudflarestorage.com"
    assert parse_destination("s3://a-bucket", "https://s3.example").endpoint_url == "https://s3.example"
    own = parse_destination(f"s3://a-bucket/status?endpoint_url={r2}/&profile=r2&region=auto", "https://s3.example")
    assert own == Destination("a-bucket", "status/", r2, "r2", "auto")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "gs://status-acme",
            "cannot publish to 'gs://status-acme': a destination is s3://bucket or s3://bucket/folder "
            "(any S3-compatible store: AWS, R2, MinIO, Ceph, Google Cloud Storage's XML API)",
        ),
        (
            "status-acme",
            "cannot publish to 'status-acme': a destination is s3://bucket or s3://bucket/folder "
            "(any S3-compatible store: AWS, R2, MinIO, Ceph, Google Cloud Storage's XML API)",
        ),
        ("s3://a/", "'s3://a/' names no valid bucket (letters, digits, '.', '-' and '_')"),
        ("s3://acme/../other", "'s3://acme/../other': a folder may not contain '.' or '..'"),
        (
            "s3://acme?endpoint=https://x",
            "'s3://acme?endpoint=https://x': unknown option 'endpoint' (a destination takes endpoint_url, "
            "profile, region)",
        ),
        ("s3://acme?endpoint_url=ftp://x", "endpoint 'ftp://x' is not an http(s) URL"),
    ],
)
def test_a_bad_destination_is_one_line_naming_the_fix(text: str, message: str) -> None:
    with pytest.raises(PublishError) as raised:
        parse_destination(text)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    "text",
    [
        "s3://AKIAEXAMPLE:wJalrXUtnFEMI@status-acme",
        "s3://status-acme?endpoint_url=https://key:wJalrXUtnFEMI@r2.example",
    ],
)
def test_credentials_pasted_into_a_destination_are_refused_and_never_shown(text: str) -> None:
    with pytest.raises(PublishError) as raised:
        parse_destination(text)
    assert "wJalrXUtnFEMI" not in str(raised.value)
    assert str(raised.value).startswith("credentials do not belong in")


def test_an_endpoint_loses_its_trailing_slash() -> None:
    assert check_endpoint_url("http://127.0.0.1:9000/") == "http://127.0.0.1:9000"
