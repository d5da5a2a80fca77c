"""What says a folder tree is as a build left it, without listing or reading its files.

A file added, deleted or renamed by hand changes its folder's mtime and ctime
(the kernel sets them; no tool can set a ctime back), and a folder replaced
by hand has another inode. One stat per folder instead of one per file: a
site of 20,000 files has about 10,000 folders. Used for the seal of the last
build (seal.py) and for the spare tree kept beside the output (spare_tree.py).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from generator.build_inputs import snapshot_digest


def folders_of(paths: Iterable[str]) -> set[str]:
    """Every folder holding a path, the site's own ("") included: string work, for tens of thousands of paths."""
    folders = {""}
    for path in paths:
        folder = path.rpartition("/")[0]
        while folder and folder not in folders:
            folders.add(folder)
            folder = folder.rpartition("/")[0]
    return folders


def folder_identities(root: Path, folders: Iterable[str]) -> str:
    """One digest of every folder's inode, mtime and ctime (OSError when one is gone)."""
    return folder_states(root, folders)[0]


def folder_states(root: Path, folders: Iterable[str]) -> tuple[str, frozenset[int]]:
    """The folders' identities (as folder_identities) and the permission bits they have, the root's aside."""
    lines, modes = folder_lines(root, folders)
    return lines_digest(lines), modes


def folder_lines(root: Path, folders: Iterable[str]) -> tuple[list[str], frozenset[int]]:
    """Each folder's identity line (digested by lines_digest), and the permission bits they have, the root's aside.

    The lines let a caller that changed a few folders renew only theirs (seal.reseal).
    A no-change rebuild of 10,000 incidents runs this loop 10,000 times: the
    paths are joined as strings, not by os.path.join (a fifth of its time).
    """
    top = f"{root}/"
    lines: list[str] = []
    modes: set[int] = set()
    for folder in folders:
        status = os.stat(top + folder)  # "site/" for the site's own folder
        lines.append(folder_line(folder, status))
        if folder:
            modes.add(stat.S_IMODE(status.st_mode))
    return lines, frozenset(modes)


def folder_line(folder: str, status: os.stat_result) -> str:
    """A folder's identity line: folder_lines makes every folder's, seal.reseal a changed folder's."""
    return f"{folder}:{status.st_ino}:{status.st_mtime_ns}:{status.st_ctime_ns}"


def lines_digest(lines: list[str]) -> str:
    return snapshot_digest("\n".join(lines).encode("utf-8", "surrogateescape"))


def stat_identity(status: os.stat_result) -> list[int]:
    """What changes whenever a file's bytes do: device, inode, size, mtime and ctime (seal.file_identity)."""
    return [status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns]


def tree_identity(root: Path) -> list[int] | None:
    """What changes when a folder is replaced or an entry of its own changes: device, inode, ctime."""
    try:
        status = os.stat(root)
    except OSError:
        return None
    return [status.st_dev, status.st_ino, status.st_ctime_ns]
