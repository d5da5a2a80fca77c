"""A snapshot file's big arrays found by their bytes, so a cron run can tell they did not change without parsing them.

A snapshot written by `snapshot.write_snapshot` has sorted keys and one space
of indent: each top-level key starts a line `\\n "name": `, and its value runs
to the next `,\\n "` (JSON strings cannot hold a raw newline, so both are
structure). The incidents and episodes arrays are 98% of a 10,000-incident
file; everything else (the status page, maintenance, states) is under 1 MB.

The layout is a guess, never a trust. The file is read as the skeleton (the
file with each array's bytes replaced by a random token) and each array on its
own; the split is used only if the skeleton parses with each token as the very
value of its top-level key, and each array parses alone as one whole value.
Then the document is exactly what `json.loads` of the whole file gives: a
value's bytes parse to the same value wherever they stand. A random token
cannot be forged by a file written before it was drawn. Any other file, or a
split that fails, is read whole, as before.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator.build_inputs import snapshot_digest

SECTION_KEYS = ("episodes", "incidents")
# Fields a fetch renews every time though nothing happened: the time, and the uptime rows and their
# window (a cron run compares the services planned from them, clock_rebuild.py).
_CLOCK_FIELDS = frozenset({"taken_at"})
_CLOCK_PAGE_FIELDS = frozenset({"window_start", "window_end", "status_periods"})


@dataclass(frozen=True, slots=True)
class Split:
    """Where each big array lies in the file's bytes, and the skeleton around them (with a token in each place)."""

    skeleton: bytes
    token: str
    spans: Mapping[str, tuple[int, int]]


def spans_of(raw: bytes) -> dict[str, tuple[int, int]] | None:
    """Where each big array's bytes lie, if the file has the layout write_snapshot gives; else None."""
    spans: dict[str, tuple[int, int]] = {}
    for key in SECTION_KEYS:
        opening = _opening(key)
        start = raw.find(opening)
        if start < 0:
            return None
        start += len(opening)
        end = raw.find(_AFTER, start)
        if end < 0 or not _bracketed(raw, start, end):
            return None
        spans[key] = (start, end)
    return spans if _apart(spans) else None


_AFTER = b',\n "'  # what follows a big array in write_snapshot's layout: the next top-level key


def _opening(key: str) -> bytes:
    return b'\n "' + key.encode() + b'": '


def _bracketed(raw: bytes, start: int, end: int) -> bool:
    """Whether the bytes from `start` to `end` open and close as an array does."""
    return raw[start : start + 1] == b"[" and raw[end - 1 : end] == b"]"


def _apart(spans: Mapping[str, tuple[int, int]]) -> bool:
    ordered = sorted(spans.values())
    return all(first[1] <= second[0] for first, second in zip(ordered, ordered[1:], strict=False))


def recorded_spans(raw: bytes, recorded: Mapping[str, Sequence[int]]) -> dict[str, tuple[int, int]] | None:
    """Where an earlier file of this layout had its big arrays, if `raw` has them there too; else None.

    spans_of reads past each array to find its end: 30 ms for ten thousand
    incidents, in a cron run that costs 0.5 s. These spans are the ones
    spans_of would find when each array's bytes are the recorded file's (the
    caller compares their digests before it trusts anything read through them):
    each opening is the file's first, and the recorded end, where spans_of
    found the first separator after the opening, is one here too, with the
    same bytes before it.
    """
    spans: dict[str, tuple[int, int]] = {}
    for key in SECTION_KEYS:
        found = recorded.get(key)
        if found is None or len(found) != 2 or not all(type(place) is int for place in found):
            return None
        start, end = found
        opening = _opening(key)
        if not len(opening) <= start < end <= len(raw) or raw.find(opening, 0, start) != start - len(opening):
            return None  # (find gives -1 when there is none: a start before the opening could fit must not pass)
        if not _bracketed(raw, start, end) or raw[end : end + len(_AFTER)] != _AFTER:
            return None
        spans[key] = (start, end)
    return spans if _apart(spans) else None


def split(raw: bytes, spans: Mapping[str, tuple[int, int]] | None = None) -> Split | None:
    """The big arrays' byte spans and the skeleton around them (a token in each place); None in another layout.

    `spans`, when given, are spans_of(raw), found already.
    """
    spans = spans if spans is not None else spans_of(raw)
    if spans is None:
        return None
    import secrets  # only a build that reads the snapshot splits it; a no-change rebuild does not (seal.py)

    token = f"statusgen-section-{secrets.token_hex(16)}"
    pieces, position = [], 0
    for start, end in sorted(spans.values()):
        pieces += [raw[position:start], b'"' + token.encode() + b'"']
        position = end
    pieces.append(raw[position:])
    return Split(b"".join(pieces), token, spans)


@dataclass(frozen=True, slots=True)
class FileDigests:
    """A snapshot file's digest, and its big arrays' (None in another layout), from one pass over its bytes."""

    whole: str
    sections: Mapping[str, str] | None


def file_digests(raw: bytes, spans: Mapping[str, tuple[int, int]] | None = None) -> FileDigests:
    """The digest a build keys the snapshot by, and each big array's: equal digests, equal bytes.

    In write_snapshot's layout the file's digest is made of its pieces'
    digests (the arrays' and the bytes around them), so the arrays are hashed
    once; in any other layout it is the digest of the whole file. `spans`,
    when given, are spans_of(raw).
    """
    spans = spans if spans is not None else spans_of(raw)
    if spans is None:
        return FileDigests(snapshot_digest(raw), None)
    view, pieces, position = memoryview(raw), [], 0
    sections = {key: snapshot_digest(view[start:end]) for key, (start, end) in spans.items()}
    for start, end in sorted(spans.values()):
        pieces += [snapshot_digest(view[position:start]), f"{start}-{end}"]
        position = end
    pieces.append(snapshot_digest(view[position:]))
    whole = "sections:" + snapshot_digest(":".join([*pieces, *(sections[key] for key in SECTION_KEYS)]).encode())
    return FileDigests(whole, sections)


