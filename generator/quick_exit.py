"""A one-shot build ends without taking apart what it built.

At the end of a full build the snapshot, the plan and the outputs are
millions of objects. Walked once more by the collector when it is turned on
again after planning, then freed one by one as the build's frames unwind and
by the interpreter's own teardown, they cost 0.22 s of a 12 s build at 10,000
incidents and 0.7 s at 50,000 (from the build's return to the process's end),
just before the kernel takes back all the process's memory at once. A cron
run holds little, but the interpreter's teardown of the rendering stack it
imported was a tenth of the run with one new note.

So the `build` command asks for a quick exit (`ask_for_quick_exit`), which
only the console entry point allows (`allow_quick_exit`): the build then
holds those objects to the end (`hold_to_the_end`), and once the command has
succeeded and said all it has to say, the process ends with os._exit after
flushing its output, as mypy's fast exit does. So does `build --check` that
finds nothing to change (exit 0): it starts no helper, takes no lock and
stages nothing. Nothing else asks: `statusgen serve` builds again and again
in one process, and tests call the library or the commands in their own
process (click's CliRunner, not the entry point), so for them
`hold_to_the_end` holds nothing and the collector is turned on again after
planning (parallel.paused_collection).

os._exit skips atexit handlers and the flushing of Python's buffers. A build
that succeeded has closed every file it wrote (the writer renames closed
files), waited for its threads and ended its workers; what remains is the
text on stdout and stderr, which `end_now` flushes.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import NoReturn

_allowed = False
_held: list[object] | None = None
_collector_left_off = False


def allow_quick_exit() -> None:
    """Said by the console entry point alone: a command run any other way (CliRunner) never ends the process."""
    global _allowed  # noqa: PLW0603 - one switch per process, set by the entry point that owns it
    _allowed = True


def ask_for_quick_exit() -> None:
    """If allowed, this process will end with end_now when it succeeds: from now on hold what the build makes."""
    global _held  # noqa: PLW0603 - one switch per process, set by the command that owns it
    if _allowed and _held is None:
        _held = []


def quick_exit_asked() -> bool:
    return _held is not None


def forbid_quick_exit() -> None:
    """The process goes on after all (an error, --check finding changes, a command that is not a build): as if
    none was asked. A program that calls the entry point itself for a build that succeeds is ended by it."""
    global _allowed, _held, _collector_left_off  # noqa: PLW0603 - the switches above, set back
    _allowed, _held = False, None
    if _collector_left_off:
        _collector_left_off = False
        gc.enable()


def collector_back_on() -> None:
    """Turn the collector on again after planning, unless the process will end at once.

    Turned on, its first pass walks everything made while it was off (0.13 s
    at 10,000 incidents), all of which a quick exit holds to the end anyway.
    """
    global _collector_left_off  # noqa: PLW0603 - forbid_quick_exit turns it on if the process goes on
    if _held is not None:
        _collector_left_off = True
    else:
        gc.enable()


def hold_to_the_end(*objects: object) -> None:
    """Keep `objects` alive until the process ends, if a quick exit was asked; else do nothing."""
    if _held is not None:
        _held.extend(objects)


LOST_OUTPUT = 120
"""The status Python's own ending gives when it cannot flush stdout or stderr (a closed pipe, a full disk)."""


def end_now(code: int) -> NoReturn:
    """Flush stdout and stderr, then end the process with `code` at once (LOST_OUTPUT if a flush failed)."""
    for stream in (sys.stdout, sys.stderr):
        if stream is None or getattr(stream, "closed", False):
            continue  # started without it (`>&-`), or closed: Python's own ending passes it over too
        try:
            stream.flush()
        except Exception:  # noqa: BLE001 - any failure to flush is a lost output, as at Python's own ending
            code = code or LOST_OUTPUT
    os._exit(code)
