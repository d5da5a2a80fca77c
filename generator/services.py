"""The services of a mirrored status page as the pages show them: in the page's groups and order, each
with its current status, its uptime and a bar per day.

Computed once per build from the snapshot and the build time, by OneUptime's
rules (uptime.py), for the home page, each service's page, the badges and the
Statuspage JSON alike. Colours come from the data but reach a page only as
#rrggbb (visibility.py lets nothing else through).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from generator.dates import in_zone
from generator.day_bars import CalendarMonth, DayBar, DayWords, calendar, merge_runs
from generator.formats import Formats
from generator.i18n import ENGLISH
from generator.levels import DEGRADED, MAJOR, OPERATIONAL, PARTIAL
from generator.markup import render_markdown
from generator.model import MonitorStatus, Service, ServiceGroup, StatusPage, StatusPeriod
from generator.text import clean_name
from generator.uptime import (
    day_uptimes,
    mean_floored,
    monitor_events,
    non_overlapping,
    shown_day_percent,
    shown_percent,
    uptime_percent,
)

if TYPE_CHECKING:
    from generator.maintenance_views import MaintenanceView
    from generator.views import EpisodeView, IncidentView

SERVICES_FOLDER = "components"
GREEN = "#2ab57d"  # Common/Types/BrandColors.ts: a page's default bar colour and an unknown status's
UNKNOWN_COLOR = "#6e7781"
# Overview.tsx: a monitor whose status is not known shows as "Operational", in green.
ASSUMED_OPERATIONAL = MonitorStatus("", "Operational", GREEN, 0, is_operational=True)
NO_DATA = "nodata"  # a day bar's level when nothing was recorded that day
MAX_GROUP_DEPTH = 10  # GroupTree.ts: StatusPageGroupTreeUtil.MaxNestingDepth
SERVICE_PAGE_INCIDENTS = 50  # a service's page lists its newest incidents; the history has them all


@dataclass(frozen=True, slots=True)
class StatusView:
    """A status as shown: its name, colour and level (levels.py)."""

    name: str
    color: str
    level: str


@dataclass(slots=True)
class ServiceView:
    """A service as the pages show it; `incidents` and `episodes` are those that affected it (newest first)."""

    service: Service
    url: str
    current: StatusView
    uptime: str | None  # the figure as shown ("99.93"), when the service shows one
    bars: tuple[DayBar, ...]  # when it shows a history chart: runs of like days, oldest first
    days: tuple[DayBar, ...]  # every day on its own, for its page
    calendar: tuple[CalendarMonth, ...]
    created: datetime  # its first known status row (or the start of the fetched window)
    since: datetime | None  # when its newest status row began: its status changed then
    incidents: list[IncidentView] = field(default_factory=list)
    episodes: list[EpisodeView] = field(default_factory=list)
    maintenance: list[MaintenanceView] = field(default_factory=list)  # ongoing, then upcoming
    older: int = 0  # incidents left out of `incidents` by as_recent: counted on its page, never listed

    @property
    def under_maintenance(self) -> bool:
        """Whether an ongoing maintenance event affects it: its status line says so."""
        return any(event.is_ongoing for event in self.maintenance)

    @property
    def recent_incidents(self) -> list[IncidentView]:
        """What its page lists: the newest incidents; the rest are in the history."""
        return self.incidents[:SERVICE_PAGE_INCIDENTS]

    @property
    def older_incidents(self) -> int:
        return max(len(self.incidents) - SERVICE_PAGE_INCIDENTS, 0) + self.older

    @property
    def description_html(self) -> str:
        """The description on the service's own page, under its <h1>."""
        return render_markdown(self.service.description, 2)

    def description_under(self, heading: int) -> str:
        """The description in a list, under the service's name at heading level `heading`."""
        return render_markdown(self.service.description, min(heading + 1, 6))


@dataclass(slots=True)
class GroupView:
    """A group with its worst current status, its mean uptime (when shown), its services and nested groups."""

    group: ServiceGroup
    current: StatusView
    uptime: str | None
    services: tuple[ServiceView, ...]
    groups: tuple[GroupView, ...]
    heading: int  # h3 for a top group, one deeper per level, at most h6

    @property
    def description_html(self) -> str:
        return render_markdown(self.group.description, min(self.heading + 1, 6))


