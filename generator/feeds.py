"""RSS 2.0 and Atom feeds with feedgen: one entry per event, with ids that never change.

An event is a new incident, a public note, a change of state (a resolution
among them), a published postmortem, or an episode's own public note. Each entry's id is derived only from
the incident's and the update's ids, so a subscriber's reader never sees an
entry twice, and every date comes from the data, so a feed whose incidents did
not change is byte-identical from one build to the next.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import heapq
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from feedgen.feed import FeedGenerator

from generator import feed_titles
from generator.i18n import ENGLISH, Language
from generator.maintenance_views import AnnouncementView, MaintenanceView
from generator.output import Output, Sources
from generator.restamp import CANNOT, FEED, Restamp
from generator.services import ServiceView
from generator.text import clean_text
from generator.views import ATOM_NAME as ATOM_PATH
from generator.views import RSS_NAME as RSS_PATH
from generator.views import EpisodeView, IncidentView, PublishedPostmortem, SitePlan, TimelineEntry, render_markdown_of

FEED_EVENT_LIMIT = 50
FEED_FILES = ((RSS_PATH, "application/rss+xml"), (ATOM_PATH, "application/atom+xml"))
# An incident's or episode's own feed is Atom only: one format is enough to
# follow one outage, and ten thousand incidents then add ten thousand files, not twenty.
PAGE_FEED_FILES = ((ATOM_PATH, "application/atom+xml"),)


@dataclass(frozen=True, slots=True)
class FeedEvent:
    """One thing that happened to an incident, as a subscriber hears of it.

    Its HTML is made only when a feed is written, so events of incidents whose
    feeds are reused unchanged cost no Markdown rendering.
    """

    key: str  # stable and unique: the source of the entry id
    title: str
    at: datetime
    content: Callable[[], str]
    url: str  # relative to the site root, with the anchor of the update

    @property
    def html(self) -> str:
        return self.content()


def incident_events(view: IncidentView, words: Language = ENGLISH) -> list[FeedEvent]:
    """The incident's events: declared, each note and state change, its postmortem; titled in `words`."""
    incident = view.incident
    title = f"{view.label} {incident.title}".strip()
    declared = feed_titles.declared_title(words, title, view.severity.name, view.monitors)
    html = functools.partial(_declared_html, view, words)
    events = [FeedEvent(f"incident/{incident.id}", declared, incident.declared_at, html, view.url)]
    events += _timeline_events(f"incident/{incident.id}", title, view.url, view.timeline, words)
    postmortem = view.postmortem
    if postmortem is not None:
        key, url = f"incident/{incident.id}/postmortem", f"{view.url}#postmortem"
        titled = feed_titles.postmortem_title(words, title)
        events.append(FeedEvent(key, titled, postmortem.posted_at, _html_of(postmortem), url))
    return events


def episode_events(view: EpisodeView, words: Language = ENGLISH) -> list[FeedEvent]:
    """The episode's own public notes and state changes; its members' events are their own.

    Read from the episode's timeline in the plan, so a note renders exactly as
    on the episode page.
    """
    title = f"{view.label} {view.episode.title}".strip()
    return _timeline_events(f"episode/{view.episode.id}", title, view.url, view.timeline, words)


def _timeline_events(
    key: str, title: str, page_url: str, timeline: tuple[TimelineEntry, ...], words: Language
) -> list[FeedEvent]:
    """A feed event for each note and each state change but the one that only records the declaration."""
    events = []
    for entry in timeline:
        entry_key, url = f"{key}/{entry.anchor}", f"{page_url}#{entry.anchor}"
        if entry.kind == "state" and entry.state is not None and not entry.is_declaration:
            html = feed_titles.state_change_html(words, entry.state.name)
            titled = feed_titles.state_title(words, title, entry.state.name, entry.is_resolution)
            events.append(FeedEvent(entry_key, titled, entry.at, functools.partial(str, html), url))
        elif entry.kind == "note":
            titled = feed_titles.update_title(words, title)
            events.append(FeedEvent(entry_key, titled, entry.at, _html_of(entry), url))
    return events


