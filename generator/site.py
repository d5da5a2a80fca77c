"""The page plan: a pure function from a Snapshot and a build time to pages.

Everything a template shows is computed here, once per build: overall status,
each incident's state, duration and timeline, grouping by day and month,
links between pages. Templates only display. (cState recomputes status inside
its templates for every incident card, which is why it grows quadratically.)
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from generator.build_inputs import digest_of
from generator.config import SiteSettings
from generator.dates import in_zone
from generator.feed_titles import page_feed_title
from generator.formats import Formats
from generator.i18n import ENGLISH, Language
from generator.item_views import episode_view, incident_view, link_episodes, set_impacts
from generator.levels import BANNER_LABELS, IMPACT_LEVEL, MAINTENANCE, worst
from generator.maintenance_views import MaintenancePlan, plan_maintenance
from generator.model import Snapshot
from generator.page_cache import clock_key
from generator.page_urls import first_of_each_id, unique_urls
from generator.services import ServicesPlan, as_listed, as_recent, plan_services, services_of
from generator.views import (
    ATOM_NAME,
    RSS_NAME,
    Day,
    EpisodeView,
    FeedLink,
    IncidentView,
    Month,
    MonthLink,
    OverallStatus,
    Page,
    SitePlan,
    render_markdown_of,
)


@dataclass(frozen=True, slots=True)
class ClockParts:
    """The parts of the plan made from the small, time-bound data: the services (status, uptime) and maintenance.

    Planned before the incidents are linked to them, so that a cron run that
    did not read the incidents (clock_rebuild.py) can plan them again and
    compare them with the last build's.
    """

    services: ServicesPlan | None
    maintenance: MaintenancePlan


def plan_clock_parts(
    snapshot: Snapshot, settings: SiteSettings, build_time: datetime, language: Language = ENGLISH
) -> ClockParts:
    """The services and maintenance at `build_time`, not yet linked to incidents (they need none of them)."""
    zone = ZoneInfo(settings.timezone)
    page = snapshot.status_page
    services = plan_services(page, build_time, zone, Formats(language, zone)) if page is not None else None
    maintenance = plan_maintenance(
        snapshot, build_time, _affected_names(snapshot), settings.show_maintenance, settings.show_announcements
    )
    return ClockParts(services, maintenance)


def clock_keys(parts: ClockParts) -> tuple[str, str]:
    """The parts' clock key (page_cache.clock_key: each "in 3 days" counts by its event's start alone), and
    that key counting each such text too, for a site whose pages cannot have it rewritten (clock_record.py).

    Every StartsIn of the parts is an event's (maintenance_views), so the
    second is the first with each event's text added: no second walk.

    A maintenance view counts only by what the build time moves in it
    (page_cache.CLOCK_DERIVED_FIELDS): the keys tell two plans apart only
    beside the snapshot's rest digest (ClockLedger.rest), which the clock
    path compares first.
    """
    plain = clock_key(parts)
    texts = [
        f"{view.url} {view.starts_in.count} {view.starts_in.unit}"
        for view in parts.maintenance.events
        if view.starts_in is not None
    ]
    return plain, digest_of(plain, *texts)


def plan_site(
    snapshot: Snapshot,
    settings: SiteSettings,
    build_time: datetime,
    language: Language = ENGLISH,
    parts: ClockParts | None = None,
) -> SitePlan:
    """Compute every page of the site from the snapshot, in one pass per concern.

    `parts`, when given, are plan_clock_parts of the same arguments (made
    first by a build that records them); the plan links them to the incidents.
    """
    zone = ZoneInfo(settings.timezone)
    states = {state.id: state for state in snapshot.states}
    severities = {severity.id: severity for severity in snapshot.severities}
    parts = parts or plan_clock_parts(snapshot, settings, build_time, language)
    services, maintenance = parts.services, parts.maintenance
    affected = _affected_names(snapshot)
    # A section the status page (or statusgen.toml) hides is left out of every output.
    unique_incidents = first_of_each_id("incident", snapshot.incidents if settings.show_incidents else ())
    unique_episodes = first_of_each_id("episode", snapshot.episodes if settings.show_episodes else ())
    incident_urls = unique_urls("incident", "incidents", ((i.id, i.number) for i in unique_incidents))
    episode_urls = unique_urls("episode", "episodes", ((e.id, e.number) for e in unique_episodes))
    incidents = [
        incident_view(i, incident_urls[i.id], states, severities, affected(i.monitor_ids), build_time)
        for i in sorted(unique_incidents, key=lambda i: (i.declared_at, i.id), reverse=True)
    ]
    episodes = [
        episode_view(e, episode_urls[e.id], states, severities, build_time)
        for e in sorted(unique_episodes, key=lambda e: (e.declared_at, e.id), reverse=True)
    ]
    link_episodes(incidents, episodes)
    set_impacts(incidents, episodes, snapshot.severities)
    if services is not None:
        _link_services(services, incidents, episodes, maintenance)
    # What the bundled home and subscribe pages show of the services (services.as_listed): keyed by it, not
    # by every incident of every service, a note renews neither.
    listed = as_listed(services) if services is not None else None
    levels = services.levels if services is not None else ()
    status = overall_status(incidents, levels, under_maintenance=bool(maintenance.ongoing))
    common = common_context(settings, status, build_time, maintenance)
    own_feed = page_feed_title(language)  # each incident, episode, maintenance and service page has its own
    months = _months(incidents, episodes, zone, maintenance)
    pages = [
        *_home_pages(incidents, episodes, months, common, settings, services, listed, maintenance),
        *(_page(view.url, "incident.html", common, own_feed, _markdown_of(view), incident=view) for view in incidents),
        *(_page(view.url, "episode.html", common, own_feed, _markdown_of(view), episode=view) for view in episodes),
        *(_page(view.url, "maintenance.html", common, own_feeds=own_feed, event=view) for view in maintenance.events),
        *(_page(view.url, "announcement.html", common, announcement=view) for view in maintenance.announcements),
        *([_maintenance_list(maintenance, common)] if maintenance.events else []),
        *(_service_pages(services, common, own_feed) if services is not None else ()),
        _page("history/", "history.html", common, months=months),
        *_month_pages(months, common),
        *(
            [_page(SUBSCRIBE_PATH, "subscribe.html", common, services=services, service_list=listed)]
            if settings.base_url
            else []
        ),
    ]
    return SitePlan(
        tuple(pages),
        tuple(incidents),
        tuple(episodes),
        status,
        build_time,
        services,
        maintenance,
        language,
        snapshot.states,
        snapshot.severities,
        snapshot.monitors,
    )


def common_context(
    settings: SiteSettings, status: OverallStatus, build_time: datetime, maintenance: MaintenancePlan
) -> dict[str, Any]:
    """What every page's context holds besides its links and its own views."""
    return {
        "site": settings,
        "status": status,
        "build_time": build_time,
        "zone": ZoneInfo(settings.timezone),
        "has_maintenance": bool(maintenance.events),  # the header links maintenance/ when there is any
    }