@dataclass(frozen=True, slots=True)
class ServicesPlan:
    """What the pages show of a status page's services; `all` in the page's order, ungrouped ones first."""

    ungrouped: tuple[ServiceView, ...]
    groups: tuple[GroupView, ...]
    all: tuple[ServiceView, ...]
    uptime_days: int
    first_day: date
    last_day: date
    overall_uptime: str | None
    overview: str  # the page's own Markdown above the services

    @property
    def overview_html(self) -> str:
        return render_markdown(self.overview, 2)

    @property
    def levels(self) -> tuple[str, ...]:
        """Every service's current level: the banner takes the worst (StatusPageService.getOverallMonitorStatus)."""
        return tuple(view.current.level for view in self.all)


def plan_services(page: StatusPage, build_time: datetime, zone: tzinfo, formats: Formats | None = None) -> ServicesPlan:
    """Every service of the page, its groups as a tree in the page's order, and the figures OneUptime shows;
    the day bars read in `formats`' language (English without it)."""
    page = _named(page)
    rules = _Rules(page, build_time, zone, DayWords(formats or Formats(ENGLISH, zone)))
    urls = service_urls(page.services)
    views = {service.id: rules.service_view(service, urls[service.id]) for service in page.services}
    ungrouped = tuple(views[s.id] for s in page.services if s.group_id is None)
    groups = _group_tree(page.groups, page.services, views, rules)
    return ServicesPlan(
        ungrouped=ungrouped,
        groups=groups,
        all=tuple(views[s.id] for s in page.services),
        uptime_days=page.uptime_days,
        first_day=rules.days[0],
        last_day=rules.days[-1],
        overall_uptime=rules.overall_uptime(page.services),
        overview=page.overview,
    )


def as_listed(plan: ServicesPlan) -> ServicesPlan:
    """The services as a list of them shows them (the home and subscribe pages): each without its incidents
    and episodes, in the same groups and order.

    Linked to the incidents (site._link_services) first: its maintenance
    stays. A page keyed by the whole plan was built again by a note on any
    incident of any service, and its key walked every incident of the site.
    """
    listed = {id(view): replace(view, incidents=[], episodes=[]) for view in plan.all}

    def group_listed(group: GroupView) -> GroupView:
        services = tuple(listed[id(view)] for view in group.services)
        return replace(group, services=services, groups=tuple(group_listed(child) for child in group.groups))

    return replace(
        plan,
        ungrouped=tuple(listed[id(view)] for view in plan.ungrouped),
        groups=tuple(group_listed(group) for group in plan.groups),
        all=tuple(listed[id(view)] for view in plan.all),
    )


def as_recent(view: ServiceView) -> ServiceView:
    """The service as its bundled page shows it: the incidents it lists (recent_incidents), the rest only counted.

    Keyed by its whole view, a service's page walked every incident of the
    service at every build, and was built again by a note on any of them.
    """
    return replace(view, incidents=view.recent_incidents, older=view.older_incidents)


def _named(page: StatusPage) -> StatusPage:
    """Every service and group with a name to show (a snapshot file may hold an empty one)."""
    services = tuple(replace(s, name=clean_name(s.name) or "Unnamed service") for s in page.services)
    groups = tuple(replace(g, name=clean_name(g.name) or "Unnamed group") for g in page.groups)
    return replace(page, services=services, groups=groups)


