"""Reading and writing the instants we publish: always timezone-aware UTC."""

from __future__ import annotations

from datetime import UTC, datetime


def parse_datetime(value: object) -> datetime:
    """An aware UTC datetime from a datetime or an ISO 8601 string.

    OneUptime sends dates as typed objects or as plain strings, with or without
    milliseconds and offsets; a string without an offset is taken as UTC,
    which is what the server means by it.
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
    return parsed.astimezone(UTC)


def format_datetime(value: datetime) -> str:
    """The one text form of an instant in our files: ISO 8601, UTC, with a Z."""
    text = value.astimezone(UTC).isoformat()
    return text.removesuffix("+00:00") + "Z"
