"""A cron run whose data did not change remakes only what shows the time, and gives exactly what a whole build gives."""

from __future__ import annotations

import dataclasses
import errno
import functools
import json
import os
import shutil
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import clock_rebuild as clock_rebuild_module
from generator import writer as writer_module
from generator.build import build_from_source
from generator.clock_ledger import CHANNEL_FIELDS, ledger_file_for, read_ledger, records_file_for
from generator.clock_rebuild import clock_rebuild
from generator.config import Config
from generator.errors import OutputError
from generator.feeds import Channel
from generator.model import Maintenance, Snapshot, StatusPage, Update, UpdateKind
from generator.seal import file_identity, seal_file_for, sealed_listing
from generator.site_swap import replace_file
from generator.snapshot import SnapshotSource, read_snapshot_file, snapshot_to_json, write_snapshot
from generator.snapshot_sections import FileDigests, file_digests
from generator.writer import MARKER_NAME, BuildReport, replace_files
from tests import factories as f
from tests.status_page_fixtures import OPERATIONAL, demo_status_page, mirroring
from tests.test_cache_property import MAINTENANCE_STATES, site_files

BASE = "https://status.example.com"
MONITORS = ("mon-api", "mon-dashboard", "mon-login", "mon-db-eu", "mon-search", "mon-cdn", "mon-email")


def quiet_page(taken_at: datetime) -> StatusPage:
    """The demo's status page with nothing wrong now (the API's current trouble is over), fetched at `taken_at`:
    the same rows, the window up to then."""
    page = demo_status_page(f.TAKEN_AT)
    window = (taken_at - timedelta(days=page.uptime_days), taken_at)
    page = dataclasses.replace(page, window_start=window[0], window_end=window[1])
    periods = tuple(
        dataclasses.replace(period, status_id=OPERATIONAL.id) if period.ends_at is None else period
        for period in page.status_periods
    )
    current = tuple(dataclasses.replace(state, status_id=OPERATIONAL.id) for state in page.current_statuses)
    return dataclasses.replace(page, status_periods=periods, current_statuses=current)


def quiet_project(incidents: int = 6, taken_at: datetime = f.TAKEN_AT) -> Snapshot:
    """Resolved incidents on most services (webhooks has none: its feed is dated by the build), a resolved
    episode, maintenance long past and far ahead, one postmortem: nothing that moves by the minute."""
    made = [
        f.incident(
            n,
            monitor_ids=(MONITORS[n % len(MONITORS)],),
            updates=(f.note(f"n{n}", n - 0.5, f"Fixed **{n}**."), f.state_change(f"s{n}", n - 0.7, f.RESOLVED)),
            postmortem=f.postmortem(0.5, "What happened.") if n == 2 else None,
        )
        for n in range(1, incidents + 1)
    ]
    made[0] = dataclasses.replace(made[0], episode_id="ep-1")
    episode = f.episode(1, incident_ids=(made[0].id,), resolved_at=f.at(0.5))
    events = tuple(_maintenance(n, days) for n, days in ((1, -20), (2, 40)))
    project = f.snapshot(
        *made, episodes=(episode,), taken_at=taken_at, maintenance_states=MAINTENANCE_STATES, maintenance=events
    )
    return mirroring(project, quiet_page(taken_at))


def _maintenance(n: int, days_ahead: int) -> Maintenance:
    starts = f.TAKEN_AT + timedelta(days=days_ahead)
    state = MAINTENANCE_STATES[0 if days_ahead > 0 else 2]
    change = Update(f"ms{n}", UpdateKind.STATE, f.TAKEN_AT - timedelta(days=30), state_id=state.id)
    return Maintenance(
        id=f"m-{n}",
        title=f"Database upgrade {n}",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        state_id=state.id,
        number=n,
        monitor_ids=("mon-db-eu",),
        created_at=f.TAKEN_AT - timedelta(days=31),
        updated_at=f.TAKEN_AT - timedelta(days=30),
        updates=(change,),
    )


