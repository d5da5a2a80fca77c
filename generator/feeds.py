"""RSS 2.0 and Atom feeds with feedgen: one entry per event, with ids that never change.

An event is a new incident, a public note, a change of state, or a published
postmortem. Each entry's id is derived only from the incident's and the
update's ids, so a subscriber's reader never sees an entry twice.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from feedgen.feed import FeedGenerator

from generator.config import Config
from generator.markup import render_markdown
from generator.site import ATOM_NAME as ATOM_PATH
from generator.site import RSS_NAME as RSS_PATH
from generator.site import IncidentView, SitePlan

FEED_EVENT_LIMIT = 50


@dataclass(frozen=True, slots=True)
class FeedEvent:
    """One thing that happened to an incident, as a subscriber hears of it."""

    key: str  # stable and unique: the source of the entry id
    title: str
    at: datetime
    html: str
    url: str


def incident_events(view: IncidentView) -> list[FeedEvent]:
    """The incident's events: declared, each note and state change, its postmortem."""
    incident = view.incident
    title = f"{view.label} {incident.title}".strip()
    events = [
        FeedEvent(
            f"incident/{incident.id}",
            title,
            incident.declared_at,
            render_markdown(incident.description) or "<p>Incident declared.</p>",
            view.url,
        )
    ]
    for entry in view.timeline:
        if entry.kind == "state" and entry.state is not None:
            if entry.state.is_created:
                continue  # the same moment as "declared", already an event
            events.append(
                FeedEvent(
                    f"incident/{incident.id}/{entry.anchor}",
                    f"{title}: {entry.state.name}",
                    entry.at,
                    f"<p>State changed to {_escape(entry.state.name)}.</p>",
                    f"{view.url}#{entry.anchor}",
                )
            )
        elif entry.kind == "note":
            events.append(
                FeedEvent(
                    f"incident/{incident.id}/{entry.anchor}",
                    f"{title}: update",
                    entry.at,
                    entry.html,
                    f"{view.url}#{entry.anchor}",
                )
            )
    if view.postmortem is not None:
        events.append(
            FeedEvent(
                f"incident/{incident.id}/postmortem",
                f"{title}: postmortem",
                view.postmortem.posted_at,
                view.postmortem.html,
                f"{view.url}#postmortem",
            )
        )
    return events


def latest_events(plan: SitePlan, limit: int = FEED_EVENT_LIMIT) -> list[FeedEvent]:
    """The newest `limit` events of the whole site, newest first, ties broken by key."""
    return _newest_first([event for view in plan.incidents for event in incident_events(view)])[:limit]


def all_feeds(plan: SitePlan, config: Config) -> dict[str, bytes]:
    """Every feed of the site: the site-wide pair, and a pair per incident and episode.

    Feeds need absolute links, so a site without a base_url has none.
    """
    base_url = config.base_url
    if not base_url:
        return {}
    files = _feed_pair(
        "", config.title, f"Incidents and updates from {config.title}", latest_events(plan), plan, base_url
    )
    for view in plan.incidents:
        title = f"{view.incident.title} · {config.title}"
        files.update(
            _feed_pair(
                view.url,
                title,
                f"Updates on {view.incident.title}",
                _newest_first(incident_events(view)),
                plan,
                base_url,
            )
        )
    for episode in plan.episodes:
        events = [event for member in episode.incidents for event in incident_events(member)]
        title = f"{episode.episode.title} · {config.title}"
        files.update(
            _feed_pair(episode.url, title, f"Updates on {episode.episode.title}", _newest_first(events), plan, base_url)
        )
    return files


def _newest_first(events: list[FeedEvent]) -> list[FeedEvent]:
    return sorted(events, key=lambda event: (event.at, event.key), reverse=True)


def _feed_pair(
    folder: str, title: str, subtitle: str, events: list[FeedEvent], plan: SitePlan, base_url: str
) -> dict[str, bytes]:
    """RSS and Atom files for one page (`folder` is its URL path, "" for the home page)."""
    page_url = f"{base_url}/{folder}"
    files = {}
    for name, media_type in ((RSS_PATH, "application/rss+xml"), (ATOM_PATH, "application/atom+xml")):
        feed = _feed(title, subtitle, page_url, plan.build_time, events, base_url)
        feed.link(href=page_url + name, rel="self", type=media_type)
        files[folder + name] = feed.rss_str(pretty=True) if name == RSS_PATH else feed.atom_str(pretty=True)
    return files


def _feed(
    title: str, subtitle: str, page_url: str, updated: datetime, events: list[FeedEvent], base_url: str
) -> FeedGenerator:
    feed = FeedGenerator()
    feed.id(_entry_id(page_url))
    feed.title(title)
    feed.subtitle(subtitle)
    feed.link(href=page_url, rel="alternate")
    feed.language("en")
    feed.generator("statusgen")
    # feedgen would stamp "now"; the build time keeps the output reproducible.
    feed.updated(updated)
    feed.lastBuildDate(updated)
    for event in reversed(events):  # feedgen prepends: add oldest first to list newest first
        entry = feed.add_entry()
        entry.id(_entry_id(event.key))
        entry.guid(_entry_id(event.key), permalink=False)
        entry.title(event.title)
        entry.link(href=f"{base_url}/{event.url}")
        entry.published(event.at)
        entry.updated(event.at)
        entry.content(event.html, type="html")
    return feed


def _entry_id(key: str) -> str:
    # A UUID URN is a valid Atom id and RSS guid whatever characters the key holds.
    return uuid.uuid5(uuid.NAMESPACE_URL, f"statusgen:{key}").urn


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
