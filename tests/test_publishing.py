"""Publishing from a CI cron job (issue 6): deterministic, incremental, checkable, retracting.

The real CLI runs in subprocesses where the environment matters (time zone,
locale, hash seed, SOURCE_DATE_EPOCH, exit codes); everything else builds in
process. The atomicity proofs (SIGKILL, a full disk) are in test_atomic_kill.py.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import click
import pytest

from generator.build import build_site, build_time_for, render_site
from generator.cli import main
from generator.config import Config
from generator.dates import format_datetime
from generator.model import Episode, Incident, Monitor, Snapshot, Update, UpdateKind
from generator.oneuptime import RawProject
from generator.snapshot import demo_snapshot, write_snapshot
from generator.visibility import public_snapshot
from generator.writer import MARKER_NAME, write_site
from tests import factories as f
from tests.html_tools import parse_page

REPO = Path(__file__).resolve().parents[1]
BASE_URL = "https://status.example.com"
SUMMARY = re.compile(
    r"^wrote (?P<output>.+): (?P<pages>\d+) pages; (?P<added>\d+) added, (?P<changed>\d+) changed, "
    r"(?P<removed>\d+) removed, (?P<unchanged>\d+) unchanged$"
)


# --- helpers shared with test_atomic_kill.py ------------------------------------


def statusgen_environment(**extra: str) -> dict[str, str]:
    """This process's environment without OneUptime settings or a build date, plus `extra`."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("ONEUPTIME_") and name not in {"SOURCE_DATE_EPOCH", "PYTHONHASHSEED", "TZ"}
    }
    # The checkout first, so the subprocess runs this code whether or not it is installed.
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), environment.get("PYTHONPATH")]))
    environment.update(extra)
    return environment


def statusgen_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "generator", *args]


