"""Atomicity (issue 6): SIGKILL anywhere in a build, or a full disk, leaves the old site or the new one.

Never a mixture, never a missing or empty folder; the next build cleans up
what a killed one left behind.
"""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

import generator.writer
from generator.snapshot import write_snapshot
from generator.writer import MARKER_NAME, write_site
from tests import factories as f
from tests.mounts import mounted
from tests.statusgen_runs import Killed, leftovers, run_statusgen, statusgen_command, statusgen_environment, tree_bytes
from tests.synthetic import BASE_URL, synthetic_snapshot

KILL_RUNS = int(os.environ.get("STATUSGEN_KILL_RUNS", "40"))  # more for a thorough local run
INCIDENTS = int(os.environ.get("STATUSGEN_KILL_INCIDENTS", "120"))  # a build of about a second, mostly writing


@dataclass(frozen=True)
class Sites:
    """Two snapshot files and known-good copies of the sites they build."""

    snapshots: tuple[Path, Path]
    trees: tuple[dict[str, bytes], dict[str, bytes]]
    build_seconds: float
    writer_seconds: float  # from its staging folder's appearing to the new marker, in a build of the other site


def build_args(snapshot: Path, output: Path, *extra: str) -> list[str]:
    return ["build", "-q", "--snapshot", str(snapshot), "--base-url", BASE_URL, "--out", str(output), *extra]


def build_command(snapshot: Path, output: Path, *extra: str) -> list[str]:
    return statusgen_command(*build_args(snapshot, output, *extra))


def timed_build(snapshot: Path, output: Path, *extra: str) -> float:
    started = time.monotonic()
    result = subprocess.run(
        build_command(snapshot, output, *extra),
        env=statusgen_environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode in {0, 3}, result.stderr
    return time.monotonic() - started


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    """Site A, and site B a cron run later: a newer snapshot time, incidents added, removed and revised."""
    folder = tmp_path_factory.mktemp("kill-sites")
    old, new = folder / "a.json", folder / "b.json"
    write_snapshot(synthetic_snapshot(range(1, INCIDENTS + 1)), old)
    numbers = [n for n in range(1, INCIDENTS + 21) if n % 9 != 4]
    write_snapshot(
        synthetic_snapshot(numbers, revised={n: 1 for n in numbers[::13]}, taken_at=f.TAKEN_AT + timedelta(minutes=5)),
        new,
    )
    build_seconds = timed_build(old, folder / "a")
    timed_build(new, folder / "b")
    trees = (tree_bytes(folder / "a"), tree_bytes(folder / "b"))
    writer_seconds = max(writer_window(new, folder / "a"), writer_window(old, folder / "a"))
    return Sites((old, new), trees, build_seconds, writer_seconds)


def writer_window(snapshot: Path, output: Path) -> float:
    """How long the writer is at work in a build of `snapshot` into `output`: from its staging folder's
    appearing next to the output until the new marker is in place (then come the seal and the ledger,
    after the commit, which a kill "at the writer" should not aim at)."""
    before, marker = set(leftovers(output)), (output / MARKER_NAME).stat().st_mtime_ns
    process = subprocess.Popen(build_command(snapshot, output, "--allow-older"), env=statusgen_environment())
    staged = committed = None
    while process.poll() is None and committed is None:
        if staged is None and set(leftovers(output)) - before:
            staged = time.monotonic()
        if staged is not None and (output / MARKER_NAME).stat().st_mtime_ns != marker:
            committed = time.monotonic()
        time.sleep(0.001)
    assert process.wait() == 0
    return committed - staged if staged is not None and committed is not None else 0.05


def kill_at_a_random_moment(process: subprocess.Popen[bytes], output: Path, sites: Sites, rng: random.Random) -> str:
    """SIGKILL `process` anywhere in its build, or (every other time) while the writer is at work.

    Returns how the kill was aimed. The writer is at work from the moment its
    staging folder appears next to the output until it has swapped and cleaned up.
    """
    before = set(leftovers(output))
    if rng.random() < 0.5:
        aim = "anywhere"
        time.sleep(rng.uniform(0, sites.build_seconds * 1.1))
    else:
        aim = "at the writer"
        deadline = time.monotonic() + 10 * sites.build_seconds
        while set(leftovers(output)) <= before and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.001)
        time.sleep(rng.uniform(0, max(sites.writer_seconds, 0.01) * 1.2))
    process.send_signal(signal.SIGKILL)
    process.wait()
    return aim


def which_site(output: Path, sites: Sites) -> int | None:
    if not output.is_dir():
        return None
    tree = tree_bytes(output)
    return next((index for index, known in enumerate(sites.trees) if tree == known), None)


def how_it_differs(output: Path, sites: Sites) -> str:
    """Which files are extra, missing or different against each known site: what a failure needs to be read."""
    tree = tree_bytes(output) if output.is_dir() else {}
    parts = []
    for index, known in enumerate(sites.trees):
        extra, missing = sorted(set(tree) - set(known))[:5], sorted(set(known) - set(tree))[:5]
        differ = sorted(path for path in set(tree) & set(known) if tree[path] != known[path])[:5]
        parts.append(f"against site {index}: extra {extra}, missing {missing}, different {differ}")
    return "; ".join(parts) if output.is_dir() else "it is not a folder"


