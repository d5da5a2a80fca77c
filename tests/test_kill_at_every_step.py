"""A cron job killed at any change it makes to the file system: the site stays whole, and later runs are exact.

A sequence of cron runs during an incident: builds with a new note (through the
spare tree, after the first), and runs whose data did not change (the clock
path, renewing pages in place), one on the same file and one on the data fetched
again. Each run is killed just before each of its changes to the file system in
turn (tests/kill_points.py), the snapshot file's writing included. Then:
- the folder holds the site before the run or after it; a clock-path run may
  leave some files renewed and others not, each whole (writer.replace_files);
- the same run again, and every later run of the sequence, leave exactly what a
  fresh build of their data at their time gives, as if nothing had happened;
- so do the later runs without the killed one again: the next cron run comes
  five minutes later, with whatever data it then has.

The same runs into a mount point (a Docker bind mount), where files are
replaced one by one, must leave each file whole, old or new; and so must the
clock-path run in a copy of the site restored as a CI cache restores it.

STATUSGEN_KILL_EVERY=1 tries every change of every run (about 150 in a build
with a note, 30 in a clock-path run: half an hour on two cores); by default
eight of each run's changes are tried, four spread over it and its last four.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from generator.build import build_from_source
from generator.model import Snapshot
from generator.site_swap import INSIDE_STAGING_PREFIX
from generator.snapshot import snapshot_to_json
from tests import factories as f
from tests.kill_points import changes_made, run_killed_at
from tests.mounts import mounted
from tests.test_cache_property import site_files
from tests.test_clock_rebuild import Site, restored, with_note
from tests.test_growing_durations import ongoing_project
from tests.test_spare_tree import has_exchange

EVERY = os.environ.get("STATUSGEN_KILL_EVERY") == "1"
SAMPLED = 8  # changes tried per run by default: four spread over it, and its last four


@dataclass(frozen=True)
class Step:
    """One cron run: the data it sees, its time, and whether it was fetched anew (else the file is the last run's)."""

    name: str
    project: Snapshot
    at: datetime
    fetched: bool = True


def steps() -> list[Step]:
    """Notes on resolved incidents while incident 6 is ongoing (its duration renewed in place by each clock run),
    and an event whose "in 40 days" becomes "in 39 days" between the first note and the clock run after it: the
    pages that show it are kept by key by the builds (kept_growing.py), and renewed in place by the clock run.
    The first note takes the record path (in place, record_rebuild.py); the second comes with a new title, which
    every list shows, so that run is a build proper, with a spare tree."""
    first = ongoing_project()
    event = first.maintenance[1]
    starts = f.TAKEN_AT + timedelta(days=39.5, minutes=7)
    soon = dataclasses.replace(event, starts_at=starts, ends_at=starts + (event.ends_at - event.starts_at))
    first = dataclasses.replace(first, maintenance=(first.maintenance[0], soon))
    noted = with_note(first, 1, "late-a")
    again = with_note(noted, 2, "late-c")
    again = dataclasses.replace(
        again,
        incidents=(
            *again.incidents[:2],
            dataclasses.replace(again.incidents[2], title="Retitled"),
            *again.incidents[3:],
        ),
    )
    return [
        Step("build", first, f.TAKEN_AT),
        Step("note", noted, f.TAKEN_AT + timedelta(minutes=5)),
        Step("clock", noted, f.TAKEN_AT + timedelta(minutes=10), fetched=False),
        Step("note with a spare", again, f.TAKEN_AT + timedelta(minutes=15)),
        Step(
            "fetched again",
            fetched_again(again, f.TAKEN_AT + timedelta(minutes=18)),
            f.TAKEN_AT + timedelta(minutes=20),
        ),
    ]


def fetched_again(project: Snapshot, taken_at: datetime) -> Snapshot:
    """The same data fetched at `taken_at`: a new snapshot file whose time and uptime window moved (the clock path)."""
    later = ongoing_project(taken_at=taken_at)
    return dataclasses.replace(later, incidents=project.incidents, maintenance=project.maintenance)


def run_step(site: Site, step: Step) -> Callable[[], object]:
    def run() -> object:
        # The file the last run left, unless that run was killed before it wrote it: a cron job that did not
        # fetch anew runs on the last data it has, whatever happened to the run before it.
        if step.fetched or site.snapshot_file.read_bytes() != snapshot_to_json(step.project).encode("utf-8"):
            site.write(step.project)
        return site.cron_or_build(step.at)

    return run


def fresh_trees(folder: Path, sequence: list[Step]) -> list[dict[str, bytes]]:
    """What a fresh build of each step's data at its time gives."""
    trees = []
    for index, step in enumerate(sequence):
        (folder / f"fresh-{index}").mkdir()
        site = Site(folder / f"fresh-{index}")
        site.write(step.project)
        epoch = {"SOURCE_DATE_EPOCH": str(int(step.at.timestamp()))}
        build_from_source(site.source(), site.fresh, environ=epoch, use_cache=False)
        trees.append(site_files(site.fresh.output))
    return trees


def chosen(changes: int) -> list[int]:
    if EVERY or changes <= SAMPLED:
        return list(range(1, changes + 1))
    spread = {1 + (changes - 1) * n // (SAMPLED - 4) for n in range(SAMPLED - 4)}
    return sorted(spread | set(range(changes - 3, changes + 1)))


def holds_old_or_new(tree: dict[str, bytes], old: dict[str, bytes], new: dict[str, bytes], in_place: bool) -> bool:
    if tree in (old, new):
        return True
    if not in_place or set(tree) != set(old) or set(old) != set(new):
        return False
    return all(tree[path] in (old[path], new[path]) for path in tree)


IN_PLACE = {
    "note",
    "clock",
    "fetched again",
}  # the runs that take the record or the clock path, renewing files in place
KILLED = [(killed, again) for killed in (1, 2, 3, 4) for again in (True, False) if again or killed < 4]
Tree = dict[str, bytes]


def kill_at_each_change(
    sequence: list[Step],
    killed: int,
    again: bool,
    expected: list[Tree],
    site_before: Callable[[], Site],
    odd_after_kill: Callable[[Tree, Tree, Tree], str],
    count_file: Path,
) -> None:
    """Kill the `killed`-th run at each chosen change, each time in a site `site_before` makes anew as the runs
    before it left it; then check what the kill left (`odd_after_kill`: what is wrong with it, "" if nothing),
    and that the rest of the sequence, from the killed run (`again`) or after it, equals fresh builds."""
    changes = changes_made(run_step(site_before(), sequence[killed]), count_file)
    assert changes > 0
    old, new, name = expected[killed - 1], expected[killed], sequence[killed].name
    for kill_at in chosen(changes):
        site = site_before()
        assert site_files(site.config.output) == old
        assert run_killed_at(kill_at, run_step(site, sequence[killed]), count_file)
        left = site_files(site.config.output) if site.config.output.is_dir() else {}
        odd = odd_after_kill(left, old, new)
        assert not odd, f"killed at change {kill_at} of {changes} of the {name} run: {odd}"
        for index in range(killed if again else killed + 1, len(sequence)):
            run_step(site, sequence[index])()
            assert site_files(site.config.output) == expected[index], (
                f"killed at change {kill_at} of {changes} of the {name} run: "
                f"the {sequence[index].name} run after it differs from a fresh build"
            )


def neither_before_nor_after(in_place: bool) -> Callable[[Tree, Tree, Tree], str]:
    """The site before or after the run; with `in_place` (a clock-path run), each page either version."""

    def odd(left: Tree, old: Tree, new: Tree) -> str:
        if holds_old_or_new(left, old, new, in_place):
            return ""
        return "neither the site before nor after: " + differences(left, old, new)

    return odd


@pytest.mark.timeout(3600 if EVERY else 300)  # every change of a build with a note: about 150 of them
@pytest.mark.parametrize(
    ("killed", "again"), KILLED, ids=[f"{steps()[n].name}, {'again' if a else 'then on'}" for n, a in KILLED]
)
def test_a_run_killed_at_any_change_leaves_a_whole_site_and_exact_later_runs(
    tmp_path: Path, killed: int, again: bool
) -> None:
    if not has_exchange(tmp_path):
        pytest.skip("this file system has no atomic exchange: the spare tree is never kept")
    sequence = steps()
    # The runs before the killed one are replayed each time: a copy would have new inodes, which the
    # seal and the spare tree's record would rightly not trust, and the paths under test would not be taken.
    kill_at_each_change(
        sequence,
        killed,
        again,
        fresh_trees(tmp_path, sequence),
        lambda: replayed(tmp_path / "attempt", sequence, killed),
        neither_before_nor_after(in_place=sequence[killed].name in IN_PLACE),
        tmp_path / "changes",
    )


def differences(tree: Tree, old: Tree, new: Tree) -> str:
    """What a failure needs to be read: the paths that are neither as before nor as after."""
    odd = sorted(
        path for path in set(tree) | set(old) | set(new) if tree.get(path) not in (old.get(path), new.get(path))
    )
    extra, missing = sorted(set(tree) - set(old) - set(new)), sorted((set(old) & set(new)) - set(tree))
    return f"extra {extra[:5]}, missing {missing[:5]}, neither version {odd[:5]}"


def replayed(folder: Path, sequence: list[Step], killed: int) -> Site:
    """A site in `folder` (made anew) as the runs before the `killed`-th left it."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    return replayed_into(Site(folder), sequence, killed)


def replayed_into(site: Site, sequence: list[Step], killed: int) -> Site:
    for step in sequence[:killed]:
        run_step(site, step)()
    return site


@pytest.mark.parametrize("killed", [1, 3], ids=lambda n: steps()[n].name)
def test_in_a_mount_point_a_killed_run_leaves_whole_files_and_exact_later_runs(tmp_path: Path, killed: int) -> None:
    """A mount point (a Docker bind mount) cannot be swapped: its files are replaced one by one (site_swap.py).
    Killed at any change, each file is whole, old or new, and later runs are exact, as in a folder."""
    sequence = steps()
    expected = fresh_trees(tmp_path, sequence)
    folder = tmp_path / "mounted"
    (folder / "site").mkdir(parents=True)
    with mounted("-t", "tmpfs", "-o", "size=50m", "tmpfs", at=folder / "site"):
        kill_at_each_change(
            sequence,
            killed,
            True,
            expected,
            lambda: replayed_in(folder, sequence, killed),
            files_neither_old_nor_new,
            tmp_path / "changes",
        )


def files_neither_old_nor_new(left: Tree, old: Tree, new: Tree) -> str:
    """Each file of a mount updated in place whole, old or new (the staging folder inside it aside)."""
    odd = [path for path, data in left.items() if not staged(path) and data not in (old.get(path), new.get(path))]
    return f"files neither old nor new: {odd[:5]}" if odd else ""


def staged(path: str) -> bool:
    """A file in the staging folder a killed update in place leaves inside the mount (not part of the site)."""
    return path.split("/")[0].startswith(INSIDE_STAGING_PREFIX)


def replayed_in(folder: Path, sequence: list[Step], killed: int) -> Site:
    """`replayed` in a folder that must stay (a mount point's parent): emptied first, the mount point kept."""
    for entry in [*folder.iterdir(), *(folder / "site").iterdir()]:
        if entry.name == "site" and entry.parent == folder:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    return replayed_into(Site(folder), sequence, killed)


@pytest.mark.parametrize("again", [True, False], ids=["again", "then on"])
def test_in_a_site_restored_from_a_ci_cache_a_killed_clock_run_leaves_whole_pages_and_exact_later_runs(
    tmp_path: Path, again: bool
) -> None:
    """The CI examples keep the site, its ledger and the snapshot between jobs: the clock-path run in such a copy
    lists the site instead of trusting a seal, then seals it anew (docs/incremental-builds.md)."""
    sequence, killed = steps(), 2
    assert sequence[killed].name in IN_PLACE
    kill_at_each_change(
        sequence,
        killed,
        again,
        fresh_trees(tmp_path, sequence),
        lambda: restored_copy(tmp_path / "attempt", sequence, killed),
        neither_before_nor_after(in_place=True),
        tmp_path / "changes",
    )


def restored_copy(folder: Path, sequence: list[Step], killed: int) -> Site:
    """The site as the runs before the `killed`-th left it, copied as a CI cache restores it (test_clock_rebuild)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    original = replayed(folder / "original", sequence, killed)
    copy = folder / "restored"
    copy.mkdir()
    return restored(original, copy)
