"""The benchmark's synthetic project: seeded, realistic incidents and a mirrored status page.

`synthetic_project` makes the fake OneUptime's tables (with all their private
rows) at a size, with realistic Markdown notes; `snapshot_of` turns them into
the public snapshot a fetch would give, mirroring a status page of 20
services with 90 days of status rows each, 300 scheduled maintenance events
on them and 5 announcements (issue 20, point 5; tests/benchmark_maintenance.py).
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from generator.model import Snapshot, Update, UpdateKind
from generator.oneuptime import RawProject
from generator.visibility import public_snapshot
from tests.benchmark_maintenance import synthetic_maintenance
from tests.fake_oneuptime import FakeProject, ObjectID, make_project
from tests.status_page_fixtures import mirroring, synthetic_status_page

WORDS = [
    "requests",
    "api",
    "database",
    "latency",
    "errors",
    "queue",
    "region",
    "node",
    "deploy",
    "rollback",
    "customers",
    "elevated",
    "restored",
    "investigating",
    "replica",
    "primary",
    "cache",
    "timeout",
    "connections",
    "traffic",
    "load",
    "balancer",
    "certificate",
    "webhook",
    "delivery",
    "retry",
    "backlog",
    "storage",
    "cluster",
    "dashboard",
    "sign-in",
    "throughput",
    "partial",
    "degraded",
    "monitoring",
]


@dataclass(frozen=True)
class ProjectSize:
    visible: int
    private: int
    notes_per_incident: int = 4
    episodes: int = 500


def realistic_markdown(rng: random.Random) -> str:
    """A note of 300 to 900 characters: paragraphs, a list, sometimes code or a link."""

    def sentence() -> str:
        words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
        return " ".join(words).capitalize() + "."

    parts = [" ".join(sentence() for _ in range(rng.randint(2, 4)))]
    if rng.random() < 0.6:
        parts.append("\n".join(f"- {sentence()}" for _ in range(rng.randint(2, 4))))
    if rng.random() < 0.3:
        parts.append(f"```\n{rng.choice(WORDS)}: {rng.randint(1, 99)} -> {rng.randint(1, 99)}\n```")
    if rng.random() < 0.3:
        parts.append(
            f"Details: [status report](https://www.example.com/reports/{rng.randint(1, 999)}) "
            f"and `{rng.choice(WORDS)}`."
        )
    return "\n\n".join(parts)


def synthetic_project(size: ProjectSize, seed: int = 1) -> FakeProject:
    """make_project's structure (with all its private data), with realistic public notes."""
    total = size.visible + size.private
    project = make_project(
        total,
        size.notes_per_incident,
        seed=seed,
        n_episodes=size.episodes,
        n_monitors=SERVICES,
        hidden_share=size.private / total if total else 0.0,
        private_share=0.0,
    )
    rng = random.Random(seed)  # noqa: S311 - benchmark data
    for row in project.tables["incident-public-note"]:
        row["note"] = realistic_markdown(rng)
    for row in project.tables["incident"]:
        if row.get("isVisibleOnStatusPage") is True:
            row["description"] = realistic_markdown(rng)
    _resolve_all_but_the_newest(project, ONGOING_INCIDENTS)
    _resolve_episodes_but_the_newest(project, ONGOING_EPISODES)
    return project


ONGOING_INCIDENTS = 3  # a real project has a handful of open incidents, not thousands
ONGOING_EPISODES = 1  # and an ongoing episode or none, not a fifth of them


def _resolve_episodes_but_the_newest(project: FakeProject, ongoing: int) -> None:
    """make_project leaves a fifth of episodes open; resolve all but the newest `ongoing` three hours in."""
    resolved = next(row["_id"] for row in project.tables["incident-state"] if row.get("isResolvedState"))
    episodes = sorted(project.tables["incident-episode"], key=lambda row: row["declaredAt"], reverse=True)
    for row in episodes[ongoing:]:
        if row.get("resolvedAt") is None:
            row["currentIncidentStateId"] = ObjectID(resolved)
            row["resolvedAt"] = row["declaredAt"] + timedelta(hours=3)