def maintenance_events(view: MaintenanceView, words: Language = ENGLISH) -> list[FeedEvent]:
    """A maintenance event's news: scheduled, started, each public note, completed (or ended) or cancelled."""
    event = view.maintenance
    key, title = f"maintenance/{event.id}", f"{view.label} {event.title}".strip()
    scheduled_at = min([event.created_at or event.starts_at, *(entry.at for entry in view.timeline)])
    scheduled_title = feed_titles.maintenance_scheduled_title(words, title)
    html = functools.partial(_scheduled_html, view, words)
    events = [FeedEvent(key, scheduled_title, scheduled_at, html, view.url)]
    for entry in view.timeline:
        entry_key, url = f"{key}/{entry.anchor}", f"{view.url}#{entry.anchor}"
        if entry.kind == "note":
            events.append(FeedEvent(entry_key, feed_titles.update_title(words, title), entry.at, _html_of(entry), url))
        elif entry.anchor in view.change_words and not entry.is_declaration:
            change = view.change_words[entry.anchor]
            titled = feed_titles.maintenance_change_title(words, title, change)
            said = feed_titles.maintenance_change_html(words, change)
            events.append(FeedEvent(entry_key, titled, entry.at, functools.partial(str, said), url))
    return events


def announcement_events(view: AnnouncementView, words: Language = ENGLISH) -> list[FeedEvent]:
    """A new announcement, when it is first shown."""
    announcement = view.announcement
    title = feed_titles.announcement_title(words, announcement.title)
    key = f"announcement/{announcement.id}"
    return [FeedEvent(key, title, announcement.show_at, lambda: view.description_html, view.url)]


def _scheduled_html(view: MaintenanceView, words: Language) -> str:
    return feed_titles.maintenance_scheduled_html(words, view.maintenance, view.services) + view.description_html


def _declared_html(view: IncidentView, words: Language) -> str:
    return view.description_html or feed_titles.declared_html(words)


def _html_of(source: TimelineEntry | PublishedPostmortem) -> Callable[[], str]:
    return lambda: source.html


def latest_events(plan: SitePlan, limit: int = FEED_EVENT_LIMIT) -> list[FeedEvent]:
    """The newest `limit` events of the whole site, newest first, ties broken by key."""
    others: list[list[FeedEvent]] = [episode_events(episode, plan.language) for episode in plan.episodes]
    if plan.maintenance is not None:
        others += (maintenance_events(event, plan.language) for event in plan.maintenance.events)
        others += (announcement_events(announcement, plan.language) for announcement in plan.maintenance.announcements)
    return _newest_of(others, plan.incidents, plan.language, limit)


def _newest_of(
    others: Iterable[list[FeedEvent]], incidents: Iterable[IncidentView], words: Language, limit: int
) -> list[FeedEvent]:
    """The newest `limit` of the `others` and of the incidents' events, newest first, ties broken by key.

    Incidents are visited by the time of their newest possible event, and
    the visit stops at the first one that cannot beat the events found so
    far: a feed of the newest fifty looks at a few incidents, not at all
    ten thousand.
    """
    newest: list[tuple[datetime, str, FeedEvent]] = []  # a min-heap of the best `limit` so far

    def offer(events: Iterable[FeedEvent]) -> None:
        for event in events:
            item = (event.at, event.key, event)  # keys are unique: the event itself is never compared
            if len(newest) < limit:
                heapq.heappush(newest, item)
            elif item[:2] > newest[0][:2]:
                heapq.heapreplace(newest, item)

    for events in others:
        offer(events)
    for bound, view in sorted(((_last_changed(view), view) for view in incidents), key=_first, reverse=True):
        if len(newest) == limit and bound < newest[0][0]:
            break
        offer(incident_events(view, words))
    return sorted((event for _, _, event in newest), key=_order, reverse=True)


def _last_changed(view: IncidentView) -> datetime:
    """No event of the incident is later than this (the plan derives it once, for the JSON too)."""
    assert view.last_changed is not None  # noqa: S101 (set by site.plan_site for every view)
    return view.last_changed


def _first(pair: tuple[datetime, IncidentView]) -> datetime:
    return pair[0]


