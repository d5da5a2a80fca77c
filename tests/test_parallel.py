"""Rendering across processes gives exactly what rendering in one process gives."""

from __future__ import annotations

import functools

import pytest

from generator import parallel
from generator.errors import ThemeError


def page(number: int) -> dict[str, bytes]:
    return {f"p/{number}.html": f"<p>{number}</p>".encode()}


def broken() -> dict[str, bytes]:
    raise ThemeError("template x.html line 1: boom")


def test_forked_workers_give_the_same_files_in_the_same_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_THRESHOLD", 10)
    renders = [functools.partial(page, n) for n in range(500)]
    serial = parallel.run_all(renders, workers=1)
    forked = parallel.run_all(renders, workers=2)
    assert forked == serial and len(forked) == 500 and forked[7] == {"p/7.html": b"<p>7</p>"}


def test_an_error_in_a_worker_reaches_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_THRESHOLD", 10)
    renders = [functools.partial(page, n) for n in range(100)] + [broken]
    with pytest.raises(ThemeError, match="boom"):
        parallel.run_all(renders, workers=2)
