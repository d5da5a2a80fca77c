"""No shape of data breaks the site: odd rows build a sensible site, or the build fails in one clear line.

Raw rows go through visibility.public_snapshot (as a fetch would hand them
over) and through the fake OneUptime and the real CLI; snapshot files with
bad shapes go through `build --snapshot`. A failure never leaves a half-written
site: the previous one stays, byte for byte.
"""

from __future__ import annotations

import dataclasses
import http.server
import json
import logging
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import feedparser
import lxml.html
import pytest

from generator.build import render_site
from generator.config import Config
from generator.markup import MAX_MARKDOWN_CHARS
from generator.model import Snapshot
from generator.notices import LOGGER
from generator.oneuptime import RawProject
from generator.snapshot import snapshot_to_json
from generator.visibility import public_snapshot
from generator.writer import MARKER_NAME
from tests import factories as f
from tests.fake_oneuptime import BASE_TIME, FakeOneUptime, ObjectID, _Handler, make_project
from tests.html_tools import page_text, texts
from tests.security.helpers import BASE_URL, assert_one_line_failure, read_tree, run_cli, tree_text
from tests.statuspage_schema import validate

Row = dict[str, Any]
FakeFactory = Callable[..., FakeOneUptime]
CONFIG = Config(base_url=BASE_URL, title="Shapes", timezone="Pacific/Kiritimati")  # UTC+14: the edge of the range
STATES = [
    {"_id": "s-open", "name": "Investigating", "order": 1, "isCreatedState": True},
    {"_id": "s-done", "name": "Resolved", "order": 2, "isResolvedState": True},
]
SEVERITIES = [{"_id": "v-major", "name": "Major", "order": 1}]


def incident(row_id: Any = "inc", **fields: Any) -> Row:
    row: Row = {
        "_id": row_id,
        "incidentNumber": 1,
        "title": "A title",
        "declaredAt": "2026-11-19T10:00:00Z",
        "currentIncidentStateId": "s-open",
        "incidentSeverityId": "v-major",
        "isVisibleOnStatusPage": True,
        "isPrivate": False,
    }
    row.update(fields)
    return row


def raw(**rows: list[Row]) -> RawProject:
    rows.setdefault("states", STATES)
    rows.setdefault("severities", SEVERITIES)
    return RawProject(
        **{
            item.name: rows.get(item.name, [])
            for item in dataclasses.fields(RawProject)
            if item.name not in ("status_page", "maintenance")
        }
    )


def warned_build(project: RawProject, caplog: pytest.LogCaptureFixture) -> tuple[Snapshot, dict[str, bytes], list[str]]:
    """As build(), and the warnings its fetch and page plan gave (each once, in order)."""
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger=LOGGER.name):
        snapshot, files = build(project, thorough=False)
    warnings = [record.getMessage() for record in caplog.records if record.name == LOGGER.name]
    assert build(project)[1] == files  # and the thorough checks
    return snapshot, files, warnings


def build(project: RawProject, thorough: bool = True) -> tuple[Snapshot, dict[str, bytes]]:
    """The snapshot and every file of its site, whose JSON validates; `thorough` also builds
    twice (byte-identical) and parses every feed, which the huge cases skip for time."""
    snapshot = public_snapshot(project, f.TAKEN_AT)
    files = render_site(snapshot, CONFIG, f.TAKEN_AT)
    validate(files)
    if thorough:
        assert render_site(snapshot, CONFIG, f.TAKEN_AT) == files
        for path, content in files.items():
            if path.endswith(("feed.rss", "feed.atom")):
                assert not feedparser.parse(content).bozo, path
    return snapshot, files


