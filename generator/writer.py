"""The only code that touches the output folder.

A build is written into a new sibling folder and swapped in as a whole, so
the output folder is always the complete old site or the complete new one,
also when the process is killed or the disk fills: what a killed process
wrote is in the kernel's hands already. Files are not fsynced one by one (a
power cut is the host's journal's business, and per-file fsync made a large
build several times slower).
Files whose bytes did not change are hard-linked from the old site, which
keeps their mtime: `aws s3 sync`, `gsutil rsync` and `rclone` then upload
only what changed. When nothing changed at all, the folder is not touched.
Where the swap is an atomic exchange, the replaced site is kept beside the
output as the next build's staging folder, so a small change costs a few
files, not a link for every file of the site (spare_tree.py).

A caller that knows a file is unchanged without rendering it (the build's
page cache) passes REUSE instead of its bytes.

An output folder that is a mount point (a Docker bind mount) cannot be
renamed: it is updated in place instead, file by file (see update_in_place).
Which folder is written, whether it may be, and its lock: output_folder.py.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator, Mapping, Set
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator.errors import OutputError
from generator.folder_evidence import tree_identity
from generator.output_folder import check_output_folder as check_output_folder  # re-exported
from generator.output_folder import exclusive_output_lock
from generator.output_folder import site_folder as site_folder  # re-exported
from generator.site_listing import existing_entries
from generator.site_listing import existing_files as existing_files  # re-exported: publishing lists files
from generator.site_swap import (
    INSIDE_STAGING_PREFIX,
    WORK_PREFIX,
    marker_text,
    must_update_in_place,
    recover_interrupted_swap,
    renewal_folder,
    replace_file,
    replace_marker,
    swap_into_place,
    update_in_place,
)
from generator.site_swap import MARKER_NAME as MARKER_NAME  # the writer's marker, re-exported
from generator.spare_tree import (
    Spare,
    clear_for_file,
    drop_spare,
    keep_as_spare,
    output_moved_on,
    set_spare_aside,
    settle_spare,
    spare_back,
    take_spare,
)

# Marks a folder as ours: we never replace a non-empty folder without it. Its
# text is the build's state (the page cache), kept with the files it describes.
# Where a folder updated in place (a mount point) stages its next files: inside it, on its file system.


class Reused:
    """The content of a file that stays exactly as it is in the current output folder."""

    def __repr__(self) -> str:
        return "REUSE"


REUSE = Reused()
Content = bytes | Reused


class Staged:
    """A new file that the worker which rendered it wrote into the staging folder itself (write_new_files)."""

    def __repr__(self) -> str:
        return "STAGED"


STAGED = Staged()


@dataclass(frozen=True, slots=True)
class WriteReport:
    """What a write changed (or, for a check, would change)."""

    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.changed)} changed, "
            f"{len(self.removed)} removed, {self.unchanged} unchanged"
        )


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build made (pages, files) and what its write changed."""

    pages: int
    files: int
    write: WriteReport


def duplicate_path(path: str) -> OutputError:
    """The error for two outputs of one build that want the same path."""
    return OutputError(f"two outputs want the same path {path!r}; rename one of them in the theme")


def check_paths(files: Mapping[str, object]) -> None:
    """Every path stays inside the output folder: relative, no '..', no empty parts."""
    for path in files:
        if not inside_site(path):
            raise OutputError(f"refusing to write outside the output folder: {path!r}")


def inside_site(path: str) -> bool:
    """A path inside the output folder: relative, no '..', no empty parts.

    Plain string checks, not PurePosixPath: a build checks twenty thousand paths.
    """
    return "\\" not in path and not any(part in _NOT_A_NAME for part in path.split("/"))


_NOT_A_NAME = frozenset({"", ".", ".."})  # an empty part is also what a leading "/" gives


def compare_with_existing(files: Mapping[str, Content], output: Path) -> WriteReport:
    """What writing `files` to `output` would change; reads, writes nothing."""
    check_paths(files)
    existing = existing_entries(output)
    added, changed, unchanged = [], [], 0
    for path, content in files.items():
        difference = _difference(output, existing, path, content)
        if difference == _ADDED:
            added.append(path)
        elif difference == _CHANGED:
            changed.append(path)
        else:
            unchanged += 1
    removed = sorted(existing - set(files) - {MARKER_NAME})
    return WriteReport(tuple(sorted(added)), tuple(sorted(changed)), tuple(removed), unchanged)


_ADDED, _CHANGED, _UNCHANGED = "added", "changed", "unchanged"


