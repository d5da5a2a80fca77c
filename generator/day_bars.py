"""A service's days as bars and calendar months: runs of alike days, and how their dates read.

A quiet quarter is one bar run, not ninety, so the home page of twenty
services stays small; each run carries its dates and reading as text, so the
strip reads correctly with colours off and without JavaScript.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from generator.formats import Formats


@dataclass(frozen=True, slots=True)
class DayBar:
    """A run of consecutive days whose bars look and read the same (one day, mostly).

    `label` is what a screen reader reads and a tooltip shows, e.g.
    "12 Nov 2026: 99.31% uptime, Degraded", in the site's language;
    `reading` is the same without the dates: alike days have the same.
    """

    first: date
    last: date
    days: int
    color: str
    level: str
    label: str
    reading: str = ""


class DayWords:
    """How a day bar reads in the site's language: its dates, its uptime and status, or that it has no data."""

    def __init__(self, formats: Formats) -> None:
        self.formats = formats
        self._language = formats.language
        self._readings: dict[tuple[str, str], str] = {}  # most of ninety days of twenty services read alike

    def no_data(self) -> str:
        return self._language.gettext("no data")

    def uptime(self, percent: str, status: str) -> str:
        """'99.31% uptime, Degraded': `percent` as OneUptime shows it ("99.31")."""
        reading = self._readings.get((percent, status))
        if reading is None:
            message = self._language.gettext("%(percent)s uptime, %(status)s")
            reading = message % {"percent": self.formats.percent(percent), "status": status}
            self._readings[percent, status] = reading
        return reading

    def unknown_status(self) -> str:
        return self._language.gettext("Unknown status")

    def label(self, first: date, last: date, reading: str) -> str:
        """'9 Nov 2026: …', or for a run '1 Sep to 11 Nov 2026: …' ('28 Dec 2025 to 3 Jan 2026' across a year)."""
        formats = self.formats
        if first == last:
            dates = formats.medium_date(first)
        else:
            start = formats.medium_date(first) if first.year != last.year else formats.day_and_month(first)
            message = self._language.gettext("%(first)s to %(last)s")
            dates = message % {"first": start, "last": formats.medium_date(last)}
        return self._language.gettext("%(dates)s: %(reading)s") % {"dates": dates, "reading": reading}

    def day(self, day: date, color: str, level: str, reading: str) -> DayBar:
        return DayBar(day, day, 1, color, level, self.label(day, day, reading), reading)


@dataclass(frozen=True, slots=True)
class CalendarMonth:
    """A month of a service's calendar: weeks from Monday, None where a day is outside the window."""

    first_day: date
    weeks: tuple[tuple[DayBar | None, ...], ...]


def merge_runs(days: Sequence[DayBar], words: DayWords) -> tuple[DayBar, ...]:
    """Consecutive days that look and read alike as one run, so a quiet quarter is one item, not ninety.

    Each run is labelled once, when it is whole: labelled at every day it grew
    by, a quiet quarter's strip made ninety labels to keep one.
    """
    groups: list[list[DayBar]] = []
    for day in days:
        last = groups[-1][-1] if groups else None
        if last is not None and (last.color, last.level, last.reading) == (day.color, day.level, day.reading):
            groups[-1].append(day)
        else:
            groups.append([day])
    return tuple(group[0] if len(group) == 1 else _run_of(group, words) for group in groups)


def _run_of(group: Sequence[DayBar], words: DayWords) -> DayBar:
    first, last = group[0], group[-1]
    label = words.label(first.first, last.last, last.reading)
    return DayBar(first.first, last.last, len(group), last.color, last.level, label, last.reading)


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
