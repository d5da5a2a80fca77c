"""Reading untrusted wire values: text, numbers, dates and ids, and what is left out when one is odd.

A server (or a hand-edited snapshot) can put anything anywhere: an object
where an id belongs, a 5,000-digit number, a date in the year 1. Each reader
here turns a value into what the model holds or into "missing", and the odd
cases are said once, by id, through notices.warn.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from generator.dates import parse_datetime
from generator.notices import named, warn
from generator.text import clean_text

Row = dict[str, Any]

_WHOLE_NUMBER = re.compile(r"-?[0-9]{1,100}")  # ASCII digits: int() would also read "١٢" and "１２"


def is_odd(value: object) -> bool:
    """A value where an id belongs that is none: an object, a list, true or false (null is just missing)."""
    return isinstance(value, dict | list | bool)


def left_out(row: Row, kind: str, *keys: str) -> bool:
    """Whether the row is left out because a key joining it to its item is no id; says so when it is."""
    odd = next((key for key in keys if is_odd(row.get(key))), None)
    if odd is not None:
        warn(f"{named(kind, row.get('_id'))}: {odd} is not an id; left out")
    return odd is not None


def ignore_odd(row: Row, kind: str, *keys: str) -> None:
    """A published item's odd keys are read as missing (an unknown state, no episode); says which."""
    for key in keys:
        if is_odd(row.get(key)):
            warn(f"{named(kind, row.get('_id'))}: {key} is not an id; ignored")


def item_number(row: Row, kind: str, key: str) -> int | None:
    """The item's number; one that is there but no whole number is ignored, with a warning.

    Whether a whole number is usable (not 0, negative or huge) is the page plan's
    decision, since a snapshot file can hold any.
    """
    number = optional_int(row.get(key))
    if number is None and row.get(key) is not None:
        warn(f"{named(kind, row.get('_id'))}: {key} is not a whole number; ignored")
    return number


def dict_rows(value: object) -> list[Row]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def text_of(value: object) -> str:
    """Text of a wire value; ids and numbers may come as other JSON types."""
    if value is None or isinstance(value, dict | list | bool):
        return ""
    return clean_text(value if isinstance(value, str) else str(value))


def optional_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _WHOLE_NUMBER.fullmatch(value.strip()):
        return int(value.strip())
    return None


def optional_date(value: object) -> datetime | None:
    if value is None:
        return None
    try:
        return parse_datetime(value)
    except ValueError:
        return None


def unique_rows(rows: Iterable[Row]) -> list[Row]:
    """Rows with a duplicated _id appear once (the first one the server sent)."""
    seen: set[str] = set()
    unique = []
    for row in rows:
        row_id = text_of(row.get("_id"))
        if row_id and row_id not in seen:
            seen.add(row_id)
            unique.append(row)
    return unique


def relation_ids(row: Row, key: str = "monitors") -> list[object]:
    """The ids of a relation list ([{"_id": ...}] or plain ids)."""
    value = row.get(key)
    if not isinstance(value, list):
        return []
    return [item.get("_id") if isinstance(item, dict) else item for item in value]


def ids_among(values: object) -> set[str]:
    """The ids among these values; anything that is not one is ignored."""
    if not isinstance(values, list | tuple | set | frozenset):
        return set()
    return {text for value in values if isinstance(value, str) and (text := text_of(value))}


def flag(row: Row, key: str, default: bool) -> bool:
    """A switch: true or false as set; missing (a server without the column) is OneUptime's default; odd is off."""
    value = row.get(key)
    if value is None:
        return default
    return value is True
