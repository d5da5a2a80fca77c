"""The orchestrator: plan, render everything in memory, then let the writer commit.

Nothing touches the output folder until every page and feed has rendered, so
a broken template or bad data leaves the previous site as it was. The output
folder's marker records when the data was taken, and a build from older data
than that is refused: a slow cron run must not bring back what a faster,
later one already took down.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from generator.badge import badge_outputs
from generator.build_inputs import NEEDS_BASE_URL as NEEDS_BASE_URL
from generator.build_inputs import BuildInputs, settings_digest, snapshot_digest, source_date_epoch, whole_key
from generator.clock_ledger import ClockLedger, write_ledger
from generator.clock_record import ClockEvidence, ClockSource, Shown, clock_ledger, ledger_records, watched_paths
from generator.config import Config
from generator.dates import format_datetime, parse_datetime
from generator.errors import OlderDataError, OutputError
from generator.favicon import favicon_outputs
from generator.feeds import feed_outputs
from generator.formats import Formats
from generator.growing_text import Growth
from generator.i18n import load_language
from generator.jobs import NewFiles, Outcome, run_outputs, schedule
from generator.kept_growing import still_reading
from generator.later import Later
from generator.maintenance_calendar import calendar_outputs
from generator.markdown_ahead import MarkdownAhead, rendering_ahead
from generator.model import Snapshot
from generator.output import Output, OutputKind, Sources, Theme, asset_outputs
from generator.page_cache import (
    NO_PREVIOUS_BUILD,
    PreviousBuild,
    key_base,
    keys_of_one_build,
    paths_digest,
    previous_build,
    record_leaves,
    state_text,
)
from generator.page_settings import with_page_defaults
from generator.pages import not_found_outputs, page_outputs
from generator.parallel import paused_collection, run_ranges
from generator.quick_exit import hold_to_the_end
from generator.record_ledger import IncidentRecords
from generator.render import make_environment
from generator.seal import seal_file_for, sealed_files, sealed_report, write_seal
from generator.site import clock_keys, plan_clock_parts, plan_site
from generator.sitemap import crawler_outputs
from generator.snapshot import LoadedSnapshot, SnapshotSource
from generator.snapshot_sections import RecordSpans
from generator.statuspage_api import api_outputs
from generator.themes import theme_assets, theme_search_path
from generator.writer import (
    MARKER_NAME,
    REUSE,
    STAGED,
    BuildReport,
    Content,
    SiteWriter,
    Staged,
    WriteReport,
    compare_with_existing,
    duplicate_path,
    existing_files,
    open_site,
    read_state,
    site_folder,
)

PageProgress = Callable[[int, int], None]
"""Told (pages done, pages in all) as pages are rendered or kept, for a counter on a terminal."""


def build_time_for(snapshot: Snapshot, environ: Mapping[str, str] | None = None) -> datetime:
    """SOURCE_DATE_EPOCH when set (the reproducible-builds convention), else the snapshot's time.

    A snapshot describes the world at the moment it was taken, so "ongoing for
    3 h" is measured to then; the same snapshot always builds the same site.
    """
    return source_date_epoch(environ) or snapshot.taken_at


def build_from_source(
    source: SnapshotSource,
    config: Config,
    environ: Mapping[str, str] | None = None,
    check: bool = False,
    allow_older: bool = False,
    use_cache: bool = True,
    progress: PageProgress | None = None,
) -> BuildReport:
    """Build from a snapshot's bytes; when nothing that goes into the site changed, do nothing at all.

    The same snapshot bytes, build time, settings, theme and code as the
    last build, whose files are all still there, give the same site: then
    the snapshot is not even parsed. Otherwise the build is the usual one,
    where each page is rendered again only if its own inputs changed.
    `allow_older` lets it replace a site built from newer data (a rollback);
    without `use_cache` every page is rendered again; `progress` counts pages.
    """
    source.spans  # noqa: B018 - found here, which both the parse and the digests read (a cached property)
    # Forked before the digests' thread starts: a full build renders every text, so a helper renders
    # some on the idle core while this process parses and plans (markdown_ahead.py).
    wanted = _renders_everything(config, use_cache, check)
    with rendering_ahead(source.data, source.spans, wanted) as ahead:
        return _build_from_source(source, config, environ, check, allow_older, use_cache, progress, ahead)


def _build_from_source(
    source: SnapshotSource,
    config: Config,
    environ: Mapping[str, str] | None,
    check: bool,
    allow_older: bool,
    use_cache: bool,
    progress: PageProgress | None,
    ahead: MarkdownAhead | None,
) -> BuildReport:
    epoch = source_date_epoch(environ)
    # The file's digests let go of the interpreter while they hash (later.py): on a thread of their
    # own they overlap the parse, 55 ms of a full build at 10,000 incidents. Where a last build
    # may have had these very inputs, they are awaited first, so that such a build parses nothing.
    maybe_built = use_cache and _may_have_been_built(config.output)
    digests = Later(lambda: source.digests)
    inputs: BuildInputs | None = None  # (whole_key reads the theme and the code: made once)
    try:
        if maybe_built:
            inputs = _inputs(config, epoch, source, digests.result().whole)
            unchanged = sealed_report(config.output, inputs.whole) or _unchanged_build(config.output, inputs.whole)
            if unchanged is not None:
                return unchanged
        with paused_collection():
            loaded = source.load()
            data_digest = digests.result().whole  # before any worker is forked: no thread of ours outlives this
            inputs = inputs or _inputs(config, epoch, source, data_digest)
            snapshot = loaded.snapshot
            build_time = epoch or snapshot.taken_at
            return build_site(
                snapshot,
                config,
                build_time,
                check=check,
                inputs=inputs,
                allow_older=allow_older,
                use_cache=use_cache,
                progress=progress,
                clock=_clock_source(loaded, source, data_digest) if use_cache else None,
                records=(loaded.records, source.data),
                ahead=ahead,
            )
    finally:
        digests.wait()  # also when the parse fails: `statusgen serve` goes on in this process, and forks


def _inputs(config: Config, epoch: datetime | None, source: SnapshotSource, data_digest: str) -> BuildInputs:
    return BuildInputs(whole_key(config, data_digest, epoch), data_digest, source.file_identity)


def _renders_everything(config: Config, use_cache: bool, check: bool) -> bool:
    """Whether this build will render every page: no marker holds a last build's page keys, or they are not used."""
    return not check and (not use_cache or not (site_folder(config.output) / MARKER_NAME).exists())