def _difference(output: Path, existing: Set[str], path: str, content: Content) -> str:
    """How one file of the new site differs from the output folder's: added, changed or unchanged."""
    if path not in existing:
        if isinstance(content, Reused):
            raise OutputError(f"internal error: {path} was to be kept but is not in {output}")
        return _ADDED
    if isinstance(content, Reused) or same_content(output / path, content):
        return _UNCHANGED
    return _CHANGED


def read_state(output: Path) -> str:
    """The state text the last build left in the output folder's marker ("" if none)."""
    try:
        return (site_folder(output) / MARKER_NAME).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def write_site(files: Mapping[str, Content], output: Path, state: str = "") -> WriteReport:
    """Replace `output` with exactly `files`, atomically; the old site survives any failure.

    `state` is kept in the folder's marker file for the next build to read.
    """
    with open_site(output) as site:
        for path, content in files.items():
            site.add(path, content)
        return site.commit(state)


FileLister = Callable[[Path], set[str] | None]
"""Another source of the output folder's file list than walking it (the seal's); None when it has none."""


@contextmanager
def open_site(output: Path, use_spare: bool = True, known_files: FileLister | None = None) -> Iterator[SiteWriter]:
    """A SiteWriter for `output`, holding the folder's lock; on any failure the old site stays as it was.

    A build renders into it file by file, so it never holds the whole site in
    memory, and the files are written while the rest is still rendering.
    Without `use_spare` (--no-cache) the next site is staged whole, from the
    output's own files, not from the spare tree kept beside it.
    `known_files`, asked under the lock, may give the folder's files without a walk.
    """
    with _locked(output) as (output, in_place):
        known = known_files(output) if known_files is not None and not in_place else None
        site = SiteWriter(output, in_place, use_spare, known)
        try:
            yield site
        except OSError as exc:
            raise OutputError(
                f"cannot write the site to {output}: {exc.strerror or exc}; the previous site is unchanged"
            ) from None
        finally:
            site.discard()


@contextmanager
def locked_site(output: Path) -> Iterator[Path]:
    """The output folder under its lock, as open_site holds it, for replace_files."""
    with _locked(output) as (output, _):
        yield output


@contextmanager
def _locked(output: Path) -> Iterator[tuple[Path, bool]]:
    """The output folder (symlink resolved) under its lock, and whether it is updated in place (a mount)."""
    output = site_folder(output)
    check_output_folder(output)  # before the lock: a refused folder gets no lock file beside it
    in_place = must_update_in_place(output)
    with exclusive_output_lock(output, in_place):
        recover_interrupted_swap(output)
        check_output_folder(output)  # again: another run may have changed it while this one waited
        yield output, in_place


def replace_files(
    output: Path, files: Mapping[str, bytes], state: str, unchanged: int, interim: str | None = None
) -> WriteReport:
    """Replace a few files of the site, each by one rename, then the marker (call under locked_site).

    For a cron run's remade files (clock_rebuild.py): each is the same data
    shown at a later time, or a few incidents' outputs with their change, so a
    reader sees every file whole, each from the last run or this one, and the
    other files cost nothing. The spare tree, if any, records that these files
    now differ from the output's. `interim`, when some of the files have a
    page key in the marker, is the marker's state until the last rename: no
    keys, so that a build after an interrupted run renders everything instead
    of keeping a renewed file by its old key (as site_swap.update_in_place).
    """
    check_paths(files)
    for path in files:
        if not (output / path).is_file():
            raise OutputError(f"internal error: {path} was to be replaced but is not in {output}")
    before = tree_identity(output)
    changed = [path for path, content in sorted(files.items()) if not same_content(output / path, content)]
    spare_record = set_spare_aside(output)
    try:
        work = renewal_folder(output)
    except OSError as exc:
        raise OutputError(f"cannot create a folder next to {output}: {exc.strerror}") from None
    try:
        if interim is not None and changed:
            replace_marker(output, interim, work / f"interim-{MARKER_NAME}")
        for done, path in enumerate(changed):  # the time shown may not have changed (a run within the same second)
            try:
                replace_file(output / path, files[path], work / str(done))
            except OSError as exc:
                marker = "holds no page keys" if interim is not None else "is unchanged"
                raise OutputError(
                    f"cannot write {output / path}: {exc.strerror}; {done} of the {len(changed)} files to renew "
                    f"were renewed first (each whole), the marker {marker}, and the next build writes the rest"
                ) from None
        replace_marker(output, state, work / MARKER_NAME)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    spare_back(output, before, spare_record, changed)
    return WriteReport((), tuple(changed), (), unchanged + len(files) - len(changed))


