"""The speed and memory benchmark of issue 7: `python -m tests.benchmark` (not a unit test).

It generates a seeded synthetic project (by default 10,000 visible incidents with
4 realistic Markdown notes each, about 3 state changes each, 500 episodes and
2,000 private incidents), writes it as a snapshot file, then measures what an
operator runs, each build a fresh `statusgen build --snapshot` process:

- a full build into an empty folder (median of --runs, pages/second, peak RSS),
- a no-change rebuild: the same snapshot again into the same folder (median,
  files rewritten: must be none),
- a cron run with no change: the same data built five minutes later
  (SOURCE_DATE_EPOCH), which must rewrite only what shows the time,
- how build time and peak RSS grow: full builds at --scale-sizes incidents,
- a fetch of the same project from the fake OneUptime with 50 ms added per
  request (request counts per resource against ceil(rows/100) + 10, wall time
  against requests x latency / concurrency), then an incremental no-change fetch.

Peak RSS is the largest resident set of any process of the build (the main
process or a forked renderer), read from wait4 by a small probe process: a
child forked from this large benchmark process would inherit its high-water mark.

It prints a Markdown table and writes every figure as JSON (--json) so a later
run can be compared.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from generator.fetch import fetch_full, fetch_incremental
from generator.model import Snapshot
from generator.oneuptime import RawProject
from generator.snapshot import write_snapshot
from generator.visibility import public_snapshot
from generator.writer import MARKER_NAME
from tests.fake_oneuptime import FakeOneUptime, FakeProject, Faults, ObjectID, config_for, make_project

REPOSITORY = Path(__file__).resolve().parents[1]
BASE_URL = "https://status.example.com"
WORDS = [
    "requests",
    "api",
    "database",
    "latency",
    "errors",
    "queue",
    "region",
    "node",
    "deploy",
    "rollback",
    "customers",
    "elevated",
    "restored",
    "investigating",
    "replica",
    "primary",
    "cache",
    "timeout",
    "connections",
    "traffic",
    "load",
    "balancer",
    "certificate",
    "webhook",
    "delivery",
    "retry",
    "backlog",
    "storage",
    "cluster",
    "dashboard",
    "sign-in",
    "throughput",
    "partial",
    "degraded",
    "monitoring",
]


@dataclass(frozen=True)
class ProjectSize:
    visible: int
    private: int
    notes_per_incident: int = 4
    episodes: int = 500


def realistic_markdown(rng: random.Random) -> str:
    """A note of 300 to 900 characters: paragraphs, a list, sometimes code or a link."""

    def sentence() -> str:
        words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
        return " ".join(words).capitalize() + "."

    parts = [" ".join(sentence() for _ in range(rng.randint(2, 4)))]
    if rng.random() < 0.6:
        parts.append("\n".join(f"- {sentence()}" for _ in range(rng.randint(2, 4))))
    if rng.random() < 0.3:
        parts.append(f"```\n{rng.choice(WORDS)}: {rng.randint(1, 99)} -> {rng.randint(1, 99)}\n```")
    if rng.random() < 0.3:
        parts.append(
            f"Details: [status report](https://www.example.com/reports/{rng.randint(1, 999)}) "
            f"and `{rng.choice(WORDS)}`."
        )
    return "\n\n".join(parts)


def synthetic_project(size: ProjectSize, seed: int = 1) -> FakeProject:
    """make_project's structure (with all its private data), with realistic public notes."""
    total = size.visible + size.private
    project = make_project(
        total,
        size.notes_per_incident,
        seed=seed,
        n_episodes=size.episodes,
        hidden_share=size.private / total if total else 0.0,
        private_share=0.0,
    )
    rng = random.Random(seed)  # noqa: S311 - benchmark data
    for row in project.tables["incident-public-note"]:
        row["note"] = realistic_markdown(rng)
    for row in project.tables["incident"]:
        if row.get("isVisibleOnStatusPage") is True:
            row["description"] = realistic_markdown(rng)
    _resolve_all_but_the_newest(project, ONGOING_INCIDENTS)
    _resolve_episodes_but_the_newest(project, ONGOING_EPISODES)
    return project


ONGOING_INCIDENTS = 3  # a real project has a handful of open incidents, not thousands
ONGOING_EPISODES = 1  # and an ongoing episode or none, not a fifth of them