def parse_skeleton(found: Split) -> dict[str, Any] | None:
    """The skeleton's document, with each token checked to be its key's top-level value; else None."""
    try:
        document = json.loads(found.skeleton.decode("utf-8"))
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return None
    if not isinstance(document, dict) or any(document.get(key) != found.token for key in found.spans):
        return None
    return document


def parse_split(raw: bytes, found: Split, text: str | None = None) -> dict[str, Any] | None:
    """The whole document, read as skeleton plus arrays: what json.loads(raw) gives, or None to read it whole.

    `text`, raw decoded, saves decoding the arrays again when it is ASCII (then its offsets are the bytes').
    """
    parsed = parse_split_records(raw, found, text)
    return parsed.document if parsed is not None else None


RecordSpans = tuple[tuple[int, int], ...]
"""Where each element of an array lies in the file's bytes (record_spans)."""


@dataclass(frozen=True, slots=True)
class ParsedSplit:
    """parse_split's document, and where each element lies of each big array that was read element by element."""

    document: dict[str, Any]
    records: Mapping[str, RecordSpans]  # by array; an array read whole has none


def parse_split_records(raw: bytes, found: Split, text: str | None = None) -> ParsedSplit | None:
    """parse_split, reading each big array element by element where each element's bytes parse alone.

    Then an element's bytes name it exactly: a build keys an incident by
    their digest instead of walking its fields (page_cache.record_leaves).
    """
    document = parse_skeleton(found)
    if document is None:
        return None
    source: str | bytes = text if text is not None and len(text) == len(raw) else raw
    records: dict[str, RecordSpans] = {}
    for key, (start, end) in found.spans.items():
        spans = record_spans(raw, start, end)
        elements = _parse_records(source, spans) if spans is not None else None
        if spans is not None and elements is not None:
            document[key], records[key] = elements, spans
            continue
        value = _parsed(source[start:end])
        if not isinstance(value, list):
            return None
        document[key] = value
    return ParsedSplit(document, records)


# In write_snapshot's layout an array of objects opens with "[", each object starts a line of its
# own indented by two spaces and ends on one, and the array closes on a line indented by one.
_ARRAY_OPENING = b"[\n  {"
_BETWEEN_RECORDS = b"\n  },\n  {"
_ARRAY_CLOSING = b"}\n ]"
# Found by a pattern in one pass: a loop of find() took twice as long.
_BETWEEN = re.compile(re.escape(_BETWEEN_RECORDS))


def record_spans(raw: bytes, start: int, end: int) -> RecordSpans | None:
    """Where each element of the array raw[start:end] lies, if it is laid out as write_snapshot writes; else None.

    A guess, like the split: _parse_records proves it. A raw newline is never
    inside a JSON string, so the bytes between two elements are found by a
    search; if each piece found parses alone as one object, the array is
    exactly those objects, since the bytes around them are only its commas and
    whitespace.
    """
    if end - start == 2 and raw[start:end] == b"[]":  # (a slice of the whole array copied 40 MB at 10,000 incidents)
        return ()
    if not raw.startswith(_ARRAY_OPENING, start) or not raw.endswith(_ARRAY_CLOSING, start, end):
        return None
    spans = []
    first, last_end = start + len(_ARRAY_OPENING) - 1, end - len(_ARRAY_CLOSING) + 1
    for between in _BETWEEN.finditer(raw, first, last_end):
        spans.append((first, between.start() + len(b"\n  }")))
        first = between.end() - 1
    spans.append((first, last_end))
    return tuple(spans)


def record_digests(raw: bytes, start: int, end: int) -> tuple[RecordSpans, list[str]] | None:
    """Where each element of the array raw[start:end] lies (record_spans), and the digest of each one's bytes."""
    spans = record_spans(raw, start, end)
    return (spans, span_digests(raw, spans)) if spans is not None else None


def span_digests(raw: bytes, spans: RecordSpans) -> list[str]:
    """The digest of each span's bytes (build_inputs.snapshot_digest), in order."""
    view = memoryview(raw)
    return [snapshot_digest(view[first:last]) for first, last in spans]


def _parse_records(source: str | bytes, spans: RecordSpans) -> list[Any] | None:
    """Each element parsed alone; None if one does not parse as one object."""
    values = []
    for start, end in spans:
        value = _parsed(source[start:end])
        if not isinstance(value, dict):
            return None
        values.append(value)
    return values


def _parsed(text: str | bytes) -> Any:
    """json.loads of `text`, or None if it is not JSON (which no caller takes for the array or object it wants)."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def rest_digest(document: Mapping[str, Any]) -> str:
    """A digest of a snapshot document but for its big arrays and the fields every fetch renews."""
    rest = {key: value for key, value in document.items() if key not in _CLOCK_FIELDS and key not in SECTION_KEYS}
    page = rest.get("status_page")
    if isinstance(page, dict):
        rest["status_page"] = {key: value for key, value in page.items() if key not in _CLOCK_PAGE_FIELDS}
    text = json.dumps(rest, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return snapshot_digest(text.encode("utf-8", "surrogatepass"))
