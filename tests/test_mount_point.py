"""An output folder that is a mount point is built into, file by file (issue 13, point 7).

A Docker bind mount cannot be renamed or exchanged, so the usual whole-folder
swap is impossible there. The writer stages inside the mount and renames each
new or changed file over the old one: a reader may see old and new files side
by side for a moment, but never part of a file, and the end result is byte for
byte what a normal build gives.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from generator.cli import main
from generator.mounts import is_mount_point
from generator.snapshot import write_snapshot
from generator.writer import MARKER_NAME, replace_files
from tests.later_demo import DEMO, write_earlier_and_later
from tests.mounts import mounted
from tests.statusgen_runs import Killed, run_statusgen, statusgen_command, statusgen_environment, tree_bytes

BASE_URL = "https://status.example.com"


@pytest.fixture
def snapshots(tmp_path: Path) -> tuple[Path, Path]:
    return write_earlier_and_later(tmp_path)


def build_args(snapshot: Path, output: Path) -> list[str]:
    return ["build", "-q", "--snapshot", str(snapshot), "--base-url", BASE_URL, "--out", str(output)]


@pytest.fixture
def normal_sites(snapshots: tuple[Path, Path], tmp_path: Path) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The two sites as a build into an ordinary folder makes them (each alone)."""
    trees = []
    for index, snapshot in enumerate(snapshots):
        output = tmp_path / f"normal-{index}"
        assert run_statusgen(*build_args(snapshot, output)).returncode == 0
        trees.append(tree_bytes(output))
    return trees[0], trees[1]


# --- a real mount point ---------------------------------------------------------------------------


@pytest.fixture(params=["bind", "tmpfs"])
def mount_point(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Path]:
    """An empty mounted folder: a bind mount (as Docker's -v makes, here within one file system) or a tmpfs."""
    holder = tmp_path / "mnt"
    (holder / "site").mkdir(parents=True)
    if request.param == "bind":
        (holder / "host").mkdir()
        arguments: tuple[str, ...] = ("--bind", str(holder / "host"))
    else:
        arguments = ("-t", "tmpfs", "-o", "size=20m", "tmpfs")
    with mounted(*arguments, at=holder / "site"):
        yield holder / "site"


def test_a_mount_point_is_built_into_and_stays_mounted(
    mount_point: Path, snapshots: tuple[Path, Path], normal_sites: tuple[dict[str, bytes], dict[str, bytes]]
) -> None:
    beside = sorted(os.listdir(mount_point.parent))
    for snapshot, expected in zip(snapshots, normal_sites, strict=True):
        result = run_statusgen(*build_args(snapshot, mount_point))
        assert (result.returncode, result.stderr) == (0, "")
        assert tree_bytes(mount_point) == expected
        assert is_mount_point(mount_point)
        assert sorted(os.listdir(mount_point.parent)) == beside  # no lock file, no staging folder beside it
        assert staging_folders(mount_point) == []
    removed = set(normal_sites[0]) - set(normal_sites[1])
    assert removed and not any((mount_point / path).parent.exists() for path in removed if "incidents/" in path)


def test_overlapping_builds_into_a_mount_point_take_turns(mount_point: Path, tmp_path: Path) -> None:
    """The mount point itself is locked: runs in separate containers, each with its own parent folder, share it."""
    files = []
    for minutes in (0, 5, 10):
        files.append(tmp_path / f"at-{minutes}.json")
        write_snapshot(dataclasses.replace(DEMO, taken_at=DEMO.taken_at + timedelta(minutes=minutes)), files[-1])
    runs = [
        subprocess.Popen(statusgen_command(*build_args(f, mount_point)), env=statusgen_environment()) for f in files
    ]
    assert {run.wait(timeout=120) for run in runs} <= {0, 4}
    alone = tmp_path / "alone"
    assert run_statusgen(*build_args(files[-1], alone)).returncode == 0
    assert tree_bytes(mount_point) == tree_bytes(alone)


# --- the in-place update, forced on an ordinary folder ---------------------------------------------


def run_cli(*args: str) -> int:
    """The command in this process (so that the test can watch the writer), its exit status."""
    with pytest.raises(SystemExit) as ended:
        main(list(args))
    return int(ended.value.code or 0)


@dataclass(frozen=True)
class InPlace:
    """A folder holding the first site, which later builds of the test update in place as if it were a mount point."""

    output: Path
    second_snapshot: Path
    old: dict[str, bytes]  # the first site, as a normal build makes it
    new: dict[str, bytes]  # the second

    def build_second(self) -> int:
        return run_cli(*build_args(self.second_snapshot, self.output))


