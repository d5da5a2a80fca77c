"""The OneUptime client's edge cases, with httpx.MockTransport in place of the network."""

from __future__ import annotations

import asyncio
import json
import math
import random
import socket
import ssl
import time
import traceback
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from generator.config import Config
from generator.errors import ApiError, AuthenticationError
from generator.oneuptime import (
    IDS_PER_QUERY,
    INCIDENT_SELECT,
    RawProject,
    decode_value,
    fetch_raw_project,
)

KEY = "uk-SECRET-0123456789abcdef"
PROJECT = "5f8b9c0d-e1a2-4b3c-8d5e-6f7a8b9c0d1e"
PRIVATE_FIELDS = {"rootCause", "remediationNotes", "customFields", "labels", "createdByUser"}

Row = dict[str, Any]
Handler = Callable[[httpx.Request], httpx.Response]


def config(**overrides: Any) -> Config:
    settings: dict[str, Any] = {
        "url": "https://oneuptime.example",
        "project_id": PROJECT,
        "api_key": KEY,
        "retries": 2,
        "backoff": 0.0,
        "timeout": 1.0,
    }
    settings.update(overrides)
    return Config(**settings)


def typed(kind: str, value: str) -> Row:
    return {"_type": kind, "value": value}


def resource_of(request: httpx.Request) -> str:
    return request.url.path.split("/")[2]


class Api:
    """A tiny in-memory API: pages the rows of each resource, ignores the query."""

    def __init__(self, tables: dict[str, list[Row]] | None = None) -> None:
        self.tables = tables or {}
        self.requests: list[httpx.Request] = []
        self.per_resource: Counter[str] = Counter()

    def body(self, request: httpx.Request) -> Row:
        return json.loads(request.content)  # type: ignore[no-any-return]

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        self.per_resource[resource_of(request)] += 1
        return self.answer(request)

    def answer(self, request: httpx.Request) -> httpx.Response:
        rows = self.tables.get(resource_of(request), [])
        skip = int(request.url.params["skip"])
        limit = int(request.url.params["limit"])
        page = rows[skip : skip + limit]
        return httpx.Response(200, json={"data": page, "count": len(rows), "skip": skip, "limit": limit})


def fetch(handler: Handler, **overrides: Any) -> RawProject:
    return fetch_raw_project(config(**overrides), transport=httpx.MockTransport(handler))


def incident(number: int, **fields: Any) -> Row:
    row: Row = {
        "_id": f"inc-{number}",
        "title": f"Incident {number}",
        "isVisibleOnStatusPage": True,
        "isPrivate": False,  # what a current server sends (10.2.0 and later)
        "declaredAt": typed("DateTime", "2024-01-15T09:30:00.000Z"),
    }
    row.update(fields)
    return row


# --- decoding ---------------------------------------------------------------------


def test_typed_values_are_decoded() -> None:
    row = {
        "_id": "i1",
        "declaredAt": typed("DateTime", "2024-01-15T09:30:00.000Z"),
        "incidentSeverityId": typed("ObjectID", "sev-1"),
        "color": typed("Color", "#ff0000"),
        "note": typed("Markdown", "**hi**"),
        "monitors": [{"_id": "m1", "createdAt": typed("DateTime", "2024-01-01T00:00:00Z")}],
    }
    decoded = decode_value(row)
    assert decoded == {
        "_id": "i1",
        "declaredAt": datetime(2024, 1, 15, 9, 30, tzinfo=UTC),
        "incidentSeverityId": "sev-1",
        "color": "#ff0000",
        "note": "**hi**",
        "monitors": [{"_id": "m1", "createdAt": datetime(2024, 1, 1, tzinfo=UTC)}],
    }
    assert decoded["declaredAt"].tzinfo is UTC


def test_dates_with_offsets_or_without_zone_become_utc() -> None:
    assert decode_value(typed("DateTime", "2024-01-15T10:30:00+01:00")) == datetime(2024, 1, 15, 9, 30, tzinfo=UTC)
    assert decode_value(typed("DateTime", "2024-01-15T09:30:00")) == datetime(2024, 1, 15, 9, 30, tzinfo=UTC)


def test_plain_strings_nulls_and_unreadable_dates_stay_as_sent() -> None:
    assert decode_value("2024-01-15T09:30:00.000Z") == "2024-01-15T09:30:00.000Z"
    assert decode_value({"a": None, "b": [1, True]}) == {"a": None, "b": [1, True]}
    assert decode_value(typed("DateTime", "yesterday")) == "yesterday"
    assert decode_value({"_type": "ObjectID", "value": None}) is None


