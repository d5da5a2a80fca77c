"""A project's rows assembled from its listings: a full fetch, and the incremental fetch of what changed.

What may be published is visibility.py's decision; the rows it rejects are
dropped here as they arrive, so that rows hanging off them are never asked for.
"""

from __future__ import annotations

from collections.abc import Coroutine, Mapping, Sequence
from datetime import datetime
from typing import Any

from generator.oneuptime.paging import Pager, both, gather
from generator.oneuptime.refusals import PermissionMissing, ResourceMissing
from generator.oneuptime.rows import (
    EPISODE_KEY_SELECT,
    EPISODE_MEMBER_SELECT,
    EPISODE_MONITORS,
    EPISODE_PUBLIC_NOTE_SELECT,
    EPISODE_SELECT,
    EPISODE_STATE_TIMELINE_SELECT,
    INCIDENT_KEY_SELECT,
    INCIDENT_MONITORS_SELECT,
    INCIDENT_SELECT,
    LISTING_SELECT,
    MONITOR_SELECT,
    PUBLIC_NOTE_SELECT,
    SCOPED_INCIDENT_SELECT,
    SCOPED_LISTING_SELECT,
    SEVERITY_SELECT,
    STATE_SELECT,
    STATE_TIMELINE_SELECT,
    VISIBLE_QUERY,
    RawChanges,
    RawProject,
    RawStatusPage,
    Row,
    Select,
)
from generator.oneuptime.status_page import PageScope, fetch_status_page
from generator.oneuptime.wire import belonging, belongs, keys, wire_instant
from generator.status_page_visibility import incident_on_page, page_monitor_ids
from generator.visibility import is_published_row, without_unpublished_postmortem


async def fetch_project(pager: Pager, scope: PageScope | None = None) -> RawProject:
    """Every public row of the project, or with `scope` of one status page: visible incidents and
    episodes first, then what hangs off them."""
    page = None
    incident_select, incident_query = INCIDENT_SELECT, VISIBLE_QUERY
    on_page: set[str] = set()
    if scope is not None:
        page = await fetch_status_page(pager, scope)
        on_page = page_monitor_ids(page.resources, page.group_members)
        incident_select, incident_query = SCOPED_INCIDENT_SELECT, on_monitors(VISIBLE_QUERY, on_page)
    incidents, episodes, states, severities = await gather(
        [
            # A page without monitors shows no incident (StatusPageAPI.ts): nothing to ask for.
            pager.listing("incident", incident_select, incident_query) if page is None or on_page else nothing(),
            pager.optional(pager.listing("incident-episode", EPISODE_SELECT, VISIBLE_QUERY)),
            pager.listing("incident-state", STATE_SELECT, {}),
            pager.listing("incident-severity", SEVERITY_SELECT, {}),
        ]
    )
    incidents = [without_unpublished_postmortem(row) for row in incidents if is_published_row(row)]
    episodes = [row for row in episodes if is_published_row(row)]
    members = None
    if page is not None:
        incidents = [row for row in incidents if incident_on_page(row, on_page)]
        episodes, members = await episodes_on_page(pager, episodes, incidents, on_page)
    incident_ids = {row["_id"] for row in incidents}
    episode_ids = {row["_id"] for row in episodes}
    for row in incidents:
        # A link to an episode that is not published would lead nowhere.
        if not belongs(row, "incidentEpisodeId", episode_ids):
            row["incidentEpisodeId"] = None
    notes, timelines, members, episode_notes, episode_timelines = await _related(
        pager, incident_ids, episode_ids, members
    )
    return RawProject(
        incidents=incidents,
        episodes=episodes,
        episode_members=[
            row
            for row in belonging(members, "incidentEpisodeId", episode_ids)
            if belongs(row, "incidentId", incident_ids)
        ],
        public_notes=belonging(notes, "incidentId", incident_ids),
        state_timelines=belonging(timelines, "incidentId", incident_ids),
        states=states,
        severities=severities,
        monitors=distinct_monitors(incidents) if page is None else [],
        episode_public_notes=belonging(episode_notes, "incidentEpisodeId", episode_ids),
        episode_state_timelines=belonging(episode_timelines, "incidentEpisodeId", episode_ids),
        status_page=page,
    )


