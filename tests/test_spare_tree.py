"""The spare tree (spare_tree.py): the site before last, brought up to date by what changed, then swapped in.

Each test writes a sequence of sites and checks that the folder holds exactly
the last one, whatever the spare held: files changed, added or removed one
build ago and kept, changed or removed now.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import stat
from pathlib import Path

import pytest

from generator import writer as writer_module
from generator.site_swap import exchange
from generator.spare_tree import spare_folder_for, spare_record_for
from generator.writer import MARKER_NAME, open_site, replace_files, write_site
from tests.statusgen_runs import leftovers, tree_bytes


def site_files(out: Path) -> dict[str, bytes]:
    return {path: data for path, data in tree_bytes(out).items() if path != MARKER_NAME}


def has_exchange(tmp_path: Path) -> bool:
    first, second = tmp_path / "x1", tmp_path / "x2"
    first.mkdir()
    second.mkdir()
    try:
        return exchange(first, second)
    finally:
        first.rmdir()
        second.rmdir()


@pytest.fixture
def out(tmp_path: Path) -> Path:
    if not has_exchange(tmp_path):
        pytest.skip("this file system has no atomic exchange, so no spare is kept")
    return tmp_path / "site"


def test_the_third_build_swaps_back_the_first_tree_brought_up_to_date(out: Path) -> None:
    first = {"same.html": b"same", "a/changed.html": b"1", "a/gone-now.html": b"x", "gone-before.html": b"y"}
    second = {"same.html": b"same", "a/changed.html": b"2", "a/gone-now.html": b"x", "b/added.html": b"new"}
    third = {"same.html": b"same", "a/changed.html": b"2", "b/added.html": b"new", "c/third.html": b"3"}
    write_site(first, out)
    first_root = out.stat().st_ino
    write_site(second, out)
    assert spare_folder_for(out).stat().st_ino == first_root  # the first site, kept beside the output
    report = write_site(third, out)
    assert out.stat().st_ino == first_root  # the spare was brought up to date and swapped in
    assert site_files(out) == third
    assert (report.added, report.removed, report.unchanged) == (("c/third.html",), ("a/gone-now.html",), 3)
    assert leftovers(out) == []


def test_a_file_changed_one_build_ago_and_kept_now_is_the_newer_one(out: Path) -> None:
    write_site({"page.html": b"old", "other.html": b"o"}, out)
    write_site({"page.html": b"newer", "other.html": b"o"}, out)
    write_site({"page.html": b"newer", "other.html": b"changed"}, out)  # the spare still held "old"
    assert site_files(out) == {"page.html": b"newer", "other.html": b"changed"}


def test_writing_into_the_spare_never_changes_the_published_site(out: Path) -> None:
    """The trees share the inodes of unchanged files: a new file must be a new inode."""
    write_site({"page.html": b"one", "x.html": b"x"}, out)
    write_site({"page.html": b"one", "x.html": b"y"}, out)  # page.html: one inode in both trees
    witness = out.parent / "witness"
    os.link(out / "page.html", witness)
    write_site({"page.html": b"two", "x.html": b"y"}, out)
    assert (out / "page.html").read_bytes() == b"two"
    assert witness.read_bytes() == b"one"  # the old inode, published until the swap, was never written


def test_what_the_new_site_took_down_does_not_wait_readable_in_the_spare(out: Path) -> None:
    write_site({"incidents/7/index.html": b"private now", "index.html": b"1"}, out)
    write_site({"incidents/7/index.html": b"private now", "index.html": b"2"}, out)
    write_site({"incidents/7/index.html": b"taken down", "index.html": b"2", "note.html": b"n"}, out)
    spare = spare_folder_for(out)
    assert stat.S_IMODE(spare.stat().st_mode) == 0o700
    assert not (spare / "incidents" / "7" / "index.html").exists()
    write_site({"index.html": b"3"}, out)  # the page removed: not in the spare either
    assert not (spare_folder_for(out) / "incidents" / "7" / "index.html").exists()
    assert stat.S_IMODE(out.stat().st_mode) == 0o755


def test_a_spare_touched_by_hand_is_not_trusted(out: Path) -> None:
    write_site({"a/page.html": b"1", "b.html": b"b"}, out)
    write_site({"a/page.html": b"2", "b.html": b"b"}, out)
    (spare_folder_for(out) / "a" / "stray.html").write_bytes(b"not ours")
    write_site({"a/page.html": b"2", "b.html": b"c"}, out)
    assert site_files(out) == {"a/page.html": b"2", "b.html": b"c"}


def test_without_its_record_the_spare_is_removed_and_not_used(out: Path) -> None:
    write_site({"page.html": b"1"}, out)
    write_site({"page.html": b"2"}, out)
    spare_record_for(out).unlink()
    (spare_folder_for(out) / "stray.html").write_bytes(b"not ours")
    write_site({"page.html": b"3"}, out)
    assert site_files(out) == {"page.html": b"3"}
    assert not (spare_folder_for(out) / "stray.html").exists()


def test_random_sequences_of_sites_always_leave_exactly_the_last(out: Path) -> None:
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    names = [f"{folder}/{name}.html".lstrip("/") for folder in ("", "a", "a/b", "c") for name in "pqrs"]
    for step in range(30):
        files = {name: rng.choice([b"1", b"2", b"3"]) for name in names if rng.random() < 0.7}
        if rng.random() < 0.3:  # "a" a file now, where other sites have the folder a/
            files = {name: data for name, data in files.items() if not name.startswith("a/")} | {"a": b"f"}
        write_site(files, out)
        assert site_files(out) == files, f"seed {seed}, step {step}"
        assert leftovers(out) == []


def test_a_spare_kept_against_an_output_that_was_since_replaced_is_not_used(out: Path) -> None:
    """rm -rf and a build, a restore, another tool: the spare's differences were taken against another tree."""
    write_site({"a.html": b"A1"}, out)
    write_site({"a.html": b"A1", "b.html": b"b"}, out)  # the spare holds a.html = A1; only b.html differs
    shutil.rmtree(out)
    write_site({"a.html": b"A3"}, out)  # a plain rename: no spare is kept, and the stale one goes
    write_site({"a.html": b"A3", "c.html": b"c"}, out)
    assert site_files(out) == {"a.html": b"A3", "c.html": b"c"}
    backup = out.parent / "backup"
    shutil.copytree(out, backup)  # a.html = A3
    write_site({"a.html": b"A5", "c.html": b"c"}, out)
    write_site({"a.html": b"A5", "c.html": b"c", "d.html": b"d"}, out)  # the spare: a.html = A5; d.html differs
    shutil.rmtree(out)
    shutil.copytree(backup, out)  # restored by hand: a.html = A3 again, in another tree
    write_site({"a.html": b"A3", "c.html": b"c", "d.html": b"d2"}, out)
    assert site_files(out) == {"a.html": b"A3", "c.html": b"c", "d.html": b"d2"}


