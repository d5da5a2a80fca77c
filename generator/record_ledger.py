"""What a build records of each incident, for a cron run in which only a few of them changed (record_rebuild.py).

A note on one resolved incident changes its own page and feed, its episode's
page and feed, the site's and its services' feeds and the JSON API, and
nothing else of the bundled theme: the lists (months, services, the home
page) show each incident as a card, which a note does not change. For the
run to know that, and which incidents each of those outputs can show, the
build records, in the incidents' file order:
- the digest of each incident's bytes in the snapshot file (a changed record
  is found by hashing the new file's records, without decoding them);
- the digest of each incident's card (incident_card: every field a list can
  show of it) and of each episode's (episode_card);
- which incidents each of those outputs can show: the API's newest and
  ongoing ones; for the site's feed and each service's, every incident whose
  newest event can be among the newest FEED_EVENT_LIMIT (see feed_positions);
  each episode's members.
No private data: digests, positions and public ids only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from generator.build_inputs import digest_of
from generator.dates import format_datetime, parse_datetime
from generator.feeds import FEED_EVENT_LIMIT
from generator.growing import GrowingSpan
from generator.model import Snapshot
from generator.snapshot_sections import RecordSpans, span_digests
from generator.statuspage_api import RECENT_INCIDENT_LIMIT
from generator.views import EpisodeView, IncidentView, SitePlan

DIGEST_LENGTH = 32  # build_inputs.snapshot_digest's hex digits


@dataclass(frozen=True, slots=True)
class ServiceRecords:
    """What one service's feed can show: its incidents' positions that can reach it, its episodes' ids."""

    floor: str | None  # feed_floor of the service's incidents (None: each of them can reach the feed)
    feed: tuple[int, ...]
    episodes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class IncidentRecords:
    """The ledger's `records`: per incident in file order, and the positions each changing output can show."""

    digests: str  # DIGEST_LENGTH hex digits per incident: snapshot_digest of its bytes in the file
    cards: str  # and of its card (incident_card)
    newest: tuple[int, ...]  # the API's RECENT_INCIDENT_LIMIT newest incidents
    ongoing: tuple[int, ...]  # the unresolved incidents (the API and the banner show each)
    floor: str | None  # feed_floor of all the incidents
    feed: tuple[int, ...]  # the incidents that can reach the site's feed
    services: tuple[ServiceRecords, ...]  # in the plan's order (ServicesPlan.all)
    members: Mapping[str, tuple[int, ...]]  # by episode id, its members' positions
    episode_cards: Mapping[str, str]  # by episode id, episode_card

    @property
    def count(self) -> int:
        return len(self.digests) // DIGEST_LENGTH

    def digest(self, position: int) -> str:
        return self.digests[position * DIGEST_LENGTH : (position + 1) * DIGEST_LENGTH]

    def card(self, position: int) -> str:
        return self.cards[position * DIGEST_LENGTH : (position + 1) * DIGEST_LENGTH]


def incident_card(view: IncidentView) -> str:
    """A digest of all a list shows of an incident (bundled `_incident_card.html`, the month and day it falls in,
    the services and episode it belongs to), and of what names it: a note changes none of it."""
    incident = view.incident
    episode = view.episode.episode.id if view.episode is not None else None
    shown = (
        incident.id,
        incident.number,
        incident.number_label,
        incident.title,
        incident.declared_at,
        incident.monitor_ids,
        incident.episode_id,
        episode,
        *_listed(view),
    )
    return digest_of("incident-card", repr(shown))


def episode_card(view: EpisodeView) -> str:
    """A digest of all a list shows of an episode (bundled `_episode_card.html`): some of it from its members."""
    episode = view.episode
    shown = (
        episode.id,
        episode.number,
        episode.number_label,
        episode.title,
        episode.declared_at,
        tuple(member.incident.id for member in view.incidents),
        *_listed(view),
    )
    return digest_of("episode-card", repr(shown))


def _listed(view: IncidentView | EpisodeView) -> tuple[object, ...]:
    """What a card shows of an incident's or an episode's view. An ongoing duration ("ongoing for 54 min")
    counts by when it began: the clock path rewrites its text where it shows (growing_text.py)."""
    duration = view.duration
    lasting = ("ongoing since", duration.since) if isinstance(duration, GrowingSpan) else duration
    return (
        view.url,
        view.label,
        view.monitors,
        view.state,
        view.severity,
        view.impact,
        view.is_resolved,
        view.resolved_at,
        lasting,
    )


def feed_floor(views: Sequence[IncidentView]) -> datetime | None:
    """The FEED_EVENT_LIMIT-th latest declaration of these incidents; None when there are fewer.

    Each incident's declaration is one of its feed events, so at least that
    many events are at least this recent: an incident whose newest event
    (last_changed) is older than the floor cannot show in a feed of the
    newest FEED_EVENT_LIMIT events (feeds._newest_of), whatever else it holds.
    """
    if len(views) < FEED_EVENT_LIMIT:
        return None
    return sorted((view.incident.declared_at for view in views), reverse=True)[FEED_EVENT_LIMIT - 1]


