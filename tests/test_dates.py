"""Every date form the server may send becomes one aware UTC instant."""

from datetime import UTC, datetime

import pytest

from generator.dates import format_datetime, parse_datetime

EXPECTED = datetime(2024, 1, 15, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    "value",
    [
        "2024-01-15T09:30:00.000Z",
        "2024-01-15T09:30:00Z",
        "2024-01-15T09:30:00+00:00",
        "2024-01-15T10:30:00+01:00",
        "2024-01-15T09:30:00",
        datetime(2024, 1, 15, 9, 30),  # noqa: DTZ001 - a naive value is read as UTC
    ],
)
def test_parse_datetime_accepts_every_form(value: object) -> None:
    assert parse_datetime(value) == EXPECTED
    assert parse_datetime(value).tzinfo == UTC


@pytest.mark.parametrize("value", ["", "yesterday", None, 12, {"a": 1}])
def test_parse_datetime_rejects_non_dates(value: object) -> None:
    with pytest.raises(ValueError, match="not"):
        parse_datetime(value)


def test_format_datetime_is_utc_with_z() -> None:
    assert format_datetime(EXPECTED) == "2024-01-15T09:30:00Z"
