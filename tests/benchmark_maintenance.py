"""The benchmark's scheduled maintenance and announcements: a few hundred events on the mirrored page's services.

Issue 20 point 5 puts a few hundred maintenance events into the synthetic
project, so that maintenance pages, feeds, the calendar and the Statuspage
JSON are part of every benchmark build. Events are seeded and dated from the
snapshot's time, never the clock: most are past (completed, a few cancelled
before they began), two are under way, the rest scheduled for the next weeks
(a few of them cancelled). Each has
a Markdown description, one to three affected monitors, its public state
changes and up to two public notes, none after the snapshot was taken.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from generator.model import Announcement, Maintenance, MaintenanceState, Update, UpdateKind
from generator.snapshot import demo_snapshot

EVENTS = 300
ONGOING_EVENTS = 2  # under way when the snapshot is taken
PAST_DAYS, FUTURE_DAYS = 180, 60  # the span the other windows start in, around the snapshot's time
CANCELLED_SHARE = 0.08
NOTES_PER_EVENT = (0, 3)  # lowest, highest exclusive
ANNOUNCEMENTS = 5


@dataclass(frozen=True)
class SyntheticMaintenance:
    states: tuple[MaintenanceState, ...]
    events: tuple[Maintenance, ...]
    announcements: tuple[Announcement, ...]


class _States:
    """The demo's maintenance states (OneUptime's defaults and a custom Cancelled), by what they mean."""

    def __init__(self) -> None:
        self.all = demo_snapshot().maintenance_states
        self.scheduled = next(state.id for state in self.all if state.is_scheduled)
        self.ongoing = next(state.id for state in self.all if state.is_ongoing)
        self.ended = next(state.id for state in self.all if state.is_ended)
        self.completed = next(state.id for state in self.all if state.is_resolved)
        self.cancelled = next(state.id for state in self.all if state.name == "Cancelled")


def synthetic_maintenance(
    monitors: Sequence[str], taken_at: datetime, markdown: Callable[[], str], seed: int = 1
) -> SyntheticMaintenance:
    """EVENTS maintenance events on `monitors` and ANNOUNCEMENTS announcements, as a fetch at `taken_at` gives them.

    `markdown` gives each description and note (benchmark_project's realistic
    Markdown); windows, states and monitors come from `seed`.
    """
    rng = random.Random(seed)  # noqa: S311 - benchmark data
    states = _States()
    events = []
    for number in range(1, EVENTS + 1):
        length = timedelta(minutes=30 * rng.randrange(1, 13))
        if number <= ONGOING_EVENTS:
            starts = taken_at - timedelta(minutes=15 * rng.randrange(1, 12))
            length += taken_at - starts  # still under way at the snapshot's time
        else:
            starts = taken_at + timedelta(minutes=15 * rng.randrange(-PAST_DAYS * 96, FUTURE_DAYS * 96))
            if starts <= taken_at < starts + length:  # only the first ONGOING_EVENTS are under way
                starts = taken_at + timedelta(hours=1)
        cancelled = number > ONGOING_EVENTS and rng.random() < CANCELLED_SHARE
        scheduled_ahead = timedelta(hours=rng.randrange(24, 21 * 24))  # and never after the snapshot was taken
        created = min(starts - scheduled_ahead, taken_at - timedelta(minutes=rng.randrange(10, 14 * 1440)))
        changes = _state_changes(starts, starts + length, created, cancelled, states, taken_at)
        notes = [
            Update(f"maintenance-{number}-n{k}", UpdateKind.NOTE, _between(rng, created, changes[-1][1]), markdown())
            for k in range(rng.randrange(*NOTES_PER_EVENT))
        ]
        changed = [
            Update(f"maintenance-{number}-s{k}", UpdateKind.STATE, at, state_id=s) for k, (s, at) in enumerate(changes)
        ]
        updates = tuple(sorted((*changed, *notes), key=lambda update: (update.at, update.kind.value, update.id)))
        events.append(
            Maintenance(
                id=f"maintenance-{number:04d}",
                title=f"Planned work number {number} on {rng.choice(WORK)}",
                starts_at=starts,
                ends_at=starts + length,
                state_id=changes[-1][0],
                number=number,
                number_label=f"SM-{number}",
                description=markdown(),
                monitor_ids=tuple(sorted(rng.sample(list(monitors), rng.randrange(1, 4)))),
                created_at=created,
                updated_at=max(update.at for update in updates),
                updates=updates,
            )
        )
    return SyntheticMaintenance(states.all, tuple(events), _announcements(rng, markdown, monitors, taken_at))


WORK = ("the database", "the network", "the load balancers", "storage", "the certificates", "the queue")


def _state_changes(
    starts: datetime, ends: datetime, created: datetime, cancelled: bool, states: _States, taken_at: datetime
) -> list[tuple[str, datetime]]:
    """The public state changes up to `taken_at`: scheduled, then ongoing, ended and completed as the window passes.

    A cancelled event goes from scheduled to Cancelled a day after it was
    scheduled (two hours before its window at the latest), once that has come.
    An event is completed half an hour after its window ends: one that ended
    less than that before `taken_at` is still only ended.
    """
    changes = [(states.scheduled, created)]
    if cancelled:
        at = min(starts - timedelta(hours=2), created + timedelta(days=1))
        return changes + [(states.cancelled, at)] if at <= taken_at else changes
    for state, at in ((states.ongoing, starts), (states.ended, ends), (states.completed, ends + timedelta(minutes=30))):
        if at > taken_at:
            break
        changes.append((state, at))
    return changes


def _between(rng: random.Random, first: datetime, last: datetime) -> datetime:
    """A moment from `first` to `last`, to the second."""
    return first + timedelta(seconds=rng.randint(0, int((last - first).total_seconds())))


def _announcements(
    rng: random.Random, markdown: Callable[[], str], monitors: Sequence[str], taken_at: datetime
) -> tuple[Announcement, ...]:
    """Two active with an end, one active for good, two that have ended; none shown later (a fetch leaves those out)."""
    spans = ((-3, 4), (-10, 20), (-30, None), (-60, -45), (-20, -1))
    return tuple(
        Announcement(
            id=f"announcement-{n}",
            title=f"Announcement number {n}",
            show_at=taken_at + timedelta(days=shown),
            end_at=None if ended is None else taken_at + timedelta(days=ended),
            description=markdown(),
            monitor_ids=tuple(sorted(rng.sample(list(monitors), n % 3))),
        )
        for n, (shown, ended) in enumerate(spans[:ANNOUNCEMENTS], 1)
    )