def feed_outputs(sources: Sources) -> list[Output]:
    """The site-wide feed pair, and a feed per incident, episode and service, each renderable on its own.

    Feeds need absolute links, so a site without a base_url has none. Events
    are gathered by the output that renders them, in a worker, so planning the
    feeds of ten thousand incidents costs the main process next to nothing;
    their HTML is made only when a feed is rendered.
    """
    plan, settings = sources.plan, sources.settings
    base_url = settings.base_url
    if not base_url:
        return []
    words, tag, title = plan.language, plan.language.tag, settings.title
    site = Channel("", title, feed_titles.site_subtitle(words, title), title, tag)
    site_feed = _output(site, functools.partial(latest_events, plan), plan.build_time, base_url, inputs=None)
    # Every incident has an event (its declaration), so only a site without incidents may date its feed by the build.
    outputs = [site_feed if plan.incidents else dataclasses.replace(site_feed, restamp=CANNOT)]
    for view in plan.incidents:
        name = view.incident.title
        channel = Channel(view.url, f"{name} · {title}", feed_titles.item_subtitle(words, name), title, tag)
        events = functools.partial(_incident_feed_events, view, words)
        markdown = functools.partial(render_markdown_of, view)
        outputs.append(_output(channel, events, plan.build_time, base_url, inputs=view, markdown=markdown))
    for episode in plan.episodes:
        name = episode.episode.title
        channel = Channel(episode.url, f"{name} · {title}", feed_titles.item_subtitle(words, name), title, tag)
        has_events = bool(episode.incidents) or bool(episode_events(episode, words))
        events = functools.partial(_episode_feed_events, episode, words)
        markdown = functools.partial(render_markdown_of, episode, *episode.incidents)
        outputs.append(_output(channel, events, plan.build_time, base_url, episode, has_events, markdown))
    for event in plan.maintenance.events if plan.maintenance is not None else ():
        name = event.maintenance.title
        channel = Channel(event.url, f"{name} · {title}", feed_titles.item_subtitle(words, name), title, tag)
        # A feed never says "in 28 days": made and keyed without it, it is kept while the event stands.
        lasting = dataclasses.replace(event, starts_in=None)
        events = functools.partial(_maintenance_feed_events, lasting, words)
        outputs.append(_output(channel, events, plan.build_time, base_url, inputs=lasting, has_events=True))
    for service in plan.services.all if plan.services is not None else ():
        name = service.service.name
        channel = Channel(service.url, f"{name} · {title}", feed_titles.service_subtitle(words, name), title, tag)
        has_events = bool(service.incidents) or any(episode_events(episode, words) for episode in service.episodes)
        events = functools.partial(_service_feed_events, service, words)
        # Keyed by what the feed holds, not by the service's uptime, which moves with every build.
        inputs = (name, tuple(service.incidents), tuple(service.episodes))
        outputs.append(_output(channel, events, plan.build_time, base_url, inputs=inputs, has_events=has_events))
    return outputs


def _service_feed_events(view: ServiceView, words: Language) -> list[FeedEvent]:
    """The newest events of the incidents and episodes that affected a service."""
    episodes = (episode_events(episode, words) for episode in view.episodes)
    return _newest_of(episodes, view.incidents, words, FEED_EVENT_LIMIT)


def _maintenance_feed_events(view: MaintenanceView, words: Language) -> list[FeedEvent]:
    return _newest([maintenance_events(view, words)])


def _incident_feed_events(view: IncidentView, words: Language) -> list[FeedEvent]:
    return _newest([incident_events(view, words)])


def _episode_feed_events(view: EpisodeView, words: Language) -> list[FeedEvent]:
    """The episode's own notes and every event of its visible members."""
    return _newest([*(incident_events(member, words) for member in view.incidents), episode_events(view, words)])


def _output(
    channel: Channel,
    events: Callable[[], list[FeedEvent]],
    build_time: datetime,
    base_url: str,
    inputs: object | None,
    has_events: bool = True,
    markdown: Callable[[], int | None] | None = None,
) -> Output:
    """The site's feed pair (rendered every build), or a page's own Atom feed (keyed by the view it comes from).

    `markdown` renders ahead the Markdown the feed shows (Output.markdown).
    """
    # The build time shows only in a feed without events (as its date).
    key_inputs = None if inputs is None else ("feed", channel, base_url, inputs, None if has_events else build_time)
    formats = FEED_FILES if inputs is None else PAGE_FEED_FILES
    paths = tuple(channel.folder + name for name, _ in formats)
    render = functools.partial(_render_feeds, channel, events, build_time, base_url, formats)
    return Output(paths, key_inputs, render, channel.folder, _restamp(channel, inputs, has_events), markdown)


def _restamp(channel: Channel, inputs: object | None, has_events: bool) -> Restamp | None:
    """A page's feed without events is dated by the build, and remade from its channel alone (restamp.py).

    The site's feed (no inputs) is told by the caller: it has events whenever the site has incidents.
    """
    if has_events or inputs is None:
        return None
    return Restamp(FEED, channel.folder, channel=dataclasses.astuple(channel))


