"""A cron run in which a few resolved incidents changed remakes only what shows them, and gives what a whole build
gives (record_rebuild.py)."""

from __future__ import annotations

import dataclasses
import errno
import json
from datetime import timedelta
from pathlib import Path

import pytest

from generator import writer as writer_module
from generator.build_inputs import snapshot_digest
from generator.clock_ledger import ledger_file_for, read_ledger, records_file_for
from generator.errors import OutputError
from generator.model import Episode, Snapshot
from generator.record_ledger import read_records
from generator.record_rebuild import MOST_CHANGED
from tests import factories as f
from tests.test_clock_rebuild import Site, quiet_project, restored, run_cron_steps, with_note
from tests.test_growing_durations import ongoing_project, theme_replacing

LATER = f.TAKEN_AT + timedelta(minutes=5)
# What a note on a resolved incident may change, besides the incident's and its episode's page and feed.
SITE_WIDE = {"index.html", "feed.rss", "feed.atom"}


def renewed(project: Snapshot) -> Snapshot:
    """`project`'s incidents in a snapshot fetched five minutes later (the uptime window moved too)."""
    return dataclasses.replace(quiet_project(taken_at=LATER), incidents=project.incidents, episodes=project.episodes)


def changed_by_cron(site: Site, project: Snapshot) -> set[str]:
    """The files a cron run five minutes later changed, having taken the record path."""
    site.write(renewed(project))
    report = site.cron(LATER)
    assert report is not None, "the run declined"
    return set(report.write.changed)


@pytest.mark.parametrize(
    ("index", "own"),
    [
        pytest.param(0, {"incidents/1/", "episodes/1/"}, id="a member of an episode"),
        pytest.param(1, {"incidents/2/"}, id="with a postmortem"),
        pytest.param(3, {"incidents/4/"}, id="alone"),
    ],
)
def test_a_note_on_a_resolved_incident_remakes_only_what_shows_it(tmp_path: Path, index: int, own: set[str]) -> None:
    site = Site.built(tmp_path, quiet_project())
    changed = changed_by_cron(site, with_note(quiet_project(), index, "late"))
    site.assert_as_fresh(LATER)
    assert {folder + "index.html" for folder in own} <= changed
    others = {
        path
        for path in changed
        if path not in SITE_WIDE
        and not path.startswith("api/")
        and not any(path.startswith(folder) for folder in own)
        and not (path.startswith("components/") and path.endswith("/feed.atom"))
    }
    assert others == set()  # no month page, service page, history or other incident's page


def test_the_next_runs_go_on_from_the_record_path_s_ledger(tmp_path: Path) -> None:
    """A second note by the record path again, then a clock run, then a build proper: each as a fresh build."""
    site = Site.built(tmp_path, quiet_project())
    first = with_note(quiet_project(), 3, "late-1")
    changed_by_cron(site, first)
    second = with_note(first, 4, "late-2")
    site.write(dataclasses.replace(quiet_project(taken_at=LATER + timedelta(minutes=5)), incidents=second.incidents))
    assert site.cron(LATER + timedelta(minutes=5)) is not None
    site.assert_as_fresh(LATER + timedelta(minutes=5))
    assert site.cron(LATER + timedelta(minutes=10)) is not None  # the clock path, on the record path's ledger
    site.assert_as_fresh(LATER + timedelta(minutes=10))
    site.build(LATER + timedelta(minutes=15))
    site.assert_as_fresh(LATER + timedelta(minutes=15))


def _retitled(project: Snapshot, index: int) -> Snapshot:
    incidents = list(project.incidents)
    incidents[index] = dataclasses.replace(incidents[index], title="A new title")
    return dataclasses.replace(project, incidents=tuple(incidents))


def _reopened(project: Snapshot, index: int) -> Snapshot:
    """The incident no longer resolved: a list shows it otherwise (its card), and so does the banner."""
    incidents = list(project.incidents)
    incident = incidents[index]
    incidents[index] = dataclasses.replace(incident, state_id=f.CREATED.id, updates=incident.updates[:1])
    return dataclasses.replace(project, incidents=tuple(incidents))


def _many_notes(project: Snapshot) -> Snapshot:
    for index in range(MOST_CHANGED + 1):
        project = with_note(project, index % len(project.incidents), f"late-{index}")
    return project


