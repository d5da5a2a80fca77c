"""A cron run whose data did not change: the last site again, with only what shows the time remade.

Most five-minute runs find nothing new: the fetch renews the snapshot's time
and its uptime window, and the build then makes the same site but for the
home page's "Updated" line. Such a run need not parse ten thousand incidents.
It reads the last build's ledger (clock_ledger.py) and takes this path only
when all of it holds:
- the snapshot's incidents and episodes are the same bytes, and the rest of
  it, but the time and the uptime rows, the same data;
- the settings, theme and code are the same;
- the services and maintenance, planned again from the snapshot at the new
  time, are the same as the last build's, and so is the overall status;
- the new time is not before the last build's, the local date is the same,
  and it is before the ledger's horizon (clock_horizon.py);
- the output is the one the ledger was written for (its marker, or the
  marker's bytes in a site restored from a CI cache, which is then listed),
  and the files to remake still have the bytes the last build gave them.
Then it remakes those files (clock_remaker.py), keeps every other as it
is, and commits, seals and records as a build does. When the snapshot's
incidents changed but nothing else did, the same steps commit the outputs
that show the changed incidents, if record_rebuild.py can remake them alone. Any
doubt answers None, and the build proper runs: this path may only ever give
what a whole build would (tests/test_clock_rebuild.py builds both).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from generator.build_inputs import BuildInputs, settings_digest, snapshot_digest, source_date_epoch, whole_key
from generator.clock_ledger import (
    ClockLedger,
    Remade,
    as_recorded,
    is_ledger_site,
    local_date,
    marker_evidence,
    read_ledger,
    read_records_file,
    write_ledger,
    write_records,
)
from generator.clock_remaker import Remaker
from generator.config import Config
from generator.dates import format_datetime, parse_datetime
from generator.errors import ConfigError, SnapshotError
from generator.formats import Formats
from generator.i18n import load_language
from generator.later import Later
from generator.model import Snapshot
from generator.page_cache import PreviousBuild, paths_digest, previous_build, state_text, state_text_keeping_keys
from generator.page_settings import with_page_defaults
from generator.seal import (
    SealedListing,
    file_identity,
    reseal,
    sealed_listing,
    sealed_report,
    write_seal,
)
from generator.site import clock_keys, plan_clock_parts
from generator.site_listing import complete_listing
from generator.site_swap import must_update_in_place
from generator.snapshot import SnapshotSource, snapshot_from_document
from generator.snapshot_sections import (
    SECTION_KEYS,
    FileDigests,
    RecordSpans,
    parse_skeleton,
    record_digests,
    recorded_spans,
    rest_digest,
    split,
)
from generator.themes import theme_assets, theme_search_path
from generator.writer import (
    MARKER_NAME,
    BuildReport,
    locked_site,
    read_state,
    replace_files,
    same_content,
    site_folder,
)

if TYPE_CHECKING:
    from generator.record_rebuild import RecordsRemade


def clock_rebuild(
    source: SnapshotSource, config: Config, environ: Mapping[str, str] | None = None
) -> BuildReport | None:
    """The build's report when the last site needed only its time-bound files remade (done here); else None."""
    output = site_folder(config.output)
    ledger = read_ledger(output)
    # A ledger whose site is gone (the folder removed, its ledger left beside it) is no use: said at once,
    # before the threads below hash the whole file (0.7 s at 50,000 incidents) and the planning that
    # _previous would only then refuse. Its presence alone: is_ledger_site reads it under the lock.
    if ledger is None or not (output / MARKER_NAME).exists():
        return None
    source = _with_recorded_spans(source, ledger)
    # Hashing a new file's arrays waits on nothing but hashlib, which lets go of the interpreter for
    # it: on a thread of its own it overlaps the planning below. Checking the site's folders against
    # the seal does not go there too: it takes the interpreter back after each of its 10,000 stats,
    # and that tug-of-war with the planning made a cron run 8% slower than checking them after it.
    digests = Later(lambda: source.digests) if not _same_file(source, ledger) else None
    # Each incident's digest, once the file's say that only the incidents changed: on a thread after them.
    records = Later(lambda: _record_digests(source, ledger, digests)) if digests is not None else None
    try:
        return _rebuild(source, config, environ, output, ledger, digests, records)
    finally:
        for thread in (digests, records):
            if thread is not None:
                thread.wait()