def restamp_context(path: str, template: str, common: dict[str, Any]) -> dict[str, Any]:
    """A page's context without its own views: what a part of it that shows the build time may read (restamp.py)."""
    return _page(path, template, common).context


MAINTENANCE_PATH = "maintenance/"


def _maintenance_list(maintenance: MaintenancePlan, common: dict[str, Any]) -> Page:
    """`maintenance/`: the events under way, scheduled, and past (ended or cancelled), newest first."""
    past = tuple(view for view in maintenance.events if view.is_ended)
    return _page(
        MAINTENANCE_PATH,
        "maintenance_list.html",
        common,
        ongoing_maintenance=maintenance.ongoing,
        upcoming_maintenance=maintenance.upcoming,
        past_maintenance=past,
    )


def _affected_names(snapshot: Snapshot) -> Callable[[Iterable[str]], tuple[str, ...]]:
    """How an incident names what it affects: a status page's services by their display names
    (never a monitor's own name), or else each monitor's name. Each set of monitors is looked up
    once: many incidents affect the same ones."""
    page = snapshot.status_page
    names = {monitor.id: monitor.name for monitor in snapshot.monitors}

    def names_of(monitor_ids: tuple[str, ...]) -> tuple[str, ...]:
        if page is not None:
            return tuple(service.name for service in services_of(page, monitor_ids))
        return tuple(names[m] for m in monitor_ids if m in names)

    known: dict[tuple[str, ...], tuple[str, ...]] = {}

    def affected(monitor_ids: Iterable[str]) -> tuple[str, ...]:
        key = tuple(monitor_ids)
        if key not in known:
            known[key] = names_of(key)
        return known[key]

    return affected


