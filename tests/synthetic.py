"""Realistic snapshots of many incidents, for tests that need more than a handful."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from generator.model import Incident, Monitor, Snapshot, Update
from tests import factories as f

BASE_URL = "https://status.example.com"


def synthetic_incident(number: int, revision: int = 0) -> Incident:
    """A realistic incident: states, a Markdown note, a monitor, sometimes a postmortem or still ongoing."""
    hours = number * 5.0
    ongoing = number % 97 == 0
    updates: list[Update] = [
        f.state_change(f"u{number}-created", hours, f.CREATED),
        f.note(
            f"u{number}-note",
            hours - 0.5,
            f"Errors on **api-{number % 7}**; see [the runbook](https://example.com/{number}).",
        ),
    ]
    if revision:
        updates.append(f.note(f"u{number}-rev{revision}", hours - 1, f"Correction {revision}: it was api-{revision}."))
    if not ongoing:
        updates.append(f.state_change(f"u{number}-resolved", hours - 2, f.RESOLVED))
    return f.incident(
        number,
        title=f"Synthetic incident {number}: Zürich–東京 café latency",
        declared_at=f.at(hours),
        state_id=f.CREATED.id if ongoing else f.RESOLVED.id,
        severity_id=f.CRITICAL.id if number % 5 == 0 else f.MINOR.id,
        monitor_ids=(f"mon-{number % 4}",),
        episode_id=f"ep-{number // 50}" if number % 50 in {1, 2} else None,
        updates=tuple(updates),
        postmortem=f.postmortem(hours - 3, f"## Summary\n\nIncident {number} | fixed\n---|---\nyes | now")
        if number % 10 == 0
        else None,
    )


def synthetic_snapshot(
    numbers: Iterable[int], revised: Mapping[int, int] | None = None, taken_at: datetime = f.TAKEN_AT
) -> Snapshot:
    """Incidents `numbers` (newest first), episodes over pairs of them, four monitors."""
    revised = revised or {}
    incidents = [synthetic_incident(n, revised.get(n, 0)) for n in sorted(numbers)]
    members: dict[str, list[str]] = {}
    for incident in incidents:
        if incident.episode_id:
            members.setdefault(incident.episode_id, []).append(incident.id)
    episodes = tuple(
        f.episode(
            int(episode_id[3:]) + 1,
            id=episode_id,
            declared_at=f.at(int(episode_id[3:]) * 250.0 + 250),
            incident_ids=tuple(ids),
        )
        for episode_id, ids in sorted(members.items())
    )
    return f.snapshot(
        *incidents,
        episodes=episodes,
        monitors=tuple(Monitor(f"mon-{i}", f"Service {i}") for i in range(4)),
        taken_at=taken_at,
    )
