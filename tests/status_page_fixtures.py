"""Status pages as snapshots: the demo's (written once into generator/demo/snapshot.json) and synthetic ones.

`python -m tests.status_page_fixtures --write-demo` puts the demo's status page
into the bundled demo snapshot again; rebuild site/ afterwards.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from generator.model import (
    Incident,
    MonitorState,
    MonitorStatus,
    Service,
    ServiceGroup,
    Snapshot,
    StatusPage,
    StatusPeriod,
    Update,
    UpdateKind,
)
from generator.snapshot import demo_snapshot, snapshot_to_json

OPERATIONAL = MonitorStatus("st-operational", "Operational", "#2ab57d", 1, is_operational=True)
DEGRADED = MonitorStatus("st-degraded", "Degraded", "#ffbf53", 2)
OFFLINE = MonitorStatus("st-offline", "Offline", "#fd625e", 3, is_offline=True)
STATUSES = (OPERATIONAL, DEGRADED, OFFLINE)
PAGE_ID = "0b5e8f2a-6c1d-4e7b-9a3f-2d8c4b6e1a70"

# The demo's services: (monitor, name, group, description); troubles match the demo's incidents.
DEMO_SERVICES = (
    ("mon-api", "Public API", "grp-core", "The REST API at `api.example.com`."),
    ("mon-dashboard", "Dashboard", "grp-core", "The web app at `app.example.com`."),
    ("mon-login", "Sign-in", "grp-core", "Sign-in, single sign-on and two-factor codes."),
    ("mon-db-eu", "Database (EU)", "grp-core", "Storage for projects in the EU region."),
    ("mon-search", "Search", "grp-core", "Search in the dashboard and the API."),
    ("mon-cdn", "CDN", "grp-delivery", "Static files and downloads."),
    ("mon-email", "Email delivery", "grp-delivery", "Notification and status emails."),
    ("mon-webhooks", "Webhooks", "grp-delivery", "Event deliveries to your endpoints."),
)
# (monitor, status, start, end or None for now): what the demo's incidents tell.
DEMO_TROUBLES = (
    ("mon-api", DEGRADED, "2026-11-20T13:10:00", None),
    ("mon-api", OFFLINE, "2026-11-03T22:10:00", "2026-11-03T23:35:00"),
    ("mon-api", OFFLINE, "2026-09-18T03:05:00", "2026-09-18T04:20:00"),
    ("mon-dashboard", OFFLINE, "2026-11-12T06:42:00", "2026-11-12T08:15:00"),
    ("mon-dashboard", DEGRADED, "2026-11-05T15:20:00", "2026-11-05T17:05:00"),
    ("mon-dashboard", DEGRADED, "2026-11-04T09:00:00", "2026-11-04T13:00:00"),
    ("mon-db-eu", OFFLINE, "2026-11-12T06:42:00", "2026-11-12T08:15:00"),
    ("mon-db-eu", DEGRADED, "2026-11-04T09:00:00", "2026-11-04T13:00:00"),
    ("mon-db-eu", OFFLINE, "2026-11-03T22:10:00", "2026-11-03T23:35:00"),
    ("mon-login", OFFLINE, "2026-10-15T07:15:00", "2026-10-15T08:40:00"),
    ("mon-cdn", DEGRADED, "2026-10-02T12:00:00", "2026-10-02T14:25:00"),
    ("mon-email", DEGRADED, "2026-10-28T18:30:00", "2026-10-28T19:50:00"),
    ("mon-email", DEGRADED, "2026-08-30T16:45:00", "2026-08-30T17:20:00"),
    ("mon-webhooks", DEGRADED, "2026-11-19T08:05:00", "2026-11-19T10:40:00"),
    ("mon-webhooks", OFFLINE, "2026-09-18T03:05:00", "2026-09-18T04:20:00"),
    ("mon-webhooks", DEGRADED, "2026-09-09T10:00:00", "2026-09-09T11:15:00"),
)
DEMO_SEARCH_SINCE = "2026-09-25T09:00:00"  # a service younger than the window: measured from its first row


def demo_status_page(taken_at: datetime) -> StatusPage:
    """Example Cloud's status page: two groups, eight services, the public API degraded now."""
    start = taken_at - timedelta(days=120)
    troubles = [(m, s, _at(a), _at(b) if b else None) for m, s, a, b in DEMO_TROUBLES]
    periods = []
    for monitor, *_ in DEMO_SERVICES:
        first = _at(DEMO_SEARCH_SINCE) if monitor == "mon-search" else start
        spans = sorted(((a, b, s) for m, s, a, b in troubles if m == monitor), key=lambda span: span[0])
        periods += _periods(monitor, first, spans)
    groups = (
        ServiceGroup(
            "grp-core",
            "Core platform",
            "The API, the dashboard and what they run on.",
            1,
            show_uptime_percent=True,
            uptime_decimals=2,
        ),
        ServiceGroup("grp-delivery", "Delivery", "", 2),
    )
    services = tuple(
        Service(
            id=f"res-{monitor.removeprefix('mon-')}",
            name=name,
            description=description,
            group_id=group,
            order=order,
            monitor_ids=(monitor,),
            show_uptime_percent=True,
            uptime_decimals=2,
        )
        for order, (monitor, name, group, description) in enumerate(DEMO_SERVICES, 1)
    )
    return StatusPage(
        id=PAGE_ID,
        title="Example Cloud status",
        window_start=taken_at - timedelta(days=90),
        window_end=taken_at,
        description="Live status of Example Cloud: the API, the dashboard, and email and webhook delivery.",
        overview="",
        uptime_days=90,
        show_overall_uptime=True,
        default_bar_color=OPERATIONAL.color,
        downtime_status_ids=(DEGRADED.id, OFFLINE.id),
        groups=groups,
        services=services,
        monitor_statuses=STATUSES,
        current_statuses=tuple(
            MonitorState(m, DEGRADED.id if m == "mon-api" else OPERATIONAL.id) for m, *_ in DEMO_SERVICES
        ),
        status_periods=tuple(p for p in periods if p.ends_at is None or p.ends_at >= taken_at - timedelta(days=90)),
    )