class SiteWriter:
    """The next site, written next to the output folder as its files come, then swapped in whole.

    The staging folder is made at the first file that differs from the
    output folder's; until then unchanged files are only counted, so a build
    that changes nothing writes nothing. Unchanged files are hard-linked from
    the old site, keeping their mtime. A folder updated in place stages only
    new and changed files, inside itself.
    """

    def __init__(
        self, output: Path, in_place: bool = False, use_spare: bool = True, existing: set[str] | None = None
    ) -> None:
        self.output = output
        self.in_place = in_place
        self.use_spare = use_spare and not in_place
        self._spare: Spare | None = None  # when the staging folder is the spare tree
        self.existing = existing if existing is not None else existing_entries(output)  # as it is now, under the lock
        if not self.use_spare:
            drop_spare(output)  # a --no-cache build or an update in place makes any spare stale
        self._staging: Path | None = None
        self._folders: set[str] = set()  # made in the staging folder, relative to it
        self._seen: set[str] = set()
        self._unchanged: list[str] = []
        self._added: list[str] = []
        self._changed: list[str] = []

    def add(self, path: str, content: Content | Staged) -> None:
        """One file of the new site: classified against the old one, and staged once anything differs.

        STAGED: a worker wrote it into the folder staging_for_new_files gave.
        """
        check_paths({path: content})
        if path in self._seen:
            raise duplicate_path(path)
        self._seen.add(path)
        if isinstance(content, Staged):
            if path in self.existing or self._staging is None or self._spare is not None or self.in_place:
                raise OutputError(f"internal error: {path} was written where this build does not stage new files")
            self._added.append(path)
            return
        difference = _difference(self.output, self.existing, path, content)
        if difference == _UNCHANGED:
            self._unchanged.append(path)
            if self._staging is not None:
                self._keep(path)
            return
        (self._added if difference == _ADDED else self._changed).append(path)
        self._stage_from_now()
        self._write(path, content)

    def staging_for_new_files(self) -> str | None:
        """The staging folder, made now, when every file of the build is new: the output folder has none.

        The build's workers then write the files they render into it
        themselves (write_new_files) instead of sending their bytes here
        through a pipe: a first build of 10,000 incidents is 200 MB, which
        the pipe copied four times and this process wrote while the workers
        rendered. Never for a folder updated in place or staged in the
        spare tree, whose files are kept or cleared one by one.
        """
        if self.in_place or self.existing or self._staging is not None:
            return None
        self._stage_from_now()
        return None if self._spare is not None else str(self._staging_folder())

    def commit(self, state: str, interim: str = "") -> WriteReport:
        """Swap the new site in, or, when nothing differs, leave the folder as it is (but its state).

        `interim` is the marker's state while a folder is updated in place:
        it should hold no page-cache keys, as files are then old and new.
        """
        removed = sorted(self.existing - self._seen - {MARKER_NAME})
        report = WriteReport(
            tuple(sorted(self._added)), tuple(sorted(self._changed)), tuple(removed), len(self._unchanged)
        )
        if report.has_changes or not self.output.is_dir():
            self._stage_from_now()
            staging = self._staging_folder()
            if self.in_place:
                update_in_place(staging, self.output, report, interim, state)
                return report
            if self._spare is not None:
                settle_spare(staging, self._spare.differs | set(removed), self._seen)
            (staging / MARKER_NAME).unlink(missing_ok=True)  # the spare's: its inode is no one else's, but be sure
            (staging / MARKER_NAME).write_text(marker_text(state), encoding="utf-8")
            os.chmod(staging, 0o755)  # noqa: S103 - mkdtemp makes it private; a published site is world-readable
            self._swap(staging, report)
        elif read_state(self.output) != state:
            before = tree_identity(self.output)
            replace_marker(self.output, state)
            output_moved_on(self.output, before)
        return report

    def _swap(self, staging: Path, report: WriteReport) -> None:
        """Swap the staged site in; keep the old one as the spare tree when it was an exchange, else drop any."""
        exchanged = swap_into_place(staging, self.output)  # if so, the old site is now at `staging`
        if not exchanged or not self.use_spare:
            drop_spare(self.output)
            return
        self._staging = None
        keep_as_spare(staging, self.output, self.existing, [*report.added, *report.changed, *report.removed])

    def discard(self) -> None:
        """Remove what was staged and not swapped in (after a swap it holds the old site)."""
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
            self._staging = None

    def _stage_from_now(self) -> None:
        """Make the staging folder (or take the spare tree), and put in it the unchanged files counted so far."""
        if self._staging is not None:
            return
        self._staging = self._taken_spare() or self._new_staging_folder()
        for path in self._unchanged:
            self._keep(path)

    def _taken_spare(self) -> Path | None:
        """The spare tree as the staging folder, when there is one to trust (spare_tree.py)."""
        if not self.use_spare or not self.output.is_dir():
            return None
        staging = self.output.with_name(f".{self.output.name}{WORK_PREFIX}new-spare")  # a leftover if killed
        shutil.rmtree(staging, ignore_errors=True)
        self._spare = take_spare(self.output, staging)
        return staging if self._spare is not None else None

    def _new_staging_folder(self) -> Path:
        import tempfile  # only a build that writes stages; a no-change rebuild does not (seal.py)

        try:
            if self.in_place:
                return Path(tempfile.mkdtemp(prefix=INSIDE_STAGING_PREFIX, dir=self.output))
            return Path(tempfile.mkdtemp(prefix=f".{self.output.name}{WORK_PREFIX}new-", dir=self.output.parent))
        except OSError as exc:
            raise OutputError(f"cannot create a folder next to {self.output}: {exc.strerror}") from None

    def _staging_folder(self) -> Path:
        assert self._staging is not None  # noqa: S101 - _stage_from_now made it
        return self._staging

    def _target(self, path: str) -> str:
        return _staged_target(str(self._staging_folder()), path, self._folders)

    def _keep(self, path: str) -> None:
        if self.in_place:  # an unchanged file stays where it is
            return
        if self._spare is not None:
            if path not in self._spare.differs:  # the spare holds this very file already
                return
            clear_for_file(self._staging_folder(), path)
        if not _link_unchanged(os.path.join(self.output, path), self._target(path)):
            raise OSError(f"{path} was to be kept but could not be linked or copied")

    def _write(self, path: str, content: Content) -> None:
        if isinstance(content, Reused):  # never: a reused file exists and is unchanged
            raise OSError(f"{path} was to be kept but is not in {self.output}")
        if self._spare is not None:  # its file may share its inode with the output's: never write into it
            clear_for_file(self._staging_folder(), path)
        _write_file(self._target(path), content)


