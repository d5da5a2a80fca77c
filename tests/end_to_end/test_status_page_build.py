"""The real CLI mirrors one status page of the fake OneUptime, and every figure is checked by hand.

The uptime figures are computed here again, straight from the fake's rows and
OneUptime's rules (Common/Utils/Uptime/UptimeUtil.ts, ResourceUptime.ts,
DayUptimeGraph.tsx), without the production code: written out plainly, so
that a mistake would have to be made twice, differently, to go unnoticed.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from tests.fake_oneuptime import STATUS_PAGE_ID, FakeOneUptime, FakeProject, make_project, shown_on_page
from tests.html_tools import is_text_file, texts

FakeFactory = Callable[..., FakeOneUptime]
REPOSITORY = Path(__file__).resolve().parents[2]
Row = dict[str, Any]
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
COMPONENT_STATUS = {
    "operational": "operational",
    "degraded": "degraded_performance",
    "partial": "partial_outage",
    "major": "major_outage",
}
DECIMALS = {"99% (No Decimal)": 0, "99.9% (One Decimal)": 1, "99.99% (Two Decimal)": 2, "99.999% (Three Decimal)": 3}


def statusgen(fake: FakeOneUptime, workdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real command, scoped to the fake's public status page; the build time is the snapshot's."""
    (workdir / "statusgen.toml").write_text(
        f'base_url = "https://status.example.com"\n[oneuptime]\nretries = 2\nbackoff = 0.01\n'
        f'status_page = "{STATUS_PAGE_ID}"\n',
        encoding="utf-8",
    )
    env = {
        **{k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"},
        "PYTHONPATH": str(REPOSITORY),
        "ONEUPTIME_URL": fake.url,
        "ONEUPTIME_PROJECT_ID": fake.project.project_id,
        "ONEUPTIME_API_KEY": fake.project.api_key,
    }
    command = [sys.executable, "-m", "generator", *args]
    return subprocess.run(command, cwd=workdir, env=env, capture_output=True, text=True, timeout=120, check=False)


def fetch_and_build(fake: FakeOneUptime, workdir: Path) -> tuple[Path, datetime]:
    """`statusgen fetch` then `statusgen build --snapshot`: the site, and the moment it shows."""
    for args in (("fetch", "--out", "snapshot.json"), ("build", "--snapshot", "snapshot.json")):
        done = statusgen(fake, workdir, *args)
        assert done.returncode == 0, done.stderr
    taken = json.loads((workdir / "snapshot.json").read_text(encoding="utf-8"))["taken_at"]
    return workdir / "site", datetime.fromisoformat(taken.replace("Z", "+00:00"))


# --- OneUptime's rules, written out again -----------------------------------------------


def seconds(start: datetime, end: datetime) -> float:
    return ((end - start) // timedelta(milliseconds=1)) / 1000


def under_maintenance(project: FakeProject) -> set[str]:
    """Monitors of the page's visible events in a state from the ongoing one's order to before the ended one's
    (App/FeatureSet/StatusPage/src/Pages/ScheduledEvent/List.tsx): Statuspage's under_maintenance."""
    states = {row["_id"]: row["order"] for row in project.rows("scheduled-maintenance-state")}
    ongoing = next(row["order"] for row in project.rows("scheduled-maintenance-state") if row["isOngoingState"])
    ended = next(row["order"] for row in project.rows("scheduled-maintenance-state") if row["isEndedState"])
    return {
        str(monitor)
        for row in project.rows("scheduled-maintenance")
        if row["isVisibleOnStatusPage"] is True
        and STATUS_PAGE_ID in row["statusPages"]
        and ongoing <= states[row["currentScheduledMaintenanceStateId"]] < ended
        for monitor in row["monitors"]
    }


def page_row(project: FakeProject) -> Row:
    return next(row for row in project.rows("status-page") if row["_id"] == STATUS_PAGE_ID)


def resources(project: FakeProject) -> list[Row]:
    rows = [row for row in project.rows("status-page-resource") if row["statusPageId"] == STATUS_PAGE_ID]
    return sorted(rows, key=lambda row: (row["order"], row["_id"]))


def monitors_of(project: FakeProject, resource: Row) -> set[str]:
    if resource.get("monitorId"):
        return {str(resource["monitorId"])}
    members = project.rows("monitor-group-resource")
    return {str(m["monitorId"]) for m in members if m["monitorGroupId"] == resource["monitorGroupId"]}


def timeline(project: FakeProject, monitors: set[str], now: datetime) -> list[Row]:
    """The rows the server sends: those of these monitors overlapping the 90 days before now."""
    start = now - timedelta(days=90)
    return [
        row
        for row in project.rows("monitor-status-timeline")
        if str(row["monitorId"]) in monitors
        and row["startsAt"] <= now
        and (row["endsAt"] is None or row["endsAt"] >= start)
    ]


def events(project: FakeProject, rows: list[Row], now: datetime, window: tuple[datetime, datetime] | None) -> list[Row]:
    """getMonitorEvents then getNonOverlappingMonitorEvents."""
    priority = {row["_id"]: row["priority"] for row in project.rows("monitor-status")}
    listed = []
    for monitor in dict.fromkeys(str(row["monitorId"]) for row in rows):
        mine = sorted((row for row in rows if str(row["monitorId"]) == monitor), key=lambda row: row["startsAt"])
        for i, row in enumerate(mine):
            end = row["endsAt"] or (mine[i + 1]["startsAt"] if i + 1 < len(mine) else now)
            start = row["startsAt"]
            if window:
                start, end = max(start, window[0]), min(end, window[1], now)
                if seconds(start, end) <= 0:
                    continue
            status = str(row["monitorStatusId"])
            listed.append({"start": start, "end": end, "status": status, "priority": priority[status]})
    listed.sort(key=lambda event: event["start"])
    kept: list[dict[str, Any]] = []
    for event in listed:
        if not kept or event["start"] >= kept[-1]["end"]:
            kept.append(event)
        elif event["priority"] > kept[-1]["priority"] or event["end"] >= kept[-1]["end"]:
            last = dict(kept[-1])
            kept[-1] = {**last, "end": event["start"]}
            kept.append(event)
            if event["end"] < last["end"]:
                kept.append({**last, "start": event["end"]})
    return kept


def uptime(project: FakeProject, monitors: set[str], now: datetime, decimals: int) -> float:
    """calculateUptimePercentage over the window now - 90 days .. now, floored."""
    window = (now - timedelta(days=90), now)
    spans = sorted(events(project, timeline(project, monitors, now), now, window), key=lambda e: e["start"])
    downtime = {str(s) for s in page_row(project)["downtimeMonitorStatuses"]}
    if not spans:
        return 100
    total = seconds(max(window[0], spans[0]["start"]), now) or 1
    down = sum(seconds(e["start"], e["end"]) for e in spans if e["status"] in downtime)
    if down == 0:
        return 100
    scale = 10**decimals
    return math.floor(min(100, max(0, (total - down) / total * 100)) * scale) / scale


def current_status(project: FakeProject, monitors: set[str], resource: Row) -> str:
    """A monitor's current status; a monitor group's worst, from Operational up (MonitorGroupService.ts)."""
    statuses = {row["_id"]: row for row in project.rows("monitor-status")}
    current = [statuses[str(m["currentMonitorStatusId"])] for m in project.rows("monitor") if m["_id"] in monitors]
    if resource.get("monitorId"):
        return str(current[0]["name"])
    worst = next(row for row in statuses.values() if row["isOperationalState"])
    for row in current:
        if row["priority"] > worst["priority"]:
            worst = row
    return str(worst["name"])


def shown(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)


def days_of(project: FakeProject, monitors: set[str], now: datetime) -> dict[date, str]:
    """Each of the 90 days (UTC, the site's zone) as its bar reads: "99.31% uptime, Degraded" or "no data"."""
    spans = events(project, timeline(project, monitors, now), now, None)
    downtime = {str(s) for s in page_row(project)["downtimeMonitorStatuses"]}
    names = {row["_id"]: row["name"] for row in project.rows("monitor-status")}
    readings = {}
    for offset in range(90):
        day = now.date() - timedelta(days=offset)
        start = datetime.combine(day, time(0), tzinfo=UTC)
        end = start + timedelta(days=1) - timedelta(milliseconds=1)
        todays = [e for e in spans if e["start"] < end and e["end"] > start]
        if not todays:
            readings[day] = "no data"
            continue
        up = down = 0.0
        for e in todays:
            part = max(0.0, seconds(max(e["start"], start), min(e["end"], now, end)))
            if e["status"] in downtime:
                down += part
            else:
                up += part
        worst = None
        for e in todays:
            if e["priority"] >= 1 and (worst is None or e["priority"] >= worst["priority"]):
                worst = e
        share = up / (up + down) * 100 if up + down else 100
        figure = "100" if share >= 100 else f"{share:.2f}".replace("100.00", "99.99")
        readings[day] = f"{figure}% uptime, {names[worst['status']] if worst else 'Unknown status'}"
    return readings


def read_day(text: str) -> dict[date, str]:
    """A bar's text ("12 Nov 2026: ...", "1 Sep to 11 Nov 2026: ...", "28 Dec 2025 to 3 Jan 2026: ...") by day."""
    dates, reading = text.split(": ", 1)
    first, _, last = dates.partition(" to ")
    end = parse_day(last or first)
    start = parse_day(first if len(first.split()) == 3 else f"{first} {end.year}")
    return {start + timedelta(days=n): reading for n in range((end - start).days + 1)}


def parse_day(text: str) -> date:
    """ "9 Nov 2026" as English pages write it (Babel's en_GB dates: "Sept" for September)."""
    day, month, year = text.split()
    return date(int(year), MONTHS.index(month[:3]) + 1, int(day))


# --- the test -------------------------------------------------------------------------------


@pytest.fixture
def project() -> FakeProject:
    now = datetime.now(tz=UTC).replace(microsecond=0)
    built = make_project(60, 2, seed=12, private_canaries=True, status_page=True, now=now)
    for rows in built.tables.values():
        for row in rows:
            row.setdefault("updatedAt", row.get("createdAt"))
    return built


def test_a_mirrored_status_page_shows_exactly_its_services_and_figures(
    fake_oneuptime_factory: FakeFactory, project: FakeProject, tmp_path: Path
) -> None:
    fake = fake_oneuptime_factory(project)
    site, now = fetch_and_build(fake, tmp_path)
    everything = "\n".join(p.read_text(encoding="utf-8") for p in sorted(site.rglob("*")) if is_text_file(p))
    assert [canary for canary in project.canaries if canary in everything] == []
    incidents, episodes = shown_on_page(project)
    rows = {row["_id"]: row for row in project.rows("incident")}
    published = {p.parent.name for p in (site / "incidents").glob("*/index.html")}
    assert published == {str(rows[i]["incidentNumber"]) for i in incidents}
    assert "off-page-0" not in incidents  # ongoing and critical, on monitors of no public page

    home = lxml.html.fromstring((site / "index.html").read_bytes())
    status = json.loads((site / "api/v2/status.json").read_bytes())["status"]
    assert texts(home, '//section[@aria-label="Overall status"]//h1') == [status["description"]]
    names = [r["displayName"] for r in resources(project)]
    assert sorted(texts(home, '//li[@class="service"]//a')) == sorted(names)
    summary = json.loads((site / "api/v2/summary.json").read_bytes())
    components = {c["name"]: c for c in summary["components"] if not c["group"]}
    assert sorted(components) == sorted(names)

    for resource in resources(project):
        name, monitors = resource["displayName"], monitors_of(project, resource)
        item = home.xpath(f'//li[@class="service"][.//a[text()="{name}"]]')[0]
        service_page = lxml.html.fromstring((site / item.xpath(".//a/@href")[0] / "index.html").read_bytes())
        if resource["showUptimePercent"]:
            expected = shown(uptime(project, monitors, now, DECIMALS[resource["uptimePercentPrecision"]]))
            assert texts(item, './/p[@class="uptime"]') == [f"{expected}% uptime"], name
            assert texts(service_page, '//p[@class="uptime-total"]/strong') == [f"{expected}%"], name
        if resource["showStatusHistoryChart"]:
            readings: dict[date, str] = {}
            for bar in texts(item, './/ol[@class="bars"]/li'):
                readings.update(read_day(bar))
            assert readings == days_of(project, monitors, now), name
            cells = texts(service_page, '//td[contains(@class, "cal-day")]/span[@class="tip"]')
            assert {parse_day(c.split(": ")[0]): c.split(": ", 1)[1] for c in cells} == readings, name
        (status_line,) = item.xpath('.//span[contains(@class, "service-status")]')
        status = " ".join(status_line.text_content().split())
        assert status == current_status(project, monitors, resource), name
        assert texts(service_page, '//span[contains(@class, "service-status")]') == [status], name
        level = status_line.get("class").split()[-1].removeprefix("status-")
        maintained = level == "operational" and bool(set(monitors) & under_maintenance(project))
        assert components[name]["status"] == ("under_maintenance" if maintained else COMPONENT_STATUS[level]), name

    group = next(g for g in project.rows("status-page-group") if g["name"] == "Core services")
    under = [r for r in resources(project) if r["statusPageGroupId"] == group["_id"] and r["showUptimePercent"]]
    decimals = DECIMALS[group["uptimePercentPrecision"]]
    mean = (
        math.floor(
            sum(uptime(project, monitors_of(project, r), now, decimals) for r in under) / len(under) * 10**decimals
        )
        / 10**decimals
    )
    summary_text = texts(home, '//details[.//h3[text()="Core services"]]/summary//span[@class="uptime"]')
    assert summary_text == [f"{shown(mean)}% uptime"]
    shown_episodes = {p.parent.name for p in (site / "episodes").glob("*/index.html")}
    numbers = {row["_id"]: str(row["episodeNumber"]) for row in project.rows("incident-episode")}
    assert shown_episodes == {numbers[e] for e in episodes}


def test_what_leaves_the_page_leaves_every_file_on_the_next_build(
    fake_oneuptime_factory: FakeFactory, project: FakeProject, tmp_path: Path
) -> None:
    fake = fake_oneuptime_factory(project)
    site, _ = fetch_and_build(fake, tmp_path)
    removed = next(r for r in resources(project) if r["displayName"] == "Dashboard")
    gone_monitor = str(removed["monitorId"])
    others = set().union(*(monitors_of(project, r) for r in resources(project) if r is not removed))
    leaving = [
        row
        for row in project.rows("incident")
        if row["_id"] in shown_on_page(project)[0] and {str(m) for m in row["monitors"]} & others
    ][0]
    kept_numbers = {str(r["incidentNumber"]) for r in project.rows("incident") if r["_id"] in shown_on_page(project)[0]}
    before = (site / "components" / "dashboard" / "index.html").exists()
    # The page drops a service; an incident's monitors leave the page (its row otherwise unchanged).
    project.tables["status-page-resource"].remove(removed)
    leaving["monitors"] = [m for m in leaving["monitors"] if str(m) not in others | {gone_monitor}] or [
        project.rows("monitor")[-1]["_id"]
    ]
    site, _ = fetch_and_build(fake, tmp_path)  # an incremental fetch: the snapshot file is there
    everything = "\n".join(p.read_text(encoding="utf-8") for p in sorted(site.rglob("*")) if is_text_file(p))
    assert before and not (site / "components" / "dashboard").exists()
    assert "Dashboard" not in everything
    assert not (site / "incidents" / str(leaving["incidentNumber"])).exists()
    assert f"incidents/{leaving['incidentNumber']}/" not in everything
    still = {p.parent.name for p in (site / "incidents").glob("*/index.html")}
    assert still == {
        str(r["incidentNumber"]) for r in project.rows("incident") if r["_id"] in shown_on_page(project)[0]
    }
    assert still < kept_numbers