def page(files: dict[str, bytes], path: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(files[path])


def declared_on_page(files: dict[str, bytes], path: str) -> str:
    (value,) = page(files, path).xpath('//dt[.="Declared"]/following-sibling::dd/time/@datetime')
    return str(value)


# --- raw rows through visibility.py -----------------------------------------------------------------


def test_an_empty_project_is_an_all_clear_site() -> None:
    _, files = build(raw(states=[], severities=[]))
    home = page(files, "index.html")
    assert texts(home, "//h1") == ["All systems operational"]
    assert "No incidents reported." in page_text(home)
    assert not [path for path in files if path.startswith(("incidents/", "episodes/"))]
    assert json.loads(files["api/v2/summary.json"])["incidents"] == []


def test_a_row_with_nothing_but_an_id_and_the_switch() -> None:
    snapshot, files = build(raw(incidents=[{"_id": "bare", "isVisibleOnStatusPage": True, "isPrivate": False}]))
    (only,) = snapshot.incidents
    assert only.title == "Untitled incident" and only.declared_at == f.TAKEN_AT
    bare = page(files, "incidents/bare/index.html")
    assert texts(bare, "//h1") == ["Untitled incident"]
    assert "Unknown state" in page_text(bare) and "Unknown severity" in page_text(bare)


def test_nulls_everywhere() -> None:
    fields = ["title", "description", "declaredAt", "createdAt", "incidentNumber", "incidentNumberWithPrefix",
              "currentIncidentStateId", "incidentSeverityId", "showPostmortemOnStatusPage",
              "postmortemNote", "postmortemPostedAt", "incidentEpisodeId", "monitors"]  # fmt: skip
    nulls = {name: None for name in fields}
    project = raw(
        incidents=[incident("n1", **nulls)],
        episodes=[{"_id": "e1", "isVisibleOnStatusPage": True, "isPrivate": False,
                   **dict.fromkeys(["title", "declaredAt", "episodeNumber"])}],
        episode_members=[{"incidentEpisodeId": None, "incidentId": None},
                         {"incidentEpisodeId": "e1", "incidentId": "n1"}],
        public_notes=[{"_id": None, "incidentId": "n1", "note": None, "postedAt": None},
                      {"_id": "note", "incidentId": "n1", "note": "Still here", "postedAt": None, "createdAt": None},
                      {"_id": "note2", "incidentId": "n1", "note": "Kept", "postedAt": None,
                       "createdAt": "2026-11-19T11:00:00Z"}],
        state_timelines=[{"_id": "t", "incidentId": "n1", "incidentStateId": None, "startsAt": None}],
        states=[{"_id": None, "name": None}, {"_id": "s", "name": None, "order": None}],
        severities=[{"_id": None}],
        monitors=[{"_id": None, "name": None}],
    )  # fmt: skip
    snapshot, files = build(project)
    (only,) = snapshot.incidents  # a null isPrivate would have hidden it: see the test below
    assert [u.note for u in only.updates] == ["Kept"]  # a note without any date cannot be placed
    assert texts(page(files, "incidents/n1/index.html"), "//h1") == ["Untitled incident"]
    episode = page(files, "episodes/e1/index.html")
    assert texts(episode, "//h1") == ["Untitled episode"]
    assert texts(episode, '//section[@aria-labelledby="members"]//h3') == ["Untitled incident"]


def test_unknown_state_and_severity_ids_are_named_as_unknown() -> None:
    rows = [incident(currentIncidentStateId="s-gone", incidentSeverityId="v-gone")]
    timeline = [{"_id": "t1", "incidentId": "inc", "incidentStateId": "s-gone", "startsAt": "2026-11-19T10:00:00Z"}]
    _, files = build(raw(incidents=rows, state_timelines=timeline))
    text = page_text(page(files, "incidents/1/index.html"))
    assert "Unknown state" in text and "Unknown severity" in text and "State changed to Unknown state" in text
    # An incident in a state nobody knows is not known to be resolved: it counts as ongoing.
    assert texts(page(files, "index.html"), "//h1") == ["Degraded performance"]


NOON = datetime(2026, 11, 19, 10, 0, tzinfo=UTC)
FALLBACK = datetime(2026, 11, 18, 0, 0, tzinfo=UTC)  # the row's createdAt


@pytest.mark.parametrize(
    ("declared", "expected"),
    [
        (NOON, NOON),
        (datetime(2026, 11, 19, 10, 0), NOON),  # noqa: DTZ001 - a naive value is UTC
        ("2026-11-19T10:00:00Z", NOON),
        ("2026-11-19T10:00:00.000Z", NOON),
        ("2026-11-19T10:00:00.123456Z", NOON + timedelta(microseconds=123456)),
        ("2026-11-19T10:00:00+00:00", NOON),
        ("2026-11-19T15:30:00+05:30", NOON),
        ("2026-11-19T05:00:00-05:00", NOON),
        ("2026-11-19T10:00:00", NOON),
        ("2026-11-19 10:00:00Z", NOON),
        ("  2026-11-19T10:00:00z  ", NOON),
        ("2026-11-19", datetime(2026, 11, 19, tzinfo=UTC)),
        ("20261119T100000Z", NOON),
        ("yesterday", FALLBACK),
        ("", FALLBACK),
        ("2026-13-45T99:00:00Z", FALLBACK),
        ("0001-01-01T00:00:00Z", FALLBACK),
        ("0001-01-01T00:00:00+14:00", FALLBACK),
        ("9999-12-31T23:59:59.999999Z", FALLBACK),
        ("9999-12-31T20:00:00-12:00", FALLBACK),
        (datetime(1, 1, 1, tzinfo=UTC), FALLBACK),
        (datetime(9999, 12, 31, tzinfo=UTC), FALLBACK),
        ({"_type": "DateTime", "value": "2026-11-19T10:00:00Z"}, FALLBACK),  # undecoded: not guessed at
        (1763546400, FALLBACK),
        (1763546400.5, FALLBACK),
        (["2026-11-19T10:00:00Z"], FALLBACK),
        (True, FALLBACK),
    ],
)
def test_every_date_form(declared: object, expected: datetime) -> None:
    row = incident(declaredAt=declared, createdAt="2026-11-18T00:00:00Z")
    snapshot, files = build(raw(incidents=[row]))
    assert snapshot.incidents[0].declared_at == expected
    assert declared_on_page(files, "incidents/1/index.html") == expected.isoformat().replace("+00:00", "Z")


def test_far_past_and_far_future_dates_in_notes_postmortems_and_episodes() -> None:
    far = ["0001-01-01T00:00:00Z", "0002-01-01T00:00:00Z", "9998-12-30T00:00:00Z", "9999-12-31T23:59:59Z"]
    rows = [
        incident(f"i{k}", incidentNumber=k, declaredAt=value, currentIncidentStateId="s-done",
                 showPostmortemOnStatusPage=True, postmortemNote=f"Postmortem {k}", postmortemPostedAt=value)
        for k, value in enumerate(far, start=1)
    ]  # fmt: skip
    notes = [{"_id": f"n{k}", "incidentId": f"i{k}", "note": f"Note {k}", "postedAt": v} for k, v in enumerate(far, 1)]
    timelines = [
        {"_id": f"t{k}", "incidentId": f"i{k}", "incidentStateId": "s-done", "startsAt": v}
        for k, v in enumerate(far, start=1)
    ]
    episodes = [
        {"_id": "e", "isVisibleOnStatusPage": True, "isPrivate": False, "declaredAt": far[0], "resolvedAt": far[-1]}
    ]
    snapshot, files = build(raw(incidents=rows, public_notes=notes, state_timelines=timelines, episodes=episodes))
    by_number = {i.number: i for i in snapshot.incidents}
    assert by_number[2].declared_at.year == 2 and by_number[3].declared_at.year == 9998  # in range: kept as sent
    assert by_number[1].declared_at == f.TAKEN_AT and by_number[4].declared_at == f.TAKEN_AT  # out: unknown
    assert by_number[2].postmortem is not None and by_number[3].postmortem is None  # not posted yet
    # Kiritimati kept local mean time (-10:29) until 1901, so year 2's first hour falls in December of year 1.
    assert {"history/0001-12/", "history/9998-12/"} <= {path.removesuffix("index.html") for path in files}
    assert snapshot.episodes[0].declared_at.year == 1970  # an episode without a usable date


def test_a_one_megabyte_description_is_shortened() -> None:
    description = ("Word **bold** <b>not bold</b> " * 40_000)[:1_000_000]
    _, files = build(raw(incidents=[incident(description=description)]), thorough=False)
    incident_page = files["incidents/1/index.html"]
    (shown,) = page(files, "incidents/1/index.html").xpath('//div[@class="note description"]')
    assert incident_page.count(b"<strong>bold</strong>") == description[:MAX_MARKDOWN_CHARS].count("**bold**")
    assert b"<b>" not in incident_page
    assert shown[-1].text == "(shortened)"


@pytest.mark.slow
def test_ten_thousand_updates_on_one_incident() -> None:
    start = datetime(2026, 11, 1, tzinfo=UTC)
    notes = [
        {"_id": f"n{k}", "incidentId": "inc", "note": f"Update {k}", "postedAt": start + timedelta(minutes=k)}
        for k in range(10_000)
    ]
    snapshot, files = build(raw(incidents=[incident(declaredAt=start)], public_notes=notes), thorough=False)
    assert len(snapshot.incidents[0].updates) == 10_000
    timeline = page(files, "incidents/1/index.html").xpath('//ol[@class="timeline"]/li')
    assert len(timeline) == 10_000
    assert " ".join(timeline[0].text_content().split()).endswith("Update 9999")  # newest first
    (api_incident,) = json.loads(files["api/v2/incidents.json"])["incidents"]
    assert len(api_incident["incident_updates"]) == 10_001  # the declaration and every note
    assert len(feedparser.parse(files["feed.atom"]).entries) == 50  # the site feed stays short


def test_duplicated_ids_and_numbers() -> None:
    rows = [
        incident("dup", incidentNumber=7, title="First copy"),
        incident("dup", incidentNumber=7, title="Second copy"),
        incident("other", incidentNumber=7, title="Same number"),
    ]
    notes = [{"_id": "n", "incidentId": "dup", "note": text, "postedAt": "2026-11-19T11:00:00Z"} for text in "ab"]
    states = [*STATES, {"_id": "s-open", "name": "Shadowed duplicate", "order": 9}]
    snapshot, files = build(raw(incidents=rows, public_notes=notes, states=states))
    assert sorted(i.title for i in snapshot.incidents) == ["First copy", "Same number"]
    assert texts(page(files, "incidents/7/index.html"), "//h1") == ["First copy"]  # the smallest id keeps it
    assert texts(page(files, "incidents/other/index.html"), "//h1") == ["Same number"]
    assert [u.note for u in snapshot.incidents[0].updates + snapshot.incidents[1].updates] == ["a"]
    assert "Shadowed duplicate" not in tree_text(files)


def test_numbers_as_strings_and_other_wrong_types(caplog: pytest.LogCaptureFixture) -> None:
    rows = [
        incident("a", incidentNumber="42", title=["a", "list"], description={"an": "object"}, monitors="mon-1"),
        incident("b", incidentNumber=3.0, title=12345, currentIncidentStateId=["s-open"]),
        incident("c", incidentNumber=[5], title=True, isVisibleOnStatusPage="true"),  # not exactly true: private
        incident(["d"], incidentNumber=6),  # an id that is no id: dropped
        incident("e", incidentNumber=10**30, title="Huge number"),
        incident("f", incidentNumber=-4, title="Negative number", monitors=[None, "x", {"_id": 5, "name": ["n"]}]),
    ]
    notes = [{"_id": "n", "incidentId": "a", "note": ["not", "text"], "postedAt": "2026-11-19T11:00:00Z"}]
    states = [{**STATES[0], "order": "2"}, {**STATES[1], "order": [1]}]
    snapshot, files, warnings = warned_build(raw(incidents=rows, public_notes=notes, states=states), caplog)
    assert {i.id: i.title for i in snapshot.incidents} == {
        "a": "Incident 42",
        "b": "12345",
        "e": "Huge number",
        "f": "Negative number",
    }
    assert texts(page(files, "incidents/42/index.html"), "//h1") == ["Incident 42"]
    assert texts(page(files, "incidents/3/index.html"), "//h1") == ["12345"]
    assert "incidents/e/index.html" in files and "incidents/f/index.html" in files  # numbers out of range
    assert warnings == [
        "incident 'b': currentIncidentStateId is not an id; ignored",
        "incident 'e': its number is not from 1 to 999999999999; its page is incidents/e/",
        "incident 'f': its number is not from 1 to 999999999999; its page is incidents/f/",
    ]
    orders = {state.id: state.order for state in snapshot.states}
    assert snapshot.incidents[0].updates == () and orders[STATES[0]["_id"]] == 2 and orders[STATES[1]["_id"]] == 0


ODD_KEYS: list[Any] = [{"x": 1}, ["a"], True]
EPISODE = {"_id": "ep", "title": "Episode", "isVisibleOnStatusPage": True, "isPrivate": False, "episodeNumber": 1,
           "declaredAt": "2026-11-19T09:00:00Z", "currentIncidentStateId": "s-open"}  # fmt: skip


def at_noon(**fields: Any) -> Row:
    return {"postedAt": "2026-11-19T12:00:00Z", "startsAt": "2026-11-19T12:00:00Z", **fields}


@pytest.mark.parametrize("odd", ODD_KEYS, ids=["object", "list", "boolean"])
def test_rows_whose_join_key_is_no_id_are_left_out_with_a_warning(odd: Any, caplog: pytest.LogCaptureFixture) -> None:
    project = raw(
        incidents=[incident("good", incidentEpisodeId="ep")],
        episodes=[EPISODE],
        public_notes=[at_noon(_id="n-kept", incidentId="good", note="Kept"), at_noon(_id="n-odd", incidentId=odd)],
        state_timelines=[
            at_noon(_id="t-kept", incidentId="good", incidentStateId="s-done"),
            at_noon(_id="t-odd-incident", incidentId=odd, incidentStateId="s-done"),
            at_noon(_id="t-odd-state", incidentId="good", incidentStateId=odd),
            at_noon(_id="t-private", incidentId="hidden", incidentStateId=odd),  # not ours to report
        ],
        episode_members=[{"_id": "m-odd", "incidentEpisodeId": odd, "incidentId": "good"},
                         {"_id": "m-odd2", "incidentEpisodeId": "ep", "incidentId": odd}],
        episode_public_notes=[at_noon(_id="en-kept", incidentEpisodeId="ep", note="Kept too"),
                              at_noon(_id="en-odd", incidentEpisodeId=odd, note="Lost")],
    )  # fmt: skip
    snapshot, files, warnings = warned_build(project, caplog)
    assert warnings == [
        "episode member 'm-odd': incidentEpisodeId is not an id; left out",
        "episode member 'm-odd2': incidentId is not an id; left out",
        "incident note 'n-odd': incidentId is not an id; left out",
        "state change 't-odd-incident': incidentId is not an id; left out",
        "state change 't-odd-state': incidentStateId is not an id; left out",
        "episode note 'en-odd': incidentEpisodeId is not an id; left out",
    ]
    (good,) = snapshot.incidents
    assert [update.id for update in good.updates] == ["n-kept", "t-kept"]
    assert [update.id for update in snapshot.episodes[0].updates] == ["en-kept"]
    assert snapshot.episodes[0].incident_ids == ("good",)  # through the incident's own incidentEpisodeId
    assert texts(page(files, "incidents/1/index.html"), "//h1") == ["A title"]


@pytest.mark.parametrize("odd", ODD_KEYS, ids=["object", "list", "boolean"])
def test_an_incident_whose_keys_are_no_ids_is_published_without_them(
    odd: Any, caplog: pytest.LogCaptureFixture
) -> None:
    row = incident("odd", incidentEpisodeId=odd, currentIncidentStateId=odd, incidentSeverityId=odd,
                   monitors=[{"_id": odd, "name": "Odd"}, {"_id": "m-1", "name": "API"}])  # fmt: skip
    episode = {**EPISODE, "currentIncidentStateId": odd, "incidentSeverityId": odd}
    monitors = [{"_id": "m-1", "name": "API"}]
    snapshot, files, warnings = warned_build(raw(incidents=[row], episodes=[episode], monitors=monitors), caplog)
    assert warnings == [
        "incident 'odd': incidentEpisodeId is not an id; ignored",
        "incident 'odd': currentIncidentStateId is not an id; ignored",
        "incident 'odd': incidentSeverityId is not an id; ignored",
        "incident 'odd': a monitor's _id is not an id; that monitor is ignored",
        "episode 'ep': currentIncidentStateId is not an id; ignored",
        "episode 'ep': incidentSeverityId is not an id; ignored",
    ]
    (published,) = snapshot.incidents
    assert (published.episode_id, published.state_id, published.severity_id) == (None, "", "")
    assert published.monitor_ids == ("m-1",)
    text = page_text(page(files, "incidents/1/index.html"))
    assert "Unknown state" in text and "Unknown severity" in text and "API" in text
    assert snapshot.episodes[0].incident_ids == ()


OUT_OF_RANGE = "incident 'odd': its number is not from 1 to 999999999999; its page is incidents/odd/"
NOT_WHOLE = "incident 'odd': incidentNumber is not a whole number; ignored"


@pytest.mark.parametrize(
    ("number", "path", "warning"),
    [
        (7, "incidents/7/", None),
        ("7", "incidents/7/", None),
        (7.0, "incidents/7/", None),
        (" 7 ", "incidents/7/", None),
        (999_999_999_999, "incidents/999999999999/", None),
        (None, "incidents/odd/", None),
        (10**12, "incidents/odd/", OUT_OF_RANGE),
        (10**30, "incidents/odd/", OUT_OF_RANGE),
        (1e300, "incidents/odd/", OUT_OF_RANGE),
        (0, "incidents/odd/", OUT_OF_RANGE),
        (-4, "incidents/odd/", OUT_OF_RANGE),
        ("-4", "incidents/odd/", OUT_OF_RANGE),
        ("\u0663", "incidents/odd/", NOT_WHOLE),  # Arabic 3
        ("\uff11\uff12", "incidents/odd/", NOT_WHOLE),  # wide 12
        ("9" * 5000, "incidents/odd/", NOT_WHOLE),
        (2.5, "incidents/odd/", NOT_WHOLE),
        (float("nan"), "incidents/odd/", NOT_WHOLE),
        (True, "incidents/odd/", NOT_WHOLE),
        ([7], "incidents/odd/", NOT_WHOLE),
        ({"n": 7}, "incidents/odd/", NOT_WHOLE),
    ],
)  # fmt: skip
def test_an_odd_number_never_names_a_page(
    number: Any, path: str, warning: str | None, caplog: pytest.LogCaptureFixture
) -> None:
    row = incident("odd", incidentNumber=number, title="Odd number")
    _, files, warnings = warned_build(raw(incidents=[row]), caplog)
    assert warnings == ([warning] if warning else [])
    assert texts(page(files, path + "index.html"), "//h1") == ["Odd number"]
    assert [name for name in files if name.startswith("incidents/")] == [path + "index.html", path + "feed.atom"]


def test_ids_that_look_like_paths_stay_inside_the_site() -> None:
    odd_ids = ["../../../etc/passwd", "a/b", "/abs", "C:\\x", "%2e%2e", ".", "\u202eevil", "x" * 300]
    rows = [incident(row_id, incidentNumber=None, title=f"Id {k}") for k, row_id in enumerate(odd_ids)]
    _, files = build(raw(incidents=rows))
    pages = sorted(path for path in files if path.startswith("incidents/"))
    assert len([path for path in pages if path.endswith("index.html")]) == len(rows)
    assert all(path.count("/") == 2 and ".." not in path and "\\" not in path for path in pages), pages


# --- through the fake OneUptime and the CLI -----------------------------------------------------------


def shapes_project(description_bytes: int = 1_000_000, updates: int = 10_000) -> Any:
    """A small realistic project plus rows in every odd shape, served as the fake serves everything."""
    project = make_project(5, 1, seed=1)
    template = next(row for row in project.rows("incident") if row["isVisibleOnStatusPage"] is True)
    state = str(template["currentIncidentStateId"])
    odd: list[tuple[str, Row]] = [
        ("missing", {"title": None, "description": None, "declaredAt": None, "incidentNumberWithPrefix": None}),
        ("unknown-ids", {"currentIncidentStateId": ObjectID("no-such-state"), "incidentSeverityId": "no-such"}),
        ("typed-date", {"declaredAt": {"_type": "DateTime", "value": "2024-03-01T10:00:00+02:00"}}),
        ("plain-date", {"declaredAt": "2024-03-01T08:00:00"}),
        ("millis", {"declaredAt": "2024-03-01T08:00:00.5Z"}),
        ("date-only", {"declaredAt": "2024-03-01"}),
        ("garbage-date", {"declaredAt": "the day before yesterday"}),
        ("year-1", {"declaredAt": {"_type": "DateTime", "value": "0001-01-01T00:00:00.000Z"}}),
        ("year-9999", {"declaredAt": "9999-12-31T23:59:59.999Z"}),
        ("number-string", {"incidentNumber": "77"}),
        ("lists", {"title": ["not", "a", "string"], "description": [1, 2], "monitors": "not-a-list"}),
        ("surrogate", {"title": "Lone \udcff surrogate \x00 and NUL"}),
        ("huge", {"description": "x" * description_bytes}),
        ("many-updates", {"title": "Many updates"}),
    ]
    for number, (name, fields) in enumerate(odd, start=100):
        project.tables["incident"].append({**template, "_id": f"odd-{name}", "incidentNumber": number,
                                           "title": f"Odd {name}", **fields})  # fmt: skip
    project.tables["incident"].append({**template, "title": "A duplicate id"})
    start = BASE_TIME + timedelta(days=5)
    project.tables["incident-public-note"] += [
        {"_id": f"many-{k:05d}", "incidentId": ObjectID("odd-many-updates"), "note": f"Update {k}",
         "postedAt": start + timedelta(minutes=k), "createdAt": start + timedelta(minutes=k)}
        for k in range(updates)
    ]  # fmt: skip
    project.tables["incident-state-timeline"].append(
        {"_id": "odd-timeline", "incidentId": ObjectID("odd-missing"), "incidentStateId": ObjectID(state),
         "startsAt": "not a date", "createdAt": start}
    )  # fmt: skip
    return project


@pytest.fixture(scope="module")
def shapes() -> Any:
    return shapes_project()


@pytest.mark.parametrize(("typed", "ignore_query"), [(True, False), (False, True)], ids=["typed", "plain-ignoring"])
def test_odd_rows_from_the_server_build_a_sensible_site(
    fake_oneuptime_factory: FakeFactory, tmp_path: Path, shapes: Any, typed: bool, ignore_query: bool
) -> None:
    fake = fake_oneuptime_factory(shapes, typed_values=typed, ignore_query=ignore_query)
    run = run_cli(tmp_path, "build", fake=fake)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.output
    site = tmp_path / "site"

    def title(number: int | str) -> list[str]:
        return texts(lxml.html.fromstring((site / f"incidents/{number}/index.html").read_bytes()), "//h1")

    def declared(number: int) -> str:
        path = f"incidents/{number}/index.html"
        return declared_on_page({path: (site / path).read_bytes()}, path)

    numbers = {name: number for number, name in enumerate(
        ["missing", "unknown-ids", "typed-date", "plain-date", "millis", "date-only", "garbage-date", "year-1",
         "year-9999", "number-string", "lists", "surrogate", "huge", "many-updates"], start=100)}  # fmt: skip
    assert title(numbers["missing"]) == [f"Incident {numbers['missing']}"]
    assert title(numbers["lists"]) == [f"Incident {numbers['lists']}"]
    assert title(numbers["surrogate"]) == ["Lone surrogate and NUL"]
    assert title(77) == ["Odd number-string"]
    for name in ("typed-date", "plain-date", "date-only"):
        assert declared(numbers[name]).startswith("2024-03-01T0"), name
    assert declared(numbers["millis"]) == "2024-03-01T08:00:00.500000Z"
    for name in ("year-1", "year-9999", "garbage-date"):  # unusable: the row's createdAt instead
        assert declared(numbers[name]).startswith("2024-"), name
    huge = (site / f"incidents/{numbers['huge']}/index.html").read_bytes()
    assert huge.count(b"x" * 1000) == MAX_MARKDOWN_CHARS // 1000 and b">(shortened)<" in huge
    many = lxml.html.fromstring((site / f"incidents/{numbers['many-updates']}/index.html").read_bytes())
    assert len(many.xpath('//ol[@class="timeline"]/li[contains(@class, "entry-note")]')) == 10_000
    assert "Unknown state" in page_text(lxml.html.fromstring((site / "incidents/101/index.html").read_bytes()))


ODD_INCIDENTS: list[tuple[str, Row]] = [
    (
        "keys",
        {
            "incidentEpisodeId": {"x": 1},
            "currentIncidentStateId": ["a"],
            "incidentSeverityId": True,
            "incidentNumber": 201,
        },
    ),
    ("huge", {"incidentNumber": 10**30}),
    ("float-huge", {"incidentNumber": 1e300}),  # once a file name too long for the disk: no site at all
    ("negative", {"incidentNumber": -3}),
    ("zero", {"incidentNumber": 0}),
    ("arabic", {"incidentNumber": "\u0663"}),
    ("wide", {"incidentNumber": "\uff11\uff12"}),
    ("float", {"incidentNumber": 2.5}),
    ("boolean", {"incidentNumber": True}),
]


def odd_rows_and_a_retraction(project: Any) -> tuple[Row, list[Row]]:
    """Retract one public incident and add rows of every odd shape; the retracted row and the public ones."""
    public = [row for row in project.rows("incident") if row["isVisibleOnStatusPage"] is True and not row["isPrivate"]]
    retracted, *kept = public
    retracted["isVisibleOnStatusPage"] = False
    template = kept[0]
    odd = [{**template, "_id": f"odd-{name}", "title": f"Odd {name}", **fields} for name, fields in ODD_INCIDENTS]
    # Ids of "odd-..." sort after the fake's hexadecimal ones: this one loses the number it shares.
    odd.append({**template, "_id": "odd-same-number", "title": "Same number"})
    project.tables["incident"] += odd
    at, state = template["declaredAt"], template["currentIncidentStateId"]
    project.tables["incident-public-note"].append({"_id": "odd-note", "incidentId": {"x": 1}, "postedAt": at})
    project.tables["incident-state-timeline"].append(
        {"_id": "odd-change", "incidentId": ["a"], "incidentStateId": state, "startsAt": at}
    )
    project.tables["incident-episode-member"].append({"_id": "odd-member", "incidentEpisodeId": {"x": 1},
                                                      "incidentId": ObjectID(template["_id"])})  # fmt: skip
    return retracted, kept


def test_odd_rows_never_hold_back_a_retraction(fake_oneuptime_factory: FakeFactory, tmp_path: Path) -> None:
    """A server sending every row (it ignores the query), the odd ones too, in the run that retracts an incident."""
    project = make_project(10, 1, seed=1)
    fake = fake_oneuptime_factory(project, ignore_query=True)
    assert run_cli(tmp_path / "old", "build", fake=fake).returncode == 0
    retracted, kept = odd_rows_and_a_retraction(project)
    run = run_cli(tmp_path / "old", "build", "--quiet", fake=fake)
    assert run.returncode == 0, run.stderr
    same = kept[0]  # the row the odd ones copy, and whose number one of them shares
    out_of_range = "warning: incident 'odd-{0}': its number is not from 1 to 999999999999; its page is {1}"
    # The fetch's warnings in the order the server sent the rows (the odd ones by id), then the plan's, by id.
    assert run.stderr.splitlines() == [
        "warning: episode member 'odd-member': incidentEpisodeId is not an id; left out",
        "warning: incident note 'odd-note': incidentId is not an id; left out",
        "warning: state change 'odd-change': incidentId is not an id; left out",
        "warning: incident 'odd-arabic': incidentNumber is not a whole number; ignored",
        "warning: incident 'odd-boolean': incidentNumber is not a whole number; ignored",
        "warning: incident 'odd-float': incidentNumber is not a whole number; ignored",
        "warning: incident 'odd-keys': incidentEpisodeId is not an id; ignored",
        "warning: incident 'odd-keys': currentIncidentStateId is not an id; ignored",
        "warning: incident 'odd-keys': incidentSeverityId is not an id; ignored",
        "warning: incident 'odd-wide': incidentNumber is not a whole number; ignored",
        out_of_range.format("float-huge", "incidents/odd-float-huge/"),
        out_of_range.format("huge", "incidents/odd-huge/"),
        out_of_range.format("negative", "incidents/odd-negative/"),
        f"warning: incident 'odd-same-number': number {same['incidentNumber']} is taken by incident "
        f"'{same['_id']}'; its page is incidents/odd-same-number/",
        out_of_range.format("zero", "incidents/odd-zero/"),
    ]
    site = tmp_path / "old/site"
    assert not (site / f"incidents/{retracted['incidentNumber']}").exists()
    for row in kept:
        assert texts(lxml.html.fromstring((site / f"incidents/{row['incidentNumber']}/index.html").read_bytes()),
                     "//h1") == [row["title"]]  # fmt: skip
    assert texts(lxml.html.fromstring((site / "incidents/201/index.html").read_bytes()), "//h1") == ["Odd keys"]
    for name in [name for name, _ in ODD_INCIDENTS[1:]] + ["same-number"]:
        odd_page = lxml.html.fromstring((site / f"incidents/odd-{name}/index.html").read_bytes())
        assert texts(odd_page, "//h1") == ["Same number" if name == "same-number" else f"Odd {name}"]
    # The old site was replaced by exactly what a first build of the same data makes.
    assert run_cli(tmp_path / "new", "build", fake=fake).returncode == 0
    old, new = read_tree(site), read_tree(tmp_path / "new/site")
    assert {path: content for path, content in old.items() if path != MARKER_NAME} == {
        path: content for path, content in new.items() if path != MARKER_NAME
    }


class _BadBytesFake(FakeOneUptime):
    """A fake whose answers carry bytes that are not UTF-8 wherever a row says BAD-BYTES."""

    def start(self) -> FakeOneUptime:
        class Handler(_Handler):
            def _send(self, status: int, body: bytes, content_type: str, headers: Any = None) -> None:
                super()._send(status, body.replace(b"BAD-BYTES", b"caf\xe9 \xff\xfe"), content_type, headers)

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        server.fake = self  # type: ignore[attr-defined]
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, daemon=True)
        self._thread.start()
        return self


