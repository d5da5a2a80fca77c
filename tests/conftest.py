"""Shared fixtures: a clean environment for every test, and small model builders."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may depend on the developer's OneUptime settings or build date."""
    for name in ("ONEUPTIME_URL", "ONEUPTIME_PROJECT_ID", "ONEUPTIME_API_KEY", "SOURCE_DATE_EPOCH"):
        monkeypatch.delenv(name, raising=False)


# --- The fake OneUptime server (tests/fake_oneuptime.py) ------------------------

from collections.abc import Callable, Iterator  # noqa: E402
from typing import Any  # noqa: E402

from tests.fake_oneuptime import FakeOneUptime, FakeProject, make_project  # noqa: E402


@pytest.fixture
def fake_oneuptime_factory() -> Iterator[Callable[..., FakeOneUptime]]:
    """start(project=None, **options) -> a running fake; every one is stopped afterwards.

    Options are FakeOneUptime's: typed_values, ignore_query, max_limit, auth, faults.
    """
    started: list[FakeOneUptime] = []

    def start(project: FakeProject | None = None, **options: Any) -> FakeOneUptime:
        fake = FakeOneUptime(project or make_project(20, 2, seed=1), **options).start()
        started.append(fake)
        return fake

    yield start
    for fake in started:
        fake.stop()


@pytest.fixture
def fake_oneuptime(fake_oneuptime_factory: Callable[..., FakeOneUptime]) -> FakeOneUptime:
    """A running fake with a small project (20 incidents, 2 notes each), no faults."""
    return fake_oneuptime_factory()
