"""Small built sites for the publish tests, and the changes a cron run meets between them."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

from generator.build import build_site
from generator.config import Config
from generator.model import Episode, Incident, Monitor, Snapshot
from tests import factories as f
from tests.publish.links import BASE_URL

LOGO = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><circle cx="4" cy="4" r="4" fill="#2d6a4f"/></svg>\n'
NEW_LOGO = LOGO.replace(b"#2d6a4f", b"#7b2cbf")


def incident(number: int, hours_before: float, *notes: str, episode: str | None = None) -> Incident:
    updates = [f.state_change(f"u{number}-created", hours_before, f.CREATED)]
    updates += [f.note(f"u{number}-note-{i}", hours_before - 0.5 - i, text) for i, text in enumerate(notes)]
    updates.append(f.state_change(f"u{number}-resolved", hours_before - 5, f.RESOLVED))
    return f.incident(
        number,
        title=f"Incident {number}: slow API",
        declared_at=f.at(hours_before),
        monitor_ids=("mon-api",),
        episode_id=episode,
        updates=tuple(updates),
    )


def base_snapshot() -> Snapshot:
    """Six incidents over two months; 3 and 4 form an episode."""
    incidents = [
        incident(n, n * 180.0, f"Errors on api-{n}; see [the runbook](https://example.com/{n}).", episode=episode)
        for n, episode in ((1, None), (2, None), (3, "ep-1"), (4, "ep-1"), (5, None), (6, None))
    ]
    episodes = (f.episode(1, declared_at=f.at(4 * 180.0), incident_ids=("inc-3", "inc-4")),)
    return f.snapshot(*incidents, episodes=episodes, monitors=(Monitor("mon-api", "API"),))


def with_note(snapshot: Snapshot, number: int, text: str) -> Snapshot:
    """A new public note on incident `number`."""
    incidents = tuple(
        dataclasses.replace(item, updates=(*item.updates, f.note(f"u{number}-late", 1.0, text)))
        if item.number == number
        else item
        for item in snapshot.incidents
    )
    return dataclasses.replace(snapshot, incidents=incidents)


def without(snapshot: Snapshot, number: int) -> Snapshot:
    """Incident `number` retracted (made private, hidden, or deleted)."""
    return dataclasses.replace(snapshot, incidents=tuple(i for i in snapshot.incidents if i.number != number))


def everything_changed(snapshot: Snapshot) -> Snapshot:
    """A month later: a new month, a new episode of two new incidents, a note, and a retraction."""
    later = f.TAKEN_AT + timedelta(days=40)
    new_incidents = [
        dataclasses.replace(incident(n, 0, "New trouble.", episode="ep-2"), declared_at=later - timedelta(hours=n))
        for n in (7, 8)
    ]
    episode = f.episode(2, declared_at=later - timedelta(hours=9), incident_ids=("inc-7", "inc-8"))
    changed = without(with_note(snapshot, 5, "We found it."), 2)
    episodes: tuple[Episode, ...] = (*changed.episodes, episode)
    return dataclasses.replace(
        changed, incidents=(*new_incidents, *changed.incidents), episodes=episodes, taken_at=later
    )


def build(folder: Path, snapshot: Snapshot, logo: bytes = LOGO) -> Path:
    """`snapshot` built into `folder` (a statusgen site, marker and all), with `logo` as its asset."""
    logo_file = folder.with_name(folder.name + "-logo.svg")
    logo_file.write_bytes(logo)
    build_site(snapshot, Config(output=folder, base_url=BASE_URL, logo=logo_file), snapshot.taken_at)
    return folder


def site_files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file() and path.name != ".statusgen-site"
    }
