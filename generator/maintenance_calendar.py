"""iCalendar feeds of maintenance windows (RFC 5545), made with the icalendar package: `maintenance.ics`
for the whole site and `components/<slug>/maintenance.ics` for each service.

Each event is one VEVENT whose UID never changes (derived from the event's id,
like a feed entry's id), with its window in UTC and DTSTAMP the event's last
change in the data (never later than the build), so the same data gives the
same bytes and a cron run that changes nothing rewrites no calendar. SEQUENCE is the whole seconds
from the event's creation to its last change in OneUptime (`updatedAt`): OneUptime
renews that on every change of the row, so a new window or title always comes
with a larger SEQUENCE, and a static build needs no memory of earlier builds to
say so (docs/maintenance.md explains the choice).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from generator import feed_titles
from generator.config import SiteSettings
from generator.feeds import entry_id
from generator.i18n import ENGLISH, Language
from generator.maintenance_views import MaintenanceView
from generator.model import Maintenance
from generator.output import Output, Sources
from generator.text import clean_text
from generator.views import SitePlan

if TYPE_CHECKING:
    from icalendar import Event

CALENDAR_NAME = "maintenance.ics"
# Upcoming and ongoing events, and those that ended within this long: a subscribed calendar
# keeps a quarter of history without growing for ever.
RECENT = timedelta(days=90)
REFRESH = timedelta(hours=1)  # how often a subscribed client should fetch it again (RFC 7986)
SEQUENCE_LIMIT = 2**31 - 1  # an INTEGER of RFC 5545 is a signed 32-bit value
PRODUCT = "-//statusgen//Maintenance calendar//EN"
SUMMARY_FORMAT = "{title} ({site})"


def calendar_outputs(sources: Sources) -> list[Output]:
    """The calendars, as one output keyed by the events they list; none without maintenance published."""
    plan, settings = sources.plan, sources.settings
    if plan.maintenance is None or not settings.show_maintenance:
        return []
    calendars = _calendars(plan, settings)
    inputs = (
        "calendars",
        tuple((path, name, _event_inputs(events, plan.build_time)) for path, name, events in calendars),
    )
    paths = tuple(path for path, _, _ in calendars)
    render = functools.partial(_calendar_files, calendars, settings, plan.language, plan.build_time)
    return [Output(paths, inputs, render)]


Calendar = tuple[str, str, list[MaintenanceView]]  # its path, its name, its events
"""One calendar file: the site's, or a service's with the events on its monitors."""


def _calendars(plan: SitePlan, config: SiteSettings) -> list[Calendar]:
    """The site's calendar and one per service: upcoming, ongoing and recently ended events, soonest first."""
    assert plan.maintenance is not None  # noqa: S101 - calendar_outputs checked
    events = [view for view in plan.maintenance.events if view.maintenance.ends_at >= plan.build_time - RECENT]
    events.sort(key=lambda view: (view.maintenance.starts_at, view.maintenance.id))
    words = plan.language
    calendars: list[Calendar] = [(CALENDAR_NAME, feed_titles.calendar_name(words, config.title), events)]
    for service in plan.services.all if plan.services is not None else ():
        monitors = set(service.service.monitor_ids)
        own = [view for view in events if monitors & set(view.maintenance.monitor_ids)]
        name = feed_titles.service_calendar_name(words, config.title, service.service.name)
        calendars.append((service.url + CALENDAR_NAME, name, own))
    return calendars


def _event_inputs(events: Iterable[MaintenanceView], build_time: datetime) -> tuple[object, ...]:
    """All a VEVENT shows: the event's row and the few things the plan adds to it."""
    return tuple(
        (view.maintenance, view.url, view.is_cancelled, view.services, event_stamp(view, build_time)) for view in events
    )


