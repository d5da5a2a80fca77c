"""A live fetch: the API's rows, filtered down to a public Snapshot."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from generator.config import Config
from generator.model import Snapshot
from generator.oneuptime import fetch_raw_project
from generator.visibility import public_snapshot


def fetch_snapshot(config: Config, progress: Callable[[int, int | None], None] | None = None) -> Snapshot:
    """Everything public about the configured project, as of now."""
    taken_at = datetime.now(tz=UTC).replace(microsecond=0)
    raw = fetch_raw_project(config, progress=progress)
    return public_snapshot(raw, taken_at)
