"""Stable page URLs and labels for numbered items (incidents, episodes, and the kinds to come).

A URL must never change with list order or collide with another item's, also
when the data is odd or hostile (a number used twice, a 300-digit number, an
id full of slashes): collisions are settled here, never in the writer.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterable
from typing import Protocol, TypeVar

from generator.notices import named, warn

_SAFE_SEGMENT = re.compile(r"[A-Za-z0-9_-]{1,100}")

NUMBER_LIMIT = 10**12
"""Numbers from 1 to NUMBER_LIMIT - 1 name pages and labels. OneUptime counts from 1, and
a trillion incidents is far off; any other number is bad data (a 300-digit one made a file
name longer than file systems allow), so its item is named by its id instead."""


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


_Item = TypeVar("_Item", bound=_Identified)


def first_of_each_id(kind: str, items: Iterable[_Item]) -> list[_Item]:
    """Items with an id seen before (a snapshot file written by hand, say) are left out: one page per id."""
    seen: set[str] = set()
    unique = []
    for item in items:
        if item.id in seen:
            warn(f"{named(kind, item.id)} appears twice; only the first is published")
            continue
        seen.add(item.id)
        unique.append(item)
    return unique


def unique_urls(kind: str, section: str, items: Iterable[tuple[str, int | None]]) -> dict[str, str]:
    """Stable URLs: `section/<number>/`, else one made from the id; never two items on one URL.

    Items are taken in the order of their ids, so a URL never changes with list
    order: a number used twice keeps its URL for the smallest id, and the others,
    like items whose number is out of range, get URLs from their ids (with a
    warning). Number URLs are digits only and id URLs never are, and an id URL
    that is taken (a hostile id) gets a longer one, so collisions end here,
    never in the writer.
    """
    owners: dict[str, str] = {}  # URL segment -> the id of the item it names
    urls: dict[str, str] = {}
    for item_id, number in sorted(items, key=lambda item: item[0]):
        usable = usable_number(number)
        wanted = str(usable) if usable is not None else None
        if wanted is not None and wanted not in owners:
            segment = wanted
        else:
            segment = _free_id_segment(item_id, owners)
            if number is not None:
                problem = (
                    f"number {usable} is taken by {named(kind, owners[wanted])}"
                    if wanted is not None
                    else f"its number is not from 1 to {NUMBER_LIMIT - 1}"
                )
                warn(f"{named(kind, item_id)}: {problem}; its page is {section}/{segment}/")
        owners[segment] = item_id
        urls[item_id] = f"{section}/{segment}/"
    return urls


def usable_number(number: int | None) -> int | None:
    return number if number is not None and 0 < number < NUMBER_LIMIT else None


def _free_id_segment(item_id: str, owners: dict[str, str]) -> str:
    """The id's segment, or its full digest if another item has that; a counter only if that is taken too."""
    digest = "id-" + hashlib.sha256(item_id.encode("utf-8")).hexdigest()
    candidates = itertools.chain([id_segment(item_id), digest], (f"{digest}-{n}" for n in itertools.count(2)))
    return next(segment for segment in candidates if segment not in owners)


def id_segment(item_id: str) -> str:
    if _SAFE_SEGMENT.fullmatch(item_id) and not item_id.isdigit():
        return item_id
    return "id-" + hashlib.sha256(item_id.encode("utf-8")).hexdigest()[:16]


def item_label(number_label: str | None, number: int | None) -> str:
    if number_label:
        return number_label
    usable = usable_number(number)
    return f"#{usable}" if usable is not None else ""