@pytest.fixture
def previous_site(fake_oneuptime_factory: FakeFactory, tmp_path: Path) -> Iterator[dict[str, bytes]]:
    run = run_cli(tmp_path, "build", fake=fake_oneuptime_factory(make_project(5, 1, seed=1)))
    assert run.returncode == 0, run.stderr
    before = read_tree(tmp_path / "site")
    yield before
    assert read_tree(tmp_path / "site") == before, "a failed build changed the previous site"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] in ([], [".site.statusgen.lock"])


def test_non_utf8_bytes_from_the_server_fail_in_one_line(previous_site: dict[str, bytes], tmp_path: Path) -> None:
    project = make_project(5, 1, seed=1)
    project.tables["incident"][0]["title"] = "BAD-BYTES"
    project.tables["incident"][0]["isVisibleOnStatusPage"] = True
    with _BadBytesFake(project) as fake:
        (tmp_path / "statusgen.toml").write_text(
            (tmp_path / "statusgen.toml").read_text().replace("retries = 4", "retries = 1")
        )
        run = run_cli(tmp_path, "build", fake=fake)
    line = assert_one_line_failure(run)
    assert line == "Error: OneUptime did not answer incident after 2 tries: the answer was not valid JSON"


def _snapshot_text(**changes: Any) -> str:
    document = json.loads(snapshot_to_json(f.snapshot(f.incident(1))))
    for dotted, value in changes.items():
        target = document
        *parents, last = dotted.split("__")
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        target[last] = value
    return json.dumps(document)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"caf\xe9 \xff", "snapshot.json is not UTF-8 (byte 3)"),
        (b"", "snapshot.json is not valid JSON (line 1, column 1)"),
        (b'{"format": "statusgen-snapshot", "version": 1, "taken_at": "2026-', "is not valid JSON (line 1, column 60)"),
        (b"null", 'snapshot.json is not a statusgen snapshot (no "format": "statusgen-snapshot")'),
        (b"[" * 100_000 + b"]" * 100_000, "is not a statusgen snapshot (it is nested too deeply to read)"),
        (b'{"version": ' + b"9" * 5000 + b"}", "snapshot.json is not a statusgen snapshot (it holds a number too long"),
        (_snapshot_text(incidents__0__declared_at="9999-12-31T23:59:59Z").encode(),
         "snapshot.json: incidents[0].declared_at: date out of range: '9999-12-31T23:59:59Z'"),
        (_snapshot_text(incidents__0__declared_at="0001-01-01T00:00:00Z").encode(), "date out of range"),
        (_snapshot_text(incidents__0__declared_at="soon").encode(), "incidents[0].declared_at: not an ISO 8601 date"),
        (_snapshot_text(incidents__0__number="1").encode(), "snapshot.json: incidents[0].number: expected a whole"),
        (_snapshot_text(incidents__0__title=["a"]).encode(), "snapshot.json: incidents[0].title: expected text"),
        (_snapshot_text(incidents__0__title=None).encode(), "snapshot.json: incidents[0].title: expected text"),
        (_snapshot_text(incidents={"0": {}}).encode(), "snapshot.json: incidents: expected a list"),
        (_snapshot_text(incidents__0__updates=[{"id": "u"}]).encode(), "incidents[0].updates[0].kind: missing"),
    ],
    ids=["non-utf8", "empty", "truncated", "null", "deeply-nested", "huge-number", "year-9999", "year-1",
         "garbage-date", "number-as-string", "list-as-title", "null-title", "object-as-list", "missing-field"],
)  # fmt: skip
def test_bad_snapshot_files_fail_in_one_line_and_leave_the_site(
    previous_site: dict[str, bytes], tmp_path: Path, content: bytes, message: str
) -> None:
    (tmp_path / "snapshot.json").write_bytes(content)
    line = assert_one_line_failure(run_cli(tmp_path, "build", "--snapshot", "snapshot.json"))
    assert message in line


