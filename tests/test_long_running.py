"""A process that builds again and again (`statusgen serve`) keeps nothing of its earlier builds.

It rebuilds in its own process at every change and every fetch: whatever a
build leaves reachable from a module grows with each rebuild, for as long as
the server runs.
"""

from __future__ import annotations

import gc
import re
import weakref
from pathlib import Path

import jinja2
import pytest

from generator import build as build_module
from generator import page_cache
from generator.build import build_from_source, build_site
from generator.config import Config
from generator.snapshot import SnapshotSource, write_snapshot
from tests import factories as f
from tests.synthetic import synthetic_snapshot

BASE = "https://status.example.com"


def build(title: str, output: Path) -> None:
    snapshot = f.snapshot(f.incident(1, updates=(f.note("n1", 0.5, "first"),)), f.incident(2, title=title))
    build_site(snapshot, Config(output=output, base_url=BASE), snapshot.taken_at)


def test_no_build_s_digests_outlive_it(tmp_path: Path) -> None:
    """The memo of digests keeps every value it digested alive (its keys are their ids): it ends with the build."""
    out = tmp_path / "site"
    for title in ("Incident 2", "Renamed once", "Renamed twice"):
        build(title, out)  # a few outputs: keyed in this process, not in forked workers
        assert page_cache._fingerprinters == {}
    page_cache.page_key(("a key made", "outside any build"))
    build("Incident 2", out)
    assert page_cache._fingerprinters == {}


def test_no_build_s_templates_outlive_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each build's environment, with the templates it parsed and compiled, is freed once the build is done."""
    made: list[weakref.ref[jinja2.Environment]] = []
    real = build_module.make_environment

    def recorded(*arguments, **options):  # type: ignore[no-untyped-def]
        environment = real(*arguments, **options)
        made.append(weakref.ref(environment))
        return environment

    monkeypatch.setattr(build_module, "make_environment", recorded)
    out = tmp_path / "site"
    for title in ("Incident 2", "Renamed once", "Renamed twice"):
        build(title, out)
    gc.collect()
    assert len(made) == 3 and [ref() for ref in made] == [None, None, None]


def resident_megabytes() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the resident size from Linux /proc")
def test_builds_that_fork_workers_leave_the_process_no_larger(tmp_path: Path) -> None:
    """A red-team finding (branch red-serve, 9a3403b): `statusgen serve` grew by about 1.9 MB at each
    rebuild of a 414-page site, whose builds fork workers, with Python's own counts flat.

    The build froze the collector's objects before forking and thawed them after; that alone made
    the difference (a loop like this one: 46 MB, then 123 MB after 40 builds; 49 MB flat without it).
    The workers now freeze what they inherit themselves. Measured after a few builds, once caches
    and templates are warm; the bound is many times what the allocator's noise gives.
    """
    write_snapshot(synthetic_snapshot(range(1, 400)), tmp_path / "snapshot.json")
    text = (tmp_path / "snapshot.json").read_text(encoding="utf-8")
    title = re.search(r'"title": "([^"]*)"', text)
    assert title is not None
    out, config = tmp_path / "site", Config(output=tmp_path / "site", base_url=BASE)
    for number in range(1, 17):
        retitled = text.replace(title.group(0), f'"title": "{title.group(1)} {number}"', 1)
        build_from_source(SnapshotSource(retitled.encode(), "snapshot.json"), config, allow_older=True)
        if number == 4:
            warm = resident_megabytes()
    assert out.is_dir() and resident_megabytes() - warm < 10  # about 23 MB more before the change
