"""The page cache never leaves a stale byte: building A, then B, into one folder gives a fresh build of B."""

from __future__ import annotations

import dataclasses
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import build_site
from generator.config import Config
from generator.model import Announcement, Maintenance, MaintenanceState, Snapshot, Update, UpdateKind
from generator.writer import MARKER_NAME
from tests import factories as f

BASE = "https://status.example.com"
STATES = (f.CREATED, f.ACKNOWLEDGED, f.RESOLVED)
TITLES = st.sampled_from(["API errors", "Slow search", "Login fails", "# Heading", "<b>raw</b>"])


@st.composite
def snapshots(draw: st.DrawFn) -> Snapshot:
    """Small projects that differ in the ways a cron run sees: titles, states, notes, postmortems,
    episodes, retractions (an incident made private leaves the snapshot), the build time moving on
    (ongoing durations grow), and a state renamed in OneUptime (timelines name it: the page
    cache leaves timelines out of a view's digest and keys the project's states instead)."""
    incidents = []
    for n in draw(st.lists(st.integers(1, 6), unique=True, max_size=5)):
        notes = tuple(
            f.note(f"n{n}-{k}", draw(st.integers(0, 30)) / 4, draw(TITLES)) for k in range(draw(st.integers(0, 2)))
        )
        state = draw(st.sampled_from(STATES))
        # A state change to another state than today's: only the timeline names it.
        changes = (f.state_change(f"s{n}", n + 0.5, draw(st.sampled_from(STATES))),) if draw(st.booleans()) else ()
        postmortem = f.postmortem(0.25, draw(TITLES)) if draw(st.booleans()) else None
        incidents.append(
            f.incident(
                n,
                title=draw(TITLES),
                state_id=state.id,
                severity_id=draw(st.sampled_from([f.CRITICAL.id, f.MINOR.id])),
                updates=tuple(sorted(notes + changes, key=lambda u: (u.at, u.kind.value, u.id))),
                postmortem=postmortem,
            )
        )
    members = tuple(sorted(i.id for i in incidents[: draw(st.integers(0, 2))]))
    episodes = ()
    if members and draw(st.booleans()):
        episodes = (f.episode(1, incident_ids=members, state_id=draw(st.sampled_from(STATES)).id),)
        incidents = [dataclasses.replace(i, episode_id="ep-1") if i.id in members else i for i in incidents]
    taken_at = f.TAKEN_AT + timedelta(minutes=draw(st.sampled_from([0, 5, 60 * 24])))
    acknowledged = dataclasses.replace(f.ACKNOWLEDGED, name=draw(st.sampled_from(["Identified", "Found it"])))
    states = (f.CREATED, acknowledged, f.RESOLVED)
    return f.snapshot(*incidents, episodes=episodes, taken_at=taken_at, states=states, **draw(maintenance()))


MAINTENANCE_STATES = (
    MaintenanceState("ms-scheduled", "Scheduled", order=1, is_scheduled=True),
    MaintenanceState("ms-ongoing", "Ongoing", order=2, is_ongoing=True),
    MaintenanceState("ms-ended", "Completed", order=3, is_ended=True, is_resolved=True),
)


