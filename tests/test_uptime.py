"""Uptime by OneUptime's rules (UptimeUtil.ts, DayUptimeGraph.tsx), checked against figures worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.model import StatusPeriod
from generator.uptime import (
    Event,
    _events_by_day,
    day_uptimes,
    floor_to,
    monitor_events,
    non_overlapping,
    seconds_between,
    shown_day_percent,
    shown_percent,
    uptime_percent,
)

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
PRIORITIES = {"up": 1, "slow": 2, "down": 3}
DOWNTIME = {"down"}
TEN_DAYS = (NOW - timedelta(days=10), NOW)


def period(n: int, status: str, starts: timedelta, ends: timedelta | None = None, monitor: str = "m1") -> StatusPeriod:
    """A row starting `starts` before now (and ending `ends` before now, or open)."""
    return StatusPeriod(f"p{n}", monitor, status, NOW - starts, None if ends is None else NOW - ends)


def hours(n: float) -> timedelta:
    return timedelta(hours=n)


def percent(periods: list[StatusPeriod], decimals: int = 2, window: tuple[datetime, datetime] = TEN_DAYS) -> float:
    return uptime_percent(periods, PRIORITIES, DOWNTIME, window, NOW, decimals)


def test_all_operational_is_100() -> None:
    assert percent([period(1, "up", timedelta(days=30))]) == 100


def test_an_hour_down_in_ten_days_floored_to_each_precision() -> None:
    rows = [
        period(1, "up", timedelta(days=30), hours(50)),
        period(2, "down", hours(50), hours(49)),
        period(3, "up", hours(49)),
    ]
    # 3600 s of 864,000 s: 99.58333...%, floored, never rounded up.
    assert [percent(rows, decimals) for decimals in (0, 1, 2, 3)] == [99, 99.5, 99.58, 99.583]


def test_a_monitor_younger_than_the_window_is_measured_from_its_first_row() -> None:
    rows = [period(1, "down", hours(24), hours(23)), period(2, "up", hours(23))]
    assert percent(rows) == 95.83  # one hour of 24


def test_a_status_that_is_not_downtime_counts_as_up() -> None:
    rows = [period(1, "up", timedelta(days=30), hours(5)), period(2, "slow", hours(5))]
    assert percent(rows) == 100


def test_an_open_row_ends_where_the_next_begins() -> None:
    rows = [period(1, "down", hours(48)), period(2, "up", hours(47))]  # the first was never closed
    assert percent(rows) == 97.91  # one hour of the 48 since its first row


def test_overlapping_rows_the_worse_one_cuts_in_and_the_better_one_resumes() -> None:
    rows = [period(1, "up", hours(10), hours(0)), period(2, "down", hours(8), hours(7))]
    events = non_overlapping(monitor_events(rows, PRIORITIES, NOW))
    assert [(e.status_id, NOW - e.start, NOW - e.end) for e in events] == [
        ("up", hours(10), hours(8)),
        ("down", hours(8), hours(7)),
        ("up", hours(7), hours(0)),
    ]


def test_a_lower_priority_row_inside_a_worse_one_is_dropped() -> None:
    events = [
        Event(NOW - hours(10), NOW - hours(2), "down", 3),
        Event(NOW - hours(8), NOW - hours(7), "up", 1),
    ]
    assert non_overlapping(events) == [events[0]]


def test_rows_are_clipped_to_the_window_and_to_now() -> None:
    outage_end = timedelta(days=10) - hours(1)
    rows = [period(1, "down", timedelta(days=40), outage_end), period(2, "up", outage_end)]
    assert percent(rows) == 99.58  # only the outage's last hour falls in the window


def test_a_later_row_that_outlasts_an_overlapped_one_wins_even_if_better() -> None:
    # OneUptime's rule compares ends as well as priorities: "up" starts inside "down" and ends
    # after it, so it cuts "down" short (UptimeUtil.getNonOverlappingMonitorEvents).
    rows = [period(1, "down", hours(30), hours(9)), period(2, "up", hours(10))]
    assert percent(rows, window=(NOW - hours(30), NOW)) == 33.33  # 20 h down of 30


def test_no_rows_at_all_is_100() -> None:
    assert percent([]) == 100


def test_floor_never_rounds_up() -> None:
    assert floor_to(99.996, 2) == 99.99 and floor_to(100, 3) == 100


@pytest.mark.parametrize(("value", "text"), [(99.9, "99.9"), (100, "100"), (99.99, "99.99"), (0, "0"), (99.5, "99.5")])
def test_figures_print_as_javascript_numbers(value: float, text: str) -> None:
    assert shown_percent(value) == text


def test_day_bars_share_of_downtime_worst_status_and_days_without_data() -> None:
    rows = [
        period(1, "up", hours(60), hours(42)),  # 18 Nov 00:00 to 19 Nov 18:00 is in the rows below
        period(2, "down", hours(42), hours(36)),  # 18 Nov 18:00 to 19 Nov 00:00: six hours down
        period(3, "slow", hours(36), hours(35)),
        period(4, "up", hours(35)),
    ]
    events = non_overlapping(monitor_events(rows, PRIORITIES, NOW))
    days = [date(2026, 11, d) for d in (16, 17, 18, 19, 20)]
    bars = day_uptimes(events, DOWNTIME, days, UTC, NOW)
    assert [bar.uptime for bar in bars[:2]] == [None, None]  # nothing recorded yet
    assert bars[2].worst_status_id == "down"
    # 18 Nov: the rows begin at 00:00 and six hours of the day's 24 (less a millisecond) are down.
    assert round(bars[2].uptime or 0, 4) == round((18 * 3600 - 0.001) / (24 * 3600 - 0.001) * 100, 4)
    assert (bars[3].uptime, bars[3].worst_status_id) == (100, "slow")  # degraded but not down
    assert (bars[4].uptime, bars[4].worst_status_id) == (100, "up")  # today, to now


def test_days_are_the_site_time_zones_days() -> None:
    rows = [period(1, "up", hours(72), hours(13)), period(2, "down", hours(13), hours(12)), period(3, "up", hours(12))]
    events = non_overlapping(monitor_events(rows, PRIORITIES, NOW))
    # The outage is 19 Nov 23:00 to 20 Nov 00:00 UTC: 20 Nov in Tokyo, 19 Nov in UTC.
    tokyo = day_uptimes(events, DOWNTIME, [date(2026, 11, 19), date(2026, 11, 20)], ZoneInfo("Asia/Tokyo"), NOW)
    utc = day_uptimes(events, DOWNTIME, [date(2026, 11, 19), date(2026, 11, 20)], UTC, NOW)
    assert [bar.worst_status_id for bar in tokyo] == ["up", "down"]
    assert [bar.worst_status_id for bar in utc] == ["down", "up"]


def test_a_days_percentage_has_two_decimals_and_100_is_only_for_no_downtime() -> None:
    assert [shown_day_percent(v) for v in (100, 99.999, 75, 74.99998, 12.344)] == [
        "100",
        "99.99",
        "75.00",
        "75.00",
        "12.34",
    ]


def test_decimals_outside_oneuptimes_precisions_are_bounded_not_an_overflow() -> None:
    """A snapshot file is input too: 10**6 decimals once gave an internal OverflowError."""
    assert floor_to(99.123456, 10**6) == 99.123
    assert floor_to(99.9, -5) == 99


@settings(max_examples=150, deadline=None)
@given(
    spans=st.lists(st.tuples(st.integers(-30, 300), st.integers(0, 200)), max_size=12),
    zone=st.sampled_from(["UTC", "Europe/Berlin", "America/Santiago", "Australia/Lord_Howe"]),
)
def test_the_events_of_each_day_are_those_a_scan_of_every_event_finds(spans: list[tuple[int, int]], zone: str) -> None:
    """day_uptimes finds each day's events by bisection: the same events, in the same order, as testing each."""
    days = [date(2026, 10, 20) + timedelta(days=offset) for offset in range(10)]
    origin = datetime(2026, 10, 20, tzinfo=UTC)
    events = [
        Event(origin + timedelta(hours=start), origin + timedelta(hours=start + length), "s", 1)
        for start, length in spans
    ]
    tz = ZoneInfo(zone)
    bounds = [
        (datetime.combine(day, time(0), tzinfo=tz), datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz))
        for day in days
    ]
    scanned = [[e for e in events if e.start < end and e.end > start] for start, end in bounds]
    assert _events_by_day(events, bounds) == scanned


