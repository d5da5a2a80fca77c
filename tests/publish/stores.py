"""Wrappers around the real store for tests: a log of every request, checks after each one, failures on cue."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from generator.errors import PublishError
from generator.publish.destination import Destination
from generator.publish.headers import Headers
from generator.publish.manifest import Listed
from generator.publish.settings import PublishSettings
from generator.publish.store import ObjectStore, open_store


@dataclass
class Recorder:
    """Opens real stores whose every change is logged, then checked by `after_each`; fails after `fail_after`."""

    after_each: Callable[[], None] | None = None
    fail_after: int | None = None
    log: list[tuple[str, str]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def open(self, destination: Destination, settings: PublishSettings) -> ObjectStore:
        return _RecordingStore(open_store(destination, settings), self)

    def changes(self) -> list[tuple[str, str]]:
        """("put" | "delete", key) of each change to the site's objects, in the order they happened."""
        return [(action, key) for action, key in self.log if action != "manifest"]

    def uploaded(self) -> set[str]:
        return {key for action, key in self.log if action == "put"}

    def deleted(self) -> set[str]:
        return {key for action, key in self.log if action == "delete"}

    def record(self, action: str, key: str) -> None:
        with self._lock:
            if self.fail_after is not None and len(self.log) >= self.fail_after:
                raise PublishError(f"stopped after {self.fail_after} requests")
            self.log.append((action, key))


class _RecordingStore:
    def __init__(self, store: ObjectStore, recorder: Recorder) -> None:
        self.store, self.recorder = store, recorder

    def list_objects(self) -> dict[str, Listed]:
        return self.store.list_objects()

    def read_manifest(self) -> bytes | None:
        return self.store.read_manifest()

    def write_manifest(self, body: bytes) -> None:
        self._change("manifest", "", lambda: self.store.write_manifest(body))

    def put(self, key: str, body: bytes, headers: Headers) -> str:
        etags: list[str] = []
        self._change("put", key, lambda: etags.append(self.store.put(key, body, headers)))
        return etags[0]

    def delete(self, key: str) -> None:
        self._change("delete", key, lambda: self.store.delete(key))

    def _change(self, action: str, key: str, request: Callable[[], object]) -> None:
        self.recorder.record(action, key)
        request()
        if self.recorder.after_each is not None:
            self.recorder.after_each()
