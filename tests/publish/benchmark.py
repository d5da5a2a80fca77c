"""Publish benchmark (issue 17): uploads, bytes and time of each cron case at 10,000 incidents.

A benchmark, not a unit test. It builds the benchmark's synthetic project
(tests/benchmark.py) once with the real `statusgen build`, starts moto's S3
server on 127.0.0.1 and times the real `statusgen publish`, each run a fresh
process: the first publish, a run with nothing changed, a run after one new
note, and one after a retraction. moto is a Python server on the same two
cores, slower per request than a real store and without its network latency:
compare the counts with a real store, the times only with each other.

    .venv/bin/python -m tests.publish.benchmark --workdir /dev/shm
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from generator.model import Snapshot, Update, UpdateKind
from generator.publish.manifest import MANIFEST_KEY
from generator.snapshot import write_snapshot
from tests.benchmark_project import ProjectSize, snapshot_of
from tests.benchmark_runs import Statusgen
from tests.publish.s3 import ACCESS_KEY_ID, REGION, SECRET_ACCESS_KEY, S3Server

REPOSITORY = Path(__file__).resolve().parents[2]
TAKEN_AT = datetime(2026, 11, 20, 12, tzinfo=UTC)
SUMMARY = re.compile(r"(\d+) uploaded \(([\d,]+) bytes\), (\d+) deleted, (\d+) unchanged")


def publish(site: Path, bucket: str, endpoint: str) -> dict[str, Any]:
    """One `statusgen publish` in a fresh process: its wall time and what it reported."""
    environment = {
        **os.environ,
        "PYTHONPATH": str(REPOSITORY),
        "AWS_ACCESS_KEY_ID": ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY": SECRET_ACCESS_KEY,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_EC2_METADATA_DISABLED": "true",
    }
    command = [sys.executable, "-m", "generator", "publish", f"s3://{bucket}", "--site", str(site)]
    started = time.perf_counter()
    done = subprocess.run(
        [*command, "--endpoint-url", endpoint], env=environment, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - started
    summary = SUMMARY.search(done.stderr)
    if done.returncode != 0 or summary is None:
        raise SystemExit(f"statusgen publish failed ({done.returncode}): {done.stderr.strip()}")
    uploaded, size, deleted, unchanged = summary.groups()
    return {
        "seconds": round(seconds, 2),
        "uploaded": int(uploaded),
        "bytes": int(size.replace(",", "")),
        "deleted": int(deleted),
        "unchanged": int(unchanged),
    }


def with_new_note(snapshot: Snapshot) -> Snapshot:
    """A new public note on the newest incident: what most cron runs that change anything see."""
    newest = max(snapshot.incidents, key=lambda incident: incident.declared_at)
    note = Update("bench-note", UpdateKind.NOTE, snapshot.taken_at - timedelta(minutes=1), note="A fix is rolling out.")
    changed = dataclasses.replace(newest, updates=(*newest.updates, note))
    return dataclasses.replace(
        snapshot, incidents=tuple(changed if item is newest else item for item in snapshot.incidents)
    )


def without_newest(snapshot: Snapshot) -> Snapshot:
    """The newest incident retracted: made private, hidden from the status page, or deleted."""
    newest = max(snapshot.incidents, key=lambda incident: incident.declared_at)
    return dataclasses.replace(snapshot, incidents=tuple(item for item in snapshot.incidents if item is not newest))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--incidents", type=int, default=10_000, help="visible incidents (default 10000)")
    parser.add_argument("--workdir", type=Path, default=None, help="where snapshots and the site are written")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this JSON file")
    arguments = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="statusgen-publish-bench-", dir=arguments.workdir))
    snapshot = snapshot_of(ProjectSize(visible=arguments.incidents, private=arguments.incidents // 5), TAKEN_AT)
    snapshot_file, site = workdir / "snapshot.json", workdir / "site"
    server = S3Server.start()
    bucket = server.new_bucket()
    results: dict[str, Any] = {"incidents": len(snapshot.incidents)}
    try:
        cases = [
            ("first publish", snapshot),
            ("nothing changed", snapshot),
            ("one new note", with_new_note(snapshot)),
            ("one retraction", without_newest(with_new_note(snapshot))),
        ]
        for name, case in cases:
            write_snapshot(case, snapshot_file)
            build = Statusgen("statusgen", sys.executable, REPOSITORY).build(snapshot_file, site)
            results[name] = {"files": build.files, **publish(site, bucket, server.url)}
            print(f"{name:16} {json.dumps(results[name])}", flush=True)
        manifest = server.client().head_object(Bucket=bucket, Key=MANIFEST_KEY)
        results["manifest_bytes"] = manifest["ContentLength"]
    finally:
        server.stop()
    print(f"manifest: {results['manifest_bytes']:,} bytes (gzipped)")
    if arguments.json:
        arguments.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
