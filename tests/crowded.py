"""A project in the middle of a large outage: hundreds of ongoing incidents, each with a few notes.

`python -m tests.crowded [COUNT] [HOURS_APART]` prints the home page's size for this checkout,
the figure behind docs/visitors.md (300 incidents, 0.08 h apart: a day's outage).
"""

from __future__ import annotations

import gzip
import sys

from generator.build import render_site
from generator.config import Config
from generator.model import Snapshot
from tests import factories as f

CROWDED_CONFIG = Config(title="Crowded status", base_url="https://status.example.com")


def crowded_snapshot(count: int = 300, hours_apart: float = 0.08) -> Snapshot:
    """`count` ongoing incidents declared `hours_apart` apart, newest first, three notes each."""
    incidents = []
    for number in range(1, count + 1):
        start = hours_apart * number
        notes = (
            f.note(f"u{number}-n{k}", start - 0.01 * k, f"Update {k}: we are looking into *incident* {number}.")
            for k in range(1, 4)
        )
        incidents.append(
            f.incident(
                number,
                declared_at=f.at(start),
                updates=(f.state_change(f"u{number}-c", start, f.CREATED), *notes),
                state_id=f.CREATED.id,
                title=f"Elevated errors on endpoint {number}",
            )
        )
    return f.snapshot(*incidents)


def main() -> None:  # pragma: no cover - a measuring tool
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    hours_apart = float(sys.argv[2]) if len(sys.argv) > 2 else 0.08
    snapshot = crowded_snapshot(count, hours_apart)
    files = render_site(snapshot, CROWDED_CONFIG, snapshot.taken_at)
    home = files["index.html"]
    every = len(files.get("ongoing/index.html", b""))
    sys.stdout.write(
        f"{count} ongoing, {hours_apart} h apart: index.html {len(home):,} bytes "
        f"({len(gzip.compress(home, 9)):,} gzipped); ongoing/ {every:,} bytes\n"
    )


if __name__ == "__main__":
    main()