@st.composite
def maintenance(draw: st.DrawFn) -> dict[str, object]:
    """Maintenance events that move, change state, gain notes or leave; announcements that come and end."""
    events = []
    for n in draw(st.lists(st.integers(1, 4), unique=True, max_size=3)):
        state = draw(st.sampled_from(MAINTENANCE_STATES))
        starts = f.at(draw(st.sampled_from([-30, -2, 1, 30])))
        notes = tuple(
            f.note(f"mn{n}-{k}", draw(st.integers(0, 8)), draw(TITLES)) for k in range(draw(st.integers(0, 2)))
        )
        change = Update(f"ms{n}", UpdateKind.STATE, starts - timedelta(days=1), state_id=state.id)
        events.append(
            Maintenance(
                id=f"m-{n}",
                title=draw(TITLES),
                starts_at=starts,
                ends_at=starts + timedelta(hours=draw(st.sampled_from([1, 3]))),
                state_id=state.id,
                number=n,
                monitor_ids=(),
                created_at=starts - timedelta(days=2),
                updated_at=starts - timedelta(days=2, minutes=-draw(st.integers(0, 3))),
                updates=tuple(sorted((change, *notes), key=lambda u: (u.at, u.kind.value, u.id))),
            )
        )
    announcements = tuple(
        Announcement(f"a-{n}", draw(TITLES), f.at(draw(st.sampled_from([1, 30]))), f.at(draw(st.sampled_from([-5, 5]))))
        for n in draw(st.lists(st.integers(1, 3), unique=True, max_size=2))
    )
    return {"maintenance_states": MAINTENANCE_STATES, "maintenance": tuple(events), "announcements": announcements}


def site_files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != MARKER_NAME
    }


@st.composite
def cron_changes(draw: st.DrawFn, first: Snapshot) -> Snapshot:
    """What a cron run usually sees: A itself, a few minutes later, with few changes: an incident gone
    (deleted, or made private), one new note, a state renamed; most records stay as they were."""
    incidents = list(first.incidents)
    if incidents and draw(st.booleans()):
        incidents.pop(draw(st.integers(0, len(incidents) - 1)))
    if incidents and draw(st.booleans()):
        index = draw(st.integers(0, len(incidents) - 1))
        note = f.note(f"late-{index}-{len(incidents[index].updates)}", 0.1, draw(TITLES))
        incidents[index] = dataclasses.replace(incidents[index], updates=(*incidents[index].updates, note))
    kept = {incident.id for incident in incidents}
    episodes = tuple(
        dataclasses.replace(episode, incident_ids=tuple(i for i in episode.incident_ids if i in kept))
        for episode in first.episodes
    )
    states = tuple(
        dataclasses.replace(state, name=draw(st.sampled_from([state.name, "Renamed"]))) for state in first.states
    )
    later = first.taken_at + timedelta(minutes=draw(st.sampled_from([0, 5, 60])))
    return dataclasses.replace(first, incidents=tuple(incidents), episodes=episodes, states=states, taken_at=later)


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=snapshots(), second=snapshots(), third=snapshots())
def test_building_a_then_b_gives_exactly_a_fresh_build_of_b(first: Snapshot, second: Snapshot, third: Snapshot) -> None:
    """Also a third unrelated site after them: built in the spare tree, which holds the first."""
    second = dataclasses.replace(second, taken_at=max(first.taken_at, second.taken_at))  # never older data
    third = dataclasses.replace(third, taken_at=max(second.taken_at, third.taken_at))
    assert_a_then_b_is_a_fresh_b(first, second, third)


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=snapshots(), data=st.data())
def test_a_cron_run_after_a_small_change_gives_exactly_a_fresh_build(first: Snapshot, data: st.DataObject) -> None:
    """Mostly the same records as the last build: the page cache keeps most pages, and must keep only right ones.

    Three runs in a row: the third stages in the spare tree the second left
    (spare_tree.py), which holds the first site, so what changed in the
    second run must be brought up to date there too.
    """
    second = data.draw(cron_changes(first))
    assert_a_then_b_is_a_fresh_b(first, second, data.draw(cron_changes(second)))


def assert_a_then_b_is_a_fresh_b(first: Snapshot, *later: Snapshot) -> None:
    """Building `first` and then each of `later` into one folder gives what a fresh build of the last gives."""
    with tempfile.TemporaryDirectory() as work:
        reused, fresh = Path(work) / "reused", Path(work) / "fresh"
        for snapshot in (first, *later):
            build_site(snapshot, Config(output=reused, base_url=BASE), snapshot.taken_at)
        last = later[-1]
        build_site(last, Config(output=fresh, base_url=BASE), last.taken_at)
        assert site_files(reused) == site_files(fresh)
