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

from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from generator.dates import parse_datetime
from generator.model import (
    Episode,
    Incident,
    Monitor,
    Postmortem,
    Severity,
    Snapshot,
    State,
    Update,
    UpdateKind,
)
from generator.notices import named, warn
from generator.oneuptime.rows import EPISODE_MONITORS
from generator.status_page_visibility import episode_on, incident_on, status_page_model
from generator.text import clean_name
from generator.wire_values import (
    dict_rows,
    ids_among,
    ignore_odd,
    is_odd,
    item_number,
    left_out,
    optional_date,
    optional_int,
    text_of,
    unique_rows,
)

if TYPE_CHECKING:  # the client asks this module's predicates, so it is imported here only for types
    from generator.oneuptime.rows import RawProject

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
    status_page = status_page_model(raw.status_page) if raw.status_page is not None else None
    on_page = None if status_page is None else {m for service in status_page.services for m in service.monitor_ids}
    kept = _kept_on_page(kept or Snapshot(taken_at=taken_at), on_page)
    kept_incident_ids = {incident.id for incident in kept.incidents}
    kept_episode_ids = {episode.id for episode in kept.episodes}
    incident_rows = unique_rows(
        row
        for row in raw.incidents
        if is_published_row(row) and incident_on(row, on_page) and text_of(row.get("_id")) not in kept_incident_ids
    )
    episode_rows = unique_rows(
        row
        for row in raw.episodes
        if is_published_row(row) and episode_on(row, on_page) and text_of(row.get("_id")) not in kept_episode_ids
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
    return Snapshot(
        taken_at=taken_at,
        states=_project_states(raw.states, incidents, episodes),
        severities=_project_severities(raw.severities, incidents, episodes),
        monitors=_referenced_monitors(monitors, incidents) if status_page is None else (),
        incidents=tuple(incidents),
        episodes=tuple(episodes),
        status_page=status_page,
    )


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
        monitor_ids=tuple(sorted(ids_among(row.get(EPISODE_MONITORS)))),
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
    unique = unique_rows(rows)
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
        for row in unique_rows(rows)
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
        for row in unique_rows(rows)
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
