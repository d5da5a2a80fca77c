"""Overlapping cron runs never publish older data over newer (issue 13, point 5).

A run that fetched first and finishes last must not bring back an incident
that a later run already took down: the output folder's marker records when
the site's data was taken, and a build from older data is refused, with exit
status 4, under the folder's lock.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import time
from datetime import timedelta
from pathlib import Path

import pytest

from generator.dates import format_datetime
from generator.locking import exclusive_lock, lock_file_for
from generator.snapshot import write_snapshot
from generator.writer import MARKER_NAME
from tests.later_demo import DEMO, EARLIER, LATER, TAKEN_DOWN_NUMBER, write_earlier_and_later
from tests.statusgen_runs import leftovers, run_statusgen, statusgen_command, statusgen_environment, tree_bytes

BASE_URL = "https://status.example.com"
RETRACTED_PAGE = f"incidents/{TAKEN_DOWN_NUMBER}/index.html"


@pytest.fixture
def snapshots(tmp_path: Path) -> tuple[Path, Path]:
    """The demo as taken at EARLIER, and the same project at LATER with one incident taken down."""
    return write_earlier_and_later(tmp_path)


def build(snapshot: Path, output: Path, *extra: str, **environment: str) -> subprocess.CompletedProcess[str]:
    return run_statusgen(
        "build", "--snapshot", str(snapshot), "--base-url", BASE_URL, "--out", str(output), *extra, **environment
    )


def older_data_error(output: Path) -> str:
    return (
        f"Error: not replacing {output}: it was built from newer data (taken at {format_datetime(LATER)}) "
        f"than this build's ({format_datetime(EARLIER)}); the site is unchanged "
        f"(use --allow-older to roll back on purpose)\n"
    )


def marker(output: Path) -> dict[str, object]:
    document: dict[str, object] = json.loads((output / MARKER_NAME).read_text(encoding="utf-8"))
    return document


# --- builds ---------------------------------------------------------------------------------------


def test_the_marker_records_when_the_data_was_taken_not_the_build_time(
    snapshots: tuple[Path, Path], tmp_path: Path
) -> None:
    output = tmp_path / "site"
    assert build(snapshots[1], output, SOURCE_DATE_EPOCH="1795000000").returncode == 0
    assert marker(output)["data_time"] == format_datetime(LATER)


@pytest.mark.parametrize("flags", [[], ["--check"]])
def test_a_build_from_older_data_leaves_the_newer_site_and_exits_4(
    snapshots: tuple[Path, Path], tmp_path: Path, flags: list[str]
) -> None:
    older, newer = snapshots
    output = tmp_path / "site"
    assert build(newer, output).returncode == 0
    before, around = tree_bytes(output), sorted(os.listdir(tmp_path))
    assert RETRACTED_PAGE not in before

    late = build(older, output, *flags)
    assert (late.returncode, late.stdout, late.stderr) == (4, "", older_data_error(output))
    assert tree_bytes(output) == before and sorted(os.listdir(tmp_path)) == around
    assert leftovers(output) == []


def test_the_demo_is_not_special_and_is_refused_over_newer_data(snapshots: tuple[Path, Path], tmp_path: Path) -> None:
    output = tmp_path / "site"
    assert build(snapshots[1], output).returncode == 0
    before = tree_bytes(output)
    demo = run_statusgen("build", "--demo", "--out", str(output))
    assert (demo.returncode, demo.stderr) == (4, older_data_error(output))
    assert tree_bytes(output) == before


def test_newer_data_replaces_the_site(snapshots: tuple[Path, Path], tmp_path: Path) -> None:
    older, newer = snapshots
    output, alone = tmp_path / "site", tmp_path / "alone"
    assert build(older, output).returncode == 0
    assert RETRACTED_PAGE in tree_bytes(output)
    assert build(newer, output, "-q").returncode == 0
    assert build(newer, alone, "-q").returncode == 0
    assert tree_bytes(output) == tree_bytes(alone)


def test_data_of_the_same_moment_may_rebuild_the_site_at_any_build_time(
    snapshots: tuple[Path, Path], tmp_path: Path
) -> None:
    output = tmp_path / "site"
    assert build(snapshots[1], output, SOURCE_DATE_EPOCH="1795000000").returncode == 0
    before = tree_bytes(output)
    earlier_build_time = build(snapshots[1], output, "-q", SOURCE_DATE_EPOCH="1700000000")
    assert (earlier_build_time.returncode, earlier_build_time.stderr) == (0, "")
    assert tree_bytes(output) != before  # the home page shows the build time


def test_a_site_from_a_statusgen_that_did_not_record_the_time_may_be_replaced(
    snapshots: tuple[Path, Path], tmp_path: Path
) -> None:
    older, newer = snapshots
    output, alone = tmp_path / "site", tmp_path / "alone"
    assert build(newer, output).returncode == 0
    document = marker(output)
    del document["data_time"]
    (output / MARKER_NAME).write_text(json.dumps(document), encoding="utf-8")
    assert build(older, output, "-q").returncode == 0
    assert build(older, alone, "-q").returncode == 0
    assert tree_bytes(output) == tree_bytes(alone)


def test_allow_older_rolls_back_on_purpose(snapshots: tuple[Path, Path], tmp_path: Path) -> None:
    older, newer = snapshots
    output, alone = tmp_path / "site", tmp_path / "alone"
    assert build(newer, output).returncode == 0
    rollback = build(older, output, "--allow-older")
    assert rollback.returncode == 0, rollback.stderr
    assert build(older, alone, "-q").returncode == 0
    assert tree_bytes(output) == tree_bytes(alone) and RETRACTED_PAGE in tree_bytes(output)
    assert marker(output)["data_time"] == format_datetime(EARLIER)
    assert build(older, output, "-q").returncode == 0  # the rolled-back site is now the one to compare with


def blocked_on_a_lock(pid: int) -> bool:
    """Whether process `pid` is waiting for a file lock (Linux lists waiters with "->" in /proc/locks)."""
    for line in Path("/proc/locks").read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if "->" in fields and str(pid) in fields:
            return True
    return False


def test_the_check_is_made_under_the_lock_so_a_run_that_waited_sees_the_newer_site(
    snapshots: tuple[Path, Path], tmp_path: Path
) -> None:
    """Run A (older data) waits for the lock while run B publishes newer data: A must then refuse.

    B's commit is played by this test, which holds the lock, swaps B's site in,
    and lets go only once A is known to wait for the lock, having read
    everything it reads before it.
    """
    if not Path("/proc/locks").is_file():
        pytest.skip("needs Linux's /proc/locks to see that a process waits for a lock")
    older, newer = snapshots
    output, newer_site = tmp_path / "site", tmp_path / "newer-site"
    assert build(older, output, "-q").returncode == 0
    assert build(newer, newer_site, "-q").returncode == 0
    published = tree_bytes(newer_site)
    run_a = subprocess.Popen(
        statusgen_command("build", "--snapshot", str(older), "--base-url", BASE_URL, "--out", str(output)),
        env=statusgen_environment(SOURCE_DATE_EPOCH="1795000000"),  # else A would have nothing to do at all
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    with exclusive_lock(lock_file_for(output)):
        deadline = time.monotonic() + 120
        while not blocked_on_a_lock(run_a.pid):
            assert run_a.poll() is None, run_a.communicate()
            assert time.monotonic() < deadline, "run A never waited for the lock"
            time.sleep(0.01)
        output.rename(tmp_path / "retired")
        newer_site.rename(output)
    _, stderr = run_a.communicate(timeout=120)
    assert (run_a.returncode, stderr) == (4, older_data_error(output))
    assert tree_bytes(output) == published and RETRACTED_PAGE not in published


def test_overlapping_builds_end_with_the_newest_data_whatever_their_order(tmp_path: Path) -> None:
    times = [EARLIER + timedelta(minutes=minutes) for minutes in (0, 5, 10, 15)]
    files = []
    for taken_at in times:
        files.append(tmp_path / f"{taken_at:%H%M}.json")
        write_snapshot(dataclasses.replace(DEMO, taken_at=taken_at), files[-1])
    output = tmp_path / "site"
    args = ["build", "-q", "--base-url", BASE_URL, "--out", str(output), "--snapshot"]
    runs = [
        subprocess.Popen(
            statusgen_command(*args, str(file)), env=statusgen_environment(), stderr=subprocess.PIPE, text=True
        )
        for file in reversed(files)  # the newest starts first, the likeliest to be overtaken
    ]
    codes = [run.wait(timeout=120) for run in runs]
    assert set(codes) <= {0, 4} and codes[0] == 0, [run.communicate() for run in runs]
    assert marker(output)["data_time"] == format_datetime(times[-1])
    alone = tmp_path / "alone"
    assert build(files[-1], alone, "-q").returncode == 0
    assert tree_bytes(output) == tree_bytes(alone) and leftovers(output) == []
