"""The fake OneUptime answers as the real server's source does (../shared/ONEUPTIME_SOURCE_NOTES.md)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from tests.fake_oneuptime import (
    STATUS_PAGE_ID,
    FakeOneUptime,
    FakeProject,
    Faults,
    iter_strings,
    make_project,
    page_monitors,
    shown_on_page,
    visible_ids,
)

Start = Callable[..., FakeOneUptime]
Row = dict[str, Any]


def post(
    fake: FakeOneUptime,
    path: str,
    body: Row | None = None,
    *,
    headers: dict[str, str] | None = None,
    **params: Any,
) -> httpx.Response:
    if headers is None:
        headers = {"ApiKey": fake.project.api_key, "ProjectID": fake.project.project_id}
    return httpx.post(f"{fake.url}/api/{path}", json=body or {}, headers=headers, params=params)


# --- authentication ---------------------------------------------------------------


def test_no_key_is_a_401_with_the_real_message(fake_oneuptime: FakeOneUptime) -> None:
    answer = post(fake_oneuptime, "incident/get-list", headers={"ProjectID": fake_oneuptime.project.project_id})
    assert (answer.status_code, answer.json()) == (
        401,
        {"error": "Authenticated user or a valid API key is needed to read record of Incident."},
    )


@pytest.mark.parametrize("key", ["nope", "0e0e0e0e-0000-4000-8000-000000000000"])
def test_a_key_that_is_not_this_servers_uuid_is_a_400(fake_oneuptime: FakeOneUptime, key: str) -> None:
    answer = post(fake_oneuptime, "incident/get-list", headers={"ApiKey": key})
    assert (answer.status_code, answer.json()) == (400, {"error": "Invalid API Key"})


def test_the_project_comes_from_the_key_and_project_id_is_ignored(fake_oneuptime: FakeOneUptime) -> None:
    headers = {"ApiKey": fake_oneuptime.project.api_key, "ProjectID": "another-project"}
    rows = post(fake_oneuptime, "incident/get-list", {"select": {"projectId": True}}, headers=headers).json()["data"]
    assert rows and all(row["projectId"]["value"] == fake_oneuptime.project.project_id for row in rows)


def test_an_unknown_route_is_the_catch_all_404_with_message(fake_oneuptime: FakeOneUptime) -> None:
    answer = post(fake_oneuptime, "no-such-thing/get-list")
    assert (answer.status_code, answer.json()) == (404, {"message": "Page not found - /api/no-such-thing/get-list"})


def test_a_key_without_a_tables_permission_gets_a_422(fake_oneuptime_factory: Start) -> None:
    fake = fake_oneuptime_factory(role="incidents-only")
    assert post(fake, "incident/get-list").status_code == 200
    answer = post(fake, "monitor/get-list")
    assert (answer.status_code, answer.json()) == (
        422,
        {
            "error": "You do not have permissions to read Monitor. You need one of these permissions: Project Owner, "
            "Project Admin, Project Member, Viewer, Monitor Admin, Monitor Member, Monitor Viewer, Read Monitor"
        },
    )


def test_a_viewer_key_never_gets_private_incidents(fake_oneuptime_factory: Start) -> None:
    project = make_project(60, 0, seed=3, private_share=0.3)
    private = {row["_id"] for row in project.rows("incident") if row["isPrivate"] is True}
    assert private
    admin = post(fake_oneuptime_factory(project), "incident/get-list", limit=1000).json()["data"]
    viewer = post(fake_oneuptime_factory(project, role="viewer"), "incident/get-list", limit=1000).json()["data"]
    assert private <= {row["_id"] for row in admin}
    assert not private & {row["_id"] for row in viewer}


def test_nested_rows_always_carry_their_id(fake_oneuptime: FakeOneUptime) -> None:
    rows = post(fake_oneuptime, "incident/get-list", {"select": {"monitors": {"name": True}}}).json()["data"]
    assert rows and all(set(m) == {"_id", "name"} for row in rows for m in row["monitors"])


# --- paging -----------------------------------------------------------------------


def test_limit_over_the_maximum_is_an_error_not_a_clamp(fake_oneuptime: FakeOneUptime) -> None:
    # LimitMax.ts: LIMIT_PER_PROJECT = 10000; BaseAPI.ts words the error.
    answer = post(fake_oneuptime, "incident/get-list", limit=10001)
    assert (answer.status_code, answer.json()) == (400, {"error": "Limit should be less than 10000"})
    assert post(fake_oneuptime, "incident/get-list", limit=10000).status_code == 200


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"limit": 0}, "Limit should be greater than 0"),
        ({"skip": -1}, "Skip should be greater than or equal to 0"),
    ],
)
def test_bad_skip_or_limit(fake_oneuptime: FakeOneUptime, params: Row, message: str) -> None:
    answer = post(fake_oneuptime, "incident/get-list", **params)
    assert (answer.status_code, answer.json()) == (400, {"error": message})


def test_pages_count_and_default_limit(fake_oneuptime_factory: Start) -> None:
    fake = fake_oneuptime_factory(make_project(25, 0))
    first = post(fake, "incident/get-list").json()
    assert (len(first["data"]), first["count"], first["skip"], first["limit"]) == (10, 25, 0, 10)
    last = post(fake, "incident/get-list", skip=20, limit=10).json()
    assert (len(last["data"]), last["count"], last["skip"]) == (5, 25, 20)
    assert post(fake, "incident/count", {"query": {}}).json() == {"count": 25}


# --- select, query, sort, typed values --------------------------------------------


def test_only_selected_fields_and_id_come_back(fake_oneuptime: FakeOneUptime) -> None:
    body = {"select": {"title": True, "monitors": {"_id": True, "name": True}}}
    rows = post(fake_oneuptime, "incident/get-list", body, limit=100).json()["data"]
    assert rows
    for row in rows:
        assert set(row) == {"_id", "title", "monitors"}
        assert row["monitors"] and all(set(m) == {"_id", "name"} for m in row["monitors"])


def test_null_is_sent_as_null_and_unstored_fields_are_absent(fake_oneuptime_factory: Start) -> None:
    project = make_project(2, 0)
    project.tables["incident"][0]["postmortemNote"] = None
    project.tables["incident"][1].pop("postmortemNote", None)
    fake = fake_oneuptime_factory(project)
    rows = post(fake, "incident/get-list", {"select": {"postmortemNote": True}}).json()["data"]
    assert rows[0] == {"_id": rows[0]["_id"], "postmortemNote": None}
    assert "postmortemNote" not in rows[1]


def test_selecting_a_column_the_server_lacks_is_a_400(fake_oneuptime_factory: Start) -> None:
    fake = fake_oneuptime_factory(make_project(5, 0, release="before-10.2.0"))
    answer = post(fake, "incident/get-list", {"select": {"title": True, "isPrivate": True}})
    assert answer.status_code == 400
    assert answer.json()["error"].startswith(
        'Invalid select clause. Cannot select on "isPrivate". This column does not exist on Incident. '
        "Here are the columns you can select on instead: _id, "
    )
    assert post(fake, "incident/get-list", {"select": {"title": True}}).status_code == 200


def test_typed_values_look_like_the_real_servers(fake_oneuptime: FakeOneUptime) -> None:
    select = {"declaredAt": True, "incidentSeverityId": True, "isVisibleOnStatusPage": True}
    row = post(fake_oneuptime, "incident/get-list", {"select": select}).json()["data"][0]
    assert isinstance(row["_id"], str)  # _id is a plain string
    assert row["declaredAt"]["_type"] == "DateTime"
    assert len(row["declaredAt"]["value"]) == len("2024-01-15T09:30:00.000Z")
    assert row["declaredAt"]["value"].endswith("Z")
    assert row["incidentSeverityId"]["_type"] == "ObjectID"
    assert isinstance(row["isVisibleOnStatusPage"], bool)
    severity = post(fake_oneuptime, "incident-severity/get-list", {"select": {"color": True}})
    assert severity.json()["data"][0]["color"]["_type"] == "Color"


def test_plain_string_form_on_request(fake_oneuptime_factory: Start) -> None:
    fake = fake_oneuptime_factory(typed_values=False)
    select = {"declaredAt": True, "incidentSeverityId": True}
    row = post(fake, "incident/get-list", {"select": select}).json()["data"][0]
    assert isinstance(row["declaredAt"], str) and row["declaredAt"].endswith("Z")
    assert isinstance(row["incidentSeverityId"], str)


def test_includes_accepts_plain_and_typed_ids(fake_oneuptime: FakeOneUptime) -> None:
    incident_ids = [row["_id"] for row in fake_oneuptime.project.rows("incident")[:3]]
    for values in (incident_ids, [{"_type": "ObjectID", "value": i} for i in incident_ids]):
        query = {"incidentId": {"_type": "Includes", "value": values}}
        answer = post(fake_oneuptime, "incident-public-note/get-list", {"query": query}, limit=100)
        notes = answer.json()["data"]
        assert answer.json()["count"] == 6 and len(notes) == 6
    empty = {"incidentId": {"_type": "Includes", "value": []}}
    assert post(fake_oneuptime, "incident-public-note/count", {"query": empty}).json() == {"count": 0}


def test_equality_query_on_a_boolean(fake_oneuptime: FakeOneUptime) -> None:
    body = {"query": {"isVisibleOnStatusPage": True}, "select": {"isVisibleOnStatusPage": True}}
    answer = post(fake_oneuptime, "incident/get-list", body, limit=100).json()
    expected = sum(1 for r in fake_oneuptime.project.rows("incident") if r["isVisibleOnStatusPage"] is True)
    assert answer["count"] == expected
    assert all(row["isVisibleOnStatusPage"] is True for row in answer["data"])


def test_comparisons_take_plain_iso_strings_only(fake_oneuptime: FakeOneUptime) -> None:
    plain = {"declaredAt": {"_type": "GreaterThan", "value": "2024-01-02T00:00:00.000Z"}}
    assert post(fake_oneuptime, "incident/count", {"query": plain}).status_code == 200
    nested = {
        "declaredAt": {
            "_type": "GreaterThan",
            "value": {"_type": "DateTime", "value": "2024-01-02T00:00:00.000Z"},
        }
    }
    assert post(fake_oneuptime, "incident/count", {"query": nested}).status_code == 500


def test_sort_takes_asc_and_desc(fake_oneuptime: FakeOneUptime) -> None:
    select = {"incidentNumber": True}
    ascending = post(fake_oneuptime, "incident/get-list", {"select": select, "sort": {"incidentNumber": "ASC"}}).json()[
        "data"
    ]
    descending = post(
        fake_oneuptime, "incident/get-list", {"select": select, "sort": {"incidentNumber": "DESC"}}
    ).json()["data"]
    assert [r["incidentNumber"] for r in ascending] == list(range(1, 11))
    assert [r["incidentNumber"] for r in descending] == list(range(20, 10, -1))
    wrong = {"select": select, "sort": {"incidentNumber": "Ascending"}}
    assert post(fake_oneuptime, "incident/get-list", wrong).status_code == 500


def test_get_item_and_a_missing_item(fake_oneuptime: FakeOneUptime) -> None:
    row_id = fake_oneuptime.project.rows("incident")[0]["_id"]
    item = post(fake_oneuptime, f"incident/{row_id}/get-item", {"select": {"title": True}}).json()
    assert set(item) == {"_id", "title"}
    assert post(fake_oneuptime, "incident/nope/get-item", {"select": {"title": True}}).json() == {}


def test_unknown_resource_is_404(fake_oneuptime_factory: Start) -> None:
    fake = fake_oneuptime_factory(make_project(2, 0, episode_notes=False))
    assert post(fake, "incident-episode-public-note/get-list").status_code == 404


def test_ignore_query_sends_every_row_and_field(fake_oneuptime_factory: Start) -> None:
    fake = fake_oneuptime_factory(make_project(20, 1, private_canaries=True), ignore_query=True)
    body = {"query": {"isVisibleOnStatusPage": True}, "select": {"title": True}}
    answer = post(fake, "incident/get-list", body, limit=100).json()
    assert answer["count"] == 20
    assert "rootCause" in answer["data"][0]
    assert any("CANARY-" in text for text in iter_strings(answer))


# --- faults -----------------------------------------------------------------------


def test_server_errors_and_rate_limits(fake_oneuptime_factory: Start) -> None:
    failing = fake_oneuptime_factory(faults=Faults(server_error=1.0))
    assert post(failing, "incident/count").status_code == 500
    limited = fake_oneuptime_factory(faults=Faults(rate_limited=1.0, retry_after="7"))
    answer = post(limited, "incident/count")
    assert (answer.status_code, answer.headers["Retry-After"]) == (429, "7")


def test_dropped_connections_and_malformed_bodies(fake_oneuptime_factory: Start) -> None:
    dropping = fake_oneuptime_factory(faults=Faults(dropped=1.0))
    with pytest.raises(httpx.RemoteProtocolError):
        post(dropping, "incident/get-list")
    garbled = fake_oneuptime_factory(faults=Faults(malformed=1.0))
    answer = post(garbled, "incident/get-list")
    assert answer.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        answer.json()


def test_slow_answers_and_faults_limited_to_some_resources(fake_oneuptime_factory: Start) -> None:
    faults = Faults(slow=1.0, slow_seconds=0.3, resources=frozenset({"incident"}))
    fake = fake_oneuptime_factory(faults=faults)
    started = time.monotonic()
    assert post(fake, "incident/count").status_code == 200
    assert time.monotonic() - started >= 0.3
    post(fake, "monitor/count")
    # Told by the fault each request drew, not by a clock: a busy machine may take 0.3 s for any answer.
    assert [(record.resource, record.fault) for record in fake.log] == [("incident", "slow"), ("monitor", None)]


def test_requests_are_counted_per_resource(fake_oneuptime: FakeOneUptime) -> None:
    post(fake_oneuptime, "incident/get-list")
    post(fake_oneuptime, "incident/count")
    post(fake_oneuptime, "monitor/get-list")
    assert fake_oneuptime.requests == {"incident": 2, "monitor": 1}
    fake_oneuptime.reset_counts()
    assert not fake_oneuptime.requests


# --- synthetic projects -----------------------------------------------------------


def test_projects_are_deterministic_and_sized_as_asked() -> None:
    first, second = make_project(50, 3, seed=7), make_project(50, 3, seed=7)
    assert first.tables == second.tables
    assert len(first.rows("incident")) == 50
    assert len(first.rows("incident-public-note")) == 150
    assert make_project(50, 3, seed=8).tables != first.tables


def test_projects_hold_every_kind_of_private_data() -> None:
    project = make_project(200, 2, seed=3)
    incidents = project.rows("incident")
    assert visible_ids(project, "incident") < {r["_id"] for r in incidents}
    assert any(r["isVisibleOnStatusPage"] and r["isPrivate"] for r in incidents)
    assert any(r.get("showPostmortemOnStatusPage") is False and r.get("postmortemNote") for r in incidents)
    assert any(r.get("showPostmortemOnStatusPage") and r.get("postmortemPostedAt") is None for r in incidents)
    assert all("rootCause" in r for r in incidents)
    assert project.rows("incident-internal-note")
    assert visible_ids(project, "incident-episode") < {r["_id"] for r in project.rows("incident-episode")}
    hidden = {r["_id"] for r in incidents} - visible_ids(project, "incident")
    visible_episodes = visible_ids(project, "incident-episode")
    assert any(
        m["incidentId"] in hidden and m["incidentEpisodeId"] in visible_episodes
        for m in project.rows("incident-episode-member")
    )


def test_canaries_are_unique_and_only_in_private_places() -> None:
    project: FakeProject = make_project(100, 2, seed=2, private_canaries=True)
    assert len(project.canaries) == len(set(project.canaries)) > 100
    public_incidents = visible_ids(project, "incident")
    for row in project.rows("incident"):
        if row["_id"] in public_incidents:
            assert "CANARY-" not in row["title"] + row["description"]
    everything = " ".join(iter_strings(project.tables))
    assert all(canary in everything for canary in project.canaries[:50])


# --- rows kept between the pages of a listing --------------------------------------


def test_a_listing_is_matched_and_sorted_once_for_all_its_pages(
    fake_oneuptime_factory: Start, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = fake_oneuptime_factory(make_project(250, 2, seed=3))
    sorted_rows = fake._sorted
    sorts: list[int] = []

    def counting(rows: list[Row], sort: Any) -> list[Row]:
        sorts.append(len(rows))
        return sorted_rows(rows, sort)

    monkeypatch.setattr(fake, "_sorted", counting)
    headers = {"ApiKey": fake.project.api_key, "ProjectID": fake.project.project_id}
    body = {"query": {"isVisibleOnStatusPage": True}, "sort": {"createdAt": "ASC", "_id": "ASC"}}
    with httpx.Client(base_url=fake.url, headers=headers) as session:  # one keep-alive connection
        pages = [session.post("/api/incident/get-list", json=body, params={"skip": s, "limit": 100}) for s in (0, 100)]
        assert all(page.status_code == 200 for page in pages)
    assert len(sorts) == 1
    first, second = (page.json()["data"] for page in pages)
    assert not {row["_id"] for row in first} & {row["_id"] for row in second}
    post(fake, "incident/get-list", body, skip=200, limit=100)  # a new connection: matched afresh
    assert len(sorts) == 2


def test_a_new_connection_sees_rows_changed_in_place(fake_oneuptime_factory: Start) -> None:
    project = make_project(30, 1, seed=4)
    fake = fake_oneuptime_factory(project)
    body = {"query": {"isVisibleOnStatusPage": True}, "select": {"title": True}}
    before = post(fake, "incident/get-list", body, limit=100).json()["count"]
    hidden = next(row for row in project.tables["incident"] if row["isVisibleOnStatusPage"] is not True)
    hidden["isVisibleOnStatusPage"] = True
    assert post(fake, "incident/get-list", body, limit=100).json()["count"] == before + 1


def test_includes_on_a_list_of_monitors_and_sorting_by_an_id_first(fake_oneuptime: FakeOneUptime) -> None:
    monitor = fake_oneuptime.project.rows("monitor")[0]["_id"]
    query = {"monitors": {"_type": "Includes", "value": [monitor]}}
    answer = post(
        fake_oneuptime, "incident/get-list", {"query": query, "select": {"monitors": {"_id": True}}}, limit=100
    )
    expected = [r for r in fake_oneuptime.project.rows("incident") if monitor in r["monitors"]]
    assert answer.json()["count"] == len(expected) > 0
    assert all(monitor in {m["_id"] for m in row["monitors"]} for row in answer.json()["data"])
    sort = {"incidentId": "ASC", "createdAt": "ASC", "_id": "ASC"}
    notes = post(
        fake_oneuptime, "incident-public-note/get-list", {"sort": sort, "select": {"incidentId": True}}, limit=100
    )
    keys = [row["incidentId"]["value"] for row in notes.json()["data"]]
    assert keys == sorted(keys)


# --- a status page ----------------------------------------------------------------------


def test_a_status_page_is_read_by_id_with_only_what_is_selected(fake_oneuptime_factory: Start) -> None:
    fake = fake_oneuptime_factory(make_project(10, 1, seed=1, status_page=True, private_canaries=True))
    item = post(fake, f"status-page/{STATUS_PAGE_ID}/get-item", {"select": {"pageTitle": True}}).json()
    assert item == {"_id": STATUS_PAGE_ID, "pageTitle": "Acme Cloud status"}
    whole = post(fake, f"status-page/{STATUS_PAGE_ID}/get-item", {"select": {"downtimeMonitorStatuses": {"_id": True}}})
    assert whole.json()["downtimeMonitorStatuses"] == [{"_id": "status-degraded"}, {"_id": "status-offline"}]
    private_fields = ("masterPassword", "ipWhitelist", "embeddedOverallStatusToken", "customJavaScript", "headerHTML")
    row = fake.project.rows("status-page")[0]
    assert all("CANARY-" in str(row[name]) for name in private_fields)


def test_greater_than_or_null_matches_later_values_and_null(fake_oneuptime_factory: Start) -> None:
    now = datetime(2026, 11, 20, 12, tzinfo=UTC)
    fake = fake_oneuptime_factory(make_project(4, 0, seed=1, status_page=True, now=now))
    rows = fake.project.rows("monitor-status-timeline")
    since = "2026-11-01T00:00:00.000Z"
    query = {"endsAt": {"_type": "GreaterThanOrNull", "value": since}}
    answer = post(fake, "monitor-status-timeline/count", {"query": query}).json()
    cut = datetime(2026, 11, 1, tzinfo=UTC)
    assert answer["count"] == sum(1 for r in rows if r["endsAt"] is None or r["endsAt"] > cut) > 0


def test_a_status_page_project_keeps_the_rest_of_the_project_and_its_own_private_places() -> None:
    now = datetime(2026, 11, 20, 12, tzinfo=UTC)
    plain, paged = make_project(30, 1, seed=5), make_project(30, 1, seed=5, status_page=True, now=now)
    assert [r["incidentNumber"] for r in plain.rows("incident")] == [
        r["incidentNumber"] for r in paged.rows("incident")[:30]
    ]
    assert make_project(30, 1, seed=5, status_page=True, now=now).tables == paged.tables
    monitors = page_monitors(paged)
    assert monitors and {m["_id"] for m in paged.rows("monitor")} - monitors  # some monitors are off the page
    incidents, episodes = shown_on_page(paged)
    assert incidents < visible_ids(paged, "incident") and episodes <= visible_ids(paged, "incident-episode")
    canaried = make_project(30, 1, seed=5, status_page=True, now=now, private_canaries=True)
    assert all("CANARY-" in monitor["name"] for monitor in canaried.rows("monitor"))
    assert all("CANARY-" in row["rootCause"] for row in canaried.rows("monitor-status-timeline"))
    for row in canaried.rows("incident"):
        if row["_id"] not in incidents:
            assert "CANARY-" in row["title"] or row["isVisibleOnStatusPage"] is not True or row["isPrivate"]
