"""One timed run of a site generator in a fresh process: statusgen (this checkout or another) or Hugo.

Each run goes through a small probe interpreter that starts the command and
reports its wall time, exit status and output and the largest resident set of
any one of its processes (wait4's ru_maxrss). Asked to sample memory, it also
reports the peak of all its processes' memory together: the sum of their
proportional set sizes (PSS, which counts a page shared by forked workers
once), sampled every 50 ms. Sampling is not free: the kernel walks a process's
page tables for each reading of its PSS, under the lock its allocations need,
and with it Hugo's full build of 10,000 incidents took 7.1, 7.9 and 6.1 s
against 5.4, 5.9 and 5.1 s without (statusgen's 12.3, 12.8 and 13.9 s against
11.1, 11.6 and 11.8 s). So a run that is timed is never sampled: the
benchmark measures memory in a run of its own.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from generator.writer import MARKER_NAME

BASE_URL = "https://status.example.com"

# The probe: a fresh, small interpreter, so the child's high-water mark starts from almost nothing.
RSS_PROBE = """
import json, os, subprocess, sys, threading, time

sampling, command = sys.argv[1] == "sample", sys.argv[2:]

def descendants(pid):
    found, pending = [], [pid]
    while pending:
        parent = pending.pop()
        found.append(parent)
        try:
            for task in os.listdir(f"/proc/{parent}/task"):
                with open(f"/proc/{parent}/task/{task}/children") as handle:
                    pending.extend(int(child) for child in handle.read().split())
        except OSError:
            pass
    return found

def pss_kb(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0

started = time.perf_counter()
child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
peak = [0 if sampling else -1]
done = threading.Event()

def sample():
    while not done.wait(0.05):
        peak[0] = max(peak[0], sum(pss_kb(pid) for pid in descendants(child.pid)))

if sampling:
    threading.Thread(target=sample, daemon=True).start()
output = child.stdout.read()
_, status, usage = os.wait4(child.pid, 0)
seconds = time.perf_counter() - started
done.set()
print(json.dumps({"seconds": seconds, "status": os.waitstatus_to_exitcode(status),
                  "cpu_seconds": usage.ru_utime + usage.ru_stime,
                  "peak_rss_kb": usage.ru_maxrss, "peak_total_pss_kb": peak[0],
                  "output": output.decode("utf-8", "replace")}))
"""
SUMMARY = re.compile(r"(\d+) pages; (\d+) added, (\d+) changed, (\d+) removed, (\d+) unchanged")
UP_TO_DATE = re.compile(r"is up to date: (\d+) pages")


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float  # the largest single process
    peak_total_mb: float  # all processes together (sampled PSS; 0 where the run was not sampled)
    pages: int = 0
    rewritten: int = 0  # files added, changed or removed
    files: int = 0


@dataclass(frozen=True)
class Probed:
    seconds: float
    cpu_seconds: float
    status: int
    peak_rss_mb: float
    peak_total_mb: float
    output: str


def probe(
    command: list[str], environment: dict[str, str], folder: Path | None = None, sample_memory: bool = False
) -> Probed:
    """Run `command` under the probe, in `folder`; its figures, whatever its exit status.

    With `sample_memory`, its processes' PSS is sampled, which slows it: time such a run for nothing.
    """
    done = subprocess.run(
        [sys.executable, "-c", RSS_PROBE, "sample" if sample_memory else "time", *command],
        env=environment,
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout)
    return Probed(
        result["seconds"],
        result["cpu_seconds"],
        result["status"],
        round(result["peak_rss_kb"] / 1024, 1),
        round(max(result["peak_total_pss_kb"], 0) / 1024, 1),
        result["output"],
    )


@dataclass(frozen=True)
class Statusgen:
    """A statusgen checkout run with a Python that has its dependencies (this one, or an older commit's)."""

    name: str
    python: str
    repository: Path

    # Run in the checkout's own folder: `python -m` puts the current folder first on sys.path,
    # before PYTHONPATH, so from anywhere else another checkout's code could be the one imported.
    # Run as installed: pip compiles an installed package's modules, so its runs do not compile
    # them again. A checkout under PYTHONDONTWRITEBYTECODE (set on this project's machine) would
    # compile statusgen's sixty modules at every run, 0.06 s that no operator pays.
    def environment(self, build_epoch: int | None = None) -> dict[str, str]:
        environment = {**os.environ, "PYTHONPATH": str(self.repository)}
        environment.pop("PYTHONDONTWRITEBYTECODE", None)
        environment.pop("SOURCE_DATE_EPOCH", None)
        if build_epoch is not None:
            environment["SOURCE_DATE_EPOCH"] = str(build_epoch)
        return environment

    def build(
        self, snapshot_file: Path, output: Path, build_epoch: int | None = None, sample_memory: bool = False
    ) -> Run:
        """One `statusgen build --snapshot` in a fresh process, as an operator's cron job runs it."""
        command = [self.python, "-m", "generator", "build", "--snapshot", str(snapshot_file), "--out", str(output)]
        command += ["--base-url", BASE_URL]
        result = probe(command, self.environment(build_epoch), self.repository, sample_memory)
        summary, up_to_date = SUMMARY.search(result.output), UP_TO_DATE.search(result.output)
        if result.status != 0 or (summary or up_to_date) is None:
            raise SystemExit(f"{self.name}: statusgen build failed ({result.status}): {result.output.strip()}")
        if up_to_date is not None:  # nothing changed: every file of the folder is one the build kept
            files = sum(1 for path in output.rglob("*") if path.is_file() and path.name != MARKER_NAME)
            pages, rewritten = int(up_to_date.group(1)), 0
        else:
            assert summary is not None  # noqa: S101
            pages, added, changed, removed, unchanged = (int(group) for group in summary.groups())
            files, rewritten = added + changed + unchanged, added + changed + removed
        memory = (result.peak_rss_mb, result.peak_total_mb)
        return Run(result.seconds, result.cpu_seconds, *memory, pages, rewritten, files)

    def help(self) -> Run:
        """`statusgen --help`: the cost of starting the command at all."""
        result = probe([self.python, "-m", "generator", "--help"], self.environment(), self.repository)
        if result.status != 0:
            raise SystemExit(f"{self.name}: statusgen --help failed: {result.output.strip()}")
        return Run(result.seconds, result.cpu_seconds, result.peak_rss_mb, result.peak_total_mb)


@dataclass(frozen=True)
class Hugo:
    """Hugo building the equivalent site (tests/hugo_site.py) from its source folder."""

    executable: str
    source: Path
    pages: dict[str, tuple[str, str]]  # the changed incident's content file, before and after the new note

    name = "hugo"

    def build(self, output: Path, sample_memory: bool = False) -> Run:
        command = [self.executable, "--source", str(self.source), "--destination", str(output), "--quiet"]
        result = probe(command, {**os.environ}, sample_memory=sample_memory)
        if result.status != 0:
            raise SystemExit(f"hugo failed ({result.status}): {result.output.strip()[-2000:]}")
        pages = sum(1 for path in output.rglob("*.html"))
        return Run(result.seconds, result.cpu_seconds, result.peak_rss_mb, result.peak_total_mb, pages, 0, pages)
