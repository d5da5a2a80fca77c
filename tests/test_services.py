"""The services of a mirrored status page: levels, groups, figures and days, as OneUptime's page shows them."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from generator.build import build_site, render_site
from generator.config import Config
from generator.day_bars import DayWords, calendar, merge_runs
from generator.errors import ConfigError
from generator.formats import Formats
from generator.i18n import ENGLISH
from generator.model import BarColorRule, MonitorState, MonitorStatus, Service, ServiceGroup, StatusPage, StatusPeriod
from generator.page_settings import with_page_defaults
from generator.services import plan_services, service_urls, status_levels
from generator.site import plan_site
from tests import factories as f
from tests.status_page_fixtures import DEGRADED, OFFLINE, OPERATIONAL, STATUSES
from tests.test_page_cache import page_keys

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def service(n: int, group: str | None = None, **fields: object) -> Service:
    values: dict[str, object] = {
        "id": f"res-{n}",
        "name": f"Service {n}",
        "group_id": group,
        "order": n,
        "monitor_ids": (f"mon-{n}",),
        "show_uptime_percent": True,
        "uptime_decimals": 2,
    }
    values.update(fields)
    return Service(**values)  # type: ignore[arg-type]


def page(*services: Service, groups: tuple[ServiceGroup, ...] = (), **fields: object) -> StatusPage:
    """A page whose monitors were operational for 100 days, but for `troubles` (monitor, status, start, hours)."""
    values: dict[str, object] = {
        "id": "page",
        "title": "Page",
        "window_start": NOW - timedelta(days=90),
        "window_end": NOW,
        "downtime_status_ids": (DEGRADED.id, OFFLINE.id),
        "groups": groups,
        "services": services,
        "monitor_statuses": STATUSES,
        "current_statuses": tuple(MonitorState(m, OPERATIONAL.id) for s in services for m in s.monitor_ids),
        "status_periods": tuple(
            StatusPeriod(f"{m}-0", m, OPERATIONAL.id, NOW - timedelta(days=100))
            for s in services
            for m in s.monitor_ids
        ),
    }
    values.update(fields)
    return StatusPage(**values)  # type: ignore[arg-type]


def outage(monitor: str, status: MonitorStatus, days_ago: float, hours: float) -> tuple[StatusPeriod, ...]:
    """A monitor's rows with one trouble `days_ago`, lasting `hours`."""
    start = NOW - timedelta(days=days_ago)
    end = start + timedelta(hours=hours)
    return (
        StatusPeriod(f"{monitor}-0", monitor, OPERATIONAL.id, NOW - timedelta(days=100), start),
        StatusPeriod(f"{monitor}-1", monitor, status.id, start, end),
        StatusPeriod(f"{monitor}-2", monitor, OPERATIONAL.id, end),
    )


def test_monitor_statuses_as_statuspage_levels() -> None:
    partial = MonitorStatus("st-partial", "Partial", "#ff8800", 3)
    worse = MonitorStatus("st-worse", "Worse than offline", "#000000", 9)
    offline = replace(OFFLINE, priority=5)
    levels = status_levels((OPERATIONAL, DEGRADED, partial, offline, worse))
    assert levels == {
        "st-operational": "operational",
        "st-degraded": "degraded",
        "st-partial": "partial",
        "st-offline": "major",
        "st-worse": "major",
    }
    assert status_levels((OPERATIONAL, DEGRADED, OFFLINE)) == {
        "st-operational": "operational",
        "st-degraded": "degraded",
        "st-offline": "major",
    }


