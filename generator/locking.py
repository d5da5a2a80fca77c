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
    """Wait for, then hold, the lock on the lock file `path` (made when missing).

    flock ends with the process, so a killed run never leaves a stale lock.
    """
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)
