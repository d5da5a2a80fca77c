"""Running the real `statusgen serve` in a subprocess on a free loopback port, and asking it for pages."""

from __future__ import annotations

import http.client
import queue
import re
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.statusgen_runs import statusgen_command, statusgen_environment

STARTUP_SECONDS = 60  # generous: a busy 2-core machine builds the first site before it serves


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


class Serving:
    """`statusgen serve ARGS --port 0` in `folder`; its address once it serves, every line it has said."""

    def __init__(self, folder: Path, *args: str, **environment: str) -> None:
        self.process = subprocess.Popen(
            statusgen_command("serve", "--port", "0", *args),
            cwd=folder,
            env=statusgen_environment(**environment),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=_ctrl_c_as_at_a_terminal,  # noqa: PLW1509 - one C call in the child, no lock taken
        )
        self._lines: queue.Queue[str | None] = queue.Queue()
        self.said: list[str] = []
        self._stopped = False
        threading.Thread(target=self._read, daemon=True).start()
        line = self.wait_for_line(lambda line: line.startswith("serving "), STARTUP_SECONDS)
        match = re.fullmatch(r"serving http://127\.0\.0\.1:(\d+)/ \(Ctrl\+C stops it\)", line)
        assert match, line
        self.port = int(match.group(1))

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self._lines.put(line.rstrip("\n"))
        self._lines.put(None)

    def wait_for_line(self, wanted: Callable[[str], bool], timeout: float) -> str:
        """The next line said that is `wanted`, waiting up to `timeout` seconds; fails with all said so far."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self._lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"not said within {timeout} s; said: {self.said}") from None
            if line is None:
                raise AssertionError(f"the command ended ({self.process.wait()}); said: {self.said}")
            self.said.append(line)
            if wanted(line):
                return line

    def get(self, path: str) -> Reply:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
        finally:
            connection.close()

    def wait_for_page(self, path: str, wanted: Callable[[Reply], bool], timeout: float = 60) -> Reply:
        """GET `path` until its reply is `wanted` (a rebuild seen), for up to `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            reply = self.get(path)
            if wanted(reply):
                return reply
            if time.monotonic() > deadline:
                raise AssertionError(f"{path} not as wanted within {timeout} s; said: {self.said}")
            time.sleep(0.2)

    def stop(self, how: signal.Signals = signal.SIGINT) -> int:
        """Stop it as Ctrl+C (or `kill`) does; its exit status. Stopping it again only tells that."""
        if self._stopped:
            return self.process.wait()
        self._stopped = True
        if self.process.poll() is None:
            self.process.send_signal(how)
        try:
            status = self.process.wait(timeout=60)
        finally:
            if self.process.poll() is None:
                self.process.kill()
        while (line := self._lines.get(timeout=30)) is not None:  # the rest of what it said
            self.said.append(line)
        return status


def _ctrl_c_as_at_a_terminal() -> None:
    """SIGINT as a terminal gives it, whoever started the tests.

    A command started in the background by a non-interactive shell (`cmd &`,
    as a CI job may run the tests) ignores SIGINT, and so do its children:
    Python then installs no KeyboardInterrupt handler, and `stop()` (Ctrl+C)
    went unheard for its 60 seconds, in every test of `statusgen serve`.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)
