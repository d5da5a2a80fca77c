"""Reading a snapshot as skeleton plus big arrays gives exactly what json.loads gives, or declines."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.build_inputs import snapshot_digest
from generator.snapshot import load_snapshot, snapshot_from_bytes, snapshot_to_json
from generator.snapshot_sections import (
    file_digests,
    parse_split,
    parse_split_records,
    record_spans,
    recorded_spans,
    spans_of,
    split,
)
from tests import factories as f
from tests.synthetic import synthetic_snapshot


def canonical() -> bytes:
    return snapshot_to_json(synthetic_snapshot(range(1, 6))).encode()


def test_a_written_snapshot_splits_and_reads_as_the_whole() -> None:
    raw = canonical()
    found = split(raw)
    assert found is not None and set(found.spans) == {"episodes", "incidents"}
    assert parse_split(raw, found) == json.loads(raw)
    assert load_snapshot(raw, "x").snapshot == snapshot_from_bytes(raw, "x")
    assert load_snapshot(raw, "x").rest is not None


def test_another_layout_is_read_whole() -> None:
    document = json.loads(canonical())
    compact = json.dumps(document, separators=(",", ":")).encode()
    assert split(compact) is None
    assert load_snapshot(compact, "x").rest is None
    assert load_snapshot(compact, "x").snapshot == snapshot_from_bytes(canonical(), "x")


def test_the_pattern_inside_a_nested_object_is_not_taken_for_the_top_level_array() -> None:
    """A hand-made file whose nested object is laid out like the top level: the split must not trust it."""
    nested = b'{\n "format": "statusgen-snapshot",\n "inner": {\n "incidents": [1],\n "x": 2\n },\n "episodes": []'
    raw = nested + b',\n "incidents": [],\n "taken_at": "2026-11-20T12:00:00Z",\n "version": 1\n}\n'
    found = split(raw)
    assert found is None or parse_split(raw, found) in (None, json.loads(raw))


def test_a_duplicate_top_level_key_reads_as_json_loads_reads_it() -> None:
    """json.loads keeps the last of two equal keys: the split must give the same or decline."""
    raw = b'{\n "episodes": [],\n "incidents": [1],\n "incidents": [2],\n "version": 1\n}\n'
    found = split(raw)
    assert found is None or parse_split(raw, found) in (None, json.loads(raw))


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet='{}[]",:\n 0123abincdeptsoz', max_size=120))
def test_any_text_splits_to_what_json_loads_gives_or_not_at_all(text: str) -> None:
    raw = ('{\n "episodes": [],\n "incidents": [' + text + '],\n "version": 1\n}\n').encode()
    found = split(raw)
    parsed = parse_split(raw, found) if found is not None else None
    if parsed is None:
        return
    assert parsed == json.loads(raw)


def test_the_digest_of_a_written_snapshot_changes_with_any_byte() -> None:
    raw = canonical()
    digests = file_digests(raw)
    assert digests.sections is not None
    for position in (0, len(raw) // 3, len(raw) // 2, len(raw) - 3):
        flipped = raw[:position] + bytes([raw[position] ^ 1]) + raw[position + 1 :]
        assert file_digests(flipped).whole != digests.whole


def test_only_the_changed_array_changes_its_digest() -> None:
    first = synthetic_snapshot(range(1, 6))
    incident = first.incidents[0]
    noted = dataclasses.replace(incident, updates=(*incident.updates, f.note("late", 0.1, "Late.")))
    later = snapshot_to_json(dataclasses.replace(first, incidents=(noted, *first.incidents[1:]))).encode()
    before, after = file_digests(canonical()), file_digests(later)
    assert before.sections is not None and after.sections is not None
    assert before.sections["episodes"] == after.sections["episodes"]
    assert before.sections["incidents"] != after.sections["incidents"]


@pytest.mark.parametrize("size", [0, 1])
def test_a_file_without_incidents_still_splits(size: int) -> None:
    raw = snapshot_to_json(synthetic_snapshot(range(1, 1 + size))).encode()
    found = split(raw)
    assert found is not None and parse_split(raw, found) == json.loads(raw)


def test_each_element_of_a_written_snapshot_is_read_from_its_own_bytes() -> None:
    raw = canonical()
    found = split(raw)
    assert found is not None
    parsed = parse_split_records(raw, found)
    assert parsed is not None and parsed.document == json.loads(raw)
    for key, (start, end) in found.spans.items():
        spans = record_spans(raw, start, end)
        assert spans is not None
        assert [json.loads(raw[first:last]) for first, last in spans] == parsed.document[key]
        assert parsed.records[key] == spans
    assert len(parsed.records["incidents"]) == 5
    assert load_snapshot(raw, "x").records == parsed.records


def test_a_new_note_changes_only_its_incidents_bytes() -> None:
    first = synthetic_snapshot(range(1, 6))
    incident = first.incidents[2]
    noted = dataclasses.replace(incident, updates=(*incident.updates, f.note("late", 0.1, "Late.")))
    incidents = (*first.incidents[:2], noted, *first.incidents[3:])
    later = snapshot_to_json(dataclasses.replace(first, incidents=incidents)).encode()

    def records(raw: bytes) -> list[str]:
        spans = load_snapshot(raw, "x").records["incidents"]
        return [snapshot_digest(raw[start:end]) for start, end in spans]

    changed = [i for i, (a, b) in enumerate(zip(records(canonical()), records(later), strict=True)) if a != b]
    assert changed == [2]


def test_another_layout_has_no_records() -> None:
    document = json.loads(canonical())
    indented = json.dumps(document, indent=2, sort_keys=True).encode()  # the arrays' elements at four spaces
    assert load_snapshot(indented, "x").records == {}
    assert load_snapshot(indented, "x").snapshot == snapshot_from_bytes(canonical(), "x")


_VALUES = st.recursive(
    st.none() | st.integers() | st.text(alphabet='a{}[]\n ,":', max_size=6),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(alphabet="ab}", max_size=2), children),
    max_leaves=8,
)
_OBJECTS = st.dictionaries(st.text(alphabet="ab", max_size=2), _VALUES, max_size=3)
_ELEMENTS = st.lists(
    st.one_of(_OBJECTS, _OBJECTS, _OBJECTS, _VALUES), min_size=2, max_size=4
)  # mostly objects, as records are


@settings(max_examples=300, deadline=None)
@given(elements=_ELEMENTS, at=st.integers(0, 300), edit=st.sampled_from(["", " ", "\n", "  ", "\n  },\n  {", "}", ","]))
def test_an_array_read_element_by_element_reads_as_json_loads_reads_it_or_not_at_all(
    elements: list[object], at: int, edit: str
) -> None:
    """Written as write_snapshot writes it, then edited at one place as a hand could: the same values, or none.

    Where the elements are read one by one, each is read from the bytes its digest is taken of.
    """
    text = json.dumps({"episodes": [], "incidents": elements, "version": 1}, indent=1, sort_keys=True)
    raw = (text[:at] + edit + text[at:]).encode()
    found = split(raw)
    parsed = parse_split_records(raw, found) if found is not None else None
    if parsed is None or found is None:
        return
    assert parsed.document == json.loads(raw)
    if "incidents" in parsed.records:
        spans = record_spans(raw, *found.spans["incidents"])
        assert spans is not None
        assert [json.loads(raw[first:last]) for first, last in spans] == parsed.document["incidents"]
        assert parsed.records["incidents"] == spans


def test_a_file_fetched_again_has_its_arrays_where_the_last_one_had_them() -> None:
    first = synthetic_snapshot(range(1, 6))
    again = snapshot_to_json(dataclasses.replace(first, taken_at=first.taken_at + timedelta(minutes=5))).encode()
    recorded = spans_of(canonical())
    assert recorded is not None and spans_of(again) is not None

    assert recorded_spans(again, {key: list(span) for key, span in recorded.items()}) == spans_of(again)


def test_arrays_moved_or_recorded_wrong_are_not_found_there() -> None:
    raw = canonical()
    recorded = {key: list(span) for key, span in (spans_of(raw) or {}).items()}
    moved = raw.replace(b'"format": ', b'"format":  ', 1)
    assert recorded_spans(moved, recorded) is None
    for wrong in (
        {"incidents": recorded["incidents"]},
        {**recorded, "incidents": [True, 5]},
        {**recorded, "episodes": [1]},
    ):
        assert recorded_spans(raw, wrong) is None
    shorter = {**recorded, "incidents": [recorded["incidents"][0], recorded["incidents"][1] - 1]}
    assert recorded_spans(raw, shorter) is None


def test_a_recorded_start_too_early_for_its_opening_is_not_taken() -> None:
    """A review found find() giving -1, "no opening before the start", taken for the opening's place."""
    compact_first = b'{"incidents": [1, 2],\n "episodes": [],\n "v": 1\n}\n'
    assert spans_of(compact_first) is None
    assert recorded_spans(compact_first, {"incidents": [14, 20], "episodes": [35, 37]}) is None