class Site:
    """A snapshot file and an output folder built from it, as a cron job has them."""

    def __init__(self, folder: Path, base_url: str | None = BASE, theme: Path | None = None) -> None:
        self.snapshot_file = folder / "snapshot.json"
        self.config = Config(output=folder / "site", base_url=base_url, theme=theme)
        self.fresh = Config(output=folder / "fresh", base_url=base_url, theme=theme)

    @classmethod
    def built(cls, folder: Path, snapshot: Snapshot, theme: Path | None = None) -> Site:
        """A site built once from `snapshot`, as the last cron run left it."""
        site = cls(folder, theme=theme)
        site.write(snapshot)
        site.build()
        return site

    def write(self, snapshot: Snapshot) -> None:
        write_snapshot(snapshot, self.snapshot_file)

    def source(self) -> SnapshotSource:
        identity = file_identity(self.snapshot_file)
        return SnapshotSource(self.snapshot_file.read_bytes(), str(self.snapshot_file), identity)

    def build(self, at: datetime | None = None) -> BuildReport:
        return build_from_source(self.source(), self.config, environ=_epoch(at))

    def cron(self, at: datetime | None = None) -> BuildReport | None:
        """The clock path alone: its report, or None when it declined."""
        return clock_rebuild(self.source(), self.config, environ=_epoch(at))

    def cron_or_build(self, at: datetime | None = None) -> bool:
        """What `statusgen build` does; whether the clock path took it."""
        if self.cron(at) is not None:
            return True
        self.build(at)
        return False

    def assert_as_fresh(self, at: datetime | None = None) -> None:
        """The folder holds byte for byte what a whole build at that time into an empty folder gives."""
        build_from_source(self.source(), self.fresh, environ=_epoch(at), use_cache=False)
        assert site_files(self.config.output) == site_files(self.fresh.output)


def _epoch(at: datetime | None) -> dict[str, str]:
    return {"SOURCE_DATE_EPOCH": str(int(at.timestamp()))} if at is not None else {}


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site.built(tmp_path, quiet_project())


def test_five_minutes_later_only_the_home_page_and_the_empty_feeds_are_remade(site: Site) -> None:
    """The API and webhooks services had no incident: their feeds are dated by the build."""
    report = site.cron(f.TAKEN_AT + timedelta(minutes=5))
    assert report is not None
    assert report.write.changed == ("components/public-api/feed.atom", "components/webhooks/feed.atom", "index.html")
    assert report.write.added == () and report.write.removed == ()
    site.assert_as_fresh(f.TAKEN_AT + timedelta(minutes=5))


def test_without_a_seal_the_site_is_listed_and_sealed_again(site: Site) -> None:
    """Without the seal (gone, or a folder touched since it was made) nothing vouches for the site's files: the run
    lists them, replaces the remade ones in place and seals the site, so the next run needs no listing."""
    seal_file_for(site.config.output).unlink()
    later = f.TAKEN_AT + timedelta(minutes=5)
    report = site.cron(later)
    assert report is not None
    assert report.write.changed == ("components/public-api/feed.atom", "components/webhooks/feed.atom", "index.html")
    site.assert_as_fresh(later)
    assert sealed_listing(site.config.output) is not None
    assert site.cron(later + timedelta(minutes=5)) is not None
    site.assert_as_fresh(later + timedelta(minutes=5))


def restored(site: Site, folder: Path) -> Site:
    """The site, its ledger and records and its snapshot copied as a CI cache restores them: the same bytes, new
    inodes, and neither the seal nor the spare tree (examples/ cache only these four)."""
    copy = Site(folder)
    shutil.copytree(site.config.output, copy.config.output, symlinks=True)
    shutil.copy2(ledger_file_for(site.config.output), ledger_file_for(copy.config.output))
    if records_file_for(site.config.output).exists():
        shutil.copy2(records_file_for(site.config.output), records_file_for(copy.config.output))
    shutil.copy2(site.snapshot_file, copy.snapshot_file)
    return copy


def test_a_restored_site_is_sealed_by_the_first_run_that_finds_it_in_place(site: Site, tmp_path: Path) -> None:
    copy = restored(site, tmp_path / "restored")
    later = f.TAKEN_AT + timedelta(minutes=5)
    assert copy.cron(later) is not None
    assert sealed_listing(copy.config.output) is None
    assert copy.cron(later + timedelta(minutes=5)) is not None
    assert sealed_listing(copy.config.output) is not None
    assert copy.cron(later + timedelta(minutes=10)) is not None
    copy.assert_as_fresh(later + timedelta(minutes=10))


