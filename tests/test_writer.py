"""The output folder is replaced as a whole, keeps unchanged files untouched, and refuses danger."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.errors import OutputError
from generator.writer import MARKER_NAME, compare_with_existing, open_site, write_site


def test_first_write_creates_the_folder_with_a_marker(tmp_path: Path) -> None:
    report = write_site({"index.html": b"hi", "a/b.html": b"b"}, tmp_path / "site")
    assert (tmp_path / "site" / "a" / "b.html").read_bytes() == b"b"
    assert (tmp_path / "site" / MARKER_NAME).is_file()
    assert report.added == ("a/b.html", "index.html") and report.unchanged == 0


def test_rewrite_keeps_unchanged_files_and_removes_stale_ones(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site({"same.html": b"same", "changed.html": b"old", "gone.html": b"x"}, out)
    past = 1_000_000_000
    os.utime(out / "same.html", (past, past))
    report = write_site({"same.html": b"same", "changed.html": b"new", "new.html": b"n"}, out)
    assert (out / "same.html").stat().st_mtime == past
    assert (out / "changed.html").read_bytes() == b"new"
    assert not (out / "gone.html").exists()
    assert (report.added, report.changed, report.removed, report.unchanged) == (
        ("new.html",),
        ("changed.html",),
        ("gone.html",),
        1,
    )
    assert report.summary() == "1 added, 1 changed, 1 removed, 1 unchanged"


def test_compare_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site({"a.html": b"a"}, out)
    report = compare_with_existing({"a.html": b"b"}, out)
    assert report.changed == ("a.html",) and (out / "a.html").read_bytes() == b"a"


def test_refuses_to_replace_a_folder_it_did_not_make(tmp_path: Path) -> None:
    home = tmp_path / "important"
    home.mkdir()
    (home / "thesis.tex").write_text("years of work")
    with pytest.raises(
        OutputError, match="refusing to replace .*important: it is not empty and was not made by statusgen"
    ):
        write_site({"index.html": b"x"}, home)
    assert (home / "thesis.tex").read_text() == "years of work"


@pytest.mark.parametrize("bad", ["../escape.html", "/etc/passwd", "a/../../b", "a\\b"])
def test_refuses_paths_outside_the_folder(tmp_path: Path, bad: str) -> None:
    with pytest.raises(OutputError, match="refusing to write outside the output folder"):
        write_site({bad: b"x"}, tmp_path / "site")


def test_failed_write_leaves_the_old_site_and_no_leftovers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    write_site({"index.html": b"old"}, out)

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("generator.writer.swap_into_place", full_disk)
    with pytest.raises(OutputError, match="No space left on device; the previous site is unchanged"):
        write_site({"index.html": b"new"}, out)
    assert (out / "index.html").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.statusgen.lock", "site"]


def test_interrupted_two_step_swap_is_recovered(tmp_path: Path) -> None:
    retired = tmp_path / ".site.statusgen-old"
    retired.mkdir()
    (retired / MARKER_NAME).write_text("")
    (retired / "index.html").write_bytes(b"old")
    report = write_site({"index.html": b"old"}, tmp_path / "site")
    assert report.unchanged == 1 and not retired.exists()


def test_two_outputs_with_one_path_fail_and_leave_the_old_site(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site({"index.html": b"old"}, out)
    with pytest.raises(OutputError) as raised, open_site(out) as site:
        site.add("index.html", b"new")
        site.add("index.html", b"newer")
    assert str(raised.value) == "two outputs want the same path 'index.html'; rename one of them in the theme"
    assert (out / "index.html").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir() if "statusgen-" in p.name) == []  # no staging left