_PIECES = st.sampled_from(["1", "[]", '"a"', ",", ',\n "', "\n", " ", '"incidents": ', '\n "incidents": [', "]"])


def _laid_out(head: str, episodes: str, incidents: str) -> bytes:
    return (
        "{\n" + head + '\n "episodes": [' + episodes + '],\n "incidents": [' + incidents + '],\n "v": 1\n}\n'
    ).encode()


@settings(max_examples=300, deadline=None)
@given(
    old=st.tuples(*[st.lists(_PIECES, max_size=6).map("".join)] * 3),
    new=st.tuples(*[st.lists(_PIECES, max_size=6).map("".join)] * 3),
    keep=st.tuples(st.booleans(), st.booleans(), st.booleans()),
)
def test_recorded_spans_whose_arrays_have_the_recorded_bytes_are_the_spans_spans_of_finds(
    old: tuple[str, str, str], new: tuple[str, str, str], keep: tuple[bool, bool, bool]
) -> None:
    """The claim clock_rebuild trusts: where the arrays' bytes are the recorded file's, no search is needed."""
    before = _laid_out(*old)
    after = _laid_out(
        *(old_part if kept else new_part for old_part, new_part, kept in zip(old, new, keep, strict=True))
    )
    recorded = spans_of(before)
    if recorded is None:
        return
    found = recorded_spans(after, {key: list(span) for key, span in recorded.items()})
    if found is None:
        return
    if all(after[slice(*found[key])] == before[slice(*recorded[key])] for key in found):
        assert found == spans_of(after)
