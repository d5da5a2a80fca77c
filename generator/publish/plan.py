"""What to upload and delete, and in which order: decided by content digests alone, without I/O.

Order is what keeps a run safe when it stops half-way. A link may only point
at an object that is already there, so keys that do not exist yet go first,
and within them, and then within the replaced keys, in this order:

1. content-hashed assets (`static/`);
2. incident and episode pages and their feeds (any folder but history/, api/, static/);
3. history months, then the history index;
4. the JSON API and the site's feeds and badge;
5. the home page (and 404.html), which link to all of the above;
6. sitemap.xml and robots.txt, which name every page.

Deletions come last, the other way round: a page before what it links to. In
each step a folder's redirect goes after its folder key, which goes after its
page, which goes after its feed. Each group finishes before the next begins,
so a run stopped anywhere leaves every link of every reachable page working.

Only a first publish to an empty destination cannot keep that promise (its
home page and feeds link to each other, and nothing is there yet), but it
has no visitors yet either.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TypeVar

from generator.publish.manifest import Entry, Remote
from generator.publish.objects import INDEX, SiteObject

STATIC = "static/"
_Item = TypeVar("_Item")


@dataclass(frozen=True, slots=True)
class Plan:
    """Uploads and deletions in groups: a group may go in parallel, groups strictly one after another."""

    uploads: tuple[tuple[SiteObject, ...], ...]
    deletions: tuple[tuple[str, ...], ...]
    unchanged: int
    kept_assets: Mapping[str, Entry]  # replaced static files still in their grace period
    left_alone: tuple[str, ...]  # objects statusgen never wrote and the site does not have

    @property
    def upload_count(self) -> int:
        return sum(len(group) for group in self.uploads)

    @property
    def upload_bytes(self) -> int:
        return sum(item.size for group in self.uploads for item in group)

    @property
    def deletion_count(self) -> int:
        return sum(len(group) for group in self.deletions)

    @property
    def has_changes(self) -> bool:
        return bool(self.uploads or self.deletions)

    def summary(self) -> str:
        """What a run of this plan would do, for a dry run."""
        text = (
            f"{self.upload_count} to upload ({self.upload_bytes:,} bytes), "
            f"{self.deletion_count} to delete, {self.unchanged} unchanged"
        )
        if self.left_alone:
            text += f", {len(self.left_alone)} objects statusgen did not write left alone"
        return text


def plan_publish(objects: Mapping[str, SiteObject], remote: Remote, now: datetime, keep_old_assets: timedelta) -> Plan:
    """The plan that makes the destination hold exactly `objects` (and old assets still in their grace)."""
    present = remote.present
    uploads: list[tuple[tuple[int, ...], SiteObject]] = []
    unchanged = 0
    for key, item in objects.items():
        entry = remote.known.get(key)
        if entry is not None and (entry.sha256, entry.size, entry.headers) == (item.sha256, item.size, item.headers):
            unchanged += 1
        else:
            uploads.append(((int(key in present), tier(key), _upload_rank(key)), item))
    kept: dict[str, Entry] = {}
    deletions: list[tuple[tuple[int, ...], str]] = []
    for key in sorted((set(remote.known) | remote.unknown) - set(objects)):
        entry = remote.known.get(key)
        if entry is not None and key.startswith(STATIC) and keep_old_assets > timedelta(0):
            retired_at = entry.retired_at or now
            if now - retired_at < keep_old_assets:
                kept[key] = replace(entry, retired_at=retired_at)
                continue
        deletions.append(((-tier(key), _deletion_rank(key)), key))
    return Plan(
        uploads=_grouped(uploads, lambda item: item.key),
        deletions=_grouped(deletions, str),
        unchanged=unchanged,
        kept_assets=kept,
        left_alone=tuple(sorted(remote.foreign - set(objects))),
    )


_CRAWLER_FILES = {"sitemap.xml", "robots.txt"}


def tier(key: str) -> int:
    """How late in a run a key is uploaded (and how early it is deleted): links point to lower tiers."""
    source = source_path(key)
    top, _, rest = source.partition("/")
    if top == "static":
        return 0
    if top == "history":
        return 2 if "/" in rest else 3
    if top == "api":
        return 4
    if rest:
        return 1
    if source in _CRAWLER_FILES:
        return 6
    return 5 if source.endswith(".html") else 4


def source_path(key: str) -> str:
    """The site file a key is made from: a folder key and a folder's redirect come from its index page."""
    if key == "" or key.endswith("/"):
        return key + INDEX
    if "." not in key.rpartition("/")[2]:
        return f"{key}/{INDEX}"
    return key


def _kind(key: str) -> int:
    """0: a file that is no page (feed, asset, JSON); 1: a page; 2: a folder key; 3: a folder's redirect."""
    if key == "" or key.endswith("/"):
        return 2
    if source_path(key) != key:
        return 3
    return 1 if key.endswith(".html") else 0


def _upload_rank(key: str) -> int:
    return _kind(key)


def _deletion_rank(key: str) -> int:
    return 3 - _kind(key)


def _grouped(
    ranked: Iterable[tuple[tuple[int, ...], _Item]], name: Callable[[_Item], str]
) -> tuple[tuple[_Item, ...], ...]:
    """Items grouped by rank, groups in rank order, each group sorted by name (so plans are reproducible)."""
    groups: dict[tuple[int, ...], list[_Item]] = {}
    for order, item in ranked:
        groups.setdefault(order, []).append(item)
    return tuple(tuple(sorted(groups[order], key=name)) for order in sorted(groups))
