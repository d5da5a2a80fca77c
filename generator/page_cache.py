"""The page cache, in one place: what a page's key is made of, and what the last build recorded.

A build renders a page or feed again only when its key differs from the key
the previous build recorded for the same path (in the output folder's marker),
or its files are gone. A key digests exactly:
- the code that renders (our source, the rendering libraries' versions, Python's,
  and the time-zone database's, since every shown time goes through it),
- the theme's files and the public settings (SiteSettings: never the API key);
  these two are build_inputs.settings_digest, one digest for the whole build,
- an output's inputs (output.py): for a page, the context names its templates
  can show (pages.py picks them).
`--no-cache` (enabled=False) ignores what was recorded: everything is rendered.

The views refer to each other (an incident to its episode, which lists the
incident); REFERENCE_FIELDS declares those fields, and LEAF_TYPES the frozen
values digested whole from their repr (fingerprint.py). tests/test_page_cache.py
checks both against the classes, so a new view field cannot slip past them.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Set
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from generator.build_inputs import digest_of, snapshot_digest
from generator.config import SiteSettings
from generator.day_bars import CalendarMonth, DayBar
from generator.fingerprint import Fingerprinter
from generator.growing import GrowingSpan, StartsIn
from generator.maintenance_views import MaintenanceView
from generator.model import (
    Episode,
    Incident,
    Monitor,
    Postmortem,
    Service,
    ServiceGroup,
    Severity,
    Snapshot,
    State,
    Update,
)
from generator.services import ServiceView, StatusView
from generator.snapshot_sections import RecordSpans
from generator.views import (
    EpisodeView,
    FeedLink,
    IncidentView,
    OverallStatus,
    PublishedPostmortem,
    SitePlan,
    TimelineEntry,
)

STATE_FORMAT = "statusgen-build-state-1"

# Immutable values whose repr shows all they hold: digested in one step.
LEAF_TYPES: tuple[type, ...] = (
    Incident,
    Episode,
    State,
    Severity,
    Monitor,
    Update,
    Postmortem,
    TimelineEntry,
    PublishedPostmortem,
    FeedLink,
    OverallStatus,
    SiteSettings,
    Service,
    ServiceGroup,
    StatusView,
    DayBar,
    CalendarMonth,
)
# Values that differ at every build time: an output whose inputs hold one has no key (fingerprint.py).
VOLATILE_TYPES: tuple[type, ...] = (GrowingSpan,)
# Values whose text moves with the build time though what they stand for does not: "in 28 days" is
# keyed by the event's start (DERIVED_FIELDS), and an output that holds one is kept only where the
# last build's ledger shows each such text of it reading as it did (page_key, kept_growing.py).
MOVING_TYPES: tuple[type, ...] = (StartsIn,)
# Fields that point back up the graph of views (see fingerprint.py).
REFERENCE_FIELDS: Mapping[type, frozenset[str]] = {
    IncidentView: frozenset({"episode"}),
    EpisodeView: frozenset({"latest_note_incident"}),
}
# Fields made from other fields of the same view and from the project's states, which
# every key holds (key_base): left out of the view's digest, which they would double.
# A timeline is its item's updates (in the Incident or Episode) named by their states;
# digesting its entries again cost a third of a cron run's fingerprinting.
# How soon an event starts is made from its start and the build time: the clock key (clock_key) holds
# the start alone, and the cron run rewrites the text (growing_text.py).
DERIVED_FIELDS: Mapping[type, frozenset[str]] = {
    IncidentView: frozenset({"timeline"}),
    EpisodeView: frozenset({"timeline"}),
    StartsIn: frozenset({"count", "unit"}),
    # A service's runs of alike days and its calendar months are its days regrouped (day_bars.py), read in
    # the build's language: digested again, they were a fifth of the clock key's work (clock_rebuild.py).
    ServiceView: frozenset({"bars", "calendar"}),
}
# The clock key (site.clock_keys) is compared only once the snapshot but for its incidents, episodes and
# uptime rows is the last build's (clock_rebuild._rest_of_snapshot): every maintenance event, its notes
# and the maintenance states are as they were. What a maintenance view makes of them alone cannot differ
# there; what the build time moves (its stage, whether it was cancelled, how soon it starts, its status in
# the API) is digested. Digesting every event's notes again was half of that key's work.
CLOCK_DERIVED_FIELDS: Mapping[type, frozenset[str]] = {
    **DERIVED_FIELDS,
    MaintenanceView: frozenset({"maintenance", "label", "services", "timeline", "last_changed", "change_words"}),
}


def key_base(settings: str, plan: SitePlan) -> str:
    """What every key of a build holds: the settings digest (build_inputs) and the project's states and severities."""
    return digest_of(settings, Fingerprinter(leaf_types=LEAF_TYPES).of((plan.states, plan.severities)))


