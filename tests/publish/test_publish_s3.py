"""Publishing to a real S3 API (moto's server on 127.0.0.1): first run, no change, one note, retraction, headers.

Each test builds small sites with the real build and publishes them with the
real store; a Recorder logs every request that changes the bucket.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.errors import PublishError
from generator.publish.destination import Destination
from generator.publish.manifest import MANIFEST_KEY
from generator.publish.objects import site_objects
from generator.publish.publisher import Outcome, publish_site
from generator.publish.settings import PublishSettings
from generator.publish.sync import SyncReport
from tests.publish import sites
from tests.publish.s3 import BucketReader, S3Server, headers, listing
from tests.publish.stores import Recorder

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)


@pytest.fixture
def destination(s3_server: S3Server) -> Destination:
    return Destination(s3_server.new_bucket(), "", endpoint_url=s3_server.url)


def publish(
    site: Path, destination: Destination, recorder: Recorder | None = None, **settings: object
) -> tuple[SyncReport, Recorder]:
    """One real publish of `site`; its report, and the log of the requests that changed the bucket."""
    recorder = recorder or Recorder()
    (outcome,) = publish_site(site, [destination], PublishSettings(**settings), NOW, opener=recorder.open)  # type: ignore[arg-type]
    assert outcome.error is None, outcome.error
    assert outcome.report is not None
    return outcome.report, recorder


def bucket(s3_server: S3Server, destination: Destination) -> dict[str, bytes]:
    return BucketReader(s3_server.client(), destination.bucket, destination.prefix).objects()


def expected_objects(site: Path, rooted: bool = False) -> dict[str, bytes]:
    """What the bucket must hold for `site`: each file, each folder key, each folder's redirect."""
    items = site_objects(site, PublishSettings(), rooted=rooted)
    return {
        key: item.body if item.body is not None else (site / item.source).read_bytes() for key, item in items.items()
    }


def test_the_first_publish_uploads_every_file_folder_key_and_redirect(
    tmp_path: Path, s3_server: S3Server, destination: Destination
) -> None:
    site = sites.build(tmp_path / "site", sites.base_snapshot())
    report, recorder = publish(site, destination)
    expected = expected_objects(site)
    published = bucket(s3_server, destination)
    assert published.pop(MANIFEST_KEY)
    assert published == expected
    assert {"incidents/3/", "incidents/3", "history/2026-11/", "history/", "history"} <= set(published)
    assert (report.uploaded, report.deleted, report.unchanged, report.manifest_writes) == (len(expected), 0, 0, 2)
    assert report.uploaded_bytes == sum(len(content) for content in expected.values())
    assert recorder.log[0] == recorder.log[-1] == ("manifest", ""), "intentions first, the manifest last"


def test_a_run_with_nothing_changed_writes_nothing(tmp_path: Path, destination: Destination) -> None:
    site = sites.build(tmp_path / "site", sites.base_snapshot())
    first, _ = publish(site, destination)
    again, recorder = publish(site, destination)
    assert recorder.log == []
    assert (again.uploaded, again.uploaded_bytes, again.deleted, again.unchanged) == (0, 0, 0, first.uploaded)
    assert again.summary() == f"0 uploaded (0 bytes), 0 deleted, {first.uploaded} unchanged"


