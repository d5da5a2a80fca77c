"""The ledger a build leaves for the next cron run (clock_ledger.py): made after its commit, under the lock.

A build records one only when a later run could use it: its snapshot came
from a file that splits (snapshot_sections.py), no output reads the time in a
way that cannot be remade alone, nothing is due to change the site before the
next run (clock_horizon.py), each page that shows the build time passed the
splice check (stamp_splice.py), and each ongoing duration was shown where the
next run can rewrite it (growing_text.py). Otherwise any old ledger is removed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import jinja2

from generator.build_inputs import snapshot_digest
from generator.clock_horizon import clock_horizon
from generator.clock_ledger import ClockLedger, Remade, local_date, marker_evidence, write_records
from generator.config import SiteSettings
from generator.dates import format_datetime
from generator.growing_check import bundled_catalog, shows_growth_plainly
from generator.growing_text import Growth, Span
from generator.model import Snapshot
from generator.output import Output
from generator.record_ledger import IncidentRecords, incident_records, records_document
from generator.restamp import FEED, NOT_POSSIBLE, PAGE
from generator.site import common_context, ongoing_levels, restamp_context
from generator.snapshot_sections import RecordSpans
from generator.stamp_splice import can_restamp, stamp_partials
from generator.themes import default_theme_dir
from generator.views import SitePlan


@dataclass(frozen=True, slots=True)
class ClockSource:
    """What the build's snapshot file gives the ledger."""

    rest: str  # snapshot_sections.rest_digest
    sections: Mapping[str, str]  # snapshot_sections.file_digests(...).sections
    snapshot_identity: list[int] | None  # of the very file read (snapshot.read_snapshot_file)
    data_digest: str  # snapshot_sections.file_digests(...).whole
    spans: Mapping[str, tuple[int, int]]  # where its big arrays lie (snapshot_sections.spans_of)
    # Where each incident lies in the file (LoadedSnapshot.records), and its bytes: for record_ledger.py.
    incident_spans: RecordSpans | None = None
    data: bytes = b""


@dataclass(frozen=True, slots=True)
class Shown:
    """What the committed build's outputs gave the ledger."""

    files: Mapping[str, bytes]  # each watched path's bytes (watched_paths), and each page's with a duration
    growth: Mapping[str, Growth]  # by an output's first path: what it showed of ongoing durations (jobs.Outcome)
    unkeyed: Mapping[str, str]  # the digest of each file of an output without a key (build._files)


@dataclass(frozen=True, slots=True)
class ClockEvidence:
    """The snapshot's part, and what the build computed for the ledger."""

    source: ClockSource
    settings: str  # build_inputs.settings_digest of the settings with the page's defaults
    clock: tuple[str, str]  # site.clock_keys of site.plan_clock_parts before they were linked: plain, counting


def watched_paths(outputs: Iterable[Output]) -> set[str]:
    """The files of the outputs a cron run would remake: the build keeps their bytes for the ledger.

    None at all when there are too many pages to remake (MOST_REMADE_PAGES).
    """
    remade = [output for output in outputs if output.restamp is not None]
    if _pages(remade) > MOST_REMADE_PAGES:
        return set()
    return {path for output in remade for path in output.paths}


def _pages(outputs: Iterable[Output]) -> int:
    return sum(1 for output in outputs if output.restamp is not None and output.restamp.kind == PAGE)


# A theme that shows the time on more pages than this (in a footer, say) builds whole: checking
# each page's splice costs a render of it, and keeping its bytes for the check costs memory.
MOST_REMADE_PAGES = 16
# A site that shows growing values on more pages than this builds whole. The bundled theme shows
# "in 3 days" on the home page, the maintenance list and each service page an upcoming event
# affects, and an ongoing duration on the pages that list the item: a few dozen pages.
MOST_GROWING_PAGES = 200


