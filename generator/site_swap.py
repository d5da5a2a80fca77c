"""How a staged site takes the output folder's place: one atomic exchange, two renames, or file by file.

On Linux, renameat2(RENAME_EXCHANGE) swaps the staged folder and the output
in one step. Where it is missing (macOS, some network file systems) the swap
is two renames, and a build killed between them leaves the old site aside,
which the next build puts back (recover_interrupted_swap). A mount point
cannot be renamed at all: its files are replaced one by one, in an order that
keeps links working as far as it can (update_in_place).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from generator.errors import OutputError
from generator.mounts import is_mount_point

if TYPE_CHECKING:
    from generator.writer import WriteReport

MARKER_NAME = ".statusgen-site"
WORK_PREFIX = ".statusgen-"
INSIDE_STAGING_PREFIX = ".statusgen-staging-"


def replace_marker(output: Path, state: str, temporary: Path | None = None) -> None:
    """Only the build state changed: swap in a new marker file, nothing else (`temporary`: as replace_file)."""
    try:
        replace_file(output / MARKER_NAME, marker_text(state).encode("utf-8"), temporary)
    except OSError as exc:
        raise OutputError(f"cannot update {output / MARKER_NAME}: {exc.strerror}") from None


def replace_file(path: Path, data: bytes, temporary: Path | None = None) -> None:
    """Put `data` at `path` in one rename, so a reader sees the old file or the new (call under the lock:
    the temporary name beside it is fixed); on failure the temporary file goes and the old one stays.

    `temporary`, on the same file system, is where the bytes are written first:
    for a file of the site, a name outside the published tree (renewal_folder).
    """
    temporary = temporary or path.with_name(path.name + ".tmp")
    try:
        temporary.write_bytes(data)
        temporary.replace(path)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise


def renewal_folder(output: Path) -> Path:
    """A new private folder for the files a cron run renews in the site, each then renamed into place.

    Written beside the site's own files, a temporary file stood in the published
    tree until its rename, and for good if the run was killed first (until the
    next run removed it). This folder is beside the output, or inside it when
    the output is a mount point (no rename leaves a file system), under a name
    recover_interrupted_swap removes.
    """
    if must_update_in_place(output):
        import tempfile  # for a mount point only; a no-change rebuild renews nothing (seal.py)

        return Path(tempfile.mkdtemp(prefix=INSIDE_STAGING_PREFIX, dir=output))
    folder = output.with_name(f".{output.name}{WORK_PREFIX}renew")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(mode=0o700)
    return folder


def marker_text(state: str) -> str:
    return state or "This folder is written by statusgen.\n"


def must_update_in_place(output: Path) -> bool:
    """A mount point cannot be renamed or exchanged (EBUSY, EXDEV): its files are replaced instead."""
    return output.is_dir() and is_mount_point(output)


def update_in_place(staging: Path, output: Path, report: WriteReport, interim: str, state: str) -> None:
    """Move each added and changed file from `staging` over the old one, then delete the removed ones.

    Each file is replaced by one rename on the mount's own file system, so a
    reader sees a file old or new, never part of one; but while this runs, the
    folder holds some new files and some old. The order keeps links working
    as far as it can: added files first (nothing links to them yet, and new
    stylesheets come before the pages that use them), then changed files,
    the deepest first (an incident's page before the home page that lists it),
    deletions last. Until the end the marker holds `interim`, without page
    keys, so that the build after an interrupted update renders everything.
    Each marker is written first in `staging` (inside the mount, and not part
    of the site), so a build killed before its rename leaves no temporary file
    in the site.
    """
    replace_marker(output, interim, staging / f"{WORK_PREFIX}interim-marker")
    try:
        for path in _in_safe_order(report.added) + _in_safe_order(report.changed):
            target = output / path
            target.parent.mkdir(parents=True, exist_ok=True)
            os.rename(staging / path, target)
        for path in report.removed:
            if path.endswith("/"):  # an empty folder (site_listing.py)
                shutil.rmtree(output / path, ignore_errors=True)
            else:
                (output / path).unlink(missing_ok=True)
        remove_emptied_folders(output, report.removed)
    except OSError as exc:
        raise OutputError(
            f"cannot finish updating {output} (a mount point, updated file by file): {exc.strerror or exc}; "
            f"it holds old and new files until a build succeeds"
        ) from None
    replace_marker(output, state, staging / f"{WORK_PREFIX}marker")


def _in_safe_order(paths: Iterable[str]) -> list[str]:
    """Static files first, then the deepest paths first."""
    return sorted(paths, key=lambda path: (not path.startswith("static/"), -path.count("/"), path))


def remove_emptied_folders(output: Path, removed: Iterable[str]) -> None:
    """Folders left empty by deleted files go too, the deepest first; any still holding something stays."""
    folders = {parent for path in removed for parent in PurePosixPath(path).parents if parent.parts}
    for folder in sorted(folders, key=lambda folder: -len(folder.parts)):
        try:
            (output / folder).rmdir()
        except OSError:
            continue


def swap_into_place(staging: Path, output: Path) -> bool:
    """Put `staging` in the output's place; True when the old site is now at `staging` (an exchange).

    Otherwise the old site is gone, or there was none.
    """
    if not output.exists():
        staging.rename(output)
        return False
    if exchange(staging, output):
        return True  # the caller keeps the old site as the spare tree, or removes it
    # No atomic exchange on this system: two renames, with recovery on the next run.
    retired = output.with_name(f".{output.name}{WORK_PREFIX}old")
    shutil.rmtree(retired, ignore_errors=True)
    output.rename(retired)
    staging.rename(output)
    shutil.rmtree(retired, ignore_errors=True)
    return False


def recover_interrupted_swap(output: Path) -> None:
    """After a kill: restore a retired old site that never got its successor; drop leftovers."""
    retired = output.with_name(f".{output.name}{WORK_PREFIX}old")
    if retired.is_dir() and not output.exists():
        retired.rename(output)
    if output.parent.is_dir():
        for leftover in output.parent.glob(f".{output.name}{WORK_PREFIX}*"):
            if leftover.is_symlink():  # left by a version that swapped a symlinked output away
                leftover.unlink()
            else:
                shutil.rmtree(leftover, ignore_errors=True)
    if output.is_dir():
        for leftover in output.glob(f"{INSIDE_STAGING_PREFIX}*"):
            shutil.rmtree(leftover, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step with Linux renameat2(RENAME_EXCHANGE); False if unsupported."""
    # Imported here: ctypes.util brings subprocess, and a run that finds nothing changed swaps nothing.
    import ctypes
    import ctypes.util

    library_name = ctypes.util.find_library("c")
    if library_name is None:
        return False
    libc = ctypes.CDLL(library_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    error = ctypes.get_errno()
    if error in {22, 38, 95}:  # EINVAL, ENOSYS, EOPNOTSUPP: this file system cannot exchange
        return False
    raise OSError(error, os.strerror(error))
