"""What a page shows that moves with the build time alone: an ongoing item's duration, an upcoming event's "in 3 days".

A cron run whose data did not change makes the same site as the last build,
but for what reads the time (clock_rebuild.py). An ongoing item's "ongoing
for 2 h 5 min" does, and so does a maintenance event's "in 28 days", which
becomes "in 27 days" at its own minute of the day: a whole build for one
number. Instead the view holds a value that knows the moment it counts from
(a GrowingSpan, a StartsIn). A page shows it only through its filter
(`duration`, `starts_in`), which marks where the text went (growing_text.py),
so that the next run rewrites just those bytes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta

DURATION = "duration"  # the kinds of growing value, as the ledger names them, and their filters
STARTS_IN = "starts_in"


class GrowingSpan(timedelta):
    """The time from `since` to the build time (never negative): equal to that timedelta, and knowing `since`.

    The page cache never keeps an output whose inputs hold one
    (fingerprint.VolatileValue): its value differs at every build time.
    """

    __slots__ = ("since",)
    since: datetime

    def __new__(cls, since: datetime, build_time: datetime) -> GrowingSpan:
        span = span_at(since, build_time)
        made = timedelta.__new__(cls, span.days, span.seconds, span.microseconds)
        made.since = since
        return made

    def __reduce__(self) -> tuple[type, tuple[datetime, datetime]]:
        return GrowingSpan, (self.since, self.since + timedelta(self.days, self.seconds, self.microseconds))

    def __repr__(self) -> str:
        printed_otherwise()
        return timedelta.__repr__(self)

    def __str__(self) -> str:
        printed_otherwise()
        return timedelta.__str__(self)


def span_at(since: datetime, moment: datetime) -> timedelta:
    """What a GrowingSpan from `since` is at `moment`: the page's duration, as item_views computes it."""
    return max(moment - since, timedelta(0))


@dataclass(frozen=True, slots=True)
class StartsIn:
    """How soon an upcoming event starts at the build time, in its largest whole unit ("in 3 days").

    `unit` is day, hour or minute. Only `at` (the event's start) is its
    lasting part: the clock key and the page keys leave `count` and `unit`
    out (they are derived, page_cache.DERIVED_FIELDS), and the page cache
    keeps an output whose inputs hold one only where the last ledger shows
    its texts reading as they did (page_cache.MOVING_TYPES, kept_growing.py).
    """

    at: datetime
    count: int
    unit: str

    def __repr__(self) -> str:  # written out: a dataclass keeps a __repr__ of its own
        printed_otherwise()
        return f"StartsIn(at={self.at!r}, count={self.count!r}, unit={self.unit!r})"

    @classmethod
    def before(cls, at: datetime, moment: datetime) -> StartsIn:
        """The time from `moment` to `at` rounded to days from a day and a half, to hours from an hour and a
        half, else to minutes (at least one): 2 days 23 hours ahead is "in 3 days", as a person would say."""
        seconds = (at - moment).total_seconds()
        if seconds >= 36 * 3600:
            return cls(at, round(seconds / 86400), "day")
        if seconds >= 90 * 60:
            return cls(at, round(seconds / 3600), "hour")
        return cls(at, max(math.ceil(seconds / 60), 1), "minute")


_PRINTED: ContextVar[Callable[[], None] | None] = ContextVar("statusgen_growing_printed", default=None)


def printed_otherwise() -> None:
    """Tell the render in progress that a growing value became text other than through its filter.

    A view printed whole (`{{ view }}`, `|pprint`, `|string`) shows its
    GrowingSpan or StartsIn as Python writes it, a text no span records: the
    page then cannot be rewritten (growing_text.marking, which listens).
    """
    told = _PRINTED.get()
    if told is not None:
        told()


@contextmanager
def telling(told: Callable[[], None]) -> Iterator[None]:
    """Call `told` whenever a growing value is printed otherwise while inside."""
    reset = _PRINTED.set(told)
    try:
        yield
    finally:
        _PRINTED.reset(reset)