@settings(max_examples=150, deadline=None)
@given(
    spans=st.lists(st.tuples(st.integers(-30, 640), st.integers(0, 200), st.booleans()), max_size=12),
    zone=st.sampled_from(["UTC", "Europe/Berlin", "America/Santiago", "America/Havana", "Australia/Lord_Howe"]),
    now_hours=st.integers(0, 640),
)
# Santiago's clocks go back at midnight on 5 April: 4 April's last millisecond on its wall clock is 02:59:59.999
# UTC, an hour before 5 April begins.
@example(spans=[(480, 12, False), (492, 8, True)], zone="America/Santiago", now_hours=640)
# Berlin's 29 March has 23 hours: an event spanning it counts 23 of them (Python subtracts two times of one zone by
# their wall clocks, which gave 24 before the bounds were taken in UTC: 94.12% here, not 93.88%).
@example(spans=[(376, 32, False), (388, 1, True)], zone="Europe/Berlin", now_hours=640)
def test_each_days_uptime_is_measured_between_the_zones_own_midnights(
    spans: list[tuple[int, int, bool]], zone: str, now_hours: int
) -> None:
    """Each day runs from the zone's midnight to 23:59:59.999 on its wall clock, counted in real seconds: a
    day whose clocks change has 23 or 25 hours, also when they change at midnight (Havana on 8 March,
    Santiago on 5 April). A scan of every event against each day finds the same figures."""
    days = [date(2026, 3, 5) + timedelta(days=offset) for offset in range(40)]
    origin = datetime(2026, 3, 5, tzinfo=UTC)
    now = origin + timedelta(hours=now_hours * 1.5)
    events = sorted(
        (
            Event(origin + timedelta(hours=start * 1.5), origin + timedelta(hours=(start + length) * 1.5), state, 1)
            for start, length, is_down in spans
            for state in ["down" if is_down else "up"]
        ),
        key=lambda event: event.start,
    )
    tz = ZoneInfo(zone)
    expected: list[float | None] = []
    for day in days:
        start = datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)
        end = (datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz) - timedelta(milliseconds=1)).astimezone(
            UTC
        )
        seconds = {"up": 0.0, "down": 0.0}
        todays = [event for event in events if event.start < end and event.end > start]
        for event in todays:
            seconds[event.status_id] += max(0.0, seconds_between(max(event.start, start), min(event.end, now, end)))
        total = seconds["up"] + seconds["down"]
        expected.append(None if not todays else seconds["up"] / total * 100 if total > 0 else 100.0)
    assert [bar.uptime for bar in day_uptimes(events, DOWNTIME, days, tz, now)] == expected