def _resolve_episodes_but_the_newest(project: FakeProject, ongoing: int) -> None:
    """make_project leaves a fifth of episodes open; resolve all but the newest `ongoing` three hours in."""
    resolved = next(row["_id"] for row in project.tables["incident-state"] if row.get("isResolvedState"))
    episodes = sorted(project.tables["incident-episode"], key=lambda row: row["declaredAt"], reverse=True)
    for row in episodes[ongoing:]:
        if row.get("resolvedAt") is None:
            row["currentIncidentStateId"] = ObjectID(resolved)
            row["resolvedAt"] = row["declaredAt"] + timedelta(hours=3)


def _resolve_all_but_the_newest(project: FakeProject, ongoing: int) -> None:
    """make_project leaves 40% of incidents open; resolve the old ones with a final state change."""
    resolved = next(row["_id"] for row in project.tables["incident-state"] if row.get("isResolvedState"))
    last_change: dict[str, dict[str, Any]] = {}
    for row in project.tables["incident-state-timeline"]:
        last_change[str(row["incidentId"])] = row
    incidents = sorted(project.tables["incident"], key=lambda row: row["declaredAt"], reverse=True)
    for row in incidents[ongoing:]:
        if row["currentIncidentStateId"] == resolved:
            continue
        row["currentIncidentStateId"] = resolved
        previous = last_change[str(row["_id"])]
        previous["endsAt"] = previous["startsAt"] + timedelta(minutes=40)
        project.tables["incident-state-timeline"].append(
            {
                **previous,
                "_id": f"{previous['_id']}-resolved",
                "incidentStateId": resolved,
                "startsAt": previous["endsAt"],
                "endsAt": None,
                "createdAt": previous["endsAt"],
            }
        )


def raw_from_tables(project: FakeProject) -> RawProject:
    """The RawProject the client would return, without HTTP (for sizes too big to fetch quickly)."""
    tables = project.tables
    monitor_names = {row["_id"]: row["name"] for row in tables["monitor"]}
    incidents = [
        {**row, "monitors": [{"_id": m, "name": monitor_names[m]} for m in row.get("monitors") or []]}
        for row in tables["incident"]
    ]
    return RawProject(
        incidents=incidents,
        episodes=tables["incident-episode"],
        episode_members=tables["incident-episode-member"],
        public_notes=tables["incident-public-note"],
        state_timelines=tables["incident-state-timeline"],
        states=tables["incident-state"],
        severities=tables["incident-severity"],
        monitors=tables["monitor"],
        episode_public_notes=tables.get("incident-episode-public-note", []),
    )


def snapshot_of(size: ProjectSize, taken_at: datetime) -> Snapshot:
    return public_snapshot(raw_from_tables(synthetic_project(size)), taken_at)


# Runs a command and reports its wall time, exit status, output and peak RSS (kB) as JSON.
# It is a fresh, small interpreter, so the child's high-water mark starts from almost nothing.
RSS_PROBE = """
import json, os, subprocess, sys, time
started = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
output = child.stdout.read()
_, status, usage = os.wait4(child.pid, 0)
print(json.dumps({"seconds": time.perf_counter() - started, "status": os.waitstatus_to_exitcode(status),
                  "peak_rss_kb": usage.ru_maxrss, "output": output.decode("utf-8", "replace")}))
"""
SUMMARY = re.compile(r"(\d+) pages; (\d+) added, (\d+) changed, (\d+) removed, (\d+) unchanged")
UP_TO_DATE = re.compile(r"is up to date: (\d+) pages")


@dataclass(frozen=True)
class BuildRun:
    seconds: float
    peak_rss_mb: float
    pages: int
    rewritten: int  # files added, changed or removed
    files: int