def with_demo_status_page(snapshot: Snapshot) -> Snapshot:
    """The demo snapshot mirroring its status page: no monitor names, episodes with their members' monitors."""
    return mirroring(snapshot, demo_status_page(snapshot.taken_at))


def mirroring(snapshot: Snapshot, page: StatusPage) -> Snapshot:
    """The snapshot as a fetch mirroring `page` gives it: no monitor names, episodes with their members' monitors."""
    monitors_of = {incident.id: incident.monitor_ids for incident in snapshot.incidents}
    episodes = tuple(
        dataclasses.replace(e, monitor_ids=tuple(sorted({m for i in e.incident_ids for m in monitors_of.get(i, ())})))
        for e in snapshot.episodes
    )
    return dataclasses.replace(snapshot, monitors=(), episodes=episodes, status_page=page)


def synthetic_page_snapshot(n_services: int = 20, days: int = 90, seed: int = 1) -> Snapshot:
    """A realistic page: services in three groups (and one ungrouped), a few troubles each, recent incidents."""
    taken_at = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
    monitors = [f"mon-{index:02d}" for index in range(n_services)]
    page = synthetic_status_page(monitors, taken_at, days, troubles_per_service=(0, 4), seed=seed)
    incidents = []
    for index, monitor in enumerate(monitors):
        troubles = [p for p in page.status_periods if p.monitor_id == monitor and p.status_id != OPERATIONAL.id]
        if troubles and index % 2:
            first = troubles[0]
            assert first.ends_at is not None  # noqa: S101 - synthetic troubles all end
            incidents.append(_incident(len(incidents) + 1, monitor, first.starts_at, first.ends_at))
    base = demo_snapshot()
    return Snapshot(
        taken_at=taken_at,
        states=base.states,
        severities=base.severities,
        incidents=tuple(incidents),
        status_page=page,
    )


