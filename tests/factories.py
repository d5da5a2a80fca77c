"""Builders for model objects with sensible defaults, so each test states only what matters."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from generator.model import Episode, Incident, Postmortem, Severity, Snapshot, State, Update, UpdateKind

TAKEN_AT = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)

CREATED = State("st-created", "Investigating", order=1, is_created=True)
ACKNOWLEDGED = State("st-ack", "Identified", order=2, is_acknowledged=True)
RESOLVED = State("st-resolved", "Resolved", order=3, is_resolved=True)
CRITICAL = Severity("sev-critical", "Critical", order=1)
MINOR = Severity("sev-minor", "Minor", order=3)


def at(hours_before: float) -> datetime:
    """A moment `hours_before` the snapshot was taken."""
    return TAKEN_AT - timedelta(hours=hours_before)


def note(update_id: str, hours_before: float, text: str) -> Update:
    return Update(update_id, UpdateKind.NOTE, at(hours_before), note=text)


def state_change(update_id: str, hours_before: float, state: State) -> Update:
    return Update(update_id, UpdateKind.STATE, at(hours_before), state_id=state.id)


def incident(n: int, **fields: Any) -> Incident:
    values: dict[str, Any] = {
        "id": f"inc-{n}",
        "title": f"Incident {n}",
        "declared_at": at(n),
        "state_id": RESOLVED.id,
        "severity_id": MINOR.id,
        "number": n,
    }
    values.update(fields)
    return Incident(**values)


def episode(n: int, **fields: Any) -> Episode:
    values: dict[str, Any] = {
        "id": f"ep-{n}",
        "title": f"Episode {n}",
        "declared_at": at(n),
        "state_id": RESOLVED.id,
        "severity_id": MINOR.id,
        "number": n,
    }
    values.update(fields)
    return Episode(**values)


def snapshot(*incidents: Incident, episodes: tuple[Episode, ...] = (), **fields: Any) -> Snapshot:
    values: dict[str, Any] = {
        "taken_at": TAKEN_AT,
        "states": (CREATED, ACKNOWLEDGED, RESOLVED),
        "severities": (CRITICAL, MINOR),
        "incidents": incidents,
        "episodes": episodes,
    }
    values.update(fields)
    return Snapshot(**values)


def postmortem(hours_before: float, text: str = "We fixed it.") -> Postmortem:
    return Postmortem(note=text, posted_at=at(hours_before))