def _resolve_all_but_the_newest(project: FakeProject, ongoing: int) -> None:
    """make_project leaves 40% of incidents open; resolve the old ones with a final state change."""
    resolved = next(row["_id"] for row in project.tables["incident-state"] if row.get("isResolvedState"))
    last_change: dict[str, dict[str, Any]] = {}
    for row in project.tables["incident-state-timeline"]:
        last_change[str(row["incidentId"])] = row
    incidents = sorted(project.tables["incident"], key=lambda row: row["declaredAt"], reverse=True)
    for row in incidents[ongoing:]:
        if row["currentIncidentStateId"] == resolved:
            continue
        row["currentIncidentStateId"] = resolved
        previous = last_change[str(row["_id"])]
        previous["endsAt"] = previous["startsAt"] + timedelta(minutes=40)
        project.tables["incident-state-timeline"].append(
            {
                **previous,
                "_id": f"{previous['_id']}-resolved",
                "incidentStateId": resolved,
                "startsAt": previous["endsAt"],
                "endsAt": None,
                "createdAt": previous["endsAt"],
            }
        )


def raw_from_tables(project: FakeProject) -> RawProject:
    """The RawProject the client would return, without HTTP (for sizes too big to fetch quickly)."""
    tables = project.tables
    monitor_names = {row["_id"]: row["name"] for row in tables["monitor"]}
    incidents = [
        {**row, "monitors": [{"_id": m, "name": monitor_names[m]} for m in row.get("monitors") or []]}
        for row in tables["incident"]
    ]
    return RawProject(
        incidents=incidents,
        episodes=tables["incident-episode"],
        episode_members=tables["incident-episode-member"],
        public_notes=tables["incident-public-note"],
        state_timelines=tables["incident-state-timeline"],
        states=tables["incident-state"],
        severities=tables["incident-severity"],
        monitors=tables["monitor"],
        episode_public_notes=tables.get("incident-episode-public-note", []),
    )


SERVICES = 20  # monitors, each a service of the mirrored status page
STATUS_DAYS = 90
TROUBLES_PER_SERVICE = (10, 40)  # degraded or offline spells per service in the 90 days
MAINTENANCE_SEED = 1


def snapshot_of(size: ProjectSize, taken_at: datetime) -> Snapshot:
    """The public snapshot of the synthetic project, mirroring its status page."""
    return public_with_status_page(synthetic_project(size), taken_at)


def public_with_status_page(project: FakeProject, taken_at: datetime) -> Snapshot:
    """What a fetch of the project's status page gives: every monitor a service, 90 days of its status rows,
    and the page's scheduled maintenance and announcements."""
    snapshot = public_snapshot(raw_from_tables(project), taken_at)
    monitors = [monitor.id for monitor in snapshot.monitors]
    page = synthetic_status_page(monitors, taken_at, STATUS_DAYS, TROUBLES_PER_SERVICE)
    rng = random.Random(MAINTENANCE_SEED)  # noqa: S311 - benchmark data
    maintenance = synthetic_maintenance(monitors, taken_at, lambda: realistic_markdown(rng), MAINTENANCE_SEED)
    return dataclasses.replace(
        mirroring(snapshot, page),
        maintenance_states=maintenance.states,
        maintenance=maintenance.events,
        announcements=maintenance.announcements,
    )


def with_one_new_note(snapshot: Snapshot) -> Snapshot:
    """The same snapshot with one new public note on a resolved incident of last month: a typical cron change."""
    incidents = list(snapshot.incidents)
    newest_first = sorted(range(len(incidents)), key=lambda index: incidents[index].declared_at, reverse=True)
    index = newest_first[min(len(newest_first) - 1, 100)]
    incident = incidents[index]
    note = Update(f"{incident.id}-benchmark-note", UpdateKind.NOTE, snapshot.taken_at, note="A **late** correction.")
    incidents[index] = dataclasses.replace(incident, updates=(*incident.updates, note))
    return dataclasses.replace(snapshot, incidents=tuple(incidents))


def fetched_again(snapshot: Snapshot, later: timedelta) -> Snapshot:
    """The same data fetched `later`: the snapshot's time and the status page's uptime window move, nothing else."""
    page = snapshot.status_page
    if page is not None:
        page = dataclasses.replace(page, window_start=page.window_start + later, window_end=page.window_end + later)
    return dataclasses.replace(snapshot, taken_at=snapshot.taken_at + later, status_page=page)