def on_monitors(query: Mapping[str, Any], monitor_ids: set[str]) -> dict[str, Any]:
    """`query` narrowed to rows with one of these monitors (an EntityArray Includes, QueryUtil.ts)."""
    return {**query, "monitors": {"_type": "Includes", "value": sorted(monitor_ids)}}


async def nothing() -> list[Row]:
    return []


async def episodes_on_page(
    pager: Pager, episodes: list[Row], incidents: list[Row], on_page: set[str]
) -> tuple[list[Row], list[Row]]:
    """The episodes a status page shows, and the member rows of the visible episodes.

    OneUptime's rule (StatusPageAPI.ts, getEpisodes): an episode with a member
    incident on one of the page's monitors, the member visible or not.
    """
    episode_ids = {row["_id"] for row in episodes}
    members = await pager.optional(
        pager.listing_by_ids("incident-episode-member", EPISODE_MEMBER_SELECT, "incidentEpisodeId", episode_ids)
    )
    members = belonging(members, "incidentEpisodeId", episode_ids)
    await with_member_monitors(pager, episodes, members, {row["_id"]: monitor_ids_of(row) for row in incidents})
    return [row for row in episodes if set(row[EPISODE_MONITORS]) & on_page], members


async def with_member_monitors(
    pager: Pager, episodes: list[Row], members: list[Row], known: dict[str, set[str]]
) -> dict[str, set[str]]:
    """Put on each episode's row (EPISODE_MONITORS) the monitors of all its member incidents, visible or not,
    so that the rule can be applied again to a stored snapshot. Monitors of members not in `known`
    (incident id -> monitor ids) are asked for: ids only. Returns every member's monitors."""
    missing = keys(members, "incidentId") - set(known)
    others = await pager.listing_by_ids("incident", INCIDENT_MONITORS_SELECT, "_id", missing)
    monitors_of = {**known, **{row["_id"]: monitor_ids_of(row) for row in others}}
    by_episode: dict[object, set[str]] = {}
    for member in members:
        incident_id = member.get("incidentId")
        if isinstance(incident_id, str):
            by_episode.setdefault(member.get("incidentEpisodeId"), set()).update(monitors_of.get(incident_id, ()))
    for episode in episodes:
        episode[EPISODE_MONITORS] = sorted(by_episode.get(episode["_id"], ()))
    return monitors_of


def monitor_ids_of(row: Row) -> set[str]:
    """The ids of an incident's monitors."""
    return keys([m for m in row.get("monitors") or [] if isinstance(m, dict)], "_id")


