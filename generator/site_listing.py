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
    """Every file in the output folder, and every folder without anything in it as "path/"."""
    if not output.is_dir():
        return set()
    found: set[str] = set()
    root = str(output)
    for folder, subfolders, names in os.walk(root):
        if folder == root:  # a build staging inside a mount point is not part of the site
            subfolders[:] = [name for name in subfolders if not name.startswith(INSIDE_STAGING_PREFIX)]
        prefix = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        found.update(prefix + name for name in names)
        if prefix and not names and not subfolders:
            found.add(prefix)
    return found
