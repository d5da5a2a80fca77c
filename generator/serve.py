"""`statusgen serve`: a preview on 127.0.0.1, built again whenever what it is built from changes.

As `mkdocs serve` and `hugo server` do: the site is built into a temporary
folder of its own (never the published output), with the same atomic build as
`statusgen build`, and static_host serves whatever that folder holds at each
request. The theme folders, the settings file, the logo and the snapshot file
are watched; a change rebuilds (the page cache keeps it quick), and a rebuild
that fails is told in one line while the last good site stays up. With the
live API the data is fetched once, then again every `fetch_every` seconds.
"""

from __future__ import annotations

import functools
import os
import signal
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from types import FrameType

from generator.build import PageProgress, build_from_source
from generator.config import CONFIG_FILE_NAME, Config, insecure_url_warning
from generator.errors import StatusgenError
from generator.fetch import Progress, refresh_snapshot
from generator.notices import warn
from generator.snapshot import DEMO_NAME, SnapshotSource, demo_snapshot_bytes, read_snapshot_bytes, write_snapshot
from generator.static_host import StaticHost
from generator.themes import default_theme_dir
from generator.watching import Watcher
from generator.writer import BuildReport

# A counter on the terminal while the first fetch and build run: (doing, unit) -> the callback or None.
ProgressLine = Callable[[str, str], AbstractContextManager[Callable[[int, int | None], None] | None]]
_SHOWN_NAMES = 3  # changed files named in a rebuild's line, at most
_STOP_CHECK_SECONDS = 0.5  # how often an idle preview looks whether a stop was noted (see _stopped_by_signals)


@dataclass(frozen=True, slots=True)
class PreviewOptions:
    """Where the preview's data comes from and where it is served."""

    demo: bool
    snapshot_file: Path | None  # None with demo, and for the live API
    port: int  # on 127.0.0.1; 0 takes any free port
    fetch_every: float | None  # live API only: seconds between fetches (None: fetch once)
    quiet: bool


@dataclass(frozen=True, slots=True)
class Voice:
    """How the preview talks: `say` prints a line, `describe` turns an error into one line (no secrets)."""

    say: Callable[[str], None]
    describe: Callable[[Exception], str]
    progress: ProgressLine


def serve_preview(settings: Callable[[], Config], options: PreviewOptions, voice: Voice) -> None:
    """Build, serve and rebuild until interrupted (Ctrl+C raises KeyboardInterrupt out of here).

    `settings` is called for every build, so an edited statusgen.toml takes
    effect. Errors of the first fetch or build end the command: there is no
    site to serve yet.
    """
    with _stopped_by_signals() as stop, tempfile.TemporaryDirectory(prefix="statusgen-serve-") as work:
        preview = _Preview(settings, options, voice, Path(work), stop)
        if preview.live:
            with voice.progress("fetching", "requests") as counter:
                preview.fetch(counter)
        with voice.progress("building", "pages") as counter:
            preview.build(counter)
        with StaticHost(preview.output, options.port) as host, _watching() as watcher:
            watcher.watch(*preview.inputs())  # before the address is out: no edit after it can be missed
            voice.say(f"serving {host.url} (Ctrl+C stops it)")
            preview.run(watcher)


class _Stop:
    """Whether Ctrl+C or SIGTERM came: noted by the signal handler, read by the rebuild loop."""

    def __init__(self) -> None:
        self.requested = False  # a plain attribute: a handler must take no lock the main thread may hold


@contextmanager
def _stopped_by_signals() -> Iterator[_Stop]:
    """Ctrl+C stops it, and so do `kill`, `docker stop` and systemd stop, so that its temporary folder is removed.

    Both raise KeyboardInterrupt wherever the main thread is, so that a build stops at once. But
    where that is a weakref callback or a `__del__` (a build frees many objects), Python prints
    "Exception ignored" and carries on: serve went on serving, and a test's SIGINT went unheard
    for its 60 seconds. So the signal is also noted, and the rebuild loop ends when it sees that.
    """
    owner = os.getpid()
    stop = _Stop()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        if os.getpid() != owner:  # a build worker forked from this process: end as it would have
            if signum == signal.SIGINT:
                raise KeyboardInterrupt
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        stop.requested = True
        raise KeyboardInterrupt

    signals = [signal.SIGTERM]
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not where it is ignored (started with `&`)
        signals.append(signal.SIGINT)
    previous = {signum: signal.signal(signum, on_signal) for signum in signals}
    try:
        yield stop
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextmanager
def _watching() -> Iterator[Watcher]:
    watcher = Watcher()
    try:
        yield watcher
    finally:
        watcher.stop()


