"""How an output that shows the build time itself is made again at a later time, its data unchanged.

Most outputs show only what the plan computed. A few read the build time
directly: the home page's "Updated" line, a feed without events (dated by
the build). A cron run whose data did not change (clock_rebuild.py) remakes
only those, from what the last build recorded here, without the snapshot's
incidents. Each kind of output says which of its outputs read the time
(output.Output.restamp): None for none, a Restamp to remake one, or CANNOT
when it reads the time in a way that cannot be remade alone; one CANNOT
sends every cron run through a whole build.
"""

from __future__ import annotations

from dataclasses import dataclass

PAGE, FEED, NOT_POSSIBLE = "page", "feed", "cannot"
BUILD_TIME = "build_time"  # the name of the build time in every page's context (site.common_context)


@dataclass(frozen=True, slots=True)
class Restamp:
    """An output that shows the build time: a page (its path and template) or an empty page feed (its channel)."""

    kind: str
    path: str = ""  # a page's folder ("" for the home page), or a feed's
    template: str = ""  # a page's
    channel: tuple[str, ...] = ()  # a feed's: feeds.Channel's fields, in order


CANNOT = Restamp(NOT_POSSIBLE)