def can_reach_feed(view: IncidentView, floor: datetime | None) -> bool:
    assert view.last_changed is not None  # noqa: S101 (set by site.plan_site for every view)
    return floor is None or view.last_changed >= floor


def incident_records(
    plan: SitePlan, snapshot: Snapshot, spans: RecordSpans | None, raw: bytes
) -> IncidentRecords | None:
    """The records of a build whose every incident and episode is shown once, from a mirrored status page."""
    if spans is None or len(spans) != len(snapshot.incidents) or plan.services is None:
        return None
    ids = [incident.id for incident in snapshot.incidents]
    episode_ids = [episode.id for episode in snapshot.episodes]
    if len(set(ids)) != len(plan.incidents) or len(ids) != len(plan.incidents):
        return None  # a record shown twice or not at all: positions would not name views
    if len(set(episode_ids)) != len(plan.episodes) or len(episode_ids) != len(plan.episodes):
        return None
    position = {incident_id: index for index, incident_id in enumerate(ids)}
    by_position: list[IncidentView] = [plan.incidents[0]] * len(ids)
    for view in plan.incidents:
        by_position[position[view.incident.id]] = view
    floor = feed_floor(plan.incidents)
    return IncidentRecords(
        digests="".join(span_digests(raw, spans)),
        cards="".join(incident_card(view) for view in by_position),
        newest=_positions(position, plan.incidents[:RECENT_INCIDENT_LIMIT]),
        ongoing=_positions(position, (view for view in plan.incidents if not view.is_resolved)),
        floor=_text(floor),
        feed=_positions(position, (view for view in plan.incidents if can_reach_feed(view, floor))),
        services=tuple(_service_records(position, view.incidents, view.episodes) for view in plan.services.all),
        members={view.episode.id: _positions(position, view.incidents) for view in plan.episodes},
        episode_cards={view.episode.id: episode_card(view) for view in plan.episodes},
    )


def _service_records(
    position: Mapping[str, int], incidents: Sequence[IncidentView], episodes: Sequence[EpisodeView]
) -> ServiceRecords:
    floor = feed_floor(incidents)
    feed = _positions(position, (view for view in incidents if can_reach_feed(view, floor)))
    return ServiceRecords(_text(floor), feed, tuple(view.episode.id for view in episodes))


def _positions(position: Mapping[str, int], views: Iterable[IncidentView]) -> tuple[int, ...]:
    return tuple(sorted(position[view.incident.id] for view in views))


def _text(moment: datetime | None) -> str | None:
    return format_datetime(moment) if moment is not None else None


def records_document(records: IncidentRecords) -> dict[str, Any]:
    """The records as the ledger's JSON holds them."""
    return {
        "digests": records.digests,
        "cards": records.cards,
        "newest": list(records.newest),
        "ongoing": list(records.ongoing),
        "floor": records.floor,
        "feed": list(records.feed),
        "services": [[service.floor, list(service.feed), list(service.episodes)] for service in records.services],
        "members": {key: list(value) for key, value in records.members.items()},
        "episode_cards": dict(records.episode_cards),
    }


def read_records(document: object) -> IncidentRecords | None:
    """The records from the ledger's JSON; None unless every field is of the type a build writes."""
    if not isinstance(document, dict):
        return None
    try:
        digests, cards = document["digests"], document["cards"]
        if not (_hex(digests) and _hex(cards) and len(digests) == len(cards)):
            return None
        count = len(digests) // DIGEST_LENGTH
        services = []
        for service in document["services"]:
            floor, feed, episodes = service
            if not (_moment(floor) and _places(feed, count) and _strings(episodes)):
                return None
            services.append(ServiceRecords(floor, tuple(feed), tuple(episodes)))
        members, episode_cards = document["members"], document["episode_cards"]
        if not (isinstance(members, dict) and all(_places(value, count) for value in members.values())):
            return None
        if not (isinstance(episode_cards, dict) and _strings(episode_cards.values())):
            return None
        fields = (document["newest"], document["ongoing"], document["feed"])
        if not (all(_places(value, count) for value in fields) and _moment(document["floor"])):
            return None
        return IncidentRecords(
            digests,
            cards,
            tuple(document["newest"]),
            tuple(document["ongoing"]),
            document["floor"],
            tuple(document["feed"]),
            tuple(services),
            {str(key): tuple(value) for key, value in members.items()},
            {str(key): value for key, value in episode_cards.items()},
        )
    except (KeyError, TypeError, ValueError):
        return None


def _hex(value: object) -> bool:
    return isinstance(value, str) and len(value) % DIGEST_LENGTH == 0 and value.isascii() and value.isalnum()


def _places(value: object, count: int) -> bool:
    return isinstance(value, list) and all(type(item) is int and 0 <= item < count for item in value)


def _strings(values: Iterable[object]) -> bool:
    return all(isinstance(value, str) for value in values)


def _moment(value: object) -> bool:
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    try:
        parse_datetime(value)
    except ValueError:
        return False
    return True