def test_groups_in_the_pages_order_nested_and_none_lost() -> None:
    groups = (
        ServiceGroup("b", "Second", order=2),
        ServiceGroup("a", "First", order=1),
        ServiceGroup("child", "Child", order=1, parent_id="b"),
        ServiceGroup("lost", "Parent gone", order=3, parent_id="nowhere"),
        ServiceGroup("x", "Cycle X", order=4, parent_id="y"),
        ServiceGroup("y", "Cycle Y", order=5, parent_id="x"),
    )
    ordered = tuple(sorted(groups, key=lambda g: (g.order, g.id)))
    plan = plan_services(page(service(1), service(2, "child"), groups=ordered), NOW, UTC)
    assert [g.group.name for g in plan.groups] == ["First", "Second", "Parent gone", "Cycle X"]
    second = plan.groups[1]
    assert [g.group.name for g in second.groups] == ["Child"] and second.groups[0].heading == 4
    assert [g.group.name for g in plan.groups[3].groups] == ["Cycle Y"]
    assert [s.service.name for s in plan.ungrouped] == ["Service 1"]


def test_a_group_takes_its_worst_service_and_the_mean_uptime_floored_to_its_precision() -> None:
    groups = (ServiceGroup("g", "Group", order=1, show_uptime_percent=True, uptime_decimals=1),)
    periods = outage("mon-1", OFFLINE, 10, 3) + outage("mon-2", DEGRADED, 20, 1)
    current = (MonitorState("mon-1", OPERATIONAL.id), MonitorState("mon-2", DEGRADED.id))
    plan = plan_services(
        page(service(1, "g"), service(2, "g"), groups=groups, status_periods=periods, current_statuses=current),
        NOW,
        UTC,
    )
    (group,) = plan.groups
    assert (group.current.name, group.current.level) == ("Degraded", "degraded")
    # 3 h and 1 h of the 90 days (2160 h): 99.8611...% and 99.9537...%, each floored to the group's one
    # decimal first (99.8, 99.9), then their mean floored: 99.85 -> 99.8.
    assert [s.uptime for s in group.services] == ["99.86", "99.95"]
    assert group.uptime == "99.8"


def test_overall_uptime_takes_the_reporting_groups_and_the_ungrouped_services() -> None:
    groups = (
        ServiceGroup("top", "Top", order=1),  # reports nothing itself: its child reports
        ServiceGroup("child", "Child", order=1, parent_id="top", show_uptime_percent=True, uptime_decimals=2),
    )
    periods = outage("mon-1", OFFLINE, 10, 21.6) + outage("mon-2", OFFLINE, 10, 43.2)
    plan = plan_services(
        page(service(1), service(2, "child"), groups=groups, status_periods=periods, show_overall_uptime=True),
        NOW,
        UTC,
    )
    # 1% and 2% down: the ungrouped 99 and the child group's 98, averaged: 98.5.
    assert plan.overall_uptime == "98.5"
    assert plan_services(page(service(1)), NOW, UTC).overall_uptime is None  # the page does not show one


def test_a_monitor_groups_status_is_its_worst_member_and_an_unknown_status_is_operational() -> None:
    group_service = service(1, monitor_ids=("m-a", "m-b"), is_monitor_group=True)
    current = (MonitorState("m-a", OFFLINE.id), MonitorState("m-b", DEGRADED.id), MonitorState("mon-2", "gone"))
    plan = plan_services(page(group_service, service(2), current_statuses=current), NOW, UTC)
    assert [(s.current.name, s.current.level) for s in plan.all] == [
        ("Offline", "major"),
        ("Operational", "operational"),
    ]


def test_days_carry_date_uptime_and_worst_status_and_like_days_merge_into_runs() -> None:
    periods = outage("mon-1", OFFLINE, 3.5, 6)  # 17 Nov 00:00 to 06:00
    plan = plan_services(page(service(1), status_periods=periods, uptime_days=5), NOW, UTC)
    (view,) = plan.all
    assert [d.label for d in view.days] == [
        "16 Nov 2026: 100% uptime, Operational",
        "17 Nov 2026: 75.00% uptime, Offline",
        "18 Nov 2026: 100% uptime, Operational",
        "19 Nov 2026: 100% uptime, Operational",
        "20 Nov 2026: 100% uptime, Operational",
    ]
    assert [(b.days, b.level, b.label) for b in view.bars] == [
        (1, "operational", "16 Nov 2026: 100% uptime, Operational"),
        (1, "major", "17 Nov 2026: 75.00% uptime, Offline"),
        (3, "operational", "18 Nov to 20 Nov 2026: 100% uptime, Operational"),
    ]