def test_a_build_that_only_renews_the_marker_keeps_the_spare_usable(out: Path) -> None:
    write_site({"a.html": b"1", "b.html": b"b"}, out)
    write_site({"a.html": b"2", "b.html": b"b"}, out)
    first_root = spare_folder_for(out).stat().st_ino
    write_site({"a.html": b"2", "b.html": b"b"}, out, state="another state")  # no file changes
    write_site({"a.html": b"2", "b.html": b"c"}, out)
    assert out.stat().st_ino == first_root  # the spare was taken
    assert site_files(out) == {"a.html": b"2", "b.html": b"c"}


def test_a_path_that_turns_from_file_to_folder_and_back(out: Path) -> None:
    sites = [{"a": b"file"}, {"a/index.html": b"page"}, {"a/index.html": b"page 2"}, {"a": b"file 2"}, {"a": b"3"}]
    for files in sites:
        write_site(files, out)
        assert site_files(out) == files


def test_a_spare_made_under_another_umask_is_not_used(out: Path) -> None:
    """Folders made by a cron job with umask 077 must not stay private once it runs with 022."""
    earlier = os.umask(0o077)
    try:
        write_site({"d/x.html": b"1"}, out)
        write_site({"d/x.html": b"2"}, out)
    finally:
        os.umask(0o022)
    try:
        write_site({"d/x.html": b"3"}, out)
        write_site({"d/x.html": b"4"}, out)
    finally:
        os.umask(earlier)
    assert stat.S_IMODE((out / "d").stat().st_mode) == 0o755