def clock_ledger(
    evidence: ClockEvidence,
    plan: SitePlan,
    settings: SiteSettings,
    outputs: Iterable[Output],
    environment: jinja2.Environment,
    shown: Shown,
    output: Path,
    data_time: datetime,
    pages: int,
    records: Callable[[], IncidentRecords | None],
) -> ClockLedger | None:
    """The ledger of this committed build, or None when a cron run could not remake it alone.

    `records` gives ledger_records' answer (the build makes it while its workers render).
    """
    build_time, files = plan.build_time, shown.files
    horizon = clock_horizon(plan)
    if horizon is not None and horizon <= build_time:
        return None
    shown_growth = _growing(plan, shown.growth, shown.unkeyed, environment)
    if shown_growth is None:
        return None
    growing, counting = shown_growth
    outputs = [output for output in outputs if output.restamp is not None]
    if len(growing) > MOST_GROWING_PAGES or _pages(outputs) > MOST_REMADE_PAGES:
        return None
    pages_by_path = {page.path: page for page in plan.pages}
    common = common_context(settings, plan.status, build_time, plan.maintenance) if plan.maintenance else None
    remade = []
    for item in outputs:
        restamp = item.restamp
        assert restamp is not None  # noqa: S101 - kept above
        if restamp.kind == NOT_POSSIBLE or common is None or not all(path in files for path in item.paths):
            return None
        if restamp.kind == FEED:
            remade.append(Remade(FEED, restamp.path, "", list(restamp.channel), [], _digests(files, item.paths)))
            continue
        assert restamp.kind == PAGE  # noqa: S101 - restamp.py has no other kind
        page, path = pages_by_path.get(restamp.path), restamp.path + "index.html"
        partials = stamp_partials(environment, restamp.template)
        if page is None or partials is None or item.paths != (path,):
            return None
        context = restamp_context(page.path, page.template, common)
        if not can_restamp(environment, page, files[path], partials, context):
            return None
        listed = _listed(growing.pop(path, ()))
        remade.append(Remade(PAGE, page.path, page.template, [], list(partials), _digests(files, [path]), listed))
    for path, spans in sorted(growing.items()):
        page = pages_by_path.get(path.removesuffix("index.html"))
        if page is None or page.path + "index.html" != path or path not in files:
            return None  # a duration on a page the plan does not list (the 404 page): built whole
        remade.append(Remade(PAGE, page.path, page.template, [], [], _digests(files, [path]), _listed(spans)))
    marker = marker_evidence(output)
    if marker is None:
        return None
    return ClockLedger(
        marker=marker[0],
        marker_digest=marker[1],
        snapshot_identity=evidence.source.snapshot_identity,
        data_digest=evidence.source.data_digest,
        sections=dict(evidence.source.sections),
        spans={key: list(span) for key, span in evidence.source.spans.items()},
        rest=evidence.source.rest,
        settings=evidence.settings,
        clock=evidence.clock[1] if counting else evidence.clock[0],
        counting=counting,
        status=[plan.status.level, plan.status.label],
        build_time=format_datetime(build_time),
        data_time=format_datetime(data_time),
        today=local_date(build_time, settings.timezone).isoformat(),
        horizon=format_datetime(horizon) if horizon is not None else None,
        pages=pages,
        ongoing=ongoing_levels(plan.incidents),
        checked=_checked(shown.unkeyed, remade),
        remade=remade,
        records=_records(output, records()),
    )


def ledger_records(
    source: ClockSource, plan: SitePlan, snapshot: Snapshot, environment: jinja2.Environment
) -> IncidentRecords | None:
    """What a run in which a few incidents changed needs (record_rebuild.py). Only for the bundled theme, whose
    lists show an incident by what record_ledger.incident_card digests. It reads nothing the build renders."""
    search_path = [Path(folder) for folder in getattr(environment.loader, "searchpath", ())]
    if search_path != [default_theme_dir()]:
        return None
    return incident_records(plan, snapshot, source.incident_spans, source.data)


def _records(output: Path, records: IncidentRecords | None) -> str | None:
    """The records written beside the output: their digest."""
    return write_records(output, records_document(records)) if records is not None else None


def _checked(unkeyed: Mapping[str, str], remade: Iterable[Remade]) -> dict[str, str]:
    """The unkeyed files a cron run keeps: all but those it remakes (whose digests their entries hold)."""
    remade_paths = {path for entry in remade for path in entry.digests}
    return {path: digest for path, digest in sorted(unkeyed.items()) if path not in remade_paths}


def _growing(
    plan: SitePlan, growth: Mapping[str, Growth], unkeyed: Mapping[str, str], environment: jinja2.Environment
) -> tuple[dict[str, tuple[Span, ...]], bool] | None:
    """The pages that show a growing value, with where, and whether the clock key must count "in 3 days";
    None if an ongoing duration shows in a way a cron run cannot redo.

    A page with a key whose inputs hold an "in 3 days" it does not show (an
    event's own page, where the stage is told otherwise) is listed too, with
    no text: a later build keeps it while its key holds (kept_growing.py).

    Nothing to show when nothing is ongoing or upcoming; otherwise every
    template that rendered an output holding a growing value must be the
    bundled theme's, and so must the catalog of the site's language
    (growing_check.py). A site that fails that with only upcoming events (a
    theme of one's own, most often) is left as before such texts were
    rewritten: the clock key counts each one, and a run whose "in 3 days"
    changed builds whole.
    """
    resolved = all(view.is_resolved for view in plan.incidents) and all(view.is_resolved for view in plan.episodes)
    ongoing = not resolved
    upcoming = plan.maintenance is not None and any(view.starts_in is not None for view in plan.maintenance.events)
    if not ongoing and not upcoming:
        return {}, False
    search_path = [Path(folder) for folder in getattr(environment.loader, "searchpath", ())]
    language = str(environment.globals.get("language", ""))
    trusted = bool(search_path) and bundled_catalog(search_path, language)
    spans = {}
    for path, item in growth.items():
        if not trusted or not item.known or not all(shows_growth_plainly(environment, name) for name in item.templates):
            trusted = False
            break
        if item.spans or (item.templates and path not in unkeyed):
            spans[path] = item.spans
    if trusted:
        return spans, False
    return None if ongoing else ({}, True)


def _listed(spans: tuple[Span, ...]) -> list[list[int | str]]:
    return [list(span) for span in spans]


def _digests(files: Mapping[str, bytes], paths: Iterable[str]) -> dict[str, str]:
    return {path: snapshot_digest(files[path]) for path in paths}
