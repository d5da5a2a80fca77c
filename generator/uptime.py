"""Uptime from monitor status timelines, by OneUptime's own rules, and the day bars drawn from them.

Each function mirrors one of OneUptime (Common/Utils/Uptime/UptimeUtil.ts,
Common/Utils/StatusPage/ResourceUptime.ts, Common/UI/Components/Graphs/DayUptimeGraph.tsx),
so a service shows the figure OneUptime's own page shows. Durations are
counted in whole milliseconds, as JavaScript dates are, and turned into
seconds as moment's `asSeconds` does.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from generator.model import StatusPeriod

MILLISECOND = timedelta(milliseconds=1)


@dataclass(frozen=True, slots=True)
class Event:
    """A span of one status (UptimeUtil's MonitorEvent); `priority` 0 when the status is unknown."""

    start: datetime
    end: datetime
    status_id: str
    priority: int


def seconds_between(start: datetime, end: datetime) -> float:
    """OneUptimeDate.getSecondsBetweenDates: milliseconds apart, over 1000."""
    return ((end - start) // MILLISECOND) / 1000


def monitor_events(
    periods: Iterable[StatusPeriod],
    priorities: Mapping[str, int],
    now: datetime,
    window: tuple[datetime, datetime] | None = None,
) -> list[Event]:
    """UptimeUtil.getMonitorEvents: each monitor's rows as events, all sorted by start.

    A row without an end ends where the monitor's next row starts, or now. With
    a window, events are clipped to it and to now, and those left empty dropped.
    """
    by_monitor: dict[str, list[StatusPeriod]] = {}
    # Stable and to the second, as OneUptime sorts with OneUptimeDate.isAfter(..., "seconds").
    for period in sorted(periods, key=lambda p: _second(p.starts_at)):
        by_monitor.setdefault(period.monitor_id, []).append(period)
    events = []
    for rows in by_monitor.values():
        for index, row in enumerate(rows):
            end = row.ends_at or (rows[index + 1].starts_at if index + 1 < len(rows) else now)
            start = row.starts_at
            if window is not None:
                start, end = max(start, window[0]), min(end, window[1], now)
                if seconds_between(start, end) <= 0:
                    continue
            events.append(Event(start, end, row.status_id, priorities.get(row.status_id, 0)))
    return sorted(events, key=lambda event: _second(event.start))


def non_overlapping(events: Sequence[Event]) -> list[Event]:
    """UptimeUtil.getNonOverlappingMonitorEvents: where events overlap, the later-listed one cuts in.

    It does when it is of a higher priority or ends no earlier than the event
    it overlaps; the rest of that event resumes after it. Only the last event
    kept is compared, as OneUptime does. Times compare to the second, as moment's
    `isAfter(..., "seconds")` does.
    """
    kept: list[Event] = []
    for event in events:
        if not kept or _second(event.start) >= _second(kept[-1].end):
            kept.append(event)
            continue
        last = kept[-1]
        if event.priority > last.priority or _second(event.end) >= _second(last.end):
            kept[-1] = Event(last.start, event.start, last.status_id, last.priority)
            kept.append(event)
            if _second(event.end) < _second(last.end):
                kept.append(Event(event.end, last.end, last.status_id, last.priority))
    return kept


def _second(moment: datetime) -> datetime:
    return moment.replace(microsecond=0)


def uptime_percent(
    periods: Iterable[StatusPeriod],
    priorities: Mapping[str, int],
    downtime: Collection[str],
    window: tuple[datetime, datetime],
    now: datetime,
    decimals: int,
) -> float:
    """UptimeUtil.calculateUptimePercentage over a window: up time of the window, floored to `decimals`.

    The window ends no later than now and starts no earlier than the first
    event, so a monitor younger than the window is measured from its first row.
    """
    events = non_overlapping(monitor_events(periods, priorities, now, window))
    events.sort(key=lambda event: _second(event.start))
    start = max(window[0], events[0].start) if events else window[0]
    total = seconds_between(start, min(window[1], now))
    if not total or total < 0:
        total = 1
    down = 0.0
    for event in events:
        if event.status_id in downtime:
            down += seconds_between(event.start, event.end)
    if not events or down == 0:
        return 100
    return floor_to(min(100, max(0, ((total - down) / total) * 100)), decimals)


# UptimePrecision.ts has no finer precision than three decimals; a snapshot file asking for
# more (or for a negative number) gets the nearest there is, not an overflow.
MAX_DECIMALS = 3


def floor_to(number: float, decimals: int) -> float:
    """UptimeUtil.roundToPrecision: floored, never rounded up, so 99.996 is 99.99 and not 100."""
    scale: int = 10 ** min(max(decimals, 0), MAX_DECIMALS)
    return math.floor(number * scale) / scale


def mean_floored(percentages: Sequence[float], decimals: int) -> float | None:
    """A mean of uptime figures, floored (ResourceUptime.ts); None for none."""
    if not percentages:
        return None
    return floor_to(sum(percentages) / len(percentages), decimals)


def shown_percent(value: float) -> str:
    """A figure as OneUptime's page prints it: a JavaScript number, so 99.9 and 100, not 99.90 or 100.0."""
    text = repr(float(value))
    return text.removesuffix(".0")


@dataclass(frozen=True, slots=True)
class DayUptime:
    """One day's bar: its up share of the time any status was recorded (None: nothing recorded),
    and the id of its worst status."""

    day: date
    uptime: float | None
    worst_status_id: str | None


def day_uptimes(
    events: Sequence[Event], downtime: Collection[str], days: Sequence[date], zone: tzinfo, now: datetime
) -> list[DayUptime]:
    """DayUptimeGraph.getUptimeBar for each day (midnight to 23:59:59.999 in `zone`, and not past now).

    The day's uptime is the share of non-downtime among the seconds of its
    events; its worst status the one of highest priority (the later on a tie).
    An event belongs to a day it overlaps (OneUptime also leaves out one that
    starts exactly at midnight and outlasts the day, which is not followed here).
    """
    result = []
    # Each day's first and last millisecond as the same instants in UTC, the snapshot's zone: comparing and
    # subtracting times of one tzinfo skips asking the page's zone for its offsets, at each event of each day.
    bounds = [
        (
            datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC),
            (datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone) - MILLISECOND).astimezone(UTC),
        )
        for day in days
    ]
    overlapping = _events_by_day(events, bounds)
    for day, (start, end), todays in zip(days, bounds, overlapping, strict=True):
        up = down = 0.0
        worst: Event | None = None
        for event in todays:
            seconds = max(0.0, seconds_between(max(event.start, start), min(event.end, now, end)))
            if event.status_id in downtime:
                down += seconds
            else:
                up += seconds
            if event.priority >= 1 and (worst is None or event.priority >= worst.priority):
                worst = event
        if not todays:
            result.append(DayUptime(day, None, None))
            continue
        uptime = up / (up + down) * 100 if up + down > 0 else 100.0
        result.append(DayUptime(day, uptime, worst.status_id if worst else None))
    return result


