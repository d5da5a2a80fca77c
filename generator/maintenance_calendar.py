"""iCalendar feeds of maintenance windows (RFC 5545), made with the icalendar package: `maintenance.ics`
for the whole site and `components/<slug>/maintenance.ics` for each service.

Each event is one VEVENT whose UID never changes (derived from the event's id,
like a feed entry's id), with its window in UTC and DTSTAMP the build time, so
the same data and build time give the same bytes. SEQUENCE is the whole seconds
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
    """The calendars, rendered on every build (DTSTAMP is the build time); none without maintenance published."""
    plan, settings = sources.plan, sources.settings
    if plan.maintenance is None or not settings.show_maintenance:
        return []
    services = plan.services.all if plan.services is not None else ()
    paths = (CALENDAR_NAME, *(service.url + CALENDAR_NAME for service in services))
    return [Output(paths, None, functools.partial(calendar_files, plan, settings))]


def calendar_files(plan: SitePlan, config: SiteSettings) -> dict[str, bytes]:
    """The site's calendar and one per service, or none when maintenance is not published."""
    if plan.maintenance is None or not config.show_maintenance:
        return {}
    events = [view for view in plan.maintenance.events if view.maintenance.ends_at >= plan.build_time - RECENT]
    events.sort(key=lambda view: (view.maintenance.starts_at, view.maintenance.id))
    stamp = plan.build_time
    words = plan.language
    name = feed_titles.calendar_name(words, config.title)
    files = {CALENDAR_NAME: calendar_bytes(events, name, config, stamp, words)}
    for service in plan.services.all if plan.services is not None else ():
        monitors = set(service.service.monitor_ids)
        own = [view for view in events if monitors & set(view.maintenance.monitor_ids)]
        service_name = feed_titles.service_calendar_name(words, config.title, service.service.name)
        files[service.url + CALENDAR_NAME] = calendar_bytes(own, service_name, config, stamp, words)
    return files


def calendar_bytes(
    events: Iterable[MaintenanceView], name: str, config: SiteSettings, stamp: datetime, words: Language = ENGLISH
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
        calendar.add_component(_event(view, config, stamp, words))
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