def run_build(snapshot_file: Path, output: Path, build_epoch: int | None = None) -> BuildRun:
    """One `statusgen build --snapshot` in a fresh process, as an operator's cron job runs it."""
    command = [sys.executable, "-m", "generator", "build", "--snapshot", str(snapshot_file), "--out", str(output)]
    command += ["--base-url", BASE_URL]
    environment = {**os.environ, "PYTHONPATH": str(REPOSITORY)}
    environment.pop("SOURCE_DATE_EPOCH", None)
    if build_epoch is not None:
        environment["SOURCE_DATE_EPOCH"] = str(build_epoch)
    probe = subprocess.run(
        [sys.executable, "-c", RSS_PROBE, *command], env=environment, capture_output=True, text=True, check=True
    )
    result = json.loads(probe.stdout)
    summary, up_to_date = SUMMARY.search(result["output"]), UP_TO_DATE.search(result["output"])
    if result["status"] != 0 or (summary or up_to_date) is None:
        raise SystemExit(f"statusgen build failed ({result['status']}): {result['output'].strip()}")
    if up_to_date is not None:  # nothing changed: every file of the folder is one the build kept
        files = sum(1 for path in output.rglob("*") if path.is_file() and path.name != MARKER_NAME)
        pages, rewritten = int(up_to_date.group(1)), 0
    else:
        assert summary is not None
        pages, added, changed, removed, unchanged = (int(group) for group in summary.groups())
        files, rewritten = added + changed + unchanged, added + changed + removed
    return BuildRun(
        seconds=result["seconds"],
        peak_rss_mb=round(result["peak_rss_kb"] / 1024, 1),
        pages=pages,
        rewritten=rewritten,
        files=files,
    )


def measure_builds(snapshot_file: Path, taken_at: datetime, runs: int, workdir: Path) -> dict[str, Any]:
    """Full builds into fresh folders, then no-change rebuilds and cron runs into the last one."""
    full: list[BuildRun] = []
    for run in range(runs):
        output = workdir / f"full-{run}"
        full.append(run_build(snapshot_file, output))
        if run + 1 < runs:
            shutil.rmtree(output)
    same = [run_build(snapshot_file, output) for _ in range(runs)]
    later = int(taken_at.timestamp())
    cron = []
    for _ in range(runs):
        later += 300  # every run five minutes after the last, as a cron job every 5 minutes
        cron.append(run_build(snapshot_file, output, build_epoch=later))
    full_median = statistics.median(run.seconds for run in full)
    same_median = statistics.median(run.seconds for run in same)
    cron_median = statistics.median(run.seconds for run in cron)
    return {
        "pages": full[0].pages,
        "files": full[0].files,
        "full_build_seconds_median": round(full_median, 3),
        "full_build_seconds_all": [round(run.seconds, 3) for run in full],
        "full_build_peak_rss_mb_max": max(run.peak_rss_mb for run in full),
        "pages_per_second": round(full[0].pages / full_median, 1),
        "no_change_rebuild_seconds_median": round(same_median, 3),
        "no_change_rebuild_ratio": round(same_median / full_median, 3),
        "no_change_files_rewritten_max": max(run.rewritten for run in same),
        "cron_run_seconds_median": round(cron_median, 3),
        "cron_run_ratio": round(cron_median / full_median, 3),
        "cron_run_files_rewritten_max": max(run.rewritten for run in cron),
    }


def measure_fetch(project: FakeProject, latency: float, concurrency: int, fetched_at: datetime) -> dict[str, Any]:
    """Fetch over HTTP from the fake with `latency` added to every request, then fetch again incrementally."""
    faults = Faults(slow=1.0, slow_seconds=latency) if latency else Faults()
    with FakeOneUptime(project, faults=faults) as fake:
        config = config_for(fake, concurrency=concurrency, timeout=30.0)
        started = time.perf_counter()
        full = fetch_full(config, now=fetched_at)
        wall = time.perf_counter() - started
        requests = dict(fake.requests)
        fake.reset_counts()
        started = time.perf_counter()
        update = fetch_incremental(config, full.snapshot, now=fetched_at + timedelta(minutes=5))
        incremental_wall = time.perf_counter() - started
        incremental_requests = dict(fake.requests)
    if update.snapshot != replace(full.snapshot, taken_at=update.snapshot.taken_at):
        raise SystemExit("the incremental fetch of an unchanged project did not give the same snapshot")
    matched = rows_the_queries_match(project)
    bounds = {name: math.ceil(rows / 100) + 10 for name, rows in matched.items()}
    total = sum(requests.values())
    ideal = total * latency / concurrency
    return {
        "latency_seconds": latency,
        "concurrency": concurrency,
        "requests_total": total,
        "requests_by_resource": dict(sorted(requests.items())),
        "rows_by_resource": matched,
        "request_bound_by_resource": bounds,
        "within_request_bound": all(requests.get(name, 0) <= bound for name, bound in bounds.items()),
        "wall_seconds": round(wall, 3),
        "ideal_seconds": round(ideal, 3),
        "wall_over_ideal": round(wall / ideal, 2) if ideal else None,
        "incremental_no_change_requests": sum(incremental_requests.values()),
        "incremental_no_change_requests_by_resource": dict(sorted(incremental_requests.items())),
        "incremental_no_change_wall_seconds": round(incremental_wall, 3),
    }