def _events_by_day(events: Sequence[Event], days: list[tuple[datetime, datetime]]) -> list[list[Event]]:
    """For each day (start, end), the events that overlap it (start before its end, end after its start), in order.

    When the days follow each other, each event's days are found by bisection
    instead of testing every event against every day (90 days of 20 services).
    """
    starts, ends = [start for start, _ in days], [end for _, end in days]
    if any(a >= b for a, b in zip(starts, starts[1:], strict=False)) or any(
        a >= b for a, b in zip(ends, ends[1:], strict=False)
    ):
        return [[event for event in events if event.start < end and event.end > start] for start, end in days]
    found: list[list[Event]] = [[] for _ in days]
    for event in events:
        first = bisect.bisect_right(ends, event.start)  # the first day that ends after the event starts
        last = bisect.bisect_left(starts, event.end)  # past the last day that starts before it ends
        for index in range(first, last):
            found[index].append(event)
    return found


def shown_day_percent(value: float) -> str:
    """A day's uptime as its bar's tooltip shows it (UptimeBarTooltip.tsx): 100, else two decimals.

    A day with any downtime never reads 100.00: where rounding would say so, it says 99.99.
    """
    if value >= 100:
        return "100"
    text = f"{value:.2f}"
    return "99.99" if text == "100.00" else text
