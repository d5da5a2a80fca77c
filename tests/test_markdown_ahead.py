"""The helper that renders a full build's Markdown while the build loads and plans (markdown_ahead.py)."""

from __future__ import annotations

import contextlib
import filecmp
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import build, markdown_ahead, markup, parallel
from generator.config import Config
from generator.errors import OutputError
from generator.model import Snapshot
from generator.snapshot import SnapshotSource, snapshot_to_json
from generator.snapshot_sections import spans_of
from generator.views import incident_markdown
from tests import factories as f
from tests.statusgen_runs import REPO, children_of, statusgen_environment

pytestmark = pytest.mark.skipif(not hasattr(os, "memfd_create"), reason="the helper runs where fork and memfd do")

BASE = "https://status.example.com"
SLOW_TEXT = "![" * 20_000
COLLECT = markdown_ahead.MarkdownAhead.collect
PARSER_FOR = markup._parser_for  # noqa: SLF001  # markdown-it's costliest input: about half a second a text on a 2-core machine


def notes_snapshot(incidents: int = 40) -> Snapshot:
    """Incidents with a description, two notes (one blank) and sometimes a postmortem; an episode's own text too."""
    items = [
        f.incident(
            n,
            description=f"Incident **{n}** began.",
            updates=(f.note(f"a{n}", 1, f"- note {n}\n- [more](https://example.com/{n})"), f.note(f"b{n}", 0.5, " ")),
            postmortem=f.postmortem(0.2, f"## Cause {n}\n\nA bad deploy.") if n % 3 == 0 else None,
        )
        for n in range(1, incidents + 1)
    ]
    return f.snapshot(*items)


def snapshot_bytes(snapshot: Snapshot) -> bytes:
    return snapshot_to_json(snapshot).encode("utf-8")


def incident_texts(snapshot: Snapshot) -> dict[tuple[str, int], str]:
    """Each non-blank text the incidents' views render, with the HTML render_markdown makes of it."""
    texts = {key for incident in snapshot.incidents for key in incident_markdown(incident) if key[0].strip()}
    return {key: markup.render_markdown.__wrapped__(*key) for key in texts}  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def nothing_kept_between_tests() -> Iterator[None]:
    yield
    markup.forget_rendered()


def wait_until_done(helper: markdown_ahead.MarkdownAhead) -> None:
    """Until the helper has rendered all it had and exited (a zombie until it is reaped); 60 s at most."""
    pid, deadline = helper._pid, time.monotonic() + 60  # noqa: SLF001 - the test watches the process itself
    while "\nState:\tZ" not in Path(f"/proc/{pid}/status").read_text():
        if time.monotonic() > deadline:
            raise AssertionError("the helper did not finish within 60 s")
        time.sleep(0.01)


def started(data: bytes, monkeypatch: pytest.MonkeyPatch) -> markdown_ahead.MarkdownAhead:
    monkeypatch.setattr(markdown_ahead, "AHEAD_MIN_BYTES", 0)
    helper = markdown_ahead.start_markdown_ahead(data, spans_of(data))
    assert helper is not None
    return helper


def test_the_helper_renders_each_text_of_each_incident_as_the_build_renders_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    snapshot = notes_snapshot()
    helper = started(snapshot_bytes(snapshot), monkeypatch)
    wait_until_done(helper)
    expected = incident_texts(snapshot)
    assert helper.collect() == len(expected) == 40 * 2 + 13  # descriptions, non-blank notes, postmortems
    for (text, heading), html in expected.items():
        assert markup._RENDERED_AHEAD[(text, heading)] == html  # noqa: SLF001


def test_render_markdown_takes_a_text_rendered_ahead_instead_of_rendering_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(markup, "_RENDERED_AHEAD", {("*x*", 4): "<p>kept</p>\n"})
    assert markup.render_markdown.__wrapped__("*x*", 4) == "<p>kept</p>\n"  # type: ignore[attr-defined]
    assert markup.render_markdown.__wrapped__("*x*", 2) == "<p><em>x</em></p>\n"  # type: ignore[attr-defined]


def test_a_slow_text_does_not_hold_the_build_it_is_cut_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """Collecting kills the helper wherever it is: hostile notes worth a minute of rendering cost nothing,
    and the texts it finished before the kill are kept."""
    monkeypatch.setattr(markdown_ahead, "BATCH_TEXTS", 1)
    slow = f.snapshot(*(f.incident(n, description=SLOW_TEXT + str(n)) for n in range(1, 121)))
    helper = started(snapshot_bytes(slow), monkeypatch)
    pid = helper._pid  # noqa: SLF001
    assert pid is not None
    deadline = time.monotonic() + 60
    while os.fstat(helper._results).st_size == 0:  # noqa: SLF001 - until a first text is written
        assert time.monotonic() < deadline, "the helper wrote nothing within 60 s"
        time.sleep(0.01)
    rendered = helper.collect()
    assert 1 <= rendered < 120  # stopped long before the end, with what it had finished
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped: nothing left behind