def _may_have_been_built(output: Path) -> bool:
    """Whether a last build left its marker or its seal: else neither sealed_report nor _unchanged_build can answer."""
    folder = site_folder(output)
    return (folder / MARKER_NAME).exists() or seal_file_for(folder).exists()


def _clock_source(loaded: LoadedSnapshot, source: SnapshotSource, data_digest: str) -> ClockSource | None:
    """What the ledger needs of the snapshot file, when it has the layout a cron run can compare."""
    rest, sections, spans = loaded.rest_digest(), source.digests.sections, source.spans
    if rest is None or sections is None or spans is None:
        return None
    incidents = loaded.records.get("incidents")
    return ClockSource(rest, sections, source.file_identity, data_digest, spans, incidents, source.data)


def render_site(snapshot: Snapshot, config: Config, build_time: datetime) -> dict[str, bytes]:
    """Every file of the site, keyed by its path, rendered in memory (no cache)."""
    prepared = _prepare(snapshot, config, build_time)
    with keys_of_one_build():
        files = _collect(_produce(prepared, NO_PREVIOUS_BUILD, existing=set()), keys={})
    return {path: content for path, content in files.items() if isinstance(content, bytes)}


def build_site(
    snapshot: Snapshot,
    config: Config,
    build_time: datetime,
    check: bool = False,
    inputs: BuildInputs | None = None,
    allow_older: bool = False,
    use_cache: bool = True,
    progress: PageProgress | None = None,
    clock: ClockSource | None = None,
    records: tuple[Mapping[str, RecordSpans], bytes] | None = None,
    ahead: MarkdownAhead | None = None,
) -> BuildReport:
    """Render what changed and write the site (or, with `check`, only compare it with what is there).

    Pages and feeds whose inputs are those the previous build recorded are not
    rendered again; the writer keeps their files as they are. Files go to the
    writer as they are rendered, under the output folder's lock. `inputs`,
    when given, are all the build's inputs, sealed for the next build (seal.py).
    A site built from data newer than the snapshot's is refused (OlderDataError)
    unless `allow_older`. Without `use_cache`, every page is rendered again.
    `progress`, if given, is told how many pages are done as they are.
    `clock`, given for a snapshot file a cron run can compare, lets the build
    leave a ledger for that run (clock_record.py); without it any is removed.
    `records` (LoadedSnapshot.records, and the bytes they lie in) key the incidents by their bytes
    (page_cache.record_leaves). `ahead`, a helper rendering the snapshot's Markdown, is collected
    just before the workers are forked (markdown_ahead.py).
    """
    leaves = record_leaves(snapshot, *records) if records is not None else None
    with paused_collection(), keys_of_one_build(leaves):
        return _build_site(snapshot, config, build_time, check, inputs, allow_older, use_cache, progress, clock, ahead)