class _Rules:
    """OneUptime's rules for one page at one moment: statuses, levels, uptime windows and days."""

    def __init__(self, page: StatusPage, now: datetime, zone: tzinfo, words: DayWords) -> None:
        self.page = page
        self.now = now
        self.zone = zone
        self.words = words
        self.statuses = {status.id: status for status in page.monitor_statuses}
        self.priorities = {status.id: status.priority for status in page.monitor_statuses}
        self.current = {state.monitor_id: state.status_id for state in page.current_statuses}
        self.downtime = frozenset(page.downtime_status_ids)
        self.window = (now - timedelta(days=page.uptime_days), now)
        today = in_zone(now, zone).date()
        self.days = [today - timedelta(days=offset) for offset in range(page.uptime_days - 1, -1, -1)]
        self.periods: dict[str, list[StatusPeriod]] = {}
        for period in page.status_periods:
            self.periods.setdefault(period.monitor_id, []).append(period)
        self._levels = status_levels(page.monitor_statuses)
        self._views: dict[MonitorStatus, StatusView] = {}

    def service_view(self, service: Service, url: str) -> ServiceView:
        periods = self.periods_of(service)
        days = self.day_bars(periods) if service.show_history_chart else ()
        shown = self.uptime(service, service.uptime_decimals) if service.show_uptime_percent else None
        return ServiceView(
            service=service,
            url=url,
            current=self.view(self.current_status(service)),
            uptime=None if shown is None else shown_percent(shown),
            bars=merge_runs(days, self.words),
            days=days,
            calendar=calendar(days),
            created=min((p.starts_at for p in periods), default=self.page.window_start),
            since=max((p.starts_at for p in periods), default=None),
        )

    def periods_of(self, service: Service) -> list[StatusPeriod]:
        return [period for monitor in service.monitor_ids for period in self.periods.get(monitor, ())]

    def uptime(self, service: Service, decimals: int) -> float:
        """The service's uptime over the page's window (ResourceUptime.calculateUptimePercentOfResource)."""
        return uptime_percent(self.periods_of(service), self.priorities, self.downtime, self.window, self.now, decimals)

    def current_status(self, service: Service) -> MonitorStatus:
        """A monitor's own status; a monitor group's worst member, from the operational status up
        (MonitorGroupService.getCurrentStatusesForMonitorGroups)."""
        if not service.is_monitor_group:
            return self.statuses.get(self.current.get(service.monitor_ids[0], ""), ASSUMED_OPERATIONAL)
        worst = next((s for s in self.page.monitor_statuses if s.is_operational), ASSUMED_OPERATIONAL)
        for monitor in service.monitor_ids:
            status = self.statuses.get(self.current.get(monitor, ""))
            if status is not None and status.priority > worst.priority:
                worst = status
        return worst

    def view(self, status: MonitorStatus) -> StatusView:
        """The status as shown; made once per status, since each of ninety days of twenty services asks."""
        view = self._views.get(status)
        if view is None:
            level = self._levels.get(status.id, OPERATIONAL)
            view = self._views[status] = StatusView(status.name, safe_color(status.color, GREEN), level)
        return view

    def day_bars(self, periods: Sequence[StatusPeriod]) -> tuple[DayBar, ...]:
        """DayUptimeGraph: each day's share of uptime, worst status, and colour (by the page's rules if any)."""
        events = non_overlapping(monitor_events(periods, self.priorities, self.now))
        default = safe_color(self.page.default_bar_color, GREEN)
        bars = []
        words = self.words
        for day in day_uptimes(events, self.downtime, self.days, self.zone, self.now):
            status = self.statuses.get(day.worst_status_id or "")
            if day.uptime is None:
                bars.append(words.day(day.day, default, NO_DATA, words.no_data()))
                continue
            if status is not None:
                view = self.view(status)
                color = view.color
            else:
                view, color = StatusView(words.unknown_status(), default, OPERATIONAL), default
            if self.page.bar_color_rules:
                rule = next((r for r in self.page.bar_color_rules if day.uptime >= r.min_uptime), None)
                color = safe_color(rule.color, default) if rule is not None else default
            bars.append(words.day(day.day, color, view.level, words.uptime(shown_day_percent(day.uptime), view.name)))
        return tuple(bars)

    def group_status(self, services: Iterable[Service]) -> StatusView:
        """The worst current status of the services under a group (getCurrentStatusPageGroupStatus)."""
        statuses = [self.current_status(service) for service in services]
        return self.view(max(statuses, key=lambda status: status.priority, default=ASSUMED_OPERATIONAL))

    def group_uptime(self, group: ServiceGroup, services: Sequence[Service]) -> str | None:
        """The mean uptime of the services under a group that show one, at the group's precision
        (calculateAvgUptimePercentOfStatusPageGroup)."""
        if not group.show_uptime_percent:
            return None
        figures = [self.uptime(s, group.uptime_decimals) for s in services if s.show_uptime_percent]
        mean = mean_floored(figures, group.uptime_decimals)
        return None if mean is None else shown_percent(mean)

    def overall_uptime(self, services: Sequence[Service]) -> str | None:
        """The page's overall uptime (calculateAvgUptimePercentageOfAllResources), when the page shows it:
        the reporting groups nearest the top and the ungrouped services, averaged."""
        page = self.page
        if not page.show_overall_uptime or not any(s.show_uptime_percent or s.show_history_chart for s in services):
            return None
        decimals = page.overall_uptime_decimals
        figures = [self.uptime(s, decimals) for s in services if s.group_id is None and s.show_uptime_percent]
        children = _children(page.groups)

        def collect(groups: Sequence[ServiceGroup]) -> None:
            for group in groups:
                if not group.show_uptime_percent:
                    collect(children.get(group.id, ()))
                    continue
                under = _services_under(group, children, services)
                shown = [self.uptime(s, decimals) for s in under if s.show_uptime_percent]
                mean = mean_floored(shown, group.uptime_decimals)
                if mean is not None:
                    figures.append(mean)

        collect(children.get(None, ()))
        mean = mean_floored(figures, decimals)
        return shown_percent(mean if mean is not None else 100)


