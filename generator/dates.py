"""Reading and writing the instants we publish: always timezone-aware UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo

# Instants a page can show in every time zone: a day inside datetime's range on
# each side, so converting to a zone up to 24 h away can never overflow. Dates
# outside it (year 1, year 9999) are data errors, not moments worth publishing.
EARLIEST = datetime.min.replace(tzinfo=UTC) + timedelta(days=1)
LATEST = datetime.max.replace(tzinfo=UTC) - timedelta(days=1)


def parse_datetime(value: object) -> datetime:
    """An aware UTC datetime from a datetime or an ISO 8601 string.

    OneUptime sends dates as typed objects or as plain strings, with or without
    milliseconds and offsets; a string without an offset is taken as UTC,
    which is what the server means by it. A date outside EARLIEST..LATEST is
    a ValueError, like any other unreadable date.
    """
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(f"not an ISO 8601 date: {value[:40]!r}") from None
    else:
        raise ValueError(f"not a date: {str(value)[:40]!r}")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        instant = parsed.astimezone(UTC)
    except OverflowError:  # "0001-01-01T00:00:00+14:00" is before year 1 in UTC
        instant = None
    if instant is None or not EARLIEST <= instant <= LATEST:
        raise ValueError(f"date out of range: {str(value)[:40]!r}")
    return instant


def format_datetime(value: datetime) -> str:
    """The one text form of an instant in our files: ISO 8601, UTC, with a Z."""
    text = value.astimezone(UTC).isoformat()
    return text.removesuffix("+00:00") + "Z"


def in_zone(moment: datetime, zone: tzinfo) -> datetime:
    """`moment` on the clocks of `zone`, never an OverflowError.

    Parsed dates are already inside EARLIEST..LATEST; a Snapshot made in code
    may hold year 1 or 9999, which is clamped a day inside datetime's range so
    every zone can show it.
    """
    return min(max(moment, EARLIEST), LATEST).astimezone(zone)
