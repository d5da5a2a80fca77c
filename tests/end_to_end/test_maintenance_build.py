"""The real CLI publishes the fake's scheduled maintenance and announcements by OneUptime's rules.

The fake (tests/fake_maintenance.py) has five public events around its `now` (ongoing,
upcoming, upcoming but cancelled, completed, ended), three hidden ones (invisible,
on another page, on no page), and announcements active, active for good, past, not
shown yet and of another page; every private field and hidden text is a canary.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import icalendar
import lxml.html
import pytest
import vobject

from tests.fake_oneuptime import STATUS_PAGE_ID, FakeOneUptime, make_project
from tests.html_tools import texts
from tests.statuspage_schema import validate

FakeFactory = Callable[..., FakeOneUptime]
REPOSITORY = Path(__file__).resolve().parents[2]
NOW = datetime.now(tz=UTC).replace(microsecond=0)


def statusgen(
    fake: FakeOneUptime, workdir: Path, *args: str, settings: str = "", page: bool = True, epoch: datetime | None = None
) -> subprocess.CompletedProcess[str]:
    """The real command against the fake; `settings` are more lines of statusgen.toml."""
    scope = f'status_page = "{STATUS_PAGE_ID}"\n' if page else ""
    (workdir / "statusgen.toml").write_text(
        f'base_url = "https://status.example.com"\n{settings}[oneuptime]\nretries = 1\nbackoff = 0.01\n{scope}',
        encoding="utf-8",
    )
    env = {
        **{k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"},
        "PYTHONPATH": str(REPOSITORY),
        "ONEUPTIME_URL": fake.url,
        "ONEUPTIME_PROJECT_ID": fake.project.project_id,
        "ONEUPTIME_API_KEY": fake.project.api_key,
    }
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = str(int(epoch.timestamp()))
    command = [sys.executable, "-m", "generator", *args]
    return subprocess.run(command, cwd=workdir, env=env, capture_output=True, text=True, timeout=120, check=False)


def fetched(fake: FakeOneUptime, workdir: Path, **options: object) -> Path:
    done = statusgen(fake, workdir, "fetch", "--out", "snapshot.json", **options)  # type: ignore[arg-type]
    assert done.returncode == 0, done.stderr
    return workdir / "snapshot.json"


def built(fake: FakeOneUptime, workdir: Path, out: str = "site", epoch: datetime | None = None) -> Path:
    done = statusgen(fake, workdir, "build", "--snapshot", "snapshot.json", "--out", out, epoch=epoch)
    assert done.returncode == 0, done.stderr
    return workdir / out


def every_file(site: Path) -> str:
    return "\n".join(path.read_text(encoding="utf-8", errors="replace") for path in site.rglob("*") if path.is_file())


def section_titles(page: lxml.html.HtmlElement, section: str) -> list[str]:
    return texts(page, f'//section[@aria-labelledby="{section}"]//*[contains(@class, "card-title")]')


@pytest.fixture(scope="module")
def mirrored(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[str]]:
    """A fetch and a build of the fake's public page (canaries on); the site, the snapshot and the canaries."""
    from tests.fake_oneuptime import FakeOneUptime

    project = make_project(30, 2, seed=16, private_canaries=True, status_page=True, now=NOW)
    workdir = tmp_path_factory.mktemp("maintenance")
    with FakeOneUptime(project).start() as fake:
        fetched(fake, workdir)
        site = built(fake, workdir)
    return site, workdir / "snapshot.json", project.canaries


def test_no_private_field_or_hidden_item_reaches_the_snapshot_or_the_site(
    mirrored: tuple[Path, Path, list[str]],
) -> None:
    site, snapshot, canaries = mirrored
    haystack = every_file(site) + snapshot.read_text(encoding="utf-8")
    assert len(canaries) > 100
    assert [canary for canary in canaries if canary in haystack] == []
    for private in ("customFields", "subscriberNotification", "changeMonitorStatusTo", "createdByUser", "reminder"):
        assert private not in haystack


