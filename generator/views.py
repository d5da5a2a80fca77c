"""What the pages show: the plan's views of incidents, episodes, timelines and months.

Plain data, computed once by site.plan_site and only read by the outputs
(templates, feeds, the JSON API, the badge, the sitemap), so that a value is
never derived twice. Markdown stays Markdown until an output shows it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from generator.i18n import ENGLISH, Language
from generator.markup import render_markdown
from generator.model import Episode, Incident, MaintenanceState, Monitor, Severity, State, UpdateKind

if TYPE_CHECKING:
    from generator.maintenance_views import AnnouncementView, MaintenancePlan, MaintenanceView
    from generator.services import ServicesPlan

UNKNOWN_STATE = State(id="", name="Unknown state")
UNKNOWN_SEVERITY = Severity(id="", name="Unknown severity", order=10**6)

# Heading levels of Markdown on the pages: a description sits under the page's
# <h1>, a postmortem under its <h2>, a note under its update's <h3>.
DESCRIPTION_HEADING = 2
POSTMORTEM_HEADING = 3
NOTE_HEADING = 4

# CSS hooks for severities by rank: the project's most severe is "critical",
# the next "major", every other one "minor".
IMPACTS = ("critical", "major")


@dataclass(frozen=True, slots=True)
class Page:
    """One HTML file to render: where it goes, which template, what it shows."""

    path: str
    template: str
    context: dict[str, Any]
    markdown: Callable[[], int | None] | None = None  # renders its Markdown ahead; says how many texts (jobs)


@dataclass(frozen=True, slots=True)
class FeedLink:
    """A feed a page advertises with <link rel="alternate">; `href` is relative to the page."""

    title: str
    href: str
    media_type: str


RSS_NAME = "feed.rss"
ATOM_NAME = "feed.atom"


@dataclass(frozen=True, slots=True)
class OverallStatus:
    """The banner: `level` is operational, maintenance, degraded, partial or major (levels.py; a CSS hook too)."""

    level: str
    label: str


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One line of an incident timeline: a state change or a public note.

    A note keeps its Markdown; the HTML is made only when a page or feed shows
    it, so a page whose inputs did not change never pays for it.
    """

    anchor: str
    kind: str
    at: datetime
    state: State | MaintenanceState | None  # a maintenance event's timeline has its own states
    markdown: str = ""
    is_resolution: bool = False
    # The first state change when it only records the item's creation: the declaration itself,
    # which the feeds and the JSON show as the item's first event, not as an update of its own.
    is_declaration: bool = False

    @property
    def html(self) -> str:
        return render_markdown(self.markdown, NOTE_HEADING)


def incident_markdown(incident: Incident) -> Iterator[tuple[str, int]]:
    """The Markdown texts an incident's views render, each with its top heading (as IncidentView renders them).

    A postmortem is among them even before it is posted: rendering it into a
    memo (markdown_ahead.py) publishes nothing, since a page shows only what
    its view asks for.
    """
    yield incident.description, DESCRIPTION_HEADING
    for update in incident.updates:
        if update.kind is UpdateKind.NOTE:
            yield update.note, NOTE_HEADING
    if incident.postmortem is not None:
        yield incident.postmortem.note, POSTMORTEM_HEADING


@dataclass(frozen=True, slots=True)
class PublishedPostmortem:
    markdown: str
    posted_at: datetime

    @property
    def html(self) -> str:
        return render_markdown(self.markdown, POSTMORTEM_HEADING)


