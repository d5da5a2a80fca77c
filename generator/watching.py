"""Telling `statusgen serve` that something it builds from changed: theme folders, settings, snapshot, logo.

watchfiles (the Rust `notify` library: inotify, FSEvents, ReadDirectoryChangesW)
does the watching. Folders are watched with everything below them; a single
file is watched through its folder, without what is below that folder, so that
a file replaced by a rename (an editor's save, `statusgen fetch`) is seen too,
and a project folder full of other things costs nothing.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable
from pathlib import Path

from generator.notices import warn

_READY_MILLISECONDS = 200  # how soon a new watcher answers "no changes yet", which shows it is in place
_READY_SECONDS = 10  # how long `watch` waits for that at most


class Watcher:
    """Changes below some folders and to some files, gathered in one queue; `watch` again to change which."""

    def __init__(self) -> None:
        self._changes: queue.Queue[Path] = queue.Queue()
        self._watched: tuple[frozenset[Path], frozenset[Path]] = (frozenset(), frozenset())
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def watch(self, folders: Iterable[Path], files: Iterable[Path]) -> None:
        """Watch these folders (with all below them) and files, instead of what was watched before."""
        wanted = (
            frozenset(folder.resolve() for folder in folders if folder.is_dir()),
            frozenset(file.resolve() for file in files if file.parent.is_dir()),
        )
        if wanted == self._watched:
            return
        self.stop()
        self._watched = wanted
        self._stop = threading.Event()
        folders_wanted, files_wanted = wanted
        if folders_wanted:
            self._start(folders_wanted, recursive=True, only=None)
        if files_wanted:
            self._start(frozenset(file.parent for file in files_wanted), recursive=False, only=files_wanted)

    def changed(self, timeout: float | None) -> set[Path]:
        """What changed since the last call, waiting up to `timeout` seconds (None: for ever) for a first change."""
        try:
            changes = {self._changes.get(timeout=timeout)}
        except queue.Empty:
            return set()
        while not self._changes.empty():
            changes.add(self._changes.get_nowait())
        return changes

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join()
        self._threads = []

    def _start(self, paths: frozenset[Path], recursive: bool, only: frozenset[Path] | None) -> None:
        """Watch in a thread of its own; return once it watches, so that no change after this is missed."""
        ready = threading.Event()
        thread = threading.Thread(
            target=self._run, args=(paths, recursive, only, self._stop, ready), name="watcher", daemon=True
        )
        thread.start()
        self._threads.append(thread)
        ready.wait(timeout=_READY_SECONDS)

    def _run(
        self,
        paths: frozenset[Path],
        recursive: bool,
        only: frozenset[Path] | None,
        stop: threading.Event,
        ready: threading.Event,
    ) -> None:
        import watchfiles  # here, not at the top: `statusgen --help` stays quick

        ignored = watchfiles.DefaultFilter()  # editors' swap and backup files, .git and the like

        def wanted(change: watchfiles.Change, path: str) -> bool:
            return (only is None or Path(path) in only) and ignored(change, path)

        try:
            # With yield_on_timeout, the first answer (changes, or none after rust_timeout) comes from a
            # watcher already in place: from then on, every change is seen.
            for changes in watchfiles.watch(
                *paths,
                watch_filter=wanted,
                recursive=recursive,
                stop_event=stop,
                raise_interrupt=False,
                rust_timeout=_READY_MILLISECONDS,
                yield_on_timeout=True,
            ):
                ready.set()
                for _, path in changes:
                    self._changes.put(Path(path))
        except (OSError, RuntimeError) as exc:  # e.g. the system's limit of watches reached
            warn(f"cannot watch {', '.join(sorted(map(str, paths)))} for changes ({exc}); edits there are not seen")
        finally:
            ready.set()