@dataclass(frozen=True, slots=True)
class PreviousBuild:
    """What the last build into the folder recorded: its page keys and the key of all its inputs.

    `text` is the marker's text it was read from ("" when there was none to trust).
    """

    keys: Mapping[str, str]
    document: Mapping[str, object]
    text: str = ""

    def key_of(self, path: str) -> str | None:
        return self.keys.get(path)


NO_PREVIOUS_BUILD = PreviousBuild({}, {})


def previous_build(state: str, *, enabled: bool = True) -> PreviousBuild:
    """The previous build's record from the marker's text; unreadable (or the cache off) means none."""
    try:
        document = json.loads(state)
    except ValueError:
        return NO_PREVIOUS_BUILD
    if not isinstance(document, dict) or document.get("format") != STATE_FORMAT:
        return NO_PREVIOUS_BUILD
    if not enabled:
        return PreviousBuild({}, {"data_time": document.get("data_time")})
    keys = document.get("keys")
    page_keys = {str(k): str(v) for k, v in keys.items()} if isinstance(keys, dict) else {}
    return PreviousBuild(page_keys, document, state)


def state_text(**fields: object) -> str:
    """The marker's text: this build's record (page keys, the key of all inputs, the data's time)."""
    return json.dumps({"format": STATE_FORMAT, **fields}, sort_keys=True, separators=(",", ":"))


def state_text_keeping_keys(previous: PreviousBuild, **fields: object) -> str | None:
    """state_text(keys=previous.keys, **fields), with the keys' text taken as it is from the marker's.

    A cron run that remakes only pages without a key (clock_rebuild.py) writes
    the marker again with the same twenty thousand keys: encoding them again
    was most of what its marker cost. None when `previous.text` is not laid out
    as state_text lays out its own document; the keys' text itself is taken as
    state_text wrote it, which holds for the marker a build or a cron run wrote
    (the clock path runs only on that very marker, by identity or digest), not
    for one edited by hand.
    """
    around = _around_keys(previous.document)
    text = previous.text
    if not isinstance(previous.document.get("keys"), dict) or around is None:
        return None
    if not text.startswith(around[0]) or not text.endswith(around[1]):
        return None
    keys_text = text[len(around[0]) : len(text) - len(around[1])]
    if not keys_text.startswith("{"):
        return None  # (a text shorter than its head and tail together overlaps them)
    renewed = _around_keys(fields)
    return None if renewed is None else renewed[0] + keys_text + renewed[1]


def _around_keys(document: Mapping[str, object]) -> tuple[str, str] | None:
    """What state_text writes before and after the keys' object of `document`."""
    placeholder = '"keys":{}'
    head, found, tail = state_text(**{**document, "keys": {}}).partition(placeholder)
    return (head + '"keys":', tail) if found and placeholder not in tail else None


def paths_digest(paths: Iterable[str]) -> str:
    """A digest of a site's file list: a rebuild with the same inputs still renders if a file went missing.

    The names are joined by NUL, the one character no file name holds: joined by
    newlines, one file named "a\nb" read as the two files "a" and "b".
    """
    return snapshot_digest("\0".join(sorted(paths)).encode("utf-8", "surrogateescape"))


