"""Wire values in, plain values out: typed objects decoded, unselected fields dropped."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from generator.dates import parse_datetime
from generator.oneuptime.rows import Row, Select


def decode_value(value: Any) -> Any:
    """A wire value with every typed object ({"_type", "value"}) replaced by its value.

    DateTime becomes an aware UTC datetime (kept as text if unreadable, for
    visibility.py to judge); ObjectID, Color and any other type become their
    plain value. Lists and nested objects are decoded throughout.
    """
    if isinstance(value, list):
        return [decode_value(item) for item in value]
    if isinstance(value, dict):
        if "_type" in value and "value" in value:
            return _decode_typed(value["_type"], value["value"])
        return {key: decode_value(item) for key, item in value.items()}
    return value


def _decode_typed(kind: object, value: Any) -> Any:
    if kind == "DateTime" and isinstance(value, str):
        try:
            return parse_datetime(value)
        except ValueError:
            return value
    if kind in ("ObjectID", "Color") and value is not None and not isinstance(value, dict | list):
        return str(value)
    return decode_value(value)


def project_row(row: Mapping[str, Any], select: Select) -> Row:
    """Only the selected fields of a row, nested selects applied to relations.

    A server that ignores `select` sends private fields too; they stop here.
    """
    kept: Row = {}
    for name, wanted in select.items():
        if name not in row:
            continue
        value = row[name]
        if isinstance(wanted, Mapping):
            kept[name] = _project_relation(value, wanted)
        elif wanted is True:
            kept[name] = value
    return kept


def _project_relation(value: Any, select: Select) -> Any:
    if isinstance(value, list):
        return [project_row(item, select) for item in value if isinstance(item, Mapping)]
    if isinstance(value, Mapping):
        return project_row(value, select)
    return None


def wire_instant(value: datetime) -> str:
    """A time as a comparison operator's plain ISO value: UTC, milliseconds, Z (toISOString)."""
    utc = value.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def unique_rows(rows: Iterable[Row]) -> list[Row]:
    """First row per _id: concurrent pages or a server ignoring a query may repeat rows."""
    seen: dict[str, Row] = {}
    for row in rows:
        seen.setdefault(row["_id"], row)
    return list(seen.values())


def belonging(rows: Iterable[Row], field: str, ids: set[str]) -> list[Row]:
    """Rows whose `field` names one of `ids`: the rest the server should not have sent."""
    return [row for row in rows if belongs(row, field, ids)]


def belongs(row: Row, field: str, ids: set[str]) -> bool:
    """Whether `field` names one of `ids`; an object, list or boolean there (no id at all)
    is passed on for visibility.py, which leaves the row out and says so."""
    value = row.get(field)
    return isinstance(value, dict | list | bool) or value in ids


def keys(rows: Iterable[Row], field: str) -> set[str]:
    """The ids that rows point to through `field` (an id as text; anything else is ignored)."""
    return {value for row in rows if isinstance(value := row.get(field), str)}