def test_an_empty_folder_made_by_hand_is_removed_and_does_not_come_back(out: Path) -> None:
    write_site({"a.html": b"1"}, out)
    write_site({"a.html": b"2"}, out)
    (out / "x").mkdir()
    report = write_site({"a.html": b"2"}, out)
    assert report.removed == ("x/",) and not (out / "x").exists()
    for step in range(3):
        write_site({"a.html": str(step).encode()}, out)
        assert not (out / "x").exists()


def test_without_the_cache_the_spare_is_neither_used_nor_kept(out: Path) -> None:
    """`--no-cache` rewrites every file: a file edited in place in the spare (undetectable) never comes back."""
    write_site({"page.html": b"1", "x.html": b"x"}, out)
    write_site({"page.html": b"1", "x.html": b"y"}, out)
    edited = spare_folder_for(out) / "page.html"  # the same inode as the published page.html
    edited.unlink()
    edited.write_bytes(b"edited by hand")
    with open_site(out, use_spare=False) as site:
        site.add("page.html", b"1")
        site.add("x.html", b"z")
        site.commit("")
    assert site_files(out) == {"page.html": b"1", "x.html": b"z"}
    assert not spare_folder_for(out).exists() and not spare_record_for(out).exists()


def test_files_replaced_in_place_by_a_run_killed_before_its_marker_never_come_back_older(
    out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cron run renews files in place (replace_files) and then the marker. Killed between the two, after
    renewing a file in a subfolder, it left the output's own identity (its folder's ctime) as the spare's record
    had it, and the record did not name that file: the next build took the spare's older copy of it as current."""
    write_site({"index.html": b"i1", "a/page.html": b"in 29 days"}, out)
    write_site({"index.html": b"i2", "a/page.html": b"in 29 days"}, out)  # the spare: a/page.html as the output's

    def killed(output: Path, state: str, temporary: Path | None = None) -> None:
        raise KeyboardInterrupt  # the run ends here: the file is renewed, the marker is not

    monkeypatch.setattr(writer_module, "replace_marker", killed)
    with pytest.raises(KeyboardInterrupt):
        replace_files(out, {"a/page.html": b"in 28 days"}, "state", unchanged=1)
    monkeypatch.undo()
    write_site({"index.html": b"i3", "a/page.html": b"in 28 days"}, out)  # what the output already shows
    assert site_files(out) == {"index.html": b"i3", "a/page.html": b"in 28 days"}


def test_files_replaced_in_place_keep_the_spare_usable_and_named_in_its_record(out: Path) -> None:
    write_site({"index.html": b"i1", "a/page.html": b"in 29 days"}, out)
    write_site({"index.html": b"i2", "a/page.html": b"in 29 days"}, out)
    first_root = spare_folder_for(out).stat().st_ino
    replace_files(out, {"a/page.html": b"in 28 days"}, "state", unchanged=1)
    assert "a/page.html" in json.loads(spare_record_for(out).read_bytes())["differs"]
    write_site({"index.html": b"i3", "a/page.html": b"in 28 days"}, out)
    assert out.stat().st_ino == first_root  # the spare was taken, and brought up to date
    assert site_files(out) == {"index.html": b"i3", "a/page.html": b"in 28 days"}
