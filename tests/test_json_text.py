"""generator/json_text.py: the same text as json.dumps, for every value, plain or not."""

from __future__ import annotations

import enum
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from generator.json_text import indented_json

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()  # control characters, quotes, backslashes, non-ASCII, lone surrogates
)
_VALUES = st.recursive(
    _SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.lists(children, max_size=3).map(tuple)
        | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=30,
)


def _dumps(value: Any, indent: int) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=indent)


@settings(max_examples=500, deadline=None)
@given(_VALUES, st.integers(min_value=0, max_value=3))
def test_a_plain_value_reads_as_json_dumps_writes_it(value: Any, indent: int) -> None:
    assert indented_json(value, indent) == _dumps(value, indent)


class _Level(enum.IntEnum):
    HIGH = 2


@pytest.mark.parametrize(
    "value",
    [
        {"a": Markup("<b>")},  # a str subclass
        {"a": [_Level.HIGH]},  # an int subclass, which json writes by int's repr
        {1: "one", 2: "two"},  # keys json converts to text, sorted as numbers first
        {"a": {2.5: 2, 1: 1}, "b": {False: 0}, "c": {None: 3}},
        [{"a": 1.5e300, "b": -0.0}],
    ],
)
def test_a_value_that_is_not_plain_reads_as_json_dumps_writes_it(value: Any) -> None:
    assert indented_json(value, 2) == _dumps(value, 2)


@pytest.mark.parametrize("value", [{"a": {1, 2}}, [object()], {("a",): 1}, {"a": 1, 2: "b"}, {None: 1, True: 2}])
def test_a_value_json_refuses_is_refused_alike(value: Any) -> None:
    with pytest.raises(TypeError) as expected:
        _dumps(value, 1)
    with pytest.raises(TypeError) as got:
        indented_json(value, 1)
    assert str(got.value) == str(expected.value)


def test_a_value_that_holds_itself_is_refused_alike() -> None:
    looped: list[Any] = []
    looped.append(looped)
    with pytest.raises(ValueError, match="Circular reference"):
        indented_json(looped, 1)