def _build_site(
    snapshot: Snapshot,
    config: Config,
    build_time: datetime,
    check: bool,
    inputs: BuildInputs | None,
    allow_older: bool,
    use_cache: bool,
    progress: PageProgress | None,
    clock: ClockSource | None,
    ahead: MarkdownAhead | None,
) -> BuildReport:
    keys: dict[str, str] = {}
    if check:
        previous = previous_build(read_state(config.output), enabled=use_cache)
        if not allow_older:
            _refuse_older_data(config.output, previous.document, snapshot.taken_at)
        existing = existing_files(config.output)
        prepared = _prepare(snapshot, config, build_time)
        files = _collect(_produce(prepared, previous, existing, progress), keys)
        return BuildReport(_pages(files), len(files), compare_with_existing(files, config.output))
    with open_site(config.output, use_spare=use_cache, known_files=sealed_files if use_cache else None) as site:
        # Under the folder's lock, held until the commit: of two overlapping runs, the
        # one that waited sees what the other published.
        previous = previous_build(read_state(config.output), enabled=use_cache)
        if not allow_older:
            _refuse_older_data(config.output, previous.document, snapshot.taken_at)
        paths: list[str] = []
        prepared = _prepare(snapshot, config, build_time, record_clock=clock is not None and not site.in_place)
        reading = still_reading(site.output, prepared.formats.growing, build_time) if previous.keys else {}
        watched, kept = watched_paths(prepared.outputs) if prepared.clock is not None else set(), {}
        growth: dict[str, Growth] = {}
        unkeyed: dict[str, str] | None = {} if prepared.clock is not None else None
        new_files = _new_files(site, watched)
        records = _records_ahead(clock, snapshot, prepared)
        if ahead is not None and previous.keys:
            ahead.close()  # a build that waited for the lock found a site another run built: pages are kept
        elif ahead is not None:
            ahead.collect()  # just before the workers are forked: each inherits what the helper rendered
        outcomes = _produce(prepared, previous, site.existing, progress, reading, new_files, records)
        # Closed before the site's writer discards what it staged, if this fails: no worker writes there after.
        with contextlib.closing(outcomes):
            for path, content in _files(outcomes, keys, growth, unkeyed):
                site.add(path, content)
                paths.append(path)
                # Each page holding a growing value, which the ledger records even where it shows none
                # (clock_record.py); jobs.NewFiles sends these bytes back.
                if path in watched or (path in growth and (growth[path].spans or path in keys)):
                    kept[path] = content
        pages = _pages(paths)
        data_time = format_datetime(snapshot.taken_at)
        whole = inputs.whole if inputs is not None else None
        state = state_text(keys=keys, whole=whole, pages=pages, paths=paths_digest(paths), data_time=data_time)
        report = site.commit(state, interim=state_text(data_time=data_time))
        write_seal(site.output, None if site.in_place else inputs, paths, pages)  # still under the lock
        ledger = None
        if clock is not None and prepared.clock is not None:
            assert unkeyed is not None and records is not None  # noqa: S101 - made whenever prepared.clock is
            ledger = _ledger(clock, snapshot, prepared, site.output, kept, growth, unkeyed, pages, records)
        write_ledger(site.output, ledger)
    return BuildReport(pages, len(paths), report)