def test_a_site_restored_from_a_ci_cache_takes_the_clock_path(site: Site, tmp_path: Path) -> None:
    copy = restored(site, tmp_path / "restored")
    later = f.TAKEN_AT + timedelta(minutes=5)
    report = copy.cron(later)
    assert report is not None
    assert report.write.changed == ("components/public-api/feed.atom", "components/webhooks/feed.atom", "index.html")
    copy.assert_as_fresh(later)
    assert sealed_listing(copy.config.output) is None  # the next job restores it again, without a seal
    again = restored(copy, tmp_path / "restored-again")  # the next job restores what this one saved
    assert again.cron(later + timedelta(minutes=5)) is not None
    again.assert_as_fresh(later + timedelta(minutes=5))


@pytest.mark.parametrize("change", ["file gone", "file added", "empty folder", "other marker"])
def test_a_restored_site_that_is_not_the_ledger_s_builds_whole(site: Site, tmp_path: Path, change: str) -> None:
    """The walk must find exactly the files the last build left, and the marker must be its very bytes."""
    copy = restored(site, tmp_path / "restored")
    output = copy.config.output
    if change == "file gone":
        (output / "history" / "index.html").unlink()
    elif change == "file added":
        (output / "history" / "stray.html").write_text("<p>not ours</p>", encoding="utf-8")
    elif change == "empty folder":
        (output / "history" / "empty").mkdir()
    else:
        (tmp_path / "other").mkdir()
        other = Site(tmp_path / "other")
        other.config = Config(output=tmp_path / "other" / "site", base_url=BASE, timezone="Asia/Tokyo")
        other.write(quiet_project())
        other.build()
        shutil.copy2(other.config.output / MARKER_NAME, output / MARKER_NAME)
    later = f.TAKEN_AT + timedelta(minutes=5)
    assert copy.cron(later) is None
    copy.build(later)
    copy.assert_as_fresh(later)


def test_without_feeds_the_home_page_is_replaced_in_place(tmp_path: Path) -> None:
    site = Site(tmp_path, base_url=None)
    site.write(quiet_project())
    site.build()
    for minutes in (5, 10, 15):
        report = site.cron(f.TAKEN_AT + timedelta(minutes=minutes))
        assert report is not None and report.write.changed == ("index.html",)
        site.assert_as_fresh(f.TAKEN_AT + timedelta(minutes=minutes))


def test_a_renewed_fetch_of_the_same_data_takes_the_clock_path(site: Site) -> None:
    """A fetch renews the snapshot's time and its uptime window; the incidents' bytes stay as they were."""
    later = f.TAKEN_AT + timedelta(minutes=5)
    renewed = quiet_project(taken_at=later)
    assert renewed.status_page is not None and renewed.status_page.window_end == later
    site.write(renewed)
    assert site.cron() is not None
    site.assert_as_fresh()


