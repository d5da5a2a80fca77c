"""A fetch scoped to one status page, against the fake OneUptime: exactly what OneUptime's own page shows."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from generator.errors import ApiError, AuthenticationError, ConfigError
from generator.fetch import fetch_full, fetch_incremental
from generator.model import Snapshot
from generator.snapshot import snapshot_to_json
from tests.fake_oneuptime import (
    PRIVATE_STATUS_PAGE_ID,
    STATUS_PAGE_ID,
    FakeOneUptime,
    FakeProject,
    config_for,
    make_project,
    page_monitors,
    shown_on_page,
)

Start = Callable[..., FakeOneUptime]
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
PRIVATE_SELECTS = (
    "masterPassword",
    "ipWhitelist",
    "embeddedOverallStatusToken",
    "customJavaScript",
    "customCSS",
    "headerHTML",
    "footerHTML",
    "smtpConfig",
    "rootCause",
    "statusChangeLog",
)


@pytest.fixture(scope="module")
def project() -> FakeProject:
    return make_project(80, 2, seed=4, private_canaries=True, status_page=True, now=NOW)


def fetch(fake: FakeOneUptime, **settings: object) -> Snapshot:
    return fetch_full(config_for(fake, status_page=STATUS_PAGE_ID, **settings), now=NOW).snapshot


def test_only_the_pages_incidents_episodes_and_services_and_no_private_text(
    fake_oneuptime_factory: Start, project: FakeProject
) -> None:
    fake = fake_oneuptime_factory(project)
    snapshot = fetch(fake)
    incidents, episodes = shown_on_page(project)
    assert {i.id for i in snapshot.incidents} == incidents
    assert {e.id for e in snapshot.episodes} == episodes
    assert "off-page-0" not in incidents  # an ongoing critical incident of monitors not on the page
    text = snapshot_to_json(snapshot)
    assert [canary for canary in project.canaries if canary in text] == []
    assert snapshot.monitors == ()  # no monitor's own name is kept
    page = snapshot.status_page
    assert page is not None and page.title == "Acme Cloud status" and page.is_public
    assert [s.name for s in page.services] == ["Website", "Public API", "Dashboard", "Sign-in", "Webhooks"]
    assert {m for s in page.services for m in s.monitor_ids} == page_monitors(project)
    assert [g.name for g in page.groups] == ["Core services", "Regional endpoints", "Integrations"]


def test_selects_never_name_a_private_column(fake_oneuptime_factory: Start, project: FakeProject) -> None:
    fake = fake_oneuptime_factory(project)
    fetch(fake)
    for record in fake.log:
        select = json.dumps(record.body.get("select"))
        assert not [name for name in PRIVATE_SELECTS if name in select], record.path
        if record.resource in ("monitor", "incident"):
            assert '"name"' not in select  # a page names its services itself


def test_a_server_that_ignores_the_query_gives_the_same_snapshot(
    fake_oneuptime_factory: Start, project: FakeProject
) -> None:
    expected = fetch(fake_oneuptime_factory(project))
    ignoring = fetch(fake_oneuptime_factory(project, ignore_query=True))
    assert replace(ignoring, source=None) == replace(expected, source=None)  # the source names the server's URL


def test_a_private_page_is_refused_unless_the_operator_accepts_the_risk(
    fake_oneuptime_factory: Start, project: FakeProject
) -> None:
    fake = fake_oneuptime_factory(project)
    with pytest.raises(ConfigError) as caught:
        fetch_full(config_for(fake, status_page=PRIVATE_STATUS_PAGE_ID), now=NOW)
    assert str(caught.value) == (
        f"status page {PRIVATE_STATUS_PAGE_ID} is private in OneUptime (visitors must log in), but a statusgen "
        f"site is public; to publish it to everyone anyway, set publish_private_status_page = true under [oneuptime]"
    )
    config = config_for(fake, status_page=PRIVATE_STATUS_PAGE_ID, publish_private_status_page=True)
    page = fetch_full(config, now=NOW).snapshot.status_page
    assert page is not None and not page.is_public


def test_a_page_of_no_such_id(fake_oneuptime_factory: Start, project: FakeProject) -> None:
    fake = fake_oneuptime_factory(project)
    missing = "00000000-0000-4000-8000-000000000000"
    with pytest.raises(ApiError) as caught:
        fetch_full(config_for(fake, status_page=missing), now=NOW)
    assert str(caught.value) == (
        f"OneUptime has no status page {missing} in this project; check ONEUPTIME_STATUS_PAGE_ID "
        f"(or status_page under [oneuptime] in statusgen.toml)"
    )


def test_a_key_that_may_not_read_status_pages_is_told_which_permission(
    fake_oneuptime_factory: Start, project: FakeProject
) -> None:
    fake = fake_oneuptime_factory(project, role="incidents-only")
    with pytest.raises(AuthenticationError) as caught:
        fetch(fake)
    assert str(caught.value).startswith("OneUptime refused the status-page request (422): You do not have permissions")
    assert str(caught.value).endswith(
        'give the API key the Viewer role (before OneUptime 10.0.65: the "Read Status Page" permission)'
    )


def test_timelines_are_read_for_the_pages_window_only(fake_oneuptime_factory: Start, project: FakeProject) -> None:
    fake = fake_oneuptime_factory(project)
    page = fetch(fake).status_page
    assert page is not None
    assert (page.window_start, page.window_end) == (datetime(2026, 8, 22, 12, tzinfo=UTC), NOW)
    assert all(
        p.starts_at <= NOW and (p.ends_at is None or p.ends_at >= page.window_start) for p in page.status_periods
    )
    status_only = next(s for s in page.services if s.name == "Sign-in")
    assert not {p.monitor_id for p in page.status_periods} & set(status_only.monitor_ids)
    (timeline_request,) = [r for r in fake.log if r.resource == "monitor-status-timeline"]
    assert timeline_request.body["query"]["endsAt"] == {
        "_type": "GreaterThanOrNull",
        "value": "2026-08-22T11:59:59.999Z",
    }


# --- the incremental fetch and the cost of a fetch ------------------------------------------


def with_update_times(project: FakeProject) -> FakeProject:
    """Every row gets updatedAt, as every OneUptime model has (UpdateDateColumn)."""
    for rows in project.tables.values():
        for row in rows:
            row.setdefault("updatedAt", row.get("createdAt") or NOW - timedelta(days=200))
    return project


def comparable(snapshot: Snapshot) -> Snapshot:
    return replace(snapshot, source=None)


def test_an_incremental_fetch_equals_a_full_one_after_the_page_and_its_monitors_change(
    fake_oneuptime_factory: Start,
) -> None:
    project = with_update_times(make_project(80, 2, seed=8, private_canaries=True, status_page=True, now=NOW))
    fake = fake_oneuptime_factory(project)
    config = config_for(fake, status_page=STATUS_PAGE_ID)
    first = fetch_full(config, now=NOW).snapshot
    later = NOW + timedelta(minutes=30)
    changed_at = NOW + timedelta(minutes=10)
    # A monitor goes offline: its open row closes and a new one starts.
    timeline = project.tables["monitor-status-timeline"]
    monitor = str(project.rows("status-page-resource")[0]["monitorId"])
    (open_row,) = [r for r in timeline if str(r["monitorId"]) == monitor and r["endsAt"] is None][-1:]
    open_row.update(endsAt=changed_at, updatedAt=changed_at)
    timeline.append(
        {**open_row, "_id": "fresh", "monitorStatusId": "status-offline", "startsAt": changed_at, "endsAt": None}
    )
    next(m for m in project.tables["monitor"] if m["_id"] == monitor)["currentMonitorStatusId"] = "status-offline"
    # The page drops a service, and renames another.
    resources = project.tables["status-page-resource"]
    resources.remove(next(r for r in resources if r["displayName"] == "Dashboard"))
    next(r for r in resources if r["displayName"] == "Website")["displayName"] = "Web site"
    fake.reset_counts()
    result = fetch_incremental(config, first, now=later)
    timeline_requests = fake.requests["monitor-status-timeline"]
    assert comparable(result.snapshot) == comparable(fetch_full(config, now=later).snapshot)
    page = result.snapshot.status_page
    assert page is not None and [s.name for s in page.services][:1] == ["Web site"]
    assert timeline_requests == 1  # only the rows changed since the last fetch
    assert result.requests < 30


def test_a_fetch_costs_a_page_per_hundred_rows_and_a_few_requests_per_resource(fake_oneuptime_factory: Start) -> None:
    project = make_project(300, 2, seed=9, status_page=True, now=NOW, n_monitors=30)
    fake = fake_oneuptime_factory(project)
    fetch(fake)
    timelines = len(project.rows("monitor-status-timeline"))
    assert timelines > 300  # several pages of status rows
    for resource in ("status-page", "status-page-resource", "status-page-group", "monitor-status", "monitor"):
        assert fake.requests[resource] <= 2, resource
    assert fake.requests["monitor-status-timeline"] <= math.ceil(timelines / 100) + 2
