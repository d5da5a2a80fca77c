"""Random projects, fixed invariants: one page per visible incident, nothing private anywhere, valid feeds and JSON,
identical rebuilds.

Hypothesis generates raw rows as a fetch hands them to visibility.py: random
visibility flags (True, False, null, "true", 1) and privacy, postmortem
switches and dates, episode membership including private members, and any
Unicode text. Every private text carries a canary token that must not appear
in any output file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import feedparser
import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import render_site
from generator.config import Config
from generator.oneuptime import RawProject
from generator.snapshot import snapshot_from_json, snapshot_to_json
from generator.text import clean_text
from generator.visibility import public_snapshot
from tests import factories as f
from tests.statuspage_schema import validate

TAKEN_AT = f.TAKEN_AT
STATES = [
    {"_id": "s-open", "name": "Investigating", "order": 1, "isCreatedState": True},
    {"_id": "s-ack", "name": "Identified", "order": 2, "isAcknowledgedState": True},
    {"_id": "s-done", "name": "Resolved", "order": 3, "isResolvedState": True},
]
SEVERITIES = [{"_id": f"v-{k}", "name": name, "order": k} for k, name in enumerate(["Critical", "Major", "Minor"])]
VISIBILITY = st.sampled_from([True, True, True, False, None, "true", 1, "missing"])
PRIVACY = st.sampled_from([False, False, False, None, True, "missing"])  # only a real False is public
TEXT = st.text(max_size=30)
MOMENT = st.integers(min_value=-24 * 60 * 40, max_value=24 * 60 * 3).map(lambda m: TAKEN_AT + timedelta(minutes=m))


def wire_date(moment: datetime, form: int) -> Any:
    """A moment in one of the forms a fetch may hand over."""
    return [moment, moment.isoformat(), moment.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"][form]


@dataclass
class Expected:
    """What the site must show, and the tokens it must never show."""

    pages: dict[str, str] = field(default_factory=dict)  # incident page path -> its <h1>
    postmortems: set[str] = field(default_factory=set)  # pages with a published postmortem
    members: dict[str, int] = field(default_factory=dict)  # visible episode page path -> visible members
    canaries: list[str] = field(default_factory=list)


@st.composite
def projects(draw: st.DrawFn) -> tuple[RawProject, Expected, str]:
    expected = Expected()

    def secret(label: str) -> str:
        token = f"QZX{label}{len(expected.canaries)}XZQ"
        expected.canaries.append(token)
        return token

    incidents, notes, timelines, visible_ids = [], [], [], []
    for k in range(draw(st.integers(0, 7))):
        visibility, privacy = draw(VISIBILITY), draw(PRIVACY)
        visible = visibility is True and privacy is False  # anything but a real false is private
        row: dict[str, Any] = {
            "_id": f"inc-{k}" if visible else secret("id"),
            "incidentNumber": draw(st.sampled_from([k + 1, k + 1, None, str(k + 1)])),
            "title": draw(TEXT) if visible else draw(TEXT) + secret("title"),
            "description": draw(TEXT) if visible else secret("description"),
            "declaredAt": wire_date(draw(MOMENT), draw(st.integers(0, 2))),
            "currentIncidentStateId": draw(st.sampled_from(["s-open", "s-ack", "s-done", "s-gone"])),
            "incidentSeverityId": draw(st.sampled_from(["v-0", "v-1", "v-2", "v-gone"])),
            "isVisibleOnStatusPage": visibility,
            "isPrivate": privacy,
            "rootCause": secret("root"),
            "customFields": {"x": secret("custom")},
        }
        for name in ("isVisibleOnStatusPage", "isPrivate"):
            if row[name] == "missing":
                del row[name]
        show = draw(st.sampled_from([True, True, False, None, "true"]))
        posted = draw(st.one_of(MOMENT, st.none()))
        may_publish = visible and show is True and posted is not None and posted <= TAKEN_AT
        pm_text = draw(TEXT)
        published = may_publish and bool(clean_text(pm_text).strip())  # an empty postmortem is not shown
        row.update(
            showPostmortemOnStatusPage=show,
            postmortemPostedAt=posted,
            postmortemNote=pm_text if may_publish else pm_text + secret("postmortem"),
        )
        incidents.append(row)
        for n in range(draw(st.integers(0, 3))):
            notes.append({"_id": f"{row['_id']}-n{n}", "incidentId": row["_id"],
                          "note": draw(TEXT) if visible else secret("note"), "postedAt": draw(MOMENT)})  # fmt: skip
        timelines.append({"_id": f"{row['_id']}-t", "incidentId": row["_id"],
                          "incidentStateId": row["currentIncidentStateId"], "startsAt": draw(MOMENT)})  # fmt: skip
        if visible:
            visible_ids.append(row["_id"])
            number = k + 1 if row["incidentNumber"] is not None else None
            path = f"incidents/{number if number is not None else row['_id']}/index.html"
            title = " ".join(clean_text(row["title"]).split())
            expected.pages[path] = title or (f"Incident {number}" if number is not None else "Untitled incident")
            if published:
                expected.postmortems.add(path)
    episodes, members = [], []
    all_ids = [row["_id"] for row in incidents]
    for j in range(draw(st.integers(0, 3))):
        visibility = draw(VISIBILITY)
        visible = visibility is True
        episode = {"_id": f"ep-{j}" if visible else secret("episode-id"), "episodeNumber": j + 1,
                   "title": draw(TEXT) if visible else secret("episode"), "declaredAt": draw(MOMENT),
                   "isVisibleOnStatusPage": visibility, "isPrivate": False,
                   "currentIncidentStateId": "s-open"}  # fmt: skip
        episodes.append(episode)
        chosen = draw(st.lists(st.sampled_from(all_ids), unique=True)) if all_ids else []
        members += [{"incidentEpisodeId": episode["_id"], "incidentId": incident_id} for incident_id in chosen]
        if visible:
            expected.members[f"episodes/{j + 1}/index.html"] = len([i for i in chosen if i in visible_ids])
    project = RawProject(incidents=incidents, episodes=episodes, episode_members=members, public_notes=notes,
                         state_timelines=timelines, states=STATES, severities=SEVERITIES,
                         monitors=[])  # fmt: skip
    return project, expected, draw(st.sampled_from(["UTC", "Asia/Kolkata", "America/St_Johns"]))


def _h1(html: bytes) -> str:
    (heading,) = lxml.html.fromstring(html).xpath("//h1")
    return " ".join(heading.text_content().split())


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(projects())
def test_random_projects_keep_every_invariant(generated: tuple[RawProject, Expected, str]) -> None:
    project, expected, zone = generated
    config = Config(base_url="https://status.example.com", title="Random status", timezone=zone)
    snapshot = public_snapshot(project, TAKEN_AT)
    files = render_site(snapshot, config, TAKEN_AT)

    # Every visible incident has exactly one page, headed by its title; no other incident has one.
    incident_pages = {path for path in files if path.startswith("incidents/") and path.endswith("/index.html")}
    assert incident_pages == set(expected.pages)
    for path, title in expected.pages.items():
        assert _h1(files[path]) == title, path
        has_postmortem = bool(lxml.html.fromstring(files[path]).xpath('//section[@id="postmortem"]'))
        assert has_postmortem == (path in expected.postmortems), path
    episode_pages = {path for path in files if path.startswith("episodes/") and path.endswith("/index.html")}
    assert episode_pages == set(expected.members)
    for path, count in expected.members.items():
        cards = lxml.html.fromstring(files[path]).xpath('//section[@aria-labelledby="members"]//h3')
        assert len(cards) == count, path

    # Nothing private anywhere, in any file.
    # favicon.png is the one binary file: pixels of the status colour, nothing that could leak.
    everything = "\n".join(content.decode("utf-8") for path, content in files.items() if not path.endswith(".png"))
    assert [token for token in expected.canaries if token in everything] == []

    # Feeds and JSON stay valid.
    for path, content in files.items():
        if path.endswith(("feed.rss", "feed.atom")):
            parsed = feedparser.parse(content)
            assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        elif path.endswith(".json"):
            json.loads(content)
    validate(files)

    # The same data always gives the same bytes: a rebuild, and a rebuild through a snapshot file.
    assert render_site(public_snapshot(project, TAKEN_AT), config, TAKEN_AT) == files
    assert render_site(snapshot_from_json(snapshot_to_json(snapshot)), config, TAKEN_AT) == files


def test_the_generator_reaches_every_case() -> None:
    """Not vacuous: over a sample, hidden and visible incidents, published and withheld postmortems,
    and visible episodes with private members all occur."""
    seen = {"visible": 0, "hidden": 0, "published": 0, "withheld": 0, "private member": 0}

    @settings(max_examples=60, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(projects())
    def sample(generated: tuple[RawProject, Expected, str]) -> None:
        project, expected, _ = generated
        seen["visible"] += len(expected.pages)
        seen["hidden"] += len(project.incidents) - len(expected.pages)
        seen["published"] += len(expected.postmortems)
        seen["withheld"] += sum(1 for row in project.incidents if "postmortem" in str(row["postmortemNote"]))
        visible = {row["_id"] for row in project.incidents if row["_id"].startswith("inc-")}
        seen["private member"] += sum(
            1
            for m in project.episode_members
            if m["incidentEpisodeId"].startswith("ep-") and m["incidentId"] not in visible
        )

    sample()
    assert all(count > 0 for count in seen.values()), seen