def write_new_files(staging: str, files: Mapping[str, bytes], made: set[str]) -> None:
    """Write one output's files into the staging folder of a build whose files are all new.

    Called by the worker that rendered them (SiteWriter.staging_for_new_files);
    the build then adds each path as STAGED. The paths are checked here,
    before anything is written. `made`: the folders this process has made
    in `staging` (an incident's page and feed share one: asking again costs
    15 us a file).
    """
    check_paths(files)
    for path, content in files.items():
        _write_file(_staged_target(staging, path, made), content)


def _staged_target(staging: str, path: str, made: set[str]) -> str:
    """Where `path` goes in `staging`, its folder made if not in `made` yet (strings: this runs per file)."""
    folder = path.rpartition("/")[0]
    if folder not in made:
        os.makedirs(os.path.join(staging, folder), exist_ok=True)
        made.add(folder)
    return os.path.join(staging, path)


# A new file, created or emptied, closed on exec: what open(path, "wb") asks of the kernel.
_WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC


def _write_file(target: str, content: bytes) -> None:
    """Write a staged file with three system calls, not the six of open(): a build writes one per page.

    open() also asks whether the file is a terminal, stats it and seeks in it,
    and builds a buffered writer around it: 4 us a file, 0.4 s at 100,000.
    """
    handle = os.open(target, _WRITE_FLAGS, 0o666)
    try:
        rest = memoryview(content)
        while rest:  # a regular file takes it all at once; a short write is finished, not lost
            rest = rest[os.write(handle, rest) :]
    finally:
        os.close(handle)


def same_content(path: Path, content: bytes) -> bool:
    """Whether the file at `path` holds exactly `content` (False if it cannot be read)."""
    try:
        return path.stat().st_size == len(content) and path.read_bytes() == content
    except OSError:
        return False


def _link_unchanged(source: str, target: str) -> bool:
    """Hard-link an unchanged file (same inode, same mtime); copy with its mtime if links fail."""
    try:
        os.link(source, target)
    except OSError:
        try:
            shutil.copy2(source, target)
        except OSError:
            return False
    return True
