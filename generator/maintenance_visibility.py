"""What of scheduled maintenance and announcements may be published: OneUptime's rules, decided here only.

An event is public when `isVisibleOnStatusPage` is exactly true and it names
the mirrored status page (without one: any status page of the project); an
announcement when it names the page and its `showAnnouncementAt` has come
(StatusPageAPI.ts, getScheduledMaintenanceEvents and getAnnouncements). Every
field is picked by name, so custom fields, subscriber and reminder settings,
`changeMonitorStatusTo` and the creating user never get past this module even
when a server sends them. The client asks the row predicates; the page plan
asks `is_shown` and `is_active` again at the build time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from typing import Any

from generator.model import Announcement, Maintenance, MaintenanceState, Monitor, Snapshot, Update, UpdateKind
from generator.oneuptime.maintenance_rows import RawMaintenance
from generator.text import clean_name
from generator.wire_values import (
    dict_rows,
    ignore_odd,
    is_odd,
    item_number,
    left_out,
    optional_date,
    optional_int,
    text_of,
    unique_rows,
)

Row = dict[str, Any]


def is_published_maintenance_row(row: Row, page_id: str | None) -> bool:
    """A maintenance event OneUptime's page shows: visible (exactly true), with an id, on the page."""
    return row.get("isVisibleOnStatusPage") is True and bool(text_of(row.get("_id"))) and _on_page(row, page_id)


def is_published_announcement_row(row: Row, page_id: str | None, now: datetime) -> bool:
    """An announcement on the page whose time to be shown has come by `now` (a later one is never shown)."""
    show_at = optional_date(row.get("showAnnouncementAt"))
    return bool(text_of(row.get("_id"))) and show_at is not None and show_at <= now and _on_page(row, page_id)


def is_shown(announcement: Announcement, moment: datetime) -> bool:
    """Whether an announcement is public at `moment`: asked again by the plan, as a snapshot may be built later."""
    return announcement.show_at <= moment


def is_active(announcement: Announcement, moment: datetime) -> bool:
    """Shown at `moment` and not yet ended: OneUptime's overview shows only these."""
    return is_shown(announcement, moment) and (announcement.end_at is None or announcement.end_at > moment)


def _on_page(row: Row, page_id: str | None) -> bool:
    """The row names this page among its statusPages; without a page, it names at least one."""
    pages = {text_of(item.get("_id")) for item in dict_rows(row.get("statusPages"))} - {""}
    pages |= {text_of(item) for item in row.get("statusPages") or [] if isinstance(item, str)} - {""}
    return page_id in pages if page_id is not None else bool(pages)


def with_maintenance(snapshot: Snapshot, raw: RawMaintenance | None, taken_at: datetime) -> Snapshot:
    """`snapshot` with the public maintenance events, their states and the announcements shown by `taken_at`.

    Always made from fresh rows (the incremental fetch reads these in full), so an
    event that turned invisible or left the page is gone from the next snapshot.
    Without a status page, the names of the monitors the events affect join the
    snapshot's monitors.
    """
    if raw is None:
        return snapshot
    page_id = raw.page_id
    events = unique_rows(row for row in raw.events if is_published_maintenance_row(row, page_id))
    ids = {text_of(row["_id"]) for row in events}
    updates = _updates(raw, ids)
    maintenance = sorted(
        (_maintenance(row, updates.get(text_of(row["_id"]), ())) for row in events),
        key=lambda event: (event.starts_at, event.id),
        reverse=True,
    )
    announcements = sorted(
        (
            _announcement(row)
            for row in unique_rows(raw.announcements)
            if is_published_announcement_row(row, page_id, taken_at)
        ),
        key=lambda item: (item.show_at, item.id),
        reverse=True,
    )
    monitors = snapshot.monitors
    if snapshot.status_page is None:
        monitors = _with_monitor_names(monitors, events)
    return replace(
        snapshot,
        monitors=monitors,
        maintenance_states=_states(raw.states, maintenance),
        maintenance=tuple(maintenance),
        announcements=tuple(announcements),
    )


