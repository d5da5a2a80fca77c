"""fetch_raw_project over real HTTP against the fake OneUptime: bounds, faults, leaks."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

import pytest

from generator.errors import ApiError, AuthenticationError
from generator.oneuptime import RawProject, fetch_raw_project
from tests.fake_oneuptime import FakeOneUptime, FakeProject, Faults, config_for, make_project, visible_ids

Start = Callable[..., FakeOneUptime]


@pytest.fixture(scope="module")
def large_project() -> FakeProject:
    """1,000 incidents with 5 public notes each: 5,000 notes."""
    return make_project(1000, 5, seed=11)


@pytest.fixture(scope="module")
def medium_project() -> FakeProject:
    return make_project(300, 4, seed=5, private_canaries=True)


@pytest.fixture(scope="module")
def medium_baseline(medium_project: FakeProject) -> RawProject:
    with FakeOneUptime(medium_project) as fake:
        return fetch_raw_project(config_for(fake))


def ids(rows: list[dict[str, Any]]) -> set[str]:
    return {row["_id"] for row in rows}


def expected_ids(project: FakeProject) -> dict[str, set[str]]:
    """What a correct client returns: rows of incidents and episodes OneUptime would show."""
    incidents = visible_ids(project, "incident")
    episodes = visible_ids(project, "incident-episode")
    return {
        "incidents": incidents,
        "episodes": episodes,
        "public_notes": {r["_id"] for r in project.rows("incident-public-note") if r["incidentId"] in incidents},
        "state_timelines": {r["_id"] for r in project.rows("incident-state-timeline") if r["incidentId"] in incidents},
        "episode_members": {
            r["_id"]
            for r in project.rows("incident-episode-member")
            if r["incidentId"] in incidents and r["incidentEpisodeId"] in episodes
        },
        "episode_public_notes": {
            r["_id"] for r in project.rows("incident-episode-public-note") if r["incidentEpisodeId"] in episodes
        },
        "episode_state_timelines": {
            r["_id"] for r in project.rows("incident-episode-state-timeline") if r["incidentEpisodeId"] in episodes
        },
        "states": {r["_id"] for r in project.rows("incident-state")},
        "severities": {r["_id"] for r in project.rows("incident-severity")},
        "monitors": {str(m) for r in project.rows("incident") if r["_id"] in incidents for m in r["monitors"]},
    }


def assert_complete(raw: RawProject, project: FakeProject) -> None:
    for name, wanted in expected_ids(project).items():
        assert ids(getattr(raw, name)) == wanted, name


def test_a_large_project_is_complete_within_the_request_bound(
    fake_oneuptime_factory: Start, large_project: FakeProject
) -> None:
    fake = fake_oneuptime_factory(large_project)
    raw = fetch_raw_project(config_for(fake))
    assert_complete(raw, large_project)
    assert len(raw.public_notes) > 4000
    # Rows the server matches for each query (the incident query cannot exclude isPrivate).
    shown = visible_ids(large_project, "incident")
    matched = {
        "incident": sum(1 for r in large_project.rows("incident") if r["isVisibleOnStatusPage"] is True),
        "incident-episode": sum(
            1 for r in large_project.rows("incident-episode") if r["isVisibleOnStatusPage"] is True
        ),
        "incident-public-note": len(raw.public_notes),
        "incident-state-timeline": len(raw.state_timelines),
        "incident-episode-member": sum(
            1 for r in large_project.rows("incident-episode-member") if r["incidentEpisodeId"] in ids(raw.episodes)
        ),
        "incident-episode-public-note": len(raw.episode_public_notes),
        "incident-episode-state-timeline": len(raw.episode_state_timelines),
        "incident-state": 3,
        "incident-severity": 3,
        # Maintenance and announcements are on status pages this project lacks: none is published,
        # so their notes and state changes are never asked for.
        "scheduled-maintenance": 7,
        "scheduled-maintenance-state": 5,
        "status-page-announcement": 4,
    }
    assert raw.maintenance is not None and not raw.maintenance.events and not raw.maintenance.announcements
    assert len(shown) == len(raw.incidents)
    for resource, rows in matched.items():
        bound = math.ceil(rows / 100) + 3
        assert 1 <= fake.requests[resource] <= bound, (resource, fake.requests[resource], rows)
    assert set(fake.requests) == set(matched)  # nothing else, internal notes above all
    assert fake.requests["incident-public-note"] <= math.ceil(len(raw.public_notes) / 100) + 2


def test_progress_ends_with_every_request_counted(fake_oneuptime_factory: Start) -> None:
    fake = fake_oneuptime_factory(make_project(150, 2, seed=4))
    calls: list[tuple[int, int | None]] = []
    fetch_raw_project(config_for(fake), progress=lambda done, total: calls.append((done, total)))
    total = sum(fake.requests.values())
    assert calls[-1] == (total, total)
    assert [done for done, _ in calls] == list(range(1, total + 1))


@pytest.mark.parametrize(
    "faults",
    [
        Faults(seed=1, server_error=0.2),
        Faults(seed=2, rate_limited=0.2, retry_after="0"),
        Faults(seed=3, slow=0.1, slow_seconds=0.6),
        Faults(seed=4, dropped=0.2),
        Faults(seed=5, malformed=0.2),
        Faults(seed=6, server_error=0.1, rate_limited=0.05, retry_after="0", dropped=0.05, malformed=0.05, slow=0.03),
    ],
    ids=["500s", "429s", "slow", "dropped", "malformed", "mixed"],
)
def test_faults_are_retried_until_the_data_is_complete(
    fake_oneuptime_factory: Start, medium_project: FakeProject, medium_baseline: RawProject, faults: Faults
) -> None:
    fake = fake_oneuptime_factory(medium_project, faults=faults)
    raw = fetch_raw_project(config_for(fake, retries=8, timeout=0.3, backoff=0.01))
    assert raw == medium_baseline
    assert any(record.fault for record in fake.log)


@pytest.mark.parametrize(
    ("faults", "problem"),
    [
        (Faults(server_error=1.0), "server error 500: Server Error"),
        (
            Faults(dropped=1.0),
            "connection failed (RemoteProtocolError: Server disconnected without sending a response.)",
        ),
        # The timeout leaves the fake a whole second to read each try: on a busy 2-core machine
        # 0.2 s once passed before its thread read the third, which it then never counted.
        (Faults(slow=1.0, slow_seconds=2.0), "no complete answer within 1 s"),
        (Faults(malformed=1.0), "the answer was not valid JSON"),
        (Faults(rate_limited=1.0, retry_after="0"), "too many requests (429)"),
    ],
)
def test_past_the_retry_budget_a_clear_error(fake_oneuptime_factory: Start, faults: Faults, problem: str) -> None:
    targeted = Faults(**{**faults.__dict__, "resources": frozenset({"incident-public-note"})})
    fake = fake_oneuptime_factory(make_project(30, 1, seed=2), faults=targeted)
    with pytest.raises(ApiError) as caught:
        fetch_raw_project(config_for(fake, retries=2, timeout=1.0))
    assert str(caught.value) == f"OneUptime did not answer incident-public-note after 3 tries: {problem}"
    assert fake.requests["incident-public-note"] == 3
    assert fake.project.api_key not in str(caught.value)


def test_a_server_ignoring_the_query_leaks_nothing(
    fake_oneuptime_factory: Start, medium_project: FakeProject, medium_baseline: RawProject
) -> None:
    fake = fake_oneuptime_factory(medium_project, ignore_query=True)
    raw = fetch_raw_project(config_for(fake))
    text = repr(raw) + json.dumps([getattr(raw, name) for name in RawProject.__slots__], default=str)
    leaked = [canary for canary in medium_project.canaries if canary in text]
    assert not leaked
    assert "CANARY" not in text
    assert medium_project.api_key not in text
    assert raw == medium_baseline  # and nothing public is lost either


def test_wrong_credentials_against_the_fake(fake_oneuptime: FakeOneUptime) -> None:
    with pytest.raises(AuthenticationError) as caught:
        fetch_raw_project(config_for(fake_oneuptime, api_key="wrong-key-123"))
    assert str(caught.value).endswith(
        "OneUptime refused the API key (400): Invalid API Key; set ONEUPTIME_API_KEY (or --api-key-file) "
        "to an API key of this project (OneUptime: Project Settings > API Keys)"
    )
    assert "wrong-key-123" not in str(caught.value)


def test_plain_string_servers_give_the_same_rows(fake_oneuptime_factory: Start) -> None:
    project = make_project(60, 2, seed=9)
    typed = fetch_raw_project(config_for(fake_oneuptime_factory(project)))
    plain = fetch_raw_project(config_for(fake_oneuptime_factory(project, typed_values=False)))
    assert plain.status_page is typed.status_page is None  # no status page asked for
    for name in set(RawProject.__slots__) - {"status_page", "maintenance"}:
        assert ids(getattr(plain, name)) == ids(getattr(typed, name)), name
    assert plain.maintenance is not None and typed.maintenance is not None
    for name in ("events", "notes", "timelines", "states", "announcements"):
        assert ids(getattr(plain.maintenance, name)) == ids(getattr(typed.maintenance, name)), name
    assert isinstance(plain.incidents[0]["declaredAt"], str)
    assert plain.incidents[0]["currentIncidentStateId"] == typed.incidents[0]["currentIncidentStateId"]


def test_newer_and_older_servers(fake_oneuptime_factory: Start) -> None:
    newer = make_project(40, 1, seed=6)
    assert_complete(fetch_raw_project(config_for(fake_oneuptime_factory(newer))), newer)
    older = make_project(40, 1, seed=6, older_server=True)
    fake = fake_oneuptime_factory(older)
    raw = fetch_raw_project(config_for(fake))
    assert raw.episode_public_notes == []
    assert_complete(raw, older)
    # The server named incidentEpisodeId, then isPrivate, each refused once, then left out.
    assert fake.requests["incident"] == 2 + math.ceil(len(raw.incidents) / 100)


def test_many_id_batches_take_as_many_pages_as_one_query(fake_oneuptime_factory: Start) -> None:
    project = make_project(1300, 3, seed=12)  # over 1,000 shown incidents: three batches of ids
    del project.tables["incident-public-note"][::7]  # uneven notes, so batches end mid-page
    fake = fake_oneuptime_factory(project)
    raw = fetch_raw_project(config_for(fake))
    assert_complete(raw, project)
    assert len(raw.incidents) > 1000
    assert fake.requests["incident-public-note"] == math.ceil(len(raw.public_notes) / 100)
    assert fake.requests["incident-state-timeline"] == math.ceil(len(raw.state_timelines) / 100)


def test_tables_changed_between_fetches_are_seen(fake_oneuptime_factory: Start) -> None:
    """The fake keeps matched rows between pages; a change made between two fetches must show all the same."""
    project = make_project(1300, 2, seed=13)
    fake = fake_oneuptime_factory(project)
    assert_complete(fetch_raw_project(config_for(fake)), project)
    hidden = next(row for row in project.tables["incident"] if row["isVisibleOnStatusPage"] is not True)
    hidden.update(isVisibleOnStatusPage=True, isPrivate=False)  # in place: same table, same length
    shown = next(row for row in project.tables["incident"] if row["_id"] in visible_ids(project, "incident"))
    note = next(row for row in project.tables["incident-public-note"] if row["incidentId"] == shown["_id"])
    note["note"] = "Edited in place."
    raw = fetch_raw_project(config_for(fake))
    assert_complete(raw, project)
    assert hidden["_id"] in ids(raw.incidents)
    assert next(row for row in raw.public_notes if row["_id"] == note["_id"])["note"] == "Edited in place."
