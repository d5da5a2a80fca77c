"""What a build records for the next cron run: the evidence that its data did not change, and what reads the clock.

Written beside the output after each build that commits (`site` ->
`.site.statusgen.clock`), under the output's lock, and bound to the marker
the build left: any later build rewrites the marker, so a ledger outlives
its build only until then. The marker is named by its identity and by a
digest of its bytes: a site restored from a CI cache (new inodes, the same
bytes) is still the site the ledger was written for, and a run then lists its
files instead of trusting the seal. A cron run (clock_rebuild.py) trusts it
only if:
- the snapshot's incidents and episodes have the same bytes (digests of their
  spans, snapshot_sections.py), and everything else in it but the time and
  the uptime rows is the same (`rest`);
- the settings, theme and code are the same (`settings`);
- the services and maintenance, planned again at the new time, are the same
  (`clock`: an upcoming event's "in 3 days" counts only where `counting`, the
  pages not rewriting it; `status`), and the local date is the same (`today`);
- the new time is before `horizon` (clock_horizon.py) and not before the build's.
Then the site differs from the last only in the outputs listed in `remade`:
pages that show the build time or a growing value (`spans`: an ongoing duration, "in 3 days"), and feeds
dated by the build. When only some incidents changed, `records` (record_ledger.py) lets a run remake
only what shows them (record_rebuild.py).
No API key or private data is in it: only digests, public page paths, the
public feed channels and times. A ledger that is not well formed is declined,
never acted on. Like the seal and the spare tree's record, it is trusted as
the output folder itself is: whoever can write beside the output can change
the published site directly, so nothing here guards against that.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from generator.build_inputs import snapshot_digest
from generator.dates import in_zone
from generator.growing import DURATION, STARTS_IN
from generator.levels import LEVELS
from generator.restamp import FEED, PAGE
from generator.seal import file_identity
from generator.site_swap import replace_file
from generator.writer import MARKER_NAME, inside_site

LEDGER_FORMAT = "statusgen-clock-7"
CHANNEL_FIELDS = 5  # feeds.Channel's fields, which a remade feed's entry holds in order


@dataclass(frozen=True, slots=True)
class Remade:
    """An output the cron run makes again (restamp.Restamp's fields), with its files' digests as built."""

    kind: str
    path: str
    template: str
    channel: list[str]
    partials: list[str]
    digests: dict[str, str]
    spans: list[list[int | str]] = field(default_factory=list)  # a page's growing texts (growing_text.Span)


@dataclass(frozen=True, slots=True)
class ClockLedger:
    marker: list[int]  # seal.file_identity of the marker the build left
    marker_digest: str  # and build_inputs.snapshot_digest of its bytes
    snapshot_identity: list[int] | None
    data_digest: str
    sections: dict[str, str]
    spans: dict[str, list[int]]  # where the snapshot file's big arrays lie (snapshot_sections.recorded_spans)
    rest: str
    settings: str
    clock: str
    counting: bool  # the clock key counts each "in 3 days" text: the pages cannot have it rewritten (clock_record.py)
    status: list[str]
    build_time: str
    data_time: str
    today: str
    horizon: str | None
    pages: int
    ongoing: list[str]  # the banner level of each ongoing incident (site.ongoing_levels)
    # The digests of the files no key in the marker vouches for (the API, the site feeds, ...: a build renders
    # them every time) and that are not remade: a run in a site it must list checks them (clock_rebuild.py).
    checked: dict[str, str] = field(default_factory=dict)
    remade: list[Remade] = field(default_factory=list)
    # The digest of the records file beside it (records_file_for): what the build recorded of each incident,
    # for a run in which a few of them changed (record_ledger.py); None when its incidents cannot be told apart
    # so. A file of its own, read only by such a run: a clock-path run neither reads nor rewrites its 0.9 MB.
    records: str | None = None


def ledger_file_for(output: Path) -> Path:
    """`site` -> `.site.statusgen.clock`, beside the seal."""
    return output.with_name(f".{output.name}.statusgen.clock")


def write_ledger(output: Path, ledger: ClockLedger | None) -> None:
    """Record `ledger` for the next cron run; None removes any, so that none is trusted."""
    target = ledger_file_for(output)
    document = {"format": LEDGER_FORMAT, **asdict(ledger)} if ledger is not None else None
    try:
        target.unlink(missing_ok=True)  # first: a ledger that cannot be renewed must not outlive its build
        if document is None:
            records_file_for(output).unlink(missing_ok=True)
            return
        replace_file(target, _compact_json(document))
    except OSError:
        return  # the site is committed; the next run builds whole


def records_file_for(output: Path) -> Path:
    """`site` -> `.site.statusgen.records`, beside the ledger that names it by its digest."""
    return output.with_name(f".{output.name}.statusgen.records")


def write_records(output: Path, document: Mapping[str, Any]) -> str | None:
    """Write the records (record_ledger.records_document) beside the output: the digest a ledger names them
    by, or None if they could not be written (the ledger then has none)."""
    data = _compact_json(document)
    try:
        replace_file(records_file_for(output), data)
    except OSError:
        return None
    return snapshot_digest(data)


def _compact_json(document: Mapping[str, Any]) -> bytes:
    """A ledger's or records' bytes: keys sorted, no spaces, so the same document is the same bytes."""
    return json.dumps(document, sort_keys=True, separators=(",", ":")).encode("utf-8")


def read_records_file(output: Path, digest: str) -> object:
    """The records document the ledger names by `digest`; None if the file is gone or is another."""
    data = as_recorded(records_file_for(output), digest)
    if data is None:
        return None
    try:
        return json.loads(data)
    except (ValueError, RecursionError):
        return None


def marker_evidence(output: Path) -> tuple[list[int], str] | None:
    """The marker's identity and the digest of its bytes, for a ledger to name (call under the output's lock)."""
    marker = output / MARKER_NAME
    identity = file_identity(marker)
    try:
        data = marker.read_bytes()
    except OSError:
        return None
    return (identity, snapshot_digest(data)) if identity is not None else None


def is_ledger_site(output: Path, ledger: ClockLedger) -> bool:
    """Whether `output` holds the marker the ledger's build left: the very file, or its bytes restored.

    Every build writes a new marker, and its text holds the key of all that
    build's inputs (build_inputs.whole_key, the build time included), so equal
    bytes name the same build: a folder copied or restored from a CI cache.
    """
    marker = output / MARKER_NAME
    if file_identity(marker) == ledger.marker:
        return True
    try:
        return snapshot_digest(marker.read_bytes()) == ledger.marker_digest
    except OSError:
        return False


def as_recorded(path: Path, digest: str) -> bytes | None:
    """The file's bytes, if it can be read and they have `digest` (the ledger's record of them)."""
    try:
        content = path.read_bytes()
    except OSError:
        return None
    return content if snapshot_digest(content) == digest else None


def read_ledger(output: Path) -> ClockLedger | None:
    """The ledger beside `output`, or None when there is none or it is not one this statusgen wrote."""
    try:
        document = json.loads(ledger_file_for(output).read_bytes())
        if not isinstance(document, dict) or document.pop("format", None) != LEDGER_FORMAT:
            return None
        remade = [Remade(**entry) for entry in document.pop("remade")]
        ledger = ClockLedger(**document, remade=remade)
    except (OSError, ValueError, TypeError, KeyError, RecursionError):
        return None
    return ledger if _well_typed(ledger) else None


def _well_typed(ledger: ClockLedger) -> bool:
    """Every field of the type a build writes, each remade entry one a cron run can remake: a ledger that is
    not is declined (the build proper runs), never acted on."""
    strings = (
        ledger.marker_digest,
        ledger.data_digest,
        ledger.rest,
        ledger.settings,
        ledger.clock,
        ledger.build_time,
        ledger.data_time,
    )
    return (
        all(isinstance(value, str) for value in (*strings, ledger.today))
        and (ledger.horizon is None or isinstance(ledger.horizon, str))
        and type(ledger.counting) is bool
        and _ints(ledger.marker)
        and (ledger.snapshot_identity is None or _ints(ledger.snapshot_identity))
        and _strings(ledger.sections)
        and isinstance(ledger.spans, dict)
        and all(_ints(span) and len(span) == 2 for span in ledger.spans.values())
        and isinstance(ledger.status, list)
        and len(ledger.status) == 2
        and all(isinstance(value, str) for value in ledger.status)
        and type(ledger.pages) is int
        and isinstance(ledger.ongoing, list)
        and all(level in LEVELS for level in ledger.ongoing)
        and _strings(ledger.checked)
        and all(inside_site(path) for path in ledger.checked)
        and all(_well_formed(entry) for entry in ledger.remade)
        and (ledger.records is None or isinstance(ledger.records, str))
    )


def _well_formed(entry: Remade) -> bool:
    return (
        entry.kind in (PAGE, FEED)
        and isinstance(entry.path, str)
        and (entry.path == "" or (entry.path.endswith("/") and inside_site(entry.path[:-1])))
        and isinstance(entry.template, str)
        and isinstance(entry.channel, list)
        and all(isinstance(value, str) for value in entry.channel)
        and len(entry.channel) == (CHANNEL_FIELDS if entry.kind == FEED else 0)
        and isinstance(entry.partials, list)
        and all(isinstance(value, str) for value in entry.partials)
        and _strings(entry.digests)
        and bool(entry.digests)
        and all(inside_site(path) for path in entry.digests)
        and _spans(entry)
    )


def _spans(entry: Remade) -> bool:
    """A page's growing texts: [start, end, ISO time, kind] each, in order, apart; only on a page."""
    if not isinstance(entry.spans, list) or (entry.spans and entry.kind != PAGE):
        return False
    position = 0
    for span in entry.spans:
        if not (isinstance(span, list) and len(span) == 4 and type(span[0]) is int and type(span[1]) is int):
            return False
        if not (position <= span[0] <= span[1] and isinstance(span[2], str) and _moment(span[2])):
            return False
        if span[3] not in (DURATION, STARTS_IN):
            return False
        position = span[1]
    return True


def _moment(text: str) -> bool:
    try:
        return datetime.fromisoformat(text).tzinfo is not None
    except ValueError:
        return False


def _ints(values: object) -> bool:
    return isinstance(values, list) and all(type(value) is int for value in values)


def _strings(mapping: object) -> bool:
    return isinstance(mapping, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in mapping.items())


def local_date(moment: datetime, timezone: str) -> date:
    """The day the home page's recent days end on (site._recent_days): a cron run on another day builds whole."""
    return in_zone(moment, ZoneInfo(timezone)).date()