def run_statusgen(*args: str, **environment: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        statusgen_command(*args),
        capture_output=True,
        text=True,
        env=statusgen_environment(**environment),
        timeout=120,
        check=False,
    )


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every file under `root` (the statusgen marker too) by its relative path."""
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def tree_identity(root: Path) -> dict[str, tuple[int, int]]:
    """(inode, mtime in ns) of every file: what tells a sync tool a file was rewritten."""
    identity = {}
    for path in root.rglob("*"):
        if path.is_file():
            status = path.stat()
            identity[path.relative_to(root).as_posix()] = (status.st_ino, status.st_mtime_ns)
    return identity


def leftovers(output: Path) -> list[str]:
    """Staging or retired folders a build leaves next to `output` only when it was interrupted."""
    return sorted(path.name for path in output.parent.glob(f".{output.name}.statusgen-*"))


def synthetic_incident(number: int, revision: int = 0) -> Incident:
    """A realistic incident: states, a Markdown note, a monitor, sometimes a postmortem or still ongoing."""
    hours = number * 5.0
    ongoing = number % 97 == 0
    updates: list[Update] = [
        f.state_change(f"u{number}-created", hours, f.CREATED),
        f.note(
            f"u{number}-note",
            hours - 0.5,
            f"Errors on **api-{number % 7}**; see [the runbook](https://example.com/{number}).",
        ),
    ]
    if revision:
        updates.append(f.note(f"u{number}-rev{revision}", hours - 1, f"Correction {revision}: it was api-{revision}."))
    if not ongoing:
        updates.append(f.state_change(f"u{number}-resolved", hours - 2, f.RESOLVED))
    return f.incident(
        number,
        title=f"Synthetic incident {number}: Zürich–東京 café latency",
        declared_at=f.at(hours),
        state_id=f.CREATED.id if ongoing else f.RESOLVED.id,
        severity_id=f.CRITICAL.id if number % 5 == 0 else f.MINOR.id,
        monitor_ids=(f"mon-{number % 4}",),
        episode_id=f"ep-{number // 50}" if number % 50 in {1, 2} else None,
        updates=tuple(updates),
        postmortem=f.postmortem(hours - 3, f"## Summary\n\nIncident {number} | fixed\n---|---\nyes | now")
        if number % 10 == 0
        else None,
    )


def synthetic_snapshot(
    numbers: Iterable[int], revised: Mapping[int, int] | None = None, taken_at: datetime = f.TAKEN_AT
) -> Snapshot:
    """Incidents `numbers` (newest first), episodes over pairs of them, four monitors."""
    revised = revised or {}
    incidents = [synthetic_incident(n, revised.get(n, 0)) for n in sorted(numbers)]
    members: dict[str, list[str]] = {}
    for incident in incidents:
        if incident.episode_id:
            members.setdefault(incident.episode_id, []).append(incident.id)
    episodes = tuple(
        f.episode(
            int(episode_id[3:]) + 1,
            id=episode_id,
            declared_at=f.at(int(episode_id[3:]) * 250.0 + 250),
            incident_ids=tuple(ids),
        )
        for episode_id, ids in sorted(members.items())
    )
    return f.snapshot(
        *incidents,
        episodes=episodes,
        monitors=tuple(Monitor(f"mon-{i}", f"Service {i}") for i in range(4)),
        taken_at=taken_at,
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
    again = summary_of(run_statusgen(*common, "--snapshot", str(old_file), "--out", str(output)))
    assert again == {**expected_summary(old_tree, old_tree), "added": 0, "changed": 0, "removed": 0}
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
            field.name: [] for field in dataclasses.fields(RawProject) if field.name != "status_page"
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


# --- 7. the CI examples in docs/publishing.md ----------------------------------------------------

EXAMPLES = {
    "github-actions.yml": REPO / "examples" / "github-actions.yml",
    "gitlab-ci.yml": REPO / "examples" / "gitlab-ci.yml",
}


def shell_lines(example: Path) -> list[str]:
    """The shell commands of a workflow: GitHub's `run:` steps, GitLab's `script:` lists."""
    yaml = pytest.importorskip("yaml")
    document = yaml.safe_load(example.read_text(encoding="utf-8"))
    scripts: list[str] = []

    def collect(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "run" and isinstance(value, str):
                    scripts.append(value)
                elif key in {"script", "before_script", "after_script"} and isinstance(value, list):
                    scripts.extend(str(item) for item in value)
                else:
                    collect(value)
        elif isinstance(node, list):
            for item in node:
                collect(item)

    collect(document)
    # Join continued lines so each command is one line.
    return [line.strip() for script in scripts for line in script.replace("\\\n", " ").splitlines() if line.strip()]


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_workflow_parses_and_has_a_schedule(name: str) -> None:
    yaml = pytest.importorskip("yaml")
    text = EXAMPLES[name].read_text(encoding="utf-8")
    document = yaml.safe_load(text)
    assert isinstance(document, dict)
    if name == "github-actions.yml":
        triggers = document[True] if True in document else document["on"]  # YAML 1.1 reads `on` as true
        assert triggers["schedule"][0]["cron"]
    else:
        assert any("schedule" in str(job.get("rules", "")) for job in document.values() if isinstance(job, dict))
    assert "secrets.ONEUPTIME_API_KEY" in text or name == "gitlab-ci.yml"


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_workflow_calls_only_options_statusgen_has(name: str) -> None:
    assert isinstance(main, click.Group)
    invocations = [shlex.split(line) for line in shell_lines(EXAMPLES[name]) if line.startswith("statusgen ")]
    assert {words[1] for words in invocations} >= {"build"}
    for words in invocations:
        command = main.commands[words[1]]
        known = {option for parameter in command.params for option in parameter.opts}
        help_text = command.get_help(click.Context(command, info_name=f"statusgen {words[1]}"))
        for word in words[2:]:
            option = word.split("=")[0]
            if option.startswith("-"):
                assert option in known and option in help_text, f"{name}: statusgen {words[1]} has no {option}"


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_workflow_never_echoes_the_api_key(name: str) -> None:
    for line in shell_lines(EXAMPLES[name]):
        assert "ONEUPTIME_API_KEY" not in line, f"{name}: the key belongs in the environment, not in a command: {line}"


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_workflow_syncs_assets_long_then_everything_short_with_delete(name: str) -> None:
    syncs = [line for line in shell_lines(EXAMPLES[name]) if line.startswith("aws s3 sync")]
    assert len(syncs) == 2, syncs
    assets, rest = syncs
    assert "immutable" in assets and "max-age=31536000" in assets and "--delete" not in assets
    assert '--exclude "*"' in assets and '--include "static/*"' in assets
    assert "max-age=60" in rest and "--delete" in rest and '--exclude "static/*"' in rest


FAKE_AWS = """#!/bin/sh
# Records each call, one argument a line, then a separator.
for argument in "$@"; do printf '%s\\n' "$argument" >> "$AWS_CALLS"; done
echo ---- >> "$AWS_CALLS"
"""


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_workflow_steps_fetch_build_and_sync(name: str, tmp_path: Path, fake_oneuptime: Any) -> None:
    """Its statusgen and aws commands, run by a shell against the fake OneUptime and a recording `aws`."""
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "statusgen").write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m generator "$@"\n')
    (tools / "aws").write_text(FAKE_AWS)
    for tool in tools.iterdir():
        tool.chmod(0o755)
    (tmp_path / "statusgen.toml").write_text(f'title = "Example status"\nbase_url = "{BASE_URL}"\n')
    commands = [line for line in shell_lines(EXAMPLES[name]) if line.startswith(("statusgen ", "aws "))]
    environment = statusgen_environment(
        PATH=f"{tools}{os.pathsep}{os.environ['PATH']}",
        ONEUPTIME_URL=fake_oneuptime.url,
        ONEUPTIME_PROJECT_ID=fake_oneuptime.project.project_id,
        ONEUPTIME_API_KEY=fake_oneuptime.project.api_key,
        STATUS_BUCKET="s3://status-example-com",
        S3_ENDPOINT_URL="https://account.r2.example",
        AWS_CALLS=str(tmp_path / "aws-calls"),
    )
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", "\n".join(commands)],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert fake_oneuptime.project.api_key not in result.stdout + result.stderr
    assert (tmp_path / "site" / "index.html").is_file() and (tmp_path / "snapshot.json").is_file()
    calls = [call.strip("\n").split("\n") for call in (tmp_path / "aws-calls").read_text().split("----\n") if call]
    endpoint = ["--endpoint-url", "https://account.r2.example"]
    assert [call[:4] for call in calls] == [["s3", "sync", "site", "s3://status-example-com"]] * 2
    assets, rest = calls
    assert assets[-2:] == rest[-2:] == endpoint
    assert assets[assets.index("--cache-control") + 1] == "public, max-age=31536000, immutable"
    assert rest[rest.index("--cache-control") + 1] == "public, max-age=60" and "--delete" in rest
