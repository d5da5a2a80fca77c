"""A process that builds again and again (`statusgen serve`) keeps nothing of its earlier builds.

It rebuilds in its own process at every change and every fetch: whatever a
build leaves reachable from a module grows with each rebuild, for as long as
the server runs.
"""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import jinja2
import pytest

from generator import build as build_module
from generator import page_cache
from generator.build import build_site
from generator.config import Config
from tests import factories as f

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