@dataclass(slots=True)
class IncidentView:
    """An incident as the pages show it."""

    incident: Incident
    url: str
    label: str
    state: State
    severity: Severity
    is_resolved: bool
    resolved_at: datetime | None
    duration: timedelta
    monitors: tuple[str, ...]
    timeline: tuple[TimelineEntry, ...]
    postmortem: PublishedPostmortem | None
    impact: str = "minor"
    episode: EpisodeView | None = None
    # When anything public about it last happened: declared, an update, its postmortem.
    last_changed: datetime | None = None
    # The state change that is the declaration (see TimelineEntry.is_declaration), if any.
    declaration_id: str | None = None

    @property
    def description_html(self) -> str:
        return render_markdown(self.incident.description, DESCRIPTION_HEADING)

    @property
    def latest_note(self) -> TimelineEntry | None:
        """The newest public note: what an ongoing incident's card quotes."""
        return next((entry for entry in self.timeline if entry.kind == "note"), None)

    @property
    def state_changes(self) -> tuple[TimelineEntry, ...]:
        """The state changes oldest first: the incident's story in one line."""
        return tuple(entry for entry in reversed(self.timeline) if entry.kind == "state")


@dataclass(slots=True)
class EpisodeView:
    """An episode as the pages show it, with its visible member incidents."""

    episode: Episode
    url: str
    label: str
    state: State
    severity: Severity
    is_resolved: bool
    resolved_at: datetime | None
    duration: timedelta
    timeline: tuple[TimelineEntry, ...] = ()
    impact: str = "minor"
    incidents: list[IncidentView] = field(default_factory=list)
    monitors: tuple[str, ...] = ()
    latest_note: TimelineEntry | None = None
    latest_note_incident: IncidentView | None = None

    @property
    def description_html(self) -> str:
        return render_markdown(self.episode.description, DESCRIPTION_HEADING)


@dataclass(frozen=True, slots=True)
class Day:
    """A day of the home page: its first incidents (at most ongoing_limit), how many more, and where they all are."""

    day: date
    incidents: tuple[IncidentView, ...]
    more: int = 0
    month_url: str = ""


@dataclass(frozen=True, slots=True)
class Month:
    key: str  # "2026-11", also the URL segment
    first_day: date
    url: str
    incidents: tuple[IncidentView, ...]
    episodes: tuple[EpisodeView, ...]
    maintenance: tuple[MaintenanceView, ...] = ()  # by when the window starts
    announcements: tuple[AnnouncementView, ...] = ()  # by when first shown


@dataclass(frozen=True, slots=True)
class MonthLink:
    """Another month as a month's page links to it (newer, older): its name and address, not what it holds.

    A page's key covers all that its context holds: with the whole neighbouring
    months, a new note renewed three month pages instead of one.
    """

    key: str
    first_day: date
    url: str

    @classmethod
    def to(cls, month: Month | None) -> MonthLink | None:
        return cls(month.key, month.first_day, month.url) if month is not None else None


@dataclass(frozen=True, slots=True)
class SitePlan:
    """All pages plus the views the feeds and other outputs are made from."""

    pages: tuple[Page, ...]
    incidents: tuple[IncidentView, ...]
    episodes: tuple[EpisodeView, ...]
    status: OverallStatus
    build_time: datetime
    services: ServicesPlan | None = None  # a mirrored status page's services
    maintenance: MaintenancePlan | None = None  # scheduled maintenance and announcements
    language: Language = ENGLISH  # the site's language: its feeds' words
    # The project's states, severities and monitors, for outputs that name or rank them.
    states: tuple[State, ...] = ()
    severities: tuple[Severity, ...] = ()
    monitors: tuple[Monitor, ...] = ()


def render_markdown_of(*views: IncidentView | EpisodeView) -> int:
    """Render now the Markdown texts the views' pages and feeds show, into render_markdown's memo; how many.

    A worker renders a batch's Markdown this way before its templates and
    feeds, which then find every text in the memo (jobs.run_outputs), as
    long as the batch holds fewer texts than the memo.
    """
    texts = 0
    for view in views:
        _ = view.description_html
        notes = [entry.html for entry in view.timeline if entry.kind == "note"]
        postmortem = view.postmortem if isinstance(view, IncidentView) else None
        if postmortem is not None:
            _ = postmortem.html
        texts += 1 + len(notes) + (postmortem is not None)
    return texts
