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


@pytest.mark.parametrize(
    "value",
    [
        "0001-01-01T00:00:00Z",
        "0001-01-01T00:00:00+14:00",  # before year 1 in UTC: no OverflowError escapes
        "9999-12-31T23:59:59.999Z",
        "9999-12-31T20:00:00-12:00",
        datetime(1, 1, 1, tzinfo=UTC),
    ],
)
def test_dates_no_time_zone_can_show_are_rejected_like_unreadable_ones(value: object) -> None:
    with pytest.raises(ValueError, match="date out of range"):
        parse_datetime(value)


def test_the_range_is_wide_enough_for_real_data() -> None:
    assert parse_datetime("0002-01-01T00:00:00Z").year == 2
    assert parse_datetime("9998-12-31T23:59:59Z").year == 9998
