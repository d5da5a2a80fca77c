"""A cron run in which a few incidents changed, but nothing a list shows of them: their own outputs remade alone.

The run with one new note on a resolved incident used to load, plan and key
all ten thousand incidents to render the sixty outputs that show them. With
the last build's records (record_ledger.py) it hashes the new file's
incident records, finds the changed ones, and decodes and plans only the
incidents the changing outputs can show: the changed ones, their episodes'
members, the API's newest and ongoing ones, and those whose newest event can
reach the site's feed or a changed incident's services' feeds. It renders:
- each changed incident's page and feed, and its episode's page and feed;
- the site's feed, the JSON API, and the feed of each service it affects;
and the clock path (clock_rebuild.py) remakes what shows the time and keeps
the rest. It is taken only when all of this holds, and answers None otherwise
(the build proper runs):
- the site is drawn by the bundled theme alone, whose lists show an incident
  by its card (record_ledger.incident_card);
- the episodes are the same bytes, the incidents as many, and at most
  MOST_CHANGED of them changed;
- each incident planned here has the card the build recorded (its id, url,
  title, state, times, services and episode: none of them changed, and the
  urls the subset gives are the whole plan's), each changed incident's
  episode too, and every changed incident and its episode is resolved (an
  ongoing one shows its latest note on the home page);
- the plan of the subset has the overall status the build had.
tests/test_record_rebuild.py compares such runs with fresh builds, byte for byte.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

import jinja2

from generator.config import SiteSettings
from generator.dates import parse_datetime
from generator.feeds import feed_outputs
from generator.growing_text import marking
from generator.i18n import Language
from generator.model import Episode, Incident, Snapshot
from generator.output import Sources, Theme
from generator.pages import page_files
from generator.record_ledger import (
    IncidentRecords,
    ServiceRecords,
    can_reach_feed,
    episode_card,
    incident_card,
)
from generator.services import ServiceView
from generator.site import ClockParts, plan_site
from generator.snapshot import SnapshotSource
from generator.snapshot_decode import decode_record
from generator.snapshot_sections import RecordSpans, record_spans
from generator.statuspage_api import api_outputs
from generator.themes import Asset
from generator.views import IncidentView, SitePlan

MOST_CHANGED = 8  # more changed incidents than this, and the build proper runs

_Item = TypeVar("_Item", Incident, Episode)


@dataclass(frozen=True, slots=True)
class RecordsRemade:
    """What the run remade of the changed incidents, and what the ledger records of them next."""

    files: dict[str, bytes]
    records: IncidentRecords
    postmortems: tuple[datetime, ...]  # the changed incidents' postmortems still to appear (clock_horizon.py)


@dataclass(frozen=True, slots=True)
class RecordInputs:
    """What the clock path has already read and planned, which the subset's plan needs too."""

    source: SnapshotSource
    rest: Snapshot  # the snapshot without incidents and episodes (clock_rebuild._rest_of_snapshot)
    settings: SiteSettings
    build_time: datetime
    language: Language
    parts: ClockParts
    environment: jinja2.Environment
    assets: Mapping[str, Asset]
    status: list[str]  # the last build's overall status: [level, label]


def remake_records(
    inputs: RecordInputs, records: IncidentRecords, digests: tuple[RecordSpans, list[str]]
) -> RecordsRemade | None:
    """The changed incidents' outputs remade from a plan of the incidents they can show; None to build whole.

    `digests`: where each incident of the new file lies, and the digest of its bytes
    (snapshot_sections.record_digests).
    """
    spans, new = digests
    if len(new) != records.count:
        return None
    changed = [position for position, digest in enumerate(new) if digest != records.digest(position)]
    if not 0 < len(changed) <= MOST_CHANGED:
        return None
    raw = inputs.source.data
    decoded = _decoded(raw, spans, changed, Incident)
    episodes = _episodes(inputs.source)
    services = inputs.parts.services
    if decoded is None or episodes is None or services is None or len(services.all) != len(records.services):
        return None
    wanted = set(changed) | set(records.newest) | set(records.ongoing) | set(records.feed)
    # By the position (ServicesPlan.all) of each service a changed incident is on, those changed incidents.
    on = {index: here for index, view in enumerate(services.all) if (here := _on_service(view, decoded))}
    touched = list(on)
    for index in touched:
        wanted.update(records.services[index].feed)
    # Every episode that lists a changed incident: its page and feed show every member's events. (An
    # incident may be listed by more than one; its view links only one of them.)
    episodes_of = {key for key, members in records.members.items() if not set(members).isdisjoint(changed)}
    for key in episodes_of:
        wanted.update(records.members[key])
    incidents = _decoded(raw, spans, sorted(wanted - set(changed)), Incident)
    if incidents is None:
        return None
    incidents.update(decoded)
    subset = dataclasses.replace(
        inputs.rest, incidents=tuple(incidents[position] for position in sorted(incidents)), episodes=episodes
    )
    plan = plan_site(subset, inputs.settings, inputs.build_time, inputs.language, inputs.parts)
    views = _checked_views(plan, incidents, records, changed, inputs.status)
    episode_urls = _checked_episodes(plan, records, episodes_of)
    if views is None or episode_urls is None:
        return None
    _link_service_episodes(plan, touched, records.services)
    files = _render(plan, inputs, [views[position].url for position in changed] + episode_urls, touched)
    if files is None:
        return None
    postmortems = tuple(
        moment
        for position in changed
        if (postmortem := decoded[position].postmortem) is not None
        and (moment := postmortem.posted_at) > inputs.build_time
    )
    return RecordsRemade(files, _renewed(records, new, views, on, changed), postmortems)


