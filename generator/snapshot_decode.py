"""Checking a parsed snapshot document against the model's type hints, and building the model from it.

Two decoders are made once per type from the same hints: a careful one that
checks each field in the order the model declares them and names the first
bad place (`incidents[3].declared_at: not an ISO 8601 date`), and a fast one
for the usual case, a well-formed file: exact JSON types, fields taken as
they come, no cleaning of text that is known to be clean. The fast one only
ever accepts what the careful one accepts, with the same values; anything it
is not sure of (a wrong type, an unknown or missing field, an odd date or
number) makes the whole document go through the careful one, which gives
the value or the error. A 10,000-incident snapshot holds 430,000 values, and
the careful decoder spent most of a second on them.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import re
import types
import typing
from collections.abc import Callable
from datetime import UTC, datetime
from enum import Enum
from typing import Any

from generator.dates import parse_datetime
from generator.text import clean_text


class ShapeError(Exception):
    """A value that does not fit; its place is filled in on the way out, so fitting values cost nothing."""

    def __init__(self, problem: str, top: str = "value", path: list[str] | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.top = top  # what to call the place when it is the whole document
        self.path = path or []

    def __str__(self) -> str:
        place = "".join(part if part.startswith("[") else f".{part}" for part in self.path).lstrip(".")
        return f"{place or self.top}: {self.problem}"


def decode_document(kind: Any, document: Any, text: str) -> Any:
    """`document` (json.loads of `text`) as a `kind`, or a ShapeError naming the first bad place."""
    try:
        return _fast_decoder(kind, not _is_clean(text))(document)
    except _NotFast:
        return _decoder(kind)(document)


def decode_record(data: bytes, kind: Any) -> Any:
    """One record's own bytes (snapshot_sections.record_spans) as a `kind`, as a build reads it; else None."""
    try:
        text = data.decode("utf-8")
        return decode_document(kind, json.loads(text), text)
    except (ValueError, RecursionError, ShapeError):
        return None


def _is_clean(text: str) -> bool:
    """Whether no string in this JSON text can hold a character clean_text removes.

    json.loads (strict) has refused control characters inside strings, so in
    ASCII text only DEL can come raw; the others come only from the escapes
    \\b, \\f and \\u. An escaped backslash before a "b", "f" or "u" is only a
    false alarm: the text is cleaned then. (One regular expression scans
    45 MB in 14 ms; a search for two characters with `in` takes 44 ms.)
    """
    return text.isascii() and "\x7f" not in text and _ESCAPE_OF_UNWANTED.search(text) is None


_ESCAPE_OF_UNWANTED = re.compile(r"\\[bfu]")


_Decoder = Callable[[Any], Any]


# --- the careful decoder: every check, in the model's order, with the place of the first failure