def calendar_horizon(events: Iterable[MaintenanceView], build_time: datetime) -> datetime | None:
    """The first time after `build_time` at which the calendars could change by the clock alone (restamp.py).

    An event leaves them once it ended RECENT ago; a DTSTAMP held back at the
    build time (a change dated later) moves with every build. None: never.
    """
    moments = []
    for view in events:
        if view.maintenance.ends_at >= build_time - RECENT:
            moments.append(view.maintenance.ends_at + RECENT)
        if event_stamp(view, build_time) == build_time:
            moments.append(build_time)
    return min(moments, default=None)


def event_stamp(view: MaintenanceView, build_time: datetime) -> datetime:
    """DTSTAMP: the event's last change in the data (its row, a note, a state change), never after the build.

    With METHOD:PUBLISH it dates this instance of the event, which is new when
    the event changed, not when a build merely ran again later.
    """
    changed = view.maintenance.updated_at
    return min(max(view.last_changed, changed) if changed is not None else view.last_changed, build_time)


def _calendar_files(
    calendars: list[Calendar], config: SiteSettings, words: Language, build_time: datetime
) -> dict[str, bytes]:
    return {path: calendar_bytes(events, name, config, build_time, words) for path, name, events in calendars}


def calendar_bytes(
    events: Iterable[MaintenanceView],
    name: str,
    config: SiteSettings,
    build_time: datetime,
    words: Language = ENGLISH,
) -> bytes:
    """One VCALENDAR of these events, published (METHOD:PUBLISH) for subscribers; its words in `words`."""
    # Imported here, by the job that writes calendars: a build that changes nothing never pays its 40 ms.
    from icalendar import Calendar, vDuration

    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", clean_text(name))
    calendar.add("x-wr-calname", clean_text(name))
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))  # an X- property has no known type: say it is a duration
    for view in events:
        calendar.add_component(_event(view, config, event_stamp(view, build_time), words))
    return bytes(calendar.to_ical())


def event_uid(event: Maintenance) -> str:
    """A UUID that names the event for good (RFC 7986 recommends a UUID), the same in every calendar."""
    return entry_id(f"maintenance/{event.id}").removeprefix("urn:uuid:")


def sequence_of(event: Maintenance) -> int:
    """Whole seconds from creation to the last change: it grows with every change of the event's row."""
    if event.created_at is None or event.updated_at is None:
        return 0
    return min(max(int((event.updated_at - event.created_at).total_seconds()), 0), SEQUENCE_LIMIT)


def _event(view: MaintenanceView, config: SiteSettings, stamp: datetime, words: Language) -> Event:
    from icalendar import Event

    maintenance = view.maintenance
    event = Event()
    event.add("uid", event_uid(maintenance))
    event.add("dtstamp", stamp)
    event.add("dtstart", maintenance.starts_at)
    if maintenance.ends_at > maintenance.starts_at:  # without DTEND an event of a DATE-TIME start lasts no time
        event.add("dtend", maintenance.ends_at)
    event.add("summary", clean_text(SUMMARY_FORMAT.format(title=maintenance.title, site=config.title)))
    event.add("description", _description(view, config, words))
    event.add("status", "CANCELLED" if view.is_cancelled else "CONFIRMED")
    event.add("sequence", sequence_of(maintenance))
    # Someone else's maintenance does not make the subscriber busy.
    event.add("transp", "TRANSPARENT")
    if maintenance.created_at is not None:
        event.add("created", maintenance.created_at)
    if maintenance.updated_at is not None:
        event.add("last-modified", maintenance.updated_at)
    if config.base_url:
        event.add("url", f"{config.base_url}/{view.url}")
    return event


def _description(view: MaintenanceView, config: SiteSettings, words: Language) -> str:
    """The event's description as plain text (its Markdown source), what it affects, and its page."""
    parts = [view.maintenance.description.strip()]
    if view.services:
        parts.append(feed_titles.affects(words, view.services))
    if config.base_url:
        parts.append(f"{config.base_url}/{view.url}")
    return clean_text("\n\n".join(part for part in parts if part))
