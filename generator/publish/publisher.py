"""Publishing one built site to every destination at once, each on its own: one failing stops no other.

Destinations run in parallel, so a provider that hangs during an outage does
not hold back the copy of the status page on another provider.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from generator.errors import PublishError
from generator.publish.destination import Destination
from generator.publish.manifest import Manifest, decode_manifest, remote_state
from generator.publish.objects import SiteObject, site_objects
from generator.publish.plan import Plan, plan_publish
from generator.publish.settings import PublishSettings
from generator.publish.store import ObjectStore, check_library, open_store
from generator.publish.sync import SyncReport, sync

StoreOpener = Callable[[Destination, PublishSettings], ObjectStore]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened at one destination: a report (a plan, for a dry run) or one line of error."""

    destination: Destination
    plan: Plan | None = None
    report: SyncReport | None = None
    error: str | None = None


def publish_site(
    site: Path,
    destinations: Sequence[Destination],
    settings: PublishSettings,
    now: datetime,
    dry_run: bool = False,
    opener: StoreOpener = open_store,
) -> list[Outcome]:
    """Publish folder `site` to each destination; an outcome for each, in the order given."""
    check_library()
    _refuse_duplicates(destinations)
    objects = site_objects(site, settings, rooted=True)
    unrooted = {key: item for key, item in objects.items() if key != ""}
    with ThreadPoolExecutor(max_workers=len(destinations), thread_name_prefix="destination") as pool:
        futures = [
            pool.submit(
                _publish_one,
                site,
                destination,
                objects if destination.prefix else unrooted,
                settings,
                now,
                dry_run,
                opener,
            )
            for destination in destinations
        ]
        return [future.result() for future in futures]


def _refuse_duplicates(destinations: Sequence[Destination]) -> None:
    """Two runs writing one folder at once would undo each other's manifest."""
    seen: set[tuple[str | None, str, str]] = set()
    for destination in destinations:
        place = (destination.endpoint_url, destination.bucket, destination.prefix)
        if place in seen:
            raise PublishError(f"{destination} is given twice; publish to each destination once")
        seen.add(place)


def _publish_one(
    site: Path,
    destination: Destination,
    objects: Mapping[str, SiteObject],
    settings: PublishSettings,
    now: datetime,
    dry_run: bool,
    opener: StoreOpener,
) -> Outcome:
    try:
        store = opener(destination, settings)
        stored = store.read_manifest()
        manifest = decode_manifest(stored, str(destination)) if stored is not None else Manifest()
        remote = remote_state(manifest, store.list_objects())
        plan = plan_publish(objects, remote, now, timedelta(hours=settings.keep_old_assets_hours))
        if dry_run:
            return Outcome(destination, plan=plan)
        report = sync(store, site, plan, remote, stored, settings.concurrency)
        return Outcome(destination, plan=plan, report=report)
    except PublishError as exc:
        return Outcome(destination, error=str(exc))