@pytest.mark.slow
def test_sigkill_at_random_moments_leaves_the_old_or_the_new_site(sites: Sites, tmp_path: Path) -> None:
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    output = tmp_path / "site"
    assert run_statusgen(*build_args(sites.snapshots[0], output)).returncode == 0
    current = 0
    phases: Counter[str] = Counter()
    for run in range(KILL_RUNS):
        target = 1 - current
        earlier_leftovers = set(leftovers(output))
        # --allow-older: the runs go back and forth between the two sites on purpose.
        process = subprocess.Popen(
            build_command(sites.snapshots[target], output, "--allow-older"), env=statusgen_environment()
        )
        aim = kill_at_a_random_moment(process, output, sites, rng)
        found = which_site(output, sites)
        assert found is not None, (
            f"run {run} (seed {seed}, aimed {aim}, building site {target}): {output} is neither the complete "
            f"old nor new site; {how_it_differs(output, sites)}"
        )
        staged = bool(set(leftovers(output)) - earlier_leftovers)
        if found == current:
            phases["old site: killed " + ("while writing" if staged else "before writing")] += 1
        else:
            phases[
                "new site: killed " + ("after the swap, while cleaning up" if staged else "or finished after it")
            ] += 1
        phases[f"(aimed {aim})"] += 1
        current = found

    # The next build after all those kills succeeds, is complete and leaves nothing behind.
    result = run_statusgen(*build_args(sites.snapshots[1 - current], output, "--allow-older"))
    assert result.returncode == 0, result.stderr
    assert tree_bytes(output) == sites.trees[1 - current]
    assert leftovers(output) == []
    print(f"\nkill runs: {KILL_RUNS}, seed {seed}, build {sites.build_seconds:.2f} s: {dict(sorted(phases.items()))}")
    assert phases["old site: killed while writing"] > 0, f"no kill landed while the writer was at work: {phases}"


# --- the disk fills -----------------------------------------------------------------------------


def one_line_disk_full_error(stderr: str, output: Path) -> None:
    assert stderr.count("\n") == 1, stderr
    assert (
        stderr == f"Error: cannot write the site to {output}: No space left on device; the previous site is unchanged\n"
    )


class DiskFull:
    """The writer's staging of a file (writer._write_file): files it writes share `budget` bytes of free space.

    A file that does not fit is made, empty, and then the write fails, as on a full disk.
    """

    def __init__(self, budget: int, write_file: Callable[[str, bytes], None]) -> None:
        self.budget, self.write_file = budget, write_file

    def __call__(self, target: str, content: bytes) -> None:
        if len(content) > self.budget:
            self.write_file(target, b"")
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.budget -= len(content)
        self.write_file(target, content)


def test_a_full_disk_midway_leaves_the_old_site_and_one_line(
    sites: Sites, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator.cli import main

    output = tmp_path / "site"
    args = ["build", "--base-url", BASE_URL, "--out", str(output), "--snapshot"]
    with pytest.raises(SystemExit) as first:
        main([*args, str(sites.snapshots[0])])
    assert first.value.code == 0
    capsys.readouterr()
    before = tree_bytes(output)

    monkeypatch.setattr("generator.writer._write_file", DiskFull(300_000, generator.writer._write_file))
    with pytest.raises(SystemExit) as failed:
        main([*args, str(sites.snapshots[1])])
    assert failed.value.code == 1
    one_line_disk_full_error(capsys.readouterr().err, output)
    assert tree_bytes(output) == before == sites.trees[0]
    assert leftovers(output) == []


@pytest.fixture
def small_tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 3 MiB file system of its own, where mounting is allowed (root on Linux); else the test is skipped."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    with mounted("-t", "tmpfs", "-o", "size=3m", "tmpfs", at=mount_point):
        yield mount_point


def test_a_really_full_disk_leaves_the_old_site_and_one_line(small_tmpfs: Path) -> None:
    output = small_tmpfs / "site"
    demo = ["build", "--demo", "--out", str(output)]
    assert run_statusgen(*demo, "-q").returncode == 0
    before = tree_bytes(output)
    filler = small_tmpfs / "filler"
    filler.write_bytes(b"\0" * (shutil.disk_usage(small_tmpfs).free - 16384))  # room for four pages, not twenty

    result = run_statusgen(*demo, SOURCE_DATE_EPOCH="1795000000")  # a later time: every page changes
    assert result.returncode == 1
    one_line_disk_full_error(result.stderr, output)
    assert tree_bytes(output) == before
    assert leftovers(output) == []

    filler.unlink()
    assert run_statusgen(*demo, "-q", SOURCE_DATE_EPOCH="1795000000").returncode == 0
    assert tree_bytes(output) != before and leftovers(output) == []


# --- systems without an atomic exchange (macOS, some network file systems) ---------------------


def test_without_an_atomic_exchange_a_kill_between_the_two_renames_is_recovered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "site"
    write_site({"index.html": b"old", "gone.html": b"x"}, output)
    monkeypatch.setattr("generator.site_swap.exchange", lambda first, second: False)
    real_rename = Path.rename

    def die_before_the_second_rename(self: Path, target: Path) -> Path:
        if Path(target) == output:
            raise Killed
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", die_before_the_second_rename)
    with pytest.raises(Killed):
        write_site({"index.html": b"new"}, output)
    assert not output.exists() and (tmp_path / ".site.statusgen-old" / "index.html").read_bytes() == b"old"

    monkeypatch.setattr(Path, "rename", real_rename)
    report = write_site({"index.html": b"new"}, output)  # recovers the old site first, then replaces it
    assert report.summary() == "0 added, 1 changed, 1 removed, 0 unchanged"
    assert tree_bytes(output) == {"index.html": b"new", MARKER_NAME: (output / MARKER_NAME).read_bytes()}
    assert leftovers(output) == []
