"""One status page's rows: its settings, services and groups, the monitors' statuses, and their status timelines.

What OneUptime's own page reads for its overview (Common/Server/API/StatusPageAPI.ts,
getStatusPageResourcesAndTimelines), each asked for with public columns only.
Which of it may be published is visibility.py's decision: the page's monitors,
whether the page is public, and the uptime window are asked of it here.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from generator.errors import ApiError, ConfigError
from generator.oneuptime.paging import Pager, gather
from generator.oneuptime.rows import (
    BAR_COLOR_RULE_SELECT,
    MONITOR_CURRENT_SELECT,
    MONITOR_GROUP_MEMBER_SELECT,
    MONITOR_STATUS_SELECT,
    MONITOR_TIMELINE_SELECT,
    STATUS_PAGE_GROUP_SELECT,
    STATUS_PAGE_RESOURCE_SELECT,
    STATUS_PAGE_SELECT,
    RawStatusPage,
    Row,
)
from generator.oneuptime.wire import belonging, keys, wire_instant
from generator.status_page_visibility import is_public_page, page_monitor_ids, timeline_monitor_ids, uptime_days


@dataclass(frozen=True, slots=True)
class PageScope:
    """Which status page a fetch mirrors, its time, and whether a private page may be published.

    For an incremental fetch, `timelines_held` are the monitors whose status rows
    the previous snapshot holds for a window of `days_held` days: of those, only
    rows changed since then are asked for.
    """

    page_id: str
    now: datetime
    publish_private: bool = False
    timelines_held: frozenset[str] = frozenset()
    days_held: int | None = None


async def fetch_status_page(pager: Pager, scope: PageScope, since: datetime | None = None) -> RawStatusPage:
    """The page and everything its overview shows, with status timelines of its uptime window up to `now`.

    With `since` (an incremental fetch), the timelines the previous snapshot
    holds for the same window are asked for only where rows changed after it.
    """
    page_id, now = scope.page_id, scope.now
    page = await read_page(pager, page_id, scope.publish_private)
    on_page = {"statusPageId": page_id}
    resources, groups, statuses, rules = await gather(
        [
            pager.listing("status-page-resource", STATUS_PAGE_RESOURCE_SELECT, on_page),
            pager.listing("status-page-group", STATUS_PAGE_GROUP_SELECT, on_page),
            pager.listing("monitor-status", MONITOR_STATUS_SELECT, {}),
            # Bar colour rules are newer than status pages: none on a server without them.
            pager.optional(pager.listing("status-page-history-chart-bar-color-rule", BAR_COLOR_RULE_SELECT, on_page)),
        ]
    )
    # A server that ignores the query sends other pages' rows too: they stop here.
    resources, groups, rules = (belonging(rows, "statusPageId", {page_id}) for rows in (resources, groups, rules))
    members = await group_members(pager, resources)
    days = uptime_days(page)
    window_start = now - timedelta(days=days)
    charted = timeline_monitor_ids(resources, members)
    delta = charted & scope.timelines_held if since is not None and scope.days_held == days else set()
    monitors, timelines, changed = await gather(
        [
            pager.listing_by_ids("monitor", MONITOR_CURRENT_SELECT, "_id", page_monitor_ids(resources, members)),
            monitor_timelines(pager, charted - delta, window_start, now),
            monitor_timelines(pager, delta, window_start, now, changed_after=since),
        ]
    )
    return RawStatusPage(
        page=page,
        resources=resources,
        groups=groups,
        group_members=members,
        statuses=statuses,
        monitors=monitors,
        timelines=timelines + changed,
        bar_rules=rules,
        window_start=window_start,
        window_end=now,
        changed_only=frozenset(delta),
    )


async def read_page(pager: Pager, page_id: str, publish_private: bool) -> Row:
    """The page's public settings; a page OneUptime shows only after a login is refused unless the operator says so."""
    page = await pager.item("status-page", page_id, STATUS_PAGE_SELECT)
    if page is None:
        raise ApiError(
            f"OneUptime has no status page {page_id} in this project; check ONEUPTIME_STATUS_PAGE_ID "
            f"(or status_page under [oneuptime] in statusgen.toml)"
        )
    if not is_public_page(page) and not publish_private:
        raise ConfigError(
            f"status page {page_id} is private in OneUptime (visitors must log in), but a statusgen site is "
            f"public; to publish it to everyone anyway, set publish_private_status_page = true under [oneuptime]"
        )
    return page


async def group_members(pager: Pager, resources: list[Row]) -> list[Row]:
    """The monitors of the page's monitor-group resources (MonitorGroupResource rows)."""
    group_ids = keys(resources, "monitorGroupId")
    members = await pager.listing_by_ids(
        "monitor-group-resource", MONITOR_GROUP_MEMBER_SELECT, "monitorGroupId", group_ids
    )
    return belonging(members, "monitorGroupId", group_ids)


async def monitor_timelines(
    pager: Pager, monitor_ids: Collection[str], start: datetime, end: datetime, changed_after: datetime | None = None
) -> list[Row]:
    """Status rows of these monitors that overlap start..end (or, with `changed_after`, of those only the changed).

    As StatusPageService.getMonitorStatusTimelineForStatusPage asks: begun by
    the end, and not ended before the start. OneUptime keeps a row that ends
    exactly at the start (>=); the API offers only a strict GreaterThanOrNull,
    so the start is moved back a millisecond (the finest a date is sent in).
    """
    query = {
        "startsAt": {"_type": "LessThanOrEqual", "value": wire_instant(end)},
        "endsAt": {"_type": "GreaterThanOrNull", "value": wire_instant(start - timedelta(milliseconds=1))},
    }
    if changed_after is not None:
        query["updatedAt"] = {"_type": "GreaterThan", "value": wire_instant(changed_after)}
    ids = set(monitor_ids)
    rows = await pager.listing_by_ids("monitor-status-timeline", MONITOR_TIMELINE_SELECT, "monitorId", ids, query)
    return belonging(rows, "monitorId", ids)
