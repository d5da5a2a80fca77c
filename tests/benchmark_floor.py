"""What the chosen libraries alone cost for every incident: `python -m tests.benchmark_floor SNAPSHOT`.

Not a unit test. Issue 20 asks for a full build at least as fast as Hugo's
while markdown-it-py, Jinja2 and feedgen stay. This measures, in one process
with the collector off (as a build's workers run), the CPU time of only the
work no build can skip: rendering each incident's Markdown texts (its
description, its notes, its published postmortem) with markdown-it-py, then
its page with Jinja2 and its Atom feed with feedgen, each with the Markdown
already rendered. Nothing else of a build is in it: no import, no loading or
planning, no episode, service, history or maintenance page, no page key, no
writing. Divided by the cores, it is a wall time no build on this machine can
go under; the benchmark (tests/benchmark.py) sets it beside Hugo's full build
of the same sitting.
"""

from __future__ import annotations

import functools
import gc
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import generator.views
from generator.build import _prepare
from generator.config import Config
from generator.snapshot import SnapshotSource
from tests.benchmark_runs import BASE_URL


def measure(snapshot_file: Path) -> dict[str, Any]:
    """CPU seconds of the incidents' Markdown, pages and feeds, with what they are divided into."""
    data = snapshot_file.read_bytes()
    gc.disable()
    snapshot = SnapshotSource(data, str(snapshot_file)).load().snapshot
    config = Config(output=Path("unused"), base_url=BASE_URL)
    prepared = _prepare(snapshot, config, snapshot.taken_at)
    # Every text once: the views' own renderer, memoised without bound for the pages and feeds that follow.
    rendered = functools.lru_cache(maxsize=None)(generator.views.render_markdown.__wrapped__)  # type: ignore[attr-defined]
    generator.views.render_markdown = rendered  # type: ignore[attr-defined]
    views = prepared.sources.plan.incidents
    markdown = _cpu(lambda: generator.views.render_markdown_of(*views))  # what a build's workers render ahead
    outputs = [output for output in prepared.outputs if output.folder.startswith("incidents/")]
    pages = [output for output in outputs if output.paths[0].endswith(".html")]
    feeds = [output for output in outputs if output.paths[0].endswith(".atom")]
    if len(pages) != len(views):
        raise SystemExit(f"expected a page per incident, found {len(pages)} pages for {len(views)} incidents")
    page_seconds = _cpu(lambda: [output.render() for output in pages])
    feed_seconds = _cpu(lambda: [output.render() for output in feeds])
    total = markdown + page_seconds + feed_seconds
    cores = os.cpu_count() or 1
    return {
        "incidents": len(views),
        "texts": rendered.cache_info().currsize,
        "feeds": len(feeds),
        "markdown_cpu_seconds": round(markdown, 3),
        "pages_cpu_seconds": round(page_seconds, 3),
        "feeds_cpu_seconds": round(feed_seconds, 3),
        "total_cpu_seconds": round(total, 3),
        "cores": cores,
        "wall_floor_seconds": round(total / cores, 3),
    }


def _cpu(work: Callable[[], object]) -> float:
    started = time.process_time()
    work()
    return time.process_time() - started


def main() -> None:
    figures = measure(Path(sys.argv[1]))
    print(json.dumps(figures))  # noqa: T201 - a benchmark reports on stdout


if __name__ == "__main__":
    main()
