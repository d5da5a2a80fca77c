"""What a mirrored status page may publish: OneUptime's own page's rules, and nothing more.

Every status-page read in OneUptime runs as root, so the page's rules are
repeated here (StatusPageAPI.ts, StatusPageService.ts): which monitors are on
the page, which incidents and episodes that puts on it, a login-only page
refused, and the page's services by their display names, each field picked by
name. visibility.py asks these predicates; so does the client when it scopes
its queries.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING

from generator.model import (
    BarColorRule,
    MonitorState,
    MonitorStatus,
    Service,
    ServiceGroup,
    StatusPage,
    StatusPeriod,
)
from generator.oneuptime.rows import EPISODE_MONITORS
from generator.text import clean_name
from generator.wire_values import Row, flag, ids_among, optional_date, optional_int, relation_ids, text_of, unique_rows

if TYPE_CHECKING:
    from generator.oneuptime.rows import RawStatusPage


# Common/Types/StatusPage/UptimePrecision.ts: the decimals of each precision.
UPTIME_DECIMALS = {
    "99% (No Decimal)": 0,
    "99.9% (One Decimal)": 1,
    "99.99% (Two Decimal)": 2,
    "99.999% (Three Decimal)": 3,
}
_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")


def is_public_page(page: Row) -> bool:
    """Whether OneUptime shows the page to anyone: `isPublicStatusPage` exactly true (else a login is needed)."""
    return page.get("isPublicStatusPage") is True


def uptime_days(page: Row) -> int:
    """The days of uptime history: showUptimeHistoryInDays or 90, clamped to 1..90 as StatusPageAPI.ts does."""
    return min(max(optional_int(page.get("showUptimeHistoryInDays")) or 90, 1), 90)


def page_monitor_ids(resources: list[Row], members: list[Row]) -> set[str]:
    """Every monitor on the page: each resource's own and its monitor group's members.

    As StatusPageService.getMonitorIdsOnStatusPage: an incident or episode is on
    the page when one of its monitors is one of these.
    """
    return {m for resource in resources for m in _resource_monitors(resource, _members_by_group(members))}


def timeline_monitor_ids(resources: list[Row], members: list[Row]) -> set[str]:
    """Monitors of resources that show a history chart or an uptime figure: only theirs are read (StatusPageAPI.ts)."""
    by_group = _members_by_group(members)
    shown = [r for r in resources if r.get("showStatusHistoryChart") is not False or r.get("showUptimePercent") is True]
    return {m for resource in shown for m in _resource_monitors(resource, by_group)}


def incident_on_page(row: Row, page_monitors: set[str]) -> bool:
    """Whether one of the incident's monitors is on the page (getIncidents: `monitors` among the page's)."""
    return bool(ids_among(relation_ids(row)) & page_monitors)


def incident_on(row: Row, page_monitors: set[str] | None) -> bool:
    return page_monitors is None or incident_on_page(row, page_monitors)


def episode_on(row: Row, page_monitors: set[str] | None) -> bool:
    """getEpisodes: an episode with a member incident (visible or not) on one of the page's monitors."""
    return page_monitors is None or bool(ids_among(row.get(EPISODE_MONITORS)) & page_monitors)


def status_page_model(raw: RawStatusPage) -> StatusPage:
    """The page's public settings, services, groups and statuses, each field picked by name."""
    page = raw.page
    groups = _groups(raw.groups)
    group_ids = {group.id for group in groups}
    by_group = _members_by_group(raw.group_members)
    services = tuple(
        sorted(
            (
                service
                for row in unique_rows(raw.resources)
                if (service := _service(row, by_group, group_ids)) is not None
            ),
            key=lambda service: (service.order, service.id),
        )
    )
    on_page = {m for service in services for m in service.monitor_ids}
    charted = {
        m
        for service in services
        if service.show_history_chart or service.show_uptime_percent
        for m in service.monitor_ids
    }
    return StatusPage(
        id=text_of(page.get("_id")),
        title=clean_name(text_of(page.get("pageTitle"))) or clean_name(text_of(page.get("name"))) or "Status",
        window_start=raw.window_start,
        window_end=raw.window_end,
        is_public=is_public_page(page),
        description=clean_name(text_of(page.get("pageDescription"))),
        overview=text_of(page.get("overviewPageDescription")),
        show_incidents=flag(page, "showIncidentsOnStatusPage", True),
        show_episodes=flag(page, "showEpisodesOnStatusPage", True),
        incident_history_days=min(max(optional_int(page.get("showIncidentHistoryInDays")) or 14, 1), 90),
        uptime_days=uptime_days(page),
        show_overall_uptime=flag(page, "showOverallUptimePercentOnStatusPage", False),
        overall_uptime_decimals=_decimals(page.get("overallUptimePercentPrecision"), 2),
        default_bar_color=_color(page.get("defaultBarColor")),
        downtime_status_ids=tuple(sorted(ids_among(relation_ids(page, "downtimeMonitorStatuses")))),
        bar_color_rules=_bar_color_rules(raw.bar_rules),
        groups=groups,
        services=services,
        monitor_statuses=_monitor_statuses(raw.statuses),
        current_statuses=_current_statuses(raw.monitors, on_page),
        status_periods=_status_periods(raw.timelines, charted, raw.window_start, raw.window_end),
    )


def _current_statuses(rows: list[Row], on_page: set[str]) -> tuple[MonitorState, ...]:
    current = {text_of(row.get("_id")): text_of(row.get("currentMonitorStatusId")) for row in unique_rows(rows)}
    return tuple(MonitorState(m, current[m]) for m in sorted(on_page & set(current)) if current[m])


