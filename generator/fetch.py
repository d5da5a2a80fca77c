"""A live fetch: the API's rows, filtered down to a public Snapshot, in full or as an update of the last one."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from generator.config import Config
from generator.errors import SnapshotError
from generator.model import Episode, Incident, Monitor, Snapshot, StatusPage, UpdateKind
from generator.oneuptime import RawChanges, RawProject, fetch_changes, fetch_raw_project
from generator.oneuptime.rows import EPISODE_MONITORS, RawStatusPage
from generator.visibility import public_snapshot

Progress = Callable[[int, int | None], None]
Row = dict[str, Any]

SAFETY_MARGIN = timedelta(minutes=5)
"""How far before the last snapshot an incremental fetch looks for changes: covers a server
clock a little behind ours and rows written while the last fetch was running."""


def fetch_snapshot(config: Config, progress: Progress | None = None) -> Snapshot:
    """Everything public about the configured project, as of now."""
    return fetch_full(config, progress=progress).snapshot


@dataclass(frozen=True, slots=True)
class FetchResult:
    """A fetched snapshot and what it cost, for the one-line summary."""

    snapshot: Snapshot
    requests: int
    incremental: bool = False
    changed: int = 0  # incidents and episodes fetched again because they are new or changed
    gone: int = 0  # incidents and episodes of the previous snapshot that are no longer public
    fallback: str | None = None  # why a full fetch was made where an incremental one was asked for

    def summary(self) -> str:
        """E.g. "120 incidents, 9 episodes (incremental: 3 changed, 1 gone; 14 requests)"."""
        counts = f"{len(self.snapshot.incidents)} incidents, {len(self.snapshot.episodes)} episodes"
        if self.incremental:
            return f"{counts} (incremental: {self.changed} changed, {self.gone} gone; {self.requests} requests)"
        reason = f", {self.fallback}" if self.fallback else ""
        return f"{counts} (full{reason}; {self.requests} requests)"


def source_of(config: Config) -> str:
    """A short, stable name of the project a snapshot comes from: no secret, and no id in clear."""
    project_id, _ = config.require_credentials()
    page = f"\n{config.status_page}" if config.status_page else ""  # a page's snapshot is not the project's
    digest = hashlib.sha256(f"{config.url.rstrip('/')}\n{project_id}{page}".encode()).hexdigest()
    return digest[:16]


def refresh_snapshot(
    config: Config,
    previous_file: Path,
    *,
    full: bool = False,
    progress: Progress | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    now: datetime | None = None,
) -> FetchResult:
    """Update the snapshot in `previous_file` incrementally, or fetch in full when it cannot be used.

    A full fetch is made when `full` is set, when the file does not exist, and
    (saying why) when it is unreadable, of another project, or from the future.
    """
    if full or not previous_file.exists():
        return fetch_full(config, progress=progress, transport=transport, now=now)
    try:
        previous = _read_previous(previous_file)
    except SnapshotError as exc:
        reason = f"previous snapshot unreadable ({exc})"
        return replace(fetch_full(config, progress=progress, transport=transport, now=now), fallback=reason)
    taken_at = _now(now)
    if previous.source != source_of(config):
        problem = "is of another project" if previous.source else "does not record its project"
        reason = f"previous snapshot {problem}"
    elif previous.taken_at > taken_at + SAFETY_MARGIN:
        reason = "previous snapshot is from the future"
    else:
        return fetch_incremental(config, previous, progress=progress, transport=transport, now=taken_at)
    return replace(fetch_full(config, progress=progress, transport=transport, now=taken_at), fallback=reason)


def fetch_full(
    config: Config,
    *,
    progress: Progress | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    now: datetime | None = None,
) -> FetchResult:
    """Every public row of the project, fetched afresh."""
    taken_at = _now(now)
    counter = _RequestCounter(progress)
    raw = fetch_raw_project(config, transport=transport, progress=counter, now=taken_at)
    snapshot = replace(public_snapshot(raw, taken_at), source=source_of(config))
    return FetchResult(snapshot, counter.requests)


def fetch_incremental(
    config: Config,
    previous: Snapshot,
    *,
    progress: Progress | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    now: datetime | None = None,
) -> FetchResult:
    """`previous` brought up to date: what changed since it was taken, merged into what did not."""
    taken_at = _now(now)
    counter = _RequestCounter(progress)
    page = previous.status_page
    changes = fetch_changes(
        config,
        previous.taken_at - SAFETY_MARGIN,
        known_incident_ids={incident.id for incident in previous.incidents},
        known_episode_ids={episode.id for episode in previous.episodes},
        known_monitor_ids={monitor.id for monitor in previous.monitors},
        transport=transport,
        progress=counter,
        now=taken_at,
        timelines_held=charted_monitors(page) if page is not None else (),
        days_held=page.uptime_days if page is not None else None,
    )
    snapshot = replace(merge_changes(previous, changes, taken_at), source=source_of(config))
    changed = (changes.touched_incident_ids & {i.id for i in snapshot.incidents}) | (
        changes.touched_episode_ids & {e.id for e in snapshot.episodes}
    )
    gone = ({i.id for i in previous.incidents} - changes.incident_ids) | (
        {e.id for e in previous.episodes} - changes.episode_ids
    )
    return FetchResult(snapshot, counter.requests, incremental=True, changed=len(changed), gone=len(gone))


def merge_changes(previous: Snapshot, changes: RawChanges, taken_at: datetime) -> Snapshot:
    """The previous snapshot's unchanged items plus the fresh rows, judged again by visibility.

    Unchanged items go back into rows that public_snapshot turns into the same
    items, so every publishing rule (the postmortem rule at `taken_at`, private
    episode members) is applied to the merged whole, and nothing but public
    data or fresh rows can enter.
    """
    kept_incidents = [
        incident
        for incident in previous.incidents
        if incident.id in changes.incident_ids and incident.id not in changes.touched_incident_ids
    ]
    kept_episodes = [
        episode
        for episode in previous.episodes
        if episode.id in changes.episode_ids and episode.id not in changes.touched_episode_ids
    ]
    fresh = changes.fresh
    if fresh.status_page is not None:
        fresh = replace(fresh, status_page=_with_held_timelines(fresh.status_page, previous.status_page))
    monitors = changes.monitors if changes.monitors is not None else [_monitor_row(m) for m in previous.monitors]
    existing_monitors = None if changes.monitors is None else {row["_id"] for row in changes.monitors}
    raw = RawProject(
        incidents=[_incident_row(i, existing_monitors) for i in kept_incidents] + fresh.incidents,
        episodes=[_episode_row(e) for e in kept_episodes] + fresh.episodes,
        episode_members=_member_rows(kept_episodes) + fresh.episode_members,
        public_notes=_note_rows(kept_incidents) + fresh.public_notes,
        state_timelines=_timeline_rows(kept_incidents) + fresh.state_timelines,
        states=fresh.states,
        severities=fresh.severities,
        monitors=fresh.monitors + monitors,
        episode_public_notes=_episode_note_rows(kept_episodes) + fresh.episode_public_notes,
        episode_state_timelines=_episode_timeline_rows(kept_episodes) + fresh.episode_state_timelines,
        status_page=fresh.status_page,
    )
    return public_snapshot(raw, taken_at)


def charted_monitors(page: StatusPage) -> set[str]:
    """The monitors whose status rows a snapshot of the page holds: those of services with a chart or an uptime."""
    return {m for s in page.services if s.show_history_chart or s.show_uptime_percent for m in s.monitor_ids}


def _with_held_timelines(fresh: RawStatusPage, previous: StatusPage | None) -> RawStatusPage:
    """The fresh status rows, and the previous snapshot's of the monitors for which only changed rows came.

    A changed row replaces its previous version; rows that ended before the new
    window are dropped by visibility.py.
    """
    if previous is None or not fresh.changed_only:
        return fresh
    fresh_ids = {row["_id"] for row in fresh.timelines}
    held = [
        {
            "_id": p.id,
            "monitorId": p.monitor_id,
            "monitorStatusId": p.status_id,
            "startsAt": p.starts_at,
            "endsAt": p.ends_at,
        }
        for p in previous.status_periods
        if p.monitor_id in fresh.changed_only and p.id not in fresh_ids
    ]
    return replace(fresh, timelines=fresh.timelines + held, changed_only=frozenset())


def _read_previous(path: Path) -> Snapshot:
    from generator.snapshot import read_snapshot

    return read_snapshot(path)


def _now(now: datetime | None) -> datetime:
    return (now or datetime.now(tz=UTC)).replace(microsecond=0)


class _RequestCounter:
    """Passes progress on and remembers how many requests were answered."""

    def __init__(self, progress: Progress | None) -> None:
        self._progress = progress
        self.requests = 0

    def __call__(self, done: int, total: int | None) -> None:
        self.requests = done
        if self._progress is not None:
            self._progress(done, total)


# --- Public items back into rows: public_snapshot turns these into the same items ---


def _incident_row(incident: Incident, existing_monitors: set[str] | None) -> Row:
    postmortem = incident.postmortem
    monitor_ids = [m for m in incident.monitor_ids if existing_monitors is None or m in existing_monitors]
    return {
        "_id": incident.id,
        "title": incident.title,
        "description": incident.description,
        "declaredAt": incident.declared_at,
        "incidentNumber": incident.number,
        "incidentNumberWithPrefix": incident.number_label,
        "currentIncidentStateId": incident.state_id,
        "incidentSeverityId": incident.severity_id,
        "isVisibleOnStatusPage": True,
        "isPrivate": False,
        "monitors": [{"_id": monitor_id} for monitor_id in monitor_ids],
        "incidentEpisodeId": incident.episode_id,
        "showPostmortemOnStatusPage": postmortem is not None,
        "postmortemNote": postmortem.note if postmortem else None,
        "postmortemPostedAt": postmortem.posted_at if postmortem else None,
    }


def _episode_row(episode: Episode) -> Row:
    return {
        "_id": episode.id,
        "title": episode.title,
        "description": episode.description,
        "episodeNumber": episode.number,
        "episodeNumberWithPrefix": episode.number_label,
        "currentIncidentStateId": episode.state_id,
        "incidentSeverityId": episode.severity_id,
        "declaredAt": episode.declared_at,
        "resolvedAt": episode.resolved_at,
        "isVisibleOnStatusPage": True,
        "isPrivate": False,
        EPISODE_MONITORS: list(episode.monitor_ids),
    }


def _note_rows(incidents: Iterable[Incident]) -> list[Row]:
    return [
        {"_id": u.id, "incidentId": i.id, "note": u.note, "postedAt": u.at}
        for i in incidents
        for u in i.updates
        if u.kind is UpdateKind.NOTE
    ]


def _timeline_rows(incidents: Iterable[Incident]) -> list[Row]:
    return [
        {"_id": u.id, "incidentId": i.id, "incidentStateId": u.state_id, "startsAt": u.at}
        for i in incidents
        for u in i.updates
        if u.kind is UpdateKind.STATE
    ]


def _member_rows(episodes: Iterable[Episode]) -> list[Row]:
    return [
        {"_id": f"{e.id}/{incident_id}", "incidentEpisodeId": e.id, "incidentId": incident_id}
        for e in episodes
        for incident_id in e.incident_ids
    ]


def _episode_note_rows(episodes: Iterable[Episode]) -> list[Row]:
    return [
        {"_id": u.id, "incidentEpisodeId": e.id, "note": u.note, "postedAt": u.at}
        for e in episodes
        for u in e.updates
        if u.kind is UpdateKind.NOTE
    ]


def _episode_timeline_rows(episodes: Iterable[Episode]) -> list[Row]:
    return [
        {"_id": u.id, "incidentEpisodeId": e.id, "incidentStateId": u.state_id, "startsAt": u.at}
        for e in episodes
        for u in e.updates
        if u.kind is UpdateKind.STATE
    ]


def _monitor_row(monitor: Monitor) -> Row:
    return {"_id": monitor.id, "name": monitor.name}
