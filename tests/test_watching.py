"""What serve's watcher reports: changes below watched folders, and to watched files only, renames included."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.watching import Watcher

PATIENCE = 30  # seconds: generous, for a busy machine


@pytest.fixture
def watcher() -> Iterator[Watcher]:
    watching = Watcher()
    yield watching
    watching.stop()


def test_a_change_deep_below_a_watched_folder_is_reported(watcher: Watcher, tmp_path: Path) -> None:
    (tmp_path / "theme" / "static").mkdir(parents=True)
    watcher.watch([tmp_path / "theme"], [])
    (tmp_path / "theme" / "static" / "style.css").write_text("body {}", encoding="utf-8")
    assert watcher.changed(PATIENCE) == {(tmp_path / "theme" / "static" / "style.css").resolve()}


def test_a_watched_file_is_reported_when_replaced_by_a_rename_and_its_neighbours_never(
    watcher: Watcher, tmp_path: Path
) -> None:
    settings = tmp_path / "statusgen.toml"
    settings.write_text('title = "One"\n', encoding="utf-8")
    watcher.watch([], [settings])
    (tmp_path / "notes.txt").write_text("not watched", encoding="utf-8")
    assert watcher.changed(1) == set()
    (tmp_path / ".statusgen.toml.new").write_text('title = "Two"\n', encoding="utf-8")
    os.replace(tmp_path / ".statusgen.toml.new", settings)  # as editors and `statusgen fetch` save
    assert settings.resolve() in watcher.changed(PATIENCE)


def test_watching_other_paths_stops_reporting_the_old_ones(watcher: Watcher, tmp_path: Path) -> None:
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    watcher.watch([tmp_path / "old"], [])
    watcher.watch([tmp_path / "new"], [])
    (tmp_path / "old" / "a.html").write_text("a", encoding="utf-8")
    (tmp_path / "new" / "b.html").write_text("b", encoding="utf-8")
    assert watcher.changed(PATIENCE) == {(tmp_path / "new" / "b.html").resolve()}
