"""A build's snapshot digests: hashed beside the parse when no last build can answer, before it when one can."""

from __future__ import annotations

import functools
import json
import shutil
import threading
import time
from pathlib import Path

import pytest

from generator import build
from generator.build_inputs import whole_key
from generator.config import Config
from generator.errors import SnapshotError
from generator.later import THREAD_NAME
from generator.seal import seal_file_for
from generator.snapshot import LoadedSnapshot, SnapshotSource, snapshot_to_json
from generator.snapshot_sections import FileDigests, file_digests
from generator.writer import MARKER_NAME
from tests import factories as f

BASE = "https://status.example.com"


def sample(title: str = "Incident 2"):  # type: ignore[no-untyped-def]
    return f.snapshot(f.incident(1, updates=(f.note("n1", 0.5, "first"),)), f.incident(2, title=title))


class Watched(SnapshotSource):
    """A source that tells when its digests and its parse happen; with `overlap`, its digests wait for the parse.

    Hashing that waits for the parse can finish only if the build parses while it hashes: a build that
    waited for the digests first would find them missing (after a bounded wait) instead of hanging.
    """

    overlap = False

    @functools.cached_property
    def events(self) -> list[str]:
        return []

    @functools.cached_property
    def parsing(self) -> threading.Event:
        return threading.Event()

    @functools.cached_property
    def digests(self) -> FileDigests:
        if self.overlap and not self.parsing.wait(timeout=20):
            self.events.append("digests waited for the parse in vain")
        self.events.append("digests")
        return file_digests(self.data, self.spans)

    def load(self) -> LoadedSnapshot:
        self.events.append("load")
        self.parsing.set()
        return super().load()


def watched(title: str = "Incident 2", overlap: bool = False) -> Watched:
    source = Watched(snapshot_to_json(sample(title)).encode("utf-8"), "test snapshot")
    source.overlap = overlap
    return source


def whole_of(source: SnapshotSource, config: Config) -> str:
    return whole_key(config, file_digests(source.data).whole, None)


def test_a_first_build_hashes_its_file_while_it_parses_it_and_keys_the_site_by_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, config = tmp_path / "site", Config(output=tmp_path / "site", base_url=BASE)
    threads_when_planned: list[list[str]] = []
    prepare = build._prepare

    def planned(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads_when_planned.append([thread.name for thread in threading.enumerate() if thread.name == THREAD_NAME])
        return prepare(*args, **kwargs)

    monkeypatch.setattr(build, "_prepare", planned)
    source = watched(overlap=True)
    build.build_from_source(source, config, environ={})
    assert source.events == ["load", "digests"]
    # Waited for before the plan, so no hashing thread is left when workers are forked from it.
    assert threads_when_planned == [[]]
    assert json.loads((out / MARKER_NAME).read_text(encoding="utf-8"))["whole"] == whole_of(source, config)
    assert json.loads(seal_file_for(out).read_text(encoding="utf-8"))["whole"] == whole_of(source, config)


@pytest.mark.parametrize("left", ["marker and seal", "marker", "seal"])
def test_beside_a_last_build_the_digests_come_first_so_that_unchanged_data_is_never_parsed(
    tmp_path: Path, left: str
) -> None:
    out, config = tmp_path / "site", Config(output=tmp_path / "site", base_url=BASE)
    build.build_from_source(watched(), config, environ={})
    if left == "seal":
        shutil.rmtree(out)  # the seal stays beside where the site was
    if left == "marker":
        seal_file_for(out).unlink()
    changed = watched(title="Renamed incident")
    build.build_from_source(changed, config, environ={})
    assert changed.events == ["digests", "load"]
    if left != "seal":  # (a site gone is built again, whatever its seal says)
        if left == "marker":
            seal_file_for(out).unlink()  # the build above sealed it again: the marker alone must answer
        same = watched(title="Renamed incident")
        report = build.build_from_source(same, config, environ={})
        assert same.events == ["digests"] and not report.write.has_changes


def test_without_the_cache_a_build_never_waits_for_its_digests_before_parsing(tmp_path: Path) -> None:
    config = Config(output=tmp_path / "site", base_url=BASE)
    build.build_from_source(watched(), config, environ={})
    again = watched(overlap=True)
    build.build_from_source(again, config, environ={}, use_cache=False)
    assert again.events == ["load", "digests"]


class Unreadable(SnapshotSource):
    """A file whose parse fails at once while its digests are still being made."""

    @functools.cached_property
    def digests(self) -> FileDigests:
        time.sleep(0.5)
        return file_digests(self.data, self.spans)

    def load(self) -> LoadedSnapshot:
        raise SnapshotError("not a snapshot")


def test_a_build_whose_parse_fails_leaves_no_hashing_thread_behind(tmp_path: Path) -> None:
    """`statusgen serve` goes on after a failed build, and its next build forks workers: no thread may be left."""
    source = Unreadable(snapshot_to_json(sample()).encode("utf-8"), "test snapshot")
    with pytest.raises(SnapshotError):
        build.build_from_source(source, Config(output=tmp_path / "site", base_url=BASE), environ={})
    assert [thread for thread in threading.enumerate() if thread.name == THREAD_NAME] == []
