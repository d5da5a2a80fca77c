"""How far a fetch is: requests answered, and how many there will be once that is known."""

from __future__ import annotations

from collections.abc import Callable

ProgressCallback = Callable[[int, int | None], None]


class Progress:
    """Counts requests; `callback(done, total)` hears of each, total None while some are not planned yet.

    A listing whose first page has not answered is "unplanned": its number of
    pages is unknown until the count arrives.
    """

    def __init__(self, callback: ProgressCallback | None) -> None:
        self._callback = callback
        self.done = 0
        self.planned = 0
        self.unplanned = 1  # the second phase, whose size depends on the first

    def answered(self) -> None:
        self.done += 1
        if self._callback is not None:
            self._callback(self.done, self.planned if self.unplanned == 0 else None)
