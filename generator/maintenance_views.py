"""Scheduled maintenance and announcements in the page plan: where each event stands, derived once.

An event is upcoming, ongoing or ended by its state's `order` against the
states flagged ongoing and ended, as OneUptime's page groups them
(App/FeatureSet/StatusPage/src/Pages/ScheduledEvent/List.tsx). OneUptime has
no cancelled state: an ended event that never was in an ongoing state (its
public state changes say so) was cancelled before it began. Every output (pages,
feeds, the calendar, the Statuspage JSON) reads these views.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from generator.growing import StartsIn
from generator.maintenance_visibility import is_active, is_shown
from generator.markup import render_markdown
from generator.model import Announcement, Maintenance, MaintenanceState, Snapshot, Update, UpdateKind
from generator.page_urls import id_segment, item_label, unique_urls
from generator.views import TimelineEntry

UPCOMING = "upcoming"
ONGOING = "ongoing"
ENDED = "ended"
# Statuspage's words for an event (api/v2/scheduled-maintenances.json): scheduled while upcoming;
# in_progress in the ongoing state, verifying in a custom state after it (still ongoing, such as a
# "Verifying" before Ended); completed once ended or cancelled, as OneUptime's page calls Ended past.
STATUSPAGE_STATUS = {UPCOMING: "scheduled", ONGOING: "in_progress", ENDED: "completed"}
UNKNOWN_STATE = MaintenanceState(id="", name="Unknown state")
DESCRIPTION_HEADING = 2
CARD_HEADING = 4


@dataclass(slots=True)
class MaintenanceView:
    """A maintenance event as every output shows it."""

    maintenance: Maintenance
    url: str
    label: str
    state: MaintenanceState
    stage: str  # UPCOMING, ONGOING or ENDED
    is_cancelled: bool
    services: tuple[str, ...]  # what it affects, by the names the site gives them
    timeline: tuple[TimelineEntry, ...]  # newest first
    starts_in: StartsIn | None  # for an upcoming event
    statuspage_status: str
    last_changed: datetime
    # What each state change meant, by its anchor: "started", "completed", "cancelled", "ended"
    # or the state's name (the feeds' and the JSON's words for it).
    change_words: dict[str, str] = field(default_factory=dict)

    @property
    def is_upcoming(self) -> bool:
        return self.stage == UPCOMING

    @property
    def is_ongoing(self) -> bool:
        return self.stage == ONGOING

    @property
    def is_ended(self) -> bool:
        return self.stage == ENDED

    @property
    def duration(self) -> timedelta:
        return self.maintenance.ends_at - self.maintenance.starts_at

    @property
    def description_html(self) -> str:
        return render_markdown(self.maintenance.description, DESCRIPTION_HEADING)


@dataclass(slots=True)
class AnnouncementView:
    """An announcement as its page, the home page and the feeds show it."""

    announcement: Announcement
    url: str
    is_active: bool
    services: tuple[str, ...]

    @property
    def description_html(self) -> str:
        """On its own page, under the <h1>."""
        return render_markdown(self.announcement.description, DESCRIPTION_HEADING)

    @property
    def card_html(self) -> str:
        """In a list, under the card's <h3>."""
        return render_markdown(self.announcement.description, CARD_HEADING)


@dataclass(frozen=True, slots=True)
class MaintenancePlan:
    """Every public event and announcement, and the groups the home page shows."""

    events: tuple[MaintenanceView, ...] = ()  # by start, newest first
    announcements: tuple[AnnouncementView, ...] = ()  # by when shown, newest first
    ongoing: tuple[MaintenanceView, ...] = ()  # soonest end first
    upcoming: tuple[MaintenanceView, ...] = ()  # soonest start first, cancelled ones left out
    active_announcements: tuple[AnnouncementView, ...] = field(default=())


NO_MAINTENANCE = MaintenancePlan()


def plan_maintenance(
    snapshot: Snapshot,
    build_time: datetime,
    affected: Callable[[Iterable[str]], tuple[str, ...]],
    show_maintenance: bool = True,
    show_announcements: bool = True,
) -> MaintenancePlan:
    """The views of what the site shows at `build_time`; a section turned off is left out of every output."""
    states = {state.id: state for state in snapshot.maintenance_states}
    bands = _Bands(snapshot.maintenance_states)
    events = snapshot.maintenance if show_maintenance else ()
    urls = unique_urls("maintenance", "maintenance", ((event.id, event.number) for event in events))
    views = [_event_view(event, urls[event.id], states, bands, affected, build_time) for event in events]
    views.sort(key=lambda view: (view.maintenance.starts_at, view.maintenance.id), reverse=True)
    shown = [a for a in snapshot.announcements if show_announcements and is_shown(a, build_time)]
    announcement_urls = unique_urls("announcement", "announcements", ((a.id, None) for a in shown))
    announcements = [
        AnnouncementView(a, announcement_urls[a.id], is_active(a, build_time), affected(a.monitor_ids)) for a in shown
    ]
    announcements.sort(key=lambda view: (view.announcement.show_at, view.announcement.id), reverse=True)
    return MaintenancePlan(
        events=tuple(views),
        announcements=tuple(announcements),
        ongoing=tuple(sorted((v for v in views if v.is_ongoing), key=lambda v: (v.maintenance.ends_at, v.url))),
        upcoming=tuple(
            sorted(
                (v for v in views if v.is_upcoming and not v.is_cancelled),
                key=lambda v: (v.maintenance.starts_at, v.url),
            )
        ),
        active_announcements=tuple(view for view in announcements if view.is_active),
    )


