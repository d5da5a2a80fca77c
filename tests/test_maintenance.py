"""Maintenance and announcements: which rows may be published, and where the plan puts each event."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from datetime import timedelta

import pytest

from generator import page_cache
from generator.config import Config
from generator.growing import StartsIn
from generator.maintenance_views import MaintenanceView
from generator.maintenance_visibility import (
    is_active,
    is_published_announcement_row,
    is_published_maintenance_row,
    with_maintenance,
)
from generator.model import Announcement, Maintenance, MaintenanceState, Snapshot, Update, UpdateKind
from generator.oneuptime.maintenance_rows import RawMaintenance
from generator.site import ClockParts, clock_keys, plan_site
from tests.factories import TAKEN_AT, at

SCHEDULED = MaintenanceState("m-scheduled", "Scheduled", order=1, is_scheduled=True)
ONGOING = MaintenanceState("m-ongoing", "Ongoing", order=2, is_ongoing=True)
VERIFYING = MaintenanceState("m-verifying", "Verifying", order=3)  # a custom state between Ongoing and Ended
ENDED = MaintenanceState("m-ended", "Ended", order=4, is_ended=True)
COMPLETED = MaintenanceState("m-completed", "Completed", order=5, is_resolved=True)
STATES = (SCHEDULED, ONGOING, VERIFYING, ENDED, COMPLETED)
PAGE = "page-1"


def event(
    n: int, state: MaintenanceState, *path: MaintenanceState, starts: float = -10, hours: float = 2
) -> Maintenance:
    """Maintenance `n` now in `state`, starting `starts` hours from TAKEN_AT (negative: ago), having passed
    through `path` (an hour apart, from a day before it starts)."""
    starts_at = at(-starts)
    updates = tuple(
        Update(f"{n}-s{i}", UpdateKind.STATE, starts_at - timedelta(days=1) + timedelta(hours=i), state_id=s.id)
        for i, s in enumerate(path)
    )
    return Maintenance(
        id=f"m-{n}",
        title=f"Maintenance {n}",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=hours),
        state_id=state.id,
        number=n,
        updates=updates,
    )


def plan(*events: Maintenance, announcements: tuple[Announcement, ...] = (), when: timedelta = timedelta(0)):  # type: ignore[no-untyped-def]
    snapshot = Snapshot(TAKEN_AT, maintenance_states=STATES, maintenance=events, announcements=announcements)
    return plan_site(snapshot, Config(), TAKEN_AT + when)


def stages(site) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {view.maintenance.id: view.stage for view in site.maintenance.events}


def test_an_event_stands_where_its_states_order_puts_it_not_where_its_window_is() -> None:
    site = plan(
        event(1, SCHEDULED, SCHEDULED, starts=-5),  # its window passed, but no one started it: still upcoming
        event(2, ONGOING, SCHEDULED, ONGOING),
        event(3, VERIFYING, SCHEDULED, ONGOING, VERIFYING),  # after Ongoing, before Ended: ongoing
        event(4, ENDED, SCHEDULED, ONGOING, ENDED, starts=5),  # ended before its window (moved by hand)
        event(5, COMPLETED, SCHEDULED, ONGOING, ENDED, COMPLETED),
    )
    assert stages(site) == {"m-1": "upcoming", "m-2": "ongoing", "m-3": "ongoing", "m-4": "ended", "m-5": "ended"}
    statuses = {v.maintenance.id: v.statuspage_status for v in site.maintenance.events}
    assert statuses == {
        "m-1": "scheduled",
        "m-2": "in_progress",
        "m-3": "verifying",
        "m-4": "completed",
        "m-5": "completed",
    }


def test_without_ongoing_or_ended_states_oneuptimes_fallback_of_order_zero_applies() -> None:
    snapshot = Snapshot(TAKEN_AT, maintenance_states=(SCHEDULED, COMPLETED), maintenance=(event(1, SCHEDULED),))
    site = plan_site(snapshot, Config(), TAKEN_AT)
    assert stages(site) == {"m-1": "ended"}  # List.tsx: `?.order || 0`, so every order is at least the ended one


def test_an_event_in_an_unknown_state_stands_where_its_window_is() -> None:
    odd = replace(event(1, SCHEDULED, starts=-1), state_id="gone")
    assert stages(plan(odd)) == {"m-1": "ongoing"}
    assert stages(plan(replace(odd, starts_at=at(-3), ends_at=at(-4)))) == {"m-1": "upcoming"}


def test_an_event_that_ended_without_ever_being_ongoing_was_cancelled() -> None:
    site = plan(
        event(1, COMPLETED, SCHEDULED, COMPLETED, starts=48),
        event(2, COMPLETED, SCHEDULED, ONGOING, ENDED, COMPLETED),
        event(3, COMPLETED),  # no public state changes: completed, not cancelled
    )
    cancelled = {view.maintenance.id: view.is_cancelled for view in site.maintenance.events}
    assert cancelled == {"m-1": True, "m-2": False, "m-3": False}
    words = next(view for view in site.maintenance.events if view.maintenance.id == "m-1").change_words
    assert sorted(words.values()) == ["Scheduled", "cancelled"]
    assert site.maintenance.upcoming == ()  # a cancelled event is never "scheduled maintenance"


def test_the_banner_says_under_maintenance_only_when_nothing_is_worse() -> None:
    assert plan(event(1, ONGOING, SCHEDULED, ONGOING)).status.label == "Under maintenance"
    assert plan(event(1, SCHEDULED, SCHEDULED)).status.label == "All systems operational"


def test_the_home_page_lists_ongoing_then_upcoming_soonest_first() -> None:
    site = plan(
        event(1, SCHEDULED, SCHEDULED, starts=72),
        event(2, SCHEDULED, SCHEDULED, starts=30),
        event(3, ONGOING, SCHEDULED, ONGOING),
    )
    home = next(page for page in site.pages if page.path == "")
    assert [v.maintenance.id for v in home.context["ongoing_maintenance"]] == ["m-3"]
    assert [v.maintenance.id for v in home.context["upcoming_maintenance"]] == ["m-2", "m-1"]
    soon = [(v.starts_in.count, v.starts_in.unit) for v in home.context["upcoming_maintenance"]]
    assert soon == [(30, "hour"), (3, "day")]


@pytest.mark.parametrize(
    ("span", "said"),
    [
        (timedelta(days=2, hours=23, minutes=59), (3, "day")),
        (timedelta(hours=36), (2, "day")),
        (timedelta(hours=35), (35, "hour")),
        (timedelta(minutes=90), (2, "hour")),
        (timedelta(minutes=89), (89, "minute")),
        (timedelta(seconds=1), (1, "minute")),
        (timedelta(seconds=-30), (1, "minute")),
    ],
)
def test_how_soon_is_said_as_a_person_would(span: timedelta, said: tuple[int, str]) -> None:
    starts = at(0)
    assert StartsIn.before(starts, starts - span) == StartsIn(starts, *said)


def announcement(name: str, shown: float, ends: float | None) -> Announcement:
    return Announcement(name, name, at(shown), at(ends) if ends is not None else None)


def test_an_announcement_is_active_between_its_times_and_kept_once_past() -> None:
    items = (announcement("now", 2, -2), announcement("forever", 30, None), announcement("past", 40, 20))
    site = plan(announcements=items)
    assert [v.announcement.id for v in site.maintenance.active_announcements] == ["now", "forever"]
    assert [v.announcement.id for v in site.maintenance.announcements] == ["now", "forever", "past"]
    later = plan(announcements=items, when=timedelta(hours=3))
    assert [v.announcement.id for v in later.maintenance.active_announcements] == ["forever"]
    earlier = plan(announcements=items, when=-timedelta(hours=3))  # "now" was not shown yet then
    assert [v.announcement.id for v in earlier.maintenance.announcements] == ["forever", "past"]
    assert not is_active(items[0], items[0].end_at or TAKEN_AT)  # it ends at its end


def test_maintenance_rows_are_published_only_visible_and_on_the_page() -> None:
    row = {"_id": "m", "isVisibleOnStatusPage": True, "statusPages": [{"_id": PAGE}]}
    assert is_published_maintenance_row(row, PAGE)
    assert is_published_maintenance_row(row, None)  # without a page: on any page of the project
    assert not is_published_maintenance_row({**row, "statusPages": [{"_id": "other"}]}, PAGE)
    assert not is_published_maintenance_row({**row, "statusPages": []}, None)
    for odd in (None, "true", 1, False):
        assert not is_published_maintenance_row({**row, "isVisibleOnStatusPage": odd}, PAGE)
    assert not is_published_maintenance_row({**row, "_id": {"$ne": 1}}, PAGE)


def test_announcement_rows_are_published_on_the_page_once_shown() -> None:
    row = {"_id": "a", "showAnnouncementAt": "2026-11-20T11:00:00Z", "statusPages": [PAGE]}
    assert is_published_announcement_row(row, PAGE, TAKEN_AT)
    assert not is_published_announcement_row(row, PAGE, TAKEN_AT - timedelta(hours=2))
    assert not is_published_announcement_row({**row, "showAnnouncementAt": None}, PAGE, TAKEN_AT)
    assert not is_published_announcement_row({**row, "statusPages": ["other"]}, PAGE, TAKEN_AT)


def test_only_named_fields_are_kept_and_rows_of_other_events_are_dropped() -> None:
    raw = RawMaintenance(
        page_id=PAGE,
        events=[
            {
                "_id": "m1",
                "title": "Upgrade",
                "startsAt": "2026-11-21T10:00:00Z",
                "endsAt": "2026-11-21T09:00:00Z",  # before the start: shown as a moment
                "isVisibleOnStatusPage": True,
                "statusPages": [{"_id": PAGE}],
                "currentScheduledMaintenanceStateId": "m-scheduled",
                "customFields": {"secret": "CANARY"},
                "changeMonitorStatusToId": "CANARY",
            },
            {"_id": "m2", "title": "CANARY hidden", "isVisibleOnStatusPage": False, "statusPages": [{"_id": PAGE}]},
        ],
        notes=[
            {"_id": "n1", "scheduledMaintenanceId": "m1", "note": "Going well.", "postedAt": "2026-11-21T09:30:00Z"},
            {"_id": "n2", "scheduledMaintenanceId": "m2", "note": "CANARY", "postedAt": "2026-11-21T09:30:00Z"},
            {"_id": "n3", "scheduledMaintenanceId": {"odd": 1}, "note": "CANARY", "postedAt": "2026-11-21T09:30:00Z"},
        ],
        timelines=[{"_id": "t1", "scheduledMaintenanceId": "m1", "scheduledMaintenanceStateId": "m-scheduled"}],
        states=[{"_id": "m-scheduled", "name": "Scheduled", "order": 1, "isScheduledState": True, "CANARY": 1}],
    )
    snapshot = with_maintenance(Snapshot(TAKEN_AT), raw, TAKEN_AT)
    assert "CANARY" not in repr(snapshot)
    (only,) = snapshot.maintenance
    assert only.ends_at == only.starts_at
    assert [update.id for update in only.updates] == ["n1"]  # a state change without a time is left out


def test_what_the_clock_key_leaves_out_of_a_maintenance_view_is_made_from_the_snapshot_alone() -> None:
    """The clock key digests only the fields of a maintenance view that the build time moves
    (page_cache.CLOCK_DERIVED_FIELDS): the clock path compares the rest of the snapshot whole before it, so
    the others must follow from the snapshot and those fields. Planned at times across every event's window,
    each from a snapshot taken then (its time is not in the rest), equal digested fields always come with
    equal left-out ones, and the key tells the times apart."""
    gone = MaintenanceState("m-gone", "Gone", order=9)  # a state the snapshot does not list: its window decides
    events = (
        event(1, SCHEDULED, SCHEDULED, starts=5),
        event(2, ONGOING, SCHEDULED, ONGOING, starts=-1, hours=4),
        replace(event(3, gone, SCHEDULED, starts=2), description="We *move* the database."),
        event(4, gone, SCHEDULED, ONGOING, starts=30),
        event(5, COMPLETED, SCHEDULED, ONGOING, ENDED, COMPLETED),
    )
    noted = replace(events[0], updates=(*events[0].updates, Update("1-n", UpdateKind.NOTE, at(20), note="Soon.")))
    plans = []
    for hours in (-30, -2, 0, 1, 3, 4, 8, 40, 400):
        taken = TAKEN_AT + timedelta(hours=hours)
        snapshot = Snapshot(taken, maintenance_states=STATES, maintenance=(noted, *events[1:]))
        plans.append(plan_site(snapshot, Config(), taken))
    left_out = page_cache.CLOCK_DERIVED_FIELDS[MaintenanceView]
    kept = [field.name for field in dataclasses.fields(MaintenanceView) if field.name not in left_out]
    found: dict[str, str] = {}
    for site in plans:
        for view in site.maintenance.events:
            digested = repr([view.url, *(getattr(view, name) for name in kept if name != "starts_in")])
            alone = repr([getattr(view, name) for name in sorted(left_out)])
            assert found.setdefault(digested, alone) == alone, (view.url, digested)
    keys = {clock_keys(ClockParts(None, site.maintenance))[0] for site in plans}
    assert len(keys) >= 4  # upcoming, started, ended, cancelled: the stages the build time moved
