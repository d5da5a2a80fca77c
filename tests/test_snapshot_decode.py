"""The fast snapshot decoder accepts exactly what the careful one accepts, with the same values and errors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from generator.errors import SnapshotError
from generator.model import Snapshot
from generator.snapshot import demo_snapshot_bytes, snapshot_from_json
from generator.snapshot_decode import ShapeError, _decoder, _fast_decoder, _is_clean

# Values a field may hold in a broken or hand-written file: every JSON type, odd dates, numbers and text.
ODD_VALUES: list[Any] = [
    None, True, False, 0, 1, -1, 1.5, 10**400, float("nan"), float("inf"), "", "x", "note", "state",
    "2026-11-19T10:00:00Z", "2026-11-19T15:30:00+05:30", " 2026-11-19T10:00:00Z", "2026-11-19T10:00:00",
    "2026-11-19", "2026-11-19Z", "20261119T100000Z", "0001-01-01T00:00:00Z", "9999-12-31T00:00:00Z",
    "0001-01-02T00:00:00Z", "9999-12-30T00:00:00Z", "Bell\u0007", "Line\u2028separator", "\ud800", "C:\\users",
    [], ["x"], [1], [{}], {}, {"id": "x"},
]  # fmt: skip


def _places(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in the document, the first of each kind (incidents[0].title stands for all titles)."""
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _places(item, (*path, key))
    elif isinstance(value, list) and value:
        yield from _places(value[0], (*path, 0))


def _demo_document() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(demo_snapshot_bytes())
    return document


def _compact(value: Any) -> Any:
    """The demo with each list cut to one item that has every field any of its items has (fast to try)."""
    if isinstance(value, dict):
        return {key: _compact(item) for key, item in value.items()}
    if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        merged: dict[str, Any] = {}
        for item in value:
            merged.update({key: field for key, field in item.items() if merged.get(key) in (None, [], "")})
        return [_compact(merged)]
    return value[:1] if isinstance(value, list) else value


def _outcome(decode: Any, text: str) -> str:
    """What reading `text` gives: the repr of the snapshot (1, 1.0 and True differ there) or the error."""
    try:
        return repr(decode(text))
    except SnapshotError as exc:
        return f"{type(exc).__name__}: {exc}"


def _careful_only(text: str) -> Snapshot:
    body = {k: v for k, v in json.loads(text).items() if k not in {"format", "version"}}
    try:
        decoded: Snapshot = _decoder(Snapshot)(body)
    except ShapeError as exc:
        raise SnapshotError(f"snapshot: {exc}") from None
    return decoded


def _variants() -> Iterator[str]:
    document = _compact(_demo_document())
    for path in list(_places(document)):
        if not path or path[-1] in {"format", "version"}:
            continue
        *parents, last = path
        holder = document
        for step in parents:
            holder = holder[step]
        original = holder[last]
        for value in [*ODD_VALUES, "remove", "add"]:
            if value == "remove":
                if not isinstance(holder, dict):
                    continue
                del holder[last]
            elif value == "add":
                if not isinstance(original, dict):
                    continue
                holder[last] = {**original, "unknown": 1}
            else:
                holder[last] = value
            yield json.dumps(document, ensure_ascii=value != "Line\u2028separator")
            holder[last] = original  # as it was, in its place (dict order does not matter to the decoders)


def test_the_fast_decoder_takes_well_formed_files() -> None:
    """The demo and every snapshot statusgen writes decode without the careful decoder."""
    document = _demo_document()
    text = demo_snapshot_bytes().decode("utf-8")
    body = {k: v for k, v in document.items() if k not in {"format", "version"}}
    assert _is_clean(text)
    assert repr(_fast_decoder(Snapshot, False)(body)) == repr(_decoder(Snapshot)(body))


def test_every_odd_value_anywhere_reads_as_the_careful_decoder_reads_it() -> None:
    """Same value, same error, for each odd value at the first place of each field of the demo."""
    checked = 0
    for text in _variants():
        assert _outcome(lambda t: snapshot_from_json(t, "snapshot"), text) == _outcome(_careful_only, text)
        checked += 1
    assert checked > 2000


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Bell\\u0007 rings", "Bell rings"),
        ("Back\\bspace and form\\ffeed", "Backspace and formfeed"),
        ("Delete\x7f me", "Delete me"),
        ("Escaped \\\\users stay", "Escaped \\users stay"),
        ("Caf\\u00e9 \u00e9", "Caf\u00e9 \u00e9"),
    ],
)
def test_text_is_cleaned_whenever_the_file_could_hold_what_clean_text_removes(title: str, expected: str) -> None:
    document = _demo_document()
    document["incidents"][0]["title"] = "PLACEHOLDER"
    text = json.dumps(document, ensure_ascii=False).replace("PLACEHOLDER", title)
    assert snapshot_from_json(text).incidents[0].title == expected


def test_a_number_too_large_for_a_float_is_named_not_an_internal_error() -> None:
    document = _demo_document()
    document["status_page"]["bar_color_rules"] = [{"color": "#ffffff", "min_uptime": 10**400}]
    with pytest.raises(
        SnapshotError, match=r"^snapshot: status_page\.bar_color_rules\[0\]\.min_uptime: expected a number$"
    ):
        snapshot_from_json(json.dumps(document))
