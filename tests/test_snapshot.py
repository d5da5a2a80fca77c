"""Snapshot files round-trip exactly and fail with one clear line."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Any

import pytest

from generator.dates import format_datetime
from generator.errors import SnapshotError
from generator.snapshot import demo_snapshot, read_snapshot, snapshot_from_json, snapshot_to_json, write_snapshot
from tests import factories as f


def sample() -> object:
    return f.snapshot(
        f.incident(
            1,
            updates=(f.note("n1", 0.5, "**bold**"), f.state_change("s1", 1, f.CREATED)),
            postmortem=f.postmortem(0.1),
            monitor_ids=("m1",),
            episode_id="ep-1",
        ),
        episodes=(f.episode(1, incident_ids=("inc-1",)),),
    )


def test_round_trip_is_exact_and_stable(tmp_path: Path) -> None:
    original = sample()
    path = tmp_path / "snapshot.json"
    write_snapshot(original, path)  # type: ignore[arg-type]
    assert read_snapshot(path) == original
    assert path.read_text(encoding="utf-8") == snapshot_to_json(read_snapshot(path))


def _plainly(value: Any) -> Any:
    """A model value as JSON, by the rules stated plainly: what snapshot._encode's fast paths must give."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: _plainly(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_plainly(item) for item in value]
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, Enum):
        return value.value
    return value


@pytest.mark.parametrize("snapshot", [sample(), demo_snapshot()], ids=["sample", "demo"])
def test_the_file_holds_each_value_by_the_plain_rules(snapshot: Any) -> None:
    document = {"format": "statusgen-snapshot", "version": 1, **_plainly(snapshot)}
    expected = json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    assert snapshot_to_json(snapshot) == expected
    assert snapshot_to_json(snapshot) == expected  # again, with each type's fields remembered


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(SnapshotError, match=r"^snapshot file .*nope\.json does not exist$"):
        read_snapshot(tmp_path / "nope.json")


def test_bad_json_says_where() -> None:
    with pytest.raises(SnapshotError, match=r"^s\.json is not valid JSON \(line 1, column 2\)$"):
        snapshot_from_json("{oops", source="s.json")


def test_other_json_is_not_a_snapshot() -> None:
    with pytest.raises(SnapshotError, match="is not a statusgen snapshot"):
        snapshot_from_json("[1, 2]")


def test_newer_version_is_refused_clearly() -> None:
    with pytest.raises(SnapshotError, match="has snapshot version 99; this statusgen reads version 1"):
        snapshot_from_json('{"format": "statusgen-snapshot", "version": 99}')


def test_bad_field_is_named_by_its_path() -> None:
    document = json.loads(snapshot_to_json(sample()))  # type: ignore[arg-type]
    document["incidents"][0]["updates"][1]["at"] = "someday"
    with pytest.raises(SnapshotError, match=r"incidents\[0\]\.updates\[1\]\.at: not an ISO 8601 date"):
        snapshot_from_json(json.dumps(document))


def test_unknown_fields_are_refused_not_ignored() -> None:
    document = json.loads(snapshot_to_json(sample()))  # type: ignore[arg-type]
    document["incidents"][0]["rootCause"] = "private"
    with pytest.raises(SnapshotError, match=r"incidents\[0\]\.rootCause: unknown field"):
        snapshot_from_json(json.dumps(document))


def test_non_utf8_file_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(b'{"format": "\xff"}')
    with pytest.raises(SnapshotError, match=r"is not UTF-8 \(byte 12\)"):
        read_snapshot(path)


def test_control_characters_in_text_are_dropped_on_read() -> None:
    document = json.loads(snapshot_to_json(sample()))  # type: ignore[arg-type]
    document["incidents"][0]["title"] = "Bad\u0000 title\u0007"
    assert snapshot_from_json(json.dumps(document)).incidents[0].title == "Bad title"


def test_demo_snapshot_is_realistic() -> None:
    demo = demo_snapshot()
    resolved = {s.id for s in demo.states if s.is_resolved}
    assert len(demo.incidents) >= 12
    assert any(i.state_id not in resolved for i in demo.incidents), "an ongoing incident"
    assert any(i.postmortem for i in demo.incidents), "a published postmortem"
    assert any(len(e.incident_ids) == 3 for e in demo.episodes), "an episode of three incidents"
    assert len({i.severity_id for i in demo.incidents}) >= 3
    assert max(len(i.updates) for i in demo.incidents) >= 5
    all_markdown = " ".join(u.note for i in demo.incidents for u in i.updates) + " ".join(
        i.postmortem.note for i in demo.incidents if i.postmortem
    )
    for marker in ("\n- ", "```", "|---|", "](https://"):
        assert marker in all_markdown
