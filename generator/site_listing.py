"""What is in an output folder: its files, and the empty folders a build must also take away.

An empty folder is listed as its path with a trailing slash ("x/"): nothing a
build makes looks like that, so it is always something to remove. Listing them
keeps the folder trees statusgen trusts (the seal, the spare tree) free of
folders it does not know about, where a hand-made file could go unseen.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.site_swap import INSIDE_STAGING_PREFIX


def existing_files(output: Path) -> set[str]:
    """Every file in the output folder, as site paths (empty if there is no folder)."""
    return {entry for entry in existing_entries(output) if not entry.endswith("/")}


def existing_entries(output: Path) -> set[str]:
    """Every file in the output folder, and every folder without anything in it as "path/".

    What os.walk gives (a link to a folder is neither followed nor listed, a
    folder that cannot be read is passed over), walked with os.scandir and
    paths joined as strings: a run in a site restored from a CI cache lists
    its 10,000 folders here, and os.walk with os.path.relpath took half of it.
    """
    return _listing(output)[0]


def complete_listing(output: Path) -> set[str] | None:
    """existing_entries, if it passed nothing over: else None (a link to a folder, a folder it cannot read).

    For a run that trusts the listing as the site (clock_rebuild.py): an entry
    it cannot see could hold anything, so only a whole build may go on.
    """
    found, complete = _listing(output)
    return found if complete else None


def _listing(output: Path) -> tuple[set[str], bool]:
    if not output.is_dir():
        return set(), True
    found: set[str] = set()
    complete = True
    folders = [("", str(output))]
    while folders:
        prefix, folder = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            complete = False
            continue
        for entry in entries:
            if not _is_folder(entry):
                found.add(prefix + entry.name)
            elif not _walked_into(entry):
                complete = False
            elif prefix or not entry.name.startswith(INSIDE_STAGING_PREFIX):
                # (a build staging inside a mount point is not part of the site)
                folders.append((f"{prefix}{entry.name}/", entry.path))
        if prefix and not entries:
            found.add(prefix)
    return found, complete


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """As os.walk tells them apart: a link to a folder is a folder, and an entry that cannot be told is a file."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _walked_into(entry: os.DirEntry[str]) -> bool:
    """A folder that is not a link (os.walk's followlinks=False)."""
    try:
        return not entry.is_symlink()
    except OSError:
        return True