_COLOR = re.compile(r"#[0-9a-f]{6}")


def safe_color(color: str | None, fallback: str) -> str:
    """A colour for an SVG fill: #rrggbb only (a snapshot file may hold anything), else the fallback."""
    return color if color is not None and _COLOR.fullmatch(color) else fallback


def status_levels(statuses: Sequence[MonitorStatus]) -> dict[str, str]:
    """Each monitor status as one of Statuspage's levels, by its flags and its rank among the project's statuses.

    Operational is operational and offline a major outage, as is anything at
    least as bad as offline; the mildest other status (Degraded, by default)
    is degraded performance, and any status between it and offline a partial outage.
    """
    troubled = [s for s in statuses if not s.is_operational]
    offline = min((s.priority for s in troubled if s.is_offline), default=None)
    mildest = min((s.priority for s in troubled if not s.is_offline), default=None)
    levels = {}
    for status in statuses:
        if status.is_operational:
            levels[status.id] = OPERATIONAL
        elif status.is_offline or (offline is not None and status.priority >= offline):
            levels[status.id] = MAJOR
        elif status.priority == mildest:
            levels[status.id] = DEGRADED
        else:
            levels[status.id] = PARTIAL
    return levels


def _group_tree(
    groups: Sequence[ServiceGroup], services: Sequence[Service], views: dict[str, ServiceView], rules: _Rules
) -> tuple[GroupView, ...]:
    """Groups under their parents, each level in the page's order (GroupTree.buildTree).

    A group in a cycle of parents, or whose parent is not on the page, is shown
    at the top rather than lost; nesting deeper than OneUptime allows is flattened.
    """
    children = _children(groups)
    placed: set[str] = set()

    def build(group: ServiceGroup, depth: int) -> GroupView:
        placed.add(group.id)
        nested = [child for child in children.get(group.id, ()) if child.id not in placed]
        under = _services_under(group, children, services)
        return GroupView(
            group=group,
            current=rules.group_status(under),
            uptime=rules.group_uptime(group, under),
            services=tuple(views[s.id] for s in services if s.group_id == group.id),
            groups=tuple(build(child, depth + 1) for child in nested if depth + 1 < MAX_GROUP_DEPTH),
            heading=min(3 + depth, 6),
        )

    tree = [build(group, 0) for group in children.get(None, ())]
    tree += [build(group, 0) for group in groups if group.id not in placed]
    return tuple(tree)


def _children(groups: Sequence[ServiceGroup]) -> dict[str | None, list[ServiceGroup]]:
    """Groups by their parent (None for the top), each list in the page's order.

    A group that is its own parent, or whose parent is not on the page, is a
    top group (GroupTree.getParentId, getRootGroups).
    """
    ids = {group.id for group in groups}
    children: dict[str | None, list[ServiceGroup]] = {}
    for group in groups:  # already in the page's order
        parent = group.parent_id if group.parent_id in ids and group.parent_id != group.id else None
        children.setdefault(parent, []).append(group)
    return children


def _services_under(
    group: ServiceGroup, children: dict[str | None, list[ServiceGroup]], services: Sequence[Service]
) -> list[Service]:
    """Services of the group and of every group nested under it (getResourcesInStatusPageGroupAndDescendants)."""
    seen, frontier = {group.id}, [group]
    while frontier:
        frontier = [child for g in frontier for child in children.get(g.id, ()) if child.id not in seen]
        seen.update(child.id for child in frontier)
    return [service for service in services if service.group_id in seen]


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def service_urls(services: Sequence[Service]) -> dict[str, str]:
    """`components/<slug>/` from each service's name; a name used twice gets -2, -3 in the page's order."""
    urls: dict[str, str] = {}
    taken: set[str] = set()
    for service in services:
        base = _slug(service.name) or "service-" + hashlib.sha256(service.id.encode()).hexdigest()[:12]
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        urls[service.id] = f"{SERVICES_FOLDER}/{slug}/"
    return urls


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return _NOT_SLUG.sub("-", ascii_name.lower()).strip("-")[:60].strip("-")


def services_of(page: StatusPage, monitor_ids: Iterable[str]) -> list[Service]:
    """The page's services that show one of these monitors, in the page's order."""
    wanted = set(monitor_ids)
    return [service for service in page.services if wanted & set(service.monitor_ids)]