def _episode_renamed(project: Snapshot) -> Snapshot:
    episodes = (dataclasses.replace(project.episodes[0], title="Renamed"),)
    return dataclasses.replace(with_note(project, 0, "late"), episodes=episodes)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda p: _retitled(p, 2), id="a title: every list shows it"),
        pytest.param(lambda p: _reopened(with_note(p, 2, "late"), 2), id="reopened"),
        pytest.param(lambda p: _many_notes(p), id="more changed incidents than the path takes"),
        pytest.param(lambda p: dataclasses.replace(p, incidents=p.incidents[1:]), id="an incident gone"),
        pytest.param(lambda p: _episode_renamed(p), id="an episode changed too"),
    ],
)
def test_a_change_a_list_can_show_goes_through_the_whole_build(tmp_path: Path, change: object) -> None:
    site = Site.built(tmp_path, quiet_project(incidents=12))
    site.write(renewed(change(quiet_project(incidents=12))))  # type: ignore[operator]
    assert site.cron(LATER) is None
    site.build(LATER)
    site.assert_as_fresh(LATER)


def test_a_theme_of_one_s_own_records_no_incidents(tmp_path: Path) -> None:
    """Its lists may show anything of an incident (a note count, the latest note): only a whole build knows."""
    theme = theme_replacing(tmp_path, "_incident_card.html", "card-title", "card-t")
    site = Site.built(tmp_path, quiet_project(), theme=theme)
    ledger = read_ledger(site.config.output)
    assert ledger is not None and ledger.records is None
    site.write(renewed(with_note(quiet_project(), 3, "late")))
    assert site.cron(LATER) is None


@pytest.mark.parametrize("well_formed", [False, True], ids=["a position past the end", "a service missing"])
def test_records_that_are_not_a_build_s_are_declined(tmp_path: Path, well_formed: bool) -> None:
    """Even when the ledger names them by their digest (a hand edit of both files): malformed, or well formed
    but not of this site."""
    site = Site.built(tmp_path, quiet_project())
    ledger_file, records_file = ledger_file_for(site.config.output), records_file_for(site.config.output)
    records = json.loads(records_file.read_bytes())
    assert read_records(records) is not None
    if well_formed:
        records["services"] = records["services"][:1]
    else:
        records["feed"] = [10**6]
    assert (read_records(records) is not None) == well_formed
    records_file.write_text(json.dumps(records))
    ledger = json.loads(ledger_file.read_bytes())
    ledger["records"] = snapshot_digest(records_file.read_bytes())
    ledger_file.write_text(json.dumps(ledger))
    site.write(renewed(with_note(quiet_project(), 3, "late")))
    assert site.cron(LATER) is None


def test_records_of_another_build_are_not_read(tmp_path: Path) -> None:
    """The ledger names its records by their digest: a records file of another build is declined."""
    site = Site.built(tmp_path, quiet_project())
    records_file = records_file_for(site.config.output)
    (tmp_path / "other").mkdir()
    other = Site.built(tmp_path / "other", quiet_project(incidents=7))
    records_file.write_bytes(records_file_for(other.config.output).read_bytes())
    site.write(renewed(with_note(quiet_project(), 3, "late")))
    assert site.cron(LATER) is None


def crowded_project(taken_at: object = f.TAKEN_AT) -> Snapshot:
    """More incidents than a feed shows (FEED_EVENT_LIMIT), most of them on one service: which of them can reach
    the site's feed and that service's is decided by the records' floors."""
    project = quiet_project(incidents=64, taken_at=taken_at)  # type: ignore[arg-type]
    incidents = tuple(
        dataclasses.replace(incident, monitor_ids=("mon-api",)) if number % 7 else incident
        for number, incident in enumerate(project.incidents)
    )
    return dataclasses.replace(project, incidents=incidents)


@pytest.mark.parametrize("index", [63, 30, 0], ids=["the oldest", "in the middle", "the newest"])
def test_a_note_on_an_old_incident_brings_it_into_the_feeds(tmp_path: Path, index: int) -> None:
    """The oldest incident's newest event was below the feeds' floors; its new note is the newest of all."""
    site = Site.built(tmp_path, crowded_project())
    noted = with_note(crowded_project(), index, "late")
    site.write(dataclasses.replace(crowded_project(taken_at=LATER), incidents=noted.incidents))
    assert site.cron(LATER) is not None
    site.assert_as_fresh(LATER)
    feed = (site.config.output / "feed.atom").read_text()
    assert f"/incidents/{index + 1}/#" in feed  # the note, with its anchor


def test_notes_added_and_taken_back_by_runs_in_a_row(tmp_path: Path) -> None:
    """A note taken back moves the incident's newest event back below the floor: the records follow it."""
    site = Site.built(tmp_path, crowded_project())
    steps = [with_note(crowded_project(), 63, "late-a"), crowded_project(), with_note(crowded_project(), 62, "b")]
    for step, project in enumerate(steps, start=1):
        at = f.TAKEN_AT + timedelta(minutes=5 * step)
        site.write(dataclasses.replace(crowded_project(taken_at=at), incidents=project.incidents))
        assert site.cron(at) is not None
        site.assert_as_fresh(at)