def changed_keys(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {key for key, content in after.items() if before.get(key) != content}


def test_a_new_note_uploads_only_the_objects_it_changed(
    tmp_path: Path, s3_server: S3Server, destination: Destination
) -> None:
    site = sites.build(tmp_path / "site", sites.base_snapshot())
    publish(site, destination)
    before = expected_objects(site)
    sites.build(site, sites.with_note(sites.base_snapshot(), 5, "The fix is rolling out."))
    after = expected_objects(site)
    report, recorder = publish(site, destination)
    changed = changed_keys(before, after)
    assert {"incidents/5/index.html", "incidents/5/", "incidents/5/feed.atom", "feed.atom"} <= changed
    assert "incidents/5" not in changed, "a redirect does not change with its page"
    assert len(changed) < len(after) / 3
    assert recorder.uploaded() == changed and recorder.deleted() == set()
    assert report.uploaded == len(changed) and report.unchanged == len(after) - len(changed)
    assert bucket(s3_server, destination) == {**after, MANIFEST_KEY: bucket(s3_server, destination)[MANIFEST_KEY]}


def test_a_same_length_correction_in_a_file_with_an_older_mtime_is_uploaded(
    tmp_path: Path, s3_server: S3Server, destination: Destination
) -> None:
    """The aws-s3-sync failure: a CI cache restored after a failed run made the fixed feed look old."""
    site = sites.build(tmp_path / "site", sites.with_note(sites.base_snapshot(), 5, "Teh fix is rolling out."))
    publish(site, destination)
    feed = site / "feed.atom"
    stale = feed.stat()
    sites.build(site, sites.with_note(sites.base_snapshot(), 5, "The fix is rolling out."))
    assert feed.stat().st_size == stale.st_size
    os.utime(feed, ns=(stale.st_atime_ns, stale.st_mtime_ns - 10**12))
    _, recorder = publish(site, destination)
    assert "feed.atom" in recorder.uploaded()
    assert b"The fix is rolling out." in bucket(s3_server, destination)["feed.atom"]


def test_a_retraction_deletes_the_incidents_objects_after_every_upload(
    tmp_path: Path, s3_server: S3Server, destination: Destination
) -> None:
    site = sites.build(tmp_path / "site", sites.base_snapshot())
    publish(site, destination)
    sites.build(site, sites.without(sites.base_snapshot(), 2))
    report, recorder = publish(site, destination)
    gone = {"incidents/2", "incidents/2/", "incidents/2/index.html", "incidents/2/feed.atom"}
    assert recorder.deleted() == gone and report.deleted == 4
    actions = [action for action, _ in recorder.changes()]
    assert actions == sorted(actions, key=lambda action: action == "delete") and actions[-1] == "delete"
    assert [key for action, key in recorder.changes() if action == "delete"][-1] == "incidents/2/feed.atom"
    published = bucket(s3_server, destination)
    assert not gone & set(published)
    assert not [key for key, content in published.items() if b"Incident 2:" in content or b"incidents/2/" in content]


HEADERS = {
    "index.html": ("text/html; charset=utf-8", "public, max-age=60, stale-while-revalidate=60, stale-if-error=86400"),
    "incidents/3/": ("text/html; charset=utf-8", "public, max-age=60, stale-while-revalidate=60, stale-if-error=86400"),
    "incidents/3": ("text/html; charset=utf-8", "public, max-age=60, stale-while-revalidate=60, stale-if-error=86400"),
    "feed.rss": ("application/rss+xml", "public, max-age=60, stale-while-revalidate=60, stale-if-error=86400"),
    "incidents/3/feed.atom": ("application/atom+xml", "public, max-age=30"),
    "api/v2/summary.json": ("application/json", "public, max-age=60, stale-while-revalidate=60, stale-if-error=86400"),
    "badge.svg": ("image/svg+xml", "public, max-age=60, stale-while-revalidate=60, stale-if-error=86400"),
    "sitemap.xml": ("application/xml", "public, max-age=60, stale-while-revalidate=60, stale-if-error=86400"),
    "robots.txt": ("text/plain; charset=utf-8", "public, max-age=60, stale-while-revalidate=60, stale-if-error=86400"),
}


def test_every_object_is_served_with_its_content_type_and_cache_control(
    tmp_path: Path, s3_server: S3Server, destination: Destination
) -> None:
    site = sites.build(tmp_path / "site", sites.base_snapshot())
    publish(site, destination, cache_control=(("*.atom", "public, max-age=30"),))
    client = s3_server.client()
    for key, expected in HEADERS.items():
        assert headers(client, destination.bucket, key) == expected, key
    (style,) = [key for key in listing(client, destination.bucket) if key.startswith("static/style.")]
    assert headers(client, destination.bucket, style) == (
        "text/css; charset=utf-8",
        "public, max-age=31536000, immutable",
    )


def test_changed_header_settings_upload_the_objects_again(tmp_path: Path, destination: Destination) -> None:
    site = sites.build(tmp_path / "site", sites.base_snapshot())
    publish(site, destination)
    _, recorder = publish(site, destination, content_type=(("*.rss", "application/rss+xml; charset=utf-8"),))
    assert recorder.uploaded() == {"feed.rss"}


def test_an_object_deleted_or_replaced_by_hand_is_noticed_and_uploaded_again(
    tmp_path: Path, s3_server: S3Server, destination: Destination
) -> None:
    site = sites.build(tmp_path / "site", sites.base_snapshot())
    publish(site, destination)
    client = s3_server.client()
    client.delete_object(Bucket=destination.bucket, Key="incidents/4/")
    client.put_object(Bucket=destination.bucket, Key="feed.rss", Body=b"<rss>defaced</rss>")
    report, recorder = publish(site, destination)
    assert recorder.uploaded() == {"incidents/4/", "feed.rss"} and report.deleted == 0
    assert bucket(s3_server, destination)["feed.rss"] == (site / "feed.rss").read_bytes()


def test_objects_statusgen_did_not_write_are_left_alone(
    tmp_path: Path, s3_server: S3Server, destination: Destination
) -> None:
    client = s3_server.client()
    client.put_object(Bucket=destination.bucket, Key="google1234.html", Body=b"google-site-verification")
    site = sites.build(tmp_path / "site", sites.base_snapshot())
    report, _ = publish(site, destination)
    sites.build(site, sites.without(sites.base_snapshot(), 2))
    again, _ = publish(site, destination)
    assert report.left_alone == again.left_alone == 1
    assert "1 objects statusgen did not write left alone" in again.summary()
    assert bucket(s3_server, destination)["google1234.html"] == b"google-site-verification"


def test_a_site_below_a_folder_gets_the_folder_key_of_its_home_page(tmp_path: Path, s3_server: S3Server) -> None:
    destination = Destination(s3_server.new_bucket(), "status/", endpoint_url=s3_server.url)
    site = sites.build(tmp_path / "site", sites.base_snapshot())
    publish(site, destination)
    published = bucket(s3_server, destination)
    assert published[""] == published["index.html"] == (site / "index.html").read_bytes()
    assert set(listing(s3_server.client(), destination.bucket)) == {f"status/{key}" for key in published}


def test_without_folder_keys_only_the_files_are_published(
    tmp_path: Path, s3_server: S3Server, destination: Destination
) -> None:
    site = sites.build(tmp_path / "site", sites.base_snapshot())
    publish(site, destination, folder_keys=False)
    published = bucket(s3_server, destination)
    del published[MANIFEST_KEY]
    assert published == sites.site_files(site)


def test_a_dry_run_plans_what_a_run_then_does_and_changes_nothing(
    tmp_path: Path, s3_server: S3Server, destination: Destination
) -> None:
    site = sites.build(tmp_path / "site", sites.base_snapshot())
    publish(site, destination)
    sites.build(site, sites.everything_changed(sites.base_snapshot()), sites.NEW_LOGO)
    before = bucket(s3_server, destination)
    (dry,) = publish_site(site, [destination], PublishSettings(), NOW, dry_run=True)
    assert dry.plan is not None and dry.report is None and bucket(s3_server, destination) == before
    report, recorder = publish(site, destination)
    planned = [(("put", item.key)) for group in dry.plan.uploads for item in group]
    planned += [("delete", key) for group in dry.plan.deletions for key in group]
    assert sorted(recorder.changes()) == sorted(planned) and report.uploaded == dry.plan.upload_count


def test_two_destinations_reach_the_same_state_and_one_failing_stops_no_other(
    tmp_path: Path, s3_server: S3Server, destination: Destination
) -> None:
    site = sites.build(tmp_path / "site", sites.base_snapshot())
    second = Destination(s3_server.new_bucket(), "", endpoint_url=s3_server.url)
    missing = Destination("status-nonexistent", "", endpoint_url=s3_server.url)
    outcomes = publish_site(site, [destination, missing, second], PublishSettings(), NOW)
    assert [outcome.error for outcome in outcomes] == [
        None,
        f"s3://status-nonexistent/: the bucket status-nonexistent does not exist at {s3_server.url}",
        None,
    ]
    first_objects, second_objects = bucket(s3_server, destination), bucket(s3_server, second)
    assert first_objects == second_objects
    assert len(first_objects) == len(expected_objects(site)) + 1
    assert isinstance(outcomes[0], Outcome) and outcomes[0].report == outcomes[2].report


def test_the_same_destination_twice_is_refused(tmp_path: Path, destination: Destination) -> None:
    site = sites.build(tmp_path / "site", sites.base_snapshot())
    with pytest.raises(PublishError) as raised:
        publish_site(site, [destination, destination], PublishSettings(), NOW)
    assert str(raised.value) == f"{destination} is given twice; publish to each destination once"