def _rebuild(
    source: SnapshotSource,
    config: Config,
    environ: Mapping[str, str] | None,
    output: Path,
    ledger: ClockLedger,
    digests: Later[FileDigests] | None,
    incident_digests: Later[tuple[RecordSpans, list[str]] | None] | None,
) -> BuildReport | None:
    snapshot = _rest_of_snapshot(source, ledger)
    if snapshot is None:
        return None
    epoch = source_date_epoch(environ)
    build_time = epoch or snapshot.taken_at
    if not _in_time(ledger, build_time):
        return None
    try:
        page_config = with_page_defaults(config, snapshot)
    except ConfigError:
        return None  # the build proper tells it
    settings = page_config.public()
    search_path = theme_search_path(page_config.theme)
    assets = theme_assets(search_path, page_config.logo)
    if local_date(build_time, settings.timezone).isoformat() != ledger.today:
        return None
    if settings_digest(settings, search_path, assets) != ledger.settings:
        return None
    language = load_language(settings.language, search_path)
    parts = plan_clock_parts(snapshot, settings, build_time, language)
    plain, counting = clock_keys(parts)
    if (counting if ledger.counting else plain) != ledger.clock:
        return None
    formats = Formats(language, ZoneInfo(settings.timezone))
    remaker = Remaker(settings, parts, ledger.ongoing, search_path, assets, formats)
    status = remaker.common(build_time)["status"]
    if [status.level, status.label] != ledger.status:
        return None
    # Asked only now: the file's digests are made on a thread (clock_rebuild, above) that the planning
    # here overlapped. Asked before it, a run on a new file waited 30 to 50 ms for them (10,000 incidents),
    # and only a run whose data changed, which a build of seconds follows, could gain by it.
    sections = digests.result().sections if digests is not None else ledger.sections  # (the very file: the same)
    changed = sections != ledger.sections  # (None, a file in another layout, differs too)
    if changed and not _only_incidents_changed(sections, ledger):
        return None  # the episodes changed, or the incidents without records
    data_digest = digests.result().whole if digests is not None else ledger.data_digest
    inputs = BuildInputs(whole_key(config, data_digest, epoch), data_digest, source.file_identity)
    unchanged = sealed_report(output, inputs.whole)  # these very inputs built the site (a copy of the file)
    if unchanged is not None:
        return unchanged
    records = None
    if changed:
        from generator.record_ledger import read_records
        from generator.record_rebuild import RecordInputs, remake_records  # the rendering stack: only now

        known = read_records(read_records_file(output, ledger.records)) if ledger.records is not None else None
        last = [ledger.status[0], ledger.status[1]]
        found = RecordInputs(source, snapshot, settings, build_time, language, parts, remaker.theme(), assets, last)
        new = incident_digests.result() if incident_digests is not None else None
        records = remake_records(found, known, new) if known is not None and new is not None else None
        if records is None:
            return None
    run = _Run(output, ledger, remaker, build_time, snapshot.taken_at, inputs, records, sections, source.spans)
    return _commit(run, sealed_listing(output))


def _only_incidents_changed(sections: Mapping[str, str] | None, ledger: ClockLedger) -> bool:
    """Whether only the incidents' array changed, and the last build recorded its incidents (record_rebuild.py)."""
    if sections is None or ledger.records is None or sections.keys() != ledger.sections.keys():
        return False
    return all(sections[key] == ledger.sections[key] for key in sections if key != "incidents")


