"""Overlapping cron runs never publish older data over newer (issue 13, point 5).

A run that fetched first and finishes last must not bring back an incident
that a later run already took down: the output folder's marker records when
the site's data was taken, and a build from older data is refused, with exit
status 4, under the folder's lock. Snapshot files written by overlapping
fetches never mix and never go back in time either.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from generator.config import Config
from generator.dates import format_datetime
from generator.fetch import source_of
from generator.locking import exclusive_lock, lock_file_for
from generator.model import Snapshot
from generator.snapshot import read_snapshot, snapshot_file_version, snapshot_to_json, write_snapshot
from generator.writer import MARKER_NAME
from tests.fake_oneuptime import FakeOneUptime, Faults, make_project
from tests.later_demo import DEMO, EARLIER, LATER, TAKEN_DOWN_NUMBER, write_earlier_and_later
from tests.statusgen_runs import leftovers, run_statusgen, statusgen_command, statusgen_environment, tree_bytes

BASE_URL = "https://status.example.com"
FakeFactory = Callable[..., FakeOneUptime]
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


# --- snapshot files -------------------------------------------------------------------------------


def at(minutes: int) -> Snapshot:
    return dataclasses.replace(DEMO, taken_at=EARLIER + timedelta(minutes=minutes))


def test_a_snapshot_written_meanwhile_with_newer_data_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "snapshot.json"
    write_snapshot(at(0), path)
    started_from = snapshot_file_version(path)
    write_snapshot(at(10), path, snapshot_file_version(path))  # an overlapping, faster fetch
    kept = path.read_bytes()
    assert write_snapshot(at(5), path, started_from) == at(10).taken_at
    assert path.read_bytes() == kept


def test_a_snapshot_written_meanwhile_with_older_or_equal_data_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "snapshot.json"
    for meanwhile in (at(0), at(5)):
        write_snapshot(at(-5), path)
        started_from = snapshot_file_version(path)
        write_snapshot(meanwhile, path, snapshot_file_version(path))
        assert write_snapshot(at(5), path, started_from) is None
        assert path.read_text(encoding="utf-8") == snapshot_to_json(at(5))


def test_a_file_nobody_touched_meanwhile_is_replaced_even_if_newer(tmp_path: Path) -> None:
    """A fetch alone replaces a snapshot from the future (the incremental fetch's fallback)."""
    path = tmp_path / "snapshot.json"
    write_snapshot(at(60 * 24), path)
    assert write_snapshot(at(0), path, snapshot_file_version(path)) is None
    assert path.read_text(encoding="utf-8") == snapshot_to_json(at(0))


def test_without_a_starting_version_any_file_found_counts_as_written_meanwhile(tmp_path: Path) -> None:
    path = tmp_path / "snapshot.json"
    write_snapshot(at(10), path)
    assert write_snapshot(at(5), path) == at(10).taken_at
    assert path.read_text(encoding="utf-8") == snapshot_to_json(at(10))


def test_a_symlinked_snapshot_path_is_written_through(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    target, link = tmp_path / "data" / "real.json", tmp_path / "snapshot.json"
    target.write_text("old", encoding="utf-8")
    link.symlink_to(target)
    write_snapshot(at(0), link, snapshot_file_version(link))
    assert link.is_symlink() and link.resolve() == target
    assert target.read_text(encoding="utf-8") == snapshot_to_json(at(0))
    assert sorted(os.listdir(tmp_path)) == ["data", "snapshot.json"]
    assert sorted(os.listdir(tmp_path / "data")) == [".real.json.statusgen.lock", "real.json"]


def test_a_snapshot_keeps_its_permissions_and_a_killed_runs_temporary_file_goes(tmp_path: Path) -> None:
    path = tmp_path / "snapshot.json"
    write_snapshot(at(0), path)
    path.chmod(0o640)
    (tmp_path / ".snapshot.json.abc123.statusgen-tmp").write_text("half a snapsh", encoding="utf-8")
    write_snapshot(at(5), path, snapshot_file_version(path))
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(os.listdir(tmp_path)) == [".snapshot.json.statusgen.lock", "snapshot.json"]


def test_a_new_snapshot_file_gets_the_umask_permissions(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        write_snapshot(at(0), tmp_path / "snapshot.json")
    finally:
        os.umask(previous)
    assert (tmp_path / "snapshot.json").stat().st_mode & 0o777 == 0o640


WRITER = """
import dataclasses, pathlib, sys, time
from generator.snapshot import demo_snapshot, write_snapshot
demo = demo_snapshot()
snapshot = dataclasses.replace(demo, incidents=demo.incidents * 40, source=sys.argv[1])
go = pathlib.Path("go")
while not go.exists():
    time.sleep(0.001)
write_snapshot(snapshot, pathlib.Path("snapshot.json"))
"""


def test_writers_released_at_once_never_mix_their_snapshots(tmp_path: Path) -> None:
    """Eight processes write snapshots of the same moment (so each may replace the others) to one file together."""
    names = [f"writer-{n}" for n in range(8)]
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, name], cwd=tmp_path, env=statusgen_environment(), stderr=subprocess.PIPE
        )
        for name in names
    ]
    time.sleep(1)  # let them all start and wait; the file appears for all at once
    (tmp_path / "go").touch()
    failures = [writer.communicate(timeout=120)[1] for writer in writers if writer.wait(timeout=120) != 0]
    assert failures == []
    written = read_snapshot(tmp_path / "snapshot.json")
    assert written.source in names and len(written.incidents) == 40 * len(DEMO.incidents)
    assert (tmp_path / "snapshot.json").read_text(encoding="utf-8") == snapshot_to_json(written)
    assert sorted(os.listdir(tmp_path)) == [".snapshot.json.statusgen.lock", "go", "snapshot.json"]