def test_odd_but_readable_snapshot_text_builds(tmp_path: Path) -> None:
    """Control characters, surrogate escapes and U+2028 in a snapshot file: cleaned, not fatal."""
    text = _snapshot_text(incidents__0__title="Line\u2028separator \\ud800 \x07bell")
    (tmp_path / "snapshot.json").write_text(text.replace("\\\\ud800", "\\ud800"), encoding="utf-8")
    run = run_cli(tmp_path, "build", "--snapshot", "snapshot.json")
    assert run.returncode == 0, run.stderr
    heading = texts(lxml.html.fromstring((tmp_path / "site/incidents/1/index.html").read_bytes()), "//h1")
    assert heading == ["Line separator bell"]


def test_a_snapshot_file_with_a_repeated_id_and_odd_numbers_builds_and_says_so(tmp_path: Path) -> None:
    """Once "two outputs want the same path ...; rename one of them in the theme": the plan decides now."""
    incidents = (f.incident(1), f.incident(2, number=10**30), f.incident(3, number=1), f.incident(4, id="inc-1"))
    (tmp_path / "snapshot.json").write_text(snapshot_to_json(f.snapshot(*incidents)), encoding="utf-8")
    run = run_cli(tmp_path, "build", "--snapshot", "snapshot.json", "--quiet")
    assert run.returncode == 0, run.stderr
    assert run.stderr.splitlines() == [
        "warning: incident 'inc-1' appears twice; only the first is published",
        "warning: incident 'inc-2': its number is not from 1 to 999999999999; its page is incidents/inc-2/",
        "warning: incident 'inc-3': number 1 is taken by incident 'inc-1'; its page is incidents/inc-3/",
    ]
    pages = sorted(path.parent.name for path in (tmp_path / "site/incidents").glob("*/index.html"))
    assert pages == ["1", "inc-2", "inc-3"]


