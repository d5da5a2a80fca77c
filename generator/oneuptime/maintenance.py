"""Scheduled maintenance and announcements of a status page (or of the whole project), with public columns only.

Which rows may be published is maintenance_visibility's decision: rows it
rejects are dropped as they arrive, so their notes and state changes are
never asked for. An operator who did not ask for these (Wanted None) gets a
site without them from a server that lacks them (404) or a key that may not
read them (422); one who asked gets the server's refusal as the error.
"""

from __future__ import annotations

from collections.abc import Coroutine
from datetime import datetime
from typing import Any

from generator.maintenance_visibility import is_published_announcement_row, is_published_maintenance_row
from generator.notices import warn
from generator.oneuptime.maintenance_rows import (
    ANNOUNCEMENT_RESOURCE,
    ANNOUNCEMENT_SELECT,
    MAINTENANCE_NOTE_SELECT,
    MAINTENANCE_SELECT,
    MAINTENANCE_STATE_SELECT,
    MAINTENANCE_TIMELINE_SELECT,
    RawMaintenance,
    Row,
    Wanted,
)
from generator.oneuptime.paging import Pager, gather
from generator.oneuptime.refusals import PermissionMissing, ResourceMissing
from generator.oneuptime.wire import belonging, wire_instant


async def fetch_maintenance(
    pager: Pager, wanted: Wanted, now: datetime, page_id: str | None = None, page: Row | None = None
) -> RawMaintenance:
    """The visible maintenance events with their public notes, state changes and states, and the
    announcements shown by `now`; of the status page `page_id` (whose row is `page`) when given."""
    want_events = _wants(wanted.maintenance, page, "showScheduledMaintenanceEventsOnStatusPage")
    want_announcements = _wants(wanted.announcements, page, "showAnnouncementsOnStatusPage")
    events, announcements = await gather(
        [
            _allowed(wanted.maintenance, "scheduled maintenance", _events(pager, page_id)) if want_events else _none(),
            _allowed(wanted.announcements, "announcements", _announcements(pager, page_id, now))
            if want_announcements
            else _none(),
        ]
    )
    rows, notes, timelines, states = events or ([], [], [], [])
    return RawMaintenance(page_id, rows, notes, timelines, states, announcements)


async def _events(pager: Pager, page_id: str | None) -> list[list[Row]]:
    """[events, notes, state changes, states], each row of an event that may be published."""
    query: dict[str, Any] = {"isVisibleOnStatusPage": True}
    # Without a page, monitors are named as OneUptime's dashboard names them (as incidents' are).
    select = {**MAINTENANCE_SELECT, "monitors": {"_id": True, "name": True}}
    if page_id is not None:
        query["statusPages"] = {"_type": "Includes", "value": [page_id]}
        select = MAINTENANCE_SELECT
    # The events first, alone: where the server has none of these resources, the error names the
    # events, not whichever 404 came back first (the states were asked beside them, and on a busy
    # machine a test saw either). The states go with the second step, so it takes no longer.
    events = await pager.listing("scheduled-maintenance", select, query)
    events = [row for row in events if is_published_maintenance_row(row, page_id)]
    ids = {row["_id"] for row in events}
    notes, timelines, states = await gather(
        [
            pager.listing_by_ids(
                "scheduled-maintenance-public-note", MAINTENANCE_NOTE_SELECT, "scheduledMaintenanceId", ids
            ),
            pager.listing_by_ids(
                "scheduled-maintenance-state-timeline", MAINTENANCE_TIMELINE_SELECT, "scheduledMaintenanceId", ids
            ),
            pager.listing("scheduled-maintenance-state", MAINTENANCE_STATE_SELECT, {}),
        ]
    )
    # A server that ignores the query sends other events' rows too: they stop here.
    return [
        events,
        belonging(notes, "scheduledMaintenanceId", ids),
        belonging(timelines, "scheduledMaintenanceId", ids),
        states,
    ]


async def _announcements(pager: Pager, page_id: str | None, now: datetime) -> list[Row]:
    """Announcements already shown by `now` (OneUptime never shows one before its time)."""
    query: dict[str, Any] = {"showAnnouncementAt": {"_type": "LessThanOrEqual", "value": wire_instant(now)}}
    if page_id is not None:
        query["statusPages"] = {"_type": "Includes", "value": [page_id]}
    rows = await pager.listing(ANNOUNCEMENT_RESOURCE, ANNOUNCEMENT_SELECT, query)
    return [row for row in rows if is_published_announcement_row(row, page_id, now)]


def _wants(asked: bool | None, page: Row | None, flag: str) -> bool:
    """Fetch unless the operator said no, or (not asked either way) the status page hides the section."""
    if asked is not None:
        return asked
    return page is None or page.get(flag) is not False


async def _allowed(asked: bool | None, what: str, rows: Coroutine[Any, Any, Any]) -> Any:
    """The rows; when the operator did not ask for them, none where the server or key cannot give them."""
    try:
        return await rows
    except (ResourceMissing, PermissionMissing) as exc:
        if asked:
            raise
        warn(f"building without {what}: {exc} (set show_{_setting(what)} = false to stop asking)")
        return []


def _setting(what: str) -> str:
    return "maintenance" if what == "scheduled maintenance" else "announcements"


async def _none() -> list[Any]:
    return []
