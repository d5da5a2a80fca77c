"""Whether a folder is a mount point, such as a Docker bind mount, which cannot be renamed away."""

from __future__ import annotations

import os
import re
from pathlib import Path

_MOUNT_TABLE = Path("/proc/self/mountinfo")
_ESCAPED = re.compile(rb"\\([0-7]{3})")  # mountinfo writes a space in a path as \040


def is_mount_point(folder: Path) -> bool:
    """True for a mount point; os.path.ismount alone misses a bind mount within one file system."""
    return os.path.ismount(folder) or os.fsencode(folder.resolve()) in _listed_mount_points()


def _listed_mount_points() -> set[bytes]:
    """Every mount point Linux lists for this process (none elsewhere: ismount has to do there)."""
    try:
        table = _MOUNT_TABLE.read_bytes()
    except OSError:
        return set()
    points = set()
    for line in table.splitlines():
        fields = line.split(b" ")
        if len(fields) > 4:
            points.add(_ESCAPED.sub(lambda match: bytes([int(match.group(1), 8)]), fields[4]))
    return points
