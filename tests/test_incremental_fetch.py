"""The incremental fetch equals a full fetch of the same server state, for a fraction of the requests."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.fetch import FetchResult, fetch_full, fetch_incremental, refresh_snapshot, source_of
from generator.model import Snapshot
from generator.snapshot import read_snapshot, snapshot_to_json, write_snapshot
from tests.fake_oneuptime import (
    BASE_TIME,
    FakeOneUptime,
    FakeProject,
    Faults,
    ObjectID,
    config_for,
    make_project,
    visible_ids,
)

Start = Callable[..., FakeOneUptime]
Row = dict[str, Any]
# The fetches are dated; the fake's changes carry the real time, which falls after NOW.
NOW = datetime.now(tz=UTC).replace(microsecond=0)
LATER = NOW + timedelta(hours=1)


# --- the fake, as a real server keeps updatedAt --------------------------------------


def with_update_times(project: FakeProject) -> FakeProject:
    """Every row gets updatedAt, as every OneUptime model has (UpdateDateColumn, set on insert too)."""
    for rows in project.tables.values():
        for row in rows:
            row.setdefault("updatedAt", row.get("createdAt") or BASE_TIME)
    return project


class Server:
    """Changes to a fake project made the way OneUptime makes them, updatedAt included.

    The times are real (now): the fetches in these tests are dated NOW and LATER, so
    every change falls after the first snapshot's time minus the safety margin.
    """

    def __init__(self, project: FakeProject) -> None:
        self.project = project
        self.tables = project.tables
        self._serial = 0

    def touch(self, row: Row) -> Row:
        row["updatedAt"] = datetime.now(tz=UTC)
        return row

    def new_id(self) -> str:
        self._serial += 1
        return f"00000000-0000-4000-8000-{self._serial:012d}"

    def incident(self, number: int) -> Row:
        return next(row for row in self.tables["incident"] if row["incidentNumber"] == number)

    def public_incidents(self) -> Iterator[Row]:
        shown = visible_ids(self.project, "incident")
        return (row for row in self.tables["incident"] if row["_id"] in shown)

    def states(self) -> list[str]:
        return [row["_id"] for row in self.tables["incident-state"]]

    def add_incident(self, title: str) -> Row:
        template = next(self.public_incidents())
        declared = datetime.now(tz=UTC)
        row = self.touch(
            {
                **template,
                "_id": self.new_id(),
                "title": title,
                "incidentNumber": 9000 + self._serial,
                "incidentNumberWithPrefix": f"INC-{9000 + self._serial}",
                "declaredAt": declared,
                "createdAt": declared,
                "currentIncidentStateId": ObjectID(self.states()[0]),
                "showPostmortemOnStatusPage": False,
                "postmortemNote": None,
                "postmortemPostedAt": None,
                "incidentEpisodeId": None,
            }
        )
        self.tables["incident"].append(row)
        self.add_timeline(row, self.states()[0])
        return row

    def add_note(self, incident: Row, text: str) -> None:
        posted = datetime.now(tz=UTC)
        note = {"_id": self.new_id(), "incidentId": ObjectID(incident["_id"]), "note": text, "postedAt": posted}
        self.tables["incident-public-note"].append(self.touch({**note, "createdAt": posted}))

    def add_episode_note(self, episode: Row, text: str) -> None:
        posted = datetime.now(tz=UTC)
        note = {"_id": self.new_id(), "incidentEpisodeId": ObjectID(episode["_id"]), "note": text, "postedAt": posted}
        self.tables["incident-episode-public-note"].append(self.touch({**note, "createdAt": posted}))

    def add_timeline(self, incident: Row, state_id: str) -> None:
        starts = datetime.now(tz=UTC)
        for row in self.tables["incident-state-timeline"]:
            if row["incidentId"] == incident["_id"] and row["endsAt"] is None:
                row["endsAt"] = starts
                self.touch(row)
        timeline = {
            "_id": self.new_id(),
            "incidentId": ObjectID(incident["_id"]),
            "incidentStateId": ObjectID(state_id),
            "startsAt": starts,
            "endsAt": None,
            "createdAt": starts,
            "rootCause": "private root cause",
        }
        self.tables["incident-state-timeline"].append(self.touch(timeline))

    def change_state(self, incident: Row, state_id: str) -> None:
        incident["currentIncidentStateId"] = ObjectID(state_id)
        self.touch(incident)
        self.add_timeline(incident, state_id)

    def delete_incident(self, incident: Row) -> None:
        """Soft delete: the row and the rows hanging off it leave every list; a member's episode is updated."""
        self.tables["incident"].remove(incident)
        for member in [m for m in self.tables["incident-episode-member"] if m["incidentId"] == incident["_id"]]:
            self.remove_member(member, touch_incident=False)

    def remove_member(self, member: Row, *, touch_incident: bool = True) -> None:
        """IncidentEpisodeMemberService.onDeleteSuccess: clears the incident's link, recounts the episode."""
        self.tables["incident-episode-member"].remove(member)
        episode = next(e for e in self.tables["incident-episode"] if e["_id"] == member["incidentEpisodeId"])
        episode["incidentCount"] -= 1
        self.touch(episode)
        if touch_incident:
            incident = next(i for i in self.tables["incident"] if i["_id"] == member["incidentId"])
            incident["incidentEpisodeId"] = None
            self.touch(incident)