def _decoded(raw: bytes, spans: RecordSpans, positions: Iterable[int], kind: type[_Item]) -> dict[int, _Item] | None:
    """The records at these positions, each read from its own bytes as a build reads it; None if one fails."""
    decoded = {}
    for position in positions:
        start, end = spans[position]
        item = decode_record(raw[start:end], kind)
        if not isinstance(item, kind):
            return None
        decoded[position] = item
    return decoded


def _episodes(source: SnapshotSource) -> tuple[Episode, ...] | None:
    """Every episode (the array is as the last build read it, its digest says), read as a build reads each."""
    where = source.spans.get("episodes") if source.spans is not None else None
    spans = record_spans(source.data, *where) if where is not None else None
    decoded = _decoded(source.data, spans, range(len(spans)), Episode) if spans is not None else None
    return tuple(decoded.values()) if decoded is not None else None


def _on_service(service: ServiceView, changed: Mapping[int, Incident]) -> set[int]:
    """The changed incidents (by position) that are on the service (site._link_services' rule)."""
    monitors = set(service.service.monitor_ids)
    return {position for position, incident in changed.items() if monitors & set(incident.monitor_ids)}


def _checked_views(
    plan: SitePlan, incidents: Mapping[int, Incident], records: IncidentRecords, changed: list[int], status: list[str]
) -> dict[int, IncidentView] | None:
    """The subset's views by position, if each shows in a list as the build's did and the changed ones are done."""
    if [plan.status.level, plan.status.label] != status or len(plan.incidents) != len(incidents):
        return None
    position = {incident.id: place for place, incident in incidents.items()}
    if len(position) != len(incidents):
        return None
    views = {position[view.incident.id]: view for view in plan.incidents}
    if any(incident_card(view) != records.card(place) for place, view in views.items()):
        return None
    return views if all(views[place].is_resolved for place in changed) else None


def _checked_episodes(plan: SitePlan, records: IncidentRecords, wanted: set[str]) -> list[str] | None:
    """The urls of the episodes that list a changed incident, if each is resolved (an ongoing one's card quotes
    its latest note) and shows in a list as the build's did; else None."""
    urls = []
    for view in plan.episodes:
        if view.episode.id in wanted:
            if not view.is_resolved or records.episode_cards.get(view.episode.id) != episode_card(view):
                return None
            urls.append(view.url)
    return urls if len(urls) == len(wanted) else None


def _link_service_episodes(plan: SitePlan, touched: list[int], services: tuple[ServiceRecords, ...]) -> None:
    """Each touched service's episodes as the build linked them: the subset lacks most episodes' members, by
    which site._link_services finds them (the episodes did not change, nor did the members' services)."""
    if plan.services is None:
        return
    by_id = {view.episode.id: view for view in plan.episodes}
    for index in touched:
        view = plan.services.all[index]
        view.episodes = [by_id[episode] for episode in services[index].episodes if episode in by_id]


def _render(plan: SitePlan, inputs: RecordInputs, folders: list[str], touched: list[int]) -> dict[str, bytes] | None:
    """The files of the outputs that show the changed incidents: the pages and feeds in `folders` (theirs and
    their episodes'), the site's feeds, the touched services' and the API; None if one shows something that grows.
    """
    own = set(folders)
    sources = Sources(plan, inputs.settings, Theme(inputs.environment, inputs.assets))
    services = plan.services.all if plan.services is not None else []
    feeds = own | {""} | {services[index].url for index in touched}
    # The pages rendered as such: as outputs, each would first parse its templates for the names it can show.
    renders: list[Callable[[], dict[str, bytes]]] = [
        functools.partial(page_files, inputs.environment, page) for page in plan.pages if page.path in own
    ]
    renders += (output.render for output in feed_outputs(sources) if output.folder in feeds)
    renders += (output.render for output in api_outputs(sources))
    files: dict[str, bytes] = {}
    for render in renders:
        with marking() as marks:
            made = render()
        if marks.made:
            return None
        files.update(made)
    return files


def _renewed(
    records: IncidentRecords,
    digests: list[str],
    views: Mapping[int, IncidentView],
    on: Mapping[int, set[int]],
    changed: list[int],
) -> IncidentRecords:
    """The records after this run: the new file's digests, and whether each changed incident now reaches the feeds.

    `on`: by the position of each service a changed incident is on, those changed incidents.
    """
    services = list(records.services)
    for index, here in on.items():
        service = services[index]
        services[index] = dataclasses.replace(service, feed=_moved(service.feed, here, views, service.floor))
    return dataclasses.replace(
        records,
        digests="".join(digests),
        feed=_moved(records.feed, set(changed), views, records.floor),
        services=tuple(services),
    )


def _moved(
    feed: tuple[int, ...], changed: set[int], views: Mapping[int, IncidentView], floor: str | None
) -> tuple[int, ...]:
    """`feed` with each of the `changed` incidents in or out by its new newest event."""
    limit = parse_datetime(floor) if floor is not None else None
    kept = set(feed) - changed
    kept.update(place for place in changed if can_reach_feed(views[place], limit))
    return tuple(sorted(kept))