@pytest.fixture
def in_place(
    snapshots: tuple[Path, Path],
    normal_sites: tuple[dict[str, bytes], dict[str, bytes]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> InPlace:
    monkeypatch.setattr("generator.writer.must_update_in_place", lambda output: output.is_dir())
    output = tmp_path / "site"
    assert run_cli(*build_args(snapshots[0], output)) == 0
    assert tree_bytes(output) == normal_sites[0]
    return InPlace(output, snapshots[1], *normal_sites)


def watch_renames(monkeypatch: pytest.MonkeyPatch, before_each: Callable[[int], None]) -> list[int]:
    """Call `before_each(n)` before the writer's n-th rename; returns the list of n seen, as it grows."""
    real_rename, seen = os.rename, []

    def rename(source: object, target: object) -> None:
        seen.append(len(seen))
        before_each(seen[-1])
        real_rename(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "rename", rename)
    return seen


def test_in_place_every_file_is_always_whole_old_or_new_and_the_end_is_a_normal_build(
    in_place: InPlace, monkeypatch: pytest.MonkeyPatch
) -> None:
    output, old, new = in_place.output, in_place.old, in_place.new

    def every_file_is_whole(_: int) -> None:
        for path, content in tree_bytes(output).items():
            if path == MARKER_NAME:
                assert "keys" not in json.loads(content)  # no page cache while files are old and new
            elif not path.startswith(".statusgen-staging-"):
                assert content in {old.get(path), new.get(path)}, f"{path} is neither its old nor its new self"

    # Beside the folder nothing changes but that the earlier build's seal and ledger go: a folder
    # updated in place gets neither, so that no later run trusts the earlier one's (seal.py).
    beside = unsealed_listing(output.parent)
    renames = watch_renames(monkeypatch, every_file_is_whole)
    assert in_place.build_second() == 0
    assert len(renames) > 10  # one for each added and changed file
    assert tree_bytes(output) == new
    assert unsealed_listing(output.parent) == beside and staging_folders(output) == []


def unsealed_listing(folder: Path) -> list[str]:
    """What is beside a folder but its seal and ledger (the seal, the sealed file list, the clock ledger and
    its records, which an in-place build drops)."""
    dropped = (".statusgen.seal", ".statusgen.files", ".statusgen.clock", ".statusgen.records")
    return sorted(name for name in os.listdir(folder) if not name.endswith(dropped))


def staging_folders(output: Path) -> list[str]:
    return [name for name in os.listdir(output) if name.startswith(".statusgen-staging-")]


def test_an_interrupted_in_place_update_is_completed_by_the_next_build(
    in_place: InPlace, snapshots: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    alive = [True]

    def die_halfway(number: int) -> None:
        if number == 6 and alive[0]:
            alive[0] = False
            raise Killed

    watch_renames(monkeypatch, die_halfway)
    with pytest.raises(Killed):
        in_place.build_second()
    mixed = tree_bytes(in_place.output)
    assert mixed != in_place.old and mixed != in_place.new
    # The half-updated folder already counts as holding the newer data.
    assert run_cli(*build_args(snapshots[0], in_place.output)) == 4

    assert in_place.build_second() == 0
    assert tree_bytes(in_place.output) == in_place.new  # all rendered again: the interrupted update left no page keys
    assert staging_folders(in_place.output) == []


def test_a_failure_while_moving_files_in_place_says_so_in_one_line(
    in_place: InPlace, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()

    def fail_halfway(number: int) -> None:
        if number == 3:
            raise OSError(28, "No space left on device")

    watch_renames(monkeypatch, fail_halfway)
    assert in_place.build_second() == 1
    assert capsys.readouterr().err == (
        f"Error: cannot finish updating {in_place.output} (a mount point, updated file by file): "
        f"No space left on device; it holds old and new files until a build succeeds\n"
    )
    assert staging_folders(in_place.output) == []


def test_a_staging_folder_left_by_a_killed_build_is_not_part_of_the_site(in_place: InPlace) -> None:
    leftover = in_place.output / ".statusgen-staging-x1y2"
    (leftover / "incidents").mkdir(parents=True)
    (leftover / "incidents" / "index.html").write_text("half", encoding="utf-8")
    assert in_place.build_second() == 0
    assert tree_bytes(in_place.output) == in_place.new and staging_folders(in_place.output) == []


def test_a_staging_folder_left_in_an_empty_mount_point_does_not_make_it_foreign(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first build into an empty mount point was killed: the folder holds only its staging folder."""
    monkeypatch.setattr("generator.writer.must_update_in_place", lambda output: output.is_dir())
    output = tmp_path / "site"
    (output / ".statusgen-staging-x1y2").mkdir(parents=True)
    assert run_cli("build", "-q", "--demo", "--out", str(output)) == 0
    assert staging_folders(output) == [] and (output / "index.html").is_file()


def test_files_renewed_in_a_mount_point_are_written_inside_it_and_leave_nothing(mount_point: Path) -> None:
    """writer.replace_files writes each file first where no rename crosses a file system: beside a folder, but
    inside a mount point (in a staging folder that is not part of the site), and removes that folder after."""
    for name in ("a.html", MARKER_NAME):
        (mount_point / name).write_text("old", encoding="utf-8")
    (mount_point / "b").mkdir()
    (mount_point / "b" / "c.html").write_text("old", encoding="utf-8")
    report = replace_files(mount_point, {"a.html": b"new", "b/c.html": b"new"}, "state", unchanged=0)
    assert report.changed == ("a.html", "b/c.html")
    assert tree_bytes(mount_point) == {"a.html": b"new", "b/c.html": b"new", MARKER_NAME: b"state"}
    assert is_mount_point(mount_point)
    assert not [entry.name for entry in mount_point.parent.iterdir() if entry.name.startswith(".")]