def test_a_day_ends_at_its_wall_clocks_last_millisecond_and_the_next_begins_at_its_midnight() -> None:
    """Santiago's clocks go back from midnight to 23:00 on 5 April 2026: 4 April ends at the first of its two
    23:59:59.999 (02:59:59.999 UTC), 5 April begins at 04:00 UTC, and an hour between them is neither's."""
    santiago = ZoneInfo("America/Santiago")
    days = [date(2026, 4, 4), date(2026, 4, 5)]
    now = datetime(2026, 4, 6, tzinfo=UTC)

    def bars(start: datetime, end: datetime) -> list[float | None]:
        event = Event(start, end, "down", 3)
        return [bar.uptime for bar in day_uptimes([event], DOWNTIME, days, santiago, now)]

    assert bars(datetime(2026, 4, 5, 2, 59, tzinfo=UTC), datetime(2026, 4, 5, 3, 0, tzinfo=UTC)) == [0, None]
    assert bars(datetime(2026, 4, 5, 3, 0, tzinfo=UTC), datetime(2026, 4, 5, 4, 0, tzinfo=UTC)) == [None, None]
    assert bars(datetime(2026, 4, 5, 4, 0, tzinfo=UTC), datetime(2026, 4, 5, 4, 1, tzinfo=UTC)) == [None, 0]