class _Bands:
    """OneUptime's grouping: before the ongoing state's order upcoming, before the ended state's ongoing, else ended.

    As List.tsx, a missing ongoing or ended state counts as order 0.
    """

    def __init__(self, states: Iterable[MaintenanceState]) -> None:
        ordered = sorted(states, key=lambda state: (state.order, state.id))
        self.ongoing = next((state.order for state in ordered if state.is_ongoing), 0)
        self.ended = next((state.order for state in ordered if state.is_ended), 0)

    def stage(self, state: MaintenanceState) -> str:
        if state.order < self.ongoing:
            return UPCOMING
        return ONGOING if state.order < self.ended else ENDED


def _event_view(
    event: Maintenance,
    url: str,
    states: dict[str, MaintenanceState],
    bands: _Bands,
    affected: Callable[[Iterable[str]], tuple[str, ...]],
    build_time: datetime,
) -> MaintenanceView:
    state = states.get(event.state_id)
    # An event in a state the snapshot does not know (odd data) stands where its window says.
    stage = bands.stage(state) if state is not None else _stage_by_window(event, build_time)
    changes = [states.get(u.state_id or "", UNKNOWN_STATE) for u in event.updates if u.kind is UpdateKind.STATE]
    cancelled = stage == ENDED and bool(changes) and all(bands.stage(s) != ONGOING for s in changes if s.id)
    status = STATUSPAGE_STATUS[stage]
    if stage == ONGOING and state is not None and state.order > bands.ongoing:
        status = "verifying"
    moments = [event.created_at or event.starts_at, *(update.at for update in event.updates)]
    timeline = _timeline(event.updates, states, bands)
    return MaintenanceView(
        maintenance=event,
        url=url,
        label=item_label(event.number_label, event.number),
        state=state or UNKNOWN_STATE,
        stage=stage,
        is_cancelled=cancelled,
        services=affected(event.monitor_ids),
        timeline=timeline,
        starts_in=StartsIn.before(event.starts_at, build_time) if stage == UPCOMING else None,
        statuspage_status=status,
        last_changed=max(moments),
        change_words=_change_words(timeline, bands, cancelled),
    )


def _stage_by_window(event: Maintenance, moment: datetime) -> str:
    if moment < event.starts_at:
        return UPCOMING
    return ONGOING if moment < event.ends_at else ENDED


def _timeline(
    updates: tuple[Update, ...], states: dict[str, MaintenanceState], bands: _Bands
) -> tuple[TimelineEntry, ...]:
    """Newest first; the first state change, when it is into an upcoming state, is the scheduling itself."""
    changes = [update for update in updates if update.kind is UpdateKind.STATE]
    first = min(changes, key=lambda update: (update.at, update.id), default=None)
    declaration = None
    if first is not None and bands.stage(states.get(first.state_id or "", UNKNOWN_STATE)) == UPCOMING:
        declaration = first.id
    entries = []
    for update in reversed(updates):
        anchor = f"update-{id_segment(update.id)}"
        if update.kind is UpdateKind.STATE:
            state = states.get(update.state_id or "", UNKNOWN_STATE)
            entry = TimelineEntry(
                anchor,
                "state",
                update.at,
                state,
                is_resolution=state.is_resolved,
                is_declaration=update.id == declaration,
            )
        else:
            entry = TimelineEntry(anchor, "note", update.at, None, markdown=update.note)
        entries.append(entry)
    return tuple(entries)


def _change_words(timeline: tuple[TimelineEntry, ...], bands: _Bands, cancelled: bool) -> dict[str, str]:
    """What each state change meant to a visitor: started, ended, completed, cancelled, or its state's name."""
    words = {}
    for entry in timeline:
        state = entry.state
        if entry.kind != "state" or not isinstance(state, MaintenanceState):
            continue
        stage = bands.stage(state)
        if stage == ONGOING:
            words[entry.anchor] = "started" if state.order <= bands.ongoing else "verifying"
        elif stage == ENDED:
            words[entry.anchor] = "cancelled" if cancelled else "completed" if state.is_resolved else "ended"
        else:
            words[entry.anchor] = state.name or "scheduled"
    return words