async def fetch_changes_since(
    pager: Pager,
    since: datetime,
    known_incidents: set[str],
    known_episodes: set[str],
    known_monitors: set[str],
    scope: PageScope | None = None,
) -> RawChanges:
    """The incremental fetch: id listings and changed-row keys first, then the touched items in full.

    With `scope`, of one status page: the page's rows are read again (a few
    requests), its timelines only where rows changed, and incidents and
    episodes by the page's monitors and membership rule.
    """
    page, on_page = None, set()
    incident_select, listed_query, listing_select = INCIDENT_SELECT, VISIBLE_QUERY, LISTING_SELECT
    if scope is not None:
        page = await fetch_status_page(pager, scope, since)
        on_page = page_monitor_ids(page.resources, page.group_members)
        incident_select, listed_query = SCOPED_INCIDENT_SELECT, on_monitors(VISIBLE_QUERY, on_page)
        listing_select = SCOPED_LISTING_SELECT
        known_monitors = set()  # a page's monitors are never named

    def incidents(select: Select, query: Mapping[str, Any]) -> Coroutine[Any, Any, list[Row]]:
        # A page without monitors shows no incident (StatusPageAPI.ts): nothing to ask for.
        return pager.listing("incident", select, query) if page is None or on_page else nothing()

    after = {"updatedAt": {"_type": "GreaterThan", "value": wire_instant(since)}}
    posted = {"postmortemPostedAt": {"_type": "GreaterThan", "value": wire_instant(since)}}
    listed, listed_episodes, changed, newly_posted, changed_episodes, *changed_keys, states, severities = await gather(
        [
            incidents(listing_select, listed_query),
            pager.optional(pager.listing("incident-episode", LISTING_SELECT, VISIBLE_QUERY)),
            incidents(incident_select, {**listed_query, **after}),
            # A postmortem posted for a time that was still ahead at the last fetch is
            # public now, although its row did not change.
            incidents(incident_select, {**listed_query, **posted}),
            pager.optional(pager.listing("incident-episode", EPISODE_SELECT, {**VISIBLE_QUERY, **after})),
            pager.listing("incident-public-note", INCIDENT_KEY_SELECT, after),
            pager.listing("incident-state-timeline", INCIDENT_KEY_SELECT, after),
            pager.optional(pager.listing("incident-episode-member", EPISODE_KEY_SELECT, after)),
            pager.optional(pager.listing("incident-episode-public-note", EPISODE_KEY_SELECT, after)),
            pager.optional(pager.listing("incident-episode-state-timeline", EPISODE_KEY_SELECT, after)),
            pager.listing("incident-state", STATE_SELECT, {}),
            pager.listing("incident-severity", SEVERITY_SELECT, {}),
        ]
    )
    incident_ids = {row["_id"] for row in listed if is_published_row(row) and _on(row, page, on_page)}
    episode_ids = {row["_id"] for row in listed_episodes if is_published_row(row)}
    incidents_by_id = {
        row["_id"]: row for row in [*changed, *newly_posted] if is_published_row(row) and _on(row, page, on_page)
    }
    episodes = {row["_id"]: row for row in changed_episodes if is_published_row(row)}
    note_keys, timeline_keys, *episode_keys = changed_keys
    # Touched: new, changed, or with a changed row hanging off it. Those are fetched
    # again in full, with all their rows, so that a deleted note of theirs is seen too.
    touched = set(incidents_by_id) | (incident_ids - known_incidents) | keys(note_keys + timeline_keys, "incidentId")
    touched &= incident_ids
    new_episodes = episode_ids - known_episodes
    monitors_of: dict[str, set[str]] = {}
    if page is not None:
        # Visible episodes of other pages are new on every run: judged by their members before being fetched.
        new_episodes, monitors_of = await _episodes_on(pager, new_episodes, on_page)
    touched_episodes = set(episodes) | new_episodes
    touched_episodes |= keys([row for rows in episode_keys for row in rows], "incidentEpisodeId")
    touched_episodes &= episode_ids
    (more, more_episodes), related, monitors = await _touched_rows(
        pager,
        touched - set(incidents_by_id),
        touched_episodes - set(episodes),
        touched,
        touched_episodes,
        known_monitors,
        incident_select,
    )
    notes, timelines, members, episode_notes, episode_timelines = related
    incidents_by_id.update((row["_id"], row) for row in more if is_published_row(row))
    episodes.update((row["_id"], row) for row in more_episodes if is_published_row(row))
    fresh_incidents = [
        without_unpublished_postmortem(incidents_by_id[key]) for key in sorted(touched & set(incidents_by_id))
    ]
    fresh_episodes = [episodes[key] for key in sorted(touched_episodes & set(episodes))]
    fresh_members = belonging(members, "incidentEpisodeId", touched_episodes)
    if page is not None:
        known = {**monitors_of, **{row["_id"]: monitor_ids_of(row) for row in fresh_incidents}}
        await with_member_monitors(pager, fresh_episodes, fresh_members, known)
    return RawChanges(
        incident_ids=frozenset(incident_ids),
        episode_ids=frozenset(episode_ids),
        touched_incident_ids=frozenset(touched),
        touched_episode_ids=frozenset(touched_episodes),
        fresh=RawProject(
            incidents=fresh_incidents,
            episodes=fresh_episodes,
            episode_members=fresh_members,
            public_notes=belonging(notes, "incidentId", touched),
            state_timelines=belonging(timelines, "incidentId", touched),
            states=states,
            severities=severities,
            monitors=distinct_monitors(fresh_incidents) if page is None else [],
            episode_public_notes=belonging(episode_notes, "incidentEpisodeId", touched_episodes),
            episode_state_timelines=belonging(episode_timelines, "incidentEpisodeId", touched_episodes),
            status_page=page,
        ),
        monitors=None if monitors is None or page is not None else belonging(monitors, "_id", known_monitors),
    )


