"""Every link keeps working while a run publishes, when it stops half-way, and after the next run finishes it.

The bucket is listed (and what changed in it read) after every request that
changes it. A visitor may have any page that existed before the run
bookmarked, and may follow links from there or from the entry points.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.publish.destination import Destination
from generator.publish.objects import site_objects
from generator.publish.publisher import publish_site
from generator.publish.settings import PublishSettings
from tests.publish import sites
from tests.publish.links import broken_links
from tests.publish.s3 import BucketReader, S3Server
from tests.publish.stores import Recorder

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)
pytestmark = pytest.mark.slow  # many publishes, and a listing after every request


def new_destination(s3_server: S3Server) -> Destination:
    return Destination(s3_server.new_bucket(), "", endpoint_url=s3_server.url)


def run(site: Path, destination: Destination, recorder: Recorder, **settings: object) -> str | None:
    (outcome,) = publish_site(site, [destination], PublishSettings(**settings), NOW, opener=recorder.open)  # type: ignore[arg-type]
    return outcome.error


@pytest.fixture
def sites_before_and_after(tmp_path: Path) -> tuple[Path, Path]:
    """The base site, and a month later: a new logo, month, episode and incidents, a note and a retraction."""
    before = sites.build(tmp_path / "before", sites.base_snapshot())
    after = sites.build(tmp_path / "after", sites.everything_changed(sites.base_snapshot()), sites.NEW_LOGO)
    return before, after


@pytest.mark.parametrize("folder_keys", [True, False], ids=["folder-keys", "index-documents"])
def test_every_link_resolves_after_every_request(
    sites_before_and_after: tuple[Path, Path], s3_server: S3Server, folder_keys: bool
) -> None:
    before, after = sites_before_and_after
    destination = new_destination(s3_server)
    reader = BucketReader(s3_server.client(), destination.bucket)
    problems: list[str] = []
    bookmarked: set[str] = set()

    def check() -> None:
        problems.extend(
            f"after request {len(recorder.log)}: {link}"
            for link in broken_links(reader.objects(), bookmarked, folder_keys, retracted)
        )

    settings = PublishSettings(folder_keys=folder_keys)
    retracted = set(site_objects(before, settings, rooted=False)) - set(site_objects(after, settings, rooted=False))
    assert {"incidents/2/index.html", "incidents/2/feed.atom"} <= retracted
    assert run(before, destination, Recorder(), folder_keys=folder_keys) is None
    bookmarked.update(reader.objects())
    recorder = Recorder(after_each=check)
    assert run(after, destination, recorder, folder_keys=folder_keys, concurrency=1) is None
    assert problems == []
    assert len(recorder.log) > 30, "the change must take many requests to prove anything"
    assert {action for action, _ in recorder.log} == {"manifest", "put", "delete"}


def test_the_checker_sees_a_link_to_a_missing_object(sites_before_and_after: tuple[Path, Path]) -> None:
    """The link check itself can fail: an incident page whose feed is missing is reported."""
    before, _ = sites_before_and_after
    objects = sites.site_files(before)
    assert broken_links(objects, folder_keys=False) == []
    del objects["incidents/3/feed.atom"]
    assert broken_links(objects, folder_keys=False) == ["incidents/3/index.html -> incidents/3/feed.atom"]
    # Plain files on a store without index documents: every folder link is broken.
    assert "api/v2/incidents.json -> incidents/3/" in broken_links(objects, folder_keys=True)


@pytest.mark.parametrize("stop_at", [0.02, 0.25, 0.5, 0.75, 0.98, 1.0])
def test_a_run_stopped_half_way_leaves_links_working_and_the_next_run_finishes_it(
    sites_before_and_after: tuple[Path, Path], s3_server: S3Server, stop_at: float
) -> None:
    before, after = sites_before_and_after
    # The reference: the same change in one uninterrupted run.
    clean = new_destination(s3_server)
    assert run(before, clean, Recorder()) is None
    whole = Recorder()
    assert run(after, clean, whole) is None
    requests = len(whole.log)

    destination = new_destination(s3_server)
    reader = BucketReader(s3_server.client(), destination.bucket)
    assert run(before, destination, Recorder()) is None
    bookmarked = set(reader.objects())
    stop_after = max(1, round(requests * stop_at)) - 1  # requests that succeed before the failure
    stopped = Recorder(fail_after=stop_after)
    assert run(after, destination, stopped) == f"stopped after {stop_after} requests"
    retracted = set(site_objects(before, PublishSettings(), False)) - set(site_objects(after, PublishSettings(), False))
    assert broken_links(reader.objects(), bookmarked, retracted=retracted) == []

    finishing = Recorder()
    assert run(after, destination, finishing) is None
    assert finishing.uploaded() == whole.uploaded() - stopped.uploaded(), "only what the stopped run did not upload"
    assert finishing.deleted() == whole.deleted() - stopped.deleted()
    assert reader.objects() == BucketReader(s3_server.client(), clean.bucket).objects()
