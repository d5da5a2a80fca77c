"""`statusgen serve` in this process: how it stops."""

from __future__ import annotations

import signal
import sys
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.config import Config
from generator.serve import PreviewOptions, Voice, _Preview, _stopped_by_signals


@pytest.fixture
def python_s_ctrl_c() -> Iterator[None]:
    """SIGINT raises KeyboardInterrupt, as at a terminal, even where the tests were started with `&`."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def ctrl_c_in_a_weakref_callback() -> list[type[BaseException] | None]:
    """Ctrl+C while Python runs a weakref callback, as it does whenever an object dies; what Python dropped.

    Python cannot raise out of a callback: it reports the KeyboardInterrupt as "Exception ignored"
    and goes on. A rebuild frees many objects, and a test's SIGINT landed in one such callback.
    """
    dropped: list[type[BaseException] | None] = []
    hook = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: dropped.append(unraisable.exc_type)

    class Thing:
        pass

    thing = Thing()
    reference = weakref.ref(thing, lambda _: signal.raise_signal(signal.SIGINT))
    try:
        del thing  # the callback runs here, and the handler raises in it
    finally:
        sys.unraisablehook = hook
    assert reference() is None
    return dropped


class DropsOneCtrlC:
    """A watcher: no changes ever; during its first wait a Ctrl+C comes and Python drops it."""

    def __init__(self) -> None:
        self.waits = 0
        self.dropped: list[type[BaseException] | None] = []

    def changed(self, timeout: float | None) -> set[Path]:
        self.waits += 1
        if self.waits > 1:
            raise AssertionError("the preview waits for changes again after Ctrl+C")
        self.dropped = ctrl_c_in_a_weakref_callback()
        return set()

    def watch(self, folders: object, files: object) -> None:
        raise AssertionError("nothing changed, nothing to watch again")


def test_a_ctrl_c_that_python_dropped_still_stops_the_preview(python_s_ctrl_c: None, tmp_path: Path) -> None:
    """A flake of test_a_new_snapshot_file_rebuilds_with_every_core: serve went on serving after SIGINT.

    Its KeyboardInterrupt was raised in a WeakKeyDictionary's callback while a rebuild freed objects,
    and printed as "Exception ignored"; serve then waited for changes for ever.
    """
    options = PreviewOptions(demo=True, snapshot_file=None, port=0, fetch_every=None, quiet=True)
    voice = Voice(say=print, describe=str, progress=lambda doing, unit: pytest.fail("no progress line here"))
    watcher = DropsOneCtrlC()
    with _stopped_by_signals() as stop:
        preview = _Preview(Config, options, voice, tmp_path, stop)
        with pytest.raises(KeyboardInterrupt):
            preview.run(watcher)  # type: ignore[arg-type]
    assert watcher.dropped == [KeyboardInterrupt]  # Python did drop it: the case this test is about
    assert stop.requested and watcher.waits == 1