def _service(row: Row, members: dict[str, set[str]], group_ids: set[str]) -> Service | None:
    """A resource as a service, named by its displayName only (never its monitor's name); None if it shows nothing.

    A resource in a group the page does not have is shown ungrouped rather than
    lost; one with neither a monitor nor a monitor group shows nothing (Overview.tsx).
    """
    monitor_ids = _resource_monitors(row, members)
    if not monitor_ids and not text_of(row.get("monitorGroupId")):
        return None
    group_id = text_of(row.get("statusPageGroupId"))
    return Service(
        id=text_of(row.get("_id")),
        name=clean_name(text_of(row.get("displayName"))) or "Unnamed service",
        description=text_of(row.get("displayDescription")),
        tooltip=clean_name(text_of(row.get("displayTooltip"))),
        group_id=group_id if group_id in group_ids else None,
        order=optional_int(row.get("order")) or 0,
        monitor_ids=tuple(sorted(monitor_ids)),
        is_monitor_group=not text_of(row.get("monitorId")),
        show_current_status=flag(row, "showCurrentStatus", True),
        show_uptime_percent=flag(row, "showUptimePercent", False),
        uptime_decimals=_decimals(row.get("uptimePercentPrecision"), 1),
        show_history_chart=flag(row, "showStatusHistoryChart", True),
    )


def _groups(rows: list[Row]) -> tuple[ServiceGroup, ...]:
    groups = (
        ServiceGroup(
            id=text_of(row.get("_id")),
            name=clean_name(text_of(row.get("name"))) or "Unnamed group",
            description=text_of(row.get("description")),
            order=optional_int(row.get("order")) or 0,
            parent_id=text_of(row.get("parentStatusPageGroupId")) or None,
            is_expanded=flag(row, "isExpandedByDefault", True),
            show_current_status=flag(row, "showCurrentStatus", True),
            show_uptime_percent=flag(row, "showUptimePercent", False),
            uptime_decimals=_decimals(row.get("uptimePercentPrecision"), 1),
        )
        for row in unique_rows(rows)
    )
    return tuple(sorted(groups, key=lambda group: (group.order, group.id)))


def _bar_color_rules(rows: list[Row]) -> tuple[BarColorRule, ...]:
    rules = []
    for row in unique_rows(rows):
        color = _color(row.get("barColor"))
        threshold = row.get("uptimePercentGreaterThanOrEqualTo")
        if color and isinstance(threshold, int | float) and not isinstance(threshold, bool) and 0 <= threshold <= 100:
            rules.append((optional_int(row.get("order")) or 0, text_of(row.get("_id")), color, float(threshold)))
    return tuple(BarColorRule(color, threshold, order) for order, _, color, threshold in sorted(rules))


def _monitor_statuses(rows: list[Row]) -> tuple[MonitorStatus, ...]:
    statuses = (
        MonitorStatus(
            id=text_of(row.get("_id")),
            name=clean_name(text_of(row.get("name"))) or "Unnamed status",
            color=_color(row.get("color")),
            priority=optional_int(row.get("priority")) or 0,
            is_operational=row.get("isOperationalState") is True,
            is_offline=row.get("isOfflineState") is True,
        )
        for row in unique_rows(rows)
    )
    return tuple(sorted(statuses, key=lambda status: (status.priority, status.id)))


def _status_periods(rows: list[Row], monitors: set[str], start: datetime, end: datetime) -> tuple[StatusPeriod, ...]:
    """The timeline rows of these monitors that overlap start..end, as they were asked for.

    One without a start, a status or an id of its own is left out.
    """
    periods = []
    for row in unique_rows(rows):
        monitor_id, status_id = text_of(row.get("monitorId")), text_of(row.get("monitorStatusId"))
        starts_at, ends_at = optional_date(row.get("startsAt")), optional_date(row.get("endsAt"))
        if starts_at is None or monitor_id not in monitors or not status_id:
            continue
        if starts_at <= end and (ends_at is None or ends_at >= start):
            periods.append(StatusPeriod(text_of(row["_id"]), monitor_id, status_id, starts_at, ends_at))
    return tuple(sorted(periods, key=lambda period: (period.monitor_id, period.starts_at, period.id)))


def _resource_monitors(row: Row, members: dict[str, set[str]]) -> set[str]:
    """A resource's monitor, or else its monitor group's members."""
    monitor_id = text_of(row.get("monitorId"))
    if monitor_id:
        return {monitor_id}
    return set(members.get(text_of(row.get("monitorGroupId")), ()))


def _members_by_group(rows: list[Row]) -> dict[str, set[str]]:
    by_group: dict[str, set[str]] = {}
    for row in rows:
        group_id, monitor_id = text_of(row.get("monitorGroupId")), text_of(row.get("monitorId"))
        if group_id and monitor_id:
            by_group.setdefault(group_id, set()).add(monitor_id)
    return by_group


def _decimals(value: object, default: int) -> int:
    return UPTIME_DECIMALS.get(value, default) if isinstance(value, str) else default


def _color(value: object) -> str | None:
    """A colour as #rrggbb, or None: it goes into a style, so nothing else passes."""
    if not isinstance(value, str) or not _COLOR.fullmatch(value.strip()):
        return None
    digits = value.strip()[1:].lower()
    return "#" + (digits if len(digits) == 6 else "".join(digit * 2 for digit in digits))
