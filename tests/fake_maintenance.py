"""Scheduled maintenance and announcements in the fake OneUptime, as the real models hold them.

The rows follow Common/Models/DatabaseModels/ScheduledMaintenance.ts,
ScheduledMaintenancePublicNote.ts, ScheduledMaintenanceStateTimeline.ts,
ScheduledMaintenanceState.ts and StatusPageAnnouncement.ts (master ab6f4099);
the default states are those ProjectService.ts creates for a new project
(Scheduled 1, Ongoing 2, Ended 3, Completed 4), plus a custom "Cancelled" (5).
Every private column carries a canary, and so does every text of a row that
OneUptime's page would not show (invisible, on another page, on no page, an
announcement not shown yet).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from tests.fake_oneuptime import BASE_TIME, PROJECT_REF, Color, ObjectID, Row, _Private

MAINTENANCE_TABLES = (
    "scheduled-maintenance",
    "scheduled-maintenance-public-note",
    "scheduled-maintenance-internal-note",
    "scheduled-maintenance-state-timeline",
    "scheduled-maintenance-state",
    "status-page-announcement",
)
# ProjectService.ts (addDefaultScheduledMaintenanceState), and a custom state a team adds to cancel.
MAINTENANCE_STATES = (
    ("Scheduled", "#000000", 1, "isScheduledState"),
    ("Ongoing", "#fbbf24", 2, "isOngoingState"),
    ("Ended", "#4a4a4a", 3, "isEndedState"),
    ("Completed", "#16a34a", 4, "isResolvedState"),
    ("Cancelled", "#6b7280", 5, None),
)


def add_maintenance(
    tables: dict[str, list[Row]],
    private: _Private,
    now: datetime,
    page_id: str,
    other_page_id: str,
    monitors: list[str],
) -> None:
    """Events and announcements around `now` on the page `page_id`, and hidden ones.

    Public: maintenance 1 ongoing (on monitors[0]), 2 upcoming in three days
    (monitors[1]), 3 upcoming but cancelled, 4 completed ten days ago, 5 ended
    two days ago (not yet completed); announcements active, active without an
    end, and past. Hidden (canaries in every text): 6 not visible, 7 only on
    `other_page_id`, 8 on no page; an announcement shown only in two days and one of the other page.
    """
    for name in MAINTENANCE_TABLES:
        tables.setdefault(name, [])
    states = {
        name: _state(tables, private, name, color, order, flag) for name, color, order, flag in MAINTENANCE_STATES
    }
    hour = timedelta(hours=1)
    day = timedelta(days=1)
    first, second = monitors[0], monitors[1 % len(monitors)]
    public = [
        (1, "Database upgrade", now - hour, now + 2 * hour, ["Scheduled", "Ongoing"], [first]),
        (2, "Network switch replacement", now + 3 * day, now + 3 * day + 2 * hour, ["Scheduled"], [second]),
        (3, "Storage migration", now + 5 * day, now + 5 * day + 4 * hour, ["Scheduled", "Cancelled"], [first]),
        (
            4,
            "Kernel patching",
            now - 10 * day,
            now - 10 * day + hour,
            ["Scheduled", "Ongoing", "Ended", "Completed"],
            [first],
        ),
        (5, "Certificate rotation", now - 2 * day, now - 2 * day + hour, ["Scheduled", "Ongoing", "Ended"], [second]),
    ]
    for number, title, starts, ends, path, on in public:
        _event(tables, private, states, number, title, starts, ends, path, on, [page_id], visible=True, shown=True)
    hidden = [
        (6, False, [page_id]),
        (7, True, [other_page_id]),
        (8, True, []),
    ]
    for number, visible, pages in hidden:
        title = private.text(f"Hidden maintenance {number}")
        _event(
            tables,
            private,
            states,
            number,
            title,
            now + day,
            now + day + hour,
            ["Scheduled"],
            [first],
            pages,
            visible,
            shown=False,
        )
    _announcement(
        tables, private, "ann-active", "New status page address", now - day, now + 5 * day, [page_id], [first]
    )
    _announcement(tables, private, "ann-forever", "Support hours over the holidays", now - 3 * day, None, [page_id], [])
    _announcement(tables, private, "ann-past", "Old data centre retired", now - 20 * day, now - 10 * day, [page_id], [])
    later = private.text("Not shown yet")
    _announcement(tables, private, "ann-later", later, now + 2 * day, None, [page_id], [])
    other = private.text("Another page's news")
    _announcement(tables, private, "ann-other", other, now - day, None, [other_page_id], [])


def _state(tables: dict[str, list[Row]], private: _Private, name: str, color: str, order: int, flag: str | None) -> str:
    row: Row = {
        "_id": f"mstate-{name.lower()}",
        "name": name,
        "slug": name.lower(),
        "color": Color(color),
        "order": order,
        "isScheduledState": flag == "isScheduledState",
        "isOngoingState": flag == "isOngoingState",
        "isEndedState": flag == "isEndedState",
        "isResolvedState": flag == "isResolvedState",
        "description": private.text(f"The event is {name.lower()}."),
        "createdAt": BASE_TIME,
        "projectId": PROJECT_REF,
    }
    tables["scheduled-maintenance-state"].append(row)
    return str(row["_id"])


def _event(
    tables: dict[str, list[Row]],
    private: _Private,
    states: dict[str, str],
    number: int,
    title: str,
    starts: datetime,
    ends: datetime,
    path: list[str],
    monitors: list[str],
    pages: list[str],
    visible: bool,
    shown: bool,
) -> None:
    """One event with its state timeline along `path`, a public note and an internal one; `shown`:
    whether OneUptime's page shows it (else every text of it is a canary)."""
    event_id = f"maintenance-{number}"
    created = min(starts, ends) - timedelta(days=7)
    text = _public if shown else private.text
    tables["scheduled-maintenance"].append(
        {
            "_id": event_id,
            "title": title,
            "description": text(f"We will work on **{title.lower()}**."),
            "slug": f"maintenance-{number}",
            "startsAt": starts,
            "endsAt": ends,
            "createdAt": created,
            "updatedAt": created + timedelta(minutes=number),
            "scheduledMaintenanceNumber": number,
            "scheduledMaintenanceNumberWithPrefix": f"SM-{number}",
            "currentScheduledMaintenanceStateId": ObjectID(states[path[-1]]),
            "isVisibleOnStatusPage": visible,
            "monitors": [ObjectID(m) for m in monitors],
            "statusPages": [ObjectID(p) for p in pages],
            "projectId": PROJECT_REF,
            # Private columns (never selected): ScheduledMaintenance.ts.
            "customFields": {"owner": private.text("dba-team")},
            "labels": [{"name": private.text("label")}],
            "createdByUserId": ObjectID(private.text("user")),
            "createdByUser": {"name": private.text("Jane Admin"), "email": private.text("jane@example.com")},
            "changeMonitorStatusToId": ObjectID("status-offline"),
            "subscriberNotificationStatusMessage": private.text("sent to 1,234 subscribers"),
            "sendSubscriberNotificationsOnBeforeTheEvent": [{"intervalType": private.text("Hours")}],
            "nextSubscriberNotificationBeforeTheEventAt": starts - timedelta(hours=1),
            "postUpdatesToWorkspaceChannels": [{"channel": private.text("#ops-private")}],
            "enableReminders": True,
            "reminderNotificationSentCount": 2,
        }
    )
    at = created
    for position, state in enumerate(path):
        at = (
            created
            if position == 0
            else (starts if state == "Ongoing" else ends if state == "Ended" else at + timedelta(hours=1))
        )
        if state == "Cancelled":
            at = min(starts, ends) - timedelta(days=1)
        tables["scheduled-maintenance-state-timeline"].append(
            {
                "_id": f"{event_id}-s{position}",
                "scheduledMaintenanceId": ObjectID(event_id),
                "scheduledMaintenanceStateId": ObjectID(states[state]),
                "startsAt": at,
                "createdAt": at,
                "projectId": PROJECT_REF,
                "subscriberNotificationStatusMessage": private.text("notified"),
            }
        )
    tables["scheduled-maintenance-public-note"].append(
        {
            "_id": f"{event_id}-n1",
            "scheduledMaintenanceId": ObjectID(event_id),
            "note": text(f"Update on {title.lower()}: all *on track*."),
            "postedAt": created + timedelta(hours=2),
            "createdAt": created + timedelta(hours=2),
            "projectId": PROJECT_REF,
            "subscriberNotificationStatusMessage": private.text("note mailed"),
            "postedFromSlackMessageId": private.text("slack-1"),
        }
    )
    tables["scheduled-maintenance-internal-note"].append(
        {
            "_id": f"{event_id}-i1",
            "scheduledMaintenanceId": ObjectID(event_id),
            "note": private.text("Rollback plan: restore from the 02:00 backup"),
            "createdAt": created,
            "projectId": PROJECT_REF,
        }
    )


def _announcement(
    tables: dict[str, list[Row]],
    private: _Private,
    announcement_id: str,
    title: str,
    show_at: datetime,
    end_at: datetime | None,
    pages: list[str],
    monitors: list[str],
) -> None:
    row: dict[str, Any] = {
        "_id": announcement_id,
        "title": title,
        "description": f"About *{title.lower()}*." if "CANARY" not in title else private.text("hidden"),
        "showAnnouncementAt": show_at,
        "endAnnouncementAt": end_at,
        "statusPages": [ObjectID(p) for p in pages],
        "monitors": [ObjectID(m) for m in monitors],
        "createdAt": show_at - timedelta(days=1),
        "projectId": PROJECT_REF,
        # Private columns: StatusPageAnnouncement.ts.
        "subscriberNotificationStatusMessage": private.text("mailed"),
        "shouldStatusPageSubscribersBeNotified": True,
        "createdByUser": {"name": private.text("Jane Admin")},
    }
    tables["status-page-announcement"].append(row)


def _public(text: str) -> str:
    return text
