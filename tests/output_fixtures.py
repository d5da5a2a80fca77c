"""Snapshots that machine-readable outputs must survive: empty, hostile text, many incidents, private canaries.

Hostile text goes in as raw API rows through visibility.public_snapshot, the
way real data does, so control characters are cleaned where they really are.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
from datetime import timedelta
from typing import Any

import pytest

from generator.build import render_site
from generator.config import Config
from generator.model import Snapshot
from generator.oneuptime import RawProject
from generator.visibility import public_snapshot
from tests import factories as f

BASE_URL = "https://status.example.com"
CONFIG = Config(base_url=BASE_URL, title="Example & <Co> status 🚦")

# Titles a feed or JSON file must carry unchanged (control characters aside).
ODD_TITLE = "<b>Login</b> & sign-up \"broken\" 🔥 for 'some' users\x00\x07\x1b"
ODD_TITLE_CLEAN = "<b>Login</b> & sign-up \"broken\" 🔥 for 'some' users"
ODD_NOTE = "Fix for `a < b && c > d` rolled out 🚀\x0c **now** <script>alert(1)</script>"
ODD_STATE = "Ack & <looking>"

# Text of every private field in private_snapshot(): none may appear in any output.
CANARIES = (
    "CANARY-HIDDEN-TITLE",
    "CANARY-HIDDEN-NOTE",
    "CANARY-PRIVATE-FLAG",
    "CANARY-ROOT-CAUSE",
    "CANARY-REMEDIATION",
    "CANARY-CUSTOM-FIELD",
    "CANARY-LABEL",
    "CANARY-INTERNAL-NOTE",
    "CANARY-UNPUBLISHED-POSTMORTEM",
    "CANARY-FUTURE-POSTMORTEM",
    "CANARY-HIDDEN-EPISODE",
    "CANARY-HIDDEN-MEMBER",
    "CANARY-STATE-LOG",
    "CANARY-UNUSED-MONITOR",
    "CANARY-UNUSED-SEVERITY",
)


def render(snapshot: Snapshot, config: Config = CONFIG) -> dict[str, bytes]:
    return render_site(snapshot, config, f.TAKEN_AT)


def empty_snapshot() -> Snapshot:
    return f.snapshot()


def raw(**rows: list[dict[str, Any]]) -> RawProject:
    return RawProject(
        **{
            item.name: rows.get(item.name, [])
            for item in dataclasses.fields(RawProject)
            if item.name not in ("status_page", "maintenance")
        }
    )


def _iso(hours_before: float) -> str:
    return (f.TAKEN_AT - timedelta(hours=hours_before)).isoformat().replace("+00:00", "Z")


def _lookups() -> dict[str, list[dict[str, Any]]]:
    return {
        "states": [
            {"_id": "s-created", "name": "Investigating", "order": 1, "isCreatedState": True},
            {"_id": "s-ack", "name": ODD_STATE, "order": 2, "isAcknowledgedState": True},
            {"_id": "s-watch", "name": "Monitoring", "order": 3},
            {"_id": "s-resolved", "name": "Resolved", "order": 4, "isResolvedState": True},
        ],
        "severities": [
            {"_id": "v-critical", "name": "Critical", "order": 1},
            {"_id": "v-major", "name": "Major", "order": 2},
            {"_id": "v-minor", "name": "Minor", "order": 3},
            {"_id": "v-unused", "name": "CANARY-UNUSED-SEVERITY", "order": 4},
        ],
        "monitors": [
            {"_id": "m-api", "name": "API & <edge> 🌍"},
            {"_id": "m-unused", "name": "CANARY-UNUSED-MONITOR"},
        ],
    }


def odd_snapshot() -> Snapshot:
    """Two visible incidents whose public text holds markup characters, emoji and control characters."""
    incidents = [
        {
            "_id": "odd-1",
            "incidentNumber": 1,
            "title": ODD_TITLE,
            "description": "It *broke* & we <noticed>\x08.",
            "declaredAt": _iso(5),
            "currentIncidentStateId": "s-resolved",
            "incidentSeverityId": "v-critical",
            "isVisibleOnStatusPage": True,
            "isPrivate": False,
            "monitors": [{"_id": "m-api", "name": "API & <edge> 🌍"}],
            "showPostmortemOnStatusPage": True,
            "postmortemNote": "Root & <branch> 🌳",
            "postmortemPostedAt": _iso(1),
        },
        {
            "_id": "odd-2",
            "incidentNumber": 2,
            "title": "Ongoing ☃ <still> & on",
            "declaredAt": _iso(2),
            "currentIncidentStateId": "s-watch",
            "incidentSeverityId": "v-major",
            "isVisibleOnStatusPage": True,
            "isPrivate": False,
            "monitors": [{"_id": "m-api", "name": "API & <edge> 🌍"}],
        },
    ]
    notes = [
        {"_id": "n-1", "incidentId": "odd-1", "note": ODD_NOTE, "postedAt": _iso(4.5)},
        {"_id": "n-2", "incidentId": "odd-2", "note": "Watching 👀 & <waiting>", "postedAt": _iso(1.5)},
    ]
    timelines = [
        {"_id": "t-1", "incidentId": "odd-1", "incidentStateId": "s-created", "startsAt": _iso(5)},
        {"_id": "t-2", "incidentId": "odd-1", "incidentStateId": "s-ack", "startsAt": _iso(4.8)},
        {"_id": "t-3", "incidentId": "odd-1", "incidentStateId": "s-resolved", "startsAt": _iso(4)},
        {"_id": "t-4", "incidentId": "odd-2", "incidentStateId": "s-created", "startsAt": _iso(2)},
        {"_id": "t-5", "incidentId": "odd-2", "incidentStateId": "s-watch", "startsAt": _iso(1.8)},
    ]
    rows = raw(incidents=incidents, public_notes=notes, state_timelines=timelines, **_lookups())
    return public_snapshot(rows, f.TAKEN_AT)


def private_snapshot() -> Snapshot:
    """A project whose every private field and hidden row holds a canary from CANARIES."""
    visible = {
        "_id": "pub-1",
        "incidentNumber": 1,
        "title": "Public incident",
        "description": "Public description.",
        "declaredAt": _iso(6),
        "currentIncidentStateId": "s-ack",
        "incidentSeverityId": "v-critical",
        "isVisibleOnStatusPage": True,
        "isPrivate": False,
        "monitors": [{"_id": "m-api", "name": "API & <edge> 🌍"}],
        "rootCause": "CANARY-ROOT-CAUSE",
        "remediationNotes": "CANARY-REMEDIATION",
        "customFields": {"secret": "CANARY-CUSTOM-FIELD"},
        "labels": [{"name": "CANARY-LABEL"}],
        "showPostmortemOnStatusPage": False,
        "postmortemNote": "CANARY-UNPUBLISHED-POSTMORTEM",
        "postmortemPostedAt": _iso(1),
        "incidentEpisodeId": "ep-public",
    }
    future = {
        **visible,
        "_id": "pub-2",
        "incidentNumber": 2,
        "title": "Another public incident",
        "rootCause": "CANARY-ROOT-CAUSE",
        "showPostmortemOnStatusPage": True,
        "postmortemNote": "CANARY-FUTURE-POSTMORTEM",
        "postmortemPostedAt": (f.TAKEN_AT + timedelta(days=1)).isoformat(),
    }
    hidden = {**visible, "_id": "hidden-1", "incidentNumber": 3, "title": "CANARY-HIDDEN-TITLE"}
    hidden["isVisibleOnStatusPage"] = False
    hidden_member = {**hidden, "_id": "hidden-2", "incidentNumber": 4, "title": "CANARY-HIDDEN-MEMBER"}
    private_flag = {
        **visible,
        "_id": "private-1",
        "incidentNumber": 5,
        "title": "CANARY-PRIVATE-FLAG",
        "isPrivate": True,
    }
    episodes = [
        {"_id": "ep-public", "title": "Public episode", "declaredAt": _iso(6), "isVisibleOnStatusPage": True,
         "rootCause": "CANARY-ROOT-CAUSE", "currentIncidentStateId": "s-ack", "incidentSeverityId": "v-major"},
        {"_id": "ep-hidden", "title": "CANARY-HIDDEN-EPISODE", "declaredAt": _iso(6), "isVisibleOnStatusPage": False},
    ]  # fmt: skip
    members = [
        {"incidentEpisodeId": "ep-public", "incidentId": "pub-1"},
        {"incidentEpisodeId": "ep-public", "incidentId": "hidden-2"},
        {"incidentEpisodeId": "ep-hidden", "incidentId": "pub-2"},
    ]
    notes = [
        {"_id": "n-pub", "incidentId": "pub-1", "note": "Public note.", "postedAt": _iso(5)},
        {"_id": "n-hidden", "incidentId": "hidden-1", "note": "CANARY-HIDDEN-NOTE", "postedAt": _iso(5)},
    ]
    timelines = [
        {"_id": "t-pub", "incidentId": "pub-1", "incidentStateId": "s-ack", "startsAt": _iso(5.5),
         "rootCause": "CANARY-ROOT-CAUSE", "stateChangeLog": {"log": "CANARY-STATE-LOG"}},
        {"_id": "t-hidden", "incidentId": "hidden-1", "incidentStateId": "s-ack", "startsAt": _iso(5.5)},
    ]  # fmt: skip
    rows = raw(
        incidents=[visible, future, hidden, hidden_member, private_flag],
        episodes=episodes,
        episode_members=members,
        public_notes=notes,
        state_timelines=timelines,
        **_lookups(),
    )
    return public_snapshot(rows, f.TAKEN_AT)


def many_incidents(count: int, notes_per_incident: int = 5, ongoing: int = 2) -> Snapshot:
    """`count` incidents a few hours apart, each declared, noted and resolved; the newest `ongoing` still open."""
    incidents = []
    for n in range(1, count + 1):
        start = 3.0 * n
        updates = [f.state_change(f"u{n}-created", start, f.CREATED)]
        updates += [
            f.note(f"u{n}-note{k}", start - 0.1 * k, f"Update {k} on *incident* {n}")
            for k in range(1, notes_per_incident + 1)
        ]
        if n > ongoing:
            updates.append(f.state_change(f"u{n}-resolved", start - 0.1 * (notes_per_incident + 1), f.RESOLVED))
        state = f.CREATED if n <= ongoing else f.RESOLVED
        severity = f.CRITICAL if n % 7 == 0 else f.MINOR
        incidents.append(
            f.incident(n, declared_at=f.at(start), updates=tuple(updates), state_id=state.id, severity_id=severity.id)
        )
    return f.snapshot(*incidents)


def have_xmllint() -> bool:
    """Whether xmllint can run; under CI its absence is a failure, never a silent skip."""
    if shutil.which("xmllint"):
        return True
    if os.environ.get("CI"):
        pytest.fail("xmllint (libxml2-utils) is not installed, and CI must run it")
    return False


def xmllint(paths: list[str]) -> subprocess.CompletedProcess[str]:
    """`xmllint --noout` on the files: well-formed XML or a message naming the problem."""
    return subprocess.run(["xmllint", "--noout", *paths], capture_output=True, text=True, check=False, timeout=120)
