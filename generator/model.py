"""The public data a status page is built from: plain frozen values, no I/O.

Everything in a Snapshot has already passed `visibility`: it is safe to publish.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class UpdateKind(StrEnum):
    """What an incident update is: a public note or a change of state."""

    NOTE = "note"
    STATE = "state"


@dataclass(frozen=True, slots=True)
class State:
    """An incident state (Created, Acknowledged, Resolved, or a custom one).

    A snapshot holds every state of the project, so that a custom state can be
    placed among them all; `name` is empty for one that no public item is in.
    """

    id: str
    name: str
    color: str | None = None
    order: int = 0
    is_created: bool = False
    is_acknowledged: bool = False
    is_resolved: bool = False


@dataclass(frozen=True, slots=True)
class Severity:
    """An incident severity; a lower `order` is more severe, as in OneUptime.

    A snapshot holds every severity of the project, so ranks are the project's;
    `name` is empty for one that no public item has.
    """

    id: str
    name: str
    color: str | None = None
    order: int = 0


@dataclass(frozen=True, slots=True)
class Monitor:
    """A monitored service that an incident affects; only its name is public."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Update:
    """One entry of an incident's public timeline.

    A note carries Markdown in `note`; a state change carries `state_id`.
    """

    id: str
    kind: UpdateKind
    at: datetime
    note: str = ""
    state_id: str | None = None


@dataclass(frozen=True, slots=True)
class Postmortem:
    """A published postmortem, dated by when it was posted, not written."""

    note: str
    posted_at: datetime


@dataclass(frozen=True, slots=True)
class Incident:
    """A visible incident with its public timeline."""

    id: str
    title: str
    declared_at: datetime
    state_id: str
    severity_id: str
    number: int | None = None
    number_label: str | None = None
    description: str = ""
    monitor_ids: tuple[str, ...] = ()
    episode_id: str | None = None
    updates: tuple[Update, ...] = ()
    postmortem: Postmortem | None = None


@dataclass(frozen=True, slots=True)
class Episode:
    """A visible incident episode: several incidents told as one story."""

    id: str
    title: str
    declared_at: datetime
    state_id: str
    severity_id: str
    number: int | None = None
    number_label: str | None = None
    description: str = ""
    resolved_at: datetime | None = None
    incident_ids: tuple[str, ...] = ()
    updates: tuple[Update, ...] = ()  # the episode's own public notes (newer OneUptime versions)
    # On a status page: the monitors of all its member incidents, visible or not, by which
    # OneUptime decides whether the page shows the episode (StatusPageAPI.ts, getEpisodes).
    monitor_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MonitorStatus:
    """A monitor status (Operational, Degraded, Offline or a custom one); a higher `priority` is worse."""

    id: str
    name: str
    color: str | None = None
    priority: int = 0
    is_operational: bool = False
    is_offline: bool = False


@dataclass(frozen=True, slots=True)
class StatusPeriod:
    """One row of a monitor's status timeline: which status it had from `starts_at`, until `ends_at` if it ended."""

    id: str
    monitor_id: str
    status_id: str
    starts_at: datetime
    ends_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class MonitorState:
    """A monitor's current status; the monitor itself stays nameless (a page names its services)."""

    monitor_id: str
    status_id: str


@dataclass(frozen=True, slots=True)
class ServiceGroup:
    """A group of services on a status page (StatusPageGroup); groups nest through `parent_id`."""

    id: str
    name: str
    description: str = ""
    order: int = 0
    parent_id: str | None = None
    is_expanded: bool = True
    show_current_status: bool = True
    show_uptime_percent: bool = False
    uptime_decimals: int = 1


@dataclass(frozen=True, slots=True)
class Service:
    """A resource of a status page: one monitor, or a monitor group's members, under its public display name."""

    id: str
    name: str
    description: str = ""
    tooltip: str = ""
    group_id: str | None = None
    order: int = 0
    monitor_ids: tuple[str, ...] = ()
    is_monitor_group: bool = False
    show_current_status: bool = True
    show_uptime_percent: bool = False
    uptime_decimals: int = 1
    show_history_chart: bool = True