@pytest.fixture
def project() -> FakeProject:
    return with_update_times(make_project(200, 3, seed=21, private_canaries=True))


def full(fake: FakeOneUptime, now: datetime = LATER, **settings: Any) -> FetchResult:
    return fetch_full(config_for(fake, **settings), now=now)


def assert_equal_snapshots(incremental: FetchResult, full_fetch: FetchResult) -> None:
    """Equal, apart from the source where the two fetches asked different fakes (their URLs differ)."""
    assert incremental.incremental and not full_fetch.incremental
    ours, theirs = replace(incremental.snapshot, source=None), replace(full_fetch.snapshot, source=None)
    assert ours == theirs
    assert snapshot_to_json(ours) == snapshot_to_json(theirs)


# --- the result equals a full fetch -----------------------------------------------------


def test_without_changes_the_update_equals_the_previous_snapshot(
    fake_oneuptime_factory: Start, project: FakeProject
) -> None:
    fake = fake_oneuptime_factory(project)
    first = full(fake, NOW)
    update = fetch_incremental(config_for(fake), first.snapshot, now=LATER)
    assert update.snapshot == replace(first.snapshot, taken_at=LATER)
    assert (update.changed, update.gone) == (0, 0)


def test_after_every_kind_of_change_the_update_equals_a_full_fetch(
    fake_oneuptime_factory: Start, project: FakeProject
) -> None:
    server = Server(project)
    # A postmortem posted for a time between the two fetches: its row does not change.
    scheduled = [row for row in server.public_incidents() if row["showPostmortemOnStatusPage"] is False][-1]
    scheduled.update(
        showPostmortemOnStatusPage=True, postmortemNote="## Scheduled", postmortemPostedAt=NOW + timedelta(minutes=30)
    )
    fake = fake_oneuptime_factory(project)
    first = full(fake, NOW)
    assert all(i.postmortem is None for i in first.snapshot.incidents if i.id == scheduled["_id"])

    public = list(server.public_incidents())
    episode_member = next(
        m for m in project.rows("incident-episode-member") if m["incidentId"] in {r["_id"] for r in public[20:]}
    )
    new = server.add_incident("Login fails for some users")
    server.add_note(public[0], "We found the cause.")  # an old incident gets a note: its row is untouched
    server.change_state(public[1], server.states()[2])
    public[2]["isPrivate"] = True  # retracted
    server.touch(public[2])
    server.delete_incident(public[3])
    public[4].update(
        showPostmortemOnStatusPage=True, postmortemNote="## What happened", postmortemPostedAt=datetime.now(tz=UTC)
    )
    server.touch(public[4])
    public[5]["isVisibleOnStatusPage"] = False  # hidden
    server.touch(public[5])
    episode = next(e for e in project.rows("incident-episode") if e["_id"] in visible_ids(project, "incident-episode"))
    episode["title"] = "Degraded service, now explained"
    server.touch(episode)
    server.remove_member(episode_member)
    quiet_episode = [
        e for e in project.rows("incident-episode") if e["_id"] in visible_ids(project, "incident-episode")
    ][-1]
    server.add_episode_note(quiet_episode, "All member incidents are resolved.")  # the episode row is untouched

    update = fetch_incremental(config_for(fake), first.snapshot, now=LATER)
    expected = full(fake)
    assert_equal_snapshots(update, expected)
    incidents = {i.id: i for i in update.snapshot.incidents}
    assert new["_id"] in incidents and public[2]["_id"] not in incidents and public[3]["_id"] not in incidents
    assert incidents[scheduled["_id"]].postmortem is not None
    assert incidents[public[4]["_id"]].postmortem is not None
    assert incidents[public[0]["_id"]].updates[-1].note == "We found the cause."
    episodes = {e.id: e for e in update.snapshot.episodes}
    assert episodes[quiet_episode["_id"]].updates[-1].note == "All member incidents are resolved."
    assert episodes[episode["_id"]].title == "Degraded service, now explained"
    assert update.gone == 3
    assert 7 <= update.changed <= 11  # new, note, state, two postmortems, episodes and a member's incident
    published = snapshot_to_json(update.snapshot)
    assert not [canary for canary in project.canaries if canary in published]


