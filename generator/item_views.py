"""Incidents and episodes as the pages show them: state, severity, duration, timeline, postmortem.

Each view is derived once here, for every output: the resolution by the state's
order, the declaration among the state changes, the postmortem only once it is
posted by the build time, an episode's members and its high-water severity.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from generator.growing import GrowingSpan, span_at
from generator.model import Episode, Incident, Severity, State, Update, UpdateKind
from generator.page_urls import id_segment, item_label
from generator.views import (
    IMPACTS,
    UNKNOWN_SEVERITY,
    UNKNOWN_STATE,
    EpisodeView,
    IncidentView,
    PublishedPostmortem,
    TimelineEntry,
)
from generator.visibility import is_posted_by


def incident_view(
    incident: Incident,
    url: str,
    states: dict[str, State],
    severities: dict[str, Severity],
    monitors: tuple[str, ...],
    build_time: datetime,
) -> IncidentView:
    state = states.get(incident.state_id, UNKNOWN_STATE)
    resolved_at = _resolved_at(incident.updates, states) if state.is_resolved else None
    # A resolved incident without a resolving state change (odd data) ends at its
    # last update: its duration must not grow with every build.
    last_seen = incident.updates[-1].at if incident.updates else incident.declared_at
    end = resolved_at or (last_seen if state.is_resolved else build_time)
    postmortem = _postmortem(incident, build_time)
    declaration = declaring_update(incident.updates, states)
    moments = [incident.declared_at, *(update.at for update in incident.updates)]
    return IncidentView(
        incident=incident,
        url=url,
        label=item_label(incident.number_label, incident.number),
        state=state,
        severity=severities.get(incident.severity_id, UNKNOWN_SEVERITY),
        is_resolved=state.is_resolved,
        resolved_at=resolved_at,
        duration=_duration(incident.declared_at, end, state.is_resolved),
        monitors=monitors,
        timeline=tuple(_timeline_entry(update, states, declaration) for update in reversed(incident.updates)),
        postmortem=postmortem,
        last_changed=max([*moments, postmortem.posted_at] if postmortem else moments),
        declaration_id=declaration,
    )


def _duration(declared_at: datetime, end: datetime, is_resolved: bool) -> timedelta:
    """How long it lasted, or for an ongoing item how long so far: a GrowingSpan, which a cron run rewrites."""
    return span_at(declared_at, end) if is_resolved else GrowingSpan(declared_at, end)


def _resolved_at(updates: tuple[Update, ...], states: dict[str, State]) -> datetime | None:
    resolved = [
        u.at for u in updates if u.kind is UpdateKind.STATE and states.get(u.state_id or "", UNKNOWN_STATE).is_resolved
    ]
    return max(resolved) if resolved else None


def declaring_update(updates: tuple[Update, ...], states: dict[str, State]) -> str | None:
    """The id of the first state change (by time, then id) when its state is a created one."""
    changes = [update for update in updates if update.kind is UpdateKind.STATE]
    first = min(changes, key=lambda update: (update.at, update.id), default=None)
    if first is None or not states.get(first.state_id or "", UNKNOWN_STATE).is_created:
        return None
    return first.id


def _timeline_entry(update: Update, states: dict[str, State], declaration: str | None) -> TimelineEntry:
    anchor = f"update-{id_segment(update.id)}"
    if update.kind is UpdateKind.STATE:
        state = states.get(update.state_id or "", UNKNOWN_STATE)
        declares = update.id == declaration
        return TimelineEntry(
            anchor, "state", update.at, state, is_resolution=state.is_resolved, is_declaration=declares
        )
    return TimelineEntry(anchor, "note", update.at, None, markdown=update.note)


def _postmortem(incident: Incident, build_time: datetime) -> PublishedPostmortem | None:
    postmortem = incident.postmortem
    if postmortem is None or not is_posted_by(postmortem, build_time):
        return None
    return PublishedPostmortem(postmortem.note, postmortem.posted_at)


def episode_view(
    episode: Episode, url: str, states: dict[str, State], severities: dict[str, Severity], build_time: datetime
) -> EpisodeView:
    state = states.get(episode.state_id, UNKNOWN_STATE)
    resolved_at = episode.resolved_at if state.is_resolved else None
    end = resolved_at or (episode.declared_at if state.is_resolved else build_time)
    declaration = declaring_update(episode.updates, states)  # once, not once per update
    return EpisodeView(
        episode=episode,
        url=url,
        label=item_label(episode.number_label, episode.number),
        state=state,
        severity=severities.get(episode.severity_id, UNKNOWN_SEVERITY),
        is_resolved=state.is_resolved,
        resolved_at=resolved_at,
        duration=_duration(episode.declared_at, end, state.is_resolved),
        timeline=tuple(
            _timeline_entry(update, states, declaration)
            for update in sorted(episode.updates, key=lambda u: (u.at, u.id), reverse=True)
        ),
    )


def link_episodes(incidents: list[IncidentView], episodes: list[EpisodeView]) -> None:
    """Attach member incidents to their episode; only ids the snapshot lists as members."""
    by_id = {view.incident.id: view for view in incidents}
    for episode in episodes:
        members = [by_id[i] for i in episode.episode.incident_ids if i in by_id]
        episode.incidents = sorted(members, key=lambda v: (v.incident.declared_at, v.incident.id))
        for member in members:
            member.episode = episode
        if members:
            # The episode is as severe as its most severe member (its high-water mark).
            worst = min((m.severity for m in members), key=lambda s: s.order)
            if worst.order < episode.severity.order:
                episode.severity = worst
            episode.monitors = tuple(dict.fromkeys(name for m in members for name in m.monitors))
        _set_latest_note(episode)


def _set_latest_note(episode: EpisodeView) -> None:
    """The episode's newest public note, its own or a visible member's: what its card quotes."""
    own = next((entry for entry in episode.timeline if entry.kind == "note"), None)
    episode.latest_note = own
    for member in episode.incidents:
        note = member.latest_note
        if note is not None and (episode.latest_note is None or note.at >= episode.latest_note.at):
            episode.latest_note, episode.latest_note_incident = note, member


def set_impacts(incidents: list[IncidentView], episodes: list[EpisodeView], severities: Iterable[Severity]) -> None:
    """Rank each severity among the project's: the colour a card or badge gets."""
    ranks = {order: rank for rank, order in enumerate(sorted({s.order for s in severities}))}
    views: list[IncidentView | EpisodeView] = [*incidents, *episodes]
    for view in views:
        rank = ranks.get(view.severity.order, len(IMPACTS))
        view.impact = IMPACTS[rank] if rank < len(IMPACTS) else "minor"
