"""Publishing from a CI cron job (issue 6): deterministic, incremental, checkable, retracting.

The real CLI runs in subprocesses where the environment matters (time zone,
locale, hash seed, SOURCE_DATE_EPOCH, exit codes); everything else builds in
process. The atomicity proofs (SIGKILL, a full disk) are in test_atomic_kill.py.
"""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from generator.build import build_site, build_time_for, render_site
from generator.config import Config
from generator.dates import format_datetime
from generator.model import Episode, Incident, Snapshot, Update, UpdateKind
from generator.oneuptime import RawProject
from generator.snapshot import demo_snapshot, write_snapshot
from generator.visibility import public_snapshot
from generator.writer import MARKER_NAME, write_site
from tests import factories as f
from tests.html_tools import parse_page
from tests.statusgen_runs import (
    leftovers,
    run_statusgen,
    statusgen_command,
    statusgen_environment,
    tree_bytes,
    tree_identity,
)
from tests.synthetic import synthetic_snapshot

REPO = Path(__file__).resolve().parents[1]
BASE_URL = "https://status.example.com"
SUMMARY = re.compile(
    r"^wrote (?P<output>.+): (?P<pages>\d+) pages; (?P<added>\d+) added, (?P<changed>\d+) changed, "
    r"(?P<removed>\d+) removed, (?P<unchanged>\d+) unchanged$"
)


# --- 1. determinism ---------------------------------------------------------------


def test_two_builds_of_the_demo_are_byte_identical(tmp_path: Path) -> None:
    snapshot = demo_snapshot()
    for name in ("first", "second"):
        build_site(snapshot, Config(output=tmp_path / name, base_url=BASE_URL), build_time_for(snapshot, {}))
    first, second = tree_bytes(tmp_path / "first"), tree_bytes(tmp_path / "second")
    assert len(first) > 20 and first == second


def test_two_builds_of_a_large_snapshot_are_byte_identical(tmp_path: Path) -> None:
    config = Config(output=tmp_path / "first", base_url=BASE_URL)
    build_site(synthetic_snapshot(range(1, 301)), config, f.TAKEN_AT)
    build_site(synthetic_snapshot(range(1, 301)), dataclasses.replace(config, output=tmp_path / "second"), f.TAKEN_AT)
    first, second = tree_bytes(tmp_path / "first"), tree_bytes(tmp_path / "second")
    assert len(first) > 600 and first == second


ENVIRONMENTS = {
    "Tokyo time": {"TZ": "Asia/Tokyo"},
    "Newfoundland time, C locale": {"TZ": "America/St_Johns", "LANG": "C", "LC_ALL": "C"},
    "German and Turkish locale names": {"LANG": "de_DE.UTF-8", "LC_ALL": "tr_TR.UTF-8", "LC_TIME": "ja_JP.UTF-8"},
    "hash seed 0": {"PYTHONHASHSEED": "0"},
    "hash seed 4242": {"PYTHONHASHSEED": "4242", "TZ": "Pacific/Kiritimati"},
}


