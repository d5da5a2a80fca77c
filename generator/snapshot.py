"""Snapshot files: a versioned JSON form of model.Snapshot, and the bundled demo.

A snapshot lets a build run without the network (`fetch` once, `build` many
times) and is the input of every test and benchmark. Reading checks the
shape strictly and names the first bad place, e.g. `incidents[3].declared_at`.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import stat
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from importlib import resources
from pathlib import Path
from typing import Any

from generator.dates import format_datetime, parse_datetime
from generator.errors import SnapshotError
from generator.folder_evidence import stat_identity
from generator.json_text import indented_json
from generator.locking import exclusive_lock, lock_file_for
from generator.model import Snapshot
from generator.snapshot_decode import ShapeError, decode_document
from generator.snapshot_sections import (
    FileDigests,
    RecordSpans,
    Split,
    file_digests,
    parse_split_records,
    rest_digest,
    spans_of,
    split,
)

FORMAT_NAME = "statusgen-snapshot"
FORMAT_VERSION = 1


def snapshot_to_json(snapshot: Snapshot) -> str:
    """The file text: sorted keys and a trailing newline, so equal data gives equal bytes."""
    document = {"format": FORMAT_NAME, "version": FORMAT_VERSION, **_encode(snapshot)}
    return indented_json(document, 1) + "\n"


def snapshot_from_json(text: str, source: str = "snapshot") -> Snapshot:
    """Parse and check a snapshot's text; `source` names it in error messages."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SnapshotError(f"{source} is not valid JSON (line {exc.lineno}, column {exc.colno})") from None
    except ValueError:  # a number longer than Python's int limit (4300 digits)
        raise SnapshotError(f"{source} is not a statusgen snapshot (it holds a number too long to read)") from None
    except RecursionError:
        raise SnapshotError(f"{source} is not a statusgen snapshot (it is nested too deeply to read)") from None
    return snapshot_from_document(document, text, source)


def snapshot_from_document(document: Any, text: str, source: str) -> Snapshot:
    """Check a parsed snapshot document (json.loads of `text`) and build the model from it."""
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise SnapshotError(f'{source} is not a statusgen snapshot (no "format": "{FORMAT_NAME}")')
    if document.get("version") != FORMAT_VERSION:
        raise SnapshotError(
            f"{source} has snapshot version {document.get('version')!r}; this statusgen reads version {FORMAT_VERSION}"
        )
    body = {k: v for k, v in document.items() if k not in {"format", "version"}}
    try:
        decoded: Snapshot = decode_document(Snapshot, body, text)
    except ShapeError as exc:
        raise SnapshotError(f"{source}: {exc}") from None
    return decoded


def read_snapshot(path: Path) -> Snapshot:
    """Read a snapshot file, with one clear error for every way it can fail."""
    return snapshot_from_bytes(read_snapshot_bytes(path), str(path))


def read_snapshot_bytes(path: Path) -> bytes:
    """A snapshot file's bytes, unparsed (a build whose inputs did not change never parses them)."""
    return read_snapshot_file(path).data


def read_snapshot_file(path: Path) -> SnapshotSource:
    """A snapshot file's bytes, with the identity of the very file they came from (None if it changed meanwhile).

    The identity is taken from the open file, before and after the read: a
    fetch that renames a new snapshot into place between a stat of the path
    and the read cannot pair the old file's identity with the new bytes.
    """
    try:
        with open(path, "rb") as handle:
            before = stat_identity(os.fstat(handle.fileno()))
            data = handle.read()
            after = stat_identity(os.fstat(handle.fileno()))
    except FileNotFoundError:
        raise SnapshotError(f"snapshot file {path} does not exist") from None
    except IsADirectoryError:
        raise SnapshotError(f"snapshot path {path} is a folder, not a file") from None
    except OSError as exc:
        raise SnapshotError(f"cannot read snapshot file {path}: {exc.strerror}") from None
    return SnapshotSource(data, str(path), before if before == after else None)


def snapshot_from_bytes(raw: bytes, source: str) -> Snapshot:
    """Decode and check a snapshot file's bytes; `source` names it in error messages."""
    return snapshot_from_json(_text_of(raw, source), source=source)


@dataclass(frozen=True, slots=True)
class LoadedSnapshot:
    """A snapshot, and when its file has write_snapshot's layout, what a cron run compares (clock_ledger.py)."""

    snapshot: Snapshot
    rest: Mapping[str, Any] | None = None  # its document but for the big arrays
    # By big array ("incidents", "episodes"), where each element lies in the file, in order, when it was read
    # element by element (snapshot_sections.parse_split_records): its bytes are its model object's exact identity.
    records: Mapping[str, RecordSpans] = field(default_factory=dict)

    def rest_digest(self) -> str | None:
        return rest_digest(self.rest) if self.rest is not None else None


@dataclass(frozen=True)
class SnapshotSource:
    """A snapshot's bytes, read but not yet parsed; `name` is for error messages."""

    data: bytes
    name: str
    file_identity: list[int] | None = None  # of the very file read (read_snapshot_file; seal.py trusts it)
    # Where a caller found its big arrays already (snapshot_sections.recorded_spans), to be trusted as spans_of.
    found_spans: Mapping[str, tuple[int, int]] | None = None

    @functools.cached_property
    def spans(self) -> Mapping[str, tuple[int, int]] | None:
        """Where its big arrays lie (snapshot_sections.spans_of), found once."""
        return self.found_spans if self.found_spans is not None else spans_of(self.data)

    @functools.cached_property
    def digests(self) -> FileDigests:
        """Its digest and its big arrays' (snapshot_sections.file_digests), computed once."""
        return file_digests(self.data, self.spans)

    def load(self) -> LoadedSnapshot:
        found = split(self.data, self.spans) if self.spans is not None else None
        return load_found(self.data, self.name, found)