def rows_the_queries_match(project: FakeProject) -> dict[str, int]:
    """Rows each resource's queries select: visible incidents and episodes, and the rows that belong to them.

    The request bound ceil(rows/100) + 10 is over these, not over the whole
    tables, whose private rows the client never asks for.
    """
    tables = project.tables
    incidents = {str(row["_id"]) for row in tables["incident"] if row.get("isVisibleOnStatusPage") is True}
    episodes = {str(row["_id"]) for row in tables["incident-episode"] if row.get("isVisibleOnStatusPage") is True}

    def belonging(resource: str, field: str, ids: set[str]) -> int:
        return sum(1 for row in tables.get(resource, []) if str(row.get(field)) in ids)

    return {
        "incident": len(incidents),
        "incident-episode": len(episodes),
        "incident-episode-member": belonging("incident-episode-member", "incidentEpisodeId", episodes),
        "incident-public-note": belonging("incident-public-note", "incidentId", incidents),
        "incident-state-timeline": belonging("incident-state-timeline", "incidentId", incidents),
        "incident-episode-public-note": belonging("incident-episode-public-note", "incidentEpisodeId", episodes),
    }


def measure_scale(sizes: list[int], workdir: Path, taken_at: datetime) -> list[dict[str, Any]]:
    """A full build at each size, each from its own generated snapshot: how time and memory grow."""
    entries = []
    for incidents in sizes:
        size = ProjectSize(visible=incidents, private=incidents // 5, episodes=max(1, incidents // 20))
        snapshot_file = workdir / f"snapshot-{incidents}.json"
        write_snapshot(snapshot_of(size, taken_at), snapshot_file)
        output = workdir / f"scale-{incidents}"
        run = run_build(snapshot_file, output)
        shutil.rmtree(output)
        snapshot_file.unlink()
        entries.append(
            {
                "incidents": incidents,
                "seconds": round(run.seconds, 2),
                "ms_per_incident": round(run.seconds * 1000 / incidents, 3),
                "peak_rss_mb": run.peak_rss_mb,
                "pages": run.pages,
            }
        )
    return entries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--incidents", type=int, default=10_000, help="visible incidents (default 10000)")
    parser.add_argument("--runs", type=int, default=5, help="builds to take the median of (default 5)")
    parser.add_argument("--latency", type=float, default=0.05, help="seconds added per fetch request (default 0.05)")
    parser.add_argument("--concurrency", type=int, default=6, help="fetch concurrency (default 6)")
    parser.add_argument(
        "--scale-sizes",
        default="1000,50000",
        help="other sizes to build once (default 1000,50000)",
    )
    parser.add_argument("--skip-fetch", action="store_true", help="leave out the fetch measurement")
    parser.add_argument(
        "--workdir",
        type=Path,
        default=None,
        help="where snapshots and sites are written (default: the system's temporary folder; "
        "/dev/shm measures the code without the disk)",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this JSON file")
    arguments = parser.parse_args()

    size = ProjectSize(visible=arguments.incidents, private=arguments.incidents // 5)
    results: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "project": {},
    }
    started = time.perf_counter()
    project = synthetic_project(size)
    taken_at = max(row["declaredAt"] for row in project.tables["incident"])
    snapshot = public_snapshot(raw_from_tables(project), taken_at)
    results["project"] = {
        "visible_incidents": len(snapshot.incidents),
        "private_incidents": len(project.tables["incident"]) - len(snapshot.incidents),
        "public_notes": sum(1 for i in snapshot.incidents for u in i.updates if u.kind.value == "note"),
        "state_changes": sum(1 for i in snapshot.incidents for u in i.updates if u.kind.value == "state"),
        "episodes": len(snapshot.episodes),
        "note_characters_median": statistics.median(len(r["note"]) for r in project.tables["incident-public-note"]),
        "generation_seconds": round(time.perf_counter() - started, 2),
    }
    results["machine"]["workdir"] = str(arguments.workdir or tempfile.gettempdir())
    with tempfile.TemporaryDirectory(prefix="statusgen-bench-", dir=arguments.workdir) as temporary:
        workdir = Path(temporary)
        snapshot_file = workdir / "snapshot.json"
        write_snapshot(snapshot, snapshot_file)
        results["project"]["snapshot_megabytes"] = round(snapshot_file.stat().st_size / 2**20, 1)
        del snapshot
        results["build"] = measure_builds(snapshot_file, taken_at, arguments.runs, workdir)
        if not arguments.skip_fetch:
            fetched_at = taken_at + timedelta(days=1)
            results["fetch"] = measure_fetch(project, arguments.latency, arguments.concurrency, fetched_at)
        del project
        sizes = sorted({int(text) for text in arguments.scale_sizes.split(",") if text} - {arguments.incidents})
        build = results["build"]
        main_size = {
            "incidents": arguments.incidents,
            "seconds": round(build["full_build_seconds_median"], 2),
            "ms_per_incident": round(build["full_build_seconds_median"] * 1000 / arguments.incidents, 3),
            "peak_rss_mb": build["full_build_peak_rss_mb_max"],
            "pages": build["pages"],
        }
        scale = [*measure_scale(sizes, workdir, taken_at), main_size]
        results["scale"] = sorted(scale, key=lambda entry: entry["incidents"])
    results["total_seconds"] = round(time.perf_counter() - started, 1)
    print(render_table(results))  # noqa: T201 - a benchmark reports on stdout
    if arguments.json:
        arguments.json.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def render_table(results: dict[str, Any]) -> str:
    project, build = results["project"], results["build"]
    rows = [
        ("written to", results["machine"]["workdir"]),
        (
            "project",
            f"{project['visible_incidents']} visible incidents, {project['public_notes']} notes, "
            f"{project['state_changes']} state changes, {project['episodes']} episodes, "
            f"{project['private_incidents']} private incidents ({project['snapshot_megabytes']} MB snapshot)",
        ),
        (
            "full build (median)",
            f"{build['full_build_seconds_median']} s, {build['pages']} pages, "
            f"{build['files']} files, {build['pages_per_second']} pages/s, "
            f"peak RSS {build['full_build_peak_rss_mb_max']} MB",
        ),
        (
            "no-change rebuild (median)",
            f"{build['no_change_rebuild_seconds_median']} s = "
            f"{build['no_change_rebuild_ratio']:.0%} of a full build, "
            f"{build['no_change_files_rewritten_max']} files rewritten",
        ),
        (
            "cron run, same data 5 min later (median)",
            f"{build['cron_run_seconds_median']} s = {build['cron_run_ratio']:.0%} of a full build, "
            f"{build['cron_run_files_rewritten_max']} files rewritten",
        ),
    ]
    if "fetch" in results:
        fetch = results["fetch"]
        rows.append(
            (
                f"fetch, {int(fetch['latency_seconds'] * 1000)} ms latency, concurrency {fetch['concurrency']}",
                f"{fetch['requests_total']} requests in {fetch['wall_seconds']} s; ideal {fetch['ideal_seconds']} s "
                f"(x{fetch['wall_over_ideal']}); within ceil(rows/100)+10: {fetch['within_request_bound']}",
            )
        )
        rows.append(
            (
                "incremental fetch, no change",
                f"{fetch['incremental_no_change_requests']} requests "
                f"in {fetch['incremental_no_change_wall_seconds']} s",
            )
        )
    for entry in results["scale"]:
        rows.append(
            (
                f"full build, {entry['incidents']} incidents",
                f"{entry['seconds']} s ({entry['ms_per_incident']} ms per incident), "
                f"peak RSS {entry['peak_rss_mb']} MB",
            )
        )
    lines = ["| measure | result |", "| --- | --- |", *(f"| {name} | {value} |" for name, value in rows)]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
