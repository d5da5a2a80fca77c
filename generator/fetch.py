"""A live fetch: the API's rows, filtered down to a public Snapshot, in full or as an update of the last one."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.config import Config
from generator.errors import SnapshotError
from generator.model import Snapshot, StatusPage
from generator.oneuptime import RawChanges, fetch_changes, fetch_raw_project
from generator.oneuptime.rows import RawStatusPage
from generator.visibility import public_snapshot

if TYPE_CHECKING:  # the transport is the tests' seam; only oneuptime/http.py uses httpx
    import httpx

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
    """The previous snapshot's unchanged items, as they are, joined with the fresh rows judged by visibility.

    Unchanged items stay model objects (nothing is turned back into rows, so no
    field can be lost on the way); visibility derives again only what depends on
    the whole: episode membership, and which states, severities and monitors are named.
    """
    kept = replace(
        previous,
        incidents=tuple(
            incident
            for incident in previous.incidents
            if incident.id in changes.incident_ids and incident.id not in changes.touched_incident_ids
        ),
        episodes=tuple(
            episode
            for episode in previous.episodes
            if episode.id in changes.episode_ids and episode.id not in changes.touched_episode_ids
        ),
        # Current names where the server told them; the last ones where it has no monitor resource.
        monitors=() if changes.monitors is not None else previous.monitors,
    )
    fresh = changes.fresh
    if changes.monitors is not None:
        fresh = replace(fresh, monitors=fresh.monitors + changes.monitors)
    if fresh.status_page is not None:
        fresh = replace(fresh, status_page=_with_held_timelines(fresh.status_page, previous.status_page))
    return public_snapshot(fresh, taken_at, kept=kept)


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
