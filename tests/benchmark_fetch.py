"""The fetch part of the benchmark: the synthetic project over HTTP from the fake OneUptime, with latency.

Request counts per resource are held against ceil(rows/100) + 10, wall time
against requests x latency / concurrency; then an incremental fetch with no change.
"""

from __future__ import annotations

import math
import time
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from generator.fetch import fetch_full, fetch_incremental
from tests.fake_oneuptime import FakeOneUptime, FakeProject, Faults, config_for


def measure_fetch(project: FakeProject, latency: float, concurrency: int, fetched_at: datetime) -> dict[str, Any]:
    """Fetch over HTTP from the fake with `latency` added to every request, then fetch again incrementally."""
    faults = Faults(slow=1.0, slow_seconds=latency) if latency else Faults()
    with FakeOneUptime(project, faults=faults) as fake:
        config = config_for(fake, concurrency=concurrency, timeout=30.0)
        started = time.perf_counter()
        full = fetch_full(config, now=fetched_at)
        wall = time.perf_counter() - started
        requests = dict(fake.requests)
        fake.reset_counts()
        started = time.perf_counter()
        update = fetch_incremental(config, full.snapshot, now=fetched_at + timedelta(minutes=5))
        incremental_wall = time.perf_counter() - started
        incremental_requests = dict(fake.requests)
    if update.snapshot != replace(full.snapshot, taken_at=update.snapshot.taken_at):
        raise SystemExit("the incremental fetch of an unchanged project did not give the same snapshot")
    matched = rows_the_queries_match(project)
    bounds = {name: math.ceil(rows / 100) + 10 for name, rows in matched.items()}
    total = sum(requests.values())
    ideal = total * latency / concurrency
    return {
        "latency_seconds": latency,
        "concurrency": concurrency,
        "requests_total": total,
        "requests_by_resource": dict(sorted(requests.items())),
        "rows_by_resource": matched,
        "request_bound_by_resource": bounds,
        "within_request_bound": all(requests.get(name, 0) <= bound for name, bound in bounds.items()),
        "wall_seconds": round(wall, 3),
        "ideal_seconds": round(ideal, 3),
        "wall_over_ideal": round(wall / ideal, 2) if ideal else None,
        "incremental_no_change_requests": sum(incremental_requests.values()),
        "incremental_no_change_requests_by_resource": dict(sorted(incremental_requests.items())),
        "incremental_no_change_wall_seconds": round(incremental_wall, 3),
    }


def rows_the_queries_match(project: FakeProject) -> dict[str, int]:
    """Rows each resource's queries select: visible incidents and episodes, and the rows that belong to them.

    The request bound ceil(rows/100) + 10 is over these, not over the whole
    tables, whose private rows the client never asks for.
    """
    tables = project.tables
    incidents = {str(row["_id"]) for row in tables["incident"] if row.get("isVisibleOnStatusPage") is True}
    episodes = {str(row["_id"]) for row in tables["incident-episode"] if row.get("isVisibleOnStatusPage") is True}

    def belonging(resource: str, field: str, ids: set[str]) -> int:
        return sum(1 for row in tables.get(resource, []) if str(row.get(field)) in ids)

    return {
        "incident": len(incidents),
        "incident-episode": len(episodes),
        "incident-episode-member": belonging("incident-episode-member", "incidentEpisodeId", episodes),
        "incident-public-note": belonging("incident-public-note", "incidentId", incidents),
        "incident-state-timeline": belonging("incident-state-timeline", "incidentId", incidents),
        "incident-episode-public-note": belonging("incident-episode-public-note", "incidentEpisodeId", episodes),
    }