def _record_digests(
    source: SnapshotSource, ledger: ClockLedger, digests: Later[FileDigests]
) -> tuple[RecordSpans, list[str]] | None:
    """Where each incident of the new file lies and its digest, if only the incidents changed and the last
    build recorded its incidents (record_rebuild.py): else a run hashed 45 MB more for nothing (at 10,000).

    On a thread: hashing lets go of the interpreter, so this overlaps the planning of the services.
    """
    where = source.spans
    if where is None or "incidents" not in where or ledger.records is None:
        return None
    if _length(where["incidents"]) == _length(ledger.spans.get("incidents", [0, 0])):
        # The same length: only the file's digests tell whether the incidents changed at all. (A new note
        # makes the array longer: then it is hashed at once, beside the file, and _rebuild checks the rest.)
        sections = digests.result().sections
        if sections is None or not _only_incidents_changed(sections, ledger):
            return None
        if sections.get("incidents") == ledger.sections.get("incidents"):
            return None
    return record_digests(source.data, *where["incidents"])


def _length(span: Sequence[int]) -> int:
    return span[1] - span[0]


def _with_recorded_spans(source: SnapshotSource, ledger: ClockLedger) -> SnapshotSource:
    """The source with its big arrays where the ledger's build found them, if the file has them there.

    Trusted as spans_of's (snapshot_sections.recorded_spans): in the very file
    the build read, or once their digests are the ledger's, which _rebuild
    checks before anything is written. A copy: should they differ, the build
    proper searches the file anew.
    """
    spans = recorded_spans(source.data, ledger.spans)
    return replace(source, found_spans=spans) if spans is not None else source


def _rest_of_snapshot(source: SnapshotSource, ledger: ClockLedger) -> Snapshot | None:
    """The snapshot without its incidents and episodes (their digests are compared apart), if the rest is unchanged."""
    found = split(source.data, source.spans)
    if found is None:
        return None
    document = parse_skeleton(found)
    if document is None or rest_digest(document) != ledger.rest:
        return None
    rest = {key: [] if key in SECTION_KEYS else value for key, value in document.items()}
    try:
        return snapshot_from_document(rest, found.skeleton.decode("utf-8"), source.name)
    except SnapshotError:
        return None  # the build proper tells what is wrong


def _same_file(source: SnapshotSource, ledger: ClockLedger) -> bool:
    """The very snapshot file the last build read, unchanged since (seal.file_identity: its bytes are the same)."""
    return source.file_identity is not None and source.file_identity == ledger.snapshot_identity


def _in_time(ledger: ClockLedger, build_time: datetime) -> bool:
    try:
        built = parse_datetime(ledger.build_time)
        horizon = parse_datetime(ledger.horizon) if ledger.horizon is not None else None
    except ValueError:
        return False
    return built <= build_time and (horizon is None or build_time < horizon)


@dataclass(frozen=True, slots=True)
class _Run:
    """This cron run on the clock path: its output, the last build's ledger, the new times and inputs."""

    output: Path
    ledger: ClockLedger
    remaker: Remaker
    build_time: datetime
    taken_at: datetime
    inputs: BuildInputs
    records: RecordsRemade | None = None  # when a few incidents changed: their outputs (record_rebuild.py)
    sections: Mapping[str, str] | None = None  # and then the new file's arrays' digests and spans
    spans: Mapping[str, tuple[int, int]] | None = None


def _commit(run: _Run, listing: SealedListing | None) -> BuildReport | None:
    """Under the output's lock: check it is the ledger's site, remake, commit, seal, record; None to build instead.

    The remade files replace their old selves in place (writer.replace_files).
    The site's files are those the seal vouches for, or else those a walk of
    the folder finds (a seal gone, a folder touched since it was made, or a
    site restored from a CI cache, whose every inode is new).
    """
    with locked_site(run.output) as folder:
        run = replace(run, output=folder)
        if listing is not None:
            return _replace_in_place(run, listing)
        return _replace_listed(run)


