"""Running the real command with its stderr on a pseudo-terminal, as an operator runs it by hand."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path


def on_a_terminal(command: Sequence[str], cwd: Path, env: Mapping[str, str], timeout: float = 120) -> tuple[int, str]:
    """Run `command` with stderr on a pty (stdout discarded): its exit status and all that the terminal showed."""
    import pty

    controller, terminal = pty.openpty()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=terminal)
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closed: the command has ended
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    return process.wait(timeout=timeout), shown.decode("utf-8", "replace")
