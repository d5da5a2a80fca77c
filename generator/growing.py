"""How long an ongoing incident or episode has lasted: the one thing a page shows that grows with the build time.

A cron run whose data did not change makes the same site as the last build,
but for what reads the time (clock_rebuild.py). An ongoing item's "ongoing
for 2 h 5 min" does: a whole build every five minutes for one number.
Instead its view holds a GrowingSpan, which knows when it began. A page
shows it only through the `duration` filter, which marks where the text
went (growing_text.py), so that the next run rewrites just those bytes.
"""

from __future__ import annotations

from datetime import datetime, timedelta


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


def span_at(since: datetime, moment: datetime) -> timedelta:
    """What a GrowingSpan from `since` is at `moment`: the page's duration, as item_views computes it."""
    return max(moment - since, timedelta(0))
