"""A service's days as bars and calendar months: runs of alike days, and how their dates read.

A quiet quarter is one bar run, not ninety, so the home page of twenty
services stays small; each run carries its dates and reading as text, so the
strip reads correctly with colours off and without JavaScript.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True, slots=True)
class DayBar:
    """A run of consecutive days whose bars look and read the same (one day, mostly).

    `label` is what a screen reader reads and a tooltip shows, e.g.
    "12 Nov 2026: 99.31% uptime, worst Degraded".
    """

    first: date
    last: date
    days: int
    color: str
    level: str
    label: str


@dataclass(frozen=True, slots=True)
class CalendarMonth:
    """A month of a service's calendar: weeks from Monday, None where a day is outside the window."""

    first_day: date
    weeks: tuple[tuple[DayBar | None, ...], ...]


def merge_runs(days: Sequence[DayBar]) -> tuple[DayBar, ...]:
    """Consecutive days that look and read alike as one run, so a quiet quarter is one item, not ninety."""
    runs: list[DayBar] = []
    for day in days:
        previous = runs[-1] if runs else None
        same = previous is not None and (previous.color, previous.level) == (day.color, day.level)
        if previous is not None and same and _reading(previous.label) == _reading(day.label):
            label = f"{date_range(previous.first, day.last)}: {_reading(day.label)}"
            runs[-1] = DayBar(previous.first, day.last, previous.days + 1, day.color, day.level, label)
        else:
            runs.append(day)
    return tuple(runs)


def calendar(days: Sequence[DayBar]) -> tuple[CalendarMonth, ...]:
    """The days as months of Monday-first weeks, for a service's page."""
    months: dict[tuple[int, int], dict[date, DayBar]] = {}
    for bar in days:
        months.setdefault((bar.first.year, bar.first.month), {})[bar.first] = bar
    result = []
    for (year, month), by_day in months.items():
        first = date(year, month, 1)
        following = date(year + month // 12, month % 12 + 1, 1)
        cells: list[DayBar | None] = [None] * first.weekday()
        cells += [by_day.get(first + timedelta(days=n)) for n in range((following - first).days)]
        cells += [None] * (-len(cells) % 7)
        result.append(CalendarMonth(first, tuple(tuple(cells[i : i + 7]) for i in range(0, len(cells), 7))))
    return tuple(result)


def _reading(label: str) -> str:
    return label.split(": ", 1)[1]


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_day(day: date) -> str:
    """'9 Nov 2026', as the pages write dates (render.py)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def date_range(first: date, last: date) -> str:
    """'1 Sep to 11 Nov 2026', or across a new year '28 Dec 2025 to 3 Jan 2026'."""
    if first.year != last.year:
        return f"{short_day(first)} to {short_day(last)}"
    return f"{first.day} {_MONTHS[first.month - 1]} to {short_day(last)}"
