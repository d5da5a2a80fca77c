"""Only public data crosses into the Snapshot, whatever the server sends."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Any

from generator.model import UpdateKind
from generator.oneuptime import RawProject
from generator.snapshot import snapshot_to_json
from generator.visibility import public_snapshot

TAKEN_AT = datetime(2026, 1, 10, tzinfo=UTC)


def raw(**rows: list[dict[str, Any]]) -> RawProject:
    return RawProject(
        **{
            item.name: rows.get(item.name, [])
            for item in dataclasses.fields(RawProject)
            if item.name not in ("status_page", "maintenance")
        }
    )


def incident_row(identifier: str, **fields: Any) -> dict[str, Any]:
    row = {
        "_id": identifier,
        "title": f"Title {identifier}",
        "declaredAt": "2026-01-05T10:00:00.000Z",
        "currentIncidentStateId": "s1",
        "incidentSeverityId": "v1",
        "isVisibleOnStatusPage": True,
        "isPrivate": False,
    }
    row.update(fields)
    return row


def test_only_exactly_true_visibility_publishes() -> None:
    snapshot = public_snapshot(
        raw(
            incidents=[
                incident_row("a"),
                incident_row("b", isVisibleOnStatusPage=False),
                incident_row("c", isVisibleOnStatusPage=None),
                incident_row("d", isVisibleOnStatusPage="true"),
                incident_row("e", isPrivate=True),
            ]
        ),
        TAKEN_AT,
    )
    assert [i.id for i in snapshot.incidents] == ["a"]


def test_private_fields_sent_anyway_are_never_copied() -> None:
    row = incident_row("a", rootCause="ROOT-CANARY", remediationNotes="REM-CANARY", customFields={"x": "CF-CANARY"})
    text = snapshot_to_json(public_snapshot(raw(incidents=[row]), TAKEN_AT))
    assert "CANARY" not in text


def test_notes_and_timelines_of_private_incidents_are_dropped() -> None:
    snapshot = public_snapshot(
        raw(
            incidents=[incident_row("a"), incident_row("p", isVisibleOnStatusPage=False)],
            public_notes=[
                {"_id": "n1", "incidentId": "a", "note": "public", "postedAt": "2026-01-05T11:00:00Z"},
                {"_id": "n2", "incidentId": "p", "note": "PRIVATE-NOTE", "postedAt": "2026-01-05T11:00:00Z"},
            ],
            state_timelines=[
                {"_id": "t1", "incidentId": "a", "incidentStateId": "s1", "startsAt": "2026-01-05T10:00:00Z"},
                {
                    "_id": "t2",
                    "incidentId": "p",
                    "incidentStateId": "s1",
                    "startsAt": "2026-01-05T10:00:00Z",
                    "rootCause": "TL-CANARY",
                },
            ],
        ),
        TAKEN_AT,
    )
    (incident,) = snapshot.incidents
    assert [(u.id, u.kind) for u in incident.updates] == [("t1", UpdateKind.STATE), ("n1", UpdateKind.NOTE)]
    assert "PRIVATE-NOTE" not in snapshot_to_json(snapshot) and "TL-CANARY" not in snapshot_to_json(snapshot)


def test_postmortem_needs_the_switch_a_posting_date_in_the_past_and_text() -> None:
    rows = [
        incident_row(
            "shown", showPostmortemOnStatusPage=True, postmortemNote="ok", postmortemPostedAt="2026-01-06T00:00:00Z"
        ),
        incident_row(
            "switch-off",
            showPostmortemOnStatusPage=False,
            postmortemNote="PM-1",
            postmortemPostedAt="2026-01-06T00:00:00Z",
        ),
        incident_row("not-posted", showPostmortemOnStatusPage=True, postmortemNote="PM-2"),
        incident_row(
            "future", showPostmortemOnStatusPage=True, postmortemNote="PM-3", postmortemPostedAt="2026-02-01T00:00:00Z"
        ),
        incident_row(
            "blank", showPostmortemOnStatusPage=True, postmortemNote="  ", postmortemPostedAt="2026-01-06T00:00:00Z"
        ),
    ]
    snapshot = public_snapshot(raw(incidents=rows), TAKEN_AT)
    published = {i.id: i.postmortem for i in snapshot.incidents}
    assert published["shown"] is not None and published["shown"].posted_at == datetime(2026, 1, 6, tzinfo=UTC)
    assert [k for k, v in published.items() if v is not None] == ["shown"]
    assert "PM-" not in snapshot_to_json(snapshot)


def test_private_episode_members_are_left_out_entirely() -> None:
    snapshot = public_snapshot(
        raw(
            incidents=[incident_row("a"), incident_row("secret", title="SECRET-MEMBER", isVisibleOnStatusPage=False)],
            episodes=[
                {
                    "_id": "e1",
                    "title": "Ep",
                    "isVisibleOnStatusPage": True,
                    "isPrivate": False,
                    "declaredAt": "2026-01-05T00:00:00Z",
                },
                {"_id": "e2", "title": "PRIVATE-EP", "isVisibleOnStatusPage": False},
            ],
            episode_members=[
                {"incidentEpisodeId": "e1", "incidentId": "a"},
                {"incidentEpisodeId": "e1", "incidentId": "secret"},
                {"incidentEpisodeId": "e2", "incidentId": "a"},
            ],
        ),
        TAKEN_AT,
    )
    (episode,) = snapshot.episodes
    assert episode.incident_ids == ("a",)
    assert snapshot.incidents[0].episode_id == "e1"
    assert "SECRET" not in snapshot_to_json(snapshot) and "PRIVATE-EP" not in snapshot_to_json(snapshot)


def test_unused_states_and_severities_keep_their_rank_but_not_their_name() -> None:
    snapshot = public_snapshot(
        raw(
            incidents=[incident_row("a", monitors=[{"_id": "m1", "name": "API"}])],
            states=[
                {"_id": "s1", "name": "Investigating", "isCreatedState": True, "color": "#f00"},
                {"_id": "s9", "name": "INTERNAL-STATE", "order": 4, "isAcknowledgedState": True, "color": "#0f0"},
            ],
            severities=[
                {"_id": "v1", "name": "Minor", "order": 3},
                {"_id": "v9", "name": "INTERNAL-SEV", "order": 1, "color": "#00f"},
            ],
            monitors=[{"_id": "m1", "name": "API"}, {"_id": "m2", "name": "INTERNAL-MONITOR"}],
        ),
        TAKEN_AT,
    )
    assert [(s.id, s.name, s.color, s.is_acknowledged) for s in snapshot.states] == [
        ("s1", "Investigating", "#f00", False),
        ("s9", "", None, True),
    ]
    assert [(s.id, s.name, s.order) for s in snapshot.severities] == [("v9", "", 1), ("v1", "Minor", 3)]
    assert [m.name for m in snapshot.monitors] == ["API"]
    assert "INTERNAL" not in snapshot_to_json(snapshot)


def test_odd_shapes_still_give_a_sensible_snapshot() -> None:
    snapshot = public_snapshot(
        raw(
            incidents=[
                {"_id": "x", "isVisibleOnStatusPage": True, "isPrivate": False, "title": None, "incidentNumber": 7},
                {"_id": "x", "isVisibleOnStatusPage": True, "isPrivate": False, "title": "duplicate id"},
                {"isVisibleOnStatusPage": True, "isPrivate": False, "title": "no id"},
                incident_row("y", declaredAt={"not": "a date"}, createdAt="2026-01-02T00:00:00Z", title="  "),
            ]
        ),
        TAKEN_AT,
    )
    titles = {i.id: i.title for i in snapshot.incidents}
    assert titles == {"x": "Incident 7", "y": "Untitled incident"}
    assert {i.id: i.declared_at for i in snapshot.incidents}["y"] == datetime(2026, 1, 2, tzinfo=UTC)


def test_episode_public_notes_of_visible_episodes_only() -> None:
    snapshot = public_snapshot(
        raw(
            episodes=[
                {
                    "_id": "e1",
                    "title": "Ep",
                    "isVisibleOnStatusPage": True,
                    "isPrivate": False,
                    "declaredAt": "2026-01-05T00:00:00Z",
                },
                {"_id": "e2", "title": "Hidden", "isVisibleOnStatusPage": False},
            ],
            episode_public_notes=[
                {"_id": "en1", "incidentEpisodeId": "e1", "note": "We are on it", "postedAt": "2026-01-05T01:00:00Z"},
                {"_id": "en1", "incidentEpisodeId": "e1", "note": "duplicate", "postedAt": "2026-01-05T01:00:00Z"},
                {"_id": "en2", "incidentEpisodeId": "e2", "note": "HIDDEN-EP-NOTE", "postedAt": "2026-01-05T01:00:00Z"},
            ],
        ),
        TAKEN_AT,
    )
    (episode,) = snapshot.episodes
    assert [(u.id, u.note) for u in episode.updates] == [("en1", "We are on it")]
    assert "HIDDEN-EP-NOTE" not in snapshot_to_json(snapshot)


def test_titles_and_names_lose_bidi_controls() -> None:
    snapshot = public_snapshot(
        raw(
            incidents=[incident_row("a", title="Database \u202eevil\u202c", monitors=[{"_id": "m"}])],
            monitors=[{"_id": "m", "name": "\u2066API\u2069"}],
        ),
        TAKEN_AT,
    )
    (incident,) = snapshot.incidents
    assert incident.title == "Database evil"
    assert [m.name for m in snapshot.monitors] == ["API"]


def test_a_status_page_of_odd_rows_publishes_only_what_is_well_formed() -> None:
    from generator.oneuptime.rows import RawStatusPage

    odd: Any = {"nested": "object"}
    start, end = datetime(2026, 8, 22, tzinfo=UTC), datetime(2026, 11, 20, tzinfo=UTC)
    page = RawStatusPage(
        page={
            "_id": "page",
            "pageTitle": odd,
            "name": "Fallback",
            "isPublicStatusPage": "true",
            "showIncidentsOnStatusPage": "yes",
            "showUptimeHistoryInDays": 500,
            "defaultBarColor": "red",
            "downtimeMonitorStatuses": [{"_id": "down"}, odd, 3],
        },
        resources=[
            {
                "_id": "r1",
                "monitorId": "m1",
                "displayName": odd,
                "order": "2",
                "statusPageGroupId": "no-such-group",
                "showUptimePercent": "yes",
                "uptimePercentPrecision": "99.99% (Two Decimal)",
            },
            {"_id": "r2", "monitorId": odd, "displayName": "No monitor"},
            {"_id": "r3", "monitorGroupId": "g1", "displayName": "\u202eGroup\u202c", "order": 1},
        ],
        groups=[{"_id": "grp", "name": odd, "parentStatusPageGroupId": odd}],
        group_members=[{"monitorGroupId": "g1", "monitorId": "m2"}, {"monitorGroupId": odd, "monitorId": "m3"}],
        statuses=[{"_id": "down", "name": "Down", "color": "javascript:x", "priority": "high"}],
        monitors=[{"_id": "m1", "currentMonitorStatusId": odd}, {"_id": "m2", "currentMonitorStatusId": "down"}],
        timelines=[
            {"_id": "t1", "monitorId": "m1", "monitorStatusId": "down", "startsAt": "not a date"},
            {"_id": "t2", "monitorId": "m1", "monitorStatusId": "down", "startsAt": "2026-11-01T00:00:00Z"},
            {"_id": "t3", "monitorId": "m9", "monitorStatusId": "down", "startsAt": "2026-11-01T00:00:00Z"},
        ],
        bar_rules=[{"_id": "b", "barColor": "#0f0", "uptimePercentGreaterThanOrEqualTo": "99"}],
        window_start=start,
        window_end=end,
    )
    snapshot = public_snapshot(dataclasses.replace(raw(), status_page=page), end)
    published = snapshot.status_page
    assert published is not None
    assert (published.title, published.is_public, published.show_incidents) == ("Fallback", False, False)
    assert (published.uptime_days, published.default_bar_color, published.downtime_status_ids) == (90, None, ("down",))
    assert [(s.id, s.name, s.group_id, s.order, s.monitor_ids) for s in published.services] == [
        ("r3", "Group", None, 1, ("m2",)),
        ("r1", "Unnamed service", None, 2, ("m1",)),
    ]
    assert not published.services[1].show_uptime_percent  # "yes" is not true
    assert [(g.name, g.parent_id) for g in published.groups] == [("Unnamed group", None)]
    assert [(s.name, s.color, s.priority) for s in published.monitor_statuses] == [("Down", None, 0)]
    assert [(c.monitor_id, c.status_id) for c in published.current_statuses] == [("m2", "down")]
    assert [p.id for p in published.status_periods] == ["t2"]
    assert published.bar_color_rules == ()  # a threshold that is no number