def test_bar_colour_rules_colour_a_day_by_its_uptime_and_bad_colours_never_reach_a_page() -> None:
    rules = (BarColorRule("#00aa00", 99.9, 1), BarColorRule("#aa0000", 0, 2))
    periods = outage("mon-1", OFFLINE, 2.5, 6)
    bad = replace(OFFLINE, color="url(https://evil.example/x)")
    plan = plan_services(
        page(
            service(1),
            status_periods=periods,
            uptime_days=3,
            bar_color_rules=rules,
            monitor_statuses=(OPERATIONAL, DEGRADED, bad),
        ),
        NOW,
        UTC,
    )
    assert [d.color for d in plan.all[0].days] == ["#aa0000", "#00aa00", "#00aa00"]
    plain = plan_services(
        page(service(1), status_periods=periods, uptime_days=3, monitor_statuses=(OPERATIONAL, DEGRADED, bad)), NOW, UTC
    )
    assert [d.color for d in plain.all[0].days] == ["#2ab57d", "#2ab57d", "#2ab57d"]  # the bad one falls back


def test_days_without_rows_read_no_data_in_the_pages_default_colour() -> None:
    young = (StatusPeriod("p", "mon-1", OPERATIONAL.id, NOW - timedelta(days=1)),)
    (view,) = plan_services(
        page(service(1), status_periods=young, uptime_days=3, default_bar_color="#cccccc"), NOW, UTC
    ).all
    assert [(d.level, d.color, d.label) for d in view.days[:2]] == [
        ("nodata", "#cccccc", "18 Nov 2026: no data"),
        ("operational", "#2ab57d", "19 Nov 2026: 100% uptime, Operational"),
    ]


def test_service_urls_are_slugs_of_names_unique_in_the_pages_order() -> None:
    services = [
        service(1, name="Public API"),
        service(2, name="Public  API!"),
        service(3, name="☃"),
        service(4, name="Ünïcode"),
    ]
    assert list(service_urls(services).values()) == [
        "components/public-api/",
        "components/public-api-2/",
        "components/service-" + service_urls([service(3, name="☃")])["res-3"].split("-", 1)[1],
        "components/unicode/",
    ]


def test_a_calendar_has_monday_first_weeks() -> None:
    plan = plan_services(page(service(1), uptime_days=3), NOW, UTC)
    (month,) = calendar(plan.all[0].days)
    assert month.first_day == date(2026, 11, 1)
    assert month.weeks[0][:6] == (None,) * 6  # 1 Nov 2026 is a Sunday
    assert [day.first.day for week in month.weeks for day in week if day] == [18, 19, 20]
    assert all(len(week) == 7 for week in month.weeks)


def test_runs_need_the_same_colour_level_and_reading() -> None:
    plan = plan_services(page(service(1), uptime_days=4), NOW, UTC)
    assert len(merge_runs(plan.all[0].days, DayWords(Formats(ENGLISH, UTC)))) == 1


def test_the_pages_settings_are_the_defaults_and_the_users_win() -> None:
    snapshot = f.snapshot(
        f.incident(1),
        status_page=page(
            service(1), title="Page title", description="About", show_episodes=False, incident_history_days=30
        ),
    )
    config = with_page_defaults(Config(), snapshot)
    assert (config.title, config.description, config.show_episodes, config.history_days) == (
        "Page title",
        "About",
        False,
        30,
    )
    mine = replace(Config(title="Mine", history_days=7), explicit=frozenset({"title", "history_days"}))
    assert (with_page_defaults(mine, snapshot).title, with_page_defaults(mine, snapshot).history_days) == ("Mine", 7)


