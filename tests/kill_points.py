"""SIGKILL at a chosen change to the file system: every moment a build can be killed at, one by one.

A kill at a random moment (tests/test_atomic_kill.py) rarely lands in a window
a few system calls wide, such as a cron run's between renewing a file and
renewing the marker. Here the build runs in a forked child that counts each
call that changes the file system (a rename, a link, an unlink, a new folder,
a file opened for writing, a permission change, the folders' exchange) and
kills itself with SIGKILL just before the k-th: nothing after it runs, no
`finally`, as when the machine's operator or the OOM killer ends a cron job.
"""

from __future__ import annotations

import builtins
import functools
import io
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator import site_swap

_OS_CALLS = ("rename", "replace", "link", "unlink", "remove", "rmdir", "mkdir", "chmod", "symlink", "utime", "truncate")
_WRITING_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


class _Counter:
    def __init__(self, kill_at: int | None) -> None:
        self.calls = 0
        self.kill_at = kill_at

    def step(self) -> None:
        self.calls += 1
        if self.calls == self.kill_at:
            os.kill(os.getpid(), signal.SIGKILL)


def _counted(counter: _Counter, call: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(call)
    def changing(*args: Any, **kwargs: Any) -> Any:
        counter.step()
        return call(*args, **kwargs)

    return changing


def _counted_open(counter: _Counter, call: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(call)
    def opening(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if set(mode) & set("wax+"):
            counter.step()
        return call(file, mode, *args, **kwargs)

    return opening


def _counted_os_open(counter: _Counter, call: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(call)
    def opening(path: Any, flags: int, *args: Any, **kwargs: Any) -> Any:
        if flags & _WRITING_FLAGS:
            counter.step()
        return call(path, flags, *args, **kwargs)

    return opening


def _install(counter: _Counter) -> None:
    for name in _OS_CALLS:
        setattr(os, name, _counted(counter, getattr(os, name)))
    os.open = _counted_os_open(counter, os.open)  # type: ignore[assignment]
    builtins.open = io.open = _counted_open(counter, io.open)  # type: ignore[assignment]
    site_swap.exchange = _counted(counter, site_swap.exchange)  # type: ignore[assignment]


def run_killed_at(kill_at: int | None, run: Callable[[], object], count_file: Path, timeout: float = 120) -> bool:
    """Run `run` in a forked child that is SIGKILLed just before its `kill_at`-th change (None: never).

    Returns whether the child was killed; the number of changes a whole run
    made is written to `count_file` when it is not. The child never returns
    into the caller: whatever `run` raises ends it with status 1.
    """
    child = os.fork()
    if child == 0:  # pragma: no cover - the child's coverage is not collected
        status = 1
        try:
            counter = _Counter(kill_at)
            _install(counter)
            run()
            count_file.write_text(str(counter.calls), encoding="ascii")
            status = 0
        finally:
            os._exit(status)
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(child, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(child, signal.SIGKILL)
            os.waitpid(child, 0)
            raise AssertionError(f"the run to be killed at change {kill_at} did not end within {timeout} s")
        time.sleep(0.005)
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
        return True
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        raise AssertionError(f"the run to be killed at change {kill_at} failed instead (status {status})")
    return False


def changes_made(run: Callable[[], object], count_file: Path) -> int:
    """How many changes to the file system a whole run makes (in a forked child, so nothing here is counted)."""
    assert not run_killed_at(None, run, count_file)  # noqa: S101 - a test helper
    return int(count_file.read_text(encoding="ascii"))