def test_events_are_grouped_by_their_states_order(mirrored: tuple[Path, Path, list[str]]) -> None:
    site, _, _ = mirrored
    home = lxml.html.fromstring((site / "index.html").read_bytes())
    assert section_titles(home, "under-maintenance") == ["Database upgrade"]
    # Upcoming soonest first; the cancelled one (still ahead) is not announced as coming.
    assert section_titles(home, "scheduled-maintenance") == ["Network switch replacement"]
    upcoming = texts(home, '//section[@aria-labelledby="scheduled-maintenance"]//p[@class="meta"]')[0]
    assert "in 3 days" in upcoming
    assert sorted(path.name for path in (site / "maintenance").iterdir()) == ["1", "2", "3", "4", "5", "index.html"]
    # maintenance/ lists them all: the ongoing and the upcoming one, and the past ones, the cancelled one among them.
    listing = lxml.html.fromstring((site / "maintenance" / "index.html").read_bytes())
    assert section_titles(listing, "under-maintenance") == section_titles(home, "under-maintenance")
    assert section_titles(listing, "scheduled-maintenance") == ["Network switch replacement"]
    assert section_titles(listing, "past-maintenance")
    cancelled = lxml.html.fromstring((site / "maintenance/3/index.html").read_bytes())
    assert "Cancelled: this work will not take place." in texts(cancelled, "//dl")[0]
    ended = lxml.html.fromstring((site / "maintenance/5/index.html").read_bytes())
    assert "Ended" in texts(ended, "//dl")[0]
    # The banner: the worst thing happening; a service under maintenance says so.
    badges = texts(home, '//li[@class="service"][.//span[contains(@class, "maintenance")]]//h3')
    assert badges  # the ongoing event's monitor is one of the page's services


def test_only_announcements_shown_by_the_build_time_are_published(mirrored: tuple[Path, Path, list[str]]) -> None:
    site, _, _ = mirrored
    home = lxml.html.fromstring((site / "index.html").read_bytes())
    assert section_titles(home, "announcements") == ["New status page address", "Support hours over the holidays"]
    assert sorted(path.name for path in (site / "announcements").iterdir()) == ["ann-active", "ann-forever", "ann-past"]
    past = lxml.html.fromstring((site / "announcements/ann-past/index.html").read_bytes())
    assert "Past" in texts(past, "//article/header")[0]
    history = every_file(site / "history")
    assert "Old data centre retired" in history and "Kernel patching" in history
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/maintenance/4/" in sitemap and "/announcements/ann-past/" in sitemap


def test_a_later_build_of_the_same_snapshot_ends_an_announcement_and_an_earlier_one_hides_it(
    mirrored: tuple[Path, Path, list[str]], tmp_path: Path
) -> None:
    site, snapshot, _ = mirrored
    (tmp_path / "snapshot.json").write_bytes(snapshot.read_bytes())
    later = build_at(tmp_path, "later", NOW + timedelta(days=6))
    home = lxml.html.fromstring((later / "index.html").read_bytes())
    assert section_titles(home, "announcements") == ["Support hours over the holidays"]
    assert (later / "announcements/ann-active/index.html").exists()  # kept in the history
    earlier = build_at(tmp_path, "earlier", NOW - timedelta(days=2))
    assert sorted(path.name for path in (earlier / "announcements").iterdir()) == ["ann-forever", "ann-past"]