def test_a_renewed_file_is_hashed_while_the_services_are_planned(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """The run waits for the new file's digests only after planning: hashing that lasts until the planning
    begins still ends in the clock path (a run that waited for the digests first would find them missing)."""
    planning = threading.Event()
    plan = clock_rebuild_module.plan_clock_parts

    def planned(*args, **kwargs):  # type: ignore[no-untyped-def]
        planning.set()
        return plan(*args, **kwargs)

    class Hashed(SnapshotSource):
        @functools.cached_property
        def digests(self) -> FileDigests:
            if not planning.wait(timeout=20):
                raise AssertionError("the digests were waited for before the planning began")
            return file_digests(self.data, self.spans)

    monkeypatch.setattr(clock_rebuild_module, "plan_clock_parts", planned)
    site.write(quiet_project(taken_at=f.TAKEN_AT + timedelta(minutes=5)))
    renewed = site.source()
    assert clock_rebuild(Hashed(renewed.data, renewed.name, renewed.file_identity), site.config, {}) is not None
    site.assert_as_fresh()


def test_a_ledger_whose_site_was_removed_declines_before_hashing_or_planning(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An operator removed the folder and left the files beside it: the build proper runs, and nothing is
    hashed or planned for a clock path that could only decline later."""

    def never(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("planned for a site that is gone")

    hashed: list[str] = []  # (an exception on the hashing thread would be kept there, unseen)

    class Counted(SnapshotSource):
        @functools.cached_property
        def digests(self) -> FileDigests:
            hashed.append(self.name)
            return file_digests(self.data, self.spans)

    shutil.rmtree(site.config.output)
    assert read_ledger(site.config.output) is not None  # (the ledger outlived its site)
    monkeypatch.setattr(clock_rebuild_module, "plan_clock_parts", never)
    site.write(quiet_project(taken_at=f.TAKEN_AT + timedelta(minutes=5)))
    renewed = site.source()
    assert clock_rebuild(Counted(renewed.data, renewed.name, renewed.file_identity), site.config, {}) is None
    assert hashed == []
    monkeypatch.undo()
    site.build()
    site.assert_as_fresh()


def test_the_same_run_again_is_up_to_date_by_the_seal(site: Site) -> None:
    later = f.TAKEN_AT + timedelta(minutes=5)
    assert site.cron(later) is not None
    report = site.build(later)
    assert not report.write.has_changes


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda s: _retitled_incident(with_note(s, 0, "late")), id="a new note and a new title"),
        pytest.param(lambda s: dataclasses.replace(s, incidents=s.incidents[1:]), id="an incident gone"),
        pytest.param(lambda s: _renamed_state(s), id="a state renamed"),
        pytest.param(lambda s: _retitled_maintenance(s), id="maintenance retitled"),
        pytest.param(lambda s: _retitled_page(s), id="the status page retitled"),
    ],
)
def test_a_change_in_the_data_goes_through_the_whole_build(site: Site, change: object) -> None:
    changed = change(quiet_project())  # type: ignore[operator]
    site.write(dataclasses.replace(changed, taken_at=f.TAKEN_AT + timedelta(minutes=5)))
    assert site.cron() is None
    site.build()
    site.assert_as_fresh()


def with_note(snapshot: Snapshot, index: int, note_id: str) -> Snapshot:
    incidents = list(snapshot.incidents)
    incident = incidents[index]
    incidents[index] = dataclasses.replace(incident, updates=(*incident.updates, f.note(note_id, 0.1, "Late.")))
    return dataclasses.replace(snapshot, incidents=tuple(incidents))


def _retitled_incident(snapshot: Snapshot, step: int = 0) -> Snapshot:
    """A change every list shows (a note alone takes the record path: tests/test_record_rebuild.py)."""
    incidents = (dataclasses.replace(snapshot.incidents[0], title=f"Retitled {step}"), *snapshot.incidents[1:])
    return dataclasses.replace(snapshot, incidents=incidents)


def _renamed_state(snapshot: Snapshot) -> Snapshot:
    states = tuple(dataclasses.replace(s, name="All good") if s.is_resolved else s for s in snapshot.states)
    return dataclasses.replace(snapshot, states=states)


def _retitled_maintenance(snapshot: Snapshot) -> Snapshot:
    events = (dataclasses.replace(snapshot.maintenance[0], title="Renamed"), *snapshot.maintenance[1:])
    return dataclasses.replace(snapshot, maintenance=events)


def _retitled_page(snapshot: Snapshot) -> Snapshot:
    assert snapshot.status_page is not None
    return dataclasses.replace(snapshot, status_page=dataclasses.replace(snapshot.status_page, title="Other"))


def test_a_trouble_on_a_service_goes_through_the_whole_build(site: Site) -> None:
    """A new uptime row is not in the bytes compared: the services planned from the rows are."""
    project = quiet_project(taken_at=f.TAKEN_AT + timedelta(minutes=5))
    assert project.status_page is not None
    page = project.status_page
    trouble = dataclasses.replace(page.status_periods[-1], id="new", status_id="st-offline", starts_at=f.at(-0.01))
    ended = dataclasses.replace(page.status_periods[-1], ends_at=f.at(-0.01))
    periods = (*page.status_periods[:-1], ended, trouble)
    site.write(dataclasses.replace(project, status_page=dataclasses.replace(page, status_periods=periods)))
    assert site.cron() is None
    site.build()
    site.assert_as_fresh()


def test_the_next_local_day_goes_through_the_whole_build(site: Site) -> None:
    tomorrow = f.TAKEN_AT.replace(hour=0) + timedelta(days=1, minutes=1)
    assert site.cron(tomorrow) is None
    site.build(tomorrow)
    site.assert_as_fresh(tomorrow)


def test_a_postmortem_dated_later_appears_by_a_whole_build(tmp_path: Path) -> None:
    site = Site(tmp_path)
    project = quiet_project()
    incidents = (
        dataclasses.replace(project.incidents[0], postmortem=f.postmortem(-0.1, "Later.")),
        *project.incidents[1:],
    )
    site.write(dataclasses.replace(project, incidents=incidents))
    site.build()
    ledger = read_ledger(site.config.output)
    assert ledger is not None and ledger.horizon == "2026-11-20T12:06:00Z"
    assert site.cron(f.TAKEN_AT + timedelta(minutes=5)) is not None
    assert site.cron(f.TAKEN_AT + timedelta(minutes=10)) is None
    site.build(f.TAKEN_AT + timedelta(minutes=10))
    site.assert_as_fresh(f.TAKEN_AT + timedelta(minutes=10))
    assert (
        b"Later."
        in (site.config.output / project.incidents[0].id.replace("inc-", "incidents/") / "index.html").read_bytes()
    )


def test_an_earlier_time_goes_through_the_whole_build(site: Site) -> None:
    assert site.cron(f.TAKEN_AT - timedelta(minutes=5)) is None


def test_a_home_page_edited_by_hand_is_not_spliced(site: Site) -> None:
    home = site.config.output / "index.html"
    home.write_bytes(home.read_bytes().replace(b"</body>", b"<p>hand</p></body>"))
    assert site.cron(f.TAKEN_AT + timedelta(minutes=5)) is None


def test_a_build_in_between_makes_the_ledger_stale(site: Site) -> None:
    other = Config(output=site.config.output, base_url=BASE, timezone="Asia/Tokyo")
    build_from_source(site.source(), other)
    ledger = read_ledger(site.config.output)
    assert ledger is not None  # that build's own ledger, for its own settings
    assert site.cron(f.TAKEN_AT + timedelta(minutes=5)) is None
    site.build(f.TAKEN_AT + timedelta(minutes=5))
    site.assert_as_fresh(f.TAKEN_AT + timedelta(minutes=5))


def test_a_snapshot_in_another_layout_leaves_no_ledger(site: Site) -> None:
    document = json.loads(snapshot_to_json(quiet_project()))
    site.snapshot_file.write_text(json.dumps(document, separators=(",", ":")), encoding="utf-8")
    site.build(f.TAKEN_AT + timedelta(minutes=1))
    assert not ledger_file_for(site.config.output).exists()
    assert site.cron(f.TAKEN_AT + timedelta(minutes=5)) is None


def test_the_ledger_holds_no_secret_and_no_private_text(tmp_path: Path) -> None:
    site = Site(tmp_path)
    site.config = Config(output=tmp_path / "site", base_url=BASE, api_key="sk-secret-key-123")
    site.write(quiet_project())
    site.build()
    text = ledger_file_for(site.config.output).read_text(encoding="utf-8")
    assert "sk-secret-key-123" not in text
    assert "Fixed" not in text and "Database upgrade" not in text  # digests, not data


STEPS = st.tuples(st.sampled_from([0, 1, 5, 30, 60 * 5, 60 * 13, 60 * 24 * 3]), st.booleans(), st.booleans())


@pytest.mark.slow
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(STEPS, min_size=1, max_size=4))
def test_any_run_of_cron_jobs_gives_what_a_fresh_build_gives(
    tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[int, bool, bool]]
) -> None:
    """Cron runs minutes to days apart, each with the snapshot renewed or not, some with a new note:
    after each, the folder is what a whole build gives, whichever path the run took."""
    run_cron_steps(tmp_path_factory.mktemp("cron"), lambda at: quiet_project(taken_at=at), steps)


def run_cron_steps(
    folder: Path, project_at: Callable[[datetime], Snapshot], steps: list[tuple[int, bool, bool]]
) -> None:
    """Build the project, then for each step (minutes later, fetched again, with a new note) run as
    `statusgen build` does and check the folder against a whole build at that time."""
    project = project_at(f.TAKEN_AT)
    site = Site.built(folder, project)
    now = f.TAKEN_AT
    for number, (minutes, renewed, noted) in enumerate(steps):
        now += timedelta(minutes=minutes)
        if noted:
            project = with_note(project, number % len(project.incidents), f"late-{number}")
        if renewed or noted:
            site.write(dataclasses.replace(project_at(now), incidents=project.incidents))
        site.cron_or_build(now)
        site.assert_as_fresh(now)


def test_a_theme_that_shows_the_time_in_the_page_itself_builds_whole(tmp_path: Path) -> None:
    """The time named by the page template, not by an included partial: no splice can remake it."""
    theme = tmp_path / "theme"
    theme.mkdir()
    default = (Path(__file__).parent.parent / "themes" / "default" / "index.html").read_text(encoding="utf-8")
    (theme / "index.html").write_text(default.replace("{% block content %}", "{% block content %}{{ build_time }}", 1))
    site = Site(tmp_path, theme=theme)
    site.write(quiet_project())
    site.build()
    assert not ledger_file_for(site.config.output).exists()
    assert site.cron(f.TAKEN_AT + timedelta(minutes=5)) is None
    site.build(f.TAKEN_AT + timedelta(minutes=5))
    site.assert_as_fresh(f.TAKEN_AT + timedelta(minutes=5))


def test_a_theme_that_shows_the_time_on_every_page_builds_whole(tmp_path: Path) -> None:
    """A footer with the time: every page would be remade, more than is worth checking (clock_record.py)."""
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "_footer.html").write_text("<footer><time>{{ build_time|iso }}</time></footer>\n", encoding="utf-8")
    site = Site(tmp_path, theme=theme)
    site.write(quiet_project(incidents=20))
    site.build()
    assert not ledger_file_for(site.config.output).exists()
    site.build(f.TAKEN_AT + timedelta(minutes=5))
    site.assert_as_fresh(f.TAKEN_AT + timedelta(minutes=5))


def test_a_partial_that_shows_a_page_s_own_views_with_the_time_builds_whole(tmp_path: Path) -> None:
    """The banner made to show the recent days too: a cron run without the incidents cannot remake it."""
    theme = tmp_path / "theme"
    theme.mkdir()
    default = (Path(__file__).parent.parent / "themes" / "default" / "_banner.html").read_text(encoding="utf-8")
    (theme / "_banner.html").write_text(default + "{{ days|length }}\n", encoding="utf-8")
    site = Site(tmp_path)
    site.config = Config(output=tmp_path / "site", base_url=BASE, theme=theme)
    site.write(quiet_project())
    site.build()
    assert not ledger_file_for(site.config.output).exists()


def test_a_snapshot_renamed_into_place_while_read_keeps_the_identity_of_the_bytes_read(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An overlapping fetch renames a new snapshot (an incident made private) into place while a build reads:
    the identity is taken from the open file, so it names the bytes read, never the new file's (red team)."""
    later = f.TAKEN_AT + timedelta(minutes=5)
    retracted = quiet_project(taken_at=later)
    retracted = dataclasses.replace(retracted, incidents=tuple(i for i in retracted.incidents if i.id != "inc-3"))
    real_open = open

    def open_then_fetch(path: Path, mode: str = "r") -> object:
        handle = real_open(path, mode)
        write_snapshot(retracted, site.snapshot_file)  # renamed into place after the open, before the read
        return handle

    monkeypatch.setattr("builtins.open", open_then_fetch)
    source = read_snapshot_file(site.snapshot_file)
    monkeypatch.undo()
    assert source.data != site.snapshot_file.read_bytes()  # the old file's bytes were read
    assert source.file_identity != file_identity(site.snapshot_file)
    clock_rebuild(source, site.config, environ=_epoch(later))  # the old bytes: the clock path may take it
    build_from_source(source, site.fresh, environ=_epoch(later), use_cache=False)
    assert site_files(site.config.output) == site_files(site.fresh.output)
    site.cron_or_build()  # the next run reads the new file: the incident is taken down
    site.assert_as_fresh()
    assert not (site.config.output / "incidents" / "3").exists()


def test_a_partial_included_inside_a_with_is_not_remade(tmp_path: Path) -> None:
    """The includer rebinds a name the partial reads: splicing it alone would give another value (red team)."""
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "index.html").write_text(
        '{% extends "base.html" %}\n{% block head %}{% include "_live_head.html" %}{% endblock %}\n'
        '{% block content %}{% with root = "/status/" %}{% include "_banner.html" %}{% endwith %}{% endblock %}\n',
        encoding="utf-8",
    )
    (theme / "_banner.html").write_text(
        '<p>Updated {{ build_time|iso }}{% if build_time.minute >= 30 %} <a href="{{ root }}subscribe/">news</a>'
        "{% endif %}</p>\n",
        encoding="utf-8",
    )
    site = Site(tmp_path, base_url=None, theme=theme)
    site.write(quiet_project())
    site.build()
    assert not ledger_file_for(site.config.output).exists()
    site.cron_or_build(f.TAKEN_AT + timedelta(minutes=35))
    site.assert_as_fresh(f.TAKEN_AT + timedelta(minutes=35))


@pytest.mark.parametrize(
    ("field", "value"),
    [("channel", ["components/api/", "Title"]), ("path", "../outside/"), ("digests", {"../x": "0"}), ("kind", "x")],
)
def test_a_malformed_ledger_is_declined_not_raised(site: Site, field: str, value: object) -> None:
    ledger_file = ledger_file_for(site.config.output)
    document = json.loads(ledger_file.read_bytes())
    feed = next(entry for entry in document["remade"] if entry["kind"] == "feed")
    feed[field] = value
    ledger_file.write_text(json.dumps(document), encoding="utf-8")
    assert read_ledger(site.config.output) is None
    assert site.cron(f.TAKEN_AT + timedelta(minutes=5)) is None


@pytest.mark.parametrize("spans", [{"incidents": [True, 2]}, {"incidents": "x"}, {"incidents": [1, 2, 3]}, []])
def test_a_ledger_with_malformed_spans_is_declined(site: Site, spans: object) -> None:
    ledger_file = ledger_file_for(site.config.output)
    document = json.loads(ledger_file.read_bytes())
    document["spans"] = spans
    ledger_file.write_text(json.dumps(document), encoding="utf-8")
    assert read_ledger(site.config.output) is None


@pytest.mark.parametrize("spans", [{}, {"incidents": [1, 2], "episodes": [3, 4]}])
def test_spans_recorded_wrong_are_searched_again_and_the_run_is_still_exact(site: Site, spans: object) -> None:
    ledger_file = ledger_file_for(site.config.output)
    document = json.loads(ledger_file.read_bytes())
    document["spans"] = spans
    ledger_file.write_text(json.dumps(document), encoding="utf-8")

    assert site.cron(f.TAKEN_AT + timedelta(minutes=5)) is not None
    site.assert_as_fresh(f.TAKEN_AT + timedelta(minutes=5))


def test_a_remade_feed_holds_every_field_of_its_channel() -> None:
    assert len(dataclasses.fields(Channel)) == CHANNEL_FIELDS


def test_cron_runs_in_place_mixed_with_builds_that_use_the_spare_tree(tmp_path: Path) -> None:
    """Without feeds each cron run replaces the home page in place; builds with a new title in between (a note
    alone would take the record path) swap through the spare tree. After each step the folder is a fresh build
    (red team)."""
    site = Site(tmp_path, base_url=None)
    project = quiet_project()
    site.write(project)
    site.build()
    now, took = f.TAKEN_AT, []
    for step, (minutes, noted) in enumerate([(5, False), (5, True), (5, False), (5, False), (5, True), (1, False)]):
        now += timedelta(minutes=minutes)
        if noted:
            project = _retitled_incident(with_note(project, step % len(project.incidents), f"late-{step}"), step)
        site.write(dataclasses.replace(quiet_project(taken_at=now), incidents=project.incidents))
        took.append(site.cron_or_build(now))
        site.assert_as_fresh(now)
    assert took == [True, False, True, True, False, True]


BANNER_ON_THE_HALF_HOUR = (
    '<p>Updated {{ build_time|iso }}{% if build_time.minute >= 30 %} <a href="{{ root }}subscribe/">news</a>'
    "{% endif %}</p>\n"
)
INCLUDES_THE_BANNER = '{% extends "base.html" %}\n{% block head %}{% include "_live_head.html" %}{% endblock %}\n'


def _themed_site(tmp_path: Path, files: dict[str, str]) -> Site:
    theme = tmp_path / "theme"
    theme.mkdir()
    for name, text in files.items():
        (theme / name).write_text(text, encoding="utf-8")
    site = Site(tmp_path, base_url=None, theme=theme)
    site.write(quiet_project())
    site.build()
    return site


def test_a_macro_beside_the_include_that_shadows_a_name_the_partial_reads_is_not_remade(tmp_path: Path) -> None:
    """A macro binds its name for an include beside it as {% set %} does (second red team)."""
    index = INCLUDES_THE_BANNER + (
        '{% block content %}{% macro root() %}/elsewhere/{% endmacro %}{% include "_banner.html" %}{% endblock %}\n'
    )
    site = _themed_site(tmp_path, {"index.html": index, "_banner.html": BANNER_ON_THE_HALF_HOUR})
    assert not ledger_file_for(site.config.output).exists()
    site.cron_or_build(f.TAKEN_AT + timedelta(minutes=35))
    site.assert_as_fresh(f.TAKEN_AT + timedelta(minutes=35))


@pytest.mark.parametrize(
    "wrap", [('{% with root = "/x/" %}', "{% endwith %}"), ('{% for root in ["/x/"] %}', "{% endfor %}")]
)
def test_a_scoped_block_in_the_layout_around_the_include_is_not_remade(tmp_path: Path, wrap: tuple[str, str]) -> None:
    """The layout renders the page's block `scoped` inside a loop or `with`: the partial sees its names."""
    default = (Path(__file__).parent.parent / "themes" / "default" / "base.html").read_text(encoding="utf-8")
    layout = default.replace(
        "{% block content %}{% endblock %}", f"{wrap[0]}{{% block content scoped %}}{{% endblock %}}{wrap[1]}"
    )
    assert layout != default
    index = INCLUDES_THE_BANNER + '{% block content %}{% include "_banner.html" %}{% endblock %}\n'
    site = _themed_site(tmp_path, {"index.html": index, "_banner.html": BANNER_ON_THE_HALF_HOUR, "base.html": layout})
    assert not ledger_file_for(site.config.output).exists()
    site.cron_or_build(f.TAKEN_AT + timedelta(minutes=35))
    site.assert_as_fresh(f.TAKEN_AT + timedelta(minutes=35))


def test_a_partial_that_branches_on_the_minute_is_checked_both_ways(tmp_path: Path) -> None:
    """Without any shadowing, a banner that shows more in the second half hour is remade right either way."""
    index = INCLUDES_THE_BANNER + '{% block content %}{% include "_banner.html" %}{% endblock %}\n'
    site = _themed_site(tmp_path, {"index.html": index, "_banner.html": BANNER_ON_THE_HALF_HOUR})
    assert ledger_file_for(site.config.output).exists()
    for minutes in (35, 50, 65):
        assert site.cron(f.TAKEN_AT + timedelta(minutes=minutes)) is not None
        site.assert_as_fresh(f.TAKEN_AT + timedelta(minutes=minutes))


def test_a_file_that_cannot_be_renewed_is_told_with_how_many_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """replace_files renews each file by one rename: when one fails, those before it are already renewed."""
    output = tmp_path / "site"
    output.mkdir()
    for name in ("a.html", "b.html", MARKER_NAME):
        (output / name).write_text("old", encoding="utf-8")

    def full_at_b(path: Path, data: bytes, temporary: Path | None = None) -> None:
        if path.name == "b.html":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        replace_file(path, data, temporary)

    monkeypatch.setattr(writer_module, "replace_file", full_at_b)
    with pytest.raises(OutputError, match=r"b\.html: .*; 1 of the 2 files to renew were renewed first"):
        replace_files(output, {"a.html": b"new", "b.html": b"new"}, "state", unchanged=0)
    assert (output / "a.html").read_bytes() == b"new" and (output / "b.html").read_bytes() == b"old"
    assert (output / MARKER_NAME).read_text(encoding="utf-8") == "old"
    assert sorted(entry.name for entry in tmp_path.iterdir()) == ["site"]  # no temporary file left anywhere
