"""Advisory locks: overlapping cron runs take turns at replacing the same site or snapshot file."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def lock_file_for(path: Path) -> Path:
    """The lock file beside `path` (`site` -> `.site.statusgen.lock`): it outlives every swap of `path`."""
    return path.with_name(f".{path.name}.statusgen.lock")


@contextmanager
def exclusive_lock(path: Path) -> Iterator[None]:
    """Wait for, then hold, the lock on `path`: a lock file (made when missing) or an existing folder.

    A folder is locked itself, leaving nothing behind; that is only right for a
    folder that is never renamed away, such as a mount point, which every
    container that mounts it shares. flock ends with the process, so a killed
    run never leaves a stale lock.
    """
    if path.is_dir():
        descriptor = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    else:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)