class _NestingHandler(http.server.BaseHTTPRequestHandler):
    """A server whose list answer is valid JSON that Python's json module cannot read: too deep, too long a number."""

    body = b'{"count": 1, "data": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length") or 0))  # unread, the client would see a reset
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@pytest.mark.parametrize(
    "body",
    [b'{"count": 1, "data": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", b'{"count": ' + b"9" * 5000 + b', "data": []}'],
    ids=["deeply-nested", "huge-number"],
)
def test_unreadable_but_wellformed_json_from_the_server_is_one_clear_line(tmp_path: Path, body: bytes) -> None:
    handler = type("Nesting", (_NestingHandler,), {"body": body})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        (tmp_path / "statusgen.toml").write_text("[oneuptime]\nretries = 0\n", encoding="utf-8")
        run = run_cli(tmp_path, "build", url=f"http://127.0.0.1:{server.server_port}", project_id="p", api_key="k")
    finally:
        server.shutdown()
        server.server_close()
    assert "Traceback" not in run.output  # holds today
    assert_one_line_failure(run)
    assert "OneUptime did not answer" in run.output


@pytest.mark.parametrize("epoch", ["253402300799", "99999999999999"])
def test_a_build_time_out_of_range_is_one_clear_line(tmp_path: Path, epoch: str) -> None:
    run = run_cli(tmp_path, "build", "--demo", "--timezone", "Asia/Tokyo", environment={"SOURCE_DATE_EPOCH": epoch})
    assert "Traceback" not in run.output  # holds today
    assert_one_line_failure(run)
    assert "SOURCE_DATE_EPOCH" in run.output


@pytest.mark.parametrize(
    ("year", "zone"), [(1, "America/New_York"), (9999, "Asia/Tokyo")], ids=["year-1-west", "year-9999-east"]
)
def test_a_snapshot_made_in_code_with_an_extreme_year_renders(year: int, zone: str) -> None:
    """Dates read from the wire are range-checked; a Snapshot built in code is clamped when shown."""
    extreme = datetime(year, 1, 1, tzinfo=UTC) if year == 1 else datetime(year, 12, 31, 23, tzinfo=UTC)
    snapshot = f.snapshot(f.incident(1, declared_at=extreme))
    files = render_site(snapshot, Config(timezone=zone), f.TAKEN_AT)
    page = lxml.html.fromstring(files["incidents/1/index.html"])
    shown = " ".join(page.xpath("//time/text()"))
    assert str(year) in shown


@pytest.mark.parametrize("privacy", [None, "false", 0, "missing", True])
def test_anything_but_a_real_false_in_is_private_is_private(privacy: object) -> None:
    row = incident("p1")
    if privacy == "missing":
        del row["isPrivate"]
    else:
        row["isPrivate"] = privacy
    snapshot, _ = build(raw(incidents=[row]))
    assert snapshot.incidents == ()