def _replace_in_place(run: _Run, listing: SealedListing) -> BuildReport | None:
    """The remade files put in place, under the lock (locked_site); the seal renewed for their folders alone.

    `listing` was verified before the lock was taken: it still holds if the marker is the one the
    seal and the ledger name, since every build replaces the marker (a hand edit is no more
    locked out than before)."""
    output, ledger = run.output, run.ledger
    previous = _previous(output, ledger, run.taken_at)
    if previous is None or listing.seal.get("marker") != ledger.marker:
        return None
    remade = _with_records(run, _remade(output, ledger, run.remaker, run.build_time, vouched=True), listing.paths)
    if remade is None or previous.document.get("paths") != paths_digest(listing.paths):
        return None

    def renew_seal(files: Mapping[str, bytes]) -> None:
        folders = ["", *(path.rpartition("/")[0] for path in files)]  # the marker's folder and the files'
        reseal(output, run.inputs, listing, changed=folders)

    return _renew(run, previous, remade, len(listing.paths), renew_seal)


def _replace_listed(run: _Run) -> BuildReport | None:
    """_replace_in_place for a site the seal cannot vouch for: its files listed by a walk, and sealed anew.

    The walk, under the lock, must find exactly the files the last build
    recorded (its marker's digest of them) and pass nothing over (a link to a
    folder). Files whose key the marker holds are trusted as the page cache
    trusts them; the others, which a build renders every time, must have the
    bytes they were built with (ledger.checked), and the remade ones too.
    """
    output, ledger = run.output, run.ledger
    previous = _previous(output, ledger, run.taken_at)
    if previous is None or must_update_in_place(output):
        return None
    # A site just restored from a CI cache (its marker the ledger's bytes under another inode) is most
    # likely restored again for the next run, without its seal: sealing it would stat its 10,000 folders
    # for nothing. It is sealed by the first run that finds it in place, as is a site whose seal is gone.
    in_place = file_identity(output / MARKER_NAME) == ledger.marker
    listing = complete_listing(output)
    paths = sorted(listing - {MARKER_NAME}) if listing is not None else []
    if listing is None or previous.document.get("paths") != paths_digest(paths):
        return None
    if any(as_recorded(output / path, digest) is None for path, digest in ledger.checked.items()):
        return None  # a file no key vouches for, which a build would have rendered again, is not as built
    remade = _with_records(run, _remade(output, ledger, run.remaker, run.build_time, vouched=False), paths)
    if remade is None:
        return None
    sealed = run.inputs if in_place else None  # (write_seal without inputs leaves no seal)
    return _renew(run, previous, remade, len(paths), lambda _: write_seal(output, sealed, paths, ledger.pages))


def _renew(
    run: _Run,
    previous: PreviousBuild,
    remade: tuple[dict[str, bytes], list[Remade]],
    files: int,
    seal: Callable[[Mapping[str, bytes]], None],
) -> BuildReport:
    """Replace the remade files and the marker, `seal` the site, record the ledger: the run's report."""
    renewed, entries = remade
    state = _state(previous, renewed, run.inputs, run.ledger.pages, run.taken_at)
    # A file with a key (an incident's page the record path renews) must not be kept by it after a kill.
    interim = state_text(data_time=format_datetime(run.taken_at)) if previous.keys.keys() & renewed.keys() else None
    report = replace_files(run.output, renewed, state, unchanged=files - len(renewed), interim=interim)
    seal(renewed)
    _record(run, entries)
    return BuildReport(run.ledger.pages, files, report)


def _previous(output: Path, ledger: ClockLedger, taken_at: datetime) -> PreviousBuild | None:
    """The last build's record, if the output is still the site the ledger was written for."""
    if not is_ledger_site(output, ledger):
        return None
    previous = previous_build(read_state(output))
    document = previous.document
    if document.get("pages") != ledger.pages or document.get("data_time") != ledger.data_time:
        return None
    if parse_datetime(ledger.data_time) > taken_at:
        return None  # the build proper refuses older data, with its message
    return previous


