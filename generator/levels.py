"""The four levels of "how bad is it", worded as Atlassian Statuspage words them, and what each means elsewhere.

One table, so that the banner, the badge, `status.json`'s indicator and a
component's status can never disagree: each output reads its own column of
the same level.
"""

from __future__ import annotations

from collections.abc import Iterable

OPERATIONAL = "operational"
DEGRADED = "degraded"
PARTIAL = "partial"
MAJOR = "major"

LEVELS = (OPERATIONAL, DEGRADED, PARTIAL, MAJOR)
"""From best to worst; a level is also the CSS hook of the banner and the badge's colour."""

BANNER_LABELS = {
    OPERATIONAL: "All systems operational",
    DEGRADED: "Degraded performance",
    PARTIAL: "Partial outage",
    MAJOR: "Major outage",
}
COMPONENT_STATUS = {
    OPERATIONAL: "operational",
    DEGRADED: "degraded_performance",
    PARTIAL: "partial_outage",
    MAJOR: "major_outage",
}
INDICATOR = {OPERATIONAL: "none", DEGRADED: "minor", PARTIAL: "major", MAJOR: "critical"}

# An ongoing incident's level by its severity's rank (views.IMPACTS): the project's most
# severe severity is a major outage, the next a partial outage, any other a degradation.
IMPACT_LEVEL = {"critical": MAJOR, "major": PARTIAL, "minor": DEGRADED}


def worst(levels: Iterable[str]) -> str:
    """The worst of these levels; operational when there are none."""
    return max(levels, key=LEVELS.index, default=OPERATIONAL)
