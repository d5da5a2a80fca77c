"""The speed and memory benchmark of issue 7: `python -m tests.benchmark` (not a unit test).

It generates a seeded synthetic project (by default 10,000 visible incidents with
4 realistic Markdown notes each, about 3 state changes each, 500 episodes and
2,000 private incidents), then measures:

- a full build from the snapshot (median of --runs, pages/second),
- a no-change rebuild into the same folder (median, files rewritten),
- a fetch of the same project from the fake OneUptime with 50 ms added per
  request (request counts per resource against ceil(rows/100) + 10, wall time
  against requests x latency / concurrency),
- peak RSS of `statusgen build` in a fresh process at several sizes.

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
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from generator.build import build_site
from generator.config import Config
from generator.model import Snapshot
from generator.oneuptime import RawProject, fetch_raw_project
from generator.snapshot import write_snapshot
from generator.visibility import public_snapshot
from tests.fake_oneuptime import FakeOneUptime, FakeProject, Faults, config_for, make_project

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
    return project


ONGOING_INCIDENTS = 3  # a real project has a handful of open incidents, not thousands


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


def measure_builds(snapshot: Snapshot, runs: int, workdir: Path) -> dict[str, Any]:
    """Full builds into fresh folders, then no-change rebuilds into the last one."""
    full_times, rebuild_times, rewritten = [], [], []
    pages = files = 0
    for run in range(runs):
        output = workdir / f"full-{run}"
        config = Config(output=output, base_url=BASE_URL)
        started = time.perf_counter()
        report = build_site(snapshot, config, snapshot.taken_at)
        full_times.append(time.perf_counter() - started)
        pages, files = report.pages, report.files
        if run + 1 < runs:
            shutil.rmtree(output)
    for _ in range(runs):
        started = time.perf_counter()
        report = build_site(snapshot, config, snapshot.taken_at)
        rebuild_times.append(time.perf_counter() - started)
        rewritten.append(len(report.write.added) + len(report.write.changed) + len(report.write.removed))
    full = statistics.median(full_times)
    rebuild = statistics.median(rebuild_times)
    return {
        "pages": pages,
        "files": files,
        "full_build_seconds_median": round(full, 3),
        "full_build_seconds_all": [round(t, 3) for t in full_times],
        "pages_per_second": round(pages / full, 1),
        "no_change_rebuild_seconds_median": round(rebuild, 3),
        "no_change_rebuild_ratio": round(rebuild / full, 3),
        "no_change_files_rewritten_max": max(rewritten),
    }


def measure_fetch(project: FakeProject, latency: float, concurrency: int) -> dict[str, Any]:
    """Fetch over HTTP from the fake with `latency` added to every request."""
    faults = Faults(slow=1.0, slow_seconds=latency) if latency else Faults()
    with FakeOneUptime(project, faults=faults) as fake:
        config = config_for(fake, concurrency=concurrency, timeout=30.0)
        started = time.perf_counter()
        raw = fetch_raw_project(config)
        wall = time.perf_counter() - started
        requests = dict(fake.requests)
    matched = {
        "incident": len(project.tables["incident"]),
        "incident-episode": len(project.tables["incident-episode"]),
        "incident-episode-member": len(raw.episode_members),
        "incident-public-note": len(raw.public_notes),
        "incident-state-timeline": len(raw.state_timelines),
        "incident-episode-public-note": len(raw.episode_public_notes),
    }
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
    }


def measure_peak_rss(size: ProjectSize, workdir: Path, taken_at: datetime) -> dict[str, Any]:
    """Peak RSS of `statusgen build --snapshot` in a fresh process (the snapshot is made beforehand)."""
    snapshot_file = workdir / f"snapshot-{size.visible}.json"
    write_snapshot(snapshot_of(size, taken_at), snapshot_file)
    output = workdir / f"rss-{size.visible}"
    command = [
        sys.executable,
        "-m",
        "generator",
        "build",
        "--quiet",
        "--snapshot",
        str(snapshot_file),
        "--out",
        str(output),
        "--base-url",
        BASE_URL,
    ]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=workdir, env={**os.environ, "PYTHONPATH": str(REPOSITORY)})
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"build of {size.visible} incidents failed with status {status}")
    shutil.rmtree(output)
    snapshot_file.unlink()
    return {"incidents": size.visible, "peak_rss_mb": round(usage.ru_maxrss / 1024, 1), "seconds": round(seconds, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--incidents", type=int, default=10_000, help="visible incidents (default 10000)")
    parser.add_argument("--runs", type=int, default=5, help="builds to take the median of (default 5)")
    parser.add_argument("--latency", type=float, default=0.05, help="seconds added per fetch request (default 0.05)")
    parser.add_argument("--concurrency", type=int, default=6, help="fetch concurrency (default 6)")
    parser.add_argument("--rss-sizes", default="1000,10000,50000", help="incident counts for peak RSS")
    parser.add_argument("--skip-fetch", action="store_true", help="leave out the fetch measurement")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this JSON file")
    arguments = parser.parse_args()

    size = ProjectSize(visible=arguments.incidents, private=arguments.incidents // 5)
    results: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "project": {},
    }
    started = time.perf_counter()
    project = synthetic_project(size)
    raw = raw_from_tables(project)
    taken_at = max(row["declaredAt"] for row in project.tables["incident"])
    snapshot = public_snapshot(raw, taken_at)
    results["project"] = {
        "visible_incidents": len(snapshot.incidents),
        "private_incidents": len(project.tables["incident"]) - len(snapshot.incidents),
        "public_notes": sum(1 for i in snapshot.incidents for u in i.updates if u.kind.value == "note"),
        "state_changes": sum(1 for i in snapshot.incidents for u in i.updates if u.kind.value == "state"),
        "episodes": len(snapshot.episodes),
        "note_characters_median": statistics.median(len(r["note"]) for r in project.tables["incident-public-note"]),
        "generation_seconds": round(time.perf_counter() - started, 2),
    }
    with tempfile.TemporaryDirectory(prefix="statusgen-bench-") as temporary:
        workdir = Path(temporary)
        results["build"] = measure_builds(snapshot, arguments.runs, workdir)
        if not arguments.skip_fetch:
            results["fetch"] = measure_fetch(project, arguments.latency, arguments.concurrency)
        del snapshot, raw, project
        results["memory"] = [
            measure_peak_rss(ProjectSize(visible=n, private=n // 5, episodes=max(1, n // 20)), workdir, taken_at)
            for n in (int(text) for text in arguments.rss_sizes.split(",") if text)
        ]
    results["total_seconds"] = round(time.perf_counter() - started, 1)
    print(render_table(results))  # noqa: T201 - a benchmark reports on stdout
    if arguments.json:
        arguments.json.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def render_table(results: dict[str, Any]) -> str:
    project, build = results["project"], results["build"]
    rows = [
        (
            "project",
            f"{project['visible_incidents']} visible incidents, {project['public_notes']} notes, "
            f"{project['state_changes']} state changes, {project['episodes']} episodes, "
            f"{project['private_incidents']} private incidents",
        ),
        (
            "full build (median)",
            f"{build['full_build_seconds_median']} s, {build['pages']} pages, "
            f"{build['files']} files, {build['pages_per_second']} pages/s",
        ),
        (
            "no-change rebuild (median)",
            f"{build['no_change_rebuild_seconds_median']} s = "
            f"{build['no_change_rebuild_ratio']:.0%} of a full build, "
            f"{build['no_change_files_rewritten_max']} files rewritten",
        ),
    ]
    if "fetch" in results:
        fetch = results["fetch"]
        rows.append(
            (
                f"fetch, {int(fetch['latency_seconds'] * 1000)} ms latency",
                f"{fetch['requests_total']} requests in {fetch['wall_seconds']} s; ideal {fetch['ideal_seconds']} s "
                f"(x{fetch['wall_over_ideal']}); within ceil(rows/100)+10: {fetch['within_request_bound']}",
            )
        )
    for entry in results["memory"]:
        rows.append((f"peak RSS, {entry['incidents']} incidents", f"{entry['peak_rss_mb']} MB ({entry['seconds']} s)"))
    lines = ["| measure | result |", "| --- | --- |", *(f"| {name} | {value} |" for name, value in rows)]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
