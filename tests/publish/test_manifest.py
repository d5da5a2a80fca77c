"""The manifest: what statusgen wrote, trusted only where the store's listing confirms it."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime

import pytest

from generator.errors import PublishError
from generator.publish.headers import Headers
from generator.publish.manifest import (
    Entry,
    Listed,
    Manifest,
    Remote,
    decode_manifest,
    encode_manifest,
    remote_state,
)

HTML = Headers("text/html; charset=utf-8", "public, max-age=60")
CSS = Headers("text/css; charset=utf-8", "public, max-age=31536000, immutable")
PAGE = Entry("a" * 64, 120, '"0cc175b9c0f1b6a831c399e269772661"', HTML)
FEED = Entry("b" * 64, 80, '"92eb5ffee6ae2fec3ad71c777531578f"', HTML)
OLD_STYLE = Entry("c" * 64, 900, '"4a8a08f09d37b73795649038408b5f33"', CSS, datetime(2026, 11, 20, 12, tzinfo=UTC))


def listed(entry: Entry) -> Listed:
    return Listed(entry.size, entry.etag)


def test_a_manifest_survives_a_round_trip_and_always_encodes_to_the_same_bytes() -> None:
    manifest = Manifest({"incidents/1/index.html": PAGE, "static/style.1.css": OLD_STYLE}, {"feed.atom": FEED})
    encoded = encode_manifest(manifest)
    assert decode_manifest(encoded, "s3://b/") == manifest
    assert encode_manifest(Manifest(dict(reversed(manifest.objects.items())), manifest.pending)) == encoded


def test_entries_the_listing_confirms_are_known_and_the_rest_sorted_out() -> None:
    manifest = Manifest({"kept": PAGE, "hand-deleted": PAGE, "hand-replaced": PAGE}, {"half-done": FEED})
    remote = remote_state(
        manifest,
        {
            "kept": listed(PAGE),
            "hand-replaced": Listed(PAGE.size, '"ffffffffffffffffffffffffffffffff"'),
            "half-done": listed(FEED),
            "CNAME": Listed(20, '"1"'),
        },
    )
    assert remote == Remote(
        known={"kept": PAGE, "half-done": FEED},
        unknown=frozenset({"hand-replaced"}),
        foreign=frozenset({"CNAME"}),
    )
    assert remote.present == {"kept", "half-done", "hand-replaced", "CNAME"}


def test_a_key_whose_content_statusgen_no_longer_knows_is_still_its_own() -> None:
    forgotten = Entry("", 0, "", Headers("", ""))
    remote = remote_state(
        Manifest({}, {"incidents/9/index.html": forgotten}), {"incidents/9/index.html": Listed(0, "")}
    )
    assert remote.unknown == {"incidents/9/index.html"} and not remote.known


@pytest.mark.parametrize(
    "data",
    [b"not gzip", gzip.compress(b"[]"), gzip.compress(b'{"format": "other"}'), gzip.compress(b"{\xff")],
    ids=["not-gzip", "a-list", "another-format", "not-utf8"],
)
def test_a_damaged_manifest_is_one_line_saying_how_to_start_over(data: bytes) -> None:
    with pytest.raises(PublishError) as raised:
        decode_manifest(data, "s3://status-acme/")
    assert str(raised.value) == (
        "s3://status-acme/.statusgen-publish.json.gz is damaged; delete it to start over "
        "(the next publish then uploads everything and leaves unknown objects alone)"
    )


def test_a_manifest_of_another_version_is_not_guessed_at() -> None:
    with pytest.raises(PublishError) as raised:
        decode_manifest(gzip.compress(b'{"format": "statusgen-publish", "version": 2}'), "s3://status-acme/")
    assert str(raised.value) == (
        "s3://status-acme/.statusgen-publish.json.gz was written by another version of statusgen (format 2); "
        "publish with that version, or delete it to start over"
    )