def test_a_deleted_note_of_a_changed_incident_is_seen(fake_oneuptime_factory: Start, project: FakeProject) -> None:
    server = Server(project)
    fake = fake_oneuptime_factory(project)
    first = full(fake, NOW)
    incident = next(server.public_incidents())
    note = next(n for n in project.rows("incident-public-note") if n["incidentId"] == incident["_id"])
    project.tables["incident-public-note"].remove(note)
    server.change_state(incident, server.states()[1])
    update = fetch_incremental(config_for(fake), first.snapshot, now=LATER)
    assert note["_id"] not in {u.id for i in update.snapshot.incidents for u in i.updates}
    assert_equal_snapshots(update, full(fake))


def test_monitors_are_renamed_and_removed_although_no_incident_row_changed(
    fake_oneuptime_factory: Start, project: FakeProject
) -> None:
    fake = fake_oneuptime_factory(project)
    first = full(fake, NOW)
    renamed, removed = project.tables["monitor"][0], project.tables["monitor"][1]
    renamed["name"] = "Public API"
    project.tables["monitor"].remove(removed)
    update = fetch_incremental(config_for(fake), first.snapshot, now=LATER)
    assert "Public API" in {m.name for m in update.snapshot.monitors}
    assert removed["_id"] not in {m for i in update.snapshot.incidents for m in i.monitor_ids}
    assert_equal_snapshots(update, full(fake))


def test_an_incident_missing_from_the_previous_snapshot_is_fetched_whatever_its_update_time(
    fake_oneuptime_factory: Start, project: FakeProject
) -> None:
    """A server clock far behind ours would hide a change from the updatedAt query; the id listing does not."""
    fake = fake_oneuptime_factory(project)
    first = full(fake, NOW)
    incomplete = replace(first.snapshot, incidents=first.snapshot.incidents[1:], episodes=first.snapshot.episodes[1:])
    update = fetch_incremental(config_for(fake), incomplete, now=LATER)
    assert update.changed == 2
    assert_equal_snapshots(update, full(fake))


def test_a_server_ignoring_queries_still_gives_the_full_result_and_leaks_nothing(
    fake_oneuptime_factory: Start, project: FakeProject
) -> None:
    first = full(fake_oneuptime_factory(project), NOW)
    fake = fake_oneuptime_factory(project, ignore_query=True)
    update = fetch_incremental(config_for(fake), first.snapshot, now=LATER)
    assert update.snapshot == replace(first.snapshot, taken_at=LATER, source=update.snapshot.source)
    text = snapshot_to_json(update.snapshot)
    assert "CANARY" not in text and project.api_key not in text