def test_plain_wire_form_is_accepted_and_kept_as_text() -> None:
    api = Api(
        {
            "incident": [
                incident(
                    1,
                    declaredAt="2024-01-15T09:30:00.000Z",
                    currentIncidentStateId="state-1",
                    monitors=[{"_id": "m1", "name": "API"}],
                )
            ],
            "incident-state": [{"_id": "state-1", "name": "Created", "color": "#e11d48"}],
        }
    )
    raw = fetch(api)
    assert raw.incidents[0]["declaredAt"] == "2024-01-15T09:30:00.000Z"
    assert raw.incidents[0]["currentIncidentStateId"] == "state-1"
    assert raw.states == [{"_id": "state-1", "name": "Created", "color": "#e11d48"}]
    assert raw.monitors == [{"_id": "m1", "name": "API"}]


def test_typed_wire_form_is_decoded_in_every_resource() -> None:
    api = Api(
        {
            "incident": [incident(1, monitors=[{"_id": "m1", "name": "API"}])],
            "incident-public-note": [
                {
                    "_id": "n1",
                    "incidentId": typed("ObjectID", "inc-1"),
                    "note": "Fixed.",
                    "postedAt": typed("DateTime", "2024-01-15T10:00:00.000Z"),
                }
            ],
            "incident-severity": [{"_id": "s1", "name": "Major", "color": typed("Color", "#f00")}],
        }
    )
    raw = fetch(api)
    assert raw.public_notes == [
        {
            "_id": "n1",
            "incidentId": "inc-1",
            "note": "Fixed.",
            "postedAt": datetime(2024, 1, 15, 10, tzinfo=UTC),
        }
    ]
    assert raw.severities == [{"_id": "s1", "name": "Major", "color": "#f00"}]
    assert raw.incidents[0]["declaredAt"] == datetime(2024, 1, 15, 9, 30, tzinfo=UTC)


def test_absent_and_null_fields_stay_absent_and_null() -> None:
    api = Api({"incident": [{"_id": "inc-1", "isVisibleOnStatusPage": True, "isPrivate": False, "description": None}]})
    row = fetch(api).incidents[0]
    assert row["description"] is None
    assert "title" not in row and "monitors" not in row
    assert row["postmortemNote"] is None  # no posted, shown postmortem: no text travels on
    assert fetch(api).monitors == []


# --- requests ---------------------------------------------------------------------


def test_requests_carry_headers_select_sort_and_paging() -> None:
    api = Api({"incident": [incident(n) for n in range(250)]})
    raw = fetch(api)
    assert len(raw.incidents) == 250
    pages = [r for r in api.requests if resource_of(r) == "incident"]
    assert sorted(int(r.url.params["skip"]) for r in pages) == [0, 100, 200]
    for request in api.requests:
        assert request.method == "POST"
        assert request.url.path.endswith("/get-list")
        assert request.url.params["limit"] == "100"
        assert request.headers["ApiKey"] == KEY
        assert request.headers["ProjectID"] == PROJECT
    body = api.body(pages[0])
    assert body["select"] == INCIDENT_SELECT
    assert body["query"] == {"isVisibleOnStatusPage": True}
    assert body["sort"] == {"createdAt": "ASC", "_id": "ASC"}


def test_no_private_field_is_ever_selected() -> None:
    api = Api({"incident": [incident(1)], "incident-episode": [{"_id": "e1"}]})
    fetch(api)
    private = PRIVATE_FIELDS | {"stateChangeLog", "postmortemNote_episode", "groupingKey"}
    for request in api.requests:
        select = api.body(request)["select"]
        assert not private & set(select), resource_of(request)
        if resource_of(request) == "incident-episode":
            assert "postmortemNote" not in select  # an episode's postmortem has no publish switch


def test_related_rows_are_asked_for_by_includes_in_batches() -> None:
    count = IDS_PER_QUERY * 2 + 17
    api = Api({"incident": [incident(n) for n in range(count)]})
    fetch(api)
    notes = [api.body(r) for r in api.requests if resource_of(r) == "incident-public-note"]
    assert len(notes) == 3
    values = [body["query"]["incidentId"]["value"] for body in notes]
    assert all(body["query"]["incidentId"]["_type"] == "Includes" for body in notes)
    assert sorted(len(v) for v in values) == [17, IDS_PER_QUERY, IDS_PER_QUERY]
    assert {i for v in values for i in v} == {f"inc-{n}" for n in range(count)}


