"""The speed and memory benchmark (issues 7 and 20): `python -m tests.benchmark` (not a unit test).

It generates a seeded synthetic project (by default 10,000 visible incidents with
4 realistic Markdown notes each, about 3 state changes each, 500 episodes, 2,000
private incidents, and a mirrored status page of 20 services with 90 days of
status rows, 300 scheduled maintenance events on them with their public notes
and state changes (past, two under way, upcoming, some cancelled) and 5
announcements: tests/benchmark_project.py and tests/benchmark_maintenance.py),
so every build writes incident, episode, service and maintenance pages, feeds,
the maintenance calendar and the Statuspage JSON. It writes the project as a
snapshot file, then measures what an operator runs, each build a fresh
`statusgen build --snapshot` process, in rounds: each round runs every
contender once per measure, so that a machine busy for a while slows them all
alike (compare ratios, not seconds):

- full: a build into an empty folder; its peak memory comes from another full
  build, sampled, which is not timed (tests/benchmark_runs.py: sampling slows
  what it samples, Hugo more than statusgen),
- second: the same snapshot again into the same folder (a no-change rebuild),
- cron: the same data built five minutes later (SOURCE_DATE_EPOCH),
- renewed: the same data fetched again ten minutes after it was taken: a new
  snapshot file whose time and uptime window moved (what a cron job that
  fetches, then builds, gives the build),
- restored: the same data fetched again, built five minutes later still in a
  copy of the site, its ledger and the snapshot made as a CI cache restore
  makes one (new inodes, no seal, no spare tree): the cron run of the CI
  examples (examples/), which keep only those three between jobs,
- note: five minutes later still, with one new note on one incident,
- hour: then twelve more runs of that snapshot, five minutes apart (their
  total): what an hour of cron runs costs, since the site changes with the
  clock in ways a single run may not cross (an upcoming maintenance event's
  "starts in 28 days" becomes "27 days" at its own minute of the day),
- help: `statusgen --help`, the floor a no-change rebuild is held against.

Contenders: this checkout; with `--previous REPO`, another checkout (an older
commit, with the Python of REPO/.venv); with `--hugo PATH`, Hugo building the
equivalent site from the same snapshot (tests/hugo_site.py, theme in
tests/hugo_theme/). Hugo has no incremental mode: its second and cron runs
build everything again (the cron run with the new note).

Then, unless --skip-fetch, a fetch of the same project from the fake OneUptime
with 50 ms added per request (tests/benchmark_fetch.py). It prints Markdown
tables and writes every figure as JSON (--json) so a later run can be compared.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from generator.snapshot import write_snapshot
from tests.benchmark_fetch import measure_fetch
from tests.benchmark_project import (
    ProjectSize,
    fetched_again,
    public_with_status_page,
    synthetic_project,
    with_one_new_note,
)
from tests.benchmark_runs import BASE_URL, Hugo, Run, Statusgen
from tests.hugo_site import incident_page, write_hugo_source, write_page

REPOSITORY = Path(__file__).resolve().parents[1]
MEASURES = ("full", "second", "cron", "renewed", "restored", "note", "hour", "help")
HOUR_RUNS = 12
CRON_MINUTES = 5


def measure_side_by_side(
    contenders: list[Statusgen],
    hugo: Hugo | None,
    files: dict[str, Path],
    taken_epoch: int,
    runs: int,
    workdir: Path,
    floors: list[dict[str, Any]] | None = None,
) -> dict[str, dict[str, list[Run]]]:
    """Every measure of every contender, `runs` rounds, interleaved.

    `files` holds the snapshot ("snapshot"), the same data fetched again ("renewed")
    and that with a new note ("note"); Hugo's source gets the changed incident's
    page of each in turn. With Hugo, `floors` gets in each round what the chosen
    libraries alone cost for the incidents (tests/benchmark_floor.py).
    """
    results: dict[str, dict[str, list[Run]]] = {c.name: {m: [] for m in MEASURES} for c in contenders}
    if hugo is not None:
        results[hugo.name] = {m: [] for m in ("full", "second", "cron")}
    cron_epoch, note_epoch = taken_epoch + 60 * CRON_MINUTES, taken_epoch + 180 * CRON_MINUTES
    for round_number in range(runs):
        print(f"round {round_number + 1} of {runs}", file=sys.stderr)  # noqa: T201 - progress of a long run
        # Each round in the other order: a run right after another contender's whole sequence
        # was slower in most hand-run pairs, whichever contender it was.
        for contender in contenders if round_number % 2 == 0 else contenders[::-1]:
            runs_of, output = results[contender.name], workdir / f"site-{contender.name}"
            remove_site(output)
            sampled = functools.partial(contender.build, files["snapshot"], sample_memory=True)
            memory = _memory_of(sampled, workdir)
            runs_of["full"].append(
                dataclasses.replace(contender.build(files["snapshot"], output), peak_total_mb=memory)
            )
            runs_of["second"].append(contender.build(files["snapshot"], output))
            runs_of["cron"].append(contender.build(files["snapshot"], output, cron_epoch))
            runs_of["renewed"].append(contender.build(files["renewed"], output))  # built at its own time
            snapshot_copy, site_copy = ci_restore(output, files["renewed"], workdir / f"restored-{contender.name}")
            runs_of["restored"].append(contender.build(snapshot_copy, site_copy, note_epoch))
            shutil.rmtree(site_copy.parent)  # a second site in /dev/shm would crowd the later builds
            runs_of["note"].append(contender.build(files["note"], output, note_epoch))
            later = [note_epoch + 60 * CRON_MINUTES * step for step in range(1, HOUR_RUNS + 1)]
            runs_of["hour"].append(total_of([contender.build(files["note"], output, epoch) for epoch in later]))
            runs_of["help"].append(contender.help())
        if hugo is not None:
            output = workdir / "site-hugo"
            shutil.rmtree(output, ignore_errors=True)
            write_page(hugo.source, hugo.pages["snapshot"])
            memory = _memory_of(functools.partial(hugo.build, sample_memory=True), workdir)
            results[hugo.name]["full"].append(dataclasses.replace(hugo.build(output), peak_total_mb=memory))
            results[hugo.name]["second"].append(hugo.build(output))
            write_page(hugo.source, hugo.pages["note"])
            results[hugo.name]["cron"].append(hugo.build(output))
            if floors is not None:
                floors.append(library_floor(files["snapshot"]))
    return results


def _memory_of(full_build: Callable[[Path], Run], workdir: Path) -> float:
    """The peak memory of a full build into a folder of its own, sampled, then removed (never timed)."""
    folder = workdir / "site-sampled"
    remove_site(folder)
    try:
        run = full_build(folder)
    finally:
        remove_site(folder)  # a second site in /dev/shm would crowd the timed builds
    return run.peak_total_mb


TMPFS_WARNING_MB = 2048


def memory_at_start() -> dict[str, int]:
    """The machine's memory before the first build (MB, from /proc/meminfo): total, available, and in tmpfs.

    Files in /dev/shm are memory. With 9.6 GB of other files there on the
    24 GB machine, Hugo's full build at 50,000 incidents (7 GB at its peak)
    took 54 s against 33 s with /dev/shm cleared, and the runs of one checkout
    ended slower than the other's: a sitting is only fair on a cleared tmpfs.
    """
    fields = {"MemTotal": "total", "MemAvailable": "available", "Shmem": "tmpfs"}
    found: dict[str, int] = {}
    try:
        lines = Path("/proc/meminfo").read_text(encoding="ascii").splitlines()
    except OSError:
        return found
    for line in lines:
        name, _, value = line.partition(":")
        if name in fields and value.strip().endswith("kB"):
            found[fields[name]] = int(value.split()[0]) // 1024
    return found


def warn_of_crowded_memory(memory: dict[str, int]) -> None:
    if memory.get("tmpfs", 0) > TMPFS_WARNING_MB:
        print(  # noqa: T201 - a benchmark reports on the terminal
            f"warning: {memory['tmpfs']} MB of tmpfs (/dev/shm) is in use before the first build; "
            "other files there crowd the builds' memory: clear them for a fair sitting",
            file=sys.stderr,
        )


def remove_site(output: Path) -> None:
    """The folder and what statusgen keeps beside it (`.site.statusgen.*`: ledger, seal, spare tree, lock).

    A full build is one from nothing. A ledger left beside a removed folder
    made the builds of the second and later rounds check it first (0.2 s at
    10,000 incidents before the clock path learnt to decline such a ledger at
    once, 1.2 s at 50,000), which Hugo's full build, from an empty folder, never
    paid.
    """
    shutil.rmtree(output, ignore_errors=True)
    for kept in output.parent.glob(f".{output.name}.statusgen.*"):
        if kept.is_dir() and not kept.is_symlink():
            shutil.rmtree(kept, ignore_errors=True)
        else:
            kept.unlink(missing_ok=True)


def library_floor(snapshot_file: Path) -> dict[str, Any]:
    """tests/benchmark_floor.py's figures for the snapshot, measured in a fresh process of this checkout."""
    environment = Statusgen("statusgen", sys.executable, REPOSITORY).environment()  # as this checkout's builds run
    command = [sys.executable, "-m", "tests.benchmark_floor", str(snapshot_file)]
    result = subprocess.run(command, cwd=REPOSITORY, env=environment, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise SystemExit(f"tests.benchmark_floor failed ({result.returncode}): {result.stderr.strip()[-2000:]}")
    figures: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def summarise_floor(floors: list[dict[str, Any]], hugo: dict[str, Any] | None) -> dict[str, Any]:
    """Medians of the library floor's figures, and the floor against Hugo's full build of the same rounds."""
    keys = ("markdown_cpu_seconds", "pages_cpu_seconds", "feeds_cpu_seconds", "total_cpu_seconds", "wall_floor_seconds")
    summary: dict[str, Any] = {key: round(statistics.median(floor[key] for floor in floors), 3) for key in keys}
    summary["cores"], summary["texts"] = floors[0]["cores"], floors[0]["texts"]
    if hugo is not None:
        summary["floor_over_hugo_wall"] = round(summary["wall_floor_seconds"] / hugo["full_seconds_median"], 3)
        summary["floor_over_hugo_cpu"] = round(summary["total_cpu_seconds"] / hugo["full_cpu_seconds_median"], 3)
    return summary


def render_floor(floor: dict[str, Any]) -> list[str]:
    """The library floor as a table: what no build of these incidents can go under on this machine."""
    lines = [
        "| the chosen libraries alone, for the incidents (tests/benchmark_floor.py) | value |",
        "| --- | --- |",
        f"| Markdown of {floor['texts']} texts, markdown-it-py, CPU (s) | {floor['markdown_cpu_seconds']} |",
        f"| incident pages, Jinja2, Markdown rendered, CPU (s) | {floor['pages_cpu_seconds']} |",
        f"| incident feeds, feedgen, Markdown rendered, CPU (s) | {floor['feeds_cpu_seconds']} |",
        f"| together, CPU (s) | {floor['total_cpu_seconds']} |",
        f"| together over {floor['cores']} cores: no build goes under it (s) | {floor['wall_floor_seconds']} |",
    ]
    if "floor_over_hugo_wall" in floor:
        lines.append(f"| that ÷ Hugo's full build (wall) | {floor['floor_over_hugo_wall']} |")
        lines.append(f"| together ÷ Hugo's full build (CPU) | {floor['floor_over_hugo_cpu']} |")
    return lines


def total_of(runs: list[Run]) -> Run:
    """Several runs as one: their times and rewritten files added up, their largest memory."""
    return Run(
        sum(run.seconds for run in runs),
        sum(run.cpu_seconds for run in runs),
        max(run.peak_rss_mb for run in runs),
        max(run.peak_total_mb for run in runs),
        runs[-1].pages,
        sum(run.rewritten for run in runs),
        runs[-1].files,
    )


def ci_restore(output: Path, snapshot: Path, folder: Path) -> tuple[Path, Path]:
    """The snapshot and the site with its ledger, copied into `folder` as a CI cache restore makes them.

    The same bytes under new inodes, and neither the seal nor the spare tree:
    the CI examples cache only these four. The copy is not timed.
    """
    shutil.rmtree(folder, ignore_errors=True)
    site = folder / "site"
    shutil.copytree(output, site, symlinks=True)
    for kind in ("clock", "records"):  # clock_ledger.ledger_file_for, records_file_for
        kept = output.with_name(f".{output.name}.statusgen.{kind}")
        if kept.exists():
            shutil.copy2(kept, folder / f".site.statusgen.{kind}")
    shutil.copy2(snapshot, folder / "snapshot.json")
    return folder / "snapshot.json", site


def summarise(results: dict[str, dict[str, list[Run]]]) -> dict[str, Any]:
    """Medians per contender and measure, and the ratios the issues ask for."""
    medians: dict[str, dict[str, Any]] = {}
    for name, measures in results.items():
        entry: dict[str, Any] = {}
        for measure, runs in measures.items():
            entry[f"{measure}_seconds_median"] = round(statistics.median(run.seconds for run in runs), 3)
            entry[f"{measure}_cpu_seconds_median"] = round(statistics.median(run.cpu_seconds for run in runs), 3)
            entry[f"{measure}_seconds_all"] = [round(run.seconds, 3) for run in runs]
            entry[f"{measure}_rewritten_max"] = max(run.rewritten for run in runs)
        full = measures["full"]
        entry["full_peak_total_mb_max"] = max(run.peak_total_mb for run in full)
        entry["full_peak_process_mb_max"] = max(run.peak_rss_mb for run in full)
        entry["pages"], entry["files"] = full[0].pages, full[0].files
        for clock in ("", "cpu_"):
            full_median = entry[f"full_{clock}seconds_median"]
            for measure in ("second", "cron", "renewed", "restored", "note", "hour"):
                if f"{measure}_{clock}seconds_median" in entry:
                    ratio = entry[f"{measure}_{clock}seconds_median"] / full_median
                    entry[f"{measure}_over_full{'_cpu' if clock else ''}"] = round(ratio, 3)
        if "help_seconds_median" in entry:
            entry["second_over_help"] = round(entry["second_seconds_median"] / entry["help_seconds_median"], 2)
        medians[name] = entry
    return {"medians": medians, "ratios": _ratios(medians)}


def _ratios(medians: dict[str, dict[str, Any]]) -> dict[str, dict[str, float]]:
    """This checkout against each other contender, measure by measure (below 1: this one is faster or smaller)."""
    ratios: dict[str, dict[str, float]] = {}
    this = medians["statusgen"]
    for name, other in medians.items():
        if name == "statusgen":
            continue
        keys = [key for key in this if key.endswith("seconds_median") and key in other]
        keys.append("full_peak_total_mb_max")
        ratios[name] = {_ratio_name(key): round(this[key] / other[key], 3) for key in keys if other.get(key)}
    return ratios


def _ratio_name(key: str) -> str:
    """ "full_cpu_seconds_median" -> "full (CPU)", "cron_seconds_median" -> "cron (wall)"."""
    return key.replace("_seconds_median", " (wall)").replace("_cpu (wall)", " (CPU)").replace("_mb_max", " memory")


def render_tables(results: dict[str, Any]) -> str:
    project, medians, ratios = results["project"], results["builds"]["medians"], results["builds"]["ratios"]
    names = list(medians)
    lines = [
        f"{project['visible_incidents']} visible incidents, {project['public_notes']} notes, "
        f"{project['state_changes']} state changes, {project['episodes']} episodes, "
        f"{project['services']} services with {project['status_rows']} status rows over 90 days, "
        f"{project['maintenance_events']} maintenance events with {project['maintenance_updates']} notes "
        f"and state changes, {project['announcements']} announcements "
        f"({project['snapshot_megabytes']} MB snapshot); written to {results['machine']['workdir']}; "
        f"medians of {results['runs']} interleaved rounds",
        "",
        "| measure | " + " | ".join(names) + " |",
        "| --- |" + " --- |" * len(names),
    ]
    labels = {
        "full_seconds_median": "full build (s)",
        "full_cpu_seconds_median": "full build, CPU time of all processes (s)",
        "second_seconds_median": "second run: no-change rebuild (s)",
        "cron_seconds_median": f"cron run, same data {CRON_MINUTES} min later (s)",
        "cron_cpu_seconds_median": "cron run, CPU time (s)",
        "renewed_seconds_median": f"cron run, same data fetched again {2 * CRON_MINUTES} min later: a new file (s)",
        "renewed_cpu_seconds_median": "cron run, same data fetched again, CPU time (s)",
        "restored_seconds_median": "cron run in a site restored from a CI cache (s)",
        "restored_cpu_seconds_median": "cron run in a restored site, CPU time (s)",
        "note_seconds_median": "cron run with one new note (s)",
        "note_cpu_seconds_median": "cron run with one new note, CPU time (s)",
        "hour_seconds_median": f"an hour of cron runs, {HOUR_RUNS} of them {CRON_MINUTES} min apart: total (s)",
        "hour_cpu_seconds_median": "an hour of cron runs, CPU time (s)",
        "help_seconds_median": "statusgen --help (s)",
        "full_peak_total_mb_max": "peak memory of a full build, all processes (MB)",
        "full_peak_process_mb_max": "peak memory of a full build, largest process (MB)",
        "second_over_full": "no-change rebuild ÷ full build",
        "cron_over_full": "cron run ÷ full build",
        "cron_over_full_cpu": "cron run ÷ full build, CPU time",
        "renewed_over_full": "cron run, fetched again ÷ full build",
        "renewed_over_full_cpu": "cron run, fetched again ÷ full build, CPU time",
        "restored_over_full": "cron run in a restored site ÷ full build",
        "restored_over_full_cpu": "cron run in a restored site ÷ full build, CPU time",
        "note_over_full": "cron run with one note ÷ full build",
        "note_over_full_cpu": "cron run with one note ÷ full build, CPU time",
        "hour_over_full": "an hour of cron runs ÷ full build",
        "hour_over_full_cpu": "an hour of cron runs ÷ full build, CPU time",
        "second_over_help": "no-change rebuild ÷ --help",
        "cron_rewritten_max": "files rewritten by the cron run",
        "renewed_rewritten_max": "files rewritten by the cron run, fetched again",
        "restored_rewritten_max": "files rewritten by the cron run in a restored site",
        "note_rewritten_max": "files rewritten by the cron run with one note",
        "hour_rewritten_max": "files rewritten by an hour of cron runs",
        "pages": "pages",
    }
    for key, label in labels.items():
        cells = [str(medians[name].get(key, "")) for name in names]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    for name, figures in ratios.items():
        lines += ["", f"| statusgen ÷ {name} | ratio |", "| --- | --- |"]
        lines += [f"| {key} | {value} |" for key, value in figures.items()]
    floor = render_floor(results["floor"]) if "floor" in results else []
    return "\n".join([*lines, "", *render_targets(medians["statusgen"], ratios.get("hugo", {})), "", *floor])


# Issue 20's targets: (what, the figure's key in the medians or Hugo ratios, the bound, whether at most or under).
TARGETS = (
    ("no-change rebuild ÷ --help", "second_over_help", 2.0, "at most"),
    ("cron run ÷ full build (wall)", "cron_over_full", 0.05, "at most"),
    ("cron run ÷ full build (CPU)", "cron_over_full_cpu", 0.05, "at most"),
    ("cron run, fetched again ÷ full build (wall)", "renewed_over_full", 0.05, "at most"),
    ("cron run, fetched again ÷ full build (CPU)", "renewed_over_full_cpu", 0.05, "at most"),
    # Not the issue's own row: its cron target, for a run as the CI examples make it (a restored site).
    ("cron run in a site restored from a CI cache ÷ full build (wall)", "restored_over_full", 0.05, "at most"),
    ("cron run in a site restored from a CI cache ÷ full build (CPU)", "restored_over_full_cpu", 0.05, "at most"),
    # Not the issue's own row either: its cron target for each of twelve runs, summed.
    ("an hour of cron runs ÷ full build (wall)", "hour_over_full", round(0.05 * HOUR_RUNS, 2), "at most"),
    ("cron run with one note ÷ full build (wall)", "note_over_full", 0.08, "at most"),
    ("cron run with one note ÷ full build (CPU)", "note_over_full_cpu", 0.08, "at most"),
    ("full build ÷ Hugo (wall)", "full (wall)", 1.0, "at most"),
    ("full build ÷ Hugo (CPU)", "full (CPU)", 1.0, "at most"),
    ("peak memory ÷ Hugo's", "full_peak_total memory", 0.5, "under"),
)


def render_targets(this: dict[str, Any], hugo: dict[str, float]) -> list[str]:
    """Each target of issue 20 with this run's figure and whether it is met (Hugo's only with --hugo)."""
    lines = ["| issue 20 target | bound | this run | met |", "| --- | --- | --- | --- |"]
    for label, key, bound, kind in TARGETS:
        value = this.get(key, hugo.get(key))
        if value is None:
            continue
        met = value <= bound if kind == "at most" else value < bound
        lines.append(f"| {label} | {kind} {bound} | {value} | {'yes' if met else 'no'} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--incidents", type=int, default=10_000, help="visible incidents (default 10000)")
    parser.add_argument("--runs", type=int, default=3, help="interleaved rounds to take medians of (default 3)")
    parser.add_argument("--hugo", default=None, metavar="PATH", help="also build the equivalent site with this Hugo")
    parser.add_argument(
        "--previous",
        type=Path,
        default=None,
        metavar="REPO",
        help="also run the statusgen checkout in REPO (with REPO/.venv/bin/python), e.g. a worktree of the last commit",
    )
    parser.add_argument("--latency", type=float, default=0.05, help="seconds added per fetch request (default 0.05)")
    parser.add_argument("--concurrency", type=int, default=6, help="fetch concurrency (default 6)")
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

    started = time.perf_counter()
    size = ProjectSize(visible=arguments.incidents, private=arguments.incidents // 5)
    project = synthetic_project(size)
    taken_at = max(row["declaredAt"] for row in project.tables["incident"])
    snapshot = public_with_status_page(project, taken_at)
    assert snapshot.status_page is not None  # noqa: S101
    results: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "runs": arguments.runs,
        "project": {
            "visible_incidents": len(snapshot.incidents),
            "private_incidents": len(project.tables["incident"]) - len(snapshot.incidents),
            "public_notes": sum(1 for i in snapshot.incidents for u in i.updates if u.kind.value == "note"),
            "state_changes": sum(1 for i in snapshot.incidents for u in i.updates if u.kind.value == "state"),
            "episodes": len(snapshot.episodes),
            "services": len(snapshot.status_page.services),
            "status_rows": len(snapshot.status_page.status_periods),
            "maintenance_events": len(snapshot.maintenance),
            "maintenance_updates": sum(len(event.updates) for event in snapshot.maintenance),
            "announcements": len(snapshot.announcements),
            "generation_seconds": round(time.perf_counter() - started, 2),
        },
    }
    results["machine"]["workdir"] = str(arguments.workdir or tempfile.gettempdir())
    results["machine"]["memory_at_start_mb"] = memory_at_start()
    warn_of_crowded_memory(results["machine"]["memory_at_start_mb"])
    contenders = [Statusgen("statusgen", sys.executable, REPOSITORY)]
    if arguments.previous is not None:
        previous = arguments.previous.resolve()
        contenders.append(Statusgen("previous", str(previous / ".venv" / "bin" / "python"), previous))
    with tempfile.TemporaryDirectory(prefix="statusgen-bench-", dir=arguments.workdir) as temporary:
        workdir = Path(temporary)
        files = {name: workdir / f"{name}.json" for name in ("snapshot", "renewed", "note")}
        write_snapshot(snapshot, files["snapshot"])
        renewed = fetched_again(snapshot, timedelta(minutes=2 * CRON_MINUTES))
        write_snapshot(renewed, files["renewed"])
        noted = with_one_new_note(renewed)
        write_snapshot(noted, files["note"])
        results["project"]["snapshot_megabytes"] = round(files["snapshot"].stat().st_size / 2**20, 1)
        hugo = None
        if arguments.hugo:
            changed = next(new.id for old, new in zip(renewed.incidents, noted.incidents, strict=True) if old != new)
            pages = {"snapshot": incident_page(snapshot, changed), "note": incident_page(noted, changed)}
            hugo = Hugo(arguments.hugo, workdir / "hugo-source", pages)
            write_hugo_source(snapshot, hugo.source, BASE_URL)
        del snapshot, renewed, noted
        floors: list[dict[str, Any]] = []
        raw = measure_side_by_side(
            contenders, hugo, files, int(taken_at.timestamp()), arguments.runs, workdir, floors if hugo else None
        )
        results["builds"] = summarise(raw)
        if floors:
            results["floor"] = summarise_floor(floors, results["builds"]["medians"].get("hugo"))
    if not arguments.skip_fetch:
        fetched_at = taken_at + timedelta(days=1)
        results["fetch"] = measure_fetch(project, arguments.latency, arguments.concurrency, fetched_at)
    results["total_seconds"] = round(time.perf_counter() - started, 1)
    print(render_tables(results))  # noqa: T201 - a benchmark reports on stdout
    if "fetch" in results:
        fetch = results["fetch"]
        print(  # noqa: T201
            f"\nfetch, {int(fetch['latency_seconds'] * 1000)} ms latency, concurrency {fetch['concurrency']}: "
            f"{fetch['requests_total']} requests in {fetch['wall_seconds']} s; ideal {fetch['ideal_seconds']} s "
            f"(x{fetch['wall_over_ideal']}); within ceil(rows/100)+10: {fetch['within_request_bound']}; "
            f"incremental, no change: {fetch['incremental_no_change_requests']} requests "
            f"in {fetch['incremental_no_change_wall_seconds']} s"
        )
    if arguments.json:
        arguments.json.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