def load_snapshot(raw: bytes, source: str) -> LoadedSnapshot:
    """snapshot_from_bytes, reading the big arrays apart when the layout allows (snapshot_sections.py).

    The model is the same either way; a file that does not split, or fails to
    parse in parts, is read whole, so its errors are told as always.
    """
    return load_found(raw, source, split(raw))


def load_found(raw: bytes, source: str, found: Split | None) -> LoadedSnapshot:
    """load_snapshot with the file's split (snapshot_sections.split) found already."""
    text = _text_of(raw, source)
    parsed = parse_split_records(raw, found, text) if found is not None else None
    if found is None or parsed is None:
        return LoadedSnapshot(snapshot_from_json(text, source=source))
    document = parsed.document
    rest = {key: value for key, value in document.items() if key not in found.spans}
    return LoadedSnapshot(snapshot_from_document(document, text, source), rest, parsed.records)


def _text_of(raw: bytes, source: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SnapshotError(f"snapshot file {source} is not UTF-8 (byte {exc.start})") from None


FileVersion = tuple[int, int, int, int]
"""Which version of a file is on disk: every write of a snapshot makes a new one."""


def snapshot_file_version(path: Path) -> FileVersion | None:
    """The version of the snapshot file now (None when there is none), for write_snapshot's `started_from`."""
    try:
        status = _file_to_replace(path).stat()
    except OSError:
        return None
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)


def write_snapshot(snapshot: Snapshot, path: Path, started_from: FileVersion | None = None) -> datetime | None:
    """Write atomically, unless another run has meanwhile written a snapshot of newer data there.

    `started_from` is the version of the file when this run began (None: there
    was no file). A file still at that version is replaced whatever its time,
    as a run alone would (an incremental fetch may discard a snapshot from the
    future); one written since by an overlapping run is kept if its data is
    newer, and its time is returned. Returns None when the file was written.
    A symlinked path is written where it points; the link stays.
    """
    target, content = _file_to_replace(path), snapshot_to_json(snapshot).encode("utf-8")
    try:
        with exclusive_lock(lock_file_for(target)):
            newer = _newer_snapshot_time(target, started_from, snapshot.taken_at)
            if newer is None:
                _replace_file(target, content)
            return newer
    except OSError as exc:
        raise SnapshotError(f"cannot write snapshot file {path}: {exc.strerror or exc}") from None


def _file_to_replace(path: Path) -> Path:
    """A symlinked snapshot path is replaced where it points, so that the link stays."""
    return path.resolve() if path.is_symlink() else path


def _newer_snapshot_time(target: Path, started_from: FileVersion | None, taken_at: datetime) -> datetime | None:
    """The time of the snapshot another run wrote at `target` since `started_from`, if later than `taken_at`."""
    if snapshot_file_version(target) in {None, started_from}:
        return None
    try:
        document = json.loads(target.read_bytes())
        theirs = parse_datetime(document["taken_at"])
    except (OSError, ValueError, TypeError, KeyError, RecursionError):
        return None  # not a snapshot we can date: replaced, as before
    return theirs if theirs > taken_at else None


def _replace_file(target: Path, content: bytes) -> None:
    """Write `content` to a temporary file of its own beside `target`, then rename it over `target`.

    The temporary name is unique, so runs that overlap never write into one
    another's file; one left by a killed run is removed by the next (under the lock).
    """
    for leftover in target.parent.glob(f".{target.name}.*{_TEMPORARY_SUFFIX}"):
        leftover.unlink(missing_ok=True)
    descriptor, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=_TEMPORARY_SUFFIX, dir=target.parent)
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            os.fchmod(handle.fileno(), _mode_for(target))
            handle.write(content)
        temporary.replace(target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


_TEMPORARY_SUFFIX = ".statusgen-tmp"


def _mode_for(target: Path) -> int:
    """The replaced file's permissions, or for a new file those the umask gives (mkstemp's are private)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


DEMO_NAME = "the bundled demo snapshot"


def demo_snapshot() -> Snapshot:
    """The realistic demo project that ships inside the package."""
    return snapshot_from_bytes(demo_snapshot_bytes(), DEMO_NAME)


def demo_snapshot_bytes() -> bytes:
    return resources.files("generator").joinpath("demo", "snapshot.json").read_bytes()


def _encode(value: Any) -> Any:
    """The JSON value of a model value: a dataclass as an object of its fields, a time as its text, an enum's value.

    By the value's exact type first: a fetch writes the whole snapshot, half a million values at
    10,000 incidents, and asking dataclasses of each one's fields was two thirds of the write.
    """
    kind = type(value)
    if kind is str or kind is int or value is None or kind is bool or kind is float:
        return value
    names = _FIELD_NAMES.get(kind)
    if names is not None:
        return {name: _encode(getattr(value, name)) for name in names}
    if kind is tuple or kind is list:
        return [_encode(item) for item in value]
    if kind is datetime:
        return format_datetime(value)
    if kind in _ENUMS:
        return value.value
    return _encode_other(value)


def _encode_other(value: Any) -> Any:
    """_encode's rules in their order, for a type it has not met: dataclasses and enums are remembered."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELD_NAMES[type(value)] = tuple(field.name for field in dataclasses.fields(value))
        return {name: _encode(getattr(value, name)) for name in names}
    if isinstance(value, tuple | list):
        return [_encode(item) for item in value]
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, Enum):
        _ENUMS.add(type(value))
        return value.value
    return value


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
"""Each dataclass's field names, in order, by its exact type (_encode)."""
_ENUMS: set[type] = set()
"""The enum types _encode has met."""