@pytest.mark.slow
def test_cron_runs_with_notes_on_a_crowded_project_give_what_a_fresh_build_gives(tmp_path: Path) -> None:
    """run_cron_steps' notes reach incident after incident, minutes to days apart (test_clock_rebuild.py)."""
    steps = [(5, True, True), (5, False, True), (60 * 13, True, False), (1, True, True), (60 * 24, False, True)]
    run_cron_steps(tmp_path, lambda at: crowded_project(taken_at=at), steps)


@pytest.mark.parametrize(
    ("second", "takes_the_path"),
    [
        pytest.param(f.episode(2, incident_ids=("inc-1",), resolved_at=f.at(0.4)), True, id="resolved"),
        pytest.param(
            f.episode(2, declared_at=f.at(0.3), incident_ids=("inc-1",), state_id=f.CREATED.id), False, id="ongoing"
        ),
    ],
)
def test_an_incident_listed_by_two_episodes(tmp_path: Path, second: Episode, takes_the_path: bool) -> None:
    """Its view links only one of them; both episodes' pages and feeds show its note, and an ongoing one's card
    quotes it on the home page (red team: the second episode was left stale)."""
    project = dataclasses.replace(quiet_project(), episodes=(*quiet_project().episodes, second))
    site = Site.built(tmp_path, project)
    site.write(renewed(with_note(project, 0, "late")))
    assert (site.cron(LATER) is not None) == takes_the_path
    if not takes_the_path:
        site.build(LATER)
    site.assert_as_fresh(LATER)


def test_a_note_while_another_incident_is_ongoing_takes_the_path(tmp_path: Path) -> None:
    """The ongoing incident's card reads "ongoing for 59 min" five minutes later: the clock path rewrites that
    where it shows, so its card counts it by when it began (red team: such a site never took the path)."""
    site = Site.built(tmp_path, ongoing_project())
    noted = with_note(ongoing_project(), 1, "late")
    site.write(dataclasses.replace(ongoing_project(taken_at=LATER), incidents=noted.incidents))
    assert site.cron(LATER) is not None
    site.assert_as_fresh(LATER)


def test_a_run_that_fails_halfway_leaves_no_key_for_a_renewed_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Until its last rename the marker holds no page keys: a later run whose data is the earlier again (the note
    deleted, or made private) must not keep the renewed incident page by its old key."""
    site = Site.built(tmp_path, quiet_project())
    site.write(renewed(with_note(quiet_project(), 3, "secret-ish")))
    renamed = writer_module.replace_file

    def failing(path: Path, data: bytes, temporary: Path | None = None) -> None:
        if path.name == "index.html" and path.parent == site.config.output:  # the last file: the home page
            raise OSError(errno.ENOSPC, "No space left on device")
        renamed(path, data, temporary)

    monkeypatch.setattr(writer_module, "replace_file", failing)
    with pytest.raises(OutputError):
        site.cron(LATER)
    monkeypatch.undo()
    assert "Late." in (site.config.output / "incidents/4/index.html").read_text()  # renewed before the failure
    later = LATER + timedelta(minutes=5)
    site.write(dataclasses.replace(quiet_project(taken_at=later)))
    assert not site.cron_or_build(later)
    site.assert_as_fresh(later)


def test_a_site_restored_from_a_ci_cache_takes_the_record_path(tmp_path: Path) -> None:
    """The CI examples keep the records beside the ledger: the restored site is listed, not sealed."""
    (tmp_path / "first").mkdir()
    site = Site.built(tmp_path / "first", quiet_project())
    copy = restored(site, tmp_path / "restored")
    copy.write(renewed(with_note(quiet_project(), 3, "late")))
    report = copy.cron(LATER)
    assert report is not None and "incidents/4/index.html" in report.write.changed
    copy.assert_as_fresh(LATER)


def test_a_build_makes_its_records_once_while_its_workers_render(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enough incidents for workers (parallel.PARALLEL_THRESHOLD outputs): the ledger's records are made before
    the first outcome is collected, not after the last, and a note by the record path still gives a fresh build."""
    from generator import build, parallel

    log: list[str] = []
    made, collected = build.ledger_records, build._files

    def records(*args, **kwargs):  # type: ignore[no-untyped-def]
        log.append("records")
        return made(*args, **kwargs)

    def files(*args, **kwargs):  # type: ignore[no-untyped-def]
        for item in collected(*args, **kwargs):
            log.append("outcome")
            yield item

    monkeypatch.setattr(build, "ledger_records", records)
    monkeypatch.setattr(build, "_files", files)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)  # workers, on a machine of one core too
    project = quiet_project(incidents=110)
    site = Site.built(tmp_path, project)
    assert log.count("records") == 1 and log.index("records") < log.index("outcome")
    assert log.count("outcome") > 2 * 110
    changed = changed_by_cron(site, with_note(project, 5, "late"))
    assert "incidents/6/index.html" in changed
    site.assert_as_fresh(LATER)
