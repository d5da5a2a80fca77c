"""Warnings about odd data a build worked around: one line each, naming a row by its id, never its text.

Odd data never stops a site from being published (a retraction in the same
run must still go out); it is left out or shown another way, and said so
here. The modules that decide call `warn`; the command line prints each
warning on stderr (`print_warnings`). Through the standard logging module,
so tests can read them with pytest's caplog and a library user with a handler.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

LOGGER = logging.getLogger("statusgen")
SHOWN_ID_LENGTH = 64  # an id longer than this is shortened in a warning


def warn(message: str) -> None:
    """Report one thing the build worked around; `message` names ids, never titles or notes."""
    LOGGER.warning(message)


def named(kind: str, row_id: object) -> str:
    """E.g. "incident 'abc'": the id in ASCII and shortened, so a hostile id cannot forge or flood a line."""
    if not isinstance(row_id, str | int) or isinstance(row_id, bool) or row_id == "":
        return f"{kind} without an id"
    text = str(row_id)
    shown = text if len(text) <= SHOWN_ID_LENGTH else text[: SHOWN_ID_LENGTH - 3] + "..."
    return f"{kind} {ascii(shown)}"


class _EchoHandler(logging.Handler):
    def __init__(self, echo: Callable[[str], None]) -> None:
        super().__init__(logging.WARNING)
        self._echo = echo

    def emit(self, record: logging.LogRecord) -> None:
        self._echo(f"warning: {record.getMessage()}")


def print_warnings(echo: Callable[[str], None]) -> None:
    """From now on, give every warning to `echo` as "warning: ..."; a second call replaces the first."""
    for handler in [h for h in LOGGER.handlers if isinstance(h, _EchoHandler)]:
        LOGGER.removeHandler(handler)
    LOGGER.addHandler(_EchoHandler(echo))
