"""What a destination holds, as statusgen wrote it: the manifest object, checked against the store's listing.

publish writes the manifest last, so it describes a finished run. Before the
first upload it writes the same manifest with the run's intentions added as
`pending`: a run that dies half-way still leaves a record of every key it may
have written, so the next run recognises its objects by their ETag (and
never takes one of them for somebody else's, which it would leave alone).

The listing is the truth about what exists: an entry whose object was deleted
or replaced by hand (another size or ETag) no longer counts as published.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from generator.errors import PublishError
from generator.publish.headers import Headers

MANIFEST_KEY = ".statusgen-publish.json.gz"
_FORMAT = "statusgen-publish"
_VERSION = 1
UNKNOWN_HEADERS = Headers("", "")


@dataclass(frozen=True, slots=True)
class Entry:
    """One object statusgen wrote: its content digest, size, ETag and headers."""

    sha256: str  # "" when statusgen wrote the key but no longer knows what it holds
    size: int
    etag: str
    headers: Headers
    retired_at: datetime | None = None  # a replaced static file kept for cached pages, since when


@dataclass(frozen=True, slots=True)
class Manifest:
    """The objects a finished run left, and the ones a run in progress may have written."""

    objects: Mapping[str, Entry] = field(default_factory=dict)
    pending: Mapping[str, Entry] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Listed:
    """One object as the store lists it."""

    size: int
    etag: str


@dataclass(frozen=True, slots=True)
class Remote:
    """The destination now: what statusgen knows it holds, and what else is there."""

    known: Mapping[str, Entry]  # statusgen's, content confirmed by the listing
    unknown: frozenset[str]  # statusgen's, but changed since (by hand, or by a run that died)
    foreign: frozenset[str]  # never written by statusgen: left alone unless the site has that key

    @property
    def present(self) -> frozenset[str]:
        return frozenset(self.known) | self.unknown | self.foreign


def remote_state(manifest: Manifest, listing: Mapping[str, Listed]) -> Remote:
    """Confirm the manifest's entries against the listing, key by key."""
    known: dict[str, Entry] = {}
    unknown: set[str] = set()
    foreign: set[str] = set()
    for key, listed in listing.items():
        before, intended = manifest.objects.get(key), manifest.pending.get(key)
        if before is not None and _matches(before, listed):
            known[key] = before
        elif intended is not None and _matches(intended, listed):
            known[key] = intended
        elif before is not None or intended is not None:
            unknown.add(key)
        else:
            foreign.add(key)
    return Remote(known, frozenset(unknown), frozenset(foreign))


def _matches(entry: Entry, listed: Listed) -> bool:
    return bool(entry.sha256) and entry.size == listed.size and _bare(entry.etag) == _bare(listed.etag)


def _bare(etag: str) -> str:
    return etag.strip('"').lower()


def encode_manifest(manifest: Manifest) -> bytes:
    """Compact, deterministic, gzipped JSON: the same manifest always gives the same bytes."""
    headers = sorted({entry.headers for table in (manifest.objects, manifest.pending) for entry in table.values()})
    index = {item: position for position, item in enumerate(headers)}

    def rows(table: Mapping[str, Entry]) -> dict[str, list[Any]]:
        return {
            key: [
                entry.sha256,
                entry.size,
                entry.etag,
                index[entry.headers],
                entry.retired_at.isoformat() if entry.retired_at else None,
            ]
            for key, entry in sorted(table.items())
        }

    document = {
        "format": _FORMAT,
        "version": _VERSION,
        "headers": [[item.content_type, item.cache_control] for item in headers],
        "objects": rows(manifest.objects),
        "pending": rows(manifest.pending),
    }
    text = json.dumps(document, separators=(",", ":"), ensure_ascii=False)
    return gzip.compress(text.encode(), compresslevel=6, mtime=0)


def decode_manifest(data: bytes, where: str) -> Manifest:
    """A manifest read back; one line naming the object when it is not one statusgen can read."""
    try:
        document = json.loads(gzip.decompress(data))
        if document.get("format") != _FORMAT:
            raise ValueError("not a statusgen manifest")
        if document.get("version") != _VERSION:
            raise PublishError(
                f"{where}{MANIFEST_KEY} was written by another version of statusgen "
                f"(format {document.get('version')!r}); publish with that version, or delete it to start over"
            )
        headers = [Headers(str(kind), str(cache)) for kind, cache in document["headers"]]
        return Manifest(_entries(document["objects"], headers), _entries(document["pending"], headers))
    except PublishError:
        raise
    except (OSError, EOFError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        raise PublishError(
            f"{where}{MANIFEST_KEY} is damaged; delete it to start over "
            "(the next publish then uploads everything and leaves unknown objects alone)"
        ) from None


def _entries(rows: Mapping[str, list[Any]], headers: list[Headers]) -> dict[str, Entry]:
    entries = {}
    for key, (sha256, size, etag, header_index, retired_at) in rows.items():
        if not isinstance(key, str) or not isinstance(size, int) or isinstance(size, bool):
            raise ValueError(key)
        retired = datetime.fromisoformat(retired_at) if retired_at else None
        if retired is not None and retired.tzinfo is None:
            raise ValueError(key)
        entries[key] = Entry(str(sha256), size, str(etag), headers[header_index], retired)
    return entries