def _link_services(
    services: ServicesPlan, incidents: list[IncidentView], episodes: list[EpisodeView], maintenance: MaintenancePlan
) -> None:
    """Each service's incidents and episodes, newest first, and its ongoing and upcoming maintenance,
    soonest first: those on one of its monitors.

    Incidents are found through an index by monitor, not by trying each
    incident for each service, and keep the order of `incidents`.
    """
    by_monitor: dict[str, list[int]] = defaultdict(list)
    for position, incident in enumerate(incidents):
        for monitor in incident.incident.monitor_ids:
            by_monitor[monitor].append(position)
    coming = [*maintenance.ongoing, *maintenance.upcoming]
    for view in services.all:
        monitors = set(view.service.monitor_ids)
        positions = sorted(set().union(*(by_monitor.get(monitor, ()) for monitor in monitors)))
        view.incidents = [incidents[position] for position in positions]
        members = {id(i) for i in view.incidents}
        view.episodes = [e for e in episodes if any(id(m) in members for m in e.incidents)]
        view.maintenance = [m for m in coming if monitors & set(m.maintenance.monitor_ids)]


def overall_status(
    incidents: Iterable[IncidentView], service_levels: Iterable[str] = (), under_maintenance: bool = False
) -> OverallStatus:
    """The banner: the worst of the services' current levels and the ongoing incidents' (levels.py),
    and "Under maintenance" while an event is ongoing and nothing is worse.

    An ongoing incident of the project's most severe severity is a major outage,
    of the next a partial outage, of any other a degradation, just as its
    component is reported in the Statuspage JSON.
    """
    return status_of([*ongoing_levels(incidents), *service_levels], under_maintenance)


def ongoing_levels(incidents: Iterable[IncidentView]) -> list[str]:
    """The level each ongoing incident puts on the banner, in the incidents' order."""
    return [IMPACT_LEVEL[view.impact] for view in incidents if not view.is_resolved]


def status_of(levels: Iterable[str], under_maintenance: bool) -> OverallStatus:
    """The banner for these levels (levels.LEVELS): the worst, or "Under maintenance" when nothing is worse."""
    level = worst([*levels, *([MAINTENANCE] if under_maintenance else [])])
    return OverallStatus(level, BANNER_LABELS[level])


def root_of(path: str) -> str:
    """The relative prefix from a page's folder back to the site root."""
    return "../" * path.count("/")


def _page(
    path: str,
    template: str,
    common: dict[str, Any],
    own_feeds: str | None = None,
    markdown: Callable[[], int | None] | None = None,
    **context: Any,
) -> Page:
    """A page; `own_feeds`, when given, is the title of the Atom feed in the page's own folder.

    `markdown` renders ahead the Markdown the page shows (Page.markdown).
    """
    config: SiteSettings = common["site"]
    root = root_of(path)
    links = {
        "path": path,
        "root": root,
        "canonical": f"{config.base_url}/{path}" if config.base_url else None,
        "feeds": _feed_links(config.title, config.base_url, root, own_feeds),
    }
    return Page(path, template, {**common, **context, **links}, markdown)


def _markdown_of(view: IncidentView | EpisodeView) -> Callable[[], int]:
    """What renders the Markdown of an incident's or episode's page ahead of its template (jobs.run_outputs)."""
    return functools.partial(render_markdown_of, view)


@functools.cache
def _feed_links(title: str, base_url: str | None, root: str, own_feeds: str | None) -> tuple[FeedLink, ...]:
    """The site's feeds on every page, plus the page's own on an incident or episode.

    Feeds need absolute links, so without a base_url there are none to link.
    One tuple for all pages of a depth: ten thousand incident pages share it,
    and the page cache digests it once, not once a page. (Keyed by the title
    and base_url, not the settings: hashing all the settings for each page
    cost more than making the links.)
    """
    if not base_url:
        return ()
    links = [
        FeedLink(f"{title} (RSS)", root + RSS_NAME, "application/rss+xml"),
        FeedLink(f"{title} (Atom)", root + ATOM_NAME, "application/atom+xml"),
    ]
    if own_feeds is not None:  # the title of the page's own feed, in the site's language
        links.append(FeedLink(own_feeds, ATOM_NAME, "application/atom+xml"))
    return tuple(links)


SUBSCRIBE_PATH = "subscribe/"
ONGOING_PATH = "ongoing/"