def test_cli_output_does_not_depend_on_time_zone_locale_or_hash_seed(tmp_path: Path) -> None:
    snapshot_file = tmp_path / "snapshot.json"
    write_snapshot(synthetic_snapshot(range(1, 121)), snapshot_file)
    runs = {"baseline": {"PYTHONHASHSEED": "1", "TZ": "UTC", "LC_ALL": "C.UTF-8"}, **ENVIRONMENTS}
    processes = {
        name: subprocess.Popen(
            statusgen_command(
                "build", "-q", "--snapshot", str(snapshot_file), "--base-url", BASE_URL, "--out", str(tmp_path / name)
            ),
            env=statusgen_environment(**environment),
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, environment in runs.items()
    }
    for name, process in processes.items():
        _, errors = process.communicate(timeout=120)
        assert process.returncode == 0, f"{name}: {errors}"
    baseline = tree_bytes(tmp_path / "baseline")
    assert len(baseline) > 200
    for name in ENVIRONMENTS:
        assert tree_bytes(tmp_path / name) == baseline, name


def checked_time(page: Path) -> str:
    """The home page's "Last checked" time: the build time (no other page shows it)."""
    (moment,) = parse_page(page).xpath('//p[@class="checked"]/time/@datetime')
    return str(moment)


def test_source_date_epoch_sets_the_build_time(tmp_path: Path) -> None:
    epoch = 1_795_000_000
    for name in ("first", "second"):
        result = run_statusgen("build", "--demo", "-q", "--out", str(tmp_path / name), SOURCE_DATE_EPOCH=str(epoch))
        assert result.returncode == 0, result.stderr
    assert run_statusgen("build", "--demo", "-q", "--out", str(tmp_path / "snapshot-time")).returncode == 0
    expected = format_datetime(datetime.fromtimestamp(epoch, tz=UTC))
    assert checked_time(tmp_path / "first" / "index.html") == expected
    assert checked_time(tmp_path / "snapshot-time" / "index.html") == format_datetime(demo_snapshot().taken_at)
    assert tree_bytes(tmp_path / "first") == tree_bytes(tmp_path / "second")
    assert tree_bytes(tmp_path / "first") != tree_bytes(tmp_path / "snapshot-time")


def test_build_time_is_source_date_epoch_else_the_snapshot_time() -> None:
    snapshot = f.snapshot()
    assert build_time_for(snapshot, {}) == f.TAKEN_AT
    assert build_time_for(snapshot, {"SOURCE_DATE_EPOCH": " "}) == f.TAKEN_AT
    assert build_time_for(snapshot, {"SOURCE_DATE_EPOCH": "0"}) == datetime(1970, 1, 1, tzinfo=UTC)


def test_a_bad_source_date_epoch_is_one_line_exit_1(tmp_path: Path) -> None:
    result = run_statusgen("build", "--demo", "--out", str(tmp_path / "site"), SOURCE_DATE_EPOCH="yesterday")
    assert (result.returncode, result.stderr) == (
        1,
        "Error: SOURCE_DATE_EPOCH must be whole seconds since 1970, not 'yesterday'\n",
    )
    assert not (tmp_path / "site").exists()


# --- 2. incremental writes ------------------------------------------------------------


def revise(snapshot: Snapshot, position: int, title: str) -> Snapshot:
    """The snapshot with the incident at `position` retitled."""
    incidents = list(snapshot.incidents)
    incidents[position] = dataclasses.replace(incidents[position], title=title)
    return dataclasses.replace(snapshot, incidents=tuple(incidents))


def test_unchanged_files_keep_their_inode_and_mtime(tmp_path: Path) -> None:
    output = tmp_path / "site"
    config = Config(output=output, base_url=BASE_URL)
    old, new = demo_snapshot(), revise(demo_snapshot(), -1, "Retitled: a scheduled database upgrade")
    build_site(old, config, old.taken_at)
    past = 1_000_000_000
    for file in output.rglob("*"):
        os.utime(file, (past, past))  # a rewrite would show even on a file system with coarse times
    before = tree_identity(output)
    build_site(new, config, new.taken_at)
    after = tree_identity(output)
    old_files, new_files = render_site(old, config, old.taken_at), render_site(new, config, new.taken_at)
    unchanged = {path for path in new_files if old_files.get(path) == new_files[path]}
    changed = set(new_files) - unchanged
    assert len(unchanged) > 10 and changed, "the edit should change some files and leave most alone"
    assert {path: after[path] for path in unchanged} == {path: before[path] for path in unchanged}
    for path in changed:
        assert (output / path).read_bytes() == new_files[path]
        assert after[path][1] != past * 10**9, path


def summary_of(result: subprocess.CompletedProcess[str]) -> dict[str, int]:
    assert result.returncode == 0, result.stderr
    (line,) = result.stderr.splitlines()
    match = SUMMARY.match(line)
    assert match, line
    return {key: int(value) for key, value in match.groupdict().items() if key != "output"}


def expected_summary(old: Mapping[str, bytes], new: Mapping[str, bytes]) -> dict[str, int]:
    """The counts a rebuild from tree `old` to tree `new` must print, worked out by comparing the trees."""
    old = {path: content for path, content in old.items() if path != MARKER_NAME}
    new = {path: content for path, content in new.items() if path != MARKER_NAME}
    return {
        "pages": sum(1 for path in new if path.endswith(".html")),
        "added": len(new.keys() - old.keys()),
        "changed": sum(1 for path in new.keys() & old.keys() if new[path] != old[path]),
        "removed": len(old.keys() - new.keys()),
        "unchanged": sum(1 for path in new.keys() & old.keys() if new[path] == old[path]),
    }


def test_summary_counts_added_changed_removed_and_unchanged_files(tmp_path: Path) -> None:
    old_file, new_file = tmp_path / "old.json", tmp_path / "new.json"
    write_snapshot(synthetic_snapshot(range(1, 41)), old_file)
    # Incident 3 deleted, 41 and 42 new, 7 has a new note: adds, changes and removes at once.
    write_snapshot(synthetic_snapshot([n for n in range(1, 43) if n != 3], revised={7: 1}), new_file)
    common = ("build", "--base-url", BASE_URL)
    for name, snapshot_file in (("old", old_file), ("new", new_file)):
        assert (
            run_statusgen(*common, "-q", "--snapshot", str(snapshot_file), "--out", str(tmp_path / name)).returncode
            == 0
        )
    old_tree, new_tree = tree_bytes(tmp_path / "old"), tree_bytes(tmp_path / "new")

    output = tmp_path / "site"
    first = summary_of(run_statusgen(*common, "--snapshot", str(old_file), "--out", str(output)))
    assert first == expected_summary({}, old_tree)
    again = run_statusgen(*common, "--snapshot", str(old_file), "--out", str(output))  # nothing changed: said plainly
    assert again.stderr == f"{output}/ is up to date: {first['pages']} pages\n"
    update = summary_of(run_statusgen(*common, "--snapshot", str(new_file), "--out", str(output)))
    assert update == expected_summary(old_tree, new_tree)
    assert update["removed"] == 2 and update["added"] == 4  # incident 3's page and feed; 41's and 42's
    assert update["changed"] > 0 and update["unchanged"] > update["changed"]
    assert tree_bytes(output) == new_tree


def test_a_symlinked_output_folder_is_updated_where_it_points(tmp_path: Path) -> None:
    real, link = tmp_path / "status-site", tmp_path / "site"
    write_site({"index.html": b"old", "gone.html": b"x"}, real)
    link.symlink_to(real, target_is_directory=True)
    report = write_site({"index.html": b"new"}, link)
    assert report.summary() == "0 added, 1 changed, 1 removed, 0 unchanged"
    assert link.is_symlink() and (real / "index.html").read_bytes() == b"new"
    assert not (real / "gone.html").exists() and leftovers(link) == leftovers(real) == []


def test_overlapping_builds_take_turns(tmp_path: Path) -> None:
    snapshot, snapshot_file, output = synthetic_snapshot(range(1, 21)), tmp_path / "snapshot.json", tmp_path / "site"
    write_snapshot(snapshot, snapshot_file)
    epochs = (1_795_000_000, 1_795_000_300, 1_795_000_600)
    args = ("build", "-q", "--snapshot", str(snapshot_file), "--base-url", BASE_URL, "--out", str(output))
    builds = [
        subprocess.Popen(statusgen_command(*args), env=statusgen_environment(SOURCE_DATE_EPOCH=str(epoch)))
        for epoch in epochs
    ]
    assert [build.wait(timeout=120) for build in builds] == [0, 0, 0]
    finished = {path: content for path, content in tree_bytes(output).items() if path != MARKER_NAME}
    config = Config(base_url=BASE_URL)
    alone = [render_site(snapshot, config, datetime.fromtimestamp(epoch, tz=UTC)) for epoch in epochs]
    assert finished in alone and leftovers(output) == []


# --- 4. --check / --dry-run ---------------------------------------------------------------


@pytest.mark.parametrize("flag", ["--check", "--dry-run"])
def test_check_writes_nothing_and_exits_3_when_something_would_change(tmp_path: Path, flag: str) -> None:
    output = tmp_path / "site"
    assert run_statusgen("build", "--demo", "-q", "--out", str(output)).returncode == 0
    before = (tree_bytes(output), tree_identity(output), sorted(os.listdir(tmp_path)))

    same = run_statusgen("build", "--demo", flag, "--out", str(output))
    assert same.returncode == 0, same.stderr
    assert re.fullmatch(
        r"checked \(nothing written\) .+: \d+ pages; 0 added, 0 changed, 0 removed, \d+ unchanged\n", same.stderr
    )

    later = run_statusgen("build", "--demo", flag, "--out", str(output), SOURCE_DATE_EPOCH="1795000000")
    assert later.returncode == 3, later.stderr
    assert re.fullmatch(
        r"checked \(nothing written\) .+: \d+ pages; 0 added, [1-9]\d* changed, 0 removed, \d+ unchanged\n",
        later.stderr,
    )
    assert (tree_bytes(output), tree_identity(output), sorted(os.listdir(tmp_path))) == before


def test_check_of_a_missing_folder_exits_3_and_creates_nothing(tmp_path: Path) -> None:
    result = run_statusgen("build", "--demo", "--check", "-q", "--out", str(tmp_path / "public" / "site"))
    assert (result.returncode, result.stderr) == (3, "")
    assert list(tmp_path.iterdir()) == []


# --- 5. retraction ---------------------------------------------------------------------------

RETRACTED_TITLE = "Payment provider outage zq7x"
RETRACTED_NOTE = "Card payments fail for customers of bank qv3k"


def with_retractable_incident(snapshot: Snapshot) -> Snapshot:
    """The demo plus a recent incident, with a note and a postmortem, inside the demo's episode."""
    (episode,) = snapshot.episodes
    incident = Incident(
        id="inc-retract-zq7x",
        title=RETRACTED_TITLE,
        declared_at=snapshot.taken_at - timedelta(hours=5),
        state_id=snapshot.incidents[-1].state_id,
        severity_id=snapshot.incidents[0].severity_id,
        number=913,
        description="Payments were declined.",
        episode_id=episode.id,
        updates=(
            Update("upd-retract-zq7x", UpdateKind.NOTE, snapshot.taken_at - timedelta(hours=4), note=RETRACTED_NOTE),
        ),
    )
    grown: Episode = dataclasses.replace(episode, incident_ids=(*episode.incident_ids, incident.id))
    return dataclasses.replace(snapshot, incidents=(incident, *snapshot.incidents), episodes=(grown,))


def traces_of_the_retracted_incident(tree: Mapping[str, bytes]) -> dict[str, list[str]]:
    needles = [RETRACTED_TITLE, RETRACTED_NOTE, "inc-retract-zq7x", "upd-retract-zq7x", "incidents/913/"]
    found: dict[str, list[str]] = {}
    for path, content in tree.items():
        text = content.decode("utf-8", errors="replace")
        hits = [needle for needle in needles if needle in text or needle in path]
        if hits:
            found[path] = hits
    return found


def test_a_deleted_incident_disappears_from_every_file(tmp_path: Path) -> None:
    output = tmp_path / "site"
    config = Config(output=output, base_url=BASE_URL, title="Example Cloud status")
    demo = demo_snapshot()
    build_site(with_retractable_incident(demo), config, demo.taken_at)
    first_tree = tree_bytes(output)
    shown_in = set(traces_of_the_retracted_incident(first_tree))
    if any(path.endswith(".json") for path in first_tree):  # the JSON API, where the site has one
        assert any(path.endswith(".json") for path in shown_in)
    month = format_datetime(demo.taken_at)[:7]
    (episode,) = demo.episodes
    assert {
        "index.html",
        "feed.rss",
        "feed.atom",
        f"history/{month}/index.html",
        "incidents/913/index.html",
        "incidents/913/feed.atom",
        f"episodes/{episode.number}/index.html",
    } <= shown_in, "the test must first see the incident everywhere it is shown"

    report = build_site(demo, config, demo.taken_at)
    assert traces_of_the_retracted_incident(tree_bytes(output)) == {}
    assert not (output / "incidents" / "913").exists()
    assert {"incidents/913/index.html", "incidents/913/feed.atom"} <= set(report.write.removed)


@pytest.mark.parametrize(
    "retraction",
    [{"isVisibleOnStatusPage": False}, {"isPrivate": True}],
    ids=["made-invisible", "marked-private"],
)
def test_an_incident_made_private_disappears_from_every_file(tmp_path: Path, retraction: dict[str, bool]) -> None:
    """Turning 'visible on status page' off (or marking it private) retracts it from pages, feeds and JSON."""

    def project(*incident_rows: dict[str, object]) -> RawProject:
        empty: dict[str, list[dict[str, object]]] = {
            field.name: []
            for field in dataclasses.fields(RawProject)
            if field.name not in ("status_page", "maintenance")
        }
        states = [{"_id": "s1", "name": "Investigating", "order": 1, "isCreatedState": True}]
        return RawProject(**{**empty, "incidents": list(incident_rows), "states": states})

    def row(identifier: str, title: str, number: int, **fields: object) -> dict[str, object]:
        return {
            "_id": identifier,
            "title": title,
            "incidentNumber": number,
            "declaredAt": "2026-11-20T09:00:00.000Z",
            "currentIncidentStateId": "s1",
            "incidentSeverityId": "v1",
            "isVisibleOnStatusPage": True,
            "isPrivate": False,
            **fields,
        }

    kept = row("inc-kept", "Slow dashboards", 1)
    output = tmp_path / "site"
    config = Config(output=output, base_url=BASE_URL)
    visible = row("inc-retract-zq7x", RETRACTED_TITLE, 913)
    build_site(public_snapshot(project(kept, visible), f.TAKEN_AT), config, f.TAKEN_AT)
    shown_in = set(traces_of_the_retracted_incident(tree_bytes(output)))
    assert {
        "index.html",
        "feed.rss",
        "feed.atom",
        "incidents/913/index.html",
        "incidents/913/feed.atom",
        "api/v2/incidents.json",
        "api/v2/summary.json",
        "sitemap.xml",
    } <= shown_in, "the test must first see the incident everywhere it is shown"
    retracted = {**visible, **retraction}
    report = build_site(public_snapshot(project(kept, retracted), f.TAKEN_AT), config, f.TAKEN_AT)
    assert traces_of_the_retracted_incident(tree_bytes(output)) == {}
    assert not (output / "incidents" / "913").exists()
    assert {"incidents/913/index.html", "incidents/913/feed.atom"} <= set(report.write.removed)
    assert (output / "incidents" / "1" / "index.html").is_file()


# --- 6. the committed demo site -----------------------------------------------------------------


def test_the_committed_site_folder_is_a_fresh_demo_build(tmp_path: Path) -> None:
    committed = REPO / "site"
    if not committed.is_dir():
        pytest.skip("no site/ folder here (an sdist or an installed copy)")
    result = run_statusgen("build", "--demo", "-q", "--out", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    fresh, stored = tree_bytes(tmp_path / "site"), tree_bytes(committed)
    # The marker holds the build's page-cache keys, which cover the code itself:
    # it is state, not content, and a stale one only means a full render.
    published = (fresh.keys() | stored.keys()) - {Path(MARKER_NAME), MARKER_NAME}
    differing = sorted(str(path) for path in published if fresh.get(path) != stored.get(path))
    assert differing == [], "site/ is stale: run `statusgen build --demo` and commit site/"
