"""The seal beside a built site: a no-change rebuild decided cheaply, and never when anything changed."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import pytest

from generator.config import Config
from generator.folder_evidence import folder_line, folder_lines
from generator.seal import files_file_for, seal_file_for, sealed_files, unchanged_report
from generator.snapshot import write_snapshot
from generator.writer import existing_files
from tests import factories as f
from tests.statusgen_runs import statusgen_command, statusgen_environment
from tests.synthetic import synthetic_snapshot

BASE = "https://status.example.com"


def build(snapshot_file: Path, out: Path, *extra: str, **environment: str) -> str:
    """The real `statusgen build` in a fresh process; its one-line summary."""
    done = subprocess.run(
        statusgen_command("build", "--snapshot", str(snapshot_file), "--out", str(out), "--base-url", BASE, *extra),
        capture_output=True,
        text=True,
        env=statusgen_environment(**environment),
        check=True,
        timeout=120,
    )
    return done.stderr.strip()


def files_of(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """A snapshot file and the site built from it, with its files."""
    snapshot_file, out = tmp_path / "snapshot.json", tmp_path / "site"
    write_snapshot(synthetic_snapshot(range(1, 8)), snapshot_file)
    assert build(snapshot_file, out).startswith("wrote ")
    return snapshot_file, out, files_of(out)


def test_a_no_change_rebuild_is_decided_before_anything_that_renders_is_imported(
    built: tuple[Path, Path, dict[str, bytes]],
) -> None:
    snapshot_file, out, _ = built
    arguments = ["build", "--snapshot", str(snapshot_file), "--out", str(out), "--base-url", BASE]
    program = (
        "import sys\nfrom generator.cli import main\n"
        f"try:\n    main({arguments!r})\n"
        "except SystemExit:\n    pass\n"
        # Nor what only a swap of folders needs: ctypes, whose util brings subprocess (site_swap.exchange).
        "print(sorted(m for m in ('jinja2', 'markdown_it', 'feedgen', 'lxml', 'generator.site', 'ctypes', 'subprocess')"
        " if m in sys.modules))"
    )
    done = subprocess.run(
        [*statusgen_command()[:1], "-c", program],
        capture_output=True,
        text=True,
        env=statusgen_environment(),
        check=True,
        timeout=120,
    )
    assert "is up to date" in done.stderr
    assert done.stdout.strip() == "[]"


def test_a_file_deleted_by_hand_is_written_again(built: tuple[Path, Path, dict[str, bytes]]) -> None:
    snapshot_file, out, before = built
    (out / "incidents" / "3" / "index.html").unlink()
    assert "1 added" in build(snapshot_file, out)
    assert files_of(out) == before


def test_a_folder_deleted_by_hand_is_written_again(built: tuple[Path, Path, dict[str, bytes]]) -> None:
    snapshot_file, out, before = built
    for name in os.listdir(out / "incidents" / "4"):
        (out / "incidents" / "4" / name).unlink()
    (out / "incidents" / "4").rmdir()
    assert "added" in build(snapshot_file, out)
    assert files_of(out) == before


def test_a_file_added_by_hand_is_removed(built: tuple[Path, Path, dict[str, bytes]]) -> None:
    snapshot_file, out, before = built
    (out / "incidents" / "2" / "extra.html").write_text("not ours", encoding="utf-8")
    assert "1 removed" in build(snapshot_file, out)
    assert files_of(out) == before


def test_a_file_edited_in_place_is_trusted_and_no_cache_writes_it_again(
    built: tuple[Path, Path, dict[str, bytes]],
) -> None:
    """The documented limit (seal.py): as the page cache, the seal trusts the bytes of files it wrote."""
    snapshot_file, out, before = built
    page = out / "incidents" / "5" / "index.html"
    with open(page, "r+b") as handle:  # in place: same inode, same folder
        handle.write(b"<!-- edited -->")
    assert "is up to date" in build(snapshot_file, out)
    assert "1 changed" in build(snapshot_file, out, "--no-cache")
    assert files_of(out) == before


def test_the_same_bytes_in_a_new_file_are_read_and_found_unchanged(built: tuple[Path, Path, dict[str, bytes]]) -> None:
    snapshot_file, out, before = built
    data = snapshot_file.read_bytes()
    snapshot_file.unlink()
    snapshot_file.write_bytes(data)  # another inode and ctime: the seal's digest is not trusted for it
    assert "is up to date" in build(snapshot_file, out)
    assert files_of(out) == before


def test_other_data_or_another_build_time_builds_again(built: tuple[Path, Path, dict[str, bytes]]) -> None:
    snapshot_file, out, _ = built
    later = str(int(f.TAKEN_AT.timestamp()) + 300)
    assert build(snapshot_file, out, SOURCE_DATE_EPOCH=later).startswith("wrote ")
    write_snapshot(synthetic_snapshot(range(1, 9)), snapshot_file)
    assert "added" in build(snapshot_file, out, SOURCE_DATE_EPOCH=later)


def test_another_setting_is_not_up_to_date(built: tuple[Path, Path, dict[str, bytes]]) -> None:
    snapshot_file, out, _ = built
    config = Config(output=out, base_url=BASE)
    assert unchanged_report(config, snapshot_file, None, None) is not None
    assert unchanged_report(Config(output=out, base_url=BASE, title="Renamed"), snapshot_file, None, None) is None


def test_a_replaced_marker_or_a_broken_seal_is_not_trusted(built: tuple[Path, Path, dict[str, bytes]]) -> None:
    snapshot_file, out, _ = built
    config = Config(output=out, base_url=BASE)
    marker = out / ".statusgen-site"
    text = marker.read_text(encoding="utf-8")
    marker.unlink()
    marker.write_text(text, encoding="utf-8")  # the same text, but not the file the seal describes
    assert unchanged_report(config, snapshot_file, None, None) is None
    seal = seal_file_for(out)
    seal.write_text(json.dumps({"format": "statusgen-seal-2", "whole": 1}), encoding="utf-8")
    assert unchanged_report(config, snapshot_file, None, None) is None
    assert "is up to date" in build(snapshot_file, out)  # found so by listing every file instead


def test_the_sealed_file_list_is_the_folders_own_until_a_file_is_added_or_deleted(
    built: tuple[Path, Path, dict[str, bytes]],
) -> None:
    _, out, _ = built
    assert sealed_files(out) == existing_files(out)
    (out / "incidents" / "2" / "extra.html").write_text("not ours", encoding="utf-8")
    assert sealed_files(out) is None
    (out / "incidents" / "2" / "extra.html").unlink()
    assert sealed_files(out) is None  # the folder's times moved on: it is walked, not trusted


def test_a_file_list_that_is_not_the_sealed_one_is_not_trusted(built: tuple[Path, Path, dict[str, bytes]]) -> None:
    _, out, _ = built
    listing = files_file_for(out)
    paths = json.loads(listing.read_bytes())
    listing.write_text(json.dumps(paths[1:]), encoding="utf-8")
    assert sealed_files(out) is None
    listing.unlink()
    assert sealed_files(out) is None


def test_a_later_build_after_hand_changes_puts_them_right(built: tuple[Path, Path, dict[str, bytes]]) -> None:
    """A build that renders (another build time) lists the files itself when the seal does not fit."""
    snapshot_file, out, _ = built
    later = str(int(f.TAKEN_AT.timestamp()) + 300)
    (out / "incidents" / "2" / "extra.html").write_text("not ours", encoding="utf-8")
    (out / "incidents" / "3" / "index.html").unlink()
    summary = build(snapshot_file, out, SOURCE_DATE_EPOCH=later)
    assert "1 added" in summary and "1 removed" in summary
    fresh = out.with_name("fresh")
    build(snapshot_file, fresh, SOURCE_DATE_EPOCH=later)
    assert files_of(out).keys() == files_of(fresh).keys()


def test_a_folder_renewed_alone_has_the_line_the_whole_listing_gives_it(tmp_path: Path) -> None:
    """reseal renews a changed folder's line with folder_line; the check reads every line with folder_lines."""
    (tmp_path / "incidents" / "1").mkdir(parents=True)
    folders = ["", "incidents", "incidents/1"]
    lines, modes = folder_lines(tmp_path, folders)
    assert lines == [folder_line(folder, os.stat(tmp_path / folder)) for folder in folders]
    assert modes == {stat.S_IMODE(os.stat(tmp_path / "incidents").st_mode)}