def test_a_snapshot_of_a_private_page_is_not_built_without_the_override() -> None:
    snapshot = f.snapshot(status_page=page(service(1), is_public=False))
    with pytest.raises(ConfigError) as caught:
        render_site(snapshot, Config(), NOW)
    assert str(caught.value) == (
        "the snapshot is of status page page, which is private in OneUptime (visitors must log in); "
        "to publish it to everyone anyway, set publish_private_status_page = true under [oneuptime]"
    )
    assert render_site(snapshot, Config(publish_private_status_page=True), NOW)


def test_a_page_that_hides_incidents_publishes_none_of_them() -> None:
    ongoing = f.incident(1, state_id=f.CREATED.id, monitor_ids=("mon-1",))
    snapshot = f.snapshot(ongoing, status_page=page(service(1), show_incidents=False))
    files = render_site(snapshot, Config(base_url="https://status.example.com"), NOW)
    assert not [path for path in files if path.startswith("incidents/")]
    assert b"Past 14 days" not in files["index.html"] and b"Incident 1" not in files["index.html"]
    assert b"Incident 1" not in files["api/v2/incidents.json"] + files["feed.atom"]
    shown = render_site(snapshot, replace(Config(), show_incidents=True, explicit=frozenset({"show_incidents"})), NOW)
    assert "incidents/1/index.html" in shown


def test_incidents_name_the_services_they_affect_never_their_monitors() -> None:
    incident = f.incident(1, monitor_ids=("mon-2", "mon-off-page"))
    snapshot = f.snapshot(incident, status_page=page(service(1), service(2, name="Billing")))
    (view,) = plan_site(snapshot, Config().public(), NOW).incidents
    assert view.monitors == ("Billing",)


def test_each_service_has_its_page_badge_and_feed_of_the_incidents_that_affected_it() -> None:
    incident = f.incident(1, monitor_ids=("mon-2",), title="Billing slow")
    current = (MonitorState("mon-1", OPERATIONAL.id), MonitorState("mon-2", OFFLINE.id))
    snapshot = f.snapshot(incident, status_page=page(service(1), service(2, name="Billing"), current_statuses=current))
    files = render_site(snapshot, Config(base_url="https://status.example.com"), NOW)
    assert {"components/service-1/index.html", "components/billing/index.html"} <= set(files)
    assert b"Billing: Offline" in files["components/billing/badge.svg"]
    assert b"Service 1: Operational" in files["components/service-1/badge.svg"]
    assert b"Billing slow" in files["components/billing/feed.atom"]
    assert b"Billing slow" not in files["components/service-1/feed.atom"]
    assert b"Billing slow" in files["components/billing/index.html"]
    assert b"https://status.example.com/components/billing/" in files["sitemap.xml"]
    # The banner: the worst of the services (Offline: a major outage) and the incidents.
    assert b"Major outage" in files["index.html"] and b"Major outage" in files["badge.svg"]


def test_the_home_page_of_twenty_services_and_ninety_days_is_small(fake_oneuptime_factory) -> None:  # type: ignore[no-untyped-def]
    """Issue 15: under 100 KB of HTML, 15 KB gzipped, for a page of 20 services with trouble every ten days or so."""
    import gzip

    from generator.fetch import fetch_full
    from tests.fake_oneuptime import STATUS_PAGE_ID, config_for, make_project

    project = make_project(60, 2, seed=4, status_page=True, now=NOW, n_monitors=23)
    snapshot = fetch_full(config_for(fake_oneuptime_factory(project), status_page=STATUS_PAGE_ID), now=NOW).snapshot
    assert snapshot.status_page is not None and len(snapshot.status_page.services) == 20
    home = render_site(snapshot, Config(base_url="https://status.example.com"), NOW)["index.html"]
    assert home.count(b'class="bar') > 300  # many runs: days of trouble are many
    assert len(home) < 100 * 1024 and len(gzip.compress(home)) < 15 * 1024