def _home_pages(
    incidents: list[IncidentView],
    episodes: list[EpisodeView],
    months: list[Month],
    common: dict[str, Any],
    settings: SiteSettings,
    services: ServicesPlan | None,
    listed: ServicesPlan | None,
    maintenance: MaintenancePlan,
) -> list[Page]:
    """The home page, with at most `ongoing_limit` ongoing episodes and incidents; and, when it leaves
    some out, `ongoing/` with all of them (hundreds of ongoing incidents made a 352 KB home page).
    `listed` is `services` as the bundled home page shows them (services.as_listed)."""
    ongoing_episodes = [e for e in episodes if not e.is_resolved]
    in_ongoing_episode = {id(i) for e in ongoing_episodes for i in e.incidents}
    ongoing = [i for i in incidents if not i.is_resolved and id(i) not in in_ongoing_episode]
    limit = settings.ongoing_limit
    shown_episodes = ongoing_episodes[:limit]
    shown = ongoing[: max(limit - len(shown_episodes), 0)]
    more = len(ongoing_episodes) + len(ongoing) - len(shown_episodes) - len(shown)
    build_time, zone = common["build_time"], common["zone"]
    home = _page(
        "",
        "index.html",
        common,
        ongoing_incidents=shown,
        ongoing_episodes=shown_episodes,
        more_ongoing=more,
        days=_recent_days(incidents, build_time, zone, settings.history_days, limit),
        months=months,
        services=services,
        service_list=listed,
        announcements=maintenance.active_announcements,
        ongoing_maintenance=maintenance.ongoing,
        upcoming_maintenance=maintenance.upcoming,
    )
    if not more:
        return [home]
    every = _page(ONGOING_PATH, "ongoing.html", common, ongoing_incidents=ongoing, ongoing_episodes=ongoing_episodes)
    return [home, every]


def _recent_days(
    incidents: list[IncidentView], build_time: datetime, zone: tzinfo, history_days: int, limit: int
) -> list[Day]:
    """The last `history_days` days, newest first, quiet days included; at most `limit` incidents each,
    the rest on the month's history page."""
    today = in_zone(build_time, zone).date()
    first = today - timedelta(days=history_days - 1)
    by_day: dict[date, list[IncidentView]] = defaultdict(list)
    for view in incidents:
        day = in_zone(view.incident.declared_at, zone).date()
        if first <= day <= today:
            by_day[day].append(view)
    days = (today - timedelta(days=offset) for offset in range(history_days))
    return [
        Day(
            day,
            tuple(by_day[day][:limit]),
            max(len(by_day[day]) - limit, 0),
            f"history/{day.year:04d}-{day.month:02d}/",
        )
        for day in days
    ]


def _months(
    incidents: list[IncidentView], episodes: list[EpisodeView], zone: tzinfo, maintenance: MaintenancePlan
) -> list[Month]:
    """Months that have an incident, episode, maintenance window or announcement, newest first.

    A maintenance event belongs to the month its window starts in, an announcement to the one it was first shown in.
    """
    by_month: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for view in incidents:
        by_month[_month_key(view.incident.declared_at, zone)]["incidents"].append(view)
    for episode in episodes:
        by_month[_month_key(episode.episode.declared_at, zone)]["episodes"].append(episode)
    for event in maintenance.events:
        by_month[_month_key(event.maintenance.starts_at, zone)]["maintenance"].append(event)
    for announcement in maintenance.announcements:
        by_month[_month_key(announcement.announcement.show_at, zone)]["announcements"].append(announcement)
    return [
        Month(
            key=key,
            first_day=date(int(key[:4]), int(key[5:]), 1),
            url=f"history/{key}/",
            incidents=tuple(by_month[key]["incidents"]),
            episodes=tuple(by_month[key]["episodes"]),
            maintenance=tuple(by_month[key]["maintenance"]),
            announcements=tuple(by_month[key]["announcements"]),
        )
        for key in sorted(by_month, reverse=True)
    ]


def _month_key(moment: datetime, zone: tzinfo) -> str:
    local = in_zone(moment, zone)
    return f"{local.year:04d}-{local.month:02d}"


def _service_pages(services: ServicesPlan, common: dict[str, Any], own_feed: str) -> list[Page]:
    """Each service's page. It is given the number of days its bars cover (`uptime_days`) apart from the
    services (`services`, for a theme that shows the others): the bundled page shows only that of them, and
    a page keyed by all the services was renewed by a note on any of their incidents. Likewise the service
    with only the incidents the bundled page lists (`service_recent`, services.as_recent) apart from the whole
    `service`."""
    return [
        _page(
            view.url,
            "service.html",
            common,
            own_feeds=own_feed,
            service=view,
            service_recent=as_recent(view),
            services=services,
            uptime_days=services.uptime_days,
        )
        for view in services.all
    ]


def _month_pages(months: list[Month], common: dict[str, Any]) -> list[Page]:
    pages = []
    for index, month in enumerate(months):
        newer = MonthLink.to(months[index - 1] if index > 0 else None)
        older = MonthLink.to(months[index + 1] if index + 1 < len(months) else None)
        pages.append(_page(month.url, "history_month.html", common, month=month, newer=newer, older=older))
    return pages
