"""No note is costly to render: a megabyte of the worst Markdown is cut, and what is rendered stays cheap.

Timings here are safety bounds twenty times what this machine needs
(`python -m tests.security.markdown_cost` prints the real figures), so they
only fail when a pattern stops being cheap at all, not on a busy machine.
"""

from __future__ import annotations

import time
from pathlib import Path

import lxml.html
import pytest

from generator.markup import MAX_MARKDOWN_CHARS, SHORTENED_MARK, render_markdown
from generator.snapshot import snapshot_to_json
from tests import factories as f
from tests.html_tools import page_text, texts, unbalanced_tags
from tests.security.helpers import run_cli
from tests.security.markdown_cost import pathological_inputs, repeated

ONE_MEGABYTE = 1_000_000
SAFETY_SECONDS = 10.0  # the costliest input takes about 0.5 s here
CORPUS = pathological_inputs(MAX_MARKDOWN_CHARS)


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_a_megabyte_of_pathological_markdown_renders_quickly_and_validly(name: str) -> None:
    # The corpus input fills what is rendered; a megabyte of the costliest construct follows it.
    text = CORPUS[name] + repeated("![", ONE_MEGABYTE - len(CORPUS[name]))
    render_markdown.cache_clear()
    started = time.monotonic()
    html = render_markdown(text, 4)
    assert time.monotonic() - started < SAFETY_SECONDS
    assert html.endswith(SHORTENED_MARK)
    assert unbalanced_tags(html) == []
    assert "<h1" not in html and "<h2" not in html and "<h3" not in html  # headings still shifted


def test_the_real_command_builds_a_site_with_a_megabyte_note_in_bounded_time(tmp_path: Path) -> None:
    workdir = tmp_path
    hostile = f.note("huge", 1, repeated("![", ONE_MEGABYTE))
    calm = f.note("calm", 2, "All **fine**.")
    long_description = f.incident(2, description=repeated("[", ONE_MEGABYTE))
    snapshot = f.snapshot(f.incident(1, updates=(calm, hostile)), long_description)
    (workdir / "snapshot.json").write_text(snapshot_to_json(snapshot), encoding="utf-8")
    # The bound is the subprocess timeout (TimeoutExpired fails the test); the build takes a few seconds.
    run = run_cli(workdir, "build", "--snapshot", "snapshot.json", timeout=60)
    assert run.returncode == 0, run.stderr
    page = lxml.html.fromstring((workdir / "site/incidents/1/index.html").read_bytes())
    notes = texts(page, '//ol[@class="timeline"]//div[@class="note"]')
    assert notes[0].endswith("![![![ (shortened)") and notes[1] == "All fine."
    assert len(notes[0]) < MAX_MARKDOWN_CHARS + 20
    other = lxml.html.fromstring((workdir / "site/incidents/2/index.html").read_bytes())
    assert page_text(other).count("(shortened)") == 1
    feed = (workdir / "site/incidents/1/feed.atom").read_text(encoding="utf-8")
    assert feed.count("(shortened)") == 1