def test_under_20_percent_server_errors_the_update_still_equals_a_full_fetch(
    fake_oneuptime_factory: Start, project: FakeProject
) -> None:
    server = Server(project)
    first = full(fake_oneuptime_factory(project), NOW)
    server.add_note(next(server.public_incidents()), "Still looking.")
    server.add_incident("Search is slow")
    fake = fake_oneuptime_factory(project, faults=Faults(seed=3, server_error=0.2))
    update = fetch_incremental(config_for(fake, retries=8), first.snapshot, now=LATER)
    assert any(record.fault for record in fake.log)
    assert_equal_snapshots(update, full(fake_oneuptime_factory(project)))


# --- the cost -------------------------------------------------------------------------------


def test_a_no_change_run_of_1000_incidents_takes_few_requests(fake_oneuptime_factory: Start) -> None:
    project = with_update_times(make_project(1000, 4, seed=11))
    fake = fake_oneuptime_factory(project)
    first = full(fake, NOW)
    full_requests = sum(fake.requests.values())
    fake.reset_counts()
    update = fetch_incremental(config_for(fake), first.snapshot, now=LATER)
    # The listings page through what the server matches (isPrivate is filtered on our side).
    listed = sum(1 for r in project.rows("incident") if r["isVisibleOnStatusPage"] is True)
    listed_episodes = sum(1 for r in project.rows("incident-episode") if r["isVisibleOnStatusPage"] is True)
    requests = sum(fake.requests.values())
    assert requests == update.requests
    # Besides the two id listings: one request for each of nine kinds of changed rows, states,
    # severities and monitor names (the episode state timeline is the newest kind); and
    # maintenance, its states and announcements, read in full each time (three, as none is published).
    assert requests <= math.ceil(listed / 100) + math.ceil(listed_episodes / 100) + 11 + 3
    assert requests * 3 < full_requests
    assert fake.requests["incident-public-note"] == 1  # the changed-since query, empty
    assert update.snapshot == replace(first.snapshot, taken_at=LATER)


# --- choosing incremental or full ----------------------------------------------------------


def test_refresh_updates_its_own_snapshot_and_falls_back_otherwise(
    fake_oneuptime_factory: Start, project: FakeProject, tmp_path: Path
) -> None:
    fake = fake_oneuptime_factory(project)
    config = config_for(fake)
    path = tmp_path / "snapshot.json"
    assert not refresh_snapshot(config, path, now=NOW).incremental  # no file yet
    write_snapshot(full(fake, NOW).snapshot, path)
    assert refresh_snapshot(config, path, now=LATER).incremental
    assert refresh_snapshot(config, path, full=True, now=LATER).fallback is None
    write_snapshot(replace(read_snapshot(path), source="0123456789abcdef"), path)
    other = refresh_snapshot(config, path, now=LATER)
    assert (other.incremental, other.fallback) == (False, "previous snapshot is of another project")
    write_snapshot(replace(read_snapshot(path), source=None), path)
    assert refresh_snapshot(config, path, now=LATER).fallback == "previous snapshot does not record its project"
    path.write_text("{oops", encoding="utf-8")
    broken = refresh_snapshot(config, path, now=LATER)
    assert broken.fallback == f"previous snapshot unreadable ({path} is not valid JSON (line 1, column 2))"


def test_the_source_names_url_and_project_but_holds_no_secret(fake_oneuptime: FakeOneUptime) -> None:
    config = config_for(fake_oneuptime)
    source = source_of(config)
    assert len(source) == 16 and config.api_key and config.project_id
    assert config.api_key not in source and config.project_id not in source
    assert source_of(replace(config, url=config.url + "/")) == source
    assert source_of(replace(config, api_key="another key")) == source