def test_no_visible_incidents_means_no_related_requests() -> None:
    api = Api({"incident": [incident(1, isVisibleOnStatusPage=False)]})
    raw = fetch(api)
    assert raw.incidents == []
    assert set(api.per_resource) == {
        "incident",
        "incident-episode",
        "incident-state",
        "incident-severity",
        # Read in full on every fetch; with none published, their notes and state changes are not asked for.
        "scheduled-maintenance",
        "scheduled-maintenance-state",
        "status-page-announcement",
    }


def test_progress_reports_every_request_and_the_total_once_known() -> None:
    api = Api({"incident": [incident(n) for n in range(250)], "incident-episode": [{"_id": "e"}]})
    calls: list[tuple[int, int | None]] = []
    fetch_raw_project(config(), transport=httpx.MockTransport(api), progress=lambda d, t: calls.append((d, t)))
    total = len(api.requests)
    assert [done for done, _ in calls] == list(range(1, total + 1))
    assert calls[-1] == (total, total)
    assert calls[0][1] is None


# --- retries ----------------------------------------------------------------------


class Flaky(Api):
    """Answers the first `failures` requests with `failure()`, then like Api."""

    def __init__(self, failure: Callable[[], httpx.Response], failures: int, **kw: Any) -> None:
        super().__init__(**kw)
        self.failure = failure
        self.failures = failures

    def answer(self, request: httpx.Request) -> httpx.Response:
        if resource_of(request) == "incident" and self.failures > 0:
            self.failures -= 1
            return self.failure()
        return super().answer(request)


def test_429_waits_as_long_as_retry_after_says() -> None:
    api = Flaky(
        lambda: httpx.Response(429, headers={"Retry-After": "0.4"}, json={"message": "slow down"}),
        failures=1,
        tables={"incident": [incident(1)]},
    )
    started = time.monotonic()
    raw = fetch(api, backoff=0.0)
    assert time.monotonic() - started >= 0.4
    assert len(raw.incidents) == 1
    assert api.per_resource["incident"] == 2


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_server_errors_are_retried_until_the_server_recovers(status: int) -> None:
    api = Flaky(
        lambda: httpx.Response(status, json={"message": "Server Error"}), failures=2, tables={"incident": [incident(1)]}
    )
    assert len(fetch(api).incidents) == 1
    assert api.per_resource["incident"] == 3


def test_malformed_json_in_a_success_is_retried() -> None:
    api = Flaky(
        lambda: httpx.Response(200, content=b'{"data": [{"_id"'), failures=1, tables={"incident": [incident(1)]}
    )
    assert len(fetch(api).incidents) == 1


def test_an_answer_without_data_is_retried() -> None:
    api = Flaky(lambda: httpx.Response(200, json={"message": "ok"}), failures=1, tables={"incident": [incident(1)]})
    assert len(fetch(api).incidents) == 1


@pytest.mark.parametrize(
    "error",
    [httpx.ConnectError("refused"), httpx.ReadTimeout("slow"), httpx.RemoteProtocolError("gone")],
)
def test_network_trouble_is_retried(error: Exception) -> None:
    failures = [error]

    def handler(request: httpx.Request) -> httpx.Response:
        if resource_of(request) == "incident" and failures:
            raise failures.pop()
        return Api({"incident": [incident(1)]}).answer(request)

    assert len(fetch(handler).incidents) == 1


def test_past_the_retry_budget_the_error_names_resource_tries_and_problem() -> None:
    api = Flaky(lambda: httpx.Response(503, json={"message": "Server Error"}), failures=99)
    with pytest.raises(ApiError) as caught:
        fetch(api, retries=2)
    assert str(caught.value) == ("OneUptime did not answer incident after 3 tries: server error 503: Server Error")
    assert api.per_resource["incident"] == 3


def test_timeouts_past_the_budget_say_so() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    with pytest.raises(ApiError) as caught:
        fetch(handler, retries=1, timeout=1.5)
    assert "after 2 tries: no complete answer within 1.5 s" in str(caught.value)


def test_other_4xx_fail_at_once_with_the_server_message() -> None:
    message = "You do not have permission to read IncidentStateTimeline."
    api = Flaky(lambda: httpx.Response(403, json={"message": message}), failures=99)
    with pytest.raises(ApiError) as caught:
        fetch(api)
    assert api.per_resource["incident"] == 1
    assert message in str(caught.value)


