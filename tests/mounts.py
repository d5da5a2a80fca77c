"""Mounting a file system for one test, where this machine allows it (root on Linux), else skipping it."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def mounted(*arguments: str, at: Path) -> Iterator[Path]:
    """`mount ARGUMENTS AT` while the block runs (unmounted after it), or a skipped test where that is not allowed."""
    mount = shutil.which("mount")
    if mount is None or os.geteuid() != 0:
        pytest.skip("mounting needs root and mount(8)")
    result = subprocess.run([mount, *arguments, str(at)], capture_output=True, check=False, timeout=60)
    if result.returncode != 0:
        pytest.skip(f"cannot mount here: {result.stderr.decode(errors='replace').strip()}")
    try:
        yield at
    finally:
        subprocess.run(["umount", "-l", str(at)], check=False, timeout=60)
