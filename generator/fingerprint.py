"""Stable digests of what a page is made from, so unchanged pages need not be rendered again.

A fingerprint covers every dataclass field reachable from a value (not
properties, so derived HTML is left out: its Markdown source is covered).
It is the same across processes and runs for equal data, unlike hash(), and
it does not depend on the order in which values are fingerprinted.

Views refer back to each other (an incident to its episode, which lists the
incident). Such back references are declared as reference fields: there the
referenced value is digested in its "canonical" form, in which its own
reference fields count only by the referenced page's `url`. Every value thus
has one digest wherever the walk starts, and a cycle that was not declared is
an error rather than a silently order-dependent key.

Immutable leaf values (the snapshot's model objects, timeline entries) are
digested from their repr in one step: much faster than walking their fields,
and just as exact, since a frozen dataclass's repr shows every field.

Derived fields (declared per class) are skipped: values the caller knows to
be made from the other fields and from inputs it keys separately.

Volatile values (declared per type) have no fingerprint: a value that holds
one raises VolatileValue, and its output is rendered on every build.

Moving values (declared per type) are digested like any dataclass (by the
fields that are not derived), and a caller can ask whether a value held one
(`moving`): "in 28 days" is keyed by the event's start, and whether its text
still reads the same is decided apart (kept_growing.py).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timedelta, tzinfo
from enum import Enum
from pathlib import PurePath
from typing import Any

_SCALARS = (str, int, float, bool, Enum, PurePath, datetime, date, timedelta, tzinfo, type(None))


# How a value is digested, decided once per type (isinstance against ABCs costs more than the hashing).
_SCALAR, _LEAF, _DATACLASS, _MAPPING, _SEQUENCE, _SET, _UNKNOWN, _VOLATILE, _MOVING = range(1, 10)  # never 0: `or`


class VolatileValue(Exception):  # noqa: N818 - not an error: the answer "this has no lasting fingerprint"
    """The value holds one of a volatile type (growing.GrowingSpan): it differs at every build time."""


class Fingerprinter:
    """Digests memoised for the lifetime of one build (keyed by object identity)."""

    def __init__(
        self,
        leaf_types: Iterable[type] = (),
        reference_fields: Mapping[type, frozenset[str]] | None = None,
        derived_fields: Mapping[type, frozenset[str]] | None = None,
        volatile_types: Iterable[type] = (),
        leaf_digests: Mapping[int, tuple[Any, Callable[[], str]]] | None = None,
        moving_types: Iterable[type] = (),
    ) -> None:
        """`leaf_digests`: by a leaf value's id, the value and what gives a digest that names it exactly."""
        self._leaf_types = tuple(leaf_types)
        self._volatile_types = tuple(volatile_types)
        self._moving_types = tuple(moving_types)
        self._moved = 0  # moving values digested so far, memo hits on values that hold one included
        self._holding: set[tuple[int, bool]] = set()  # the memo's keys of values that hold a moving value
        self._references = dict(reference_fields or {})
        self._derived = dict(derived_fields or {})
        self._leaf_digests = leaf_digests or {}
        self._done: dict[tuple[int, bool], str] = {}
        self._keep: list[Any] = []  # memo keys are ids: keep the objects alive for the build
        self._in_progress: set[tuple[int, bool]] = set()
        self._kinds: dict[type, int] = {}
        self._fields: dict[type, tuple[tuple[str, bool], ...]] = {}  # digested fields, and which are references

    def of(self, value: Any) -> str:
        """A hex digest of `value`; equal data gives equal digests."""
        return self._digest(value, canonical=False)

    def moving(self, value: Any) -> tuple[str, bool]:
        """`of(value)`, and whether the value holds a moving value."""
        moved = self._moved
        digest = self._digest(value, canonical=False)
        return digest, self._moved != moved

    def _kind(self, cls: type) -> int:
        kind = self._kinds.get(cls)
        if kind is None:
            if issubclass(cls, self._volatile_types):
                kind = _VOLATILE
            elif issubclass(cls, self._moving_types) and dataclasses.is_dataclass(cls):
                kind = _MOVING
            else:
                kind = _kind_of(cls, self._leaf_types)
            self._kinds[cls] = kind
        return kind

    def _digest(self, value: Any, canonical: bool) -> str:
        kind = self._kinds.get(type(value)) or self._kind(type(value))
        if kind == _SCALAR:
            return _hash(_scalar_text(value))
        # A leaf holds no view: it has one digest, canonical or not, and no cycle can pass through it.
        is_leaf = kind == _LEAF
        key = (id(value), canonical and not is_leaf)
        done = self._done.get(key)
        if done is not None:
            if self._holding and key in self._holding:
                self._moved += 1
            return done
        if is_leaf:
            known = self._leaf_digests.get(key[0])
            done = known[1]() if known is not None and known[0] is value else _hash(f"leaf:{value!r}")
            self._done[key] = done
            self._keep.append(value)
            return done
        if kind == _VOLATILE:
            raise VolatileValue(type(value).__name__)
        if key in self._in_progress:
            raise TypeError(f"a {type(value).__name__} refers back to itself: declare that field a reference")
        self._in_progress.add(key)
        moved = self._moved
        if kind == _MOVING:
            self._moved += 1
            kind = _DATACLASS
        try:
            digest = self._compound(value, kind, canonical)
        finally:
            self._in_progress.discard(key)
        if self._moved != moved:
            self._holding.add(key)
        self._done[key] = digest
        self._keep.append(value)
        return digest

    def _compound(self, value: Any, kind: int, canonical: bool) -> str:
        if kind == _DATACLASS:
            cls: type = type(value)
            fields = self._fields.get(cls) or self._fields_of(cls)
            parts = [cls.__name__]
            for name, is_reference in fields:
                field_value = getattr(value, name)
                if not is_reference:
                    parts.append(f"{name}={self._part(field_value, canonical)}")
                elif canonical:
                    parts.append(f"{name}=ref:{getattr(field_value, 'url', None)!r}")
                else:
                    parts.append(f"{name}=#{self._digest(field_value, canonical=True)}")
            return _hash("|".join(parts))
        if kind == _MAPPING:
            items = sorted((str(k), self._part(v, canonical)) for k, v in value.items())
            return _hash("map|" + "|".join(f"{k!r}={v}" for k, v in items))
        if kind == _SEQUENCE:
            return _hash("seq|" + "|".join([self._part(item, canonical) for item in value]))
        if kind == _SET:
            return _hash("set|" + "|".join(sorted(self._part(item, canonical) for item in value)))
        raise TypeError(f"cannot fingerprint a {type(value).__name__}")

    def _part(self, value: Any, canonical: bool) -> str:
        """What a field or item adds to its container's digest: a scalar's own text, or a digest.

        Scalars, most of what is walked, go in as text (one digest for the
        container, not one each); their length prefix and the "#" of digests
        keep every joined text readable in only one way.
        """
        cls = type(value)
        if cls is str:
            return f"str{len(value)}:{value}"
        if (self._kinds.get(cls) or self._kind(cls)) == _SCALAR:
            return _scalar_text(value)
        return "#" + self._digest(value, canonical)

    def _fields_of(self, cls: type) -> tuple[tuple[str, bool], ...]:
        """A dataclass's fields that go into its digest (derived ones do not), each with whether it is a reference."""
        references = self._references.get(cls, frozenset())
        derived = self._derived.get(cls, frozenset())
        fields = tuple((name, name in references) for name in _field_names(cls) if name not in derived)
        self._fields[cls] = fields
        return fields


def _kind_of(cls: type, leaf_types: tuple[type, ...]) -> int:
    if issubclass(cls, _SCALARS):
        return _SCALAR
    if issubclass(cls, leaf_types):
        return _LEAF
    if dataclasses.is_dataclass(cls):
        return _DATACLASS
    if issubclass(cls, Mapping):
        return _MAPPING
    if issubclass(cls, tuple | list):
        return _SEQUENCE
    if issubclass(cls, set | frozenset):
        return _SET
    return _UNKNOWN


def _scalar_text(value: Any) -> str:
    if type(value) is str:  # the length prefix alone keeps it unambiguous: no repr needed
        return f"str{len(value)}:{value}"
    text = repr(value)
    return f"{type(value).__name__}{len(text)}:{text}"


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(item.name for item in dataclasses.fields(cls))


def _hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
