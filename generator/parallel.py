"""Rendering many jobs on every core: forked workers that inherit the plan, not pickle it.

Rendering is pure Python (Jinja, markdown-it, feedgen), so threads would not
help. Forked processes start with the whole plan already in memory; each
renders a share of the jobs and sends back only bytes (a first build's
workers write most of their files themselves: jobs.NewFiles). Where fork is not
available, or there is little to do, everything runs in this process.
"""

from __future__ import annotations

import ctypes
import functools
import gc
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import contextmanager
from multiprocessing.pool import Pool
from typing import Any

from generator.quick_exit import collector_back_on

Task = Callable[[], Any]
# Runs the jobs numbered start to end (excluded) and returns their results in order.
RangeRunner = Callable[[int, int], list[Any]]

# Below this many jobs, starting workers costs more than it saves.
PARALLEL_THRESHOLD = 200
_CHUNKS_PER_WORKER = 8
# Jobs run in this process are handed over in ranges of this many, so their results are written as they come.
_SERIAL_RANGE = 64

_pending: RangeRunner | None = None


def run_all(tasks: Sequence[Task], workers: int | None = None) -> list[Any]:
    """Every task's result, in the tasks' order, however the work was split."""
    return list(run_each(tasks, workers))


def run_each(tasks: Sequence[Task], workers: int | None = None) -> Iterator[Any]:
    """Every task's result in the tasks' order, each as soon as it and those before it are done."""
    return run_ranges(len(tasks), functools.partial(_run_tasks, tasks), workers)


def run_ranges(
    total: int, run_range: RangeRunner, workers: int | None = None, meanwhile: Task | None = None
) -> Generator[Any, None, None]:
    """The results of jobs 0 to `total`, in order, each range's as soon as it and those before it are done.

    `run_range(start, end)` runs a range of jobs in one call, so it can do
    together what the jobs would otherwise each do in turn (jobs.run_outputs
    renders a range's Markdown before its templates). The caller can write
    results while the rest still render, instead of holding all of them in
    memory first. Closing the generator ends the workers, and waits for them.

    `meanwhile`, if given, runs in this process once the workers have their
    jobs, before the first result is awaited: work of the caller's that needs
    no result, done while this process would otherwise only wait (the first
    results take seconds at 10,000 incidents). Without workers it runs first.
    """
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers < 2 or total < PARALLEL_THRESHOLD or "fork" not in multiprocessing.get_all_start_methods():
        if meanwhile is not None:
            meanwhile()
        for start in range(0, total, _SERIAL_RANGE):
            yield from run_range(start, min(start + _SERIAL_RANGE, total))
        return
    global _pending
    _pending = run_range
    try:
        ranges = tapering_ranges(total, max(1, total // (workers * _CHUNKS_PER_WORKER)))
        with _forked_pool(workers) as pool:
            parts = pool.imap(_run_pending, ranges)
            if meanwhile is not None:
                meanwhile()
            for part in parts:
                yield from part
    finally:
        _pending = None


def _run_tasks(tasks: Sequence[Task], start: int, end: int) -> list[Any]:
    return [task() for task in tasks[start:end]]


def _forked_pool(workers: int) -> Pool:
    """A pool of forked workers that each start with SIGTERM held, until _start_worker can take it.

    Python forgets, in a forked child, every signal that came before it reset its
    signal flags (the child must not run its parent's pending handlers). On a busy
    machine a worker may not run at all before the pool's work is done and the pool
    ends it with SIGTERM: that signal was forgotten, and the pool waited for the
    worker for ever (tests/test_parallel.py: 4 hangs in 4 runs of 300 pools beside a
    busy loop). Held in the mask instead, it waits in the kernel for _start_worker.
    """
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        return multiprocessing.get_context("fork").Pool(workers, _start_worker, (os.getpid(),))
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def tapering_ranges(total: int, size: int) -> list[tuple[int, int]]:
    """Chunks of `size` tasks, but the last few, which halve down to one task each.

    A worker that takes a whole chunk near the end keeps the build waiting
    while the others have nothing left: small chunks at the end let them
    finish together. The start is left whole: the first chunk holds the large
    pages (jobs.schedule), which, split between workers, each rendered the
    same notes and templates again.
    """
    tail: list[int] = []
    step = size // 2
    while step >= 1 and sum(tail) + step <= total // 2:
        tail.append(step)
        step //= 2
    whole = total - sum(tail)
    sizes = [size] * (whole // size) + ([whole % size] if whole % size else []) + tail
    bounds, start = [], 0
    for chunk in sizes:
        bounds.append((start, start + chunk))
        start += chunk
    return bounds


@contextmanager
def paused_collection() -> Iterator[None]:
    """No cyclic garbage collection while the snapshot and plan are built.

    They are millions of long-lived objects made in one go, each of which
    would otherwise make the collector walk all the others again and again:
    about a third of the time spent loading and planning a large project.
    What is made there is freed by reference counting, or kept to the end;
    a build that ends with a quick exit leaves the collector off (quick_exit.py).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            collector_back_on()


_PR_SET_PDEATHSIG = 1


def _start_worker(parent: int) -> None:
    """Make this worker end when the build that forked it does (even by SIGKILL) or the pool ends it; say nothing.

    A killed build's workers would otherwise wait for work forever (each one
    holds the task pipe open for the others), keeping their memory, on Linux.
    A worker speaks only through its results, errors included: the one thing
    it could print is a traceback for a result pipe that broke because the
    build died (the kernel closes a dying process's pipes just before it
    signals the children), which would only litter the cron job's log.
    """
    # The pool ends its workers with SIGTERM. A worker forked from `statusgen serve` had serve's
    # Python handler, which the interpreter runs only between bytecodes: a SIGTERM just before the
    # worker blocked on the pool's task lock was noted and never acted on, and the build waited
    # for that worker for ever. The default action ends a worker at once, whatever it is doing.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})  # held since the fork (_forked_pool)
    sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the worker's whole life
    # What the worker inherited is frozen, so its collector never walks it and neither copies the
    # plan's pages nor spends time on them (Python's recipe for forking without exec). Frozen here,
    # not in the build before it forks: freezing and unfreezing there left a process that builds
    # again and again (`statusgen serve`) 1.9 MB larger at each build of a 400-incident site.
    gc.freeze()
    gc.enable()  # the build may have paused it while planning (see paused_collection)
    end_with_parent(parent)


def end_with_parent(parent: int) -> None:
    """In a process forked by the build (`parent`): be killed when the build ends, even by SIGKILL (Linux)."""
    prctl = getattr(ctypes.CDLL(None), "prctl", None)  # the C library's, where there is one (Linux)
    if prctl is not None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the build died before the request above was in place
        os._exit(1)


def _run_pending(bounds: tuple[int, int]) -> list[Any]:
    assert _pending is not None  # noqa: S101 - set by run_ranges before the pool forks
    return _pending(*bounds)