class _Preview:
    def __init__(
        self, settings: Callable[[], Config], options: PreviewOptions, voice: Voice, work: Path, stop: _Stop
    ) -> None:
        self._settings = settings
        self._options = options
        self._voice = voice
        self._stop = stop
        self.output = work / "site"
        self.live = not options.demo and options.snapshot_file is None
        self._fetched = work / "snapshot.json"  # the live API's data, kept for incremental fetches
        self._config: Config | None = None  # the settings of the last good build

    def fetch(self, progress: Progress | None = None) -> None:
        config = self._settings()
        warning = insecure_url_warning(config.url)
        if warning and not self._fetched.exists():  # told once, not at every --fetch-every
            warn(warning)
        result = refresh_snapshot(config, self._fetched, progress=progress)
        write_snapshot(result.snapshot, self._fetched)
        self._info(f"fetched {result.summary()}")

    def build(self, progress: PageProgress | None = None, reason: str | None = None) -> BuildReport:
        config = replace(self._settings(), output=self.output)
        # The preview folder is ours alone: it always shows the data it was given, older or not.
        report = build_from_source(self._source(), config, allow_older=True, progress=progress)
        self._config = config
        if reason is None:
            self._info(f"built {report.pages} pages")
        else:
            self._info(f"rebuilt ({reason}): {report.pages} pages; {report.write.summary()}")
        return report

    def run(self, watcher: Watcher) -> None:
        """Rebuild on every change, and fetch when it is due, until interrupted."""
        every = self._options.fetch_every if self.live else None
        due = time.monotonic() + every if every else None
        while not self._stop.requested:
            wait = _STOP_CHECK_SECONDS if due is None else min(_STOP_CHECK_SECONDS, max(0.0, due - time.monotonic()))
            changed = watcher.changed(wait)
            fetched = False
            if every and due is not None and time.monotonic() >= due:
                due = time.monotonic() + every
                fetched = self._attempt(self.fetch, "still serving the site of the last fetch")
            if changed or fetched:
                reason = f"{_names(changed)} changed" if changed else "new data fetched"
                self._attempt(functools.partial(self.build, reason=reason), "still serving the last good site")
                watcher.watch(*self.inputs())  # the settings may name another theme or logo now
        raise KeyboardInterrupt  # Python dropped the one the signal raised (see _stopped_by_signals)

    def _attempt(self, step: Callable[[], object], meanwhile: str) -> bool:
        """Run one fetch or rebuild; a failure is one line and leaves the site as it was."""
        try:
            step()
        except (StatusgenError, OSError) as exc:
            self._voice.say(f"Error: {self._voice.describe(exc).rstrip('.')}; {meanwhile}")
            return False
        return True

    def _source(self) -> SnapshotSource:
        if self._options.demo:
            return SnapshotSource(demo_snapshot_bytes(), DEMO_NAME)
        path = self._options.snapshot_file or self._fetched
        return SnapshotSource(read_snapshot_bytes(path), str(path))

    def inputs(self) -> tuple[list[Path], list[Path]]:
        """The folders and files a build reads, by the last good settings."""
        config = self._config or Config()
        folders = [default_theme_dir(), *filter(None, [config.theme])]
        files = [config.config_file or Path(CONFIG_FILE_NAME), config.logo, self._options.snapshot_file]
        return folders, [file for file in files if file is not None]

    def _info(self, line: str) -> None:
        if not self._options.quiet:
            self._voice.say(line)


def _names(paths: set[Path]) -> str:
    """The changed files, relative to the current folder where they are below it."""
    here = Path.cwd()
    names = sorted(str(path.relative_to(here)) if path.is_relative_to(here) else str(path) for path in paths)
    more = len(names) - _SHOWN_NAMES
    return ", ".join(names[:_SHOWN_NAMES]) + (f" and {more} more" if more > 0 else "")
