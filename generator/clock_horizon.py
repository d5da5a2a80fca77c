"""Until when a built site stays the same by the clock alone, its data unchanged.

A cron run whose snapshot did not change builds the same site five minutes
later, except where the site reads the time. This module answers, from the
plan of the last build, for the parts made from the incidents (which a cron
run does not read again):
- an ongoing incident's or episode's duration grows, but only where the pages
  show it through the `duration` filter, whose text the cron run rewrites
  (growing_text.py): no horizon of its own;
- a postmortem dated later than the build appears at its date;
- the maintenance calendars drop an event 90 days after it ended;
- the home page's recent days end today: the local date is compared at the
  next run (`today`), not predicted here.
The services and maintenance views are planned again by that run and compared
(site.plan_clock_parts), and outputs that show the build time itself are
remade (restamp.py); neither needs a horizon.
"""

from __future__ import annotations

from datetime import datetime

from generator.maintenance_calendar import calendar_horizon
from generator.views import SitePlan


def clock_horizon(plan: SitePlan) -> datetime | None:
    """The first moment after which the incidents' part of the site could look otherwise (None: never).

    Ongoing durations aside: they are rewritten where they show (growing_text.py).
    """
    build_time = plan.build_time
    moments = [
        postmortem.posted_at
        for postmortem in (view.incident.postmortem for view in plan.incidents)
        if postmortem is not None and postmortem.posted_at > build_time
    ]
    calendars = calendar_horizon(plan.maintenance.events, build_time) if plan.maintenance is not None else None
    return min([*moments, *([calendars] if calendars is not None else [])], default=None)