@dataclass(frozen=True, slots=True)
class BarColorRule:
    """A day bar takes `color` when its uptime is at least `min_uptime` percent (the first such rule by order)."""

    color: str
    min_uptime: float
    order: int = 0


@dataclass(frozen=True, slots=True)
class StatusPage:
    """The OneUptime status page a site mirrors: its public settings, services, and their statuses over time.

    `window_start`..`window_end` is the span of `status_periods` that was fetched.
    """

    id: str
    title: str
    window_start: datetime
    window_end: datetime
    is_public: bool = True
    description: str = ""
    overview: str = ""
    show_incidents: bool = True
    show_episodes: bool = True
    show_maintenance: bool = True
    show_announcements: bool = True
    incident_history_days: int = 14
    uptime_days: int = 90
    show_overall_uptime: bool = False
    overall_uptime_decimals: int = 2
    default_bar_color: str | None = None
    downtime_status_ids: tuple[str, ...] = ()
    bar_color_rules: tuple[BarColorRule, ...] = ()
    groups: tuple[ServiceGroup, ...] = ()
    services: tuple[Service, ...] = ()
    monitor_statuses: tuple[MonitorStatus, ...] = ()
    current_statuses: tuple[MonitorState, ...] = ()
    status_periods: tuple[StatusPeriod, ...] = ()


@dataclass(frozen=True, slots=True)
class MaintenanceState:
    """A scheduled maintenance state (Scheduled, Ongoing, Ended, Completed, or a custom one).

    Where an event stands is decided by `order` against the states flagged
    scheduled, ongoing and ended, as OneUptime's page does (Pages/ScheduledEvent/List.tsx).
    """

    id: str
    name: str
    color: str | None = None
    order: int = 0
    is_scheduled: bool = False
    is_ongoing: bool = False
    is_ended: bool = False
    is_resolved: bool = False


@dataclass(frozen=True, slots=True)
class Maintenance:
    """A visible scheduled maintenance event: its window, state, affected monitors and public timeline.

    `updates` are its public notes and state changes (their `state_id` is a
    MaintenanceState's). `created_at` and `updated_at` date the row itself: the
    calendar's SEQUENCE grows with `updated_at` (maintenance_calendar.py).
    """

    id: str
    title: str
    starts_at: datetime
    ends_at: datetime
    state_id: str
    number: int | None = None
    number_label: str | None = None
    description: str = ""
    monitor_ids: tuple[str, ...] = ()
    created_at: datetime | None = None
    updated_at: datetime | None = None
    updates: tuple[Update, ...] = ()


@dataclass(frozen=True, slots=True)
class Announcement:
    """A status page announcement, shown from `show_at` until `end_at` (for good when None)."""

    id: str
    title: str
    show_at: datetime
    end_at: datetime | None = None
    description: str = ""
    monitor_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Everything public about a project at the moment `taken_at`."""

    taken_at: datetime
    states: tuple[State, ...] = ()
    severities: tuple[Severity, ...] = ()
    monitors: tuple[Monitor, ...] = ()
    incidents: tuple[Incident, ...] = ()
    episodes: tuple[Episode, ...] = field(default=())
    # Which OneUptime project this was fetched from (fetch.source_of: a short hash of URL
    # and project id, never the key), so an incremental fetch only updates its own snapshot.
    source: str | None = None
    # The status page the site mirrors; None for a whole project's public incidents.
    status_page: StatusPage | None = None
    # Scheduled maintenance (with every maintenance state of the project) and announcements.
    maintenance_states: tuple[MaintenanceState, ...] = ()
    maintenance: tuple[Maintenance, ...] = ()
    announcements: tuple[Announcement, ...] = ()