@functools.cache
def _decoder(kind: Any) -> _Decoder:
    """A function that decodes a value of type `kind`; made once per type, not once per value."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(kind)
        (inner,) = [option for option in options if option is not type(None)]
        return _optional_decoder(_decoder(inner), nullable=type(None) in options)
    if origin is tuple:
        return _tuple_decoder(_decoder(typing.get_args(kind)[0]))
    if dataclasses.is_dataclass(kind):
        return _dataclass_decoder(kind)
    return functools.partial(_decode_scalar, kind)


def _optional_decoder(decode: _Decoder, nullable: bool) -> _Decoder:
    def decode_optional(value: Any) -> Any:
        return None if value is None and nullable else decode(value)

    return decode_optional


def _tuple_decoder(decode_item: _Decoder) -> _Decoder:
    def decode_tuple(value: Any) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise ShapeError("expected a list")
        items: list[Any] = []
        try:
            for item in value:
                items.append(decode_item(item))
        except ShapeError as exc:
            exc.path.insert(0, f"[{len(items)}]")
            raise
        return tuple(items)

    return decode_tuple


def _dataclass_decoder(kind: Any) -> _Decoder:
    hints = typing.get_type_hints(kind)
    fields = [
        (item.name, _decoder(hints[item.name]), item.default is dataclasses.MISSING)
        for item in dataclasses.fields(kind)
    ]
    known = frozenset(name for name, _, _ in fields)

    def decode_object(value: Any) -> Any:
        if not isinstance(value, dict):
            raise ShapeError("expected an object", top="snapshot")
        if not known.issuperset(value):
            raise ShapeError("unknown field", path=[sorted(set(value) - known)[0]])
        arguments = {}
        for name, decode, required in fields:
            if name in value:
                try:
                    arguments[name] = decode(value[name])
                except ShapeError as exc:
                    exc.path.insert(0, name)
                    raise
            elif required:
                raise ShapeError("missing", path=[name])
        return kind(**arguments)

    return decode_object


def _decode_scalar(kind: Any, value: Any) -> Any:
    if kind is datetime:
        try:
            return parse_datetime(value)
        except ValueError as exc:
            raise ShapeError(str(exc)) from None
    if isinstance(kind, type) and issubclass(kind, Enum):
        try:
            return kind(value)
        except ValueError:
            allowed = ", ".join(repr(member.value) for member in kind)
            raise ShapeError(f"{value!r} is not one of {allowed}") from None
    if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise ShapeError("expected a whole number")
    if kind is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ShapeError("expected a number")
        try:
            number = float(value)
        except OverflowError:  # a whole number of hundreds of digits
            raise ShapeError("expected a number") from None
        if not math.isfinite(number):
            raise ShapeError("expected a number")
        return number
    if kind in (str, bool) and not isinstance(value, kind):
        raise ShapeError(f"expected {'text' if kind is str else 'true or false'}")
    return clean_text(value) if isinstance(value, str) else value


# --- the fast decoder: exact JSON types only; anything else is left to the careful one


class _NotFast(Exception):
    """Raised by a fast decoder for anything it is not sure of; the careful decoder then decides."""


@functools.cache
def _fast_decoder(kind: Any, cleaning: bool) -> _Decoder:
    """Like _decoder(kind), for well-formed values only; with `cleaning`, strings go through clean_text."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(kind)
        (inner,) = [option for option in options if option is not type(None)]
        if type(None) not in options:
            return _fast_decoder(inner, cleaning)
        return _fast_optional(_fast_decoder(inner, cleaning))
    if origin is tuple:
        return _fast_tuple(_fast_decoder(typing.get_args(kind)[0], cleaning))
    if dataclasses.is_dataclass(kind):
        return _fast_dataclass(kind, cleaning)
    if kind is str:
        return _fast_cleaned_text if cleaning else _fast_text
    if kind is datetime:
        return _fast_datetime
    if isinstance(kind, type) and issubclass(kind, Enum):
        return _fast_enum({member.value: member for member in kind})
    if kind in (int, bool, float):
        return _fast_exact(kind)
    return _careful_only


def _careful_only(value: Any) -> Any:
    raise _NotFast


def _fast_optional(decode: _Decoder) -> _Decoder:
    def decode_optional(value: Any) -> Any:
        return None if value is None else decode(value)

    return decode_optional


def _fast_tuple(decode_item: _Decoder) -> _Decoder:
    def decode_tuple(value: Any) -> tuple[Any, ...]:
        if value.__class__ is not list:
            raise _NotFast
        return tuple(map(decode_item, value))

    return decode_tuple


def _fast_dataclass(kind: Any, cleaning: bool) -> _Decoder:
    hints = typing.get_type_hints(kind)
    decoders = {item.name: _fast_decoder(hints[item.name], cleaning) for item in dataclasses.fields(kind)}

    def decode_object(value: Any) -> Any:
        if value.__class__ is not dict:
            raise _NotFast
        try:
            return kind(**{name: decoders[name](item) for name, item in value.items()})
        except (KeyError, TypeError):  # an unknown field (no decoder), a missing one (the class refuses)
            raise _NotFast from None

    return decode_object


def _fast_cleaned_text(value: Any) -> str:
    if value.__class__ is not str:
        raise _NotFast
    return clean_text(value)


def _fast_text(value: Any) -> str:
    if value.__class__ is not str:
        raise _NotFast
    return value


def _fast_datetime(value: Any) -> datetime:
    """A date as snapshot files write it ("2026-11-19T10:00:00Z"): UTC, in range; other forms go the careful way."""
    if value.__class__ is not str:
        raise _NotFast
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise _NotFast from None
    if parsed.tzinfo is not UTC or not 1 < parsed.year < 9999:  # well inside EARLIEST..LATEST
        raise _NotFast
    return parsed


def _fast_enum(members: dict[Any, Enum]) -> _Decoder:
    def decode_enum(value: Any) -> Enum:
        if value.__class__ is not str or value not in members:
            raise _NotFast
        return members[value]

    return decode_enum


def _fast_exact(kind: type) -> _Decoder:
    """A whole number, true or false, or a finite number, each of its exact JSON type (never True as 1)."""
    if kind is float:
        return _fast_float

    def decode_exact(value: Any) -> Any:
        if value.__class__ is not kind:
            raise _NotFast
        return value

    return decode_exact


def _fast_float(value: Any) -> float:
    if value.__class__ is not float or not math.isfinite(value):
        raise _NotFast
    return value