def test_the_fetch_command_says_what_it_did(
    fake_oneuptime_factory: Start, project: FakeProject, tmp_path: Path
) -> None:
    fake = fake_oneuptime_factory(project)
    env = {"ONEUPTIME_URL": fake.url, "ONEUPTIME_PROJECT_ID": project.project_id, "ONEUPTIME_API_KEY": project.api_key}
    out = tmp_path / "snapshot.json"

    def fetch(*options: str) -> str:
        result = CliRunner().invoke(main, ["fetch", "--out", str(out), *options], env=env)
        assert result.exit_code == 0, result.output
        return result.output

    shown = len(visible_ids(project, "incident"))
    first = fetch()
    assert first.startswith(f"wrote {out}: {shown} incidents, ") and "(full; " in first
    server = Server(project)
    server.add_note(next(server.public_incidents()), "Fixed.")
    second = fetch()
    assert second.endswith(" (incremental: 1 changed, 0 gone; " + second.rsplit("; ", 1)[1])
    assert "(full; " in fetch("--full")
    assert fetch("--quiet") == ""


def test_a_field_added_to_the_model_survives_an_incremental_fetch() -> None:
    """Unchanged items are merged as model objects: a field the fetch code never heard of is kept."""
    import dataclasses

    from generator.fetch import merge_changes
    from generator.model import Episode, Incident
    from generator.oneuptime import RawChanges, RawProject

    @dataclasses.dataclass(frozen=True, slots=True)
    class IncidentWithMore(Incident):
        added_later: str = "unknown to fetch.py"

    @dataclasses.dataclass(frozen=True, slots=True)
    class EpisodeWithMore(Episode):
        added_later: str = "unknown to fetch.py"

    first = full_snapshot_with_an_episode_member()
    incident = IncidentWithMore(**field_values(first.incidents[0]), added_later="kept")
    episode = EpisodeWithMore(**field_values(first.episodes[0]), added_later="kept too")
    previous = replace(first, incidents=(incident,), episodes=(episode,))
    nothing_changed = RawChanges(
        incident_ids=frozenset({incident.id}),
        episode_ids=frozenset({episode.id}),
        touched_incident_ids=frozenset(),
        touched_episode_ids=frozenset(),
        fresh=RawProject([], [], [], [], [], STATE_ROWS, SEVERITY_ROWS, []),
        monitors=None,
    )
    merged = merge_changes(previous, nothing_changed, LATER)
    assert merged.incidents == (incident,) and merged.incidents[0].added_later == "kept"
    assert merged.episodes == (episode,) and merged.episodes[0].added_later == "kept too"


STATE_ROWS = [{"_id": "s-open", "name": "Open", "order": 1, "isCreatedState": True}]
SEVERITY_ROWS = [{"_id": "v-1", "name": "Major", "order": 1}]


def full_snapshot_with_an_episode_member() -> Snapshot:
    from generator.oneuptime import RawProject
    from generator.visibility import public_snapshot

    incident = {"_id": "i1", "title": "API errors", "declaredAt": NOW, "currentIncidentStateId": "s-open",
                "incidentSeverityId": "v-1", "isVisibleOnStatusPage": True, "isPrivate": False,
                "incidentEpisodeId": "e1", "incidentNumber": 3}  # fmt: skip
    episode = {"_id": "e1", "title": "Wave", "declaredAt": NOW, "currentIncidentStateId": "s-open",
               "isVisibleOnStatusPage": True, "isPrivate": False, "episodeNumber": 1}  # fmt: skip
    raw = RawProject([incident], [episode], [], [], [], STATE_ROWS, SEVERITY_ROWS, [])
    snapshot = public_snapshot(raw, NOW)
    assert snapshot.incidents[0].episode_id == "e1" and snapshot.episodes[0].incident_ids == ("i1",)
    return snapshot


def field_values(item: object) -> dict[str, Any]:
    import dataclasses

    return {f.name: getattr(item, f.name) for f in dataclasses.fields(item)}  # type: ignore[arg-type]
