"""Warnings name rows safely, one line each, and reach whoever asked for them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from generator.notices import LOGGER, named, print_warnings, warn


@pytest.fixture(autouse=True)
def no_leftover_handlers() -> Iterator[None]:
    before = list(LOGGER.handlers)
    yield
    for handler in [h for h in LOGGER.handlers if h not in before]:
        LOGGER.removeHandler(handler)


@pytest.mark.parametrize(
    ("row_id", "shown"),
    [
        ("abc", "incident 'abc'"),
        (42, "incident '42'"),
        ("line\nbreak\x1b[31m", "incident 'line\\nbreak\\x1b[31m'"),  # no forged line, no terminal colours
        ("caf\u00e9 \u202e", "incident 'caf\\xe9 \\u202e'"),
        ("x" * 65, "incident '" + "x" * 61 + "...'"),
        ("", "incident without an id"),
        (None, "incident without an id"),
        ({"x": 1}, "incident without an id"),
        (True, "incident without an id"),
    ],
)
def test_a_row_is_named_by_its_id_on_one_ascii_line(row_id: object, shown: str) -> None:
    assert named("incident", row_id) == shown


def test_warnings_go_to_the_last_echo_given_each_once() -> None:
    first: list[str] = []
    second: list[str] = []
    print_warnings(first.append)
    warn("one")
    print_warnings(second.append)
    warn("two")
    assert (first, second) == (["warning: one"], ["warning: two"])
