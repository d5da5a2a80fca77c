"""Carrying out one destination's plan: intentions recorded, uploads group by group, deletions, manifest.

A group's requests go in parallel; the next group starts only when the whole
group succeeded. On the first failure nothing more is started, what is in
flight finishes, and the error is raised: the destination is left at a group
boundary, where every link works, and the pending manifest lets the next run
carry on where this one stopped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from generator.publish.manifest import UNKNOWN_HEADERS, Entry, Manifest, Remote, encode_manifest
from generator.publish.objects import object_body
from generator.publish.plan import Plan
from generator.publish.store import ObjectStore

_Item = TypeVar("_Item")
_Result = TypeVar("_Result")


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What one run did to one destination."""

    uploaded: int
    uploaded_bytes: int
    deleted: int
    unchanged: int
    kept_assets: int
    left_alone: int
    manifest_writes: int

    def summary(self) -> str:
        parts = [
            f"{self.uploaded} uploaded ({self.uploaded_bytes:,} bytes)",
            f"{self.deleted} deleted",
            f"{self.unchanged} unchanged",
        ]
        if self.kept_assets:
            parts.append(f"{self.kept_assets} replaced assets kept for cached pages")
        if self.left_alone:
            parts.append(f"{self.left_alone} objects statusgen did not write left alone")
        return ", ".join(parts)


def sync(
    store: ObjectStore,
    site: Path,
    plan: Plan,
    remote: Remote,
    stored_manifest: bytes | None,
    concurrency: int,
) -> SyncReport:
    """Make the destination match the plan; raises PublishError at the first failed request."""
    writes = 0
    if plan.has_changes:
        store.write_manifest(encode_manifest(_intentions(plan, remote)))
        writes += 1
    etags: dict[str, str] = {}
    with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="publish") as pool:
        for group in plan.uploads:
            done = _in_parallel(pool, group, lambda item: store.put(item.key, object_body(site, item), item.headers))
            etags.update((item.key, etag) for item, etag in done)
        for keys in plan.deletions:
            _in_parallel(pool, keys, store.delete)
    encoded = encode_manifest(Manifest(objects={**_final_entries(plan, remote), **_uploaded_entries(plan, etags)}))
    if encoded != stored_manifest:
        store.write_manifest(encoded)
        writes += 1
    return SyncReport(
        uploaded=plan.upload_count,
        uploaded_bytes=plan.upload_bytes,
        deleted=plan.deletion_count,
        unchanged=plan.unchanged,
        kept_assets=len(plan.kept_assets),
        left_alone=len(plan.left_alone),
        manifest_writes=writes,
    )


def _intentions(plan: Plan, remote: Remote) -> Manifest:
    """The manifest written before the first change: what is there, plus every key this run may write."""
    pending = {
        key: Entry("", 0, "", UNKNOWN_HEADERS) for group in plan.deletions for key in group if key in remote.unknown
    }
    pending.update(_uploaded_entries(plan, {}))
    return Manifest(objects={**remote.known, **plan.kept_assets}, pending=pending)


def _final_entries(plan: Plan, remote: Remote) -> dict[str, Entry]:
    """Entries that stay as they are: unchanged objects and replaced assets still kept."""
    uploading = {item.key for group in plan.uploads for item in group}
    deleting = {key for group in plan.deletions for key in group}
    kept = {
        key: entry
        for key, entry in remote.known.items()
        if key not in uploading and key not in deleting and key not in plan.kept_assets
    }
    return {**kept, **plan.kept_assets}


def _uploaded_entries(plan: Plan, etags: Mapping[str, str]) -> dict[str, Entry]:
    """Entries of the uploads, with the ETag the store answered (or the MD5 a plain upload gets)."""
    return {
        item.key: Entry(item.sha256, item.size, etags.get(item.key) or f'"{item.md5}"', item.headers)
        for group in plan.uploads
        for item in group
    }


def _in_parallel(
    pool: ThreadPoolExecutor, items: Iterable[_Item], action: Callable[[_Item], _Result]
) -> list[tuple[_Item, _Result]]:
    """Run `action` on every item; at the first failure start nothing more, let the rest finish, and raise."""
    futures: dict[Future[_Result], _Item] = {pool.submit(action, item): item for item in items}
    finished, waiting = wait(futures, return_when=FIRST_EXCEPTION)
    failed = [future for future in finished if future.exception() is not None]
    if failed:
        for future in waiting:
            future.cancel()
        wait(waiting)
        error = failed[0].exception()
        assert error is not None  # noqa: S101 - narrowing: `failed` holds only futures that raised
        raise error
    return [(futures[future], future.result()) for future in futures]