def _ledger(
    clock: ClockSource,
    snapshot: Snapshot,
    prepared: _Prepared,
    output: Path,
    kept: Mapping[str, Content | Staged],
    growth: Mapping[str, Growth],
    unkeyed: Mapping[str, str],
    pages: int,
    records: Callable[[], IncidentRecords | None],
) -> ClockLedger | None:
    """The ledger for the next cron run, from the committed site (clock_record.py)."""
    assert prepared.clock is not None  # noqa: S101 - the caller checked
    files = {
        path: content if isinstance(content, bytes) else (output / path).read_bytes() for path, content in kept.items()
    }
    evidence = ClockEvidence(clock, prepared.settings_key, prepared.clock)
    environment = prepared.sources.theme.environment
    plan, settings = prepared.sources.plan, prepared.sources.settings
    shown = Shown(files, growth, unkeyed)
    return clock_ledger(
        evidence,
        plan,
        settings,
        prepared.outputs,
        environment,
        shown,
        output,
        snapshot.taken_at,
        pages,
        records,
    )


def _records_ahead(
    clock: ClockSource | None, snapshot: Snapshot, prepared: _Prepared
) -> Callable[[], IncidentRecords | None] | None:
    """The ledger's records (clock_record.ledger_records), made once, by the first call: run_ranges makes the
    call while the workers render, when this process would only wait for them. They were 0.2 s of the
    serial end of a full build at 10,000 incidents. None when the build leaves no ledger."""
    if clock is None or prepared.clock is None:
        return None
    sources = prepared.sources
    made = functools.partial(ledger_records, clock, sources.plan, snapshot, sources.theme.environment)
    return functools.cache(made)


def _new_files(site: SiteWriter, watched: set[str]) -> NewFiles | None:
    """Where workers write their files themselves, when the output folder has none (jobs.NewFiles)."""
    staging = site.staging_for_new_files()
    return None if staging is None else NewFiles(staging, frozenset(watched), set())


def _refuse_older_data(output: Path, previous: Mapping[str, object], taken_at: datetime) -> None:
    """Never replace a site built from newer data: that would bring back what a later run took down.

    Data of the same moment may replace it (a rebuild, another theme); a
    marker from a statusgen that did not record the time allows anything.
    """
    try:
        published = parse_datetime(previous.get("data_time"))
    except ValueError:
        return
    if published > taken_at:
        raise OlderDataError(
            f"not replacing {output}: it was built from newer data (taken at {format_datetime(published)}) "
            f"than this build's ({format_datetime(taken_at)}); the site is unchanged "
            f"(use --allow-older to roll back on purpose)"
        )


# Every kind of output a build makes (output.py); a new kind is one more function here.
OUTPUT_KINDS: tuple[OutputKind, ...] = (
    page_outputs,
    feed_outputs,
    api_outputs,
    badge_outputs,
    crawler_outputs,
    calendar_outputs,
    favicon_outputs,
    not_found_outputs,
    asset_outputs,
)


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A build's plan and outputs, before anything renders."""

    sources: Sources
    outputs: list[Output]
    settings_key: str  # build_inputs.settings_digest
    base: str  # page_cache.key_base
    # site.clock_keys of the plan's clock parts, when asked for (clock_record.py): as a cron run that
    # rewrites "in 3 days" compares them, and as one that cannot (counting).
    clock: tuple[str, str] | None
    formats: Formats  # the site's language and time zone


def _prepare(snapshot: Snapshot, config: Config, build_time: datetime, record_clock: bool = False) -> _Prepared:
    """Plan the site and list its outputs.

    Past this point nothing sees the Config: outputs get the plan, the public
    settings (SiteSettings) and the theme.
    """
    config = with_page_defaults(config, snapshot)  # a mirrored status page's own title and sections
    settings = config.public()
    search_path = theme_search_path(config.theme)
    language = load_language(settings.language, search_path)
    parts = plan_clock_parts(snapshot, settings, build_time, language)
    # Before plan_site links them to the incidents.
    clock = clock_keys(parts) if record_clock else None
    plan = plan_site(snapshot, settings, build_time, language, parts)
    assets = theme_assets(search_path, config.logo)
    settings_key = settings_digest(settings, search_path, assets)
    formats = Formats(language, ZoneInfo(settings.timezone))
    environment = make_environment(search_path, assets, formats)
    sources = Sources(plan, settings, Theme(environment, assets))
    outputs = schedule([output for kind in OUTPUT_KINDS for output in kind(sources)], plan)
    prepared = _Prepared(sources, outputs, settings_key, key_base(settings_key, plan), clock, formats)
    hold_to_the_end(snapshot, prepared)  # a build ending with a quick exit: freed by the kernel (quick_exit.py)
    return prepared