def test_bad_request_is_final_and_not_an_authentication_error() -> None:
    api = Flaky(lambda: httpx.Response(400, json={"message": "Limit should be less than 100"}), failures=99)
    with pytest.raises(ApiError) as caught:
        fetch(api)
    assert not isinstance(caught.value, AuthenticationError)
    assert str(caught.value) == ("OneUptime refused the incident request (400): Limit should be less than 100")


KEY_HINT = (
    "set ONEUPTIME_API_KEY (or --api-key-file) to an API key of this project (OneUptime: Project Settings > API Keys)"
)


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (400, "Invalid API Key"),  # ProjectAuthorization.ts: a key that is not a UUID of this server
        (401, "Authenticated user or a valid API key is needed to read record of Incident."),  # no key
    ],
)
def test_authentication_failures_say_how_to_set_the_key(status: int, message: str) -> None:
    api = Flaky(lambda: httpx.Response(status, json={"error": message}), failures=99)
    with pytest.raises(AuthenticationError) as caught:
        fetch(api)
    assert str(caught.value) == f"OneUptime refused the API key ({status}): {message}; {KEY_HINT}"
    assert api.per_resource["incident"] == 1


def test_a_missing_permission_names_the_role_and_the_permission() -> None:
    message = (
        "You do not have permissions to read Incident Episode. You need one of these permissions: "
        "Project Owner, Viewer, Read Incident Episode"
    )

    def handler(request: httpx.Request) -> httpx.Response:
        if resource_of(request) == "incident-episode":
            return httpx.Response(422, json={"error": message})
        return Api({"incident": [incident(1)]}).answer(request)

    with pytest.raises(AuthenticationError) as caught:
        fetch(handler)
    assert str(caught.value) == (
        f"OneUptime refused the incident-episode request (422): {message}; give the API key the Viewer role "
        '(before OneUptime 10.0.65: the "Read Incident Episode" permission)'
    )


def test_a_plan_too_small_says_so() -> None:
    message = "Please upgrade your plan to Scale to access this feature"
    api = Flaky(lambda: httpx.Response(402, json={"error": message}), failures=99)
    with pytest.raises(ApiError) as caught:
        fetch(api)
    assert str(caught.value) == (
        f"OneUptime refused the incident request (402): {message}; "
        "the project's OneUptime plan does not include this: upgrade it in Project Settings"
    )


def unknown_column(column: str, model: str = "Incident") -> httpx.Response:
    """SelectPermission.ts's answer to a column the model does not have."""
    text = (
        f'Invalid select clause. Cannot select on "{column}". This column does not exist on {model}. '
        "Here are the columns you can select on instead: _id, title"
    )
    return httpx.Response(400, json={"error": text})


