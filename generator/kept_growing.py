"""Pages showing "in 28 days" that a build may keep: where the last ledger shows each such text reading as it did.

An upcoming maintenance event's "in 28 days" moves with the build time, so
until December 2026 every page that showed one (each service page an event
affects, the event's own page, the maintenance list: 174 outputs at 10,000
incidents) was rendered at every build, a fifth of a run with one new note.
Such a page is now keyed by the event's start (page_cache.MOVING_TYPES), and
kept when its key is the last build's and the ledger that build (or the cron
runs since) left for the very site (clock_ledger.is_ledger_site) lists the
page with its growing texts, each of which reads at this build's time as it
did at the ledger's, and the page still has the bytes the ledger knows: then
they are what a render would give. The ledger also knows where those texts
lie, which the build passes on to the next ledger (clock_record.py) as if it
had rendered the page.

A cron run that rewrites a page's text in place drops its key from the
marker (clock_rebuild._state), so a later build renders that page.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from generator.clock_ledger import as_recorded, is_ledger_site, read_ledger
from generator.clock_remaker import ledger_spans
from generator.dates import parse_datetime
from generator.growing import STARTS_IN
from generator.growing_text import Growth, same_texts
from generator.restamp import PAGE


def still_reading(
    output: Path, text_at: Callable[[str, datetime, datetime], str], build_time: datetime
) -> dict[str, Growth]:
    """By file path, the last ledger's pages whose every growing text is an "in 28 days" that reads at
    `build_time` as it did (a page that holds one but shows none too), with where those texts lie;
    empty when the ledger is not this site's.

    `text_at(kind, since, at)` is the text of a growing value at a time (formats.Formats.growing).
    Call under the output's lock.
    """
    ledger = read_ledger(output)
    if ledger is None or ledger.counting or not is_ledger_site(output, ledger):
        return {}
    try:
        built = parse_datetime(ledger.build_time)
    except ValueError:
        return {}
    reading = {}
    for entry in ledger.remade:
        if entry.kind != PAGE or entry.partials or len(entry.digests) != 1:
            continue
        spans = tuple(ledger_spans(entry))
        if all(kind == STARTS_IN for *_, kind in spans) and same_texts(spans, text_at, built, build_time):
            ((path, digest),) = entry.digests.items()
            if as_recorded(output / path, digest) is not None:  # a hand edit since is rendered over
                reading[path] = Growth(spans, (entry.template,), True)
    return reading