def test_a_services_page_lists_its_newest_50_incidents_and_counts_the_rest() -> None:
    incidents = [f.incident(n, monitor_ids=("mon-1",)) for n in range(1, 56)]
    snapshot = f.snapshot(*incidents, status_page=page(service(1)))
    html = render_site(snapshot, Config(), NOW)["components/service-1/index.html"]
    assert html.count(b'<article class="card') == 50
    assert b"5 earlier incidents in the" in html and b"Incident 1<" in html and b"Incident 55<" not in html


def test_a_service_lists_every_incident_on_any_of_its_monitors_once_newest_first() -> None:
    """A monitor group's service takes each incident on one of its monitors once, however many it shares."""
    incidents = [
        f.incident(1, monitor_ids=("mon-1", "mon-2"), declared_at=f.at(5)),
        f.incident(2, monitor_ids=("mon-3",), declared_at=f.at(4)),
        f.incident(3, monitor_ids=("mon-2", "mon-2", "mon-1"), declared_at=f.at(3)),
        f.incident(4, monitor_ids=(), declared_at=f.at(2)),
        f.incident(5, monitor_ids=("mon-9", "mon-2"), declared_at=f.at(1)),
    ]
    group = service(1, monitor_ids=("mon-2", "mon-1"), is_monitor_group=True)
    episodes = (f.episode(1, incident_ids=("inc-2",)), f.episode(2, incident_ids=("inc-3", "inc-4")))
    snapshot = f.snapshot(*incidents, episodes=episodes, status_page=page(group, service(3), service(4)))
    plan = plan_site(snapshot, Config().public(), NOW)
    assert plan.services is not None
    by_name = {view.service.name: view for view in plan.services.all}
    assert [view.incident.id for view in by_name["Service 1"].incidents] == ["inc-5", "inc-3", "inc-1"]
    assert [view.episode.id for view in by_name["Service 1"].episodes] == ["ep-2"]
    assert [view.incident.id for view in by_name["Service 3"].incidents] == ["inc-2"]
    assert [view.episode.id for view in by_name["Service 3"].episodes] == ["ep-1"]
    assert by_name["Service 4"].incidents == [] and by_name["Service 4"].episodes == []


def test_a_note_on_an_incident_a_services_page_only_counts_renews_no_list_of_services(tmp_path: Path) -> None:
    """The service's page, the home and subscribe pages are keyed by what they show of the services
    (services.as_recent, as_listed), not by every incident of every service."""
    incidents = [f.incident(n, monitor_ids=("mon-1",), declared_at=f.at(24 * 60 + n)) for n in range(1, 56)]
    config = Config(output=tmp_path / "site", base_url="https://status.example.com")
    build_site(f.snapshot(*incidents, status_page=page(service(1))), config, NOW)
    before = page_keys(config.output)
    oldest = incidents[-1]
    noted = replace(oldest, updates=(*oldest.updates, f.note("late", 24 * 60 + 54, "Late.")))
    build_site(f.snapshot(*incidents[:-1], noted, status_page=page(service(1))), config, NOW)
    after = page_keys(config.output)
    assert after["incidents/55/index.html"] != before["incidents/55/index.html"]
    listing = ("components/service-1/index.html", "index.html", "subscribe/index.html")
    assert {path: after[path] for path in listing} == {path: before[path] for path in listing}
    html = (config.output / "components/service-1/index.html").read_bytes()
    assert b"5 earlier incidents in the" in html and b"Incident 55<" not in html
    # A change the page does show still renews it: the 50th incident, the last it lists, retitled.
    retitled = replace(incidents[49], title="Retitled fiftieth")
    changed = (*incidents[:49], retitled, *incidents[50:-1], noted)
    build_site(f.snapshot(*changed, status_page=page(service(1))), config, NOW)
    assert page_keys(config.output)["components/service-1/index.html"] != after["components/service-1/index.html"]
    assert b"Retitled fiftieth<" in (config.output / "components/service-1/index.html").read_bytes()