def synthetic_status_page(
    monitors: Sequence[str],
    taken_at: datetime,
    days: int = 90,
    troubles_per_service: tuple[int, int] = (0, 4),
    seed: int = 1,
) -> StatusPage:
    """A page with a service per monitor in three groups (the first ungrouped), `days` of status rows each.

    Each service has a random number of troubles in `troubles_per_service`
    (lowest, highest exclusive), degraded or offline for 5 minutes to 5 hours.
    """
    rng = random.Random(seed)  # noqa: S311 (test data)
    groups = tuple(ServiceGroup(f"grp-{n}", f"Group {n}", f"Services of group {n}.", n) for n in (1, 2, 3))
    services, periods = [], []
    for index, monitor in enumerate(monitors):
        services.append(
            Service(
                f"res-{index:02d}",
                f"Service number {index}",
                f"What *service {index}* does for you.",
                group_id=None if index == 0 else groups[index % 3].id,
                order=index,
                monitor_ids=(monitor,),
                show_uptime_percent=True,
                uptime_decimals=2,
            )
        )
        troubles = []
        for _ in range(rng.randrange(*troubles_per_service)):
            begin = taken_at - timedelta(minutes=rng.randrange(720, days * 1440))
            troubles.append((begin, begin + timedelta(minutes=rng.randrange(5, 300)), rng.choice((DEGRADED, OFFLINE))))
        periods += _periods(monitor, taken_at - timedelta(days=days + 5), _apart(sorted(troubles, key=lambda t: t[0])))
    return StatusPage(
        id=PAGE_ID,
        title="Synthetic status",
        window_start=taken_at - timedelta(days=days),
        window_end=taken_at,
        uptime_days=days,
        downtime_status_ids=(DEGRADED.id, OFFLINE.id),
        groups=groups,
        services=tuple(services),
        monitor_statuses=STATUSES,
        current_statuses=tuple(MonitorState(s.monitor_ids[0], OPERATIONAL.id) for s in services),
        status_periods=tuple(periods),
    )


def _apart(
    troubles: list[tuple[datetime, datetime, MonitorStatus]],
) -> list[tuple[datetime, datetime | None, MonitorStatus]]:
    """Troubles that overlap the one before are left out: a monitor has one status at a time."""
    kept: list[tuple[datetime, datetime | None, MonitorStatus]] = []
    for begin, end, status in troubles:
        previous_end = kept[-1][1] if kept else None
        if previous_end is None or begin > previous_end:
            kept.append((begin, end, status))
    return kept


def _periods(
    monitor: str, first: datetime, troubles: Sequence[tuple[datetime, datetime | None, MonitorStatus]]
) -> list[StatusPeriod]:
    """Operational rows around each trouble, as a monitor's timeline is: each row ends where the next begins."""
    rows: list[StatusPeriod] = []
    at = first
    for begin, end, status in troubles:
        if begin > at:
            rows.append(StatusPeriod(f"{monitor}-{len(rows)}", monitor, OPERATIONAL.id, at, begin))
        rows.append(StatusPeriod(f"{monitor}-{len(rows)}", monitor, status.id, begin, end))
        if end is None:
            return rows
        at = end
    rows.append(StatusPeriod(f"{monitor}-{len(rows)}", monitor, OPERATIONAL.id, at, None))
    return rows


def _incident(number: int, monitor: str, begin: datetime, end: datetime) -> Incident:
    return Incident(
        id=f"inc-{number}",
        title=f"Trouble number {number}",
        declared_at=begin,
        state_id="st-resolved",
        severity_id="sev-minor",
        number=number,
        number_label=f"INC-{number}",
        monitor_ids=(monitor,),
        updates=(
            Update(f"u-{number}-1", UpdateKind.STATE, begin, state_id="st-investigating"),
            Update(f"u-{number}-2", UpdateKind.NOTE, begin + (end - begin) / 2, note="We are on it."),
            Update(f"u-{number}-3", UpdateKind.STATE, end, state_id="st-resolved"),
        ),
    )


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--write-demo", action="store_true", help="write the demo's status page into the demo")
    if parser.parse_args().write_demo:
        path = Path(__file__).resolve().parents[1] / "generator" / "demo" / "snapshot.json"
        snapshot = dataclasses.replace(demo_snapshot(), status_page=None)
        path.write_text(snapshot_to_json(with_demo_status_page(snapshot)), encoding="utf-8")


if __name__ == "__main__":
    main()