def page_key(inputs: object) -> tuple[str, bool]:
    """The key of a job's inputs, in this process (a forked worker keeps its own memo), and whether they
    hold an "in 28 days" (MOVING_TYPES), which the key holds by the event's start alone.

    Raises fingerprint.VolatileValue for inputs that hold an ongoing duration: no key lasts.
    """
    return _fingerprinter().moving(inputs)


def is_kept(key: str, paths: Iterable[str], previous: PreviousBuild, existing: Set[str]) -> bool:
    """Whether a job's files may stay as they are: the same key as last time, and every file still there."""
    paths = tuple(paths)
    return previous.key_of(paths[0]) == key and all(path in existing for path in paths)


def clock_key(parts: object) -> str:
    """The plan's clock parts' key (site.clock_keys), computed without the process's memo: they change after.

    A StartsIn counts by its start alone (DERIVED_FIELDS): a cron run rewrites its text (growing_text.py).
    A maintenance view counts by what the build time moves in it (CLOCK_DERIVED_FIELDS).
    """
    return Fingerprinter(LEAF_TYPES, REFERENCE_FIELDS, CLOCK_DERIVED_FIELDS).of(parts)


_fingerprinters: dict[int, Fingerprinter] = {}
_leaf_digests: dict[int, tuple[Any, Callable[[], str]]] = {}


@contextmanager
def keys_of_one_build(leaf_digests: Mapping[int, tuple[Any, Callable[[], str]]] | None = None) -> Iterator[None]:
    """Page keys memoised for the length of one build, then forgotten.

    The memo keeps every value it digested alive (its keys are their ids): in a
    process that builds again and again, `statusgen serve` rebuilding a small
    site in its own process, it kept every build's plan (half a megabyte more at
    each rebuild of the demo site). Forked workers' memos end with them.
    `leaf_digests` (record_leaves) name the snapshot's incidents for every key of the build.
    """
    _fingerprinters.clear()
    _leaf_digests.clear()
    _leaf_digests.update(leaf_digests or {})
    try:
        yield
    finally:
        _fingerprinters.clear()
        _leaf_digests.clear()


def record_leaves(
    snapshot: Snapshot, records: Mapping[str, RecordSpans], raw: bytes
) -> dict[int, tuple[Any, Callable[[], str]]]:
    """By id, the snapshot's incidents and episodes, each with the digest of the bytes it was read from (when asked).

    An incident's page and feed are keyed by its value; walking its fields
    (its repr) for that was a third of a run's keying, in each worker, though
    the snapshot file's bytes name it exactly: the same bytes decode to the
    same incident (snapshot_decode reads an element from its own bytes alone).
    `records` are LoadedSnapshot.records, the spans of `raw` they were read
    from; an array without them, or with another count, is digested as before.
    Digests are taken where a key needs them, in the workers, not before.
    """
    known: dict[int, tuple[Any, Callable[[], str]]] = {}
    for name, items in (("incidents", snapshot.incidents), ("episodes", snapshot.episodes)):
        spans = records.get(name)
        if spans is not None and len(spans) == len(items):
            for item, (start, end) in zip(items, spans, strict=True):
                known[id(item)] = (item, functools.partial(_record_digest, raw, name, start, end))
    return known


def _record_digest(raw: bytes, name: str, start: int, end: int) -> str:
    return digest_of("snapshot-record", name, snapshot_digest(memoryview(raw)[start:end]))


def _fingerprinter() -> Fingerprinter:
    """One per process (a forked worker starts its own), so memoised digests are shared by its jobs."""
    process = os.getpid()
    if process not in _fingerprinters:
        _fingerprinters[process] = Fingerprinter(
            LEAF_TYPES,
            REFERENCE_FIELDS,
            DERIVED_FIELDS,
            VOLATILE_TYPES,
            leaf_digests=_leaf_digests,
            moving_types=MOVING_TYPES,
        )
    return _fingerprinters[process]
