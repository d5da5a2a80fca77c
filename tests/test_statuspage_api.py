"""The Statuspage v2 JSON: valid against the schema, mapped as documented, agreeing with the banner, nothing private."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import jsonschema
import lxml.html
import pytest

from generator.config import Config
from generator.model import Monitor, Severity, State
from generator.oneuptime import RawProject, fetch_raw_project
from generator.snapshot import demo_snapshot
from generator.statuspage_api import RECENT_INCIDENT_LIMIT, incident_status, page_id, severity_impacts
from generator.visibility import public_snapshot
from tests import factories as f
from tests.fake_oneuptime import FakeOneUptime, config_for, make_project
from tests.output_fixtures import (
    BASE_URL,
    CANARIES,
    CONFIG,
    ODD_NOTE,
    ODD_TITLE_CLEAN,
    empty_snapshot,
    many_incidents,
    odd_snapshot,
    private_snapshot,
    render,
)
from tests.statuspage_schema import DOCUMENTS, SCHEMA, validate

# The demo's monitors by their own names: a build of the whole project (no status page) names them.
DEMO_MONITORS = tuple(
    Monitor(monitor_id, name)
    for monitor_id, name in (
        ("mon-api", "Public API"),
        ("mon-cdn", "CDN"),
        ("mon-dashboard", "Dashboard"),
        ("mon-db-eu", "Database (EU)"),
        ("mon-email", "Email delivery"),
        ("mon-login", "Sign-in"),
        ("mon-webhooks", "Webhooks"),
    )
)
THREE_SEVERITIES = (f.CRITICAL, Severity("sev-major", "Major", order=2), f.MINOR)
# One to one (levels.py): the banner's wording and the indicator can never disagree.
INDICATOR_OF_BANNER = {"operational": {"none"}, "degraded": {"minor"}, "partial": {"major"}, "major": {"critical"}}


def banner_level(files: dict[str, bytes]) -> str:
    page = lxml.html.fromstring(files["index.html"])
    (banner,) = page.xpath('//section[@aria-label="Overall status"]')
    (level,) = [c.removeprefix("banner-") for c in banner.get("class").split() if c.startswith("banner-")]
    return str(level)


@pytest.fixture(scope="module")
def demo_files() -> dict[str, bytes]:
    return render(demo_snapshot(), Config(base_url=BASE_URL, title="Example Cloud status"))


def test_schema_is_a_valid_json_schema_and_rejects_an_extra_key() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    document = {
        "page": {"id": "x", "name": "n", "url": BASE_URL, "time_zone": "UTC", "updated_at": "2026-01-01T00:00:00Z"}
    }
    document["status"] = {"indicator": "none", "description": "ok"}
    schema = {**SCHEMA, "$ref": "#/$defs/status_document"}
    jsonschema.validate(document, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**document, "rootCause": "x"}, schema)


def test_demo_documents_validate_and_agree_with_each_other(demo_files: dict[str, bytes]) -> None:
    docs = validate(demo_files)
    status, summary = docs["api/v2/status.json"], docs["api/v2/summary.json"]
    unresolved = docs["api/v2/incidents/unresolved.json"]["incidents"]
    assert status["status"] == summary["status"] == {"indicator": "major", "description": "Partial outage"}
    assert summary["incidents"] == unresolved
    assert [incident["name"] for incident in unresolved] == ["Elevated error rates on the public API"]
    assert all(doc["page"] == status["page"] for doc in docs.values())
    assert status["page"] == {
        "id": page_id(BASE_URL),
        "name": "Example Cloud status",
        "url": BASE_URL,
        "time_zone": "UTC",
        "updated_at": "2026-11-20T14:20:00Z",  # the newest public event, not the build time
    }


def test_indicator_matches_the_html_banner(demo_files: dict[str, bytes]) -> None:
    cases = {
        "demo": demo_files,
        "empty": render(empty_snapshot()),
        "odd": render(odd_snapshot()),
        "critical ongoing": render(many_incidents(14, ongoing=7)),  # #7 is critical
        "second of two ongoing": render(many_incidents(5, ongoing=2)),
        "third of three ongoing": render(f.snapshot(f.incident(1, state_id=f.CREATED.id), severities=THREE_SEVERITIES)),
        "all resolved": render(many_incidents(5, ongoing=0)),
    }
    seen = set()
    for name, files in cases.items():
        indicator = json.loads(files["api/v2/status.json"])["status"]["indicator"]
        assert indicator in INDICATOR_OF_BANNER[banner_level(files)], name
        seen.add(indicator)
    assert seen == {"none", "minor", "major", "critical"}


def test_incident_fields_in_the_demo(demo_files: dict[str, bytes]) -> None:
    incidents = {i["name"]: i for i in json.loads(demo_files["api/v2/incidents.json"])["incidents"]}
    assert len(incidents) == len(demo_snapshot().incidents)
    webhooks = incidents["Delayed webhook deliveries"]
    assert (webhooks["status"], webhooks["impact"]) == ("resolved", "minor")
    assert webhooks["monitoring_at"] == "2026-11-19T09:30:00Z"  # the custom "Monitoring" state
    assert webhooks["resolved_at"] == "2026-11-19T10:40:00Z"
    assert webhooks["shortlink"] == f"{BASE_URL}/incidents/111/"
    assert [c["name"] for c in webhooks["components"]] == ["Webhooks"]
    updates = webhooks["incident_updates"]
    assert [u["created_at"] for u in updates] == sorted((u["created_at"] for u in updates), reverse=True)
    assert updates[-1]["id"] == "inc-111-declared" and updates[-1]["status"] == "investigating"
    assert {u["incident_id"] for u in updates} == {"inc-111"}
    note = next(u for u in updates if u["id"] == "note-008")  # posted right after "Identified"
    assert note["status"] == "identified" and note["body"]
    postmortem = incidents["Dashboard unavailable in the EU region"]
    assert (postmortem["status"], postmortem["impact"]) == ("postmortem", "critical")
    ongoing = incidents["Elevated error rates on the public API"]
    assert (ongoing["status"], ongoing["impact"], ongoing["resolved_at"]) == ("identified", "major", None)


def test_each_link_leads_to_a_page_of_the_site(demo_files: dict[str, bytes]) -> None:
    for incident in json.loads(demo_files["api/v2/incidents.json"])["incidents"]:
        path = incident["shortlink"].removeprefix(f"{BASE_URL}/")
        assert path + "index.html" in demo_files


def test_components_are_the_pages_services_in_its_groups_and_order(demo_files: dict[str, bytes]) -> None:
    components = json.loads(demo_files["api/v2/components.json"])["components"]
    assert components == json.loads(demo_files["api/v2/summary.json"])["components"]
    assert [c["position"] for c in components] == list(range(1, len(components) + 1))
    assert [(c["name"], c["group"]) for c in components] == [
        ("Core platform", True),
        ("Public API", False),
        ("Dashboard", False),
        ("Sign-in", False),
        ("Database (EU)", False),
        ("Search", False),
        ("Delivery", True),
        ("CDN", False),
        ("Email delivery", False),
        ("Webhooks", False),
    ]
    groups = {c["id"]: c for c in components if c["group"]}
    for component in components:
        if not component["group"]:
            assert component["id"] in groups[component["group_id"]]["components"]
    status = {c["name"]: c["status"] for c in components}
    # The API's monitor is Degraded now; its group takes its worst service's status.
    assert status.pop("Public API") == status.pop("Core platform") == "degraded_performance"
    assert status.pop("Database (EU)") == "under_maintenance"  # its failover test is under way
    assert set(status.values()) == {"operational"}


def test_a_project_without_a_status_page_has_a_component_per_monitor_with_the_worst_ongoing_impact() -> None:
    snapshot = replace(demo_snapshot(), status_page=None, monitors=DEMO_MONITORS)
    components = json.loads(render(snapshot)["api/v2/summary.json"])["components"]
    assert [c["position"] for c in components] == list(range(1, len(components) + 1))
    assert [c["name"] for c in components] == sorted((c["name"] for c in components), key=str.casefold)
    status = {c["name"]: c["status"] for c in components}
    assert status.pop("Public API") == "partial_outage"  # the ongoing "Major" incident
    assert set(status.values()) == {"operational"}


def test_state_mapping_by_flags_and_custom_states_by_order() -> None:
    created, ack, resolved = f.CREATED, f.ACKNOWLEDGED, f.RESOLVED  # orders 1, 2, 3
    after_ack = State("watch", "Watching", order=5)
    before_ack = State("triage", "Triage", order=1)
    states = (created, ack, resolved, after_ack, before_ack)
    assert [incident_status(s, states) for s in states] == [
        "investigating",
        "identified",
        "resolved",
        "monitoring",
        "investigating",
    ]
    no_ack = (created, resolved, after_ack)
    assert incident_status(after_ack, no_ack) == "identified"
    assert incident_status(State("", "Unknown state"), states) == "investigating"


def test_severity_mapping_by_rank() -> None:
    def ranks(*orders: int) -> list[str]:
        impacts = severity_impacts(Severity(str(o), str(o), order=o) for o in orders)
        return [impacts[o] for o in orders]

    assert ranks(1) == ["critical"]
    assert ranks(1, 3) == ["critical", "major"]
    assert ranks(1, 2, 3, 4) == ["critical", "major", "minor", "minor"]
    assert ranks(5, 5, 9) == ["critical", "critical", "major"]


def test_incidents_json_holds_the_50_most_recent_and_every_ongoing_one() -> None:
    files = render(many_incidents(500, notes_per_incident=1, ongoing=2))
    docs = validate(files)
    listed = docs["api/v2/incidents.json"]["incidents"]
    assert len(listed) == RECENT_INCIDENT_LIMIT
    assert [i["id"] for i in listed] == [f"inc-{n}" for n in range(1, 51)]
    assert [i["id"] for i in docs["api/v2/incidents/unresolved.json"]["incidents"]] == ["inc-1", "inc-2"]


def test_hostile_text_round_trips_as_data() -> None:
    files = render(odd_snapshot())
    docs = validate(files)
    incidents = {i["id"]: i for i in docs["api/v2/incidents.json"]["incidents"]}
    assert incidents["odd-1"]["name"] == ODD_TITLE_CLEAN
    notes = [u["body"] for u in incidents["odd-1"]["incident_updates"] if u["id"] == "n-1"]
    assert notes == [ODD_NOTE.replace("\x0c", "")]
    assert incidents["odd-2"]["status"] == "monitoring" and incidents["odd-2"]["impact"] == "major"
    assert docs["api/v2/status.json"]["page"]["name"] == CONFIG.title
    assert "🔥" in files["api/v2/incidents.json"].decode("utf-8")  # UTF-8, not \\u escapes


def test_empty_project() -> None:
    docs = validate(render(empty_snapshot()))
    assert docs["api/v2/status.json"]["status"] == {"indicator": "none", "description": "All systems operational"}
    assert docs["api/v2/summary.json"]["components"] == docs["api/v2/incidents.json"]["incidents"] == []
    assert docs["api/v2/status.json"]["page"]["updated_at"] == "2026-11-20T12:00:00Z"


def test_same_snapshot_same_bytes_with_sorted_keys() -> None:
    first, second = render(odd_snapshot()), render(odd_snapshot())
    for path in DOCUMENTS:
        assert first[path] == second[path]
        document = json.loads(first[path])
        assert first[path].decode() == json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def test_no_api_without_a_base_url() -> None:
    assert not [path for path in render(odd_snapshot(), Config()) if path.startswith("api/")]


def test_no_private_text_reaches_any_output_file() -> None:
    files = render(private_snapshot())
    validate(files)
    public = json.loads(files["api/v2/incidents.json"])["incidents"]
    assert sorted(i["id"] for i in public) == ["pub-1", "pub-2"]
    for path, content in files.items():
        text = content.decode("utf-8", errors="replace")
        assert not [canary for canary in CANARIES if canary in text], path


def test_no_canary_of_a_realistic_project_reaches_feeds_or_json_even_if_the_server_ignores_queries() -> None:
    project = make_project(60, 3, seed=7, private_canaries=True)
    with FakeOneUptime(project, ignore_query=True) as fake:
        raw = fetch_raw_project(config_for(fake))
    files = render(public_snapshot(raw, f.TAKEN_AT))
    # favicon.png is pixels of the status colour only: no text to look for canaries in.
    machine_readable = {
        p: c for p, c in files.items() if not p.endswith((".html", ".png")) and not p.startswith("static/")
    }
    assert {"feed.rss", "api/v2/summary.json", "sitemap.xml", "badge.svg"} <= set(machine_readable)
    validate(files)
    for path, content in machine_readable.items():
        text = content.decode("utf-8")
        assert project.canaries and not [canary for canary in project.canaries if canary in text], path


def ranked_project(ongoing_severity: str, ongoing_state: str) -> dict[str, Any]:
    """A project of three severities and four states where only one of each is in use, through public_snapshot."""
    rows = RawProject(
        incidents=[
            {
                "_id": "only",
                "title": "Slow dashboard",
                "isVisibleOnStatusPage": True,
                "isPrivate": False,
                "declaredAt": "2026-01-05T10:00:00.000Z",
                "currentIncidentStateId": ongoing_state,
                "incidentSeverityId": ongoing_severity,
            }
        ],
        episodes=[],
        episode_members=[],
        public_notes=[],
        state_timelines=[],
        states=[
            {"_id": "created", "name": "Investigating", "order": 1, "isCreatedState": True},
            {"_id": "ack", "name": "Identified", "order": 2, "isAcknowledgedState": True},
            {"_id": "monitoring", "name": "Monitoring", "order": 3},
            {"_id": "resolved", "name": "Resolved", "order": 4, "isResolvedState": True},
        ],
        severities=[
            {"_id": "critical", "name": "Critical", "order": 1},
            {"_id": "major", "name": "Major", "order": 2},
            {"_id": "minor", "name": "Minor", "order": 3},
        ],
        monitors=[],
        episode_public_notes=[],
    )
    files = render(public_snapshot(rows, datetime(2026, 1, 5, 12, tzinfo=UTC)))
    return {"files": files, **validate(files)}


@pytest.mark.parametrize(
    ("severity", "indicator", "banner"),
    [("minor", "minor", "degraded"), ("major", "major", "partial"), ("critical", "critical", "major")],
)
def test_a_lone_incident_is_ranked_among_all_the_projects_severities(
    severity: str, indicator: str, banner: str
) -> None:
    project = ranked_project(severity, "created")
    assert project["api/v2/status.json"]["status"]["indicator"] == indicator
    assert banner_level(project["files"]) == banner


def test_a_custom_state_after_acknowledged_is_monitoring_even_when_no_incident_was_acknowledged() -> None:
    project = ranked_project("minor", "monitoring")
    assert [i["status"] for i in project["api/v2/incidents.json"]["incidents"]] == ["monitoring"]


def test_a_state_ordered_after_resolved_is_resolved_in_every_output() -> None:
    """IncidentStateService.getUnresolvedIncidentStates: order at or after the resolved state's is resolved."""
    from generator.oneuptime import RawProject
    from generator.visibility import public_snapshot

    states = [
        {"_id": "s-created", "name": "Created", "order": 1, "isCreatedState": True},
        {"_id": "s-resolved", "name": "Resolved", "order": 3, "isResolvedState": True},
        {"_id": "s-closed", "name": "Closed", "order": 4},  # a custom state after Resolved
    ]
    incident = {
        "_id": "i-closed",
        "title": "Closed after resolving",
        "incidentNumber": 7,
        "declaredAt": "2026-01-05T10:00:00.000Z",
        "currentIncidentStateId": "s-closed",
        "incidentSeverityId": "sev-critical",
        "isVisibleOnStatusPage": True,
        "isPrivate": False,
    }
    timeline = [
        {"_id": "t1", "incidentId": "i-closed", "incidentStateId": "s-created", "startsAt": "2026-01-05T10:00:00Z"},
        {"_id": "t2", "incidentId": "i-closed", "incidentStateId": "s-closed", "startsAt": "2026-01-05T11:30:00Z"},
    ]
    severities = [{"_id": "sev-critical", "name": "Critical", "order": 1}]
    raw = RawProject([incident], [], [], [], timeline, states, severities, [])
    snapshot = public_snapshot(raw, datetime(2026, 1, 10, tzinfo=UTC))
    assert {s.id: s.is_resolved for s in snapshot.states} == {
        "s-created": False,
        "s-resolved": True,
        "s-closed": True,
    }
    files = render(snapshot, CONFIG)
    documents = validate(files)
    assert banner_level(files) == "operational"
    assert documents["api/v2/status.json"]["status"]["indicator"] == "none"
    assert documents["api/v2/incidents/unresolved.json"]["incidents"] == []
    (listed,) = documents["api/v2/incidents.json"]["incidents"]
    assert (listed["status"], listed["resolved_at"]) == ("resolved", "2026-01-05T11:30:00Z")
    page = lxml.html.fromstring(files["incidents/7/index.html"])
    assert "1 h 30 min" in page.text_content()  # the duration ends where it was closed


def test_the_feed_and_the_json_leave_out_the_same_declaring_state_change() -> None:
    """Derived once in the plan: two created-state changes at one moment, the first by id is the declaration."""
    import feedparser

    same_moment = [
        f.state_change("b-created-again", 2, f.CREATED),
        f.state_change("a-created", 2, f.CREATED),
        f.note("n1", 1, "Looking into it."),
    ]
    snapshot = f.snapshot(f.incident(1, updates=tuple(same_moment), state_id=f.CREATED.id))
    files = render(snapshot, CONFIG)
    (incident,) = validate(files)["api/v2/incidents.json"]["incidents"]
    json_ids = {update["id"] for update in incident["incident_updates"]}
    feed_ids = {entry.link.rsplit("#", 1)[-1] for entry in feedparser.parse(files["incidents/1/feed.atom"]).entries}
    assert "a-created" not in json_ids and "b-created-again" in json_ids
    assert "update-a-created" not in feed_ids and "update-b-created-again" in feed_ids
