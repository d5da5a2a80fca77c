"""Projects whose every typed field holds a payload of the XSS corpus: as model objects and as fake-server rows."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from generator.model import Episode, Incident, Monitor, Postmortem, Severity, Snapshot, State, Update, UpdateKind
from generator.text import clean_text
from tests import factories as f
from tests.fake_oneuptime import BASE_TIME, Color, FakeProject, ObjectID

EPISODE_SIZE = 6
STATE_KINDS = ("created", "acknowledged", "resolved")


def _state_kind(index: int) -> str:
    return STATE_KINDS[index % 3]


def model_snapshot(payloads: list[str]) -> Snapshot:
    """Payload i is the title, description, note, postmortem, state, severity and monitor name of incident i+1;
    every sixth payload names an episode too. Text is cleaned as visibility.py cleans it (a Snapshot's contract)."""
    texts = [clean_text(text) for text in payloads]
    count = len(texts)
    states, severities, monitors, incidents = [], [], [], []
    for i, text in enumerate(texts):
        kind = _state_kind(i)
        state = State(
            f"st-{i}",
            text,
            order=STATE_KINDS.index(kind) + 1,
            is_created=kind == "created",
            is_acknowledged=kind == "acknowledged",
            is_resolved=kind == "resolved",
        )
        states.append(state)
        severities.append(Severity(f"sev-{i}", text, order=i + 1))
        monitors.append(Monitor(f"mon-{i}", text))
        declared = f.at(3 * i + 2)
        updates = [
            Update(f"s{i}", UpdateKind.STATE, declared, state_id=state.id),
            Update(f"n{i}", UpdateKind.NOTE, declared + timedelta(minutes=10), note=text),
            Update(f"m{i}", UpdateKind.NOTE, declared + timedelta(minutes=20), note=texts[(i + 3) % count]),
        ]
        resolved = kind == "resolved"
        incidents.append(
            Incident(
                id=f"inc-{i}",
                title=text,
                declared_at=declared,
                state_id=state.id,
                severity_id=f"sev-{i}",
                number=i + 1,
                number_label=text if i % 5 == 0 else None,
                description=text + "\n\n" + texts[(i + 7) % count],
                monitor_ids=(f"mon-{i}", f"mon-{(i + 1) % count}"),
                episode_id=f"ep-{i // EPISODE_SIZE}",
                updates=tuple(updates),
                postmortem=Postmortem(text, declared + timedelta(hours=1)) if resolved else None,
            )
        )
    episodes = [
        Episode(
            id=f"ep-{j}",
            title=texts[(EPISODE_SIZE * j + 1) % count],
            declared_at=f.at(3 * EPISODE_SIZE * j + 2),
            state_id=f"st-{EPISODE_SIZE * j}",
            severity_id=f"sev-{EPISODE_SIZE * j}",
            number=j + 1,
            number_label=texts[(EPISODE_SIZE * j + 4) % count] if j % 2 else None,
            description=texts[(EPISODE_SIZE * j + 2) % count],
            incident_ids=tuple(f"inc-{i}" for i in range(EPISODE_SIZE * j, min(EPISODE_SIZE * (j + 1), count))),
            updates=(
                Update(
                    f"e{j}", UpdateKind.NOTE, f.at(3 * EPISODE_SIZE * j), note=texts[(EPISODE_SIZE * j + 3) % count]
                ),
            ),
        )
        for j in range((count + EPISODE_SIZE - 1) // EPISODE_SIZE)
    ]
    return Snapshot(
        taken_at=f.TAKEN_AT,
        states=tuple(states),
        severities=tuple(severities),
        monitors=tuple(monitors),
        incidents=tuple(incidents),
        episodes=tuple(episodes),
    )


def fake_project(
    payloads: list[str], project_id: str = "hostile-project", api_key: str = "9e1f7c3a-5b2d-4c6e-8f0a-0000000b0571"
) -> FakeProject:
    """The same idea as raw rows on the fake server, uncleaned: the client and visibility.py must cope."""
    tables: dict[str, list[dict[str, Any]]] = {
        name: []
        for name in (
            "incident",
            "incident-episode",
            "incident-episode-member",
            "incident-public-note",
            "incident-episode-public-note",
            "incident-state-timeline",
            "incident-state",
            "incident-severity",
            "monitor",
        )
    }
    count = len(payloads)
    start = BASE_TIME + timedelta(days=300)
    for i, text in enumerate(payloads):
        kind = _state_kind(i)
        tables["incident-state"].append(
            {"_id": f"st-{i}", "name": text, "color": Color("#123456"), "order": STATE_KINDS.index(kind) + 1,
             "isCreatedState": kind == "created", "isAcknowledgedState": kind == "acknowledged",
             "isResolvedState": kind == "resolved", "createdAt": start}
        )  # fmt: skip
        tables["incident-severity"].append(
            {"_id": f"sev-{i}", "name": text, "color": Color("#654321"), "order": i + 1, "createdAt": start}
        )
        tables["monitor"].append({"_id": f"mon-{i}", "name": text, "createdAt": start})
        declared = start + timedelta(hours=3 * i)
        episode_id = f"ep-{i // EPISODE_SIZE}"
        tables["incident"].append(
            {
                "_id": f"inc-{i}",
                "title": text,
                "description": text + "\n\n" + payloads[(i + 7) % count],
                "declaredAt": declared,
                "createdAt": declared,
                "updatedAt": declared,
                "slug": text,
                "incidentNumber": i + 1,
                "incidentNumberWithPrefix": text if i % 5 == 0 else f"INC-{i + 1}",
                "currentIncidentStateId": ObjectID(f"st-{i}"),
                "incidentSeverityId": ObjectID(f"sev-{i}"),
                "isVisibleOnStatusPage": True,
                "isPrivate": False,
                "showPostmortemOnStatusPage": kind == "resolved",
                "postmortemNote": text,
                "postmortemPostedAt": declared + timedelta(hours=1),
                "incidentEpisodeId": ObjectID(episode_id),
                "monitors": [ObjectID(f"mon-{i}"), ObjectID(f"mon-{(i + 1) % count}")],
            }
        )
        tables["incident-episode-member"].append(
            {"_id": f"mem-{i}", "incidentEpisodeId": ObjectID(episode_id), "incidentId": ObjectID(f"inc-{i}"),
             "createdAt": declared}
        )  # fmt: skip
        for suffix, minutes, note in (("n", 10, text), ("m", 20, payloads[(i + 3) % count])):
            at = declared + timedelta(minutes=minutes)
            tables["incident-public-note"].append(
                {
                    "_id": f"{suffix}{i}",
                    "incidentId": ObjectID(f"inc-{i}"),
                    "note": note,
                    "postedAt": at,
                    "createdAt": at,
                }
            )
        tables["incident-state-timeline"].append(
            {"_id": f"s{i}", "incidentId": ObjectID(f"inc-{i}"), "incidentStateId": ObjectID(f"st-{i}"),
             "startsAt": declared, "endsAt": None, "createdAt": declared}
        )  # fmt: skip
    for j in range((count + EPISODE_SIZE - 1) // EPISODE_SIZE):
        declared = start + timedelta(hours=3 * EPISODE_SIZE * j)
        tables["incident-episode"].append(
            {
                "_id": f"ep-{j}",
                "title": payloads[(EPISODE_SIZE * j + 1) % count],
                "description": payloads[(EPISODE_SIZE * j + 2) % count],
                "episodeNumber": j + 1,
                "episodeNumberWithPrefix": payloads[(EPISODE_SIZE * j + 4) % count],
                "currentIncidentStateId": ObjectID(f"st-{EPISODE_SIZE * j}"),
                "incidentSeverityId": ObjectID(f"sev-{EPISODE_SIZE * j}"),
                "declaredAt": declared,
                "resolvedAt": None,
                "incidentCount": EPISODE_SIZE,
                "isVisibleOnStatusPage": True,
                "isPrivate": False,
                "createdAt": declared,
            }
        )
        tables["incident-episode-public-note"].append(
            {"_id": f"e{j}", "incidentEpisodeId": ObjectID(f"ep-{j}"),
             "note": payloads[(EPISODE_SIZE * j + 3) % count], "postedAt": declared, "createdAt": declared}
        )  # fmt: skip
    return FakeProject(project_id, api_key, tables)