def build_at(workdir: Path, out: str, moment: datetime) -> Path:
    (workdir / "statusgen.toml").write_text('base_url = "https://status.example.com"\n', encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPOSITORY), "SOURCE_DATE_EPOCH": str(int(moment.timestamp()))}
    command = [sys.executable, "-m", "generator", "build", "--snapshot", "snapshot.json", "--out", out]
    done = subprocess.run(command, cwd=workdir, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return workdir / out


def test_the_calendars_parse_with_two_independent_parsers(mirrored: tuple[Path, Path, list[str]]) -> None:
    site, _, _ = mirrored
    calendars = [site / "maintenance.ics", *sorted((site / "components").glob("*/maintenance.ics"))]
    assert len(calendars) > 2
    for path in calendars:
        data = path.read_bytes()
        assert data.endswith(b"\r\n") and all(len(line) <= 75 for line in data.split(b"\r\n"))
        parsed = icalendar.Calendar.from_ical(data)
        other = vobject.readOne(data.decode("utf-8"))
        uids = [str(event["UID"]) for event in parsed.walk("VEVENT")]
        assert uids == [str(event.uid.value) for event in other.contents.get("vevent", [])]
    site_calendar = icalendar.Calendar.from_ical((site / "maintenance.ics").read_bytes())
    events = {str(event["SUMMARY"]).split(" (")[0]: event for event in site_calendar.walk("VEVENT")}
    assert set(events) == {
        "Database upgrade",
        "Network switch replacement",
        "Storage migration",
        "Kernel patching",
        "Certificate rotation",
    }
    assert str(events["Storage migration"]["STATUS"]) == "CANCELLED"
    assert str(events["Database upgrade"]["STATUS"]) == "CONFIRMED"
    for event in events.values():
        assert event.decoded("DTSTART").tzinfo is not None and event.decoded("DTSTART").utcoffset() == timedelta(0)
        assert event.decoded("DTSTAMP").utcoffset() == timedelta(0)
        assert str(event["URL"]).startswith("https://status.example.com/maintenance/")
    other = vobject.readOne((site / "maintenance.ics").read_text(encoding="utf-8"))
    starts = {event.summary.value.split(" (")[0]: event.dtstart.value for event in other.vevent_list}
    assert starts["Network switch replacement"] == events["Network switch replacement"].decoded("DTSTART")


def test_uids_stay_and_sequence_grows_when_the_window_or_title_changes(
    fake_oneuptime_factory: FakeFactory, tmp_path: Path
) -> None:
    project = make_project(10, 1, seed=17, status_page=True, now=NOW)
    fake = fake_oneuptime_factory(project)
    fetched(fake, tmp_path)
    first = calendar_events(built(fake, tmp_path, "first"))
    fetched(fake, tmp_path)
    again = calendar_events(built(fake, tmp_path, "again"))
    assert again == first  # the same data: the same UIDs and SEQUENCEs
    row = next(r for r in project.rows("scheduled-maintenance") if r["_id"] == "maintenance-2")
    row.update(
        title="Network switch replacement, part 1",
        startsAt=row["startsAt"] + timedelta(hours=2),
        updatedAt=NOW,  # OneUptime renews updatedAt with every change of the row
    )
    fetched(fake, tmp_path)
    changed = calendar_events(built(fake, tmp_path, "changed"))
    assert set(changed) == set(first)  # no UID changed
    moved = [uid for uid in first if changed[uid][1] != first[uid][1]]
    assert len(moved) == 1 and changed[moved[0]][0] > first[moved[0]][0]


def calendar_events(site: Path) -> dict[str, tuple[int, str]]:
    """UID -> (SEQUENCE, SUMMARY and DTSTART)."""
    parsed = icalendar.Calendar.from_ical((site / "maintenance.ics").read_bytes())
    return {
        str(e["UID"]): (int(e["SEQUENCE"]), f"{e['SUMMARY']} {e.decoded('DTSTART').isoformat()}")
        for e in parsed.walk("VEVENT")
    }


def test_the_statuspage_documents_follow_their_schema(mirrored: tuple[Path, Path, list[str]]) -> None:
    site, _, _ = mirrored
    files = {str(path.relative_to(site)): path.read_bytes() for path in (site / "api/v2").rglob("*.json")}
    documents = validate(files)
    upcoming = documents["api/v2/scheduled-maintenances/upcoming.json"]["scheduled_maintenances"]
    active = documents["api/v2/scheduled-maintenances/active.json"]["scheduled_maintenances"]
    assert [m["name"] for m in upcoming] == ["Network switch replacement"]
    assert {m["name"]: m["status"] for m in active} == {"Database upgrade": "in_progress"}
    assert all(update["status"] in ("scheduled", "in_progress") for update in active[0]["incident_updates"])
    everything = {
        m["name"]: m["status"] for m in documents["api/v2/scheduled-maintenances.json"]["scheduled_maintenances"]
    }
    assert everything["Kernel patching"] == "completed"
    assert everything["Certificate rotation"] == "completed"  # Ended: past on OneUptime's page too
    assert everything["Storage migration"] == "completed"  # cancelled: Statuspage has no such status
    summary = documents["api/v2/summary.json"]
    assert [m["name"] for m in summary["scheduled_maintenances"]] == ["Database upgrade", "Network switch replacement"]


def test_each_maintenance_page_has_its_feed_and_the_site_feed_tells_each_step(
    mirrored: tuple[Path, Path, list[str]],
) -> None:
    import feedparser

    site, _, _ = mirrored
    own = feedparser.parse((site / "maintenance/4/feed.atom").read_bytes())
    titles = [entry.title for entry in own.entries]
    assert titles == [
        "Maintenance completed: SM-4 Kernel patching",
        "Maintenance ended: SM-4 Kernel patching",
        "Maintenance started: SM-4 Kernel patching",
        "Update: SM-4 Kernel patching",
        "Maintenance scheduled: SM-4 Kernel patching",
    ]
    assert len({entry.id for entry in own.entries}) == len(own.entries)
    everything = [entry.title for entry in feedparser.parse((site / "feed.atom").read_bytes()).entries]
    assert "Maintenance cancelled: SM-3 Storage migration" in everything
    assert "Announcement: New status page address" in everything


def test_without_the_resources_or_the_permission_the_site_is_built_without_them_unless_asked(
    fake_oneuptime_factory: FakeFactory, tmp_path: Path
) -> None:
    project = make_project(10, 1, seed=18)
    for name in ("scheduled-maintenance", "scheduled-maintenance-state", "status-page-announcement"):
        del project.tables[name]
    fake = fake_oneuptime_factory(project)
    done = statusgen(fake, tmp_path, "fetch", "--out", "snapshot.json", page=False)
    assert done.returncode == 0, done.stderr
    assert (
        "warning: building without scheduled maintenance: OneUptime has no scheduled-maintenance resource"
        in done.stderr
    )
    asked = statusgen(
        fake, tmp_path, "fetch", "--out", "snapshot.json", page=False, settings="show_maintenance = true\n"
    )
    assert asked.returncode == 1
    assert (
        asked.stderr.splitlines()[-1]
        == "Error: OneUptime has no scheduled-maintenance resource (404); check ONEUPTIME_URL"
    )
    limited = fake_oneuptime_factory(make_project(10, 1, seed=18), role="no-maintenance")
    done = statusgen(limited, tmp_path, "fetch", "--out", "snapshot.json", page=False)
    assert done.returncode == 0, done.stderr
    asked = statusgen(
        limited, tmp_path, "fetch", "--out", "snapshot.json", page=False, settings="show_announcements = true\n"
    )
    assert asked.returncode == 1
    assert "status-page-announcement request (422)" in asked.stderr
    assert '"Read Status Page Announcement" permission' in asked.stderr
    off = statusgen(
        limited,
        tmp_path,
        "fetch",
        "--out",
        "snapshot.json",
        page=False,
        settings="show_maintenance = false\nshow_announcements = false\n",
    )
    assert off.returncode == 0 and off.stderr.count("warning") == 0, off.stderr


def test_a_server_that_ignores_the_query_and_the_select_leaks_nothing(
    fake_oneuptime_factory: FakeFactory, tmp_path: Path
) -> None:
    project = make_project(10, 1, seed=19, private_canaries=True, status_page=True, now=NOW)
    fake = fake_oneuptime_factory(project, ignore_query=True)
    snapshot = fetched(fake, tmp_path)
    site = built(fake, tmp_path)
    haystack = every_file(site) + snapshot.read_text(encoding="utf-8")
    assert [canary for canary in project.canaries if canary in haystack] == []
    assert sorted(path.name for path in (site / "maintenance").iterdir()) == ["1", "2", "3", "4", "5", "index.html"]


def test_an_incremental_fetch_drops_an_event_that_turned_invisible_or_left_the_page(
    fake_oneuptime_factory: FakeFactory, tmp_path: Path
) -> None:
    project = make_project(10, 1, seed=20, status_page=True, now=NOW)
    fake = fake_oneuptime_factory(project)
    snapshot = fetched(fake, tmp_path)
    assert {m["id"] for m in json.loads(snapshot.read_text(encoding="utf-8"))["maintenance"]} >= {
        "maintenance-1",
        "maintenance-2",
    }
    rows = {row["_id"]: row for row in project.rows("scheduled-maintenance")}
    rows["maintenance-1"]["statusPages"] = []
    rows["maintenance-2"]["isVisibleOnStatusPage"] = False
    next(a for a in project.rows("status-page-announcement") if a["_id"] == "ann-active")["statusPages"] = []
    done = statusgen(fake, tmp_path, "fetch", "--out", "snapshot.json")
    assert done.returncode == 0 and "(incremental:" in done.stderr, done.stderr
    document = json.loads(snapshot.read_text(encoding="utf-8"))
    assert {m["id"] for m in document["maintenance"]} == {"maintenance-3", "maintenance-4", "maintenance-5"}
    assert {a["id"] for a in document["announcements"]} == {"ann-forever", "ann-past"}