def _produce(
    prepared: _Prepared,
    previous: PreviousBuild,
    existing: set[str],
    progress: PageProgress | None = None,
    reading: Mapping[str, Growth] | None = None,
    new_files: NewFiles | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> Generator[Outcome, None, None]:
    """Every output's outcome, in order, as it is rendered (its files, or None to keep them as they are).

    `reading`: the pages showing "in 28 days" that may be kept (kept_growing.still_reading).
    `new_files`: where the workers write the files of a build whose files are all new (jobs.NewFiles).
    `meanwhile`: run here while the workers render (parallel.run_ranges).
    Closing it ends the workers.
    """
    outputs, base, reading = prepared.outputs, prepared.base, reading or {}
    run = functools.partial(run_outputs, outputs, base, previous, existing, reading, new_files)
    outcomes = run_ranges(len(outputs), run, meanwhile=meanwhile)
    if progress is None:
        return outcomes
    return _counting_pages(outcomes, sum(_pages(output.paths) for output in outputs), progress)


def _counting_pages(
    outcomes: Generator[Outcome, None, None], total: int, progress: PageProgress
) -> Generator[Outcome, None, None]:
    done = 0
    with contextlib.closing(outcomes):
        for outcome in outcomes:
            pages = _pages(outcome.paths)
            if pages:
                done += pages
                progress(done, total)
            yield outcome


def _pages(paths: Iterable[str]) -> int:
    return sum(1 for path in paths if path.endswith(".html"))


def _files(
    outcomes: Iterable[Outcome],
    keys: dict[str, str],
    growth: dict[str, Growth] | None = None,
    unkeyed: dict[str, str] | None = None,
) -> Iterator[tuple[str, Content | Staged]]:
    """Each output path with its bytes, or REUSE, or STAGED; records in `keys` what the next build compares.

    `growth`, if given, gets what each output showed of ongoing durations (by its first path), before its files.
    `unkeyed`, if given, gets the digest of each file of an output without a key, which the page cache
    never keeps (for the ledger's `checked`, clock_record.py).
    """
    for outcome in outcomes:
        if outcome.key is not None:
            keys[outcome.paths[0]] = outcome.key
        if growth is not None and outcome.growth is not None:
            growth[outcome.paths[0]] = outcome.growth
        if unkeyed is not None and outcome.key is None and outcome.files is not None:
            unkeyed.update((path, snapshot_digest(content)) for path, content in outcome.files.items())
        if outcome.staged:
            for path in outcome.paths:
                yield path, STAGED
        elif outcome.files is None:
            for path in outcome.paths:
                yield path, REUSE
        else:
            yield from outcome.files.items()


def _collect(outcomes: Iterable[Outcome], keys: dict[str, str]) -> dict[str, Content]:
    files: dict[str, Content] = {}
    for path, content in _files(outcomes, keys):
        _add(files, path, content)
    return files


def _unchanged_build(output: Path, whole: str) -> BuildReport | None:
    """The report of the last build, if it had exactly these inputs and its files are all still there."""
    document = previous_build(read_state(output)).document
    pages = document.get("pages")
    if document.get("whole") != whole or not isinstance(pages, int):
        return None
    existing = existing_files(output) - {MARKER_NAME}
    if paths_digest(existing) != document.get("paths"):
        return None
    return BuildReport(pages, len(existing), WriteReport((), (), (), len(existing)))


def _add(files: dict[str, Content], path: str, content: Content | Staged) -> None:
    if path in files:
        raise duplicate_path(path)
    if isinstance(content, Staged):  # never: only a build's site writer stages new files (jobs.NewFiles)
        raise OutputError(f"internal error: {path} was written into a staging folder while collecting files")
    files[path] = content
