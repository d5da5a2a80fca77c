"""Two cron runs' data: the demo project, and the same project five minutes later with one incident taken down."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

from generator.model import Snapshot
from generator.snapshot import demo_snapshot, write_snapshot

DEMO = demo_snapshot()
EARLIER, LATER = DEMO.taken_at, DEMO.taken_at + timedelta(minutes=5)


def later_without_one_incident() -> Snapshot:
    """The demo at LATER without its first incident that no episode holds, so that its page must go."""
    in_episodes = {incident_id for episode in DEMO.episodes for incident_id in episode.incident_ids}
    gone = next(incident for incident in DEMO.incidents if incident.id not in in_episodes)
    return dataclasses.replace(DEMO, incidents=tuple(i for i in DEMO.incidents if i is not gone), taken_at=LATER)


TAKEN_DOWN_NUMBER = next(i.number for i in DEMO.incidents if i not in later_without_one_incident().incidents)


def write_earlier_and_later(folder: Path) -> tuple[Path, Path]:
    """Both snapshots as files in `folder`: earlier.json (the demo) and later.json."""
    earlier, later = folder / "earlier.json", folder / "later.json"
    write_snapshot(DEMO, earlier)
    write_snapshot(later_without_one_incident(), later)
    return earlier, later
