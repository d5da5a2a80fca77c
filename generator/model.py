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
