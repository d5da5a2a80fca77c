"""Running the real `statusgen` command in subprocesses, and reading what it left on disk."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# The pages of the demo site: site/ in the repository is the demo, built and checked byte for byte by CI.
DEMO_PAGES = sum(1 for _ in (REPO / "site").rglob("*.html"))


def statusgen_environment(**extra: str) -> dict[str, str]:
    """This process's environment without OneUptime settings or a build date, plus `extra`."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("ONEUPTIME_") and name not in {"SOURCE_DATE_EPOCH", "PYTHONHASHSEED", "TZ"}
    }
    # The checkout first, so the subprocess runs this code whether or not it is installed.
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), environment.get("PYTHONPATH")]))
    environment.update(extra)
    return environment


def statusgen_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "generator", *args]


def run_statusgen(*args: str, **environment: str) -> subprocess.CompletedProcess[str]:
    return run_statusgen_in(None, *args, **environment)


def run_statusgen_in(folder: Path | None, *args: str, **environment: str) -> subprocess.CompletedProcess[str]:
    """The real command in a fresh process, in `folder` (None: this process's current folder)."""
    return subprocess.run(
        statusgen_command(*args),
        capture_output=True,
        text=True,
        env=statusgen_environment(**environment),
        cwd=folder,
        timeout=120,
        check=False,
    )


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every file under `root` (the statusgen marker too) by its relative path."""
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def tree_identity(root: Path) -> dict[str, tuple[int, int]]:
    """(inode, mtime in ns) of every file: what tells a sync tool a file was rewritten."""
    identity = {}
    for path in root.rglob("*"):
        if path.is_file():
            status = path.stat()
            identity[path.relative_to(root).as_posix()] = (status.st_ino, status.st_mtime_ns)
    return identity


def leftovers(output: Path) -> list[str]:
    """Staging or retired folders a build leaves next to `output` only when it was interrupted."""
    return sorted(path.name for path in output.parent.glob(f".{output.name}.statusgen-*"))


class Killed(BaseException):
    """Stands for SIGKILL in process: nothing after it runs, no `except Exception` catches it."""


def children_of(pid: int) -> list[int]:
    """The processes `pid` started that are still its children (Linux /proc)."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []
