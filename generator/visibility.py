"""The one place that decides what may be published.

It turns the rows the API sent into a Snapshot of public data only: visible
incidents and episodes, public notes, state changes, published postmortems,
and the names of the states, severities and monitors they refer to. Every
field is picked by name, so a private field the server sends anyway is never
copied. Everything downstream only ever sees what this module returns.

Odd data never stops the site (a retraction in the same run must still go
out): a row whose join key is not an id (an object, a list) is left out, an
odd field of a published item is ignored, and each is named in a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from generator.dates import parse_datetime
from generator.maintenance_visibility import with_maintenance
from generator.model import (
    BarColorRule,
    Episode,
    Incident,
    Monitor,
    MonitorState,
    MonitorStatus,
    Postmortem,
    Service,
    ServiceGroup,
    Severity,
    Snapshot,
    State,
    StatusPage,
    StatusPeriod,
    Update,
    UpdateKind,
)
from generator.notices import named, warn
from generator.oneuptime.rows import EPISODE_MONITORS
from generator.text import clean_name
from generator.wire_values import (
    dict_rows,
    ignore_odd,
    is_odd,
    item_number,
    left_out,
    optional_date,
    optional_int,
    text_of,
)

if TYPE_CHECKING:  # the client asks this module's predicates, so it is imported here only for types
    from generator.oneuptime.rows import RawProject, RawStatusPage

Row = dict[str, Any]


def public_snapshot(raw: RawProject, taken_at: datetime, kept: Snapshot | None = None) -> Snapshot:
    """A Snapshot holding only what a public status page may show.

    `kept` holds items of an earlier snapshot that an incremental fetch found
    unchanged (already public, with their updates): they join the items made
    from `raw` as they are, model objects that never go back into rows, and only
    what depends on the whole (episode membership, which monitors, states and
    severities are named) is derived again over both.

    With a status page (raw.status_page), only what OneUptime's own page shows:
    incidents on one of its monitors, episodes by its membership rule (kept ones
    are judged again, as the page's monitors may have changed), and its services
    by their display names; no monitor's own name is kept.
    """
    status_page = _status_page(raw.status_page) if raw.status_page is not None else None
    on_page = None if status_page is None else {m for service in status_page.services for m in service.monitor_ids}
    kept = _kept_on_page(kept or Snapshot(taken_at=taken_at), on_page)
    kept_incident_ids = {incident.id for incident in kept.incidents}
    kept_episode_ids = {episode.id for episode in kept.episodes}
    incident_rows = _unique(
        row
        for row in raw.incidents
        if is_published_row(row) and _incident_on(row, on_page) and text_of(row.get("_id")) not in kept_incident_ids
    )
    episode_rows = _unique(
        row
        for row in raw.episodes
        if is_published_row(row) and _episode_on(row, on_page) and text_of(row.get("_id")) not in kept_episode_ids
    )
    visible_incident_ids = {text_of(row.get("_id")) for row in incident_rows} | kept_incident_ids
    visible_episode_ids = {text_of(row.get("_id")) for row in episode_rows} | kept_episode_ids
    members = _episode_members(raw, visible_episode_ids, visible_incident_ids, incident_rows, kept)
    episode_of = {incident_id: episode_id for episode_id, ids in members.items() for incident_id in ids}
    updates = _updates_by_incident(raw, visible_incident_ids)
    monitors = _monitor_candidates(raw.monitors) + list(kept.monitors)
    known_monitors = {monitor.id for monitor in monitors}
    incidents = sorted(
        [
            *(_incident(row, updates.get(text_of(row["_id"]), ()), episode_of, taken_at) for row in incident_rows),
            *(_kept_incident(incident, episode_of, known_monitors, on_page) for incident in kept.incidents),
        ],
        key=lambda incident: (incident.declared_at, incident.id),
        reverse=True,
    )
    episode_notes = _episode_updates(raw, visible_episode_ids)
    episodes = sorted(
        [
            *(
                _episode(row, members.get(text_of(row["_id"]), ()), episode_notes.get(text_of(row["_id"]), ()))
                for row in episode_rows
            ),
            *(replace(episode, incident_ids=members.get(episode.id, ())) for episode in kept.episodes),
        ],
        key=lambda episode: (episode.declared_at, episode.id),
        reverse=True,
    )
    snapshot = Snapshot(
        taken_at=taken_at,
        states=_project_states(raw.states, incidents, episodes),
        severities=_project_severities(raw.severities, incidents, episodes),
        monitors=_referenced_monitors(monitors, incidents) if status_page is None else (),
        incidents=tuple(incidents),
        episodes=tuple(episodes),
        status_page=status_page,
    )
    # Maintenance and announcements come fresh with every fetch: nothing of them is kept.
    return with_maintenance(snapshot, raw.maintenance, taken_at)


def _kept_incident(
    incident: Incident, episode_of: dict[str, str], known_monitors: set[str], on_page: set[str] | None = None
) -> Incident:
    """A kept incident with what depends on the whole derived again: its episode, its monitors that still exist.

    On a status page monitors have no names to look up: all its monitor ids stay, for the page to map.
    """
    monitor_ids = incident.monitor_ids
    if on_page is None:
        monitor_ids = tuple(monitor_id for monitor_id in monitor_ids if monitor_id in known_monitors)
    return replace(incident, episode_id=episode_of.get(incident.id), monitor_ids=monitor_ids)


def _kept_on_page(kept: Snapshot, on_page: set[str] | None) -> Snapshot:
    """Kept items still on the status page: an incident whose monitors, or an episode whose members'
    monitors, left the page (or whose service was removed) is retracted with the next fetch."""
    if on_page is None:
        return kept
    return replace(
        kept,
        incidents=tuple(incident for incident in kept.incidents if on_page & set(incident.monitor_ids)),
        episodes=tuple(episode for episode in kept.episodes if on_page & set(episode.monitor_ids)),
    )


def is_published_row(row: Row) -> bool:
    """Whether an incident or episode row may be published: the client asks this of every row it gets.

    `isVisibleOnStatusPage` must be exactly True and `isPrivate` exactly False: a
    missing, null or "true"-ish value is not a decision to publish. (The client
    sets `isPrivate` to False itself only where the server says it has no such
    column: servers before 10.2.0 cannot mark anything private.)
    """
    return row.get("isVisibleOnStatusPage") is True and row.get("isPrivate") is False and bool(text_of(row.get("_id")))


def without_unpublished_postmortem(row: Row) -> Row:
    """The postmortem text only travels on when it is shown and has been posted.

    Whether it is posted yet (not in the future) depends on the build time and
    is decided by _published_postmortem when the snapshot is made.
    """
    if row.get("showPostmortemOnStatusPage") is not True or row.get("postmortemPostedAt") is None:
        row["postmortemNote"] = None
    return row


def _unique(rows: Iterable[Row]) -> list[Row]:
    """Rows with a duplicated _id appear once (the first one the server sent)."""
    seen: set[str] = set()
    unique = []
    for row in rows:
        row_id = text_of(row.get("_id"))
        if row_id and row_id not in seen:
            seen.add(row_id)
            unique.append(row)
    return unique


def _episode_members(
    raw: RawProject,
    visible_episode_ids: set[str],
    visible_incident_ids: set[str],
    incident_rows: list[Row],
    kept: Snapshot,
) -> dict[str, tuple[str, ...]]:
    """Visible episode id -> its visible member incidents; private members never appear.

    Members come from member rows and incidents' own episode links, and for kept
    items from the memberships they had.
    """
    members: dict[str, dict[str, None]] = {episode_id: {} for episode_id in visible_episode_ids}
    pairs = [
        (text_of(r.get("incidentEpisodeId")), text_of(r.get("incidentId")))
        for r in raw.episode_members
        if not left_out(r, "episode member", "incidentEpisodeId", "incidentId")
    ]
    pairs += [(text_of(r.get("incidentEpisodeId")), text_of(r.get("_id"))) for r in incident_rows]
    pairs += [(episode.id, incident_id) for episode in kept.episodes for incident_id in episode.incident_ids]
    pairs += [(incident.episode_id, incident.id) for incident in kept.incidents if incident.episode_id]
    for episode_id, incident_id in pairs:
        if episode_id in members and incident_id in visible_incident_ids:
            members[episode_id][incident_id] = None
    return {episode_id: tuple(sorted(ids)) for episode_id, ids in members.items()}


def _updates_by_incident(raw: RawProject, visible_incident_ids: set[str]) -> dict[str, tuple[Update, ...]]:
    collected: dict[str, list[Update]] = {}
    seen: set[str] = set()
    for row in raw.public_notes:
        incident_id = text_of(row.get("incidentId"))
        if left_out(row, "incident note", "incidentId") or incident_id not in visible_incident_ids:
            continue
        note_update = _note_update(row)
        if note_update and note_update.id not in seen:
            seen.add(note_update.id)
            collected.setdefault(incident_id, []).append(note_update)
    for row in raw.state_timelines:
        incident_id = text_of(row.get("incidentId"))
        if left_out(row, "state change", "incidentId") or incident_id not in visible_incident_ids:
            continue
        state_update = None if left_out(row, "state change", "incidentStateId") else _state_update(row)
        if state_update and state_update.id not in seen:
            seen.add(state_update.id)
            collected.setdefault(incident_id, []).append(state_update)
    return {
        incident_id: tuple(sorted(items, key=lambda u: (u.at, u.kind.value, u.id)))
        for incident_id, items in collected.items()
    }


def _episode_updates(raw: RawProject, visible_episode_ids: set[str]) -> dict[str, tuple[Update, ...]]:
    """Each visible episode's public notes and state changes, oldest first."""
    collected: dict[str, dict[str, Update]] = {}
    rows = [(row, "episode note", _note_update) for row in raw.episode_public_notes]
    rows += [(row, "episode state change", _state_update) for row in raw.episode_state_timelines]
    for row, kind, read in rows:
        if left_out(row, kind, "incidentEpisodeId"):
            continue
        update = read(row)
        episode_id = text_of(row.get("incidentEpisodeId"))
        if update and episode_id in visible_episode_ids:
            collected.setdefault(episode_id, {}).setdefault(update.id, update)
    return {
        episode_id: tuple(sorted(updates.values(), key=lambda u: (u.at, u.kind.value, u.id)))
        for episode_id, updates in collected.items()
    }


def _note_update(row: Row) -> Update | None:
    note = text_of(row.get("note"))
    at = optional_date(row.get("postedAt")) or optional_date(row.get("createdAt"))
    row_id = text_of(row.get("_id"))
    if not (note.strip() and at and row_id):
        return None
    return Update(id=row_id, kind=UpdateKind.NOTE, at=at, note=note)


def _state_update(row: Row) -> Update | None:
    at = optional_date(row.get("startsAt")) or optional_date(row.get("createdAt"))
    state_id = text_of(row.get("incidentStateId"))
    row_id = text_of(row.get("_id"))
    if not (at and state_id and row_id):
        return None
    return Update(id=row_id, kind=UpdateKind.STATE, at=at, state_id=state_id)


def _incident(row: Row, updates: tuple[Update, ...], episode_of: dict[str, str], taken_at: datetime) -> Incident:
    incident_id = text_of(row["_id"])
    ignore_odd(row, "incident", "incidentEpisodeId", "currentIncidentStateId", "incidentSeverityId")
    number = item_number(row, "incident", "incidentNumber")
    declared_at = (
        optional_date(row.get("declaredAt"))
        or optional_date(row.get("createdAt"))
        or (updates[0].at if updates else taken_at)
    )
    return Incident(
        id=incident_id,
        title=clean_name(text_of(row.get("title"))) or _untitled("Incident", number),
        declared_at=declared_at,
        state_id=text_of(row.get("currentIncidentStateId")),
        severity_id=text_of(row.get("incidentSeverityId")),
        number=number,
        number_label=text_of(row.get("incidentNumberWithPrefix")) or None,
        description=text_of(row.get("description")),
        monitor_ids=_monitor_ids(row),
        episode_id=episode_of.get(incident_id),
        updates=updates,
        postmortem=_published_postmortem(row, taken_at),
    )


def _published_postmortem(row: Row, taken_at: datetime) -> Postmortem | None:
    """A postmortem is public only when shown, posted, not posted in the future, and written."""
    posted_at = optional_date(row.get("postmortemPostedAt"))
    note = text_of(row.get("postmortemNote"))
    if row.get("showPostmortemOnStatusPage") is not True or posted_at is None or not note.strip():
        return None
    postmortem = Postmortem(note=note, posted_at=posted_at)
    return postmortem if is_posted_by(postmortem, taken_at) else None


def is_posted_by(postmortem: Postmortem, moment: datetime) -> bool:
    """Whether a postmortem is public at `moment`: one dated later is not posted yet.

    Asked when the snapshot is made and again by the page plan, since a snapshot
    may be built later than it was taken, or by hand.
    """
    return postmortem.posted_at <= moment


def _monitor_ids(row: Row) -> tuple[str, ...]:
    monitors = dict_rows(row.get("monitors"))
    if any(is_odd(monitor.get("_id")) for monitor in monitors):
        warn(f"{named('incident', row.get('_id'))}: a monitor's _id is not an id; that monitor is ignored")
    return tuple(sorted({text_of(monitor.get("_id")) for monitor in monitors} - {""}))


def _episode(row: Row, incident_ids: tuple[str, ...], notes: tuple[Update, ...]) -> Episode:
    ignore_odd(row, "episode", "currentIncidentStateId", "incidentSeverityId")
    number = item_number(row, "episode", "episodeNumber")
    return Episode(
        id=text_of(row["_id"]),
        title=clean_name(text_of(row.get("title"))) or _untitled("Episode", number),
        declared_at=optional_date(row.get("declaredAt"))
        or optional_date(row.get("createdAt"))
        or parse_datetime("1970-01-01T00:00:00Z"),
        state_id=text_of(row.get("currentIncidentStateId")),
        severity_id=text_of(row.get("incidentSeverityId")),
        number=number,
        number_label=text_of(row.get("episodeNumberWithPrefix")) or None,
        description=text_of(row.get("description")),
        resolved_at=optional_date(row.get("resolvedAt")),
        incident_ids=incident_ids,
        updates=notes,
        monitor_ids=tuple(sorted(_ids(row.get(EPISODE_MONITORS)))),
    )


def _project_states(rows: list[Row], incidents: list[Incident], episodes: list[Episode]) -> tuple[State, ...]:
    """Every state's order and flags, so custom states are placed among all of the project's.

    A state is resolved when its order is at or after the order of the state
    flagged isResolvedState (IncidentStateService.getUnresolvedIncidentStates):
    a custom "Closed" after "Resolved" is resolved too. Only a state some public
    item is or was in keeps its name and colour: the others are published as
    nothing but their rank.
    """
    used = {i.state_id for i in incidents} | {e.state_id for e in episodes}
    used |= {u.state_id for i in incidents for u in i.updates if u.state_id}
    used |= {u.state_id for e in episodes for u in e.updates if u.state_id}
    unique = _unique(rows)
    resolved_orders = [optional_int(row.get("order")) or 0 for row in unique if row.get("isResolvedState") is True]
    first_resolved = min(resolved_orders, default=None)
    states = (
        State(
            id=text_of(row.get("_id")),
            name=_shown_name(row, used, "Unnamed state"),
            color=_shown_color(row, used),
            order=optional_int(row.get("order")) or 0,
            is_created=row.get("isCreatedState") is True,
            is_acknowledged=row.get("isAcknowledgedState") is True,
            is_resolved=row.get("isResolvedState") is True
            or (first_resolved is not None and (optional_int(row.get("order")) or 0) >= first_resolved),
        )
        for row in unique
    )
    return tuple(sorted(states, key=lambda s: (s.order, s.id)))


def _project_severities(rows: list[Row], incidents: list[Incident], episodes: list[Episode]) -> tuple[Severity, ...]:
    """Every severity's order, so "the most severe" means the project's most severe, not the worst one in use."""
    used = {i.severity_id for i in incidents} | {e.severity_id for e in episodes}
    severities = (
        Severity(
            id=text_of(row.get("_id")),
            name=_shown_name(row, used, "Unnamed severity"),
            color=_shown_color(row, used),
            order=optional_int(row.get("order")) or 0,
        )
        for row in _unique(rows)
    )
    return tuple(sorted(severities, key=lambda s: (s.order, s.id)))


def _shown_name(row: Row, used: set[str], fallback: str) -> str:
    if text_of(row.get("_id")) not in used:
        return ""
    return clean_name(text_of(row.get("name"))) or fallback


def _shown_color(row: Row, used: set[str]) -> str | None:
    return (text_of(row.get("color")) or None) if text_of(row.get("_id")) in used else None


def _monitor_candidates(rows: list[Row]) -> list[Monitor]:
    return [
        Monitor(id=text_of(row.get("_id")), name=clean_name(text_of(row.get("name"))) or "Unnamed service")
        for row in _unique(rows)
    ]


def _referenced_monitors(candidates: list[Monitor], incidents: list[Incident]) -> tuple[Monitor, ...]:
    """The monitors public incidents name, the first candidate of each id."""
    used = {monitor_id for incident in incidents for monitor_id in incident.monitor_ids}
    monitors: dict[str, Monitor] = {}
    for monitor in candidates:
        if monitor.id in used:
            monitors.setdefault(monitor.id, monitor)
    return tuple(sorted(monitors.values(), key=lambda m: (m.name, m.id)))


def _untitled(kind: str, number: int | None) -> str:
    return f"{kind} {number}" if number is not None else f"Untitled {kind.lower()}"


# --- A status page: what OneUptime's own page shows, and nothing else ---------------------

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
    return bool(_ids(_monitor_refs(row)) & page_monitors)


def _incident_on(row: Row, page_monitors: set[str] | None) -> bool:
    return page_monitors is None or incident_on_page(row, page_monitors)


def _episode_on(row: Row, page_monitors: set[str] | None) -> bool:
    """getEpisodes: an episode with a member incident (visible or not) on one of the page's monitors."""
    return page_monitors is None or bool(_ids(row.get(EPISODE_MONITORS)) & page_monitors)


def _status_page(raw: RawStatusPage) -> StatusPage:
    """The page's public settings, services, groups and statuses, each field picked by name."""
    page = raw.page
    groups = _groups(raw.groups)
    group_ids = {group.id for group in groups}
    by_group = _members_by_group(raw.group_members)
    services = tuple(
        sorted(
            (service for row in _unique(raw.resources) if (service := _service(row, by_group, group_ids)) is not None),
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
        show_incidents=_flag(page, "showIncidentsOnStatusPage", True),
        show_episodes=_flag(page, "showEpisodesOnStatusPage", True),
        show_maintenance=_flag(page, "showScheduledMaintenanceEventsOnStatusPage", True),
        show_announcements=_flag(page, "showAnnouncementsOnStatusPage", True),
        incident_history_days=min(max(optional_int(page.get("showIncidentHistoryInDays")) or 14, 1), 90),
        uptime_days=uptime_days(page),
        show_overall_uptime=_flag(page, "showOverallUptimePercentOnStatusPage", False),
        overall_uptime_decimals=_decimals(page.get("overallUptimePercentPrecision"), 2),
        default_bar_color=_color(page.get("defaultBarColor")),
        downtime_status_ids=tuple(sorted(_ids(_monitor_refs(page, "downtimeMonitorStatuses")))),
        bar_color_rules=_bar_color_rules(raw.bar_rules),
        groups=groups,
        services=services,
        monitor_statuses=_monitor_statuses(raw.statuses),
        current_statuses=_current_statuses(raw.monitors, on_page),
        status_periods=_status_periods(raw.timelines, charted, raw.window_start, raw.window_end),
    )


def _current_statuses(rows: list[Row], on_page: set[str]) -> tuple[MonitorState, ...]:
    current = {text_of(row.get("_id")): text_of(row.get("currentMonitorStatusId")) for row in _unique(rows)}
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
        show_current_status=_flag(row, "showCurrentStatus", True),
        show_uptime_percent=_flag(row, "showUptimePercent", False),
        uptime_decimals=_decimals(row.get("uptimePercentPrecision"), 1),
        show_history_chart=_flag(row, "showStatusHistoryChart", True),
    )


def _groups(rows: list[Row]) -> tuple[ServiceGroup, ...]:
    groups = (
        ServiceGroup(
            id=text_of(row.get("_id")),
            name=clean_name(text_of(row.get("name"))) or "Unnamed group",
            description=text_of(row.get("description")),
            order=optional_int(row.get("order")) or 0,
            parent_id=text_of(row.get("parentStatusPageGroupId")) or None,
            is_expanded=_flag(row, "isExpandedByDefault", True),
            show_current_status=_flag(row, "showCurrentStatus", True),
            show_uptime_percent=_flag(row, "showUptimePercent", False),
            uptime_decimals=_decimals(row.get("uptimePercentPrecision"), 1),
        )
        for row in _unique(rows)
    )
    return tuple(sorted(groups, key=lambda group: (group.order, group.id)))


def _bar_color_rules(rows: list[Row]) -> tuple[BarColorRule, ...]:
    rules = []
    for row in _unique(rows):
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
        for row in _unique(rows)
    )
    return tuple(sorted(statuses, key=lambda status: (status.priority, status.id)))


def _status_periods(rows: list[Row], monitors: set[str], start: datetime, end: datetime) -> tuple[StatusPeriod, ...]:
    """The timeline rows of these monitors that overlap start..end, as they were asked for.

    One without a start, a status or an id of its own is left out.
    """
    periods = []
    for row in _unique(rows):
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


def _monitor_refs(row: Row, key: str = "monitors") -> list[object]:
    """The ids of a relation list ([{"_id": ...}] or plain ids)."""
    value = row.get(key)
    if not isinstance(value, list):
        return []
    return [item.get("_id") if isinstance(item, dict) else item for item in value]


def _ids(values: object) -> set[str]:
    """The ids among these values; anything that is not one is ignored."""
    if not isinstance(values, list | tuple | set | frozenset):
        return set()
    return {text for value in values if isinstance(value, str) and (text := text_of(value))}


def _flag(row: Row, key: str, default: bool) -> bool:
    """A switch: true or false as set; missing (a server without the column) is OneUptime's default; odd is off."""
    value = row.get(key)
    if value is None:
        return default
    return value is True


def _decimals(value: object, default: int) -> int:
    return UPTIME_DECIMALS.get(value, default) if isinstance(value, str) else default


def _color(value: object) -> str | None:
    """A colour as #rrggbb, or None: it goes into a style, so nothing else passes."""
    if not isinstance(value, str) or not _COLOR.fullmatch(value.strip()):
        return None
    digits = value.strip()[1:].lower()
    return "#" + (digits if len(digits) == 6 else "".join(digit * 2 for digit in digits))