def _remade(
    output: Path, ledger: ClockLedger, remaker: Remaker, build_time: datetime, vouched: bool
) -> tuple[dict[str, bytes], list[Remade]] | None:
    """The remade files by path, and the ledger's entries with their new digests; None if one cannot be remade.

    A page whose growing texts all read as they did ("in 28 days" for most of
    a day) stays as it is, its entry too: in a site the seal vouches for
    (`vouched`) it is not even read, like every other file the run keeps.
    """
    built = parse_datetime(ledger.build_time)
    remade: dict[str, bytes] = {}
    entries = []
    for entry in ledger.remade:
        if remaker.reads_the_same(entry, built, build_time):
            if not vouched and _current_files(output, entry) is None:
                return None
            entries.append(entry)
            continue
        old = _current_files(output, entry)
        made = remaker.remake(entry, old, built, build_time) if old is not None else None
        if made is None:
            return None
        files, spans = made
        remade.update(files)
        digests = {path: snapshot_digest(content) for path, content in files.items()}
        entries.append(replace(entry, digests=digests, spans=[list(span) for span in spans]))
    return remade, entries


def _with_records(
    run: _Run, remade: tuple[dict[str, bytes], list[Remade]] | None, paths: Iterable[str]
) -> tuple[dict[str, bytes], list[Remade]] | None:
    """The remade files and the changed incidents' outputs (run.records), which must all be in the site already
    and none of them one the clock path remakes; None if not."""
    if remade is None or run.records is None:
        return remade
    files, entries = remade
    made = run.records.files
    if not made.keys() <= set(paths) or not made.keys().isdisjoint(files):
        return None
    # The API's documents about maintenance, a feed whose newest events are older ones: the same bytes, kept.
    renewed = {path: content for path, content in made.items() if not same_content(run.output / path, content)}
    return {**files, **renewed}, entries


def _state(
    previous: PreviousBuild, remade: Mapping[str, bytes], inputs: BuildInputs, pages: int, taken_at: datetime
) -> str:
    """The marker's text: the last build's, less the keys of the remade outputs (they show the build time).

    Those keys are gone already but after a build proper: the keys' text is then kept as it is.
    """
    fields = {
        "whole": inputs.whole,
        "pages": pages,
        "paths": previous.document.get("paths"),
        "data_time": format_datetime(taken_at),
    }
    if not any(path in previous.keys for path in remade):
        kept = state_text_keeping_keys(previous, **fields)
        if kept is not None:
            return kept
    return state_text(keys={path: key for path, key in previous.keys.items() if path not in remade}, **fields)


def _record(run: _Run, entries: list[Remade]) -> None:
    """The ledger for the next cron run: this one's, at the new time, bound to the new marker."""
    marker = marker_evidence(run.output)
    renewed = replace(
        run.ledger,
        marker=marker[0] if marker is not None else [],
        marker_digest=marker[1] if marker is not None else "",
        snapshot_identity=run.inputs.file_identity,
        data_digest=run.inputs.data_digest,
        build_time=format_datetime(run.build_time),
        data_time=format_datetime(run.taken_at),
        remade=entries,
    )
    if run.records is not None:
        renewed = _with_new_records(renewed, run)
    write_ledger(run.output, renewed if marker is not None else None)


def _with_new_records(ledger: ClockLedger, run: _Run) -> ClockLedger:
    """The ledger after a run that remade a few incidents' outputs: the new file's arrays and records, the
    remade files as checked files (their keys are gone from the marker), a horizon with their postmortems."""
    from generator.record_ledger import records_document

    assert run.records is not None and run.sections is not None and run.spans is not None  # noqa: S101 - set together
    made = run.records
    moments = [parse_datetime(ledger.horizon)] if ledger.horizon is not None else []
    horizon = min([*moments, *made.postmortems], default=None)
    return replace(
        ledger,
        sections=dict(run.sections),
        spans={key: list(span) for key, span in run.spans.items()},
        records=write_records(run.output, records_document(made.records)),
        checked={**ledger.checked, **{path: snapshot_digest(content) for path, content in made.files.items()}},
        horizon=format_datetime(horizon) if horizon is not None else None,
    )


def _current_files(output: Path, entry: Remade) -> dict[str, bytes] | None:
    """The files of a remade output as they are, if they are as the ledger recorded them."""
    files = {}
    for path, digest in entry.digests.items():
        content = as_recorded(output / path, digest)
        if content is None:
            return None
        files[path] = content
    return files
