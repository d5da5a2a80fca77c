"""A call run on a thread of its own while the caller goes on: for work that lets go of the interpreter.

hashlib lets go of it while it hashes a large buffer, so a snapshot file's
digests overlap the parsing or planning the caller does meanwhile. Work that
takes the interpreter back often (a stat per folder) only fights the caller
for it, and is slower on a thread than after it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

_T = TypeVar("_T")


THREAD_NAME = "statusgen-later"


class Later(Generic[_T]):
    """`call` started on a daemon thread (named THREAD_NAME); `result` waits for it (and raises what it raised)."""

    def __init__(self, call: Callable[[], _T]) -> None:
        self._outcome: list[_T] = []
        self._error: list[BaseException] = []
        self._thread = threading.Thread(target=self._run, args=(call,), name=THREAD_NAME, daemon=True)
        self._thread.start()

    def _run(self, call: Callable[[], _T]) -> None:
        try:
            self._outcome.append(call())
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting caller
            self._error.append(exc)

    def wait(self) -> None:
        self._thread.join()

    def result(self) -> _T:
        self.wait()
        if self._error:
            raise self._error[0]
        return self._outcome[0]