def _maintenance(row: Row, updates: tuple[Update, ...]) -> Maintenance:
    ignore_odd(row, "maintenance", "currentScheduledMaintenanceStateId")
    number = item_number(row, "maintenance", "scheduledMaintenanceNumber")
    created_at = optional_date(row.get("createdAt"))
    starts_at = optional_date(row.get("startsAt")) or created_at or _EPOCH
    ends_at = optional_date(row.get("endsAt"))
    return Maintenance(
        id=text_of(row["_id"]),
        title=clean_name(text_of(row.get("title"))) or (f"Maintenance {number}" if number else "Untitled maintenance"),
        starts_at=starts_at,
        # An event without an end (or ending before it starts) is shown as a moment.
        ends_at=ends_at if ends_at is not None and ends_at >= starts_at else starts_at,
        state_id=text_of(row.get("currentScheduledMaintenanceStateId")),
        number=number,
        number_label=text_of(row.get("scheduledMaintenanceNumberWithPrefix")) or None,
        description=text_of(row.get("description")),
        monitor_ids=_ids_of(row, "monitors"),
        created_at=created_at,
        updated_at=optional_date(row.get("updatedAt")),
        updates=updates,
    )


def _announcement(row: Row) -> Announcement:
    show_at = optional_date(row.get("showAnnouncementAt"))
    assert show_at is not None  # noqa: S101 (is_published_announcement_row checked it)
    return Announcement(
        id=text_of(row["_id"]),
        title=clean_name(text_of(row.get("title"))) or "Announcement",
        show_at=show_at,
        end_at=optional_date(row.get("endAnnouncementAt")),
        description=text_of(row.get("description")),
        monitor_ids=_ids_of(row, "monitors"),
    )


def _updates(raw: RawMaintenance, ids: set[str]) -> dict[str, tuple[Update, ...]]:
    """Each public event's notes and state changes, oldest first; a row of another event is left out."""
    collected: dict[str, dict[str, Update]] = {}
    for row in raw.notes:
        if left_out(row, "maintenance note", "scheduledMaintenanceId"):
            continue
        note, at = text_of(row.get("note")), optional_date(row.get("postedAt")) or optional_date(row.get("createdAt"))
        if note.strip() and at is not None:
            _collect(collected, ids, row, Update(text_of(row.get("_id")), UpdateKind.NOTE, at, note=note))
    for row in raw.timelines:
        if left_out(row, "maintenance state change", "scheduledMaintenanceId", "scheduledMaintenanceStateId"):
            continue
        at, state_id = (
            optional_date(row.get("startsAt")) or optional_date(row.get("createdAt")),
            text_of(row.get("scheduledMaintenanceStateId")),
        )
        if at is not None and state_id:
            _collect(collected, ids, row, Update(text_of(row.get("_id")), UpdateKind.STATE, at, state_id=state_id))
    return {
        event_id: tuple(sorted(updates.values(), key=lambda u: (u.at, u.kind.value, u.id)))
        for event_id, updates in collected.items()
    }


def _collect(collected: dict[str, dict[str, Update]], ids: set[str], row: Row, update: Update) -> None:
    event_id = text_of(row.get("scheduledMaintenanceId"))
    if update.id and event_id in ids:
        collected.setdefault(event_id, {}).setdefault(update.id, update)


def _states(rows: list[Row], events: Iterable[Maintenance]) -> tuple[MaintenanceState, ...]:
    """Every maintenance state's order and flags; only a state some public event is or was in keeps its name."""
    used = {event.state_id for event in events} | {u.state_id for event in events for u in event.updates if u.state_id}
    states = (
        MaintenanceState(
            id=text_of(row.get("_id")),
            name=(clean_name(text_of(row.get("name"))) or "Unnamed state") if text_of(row.get("_id")) in used else "",
            color=(text_of(row.get("color")) or None) if text_of(row.get("_id")) in used else None,
            order=optional_int(row.get("order")) or 0,
            is_scheduled=row.get("isScheduledState") is True,
            is_ongoing=row.get("isOngoingState") is True,
            is_ended=row.get("isEndedState") is True,
            is_resolved=row.get("isResolvedState") is True,
        )
        for row in unique_rows(rows)
    )
    return tuple(sorted(states, key=lambda state: (state.order, state.id)))


def _with_monitor_names(monitors: tuple[Monitor, ...], events: list[Row]) -> tuple[Monitor, ...]:
    """The snapshot's monitors and those the events affect, by the names the events' rows carry."""
    known = {monitor.id: monitor for monitor in monitors}
    for row in events:
        for item in dict_rows(row.get("monitors")):
            monitor_id = text_of(item.get("_id"))
            if monitor_id and monitor_id not in known:
                known[monitor_id] = Monitor(monitor_id, clean_name(text_of(item.get("name"))) or "Unnamed service")
    return tuple(sorted(known.values(), key=lambda m: (m.name, m.id)))


def _ids_of(row: Row, key: str) -> tuple[str, ...]:
    items = dict_rows(row.get(key))
    return tuple(sorted({text_of(item.get("_id")) for item in items if not is_odd(item.get("_id"))} - {""}))


_EPOCH = datetime.fromisoformat("1970-01-01T00:00:00+00:00")