def _on(row: Row, page: RawStatusPage | None, on_page: set[str]) -> bool:
    return page is None or incident_on_page(row, on_page)


async def _episodes_on(pager: Pager, episode_ids: set[str], on_page: set[str]) -> tuple[set[str], dict[str, set[str]]]:
    """Of these episodes, those with a member incident on the page; and the monitors of their members."""
    members = await pager.optional(
        pager.listing_by_ids("incident-episode-member", EPISODE_MEMBER_SELECT, "incidentEpisodeId", episode_ids)
    )
    members = belonging(members, "incidentEpisodeId", episode_ids)
    rows = [{"_id": episode_id} for episode_id in episode_ids]
    monitors_of = await with_member_monitors(pager, rows, members, {})
    return {row["_id"] for row in rows if set(row[EPISODE_MONITORS]) & on_page}, monitors_of


async def _touched_rows(
    pager: Pager,
    incident_ids: set[str],
    episode_ids: set[str],
    touched: set[str],
    touched_episodes: set[str],
    known_monitors: set[str],
    incident_select: Select = INCIDENT_SELECT,
) -> tuple[list[list[Row]], list[list[Row]], list[Row] | None]:
    """The full rows of touched items not yet fetched, all rows hanging off touched items, and monitor names."""
    items = gather(
        [
            pager.listing_by_ids("incident", incident_select, "_id", incident_ids, VISIBLE_QUERY),
            pager.optional(pager.listing_by_ids("incident-episode", EPISODE_SELECT, "_id", episode_ids, VISIBLE_QUERY)),
        ]
    )
    (found, related), monitors = await both(
        both(items, _related(pager, touched, touched_episodes)), _monitors(pager, known_monitors)
    )
    return found, related, monitors


async def _related(
    pager: Pager, incident_ids: set[str], episode_ids: set[str], members: list[Row] | None = None
) -> list[list[Row]]:
    """The rows that hang off these incidents and episodes, asked for by their ids (the episodes'
    members only when not given).

    Progress counts this second phase as one unplanned listing from the start; it is taken
    back here, as the listings below count themselves before their first await.
    """
    member_listing = (
        pager.optional(
            pager.listing_by_ids("incident-episode-member", EPISODE_MEMBER_SELECT, "incidentEpisodeId", episode_ids)
        )
        if members is None
        else given(members)
    )
    lists = [
        pager.listing_by_ids("incident-public-note", PUBLIC_NOTE_SELECT, "incidentId", incident_ids),
        pager.listing_by_ids("incident-state-timeline", STATE_TIMELINE_SELECT, "incidentId", incident_ids),
        member_listing,
        pager.optional(
            pager.listing_by_ids(
                "incident-episode-public-note", EPISODE_PUBLIC_NOTE_SELECT, "incidentEpisodeId", episode_ids
            )
        ),
        pager.optional(
            pager.listing_by_ids(
                "incident-episode-state-timeline", EPISODE_STATE_TIMELINE_SELECT, "incidentEpisodeId", episode_ids
            )
        ),
    ]
    pager.progress.unplanned -= 1
    return await gather(lists)


async def given(rows: list[Row]) -> list[Row]:
    return rows


async def _monitors(pager: Pager, ids: set[str]) -> list[Row] | None:
    """Current names of these monitors; None where the server has no monitor resource or the key may not read it.

    An IncidentViewer key (10.4.0) reads incidents but not monitors: the names
    then come from the incidents' own rows, as in a full fetch.
    """
    try:
        return await pager.listing_by_ids("monitor", MONITOR_SELECT, "_id", ids)
    except (ResourceMissing, PermissionMissing):
        return None


def distinct_monitors(incidents: Sequence[Row]) -> list[Row]:
    """Each monitor named by these incidents' nested monitor rows, once, by id."""
    monitors: dict[str, Row] = {}
    for incident in incidents:
        for monitor in incident.get("monitors") or []:
            monitor_id = monitor.get("_id") if isinstance(monitor, dict) else None
            if isinstance(monitor_id, str) and monitor_id not in monitors:
                monitors[monitor_id] = {"_id": monitor_id, "name": monitor.get("name")}
    return [monitors[key] for key in sorted(monitors)]
