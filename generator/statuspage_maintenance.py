"""Scheduled maintenance in the shapes of Atlassian Statuspage's public API v2.

`scheduled-maintenances.json` (the 50 most recent, and every upcoming or
active one), `scheduled-maintenances/upcoming.json` (status "scheduled"),
`scheduled-maintenances/active.json` ("in_progress" or "verifying"), and the
list `summary.json` carries (upcoming and active). Each event's status is the
plan's (maintenance_views.py), its impact always "maintenance", and its updates
are its scheduling, its public notes and its state changes, as an incident's are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from generator.dates import format_datetime
from generator.maintenance_views import MaintenanceView
from generator.model import UpdateKind

Json = dict[str, Any]
RECENT_LIMIT = 50
ACTIVE = ("in_progress", "verifying")

# The maintenance documents under api/v2/, always written (empty lists without maintenance).
MAINTENANCE_DOCUMENTS = (
    "scheduled-maintenances.json",
    "scheduled-maintenances/upcoming.json",
    "scheduled-maintenances/active.json",
)


def maintenance_documents(
    events: Sequence[MaintenanceView], page: Json, base_url: str, components: Callable[[tuple[str, ...]], list[Json]]
) -> dict[str, Json]:
    """The three documents, keyed by their path under api/v2/; `components` names what a set of monitors is."""
    shaped = [(view, maintenance_json(view, page["id"], base_url, components)) for view in events]
    upcoming = [json for view, json in _soonest(shaped) if json["status"] == "scheduled"]
    active = [json for view, json in _soonest(shaped) if json["status"] in ACTIVE]
    recent = [json for index, (view, json) in enumerate(shaped) if index < RECENT_LIMIT or json in upcoming + active]
    every, coming, under_way = MAINTENANCE_DOCUMENTS
    return {
        every: {"page": page, "scheduled_maintenances": recent},
        coming: {"page": page, "scheduled_maintenances": upcoming},
        under_way: {"page": page, "scheduled_maintenances": active},
    }


def summary_maintenances(documents: dict[str, Json]) -> list[Json]:
    """What summary.json lists: the active events, then the upcoming ones."""
    active = documents["scheduled-maintenances/active.json"]["scheduled_maintenances"]
    upcoming = documents["scheduled-maintenances/upcoming.json"]["scheduled_maintenances"]
    return [*active, *upcoming]


def maintenance_json(
    view: MaintenanceView, page_id: str, base_url: str, components: Callable[[tuple[str, ...]], list[Json]]
) -> Json:
    event = view.maintenance
    status = view.statuspage_status
    updates = _updates(view)
    started = [u["created_at"] for u in updates if u["status"] == "in_progress"]
    resolved = [u["created_at"] for u in updates if u["status"] == "completed"]
    return {
        "id": event.id,
        "name": event.title,
        "status": status,
        "impact": "maintenance",
        "created_at": format_datetime(event.created_at or event.starts_at),
        "updated_at": format_datetime(view.last_changed),
        "started_at": min(started) if started else format_datetime(event.starts_at),
        "monitoring_at": None,
        "resolved_at": max(resolved) if status == "completed" and resolved else None,
        "scheduled_for": format_datetime(event.starts_at),
        "scheduled_until": format_datetime(event.ends_at),
        "shortlink": f"{base_url}/{view.url}",
        "page_id": page_id,
        "incident_updates": updates[::-1],  # newest first, as Statuspage lists them
        "components": components(event.monitor_ids),
    }


def incident_update(incident_id: str, update_id: str, status: str, body: str, at: datetime) -> Json:
    """One entry of an incident's or a maintenance's `incident_updates`."""
    moment = format_datetime(at)
    return {
        "id": update_id,
        "incident_id": incident_id,
        "status": status,
        "body": body,
        "created_at": moment,
        "updated_at": moment,
        "display_at": moment,
        "affected_components": None,
        "deliver_notifications": True,
        "custom_tweet": None,
        "tweet_id": None,
    }


# Statuspage's status while an event is in each stage of the plan (a state change's word).
_STATUS_OF_WORD = {
    "started": "in_progress",
    "verifying": "verifying",
    "ended": "completed",
    "completed": "completed",
    "cancelled": "completed",
}


def _updates(view: MaintenanceView) -> list[Json]:
    """Oldest first: the scheduling (with the description), then each note and state change."""
    event = view.maintenance
    current = "scheduled"
    body = event.description or "Maintenance scheduled."
    first_at = min([event.created_at or event.starts_at, *(entry.at for entry in view.timeline)])
    updates = [incident_update(event.id, f"{event.id}-scheduled", current, body, first_at)]
    for entry in sorted(view.timeline, key=lambda e: (e.at, e.kind != UpdateKind.STATE.value, e.anchor)):
        if entry.kind == "note":
            updates.append(incident_update(event.id, entry.anchor, current, entry.markdown, entry.at))
            continue
        word = view.change_words.get(entry.anchor, "")
        current = _STATUS_OF_WORD.get(word, current)
        if not entry.is_declaration and entry.state is not None:
            body = f"Status changed to {entry.state.name}."
            updates.append(incident_update(event.id, entry.anchor, current, body, entry.at))
    return updates


def _soonest(shaped: list[tuple[MaintenanceView, Json]]) -> list[tuple[MaintenanceView, Json]]:
    return sorted(shaped, key=lambda pair: (pair[0].maintenance.starts_at, pair[0].maintenance.id))