def restamped_feed(channel: tuple[str, ...], build_time: datetime, base_url: str) -> dict[str, bytes]:
    """An empty page feed at `build_time`: exactly what its output renders, since it has no events to gather."""
    return _feed_pair(Channel(*channel), [], build_time, base_url, PAGE_FEED_FILES)


def _render_feeds(
    channel: Channel,
    events: Callable[[], list[FeedEvent]],
    build_time: datetime,
    base_url: str,
    formats: tuple[tuple[str, str], ...],
) -> dict[str, bytes]:
    return _feed_pair(channel, events(), build_time, base_url, formats)


@dataclass(frozen=True, slots=True)
class Channel:
    """What a feed is about: its page's folder ("" for the home page), title and publisher."""

    folder: str
    title: str
    subtitle: str
    publisher: str
    language: str = "en"  # a BCP 47 tag, as <html lang>


def _newest(groups: Iterable[list[FeedEvent]]) -> list[FeedEvent]:
    """Events newest first, ties broken by key."""
    return sorted((event for group in groups for event in group), key=_order, reverse=True)


def _order(event: FeedEvent) -> tuple[datetime, str]:
    return (event.at, event.key)


def _feed_pair(
    channel: Channel,
    events: list[FeedEvent],
    build_time: datetime,
    base_url: str,
    formats: tuple[tuple[str, str], ...] = FEED_FILES,
) -> dict[str, bytes]:
    """The feed files for one page, from one feedgen object (only the self link differs)."""
    page_url = f"{base_url}/{channel.folder}"
    # A feed changed when its newest event happened, not when we last built it:
    # an unchanged incident's feed stays byte-identical, and syncing skips it.
    updated = events[0].at if events else build_time
    feed = _feed(channel, page_url, updated, events, base_url, rss=any(name == RSS_PATH for name, _ in formats))
    files = {}
    for name, media_type in formats:
        # feedgen takes the RSS <link> from the last link given: the page, after the self link.
        feed.link(
            [{"href": page_url + name, "rel": "self", "type": media_type}, {"href": page_url, "rel": "alternate"}],
            replace=True,
        )
        files[channel.folder + name] = feed.rss_str(pretty=True) if name == RSS_PATH else feed.atom_str(pretty=True)
    return files


def _feed(
    channel: Channel, page_url: str, updated: datetime, events: list[FeedEvent], base_url: str, rss: bool
) -> FeedGenerator:
    """The feed of `events`; each entry's RSS guid only when an RSS file is made (`rss`): Atom has its id."""
    feed = FeedGenerator()
    feed.id(entry_id(page_url))
    feed.title(clean_text(channel.title))
    feed.subtitle(clean_text(channel.subtitle))
    # RFC 4287 wants an author for every entry; the feed's stands for all of them.
    feed.author(name=clean_text(channel.publisher))
    feed.language(channel.language)
    feed.generator("statusgen")
    # feedgen would stamp "now"; a date from the data keeps the output reproducible.
    feed.updated(updated)
    for event in reversed(events):  # feedgen prepends: add oldest first to list newest first
        entry = feed.add_entry()
        event_id = entry_id(event.key)
        entry.id(event_id)
        if rss:  # (a setter call per entry of ten thousand Atom-only feeds: 4% of their time)
            entry.guid(event_id, permalink=False)
        entry.title(event.title)
        entry.link(href=f"{base_url}/{event.url}")
        entry.published(event.at)
        entry.updated(event.at)
        entry.content(event.html, type="html")
    return feed


def entry_id(key: str) -> str:
    """uuid.uuid5(NAMESPACE_URL, "statusgen:" + key) as a URN: a valid Atom id and RSS guid for any key.

    Spelled out, because a site has a hundred thousand entries and building
    a UUID object for each one was a sixth of the time spent on feeds.
    """
    digest = bytearray(hashlib.sha1(_ID_NAMESPACE + f"statusgen:{key}".encode(), usedforsecurity=False).digest())
    digest[6] = digest[6] & 0x0F | 0x50  # version 5
    digest[8] = digest[8] & 0x3F | 0x80  # the RFC 4122 variant
    text = digest[:16].hex()
    return f"urn:uuid:{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


_ID_NAMESPACE = uuid.NAMESPACE_URL.bytes