# --- the fetch command ---------------------------------------------------------------------------


def fetch_environment(fake: FakeOneUptime) -> dict[str, str]:
    project = fake.project
    return {"ONEUPTIME_URL": fake.url, "ONEUPTIME_PROJECT_ID": project.project_id, "ONEUPTIME_API_KEY": project.api_key}


def start_fetch(folder: Path, fake: FakeOneUptime) -> subprocess.Popen[str]:
    return subprocess.Popen(
        statusgen_command("fetch", "--out", "snapshot.json"),
        cwd=folder,
        env=statusgen_environment(**fetch_environment(fake)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture
def slow_fake(fake_oneuptime_factory: FakeFactory) -> FakeOneUptime:
    """A fake OneUptime that answers every request after 2 s: a fetch that is still running when the test acts."""
    return fake_oneuptime_factory(make_project(10, 1, seed=5), faults=Faults(slow=1.0, slow_seconds=2.0))


def wait_for_a_request(fake: FakeOneUptime, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while not fake.log:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the fetch sent no request"
        time.sleep(0.01)


def test_a_fetch_that_finishes_after_a_newer_one_keeps_the_newer_snapshot(
    slow_fake: FakeOneUptime, tmp_path: Path
) -> None:
    fetch = start_fetch(tmp_path, slow_fake)
    wait_for_a_request(slow_fake, fetch)  # it is under way, its answers 2 s off
    newer = dataclasses.replace(DEMO, taken_at=DEMO.taken_at + timedelta(days=3650))
    write_snapshot(newer, tmp_path / "snapshot.json")  # what a faster, later fetch wrote
    written = (tmp_path / "snapshot.json").read_bytes()
    stdout, stderr = fetch.communicate(timeout=120)
    assert (fetch.returncode, stdout) == (0, ""), stderr
    assert re.fullmatch(
        rf"kept snapshot\.json: another fetch wrote newer data there meanwhile "
        rf"\(taken at {format_datetime(newer.taken_at)}, this one at \d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)\n",
        stderr,
    ), stderr
    assert (tmp_path / "snapshot.json").read_bytes() == written


def test_a_fetch_that_finishes_after_an_older_one_replaces_it(slow_fake: FakeOneUptime, tmp_path: Path) -> None:
    fetch = start_fetch(tmp_path, slow_fake)
    wait_for_a_request(slow_fake, fetch)
    write_snapshot(DEMO, tmp_path / "snapshot.json")  # older than the fetch under way
    _, stderr = fetch.communicate(timeout=120)
    assert fetch.returncode == 0 and stderr.startswith("wrote snapshot.json: "), stderr
    assert (tmp_path / "snapshot.json").read_text(encoding="utf-8") != snapshot_to_json(DEMO)


def test_concurrent_fetches_to_one_file_all_succeed_and_leave_one_whole_snapshot(
    fake_oneuptime_factory: FakeFactory, tmp_path: Path
) -> None:
    fake = fake_oneuptime_factory(make_project(300, 3, seed=2))
    fetches = [start_fetch(tmp_path, fake) for _ in range(6)]
    results = [(fetch.wait(timeout=120), fetch.communicate()[1]) for fetch in fetches]
    assert all(code == 0 for code, _ in results), results
    assert all(re.match(r"(wrote|kept) snapshot\.json: ", stderr) for _, stderr in results), results
    assert len(read_snapshot(tmp_path / "snapshot.json").incidents) > 200
    assert sorted(os.listdir(tmp_path)) == [".snapshot.json.statusgen.lock", "snapshot.json"]


def test_the_fetch_replaces_a_snapshot_from_the_future_it_started_from(
    fake_oneuptime_factory: FakeFactory, tmp_path: Path
) -> None:
    fake = fake_oneuptime_factory(make_project(10, 1, seed=5))
    environment = fetch_environment(fake)
    config = Config(url=environment["ONEUPTIME_URL"], project_id=environment["ONEUPTIME_PROJECT_ID"], api_key="k")
    future = dataclasses.replace(DEMO, taken_at=DEMO.taken_at + timedelta(days=3650), source=source_of(config))
    write_snapshot(future, tmp_path / "snapshot.json")
    fetch = start_fetch(tmp_path, fake)
    _, stderr = fetch.communicate(timeout=120)
    assert fetch.returncode == 0 and "(full, previous snapshot is from the future; " in stderr, stderr
    assert (tmp_path / "snapshot.json").read_text(encoding="utf-8") != snapshot_to_json(future)