def test_the_helper_stops_writing_at_its_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """A build that waits long for the site's lock does not fill memory with rendered texts."""
    monkeypatch.setattr(markdown_ahead, "BATCH_TEXTS", 4)
    monkeypatch.setattr(markdown_ahead, "AHEAD_MAX_BYTES", 1)
    helper = started(snapshot_bytes(notes_snapshot()), monkeypatch)
    wait_until_done(helper)
    assert helper.collect() == 4  # the first batch, then it stopped


def test_a_helper_closed_unused_leaves_no_process_and_no_texts(monkeypatch: pytest.MonkeyPatch) -> None:
    helper = started(snapshot_bytes(notes_snapshot()), monkeypatch)
    pid = helper._pid  # noqa: SLF001
    assert pid is not None
    helper.close()
    helper.close()  # (idempotent)
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
    assert markup._RENDERED_AHEAD == {}  # noqa: SLF001


def test_a_small_snapshot_gets_no_helper(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # (on one core there is never one)
    data = snapshot_bytes(notes_snapshot())
    assert len(data) < markdown_ahead.AHEAD_MIN_BYTES
    assert markdown_ahead.start_markdown_ahead(data, spans_of(data)) is None
    assert markdown_ahead.start_markdown_ahead(data, None) is None


def written_batch(batch: list[tuple[str, int, str]]) -> bytes:
    results = os.memfd_create("test")
    try:
        markdown_ahead._write_batch(results, batch)  # noqa: SLF001
        return os.pread(results, os.fstat(results).st_size, 0)
    finally:
        os.close(results)


def test_batches_cut_short_by_the_kill_are_left_out() -> None:
    batch = [("*a*", 4, "<p><em>a</em></p>\n"), ("lone \udc80 surrogate, é", 2, "<p>lone \udc80 surrogate, é</p>\n")]
    whole = written_batch(batch)
    assert dict(markdown_ahead._batches(whole)) == {(text, heading): html for text, heading, html in batch}  # noqa: SLF001
    for cut in range(len(whole)):
        assert list(markdown_ahead._batches(whole[:cut])) == []  # noqa: SLF001
    second = written_batch([("b", 4, "<p>b</p>\n")])
    assert len(dict(markdown_ahead._batches(whole + second[:-1]))) == 2  # noqa: SLF001 - the whole first batch


def full_build(snapshot: Snapshot, out: Path, monkeypatch: pytest.MonkeyPatch, helper: bool) -> list[str]:
    """A full build in this process (no workers); the texts markdown-it parsed in it, in order.

    With the helper, the build's collect first waits for the helper to render everything, so
    that every incident text is one the build need not parse.
    """
    monkeypatch.setattr(parallel, "PARALLEL_THRESHOLD", 10**9)
    monkeypatch.setattr(markdown_ahead, "AHEAD_MIN_BYTES", 0 if helper else 10**12)

    def collect_when_done(self: markdown_ahead.MarkdownAhead) -> int:
        wait_until_done(self)
        return COLLECT(self)

    monkeypatch.setattr(markdown_ahead.MarkdownAhead, "collect", collect_when_done)
    parsed: list[str] = []
    monkeypatch.setattr(markup, "_parser_for", lambda text: parsed.append(text) or PARSER_FOR(text))
    markup.render_markdown.cache_clear()
    config = Config(output=out, base_url=BASE)
    build.build_from_source(SnapshotSource(snapshot_bytes(snapshot), "snapshot.json"), config, environ={})
    monkeypatch.setattr(markup, "_parser_for", PARSER_FOR)
    return parsed


def same_files(left: Path, right: Path) -> bool:
    compared = filecmp.dircmp(left, right)
    if compared.left_only or compared.right_only or compared.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(left, right, compared.common_files, shallow=False)
    return not mismatch and not errors and all(same_files(left / d, right / d) for d in compared.common_dirs)


def test_a_full_build_takes_the_helper_s_texts_and_writes_the_same_files(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    snapshot = notes_snapshot()
    without = full_build(snapshot, tmp_path / "without", monkeypatch, helper=False)
    with_helper = full_build(snapshot, tmp_path / "with", monkeypatch, helper=True)
    texts = {incident.description for incident in snapshot.incidents}
    texts |= {update.note for incident in snapshot.incidents for update in incident.updates if update.note.strip()}
    texts |= {incident.postmortem.note for incident in snapshot.incidents if incident.postmortem is not None}
    assert texts <= set(without)  # without the helper, the build parses every incident text itself
    assert texts.isdisjoint(with_helper)  # with it, none: each came rendered
    assert same_files(tmp_path / "without", tmp_path / "with")
    assert markup._RENDERED_AHEAD == {}  # noqa: SLF001 - a process that builds again keeps nothing of it


def test_a_build_that_keeps_pages_starts_no_helper(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    started: list[bool] = []
    monkeypatch.setattr(build, "rendering_ahead", recording(started))
    config = Config(output=tmp_path / "site", base_url=BASE)
    build.build_from_source(SnapshotSource(snapshot_bytes(notes_snapshot()), "snapshot.json"), config, environ={})
    build.build_from_source(SnapshotSource(snapshot_bytes(notes_snapshot(41)), "snapshot.json"), config, environ={})
    assert started == [True, False]  # the second keeps the pages of the 40 unchanged incidents


HELPER_OF_A_KILLED_BUILD = """
import os, sys
from generator import markdown_ahead
from generator.snapshot_sections import spans_of
data = open(sys.argv[1], "rb").read()
markdown_ahead.AHEAD_MIN_BYTES = 0
os.cpu_count = lambda: 2
helper = markdown_ahead.start_markdown_ahead(data, spans_of(data))
print(helper._pid, flush=True)
sys.stdin.read()  # until the test kills this process
"""


def test_the_helper_of_a_killed_build_ends_with_it(tmp_path: Path) -> None:
    """A cron job's timeout SIGKILLs the build: its helper ends with it instead of rendering on alone."""
    slow = f.snapshot(*(f.incident(n, description=SLOW_TEXT + str(n)) for n in range(1, 121)))
    (tmp_path / "snapshot.json").write_bytes(snapshot_bytes(slow))
    command = [sys.executable, "-c", HELPER_OF_A_KILLED_BUILD, str(tmp_path / "snapshot.json")]
    parent = subprocess.Popen(
        command, cwd=REPO, env=statusgen_environment(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert parent.stdout is not None
    helper = os.pidfd_open(int(parent.stdout.readline()))  # (the helper is alive: the slow texts take a minute)
    try:
        parent.kill()
        parent.wait()
        ended, _, _ = select.select([helper], [], [], 30)  # a pidfd is readable once its process has ended
        assert ended == [helper], "the helper outlived the build by 30 s"
    finally:
        with contextlib.suppress(ProcessLookupError):
            signal.pidfd_send_signal(helper, signal.SIGKILL)
        os.close(helper)


def test_a_build_that_fails_after_collecting_leaves_no_helper_and_no_texts(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(markdown_ahead, "AHEAD_MIN_BYTES", 0)
    collected: list[int] = []
    monkeypatch.setattr(markdown_ahead.MarkdownAhead, "collect", lambda self: collected.append(1) or COLLECT(self))

    def broken(*args: object, **kwargs: object) -> None:
        raise OutputError("the disk is full")

    monkeypatch.setattr(build, "_produce", broken)
    config = Config(output=tmp_path / "site", base_url=BASE)
    with pytest.raises(OutputError):
        build.build_from_source(SnapshotSource(snapshot_bytes(notes_snapshot()), "snapshot.json"), config, environ={})
    assert collected == [1]
    assert children_of(os.getpid()) == []
    assert markup._RENDERED_AHEAD == {}  # noqa: SLF001


def test_without_the_cache_a_build_starts_a_helper_beside_a_last_build(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    started: list[bool] = []
    monkeypatch.setattr(build, "rendering_ahead", recording(started))
    config = Config(output=tmp_path / "site", base_url=BASE)
    source = SnapshotSource(snapshot_bytes(notes_snapshot()), "snapshot.json")
    build.build_from_source(source, config, environ={})
    build.build_from_source(source, config, environ={}, use_cache=False)
    build.build_from_source(source, config, environ={}, check=True)
    assert started == [True, True, False]  # a first build, one that uses no page of the last: they render all


def test_a_helper_for_a_build_that_then_keeps_pages_is_closed_unused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """An overlapping run waited for the lock and found a site another run built: its texts are not wanted."""
    config = Config(output=tmp_path / "site", base_url=BASE)
    source = SnapshotSource(snapshot_bytes(notes_snapshot()), "snapshot.json")
    build.build_from_source(source, config, environ={})  # the other run's site
    monkeypatch.setattr(build, "_renders_everything", lambda *args: True)  # as it was before the lock
    monkeypatch.setattr(markdown_ahead, "AHEAD_MIN_BYTES", 0)
    collected: list[int] = []
    monkeypatch.setattr(markdown_ahead.MarkdownAhead, "collect", lambda self: collected.append(1) or COLLECT(self))
    build.build_from_source(SnapshotSource(snapshot_bytes(notes_snapshot(41)), "snapshot.json"), config, environ={})
    assert collected == []
    assert children_of(os.getpid()) == []


def recording(started: list[bool]):  # type: ignore[no-untyped-def]
    """rendering_ahead, noting whether each build wanted a helper."""
    original = markdown_ahead.rendering_ahead

    def rendering(data: bytes, spans: object, wanted: bool):  # type: ignore[no-untyped-def]
        started.append(wanted)
        return original(data, spans, wanted)  # type: ignore[arg-type]

    return rendering
