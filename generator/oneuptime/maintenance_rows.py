"""What is asked of OneUptime for scheduled maintenance and announcements, and the rows handed on: plain data.

Each select names what OneUptime's own status page reads (Common/Server/API/StatusPageAPI.ts,
getScheduledMaintenanceEvents and getAnnouncements) and the columns statusgen needs to
check a row itself. Never selected: customFields, the subscriber* and reminder columns,
changeMonitorStatusTo, createdByUser, labels (../shared/ONEUPTIME_SOURCE_NOTES.md, B1, B2).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Row = dict[str, Any]

MAINTENANCE_SELECT: dict[str, Any] = {
    "_id": True,
    "title": True,
    "description": True,
    "startsAt": True,
    "endsAt": True,
    "createdAt": True,
    "updatedAt": True,
    "scheduledMaintenanceNumber": True,
    "scheduledMaintenanceNumberWithPrefix": True,
    "currentScheduledMaintenanceStateId": True,
    "isVisibleOnStatusPage": True,
    "projectId": True,
    "monitors": {"_id": True},
    # The pages it is on: OneUptime's page shows an event only on the pages it names.
    "statusPages": {"_id": True},
}
MAINTENANCE_NOTE_SELECT: dict[str, Any] = {
    "_id": True,
    "scheduledMaintenanceId": True,
    "note": True,
    "postedAt": True,
    "createdAt": True,
}
MAINTENANCE_TIMELINE_SELECT: dict[str, Any] = {
    "_id": True,
    "scheduledMaintenanceId": True,
    "scheduledMaintenanceStateId": True,
    "startsAt": True,
    "createdAt": True,
}
MAINTENANCE_STATE_SELECT: dict[str, Any] = {
    "_id": True,
    "name": True,
    "color": True,
    "order": True,
    "isScheduledState": True,
    "isOngoingState": True,
    "isEndedState": True,
    "isResolvedState": True,
    "projectId": True,
}
ANNOUNCEMENT_SELECT: dict[str, Any] = {
    "_id": True,
    "title": True,
    "description": True,
    "showAnnouncementAt": True,
    "endAnnouncementAt": True,
    "projectId": True,
    "monitors": {"_id": True},
    "statusPages": {"_id": True},
}

MAINTENANCE_RESOURCES = (
    "scheduled-maintenance",
    "scheduled-maintenance-public-note",
    "scheduled-maintenance-state-timeline",
    "scheduled-maintenance-state",
)
ANNOUNCEMENT_RESOURCE = "status-page-announcement"

# The permission that lets an API key read each resource on servers older than the
# Viewer role, by its title in OneUptime's Common/Types/Permission.ts.
MAINTENANCE_READ_PERMISSION = {
    "scheduled-maintenance": "Read Scheduled Maintenance",
    "scheduled-maintenance-public-note": "Read Scheduled Maintenance Status Page Note",
    "scheduled-maintenance-state-timeline": "Read Scheduled Maintenance State Timeline",
    "scheduled-maintenance-state": "Read Scheduled Maintenance State",
    "status-page-announcement": "Read Status Page Announcement",
}


@dataclass(frozen=True, slots=True)
class Wanted:
    """Whether the operator asked for maintenance and announcements: True (a missing resource or
    permission is an error), False (not fetched at all) or None (fetched when the server and key allow)."""

    maintenance: bool | None = None
    announcements: bool | None = None


@dataclass(frozen=True, slots=True)
class RawMaintenance:
    """Rows of maintenance events (their notes, state changes and the project's maintenance states) and
    announcements; `page_id` is the status page they were asked for, None for the whole project."""

    page_id: str | None = None
    events: list[Row] = field(default_factory=list)
    notes: list[Row] = field(default_factory=list)
    timelines: list[Row] = field(default_factory=list)
    states: list[Row] = field(default_factory=list)
    announcements: list[Row] = field(default_factory=list)