def test_exactly_the_columns_an_older_server_names_are_dropped() -> None:
    lacking = {"isPrivate", "incidentEpisodeId"}  # a server before 9.4.13
    selects: list[set[str]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        select = set(json.loads(request.content)["select"])
        if resource_of(request) == "incident":
            selects.append(select)
        missing = sorted(select & lacking)
        return unknown_column(missing[0]) if missing else api.answer(request)

    rows = [incident(n) for n in range(150)]
    for row in rows:
        del row["isPrivate"]
    api = Api({"incident": rows, "incident-episode": [{"_id": "e1"}]})
    raw = fetch(handler)
    assert len(raw.incidents) == 150  # no isPrivate column: nothing is private there
    assert all(row["isPrivate"] is False for row in raw.incidents)
    # One column at a time, each only once the server named it; every other column is still asked for.
    assert selects[0] - selects[1] == {"incidentEpisodeId"} and selects[1] - selects[2] == {"isPrivate"}
    assert set(INCIDENT_SELECT) - selects[-1] == lacking


def test_a_server_with_is_private_but_without_the_episode_link() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if "incidentEpisodeId" in json.loads(request.content)["select"] and resource_of(request) == "incident":
            return unknown_column("incidentEpisodeId")
        return api.answer(request)

    api = Api({"incident": [incident(1), incident(2, isPrivate=True), incident(3, isPrivate=None)]})
    raw = fetch(handler)
    assert [row["_id"] for row in raw.incidents] == ["inc-1"]  # private, and unknown privacy, stay out


@pytest.mark.parametrize("named", ["title", "notSelected"])
def test_a_column_the_client_needs_or_did_not_ask_for_is_never_dropped_silently(named: str) -> None:
    api = Flaky(lambda: unknown_column(named), failures=99)
    with pytest.raises(ApiError) as caught:
        fetch(api)
    assert str(caught.value).startswith(
        f'OneUptime refused the incident request (400): Invalid select clause. Cannot select on "{named}".'
    )
    # "title" is dropped once, as named; named again it is no longer asked for, so the answer is final.
    assert api.per_resource["incident"] == (2 if named == "title" else 1)


def test_a_server_without_episodes_gives_no_episodes() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if resource_of(request).startswith("incident-episode"):
            return httpx.Response(404, text="Cannot POST")
        return Api({"incident": [incident(1)]}).answer(request)

    raw = fetch(handler)
    assert (len(raw.incidents), raw.episodes, raw.episode_members) == (1, [], [])


def test_a_missing_core_resource_is_an_error_naming_the_url_setting() -> None:
    api = Flaky(lambda: httpx.Response(404, text="Not Found"), failures=99)
    with pytest.raises(ApiError) as caught:
        fetch(api)
    assert str(caught.value) == "OneUptime has no incident resource (404); check ONEUPTIME_URL"


def test_a_missing_optional_resource_means_no_episode_notes() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if resource_of(request) == "incident-episode-public-note":
            return httpx.Response(404, text="Cannot POST /api/incident-episode-public-note/get-list")
        return Api({"incident-episode": [{"_id": "e1", "isVisibleOnStatusPage": True, "isPrivate": False}]}).answer(
            request
        )

    raw = fetch(handler)
    assert raw.episodes[0]["_id"] == "e1"
    assert raw.episode_public_notes == []


def test_a_server_without_maintenance_is_named_by_its_events_whichever_404_comes_first() -> None:
    """The events' 404 takes longer here than the states': the error still names the events (a busy CI saw
    either, while both were asked at once)."""

    async def handler(request: httpx.Request) -> httpx.Response:
        resource = resource_of(request)
        if resource == "scheduled-maintenance":
            await asyncio.sleep(0.3)
        if resource.startswith("scheduled-maintenance"):
            return httpx.Response(404, text=f"Cannot POST /api/{resource}/get-list")
        return Api({"incident": [incident(1)]}).answer(request)

    asked = config(show_maintenance=True, explicit=frozenset({"show_maintenance"}))
    with pytest.raises(ApiError) as caught:
        fetch_raw_project(asked, transport=httpx.MockTransport(handler))
    assert str(caught.value) == "OneUptime has no scheduled-maintenance resource (404); check ONEUPTIME_URL"


# --- the key stays secret ---------------------------------------------------------


def _all_text(exc: BaseException) -> str:
    return "".join(traceback.format_exception(exc)) + repr(exc) + str(exc)


@pytest.mark.parametrize(
    "handler",
    [
        lambda r: httpx.Response(400, json={"message": f"Invalid API Key {KEY}"}),
        lambda r: httpx.Response(500, json={"message": f"crash for key {KEY}"}),
        lambda r: httpx.Response(429, json={"message": KEY}),
        lambda r: (_ for _ in ()).throw(httpx.ConnectError(f"refused {KEY}", request=r)),
    ],
)
def test_the_key_never_appears_in_errors_or_tracebacks(handler: Handler) -> None:
    with pytest.raises(ApiError) as caught:
        fetch(handler, retries=1)
    assert KEY not in _all_text(caught.value)


def test_the_key_never_appears_in_reprs() -> None:
    settings = config()
    raw = fetch(Api({"incident": [incident(1)]}))
    assert KEY not in repr(settings)
    assert KEY not in repr(raw)


# --- a server that ignores the query ----------------------------------------------


def test_client_drops_what_a_careless_server_sends() -> None:
    api = Api(
        {
            "incident": [
                incident(
                    1,
                    rootCause="CANARY root",
                    customFields={"x": "CANARY custom"},
                    labels=[{"name": "CANARY label"}],
                    incidentEpisodeId=typed("ObjectID", "e-hidden"),
                    monitors=[{"_id": "m1", "name": "API", "description": "CANARY monitor"}],
                    showPostmortemOnStatusPage=False,
                    postmortemNote="CANARY draft",
                    postmortemPostedAt=typed("DateTime", "2024-01-16T00:00:00.000Z"),
                ),
                incident(2, isVisibleOnStatusPage=False, title="CANARY hidden"),
                incident(3, isVisibleOnStatusPage=None, title="CANARY null"),
                incident(4, isVisibleOnStatusPage="true", title="CANARY string"),
                incident(5, isPrivate=True, title="CANARY private"),
                incident(6, incidentEpisodeId=typed("ObjectID", "e-visible")),
            ],
            "incident-episode": [
                {"_id": "e-visible", "isVisibleOnStatusPage": True, "isPrivate": False, "rootCause": "CANARY"},
                {"_id": "e-hidden", "isVisibleOnStatusPage": False, "title": "CANARY episode"},
            ],
            "incident-episode-member": [
                {"_id": "mem1", "incidentEpisodeId": "e-visible", "incidentId": "inc-6"},
                {"_id": "mem2", "incidentEpisodeId": "e-visible", "incidentId": "inc-2"},
                {"_id": "mem3", "incidentEpisodeId": "e-hidden", "incidentId": "inc-1"},
            ],
            "incident-public-note": [
                {"_id": "n1", "incidentId": "inc-1", "note": "public"},
                {"_id": "n2", "incidentId": "inc-2", "note": "CANARY note of hidden"},
                {"_id": "n3", "incidentId": "inc-5", "note": "CANARY note of private"},
            ],
            "incident-state-timeline": [
                {"_id": "t1", "incidentId": "inc-1", "rootCause": "CANARY", "stateChangeLog": {}},
                {"_id": "t2", "incidentId": "inc-2"},
            ],
            "incident-episode-public-note": [
                {"_id": "en1", "incidentEpisodeId": "e-visible", "note": "public"},
                {"_id": "en2", "incidentEpisodeId": "e-hidden", "note": "CANARY"},
            ],
        }
    )
    raw = fetch(api)
    assert "CANARY" not in repr(raw)
    assert [row["_id"] for row in raw.incidents] == ["inc-1", "inc-6"]
    assert [row["_id"] for row in raw.episodes] == ["e-visible"]
    assert raw.incidents[0]["incidentEpisodeId"] is None  # its episode is not published
    assert raw.incidents[1]["incidentEpisodeId"] == "e-visible"
    assert raw.incidents[0]["monitors"] == [{"_id": "m1", "name": "API"}]
    assert raw.episode_members == [{"_id": "mem1", "incidentEpisodeId": "e-visible", "incidentId": "inc-6"}]
    assert [row["_id"] for row in raw.public_notes] == ["n1"]
    assert raw.state_timelines == [{"_id": "t1", "incidentId": "inc-1"}]
    assert [row["_id"] for row in raw.episode_public_notes] == ["en1"]


def test_repeated_rows_appear_once() -> None:
    api = Api({"incident": [incident(1), incident(1), incident(2)]})
    assert [row["_id"] for row in fetch(api).incidents] == ["inc-1", "inc-2"]


def test_a_count_of_zero_with_rows_still_returns_the_first_page() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        data = [incident(1)] if resource_of(request) == "incident" else []
        return httpx.Response(200, json={"data": data, "count": 0})

    assert len(fetch(handler).incidents) == 1


def test_a_server_without_count_is_paged_until_a_short_page() -> None:
    rows = [incident(n) for n in range(230)]

    def handler(request: httpx.Request) -> httpx.Response:
        skip = int(request.url.params["skip"])
        data = rows[skip : skip + 100] if resource_of(request) == "incident" else []
        return httpx.Response(200, json={"data": data})

    assert len(fetch(handler).incidents) == 230


def test_fetch_works_from_a_thread_whose_event_loop_is_running() -> None:
    """A caller inside a running loop (a notebook, Playwright's sync API) still gets its data."""

    async def caller() -> RawProject:
        return fetch(Api({"incident": [incident(1)]}))

    raw = asyncio.run(caller())
    assert [row["_id"] for row in raw.incidents] == ["inc-1"]


# --- many ids: batches paged as one list ------------------------------------------


class QueryApi(Api):
    """An in-memory API that does what the real one does with a query: equality, Includes, sort, count."""

    def __init__(self, tables: dict[str, list[Row]], *, sort_by_query: bool = True) -> None:
        super().__init__(tables)
        self.sort_by_query = sort_by_query  # False: a server that sorts by createdAt and _id only
        self._listings: dict[str, list[Row]] = {}

    def answer(self, request: httpx.Request) -> httpx.Response:
        body = self.body(request)
        resource = resource_of(request)
        key = json.dumps([resource, body["query"], body["sort"]])
        if key not in self._listings:
            self._listings[key] = self.listing(resource, body["query"], body["sort"])
        rows = self._listings[key]
        skip, limit = int(request.url.params["skip"]), int(request.url.params["limit"])
        return httpx.Response(200, json={"data": rows[skip : skip + limit], "count": len(rows)})

    def listing(self, resource: str, query: Row, sort: Row) -> list[Row]:
        rows = self.tables.get(resource, [])
        for column, wanted in query.items():
            if isinstance(wanted, dict) and wanted.get("_type") == "Includes":
                ids = set(wanted["value"])
                rows = [row for row in rows if row.get(column) in ids]
            else:
                rows = [row for row in rows if row.get(column) == wanted]
        columns = list(sort) if self.sort_by_query else ["createdAt", "_id"]
        return sorted(rows, key=lambda row: [str(row.get(column)) for column in columns])


def project_tables(incidents: int, seed: int, notes: Callable[[int], int] | None = None) -> dict[str, list[Row]]:
    """Visible incidents with a seeded, uneven number of notes (0 to 7) and state changes (1 to 4) each."""
    rng = random.Random(seed)
    tables: dict[str, list[Row]] = {"incident": [], "incident-public-note": [], "incident-state-timeline": []}
    for number in range(incidents):
        incident_id = f"inc-{number:05d}"
        at = f"2024-01-01T00:00:{number % 60:02d}.000Z"
        tables["incident"].append(
            {"_id": incident_id, "isVisibleOnStatusPage": True, "isPrivate": False, "createdAt": at}
        )
        for index in range(rng.randint(0, 7) if notes is None else notes(number)):
            tables["incident-public-note"].append(
                {"_id": f"n-{number}-{index}", "incidentId": incident_id, "note": "Fixed.", "createdAt": at}
            )
        for index in range(rng.randint(1, 4)):
            tables["incident-state-timeline"].append(
                {"_id": f"t-{number}-{index}", "incidentId": incident_id, "createdAt": at}
            )
    return tables


def test_10000_incidents_take_as_many_pages_as_one_query_would() -> None:
    tables = project_tables(10_000, seed=3)
    api = QueryApi(tables)
    raw = fetch(api)
    assert len(raw.incidents) == 10_000
    assert ids_of(raw.public_notes) == ids_of(tables["incident-public-note"])
    assert ids_of(raw.state_timelines) == ids_of(tables["incident-state-timeline"])
    for resource in ("incident", "incident-public-note", "incident-state-timeline"):
        assert api.per_resource[resource] == math.ceil(len(tables[resource]) / 100), resource
    # Three listings of empty tables (episodes, states, severities) and three of maintenance and announcements.
    assert sum(api.per_resource.values()) == 3 + 3 + sum(math.ceil(len(rows) / 100) for rows in tables.values())


def test_a_page_across_two_batches_asks_with_both_and_sorts_by_their_id_first() -> None:
    api = QueryApi(project_tables(1_200, seed=4))
    fetch(api)
    notes = [api.body(r) for r in api.requests if resource_of(r) == "incident-public-note"]
    sizes = {len(body["query"]["incidentId"]["value"]) for body in notes}
    # Batches of 500, 500 and 200 ids, alone or two neighbours at once.
    assert sizes == {IDS_PER_QUERY, 200, 2 * IDS_PER_QUERY, IDS_PER_QUERY + 200}
    assert all(body["sort"] == {"incidentId": "ASC", "createdAt": "ASC", "_id": "ASC"} for body in notes)


def test_the_page_that_places_the_next_batch_goes_first() -> None:
    api = QueryApi(project_tables(1_200, seed=4))
    fetch(api, concurrency=1)
    notes = [api.body(r) for r in api.requests if resource_of(r) == "incident-public-note"]
    # One request at a time: after the first page, the page spanning into the next
    # batch comes before the pages inside the first batch that were known already.
    assert [len(body["query"]["incidentId"]["value"]) for body in notes[:2]] == [IDS_PER_QUERY, 2 * IDS_PER_QUERY]


def test_a_batch_with_less_than_a_page_of_rows_costs_at_most_one_request_more() -> None:
    def notes(number: int) -> int:  # 2,450 rows in the first batch, 20 in the second, 1,400 in the third
        if number < IDS_PER_QUERY:
            return 5 if number < 450 else 4
        return (1 if number < 520 else 0) if number < 2 * IDS_PER_QUERY else 7

    tables = project_tables(1_200, seed=5, notes=notes)
    api = QueryApi(tables)
    raw = fetch(api)
    assert ids_of(raw.public_notes) == ids_of(tables["incident-public-note"])
    ideal = math.ceil(len(tables["incident-public-note"]) / 100)
    assert ideal <= api.per_resource["incident-public-note"] <= ideal + 1
    # The page spanning from the first batch held all of the second: the third starts a page of its own.
    notes_asked = [r for r in api.requests if resource_of(r) == "incident-public-note"]
    third = [r for r in notes_asked if len(api.body(r)["query"]["incidentId"]["value"]) == 200]
    assert min(int(r.url.params["skip"]) for r in third) == 0


@pytest.mark.parametrize("server", ["sorts otherwise", "ignores the query"])
def test_a_server_the_chain_does_not_fit_is_asked_batch_by_batch(server: str) -> None:
    tables = project_tables(1_200, seed=6)
    api = QueryApi(tables, sort_by_query=False) if server == "sorts otherwise" else Api(tables)
    calls: list[tuple[int, int | None]] = []
    raw = fetch_raw_project(config(), transport=httpx.MockTransport(api), progress=lambda d, t: calls.append((d, t)))
    assert ids_of(raw.public_notes) == ids_of(tables["incident-public-note"])
    assert ids_of(raw.state_timelines) == ids_of(tables["incident-state-timeline"])
    firsts = {
        tuple(api.body(r)["query"]["incidentId"]["value"])
        for r in api.requests
        if resource_of(r) == "incident-public-note" and r.url.params["skip"] == "0"
    }
    assert len(firsts) == 3  # every batch asked for from its first row
    assert calls[-1] == (len(api.requests), len(api.requests))
    assert [done for done, _ in calls] == list(range(1, len(api.requests) + 1))


def test_progress_counts_the_pages_of_batches_paged_as_one() -> None:
    api = QueryApi(project_tables(1_200, seed=7))
    calls: list[tuple[int, int | None]] = []
    fetch_raw_project(config(), transport=httpx.MockTransport(api), progress=lambda d, t: calls.append((d, t)))
    total = len(api.requests)
    assert [done for done, _ in calls] == list(range(1, total + 1))
    assert calls[-1] == (total, total)
    known = [planned for _, planned in calls if planned is not None]
    assert known and set(known) == {total}  # once known, the total never changes


def test_the_result_is_not_formatted_on_the_way_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """Python 3.11's asyncio.run formats its main task's repr; a large RawProject must not be in it."""
    formatted: list[str] = []
    monkeypatch.setattr(RawProject, "__repr__", lambda self: formatted.append("RawProject") or "RawProject(...)")
    fetch(Api({"incident": [incident(1)]}))
    assert formatted == []


def ids_of(rows: list[Row]) -> set[str]:
    return {row["_id"] for row in rows}


def _connect_error_from(cause: BaseException, request: httpx.Request) -> httpx.ConnectError:
    error = httpx.ConnectError("All connection attempts failed", request=request)
    error.__cause__ = cause
    return error


@pytest.mark.parametrize(
    ("cause", "expected"),
    [
        (
            socket.gaierror(-2, "Name or service not known"),
            "cannot find the host of https://oneuptime.example (name lookup failed); "
            "check ONEUPTIME_URL and the network's DNS",
        ),
        (
            ConnectionRefusedError(111, "Connection refused"),
            "https://oneuptime.example refused the connection: nothing listens there; "
            "check ONEUPTIME_URL (host and port)",
        ),
        (
            ssl.SSLError(1, "[SSL: WRONG_VERSION_NUMBER] wrong version number"),
            "cannot talk TLS to https://oneuptime.example: that port does not answer https:// (is it a plain http:// "
            "port, or a proxy in front?); check ONEUPTIME_URL",
        ),
    ],
)
def test_an_address_that_cannot_work_is_named_after_two_tries(cause: BaseException, expected: str) -> None:
    attempts = []

    def handler(request: httpx.Request) -> httpx.Response:
        attempts.append(request)
        raise _connect_error_from(cause, request)

    with pytest.raises(ApiError) as caught:
        fetch(handler, retries=5, url="https://user:SECRET@oneuptime.example")
    assert str(caught.value) == expected  # the address without its user name and password
    assert 2 <= len(attempts) <= 8  # two tries for each of the first requests, not six


def test_a_web_page_instead_of_json_is_final() -> None:
    api = Flaky(lambda: httpx.Response(200, html="<!doctype html><p>Welcome to nginx!"), failures=99)
    with pytest.raises(ApiError) as caught:
        fetch(api, retries=5)
    assert str(caught.value) == (
        "https://oneuptime.example answered the incident request with a web page, not OneUptime's JSON; "
        "check ONEUPTIME_URL: it must be the OneUptime address itself (the API is under /api)"
    )
    assert api.per_resource["incident"] == 1
