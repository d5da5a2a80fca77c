"""A static host on 127.0.0.1 for previews: folder URLs to index.html, unknown paths to 404.html.

It answers as the hosts a site is published to do (S3 and R2 website
endpoints, GitHub Pages, Netlify): `/incidents/110/` is that folder's
index.html, `/incidents/110` is redirected to it, and anything else gets the
site's 404.html with status 404. Files are read on every request from the
folder's path, never cached: a build swaps the folder atomically, so each
answer is a file of the complete old site or of the complete new one.
"""

from __future__ import annotations

import errno
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from urllib.parse import unquote, urlsplit

from generator.errors import ServeError
from generator.publish.headers import headers_for

HOST = "127.0.0.1"
NOT_FOUND_PAGE = "404.html"


@dataclass(frozen=True, slots=True)
class Answer:
    """What the host answers to one request."""

    status: HTTPStatus
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    location: str | None = None


def answer(root: Path, target: str) -> Answer:
    """The answer for a request target (path and query) on the site in `root`."""
    parts = urlsplit(target)
    path = unquote(parts.path)
    segments = [segment for segment in path.split("/") if segment]
    # Hidden files (the build's marker) and anything that could step outside the site are not served.
    if any(segment.startswith(".") or "\\" in segment or "\0" in segment for segment in segments):
        return _not_found(root)
    if not path.endswith("/") and root.joinpath(*segments, "index.html").is_file():
        query = f"?{parts.query}" if parts.query else ""
        return Answer(HTTPStatus.MOVED_PERMANENTLY, b"", location=f"{parts.path}/{query}")
    site_path = "/".join([*segments, "index.html"] if path.endswith("/") else segments)
    try:
        body = root.joinpath(*site_path.split("/")).read_bytes()
    except OSError:  # absent, a folder, or swapped away this instant
        return _not_found(root)
    # The Content-Type `statusgen publish` gives the file, so the preview shows what visitors get.
    return Answer(HTTPStatus.OK, body, headers_for(site_path).content_type)


def _not_found(root: Path) -> Answer:
    try:
        return Answer(HTTPStatus.NOT_FOUND, (root / NOT_FOUND_PAGE).read_bytes())
    except OSError:  # no site yet, or one without a 404 page
        return Answer(HTTPStatus.NOT_FOUND, b"404 Not Found\n", "text/plain; charset=utf-8")


class StaticHost:
    """The site in `root`, served on 127.0.0.1:`port` (0: any free port) from a thread of its own."""

    def __init__(self, root: Path, port: int) -> None:
        handler = type("Handler", (_Handler,), {"root": root})
        try:
            self._server = ThreadingHTTPServer((HOST, port), handler)
        except OSError as exc:
            raise ServeError(_bind_error(port, exc)) from None
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="static-host", daemon=True)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self._server.server_address[1]}/"

    def __enter__(self) -> StaticHost:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


def _bind_error(port: int, exc: OSError) -> str:
    if exc.errno == errno.EADDRINUSE:
        return f"port {port} on {HOST} is in use; choose another with --port (--port 0 takes a free one)"
    return f"cannot serve on {HOST}:{port}: {exc.strerror or exc}; choose another port with --port"


class _Handler(BaseHTTPRequestHandler):
    root: Path
    server_version = "statusgen-preview"

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        self._send(answer(self.root, self.path), with_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._send(answer(self.root, self.path), with_body=False)

    def _send(self, reply: Answer, with_body: bool) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("Cache-Control", "no-store")  # a reload always shows the latest build
        if reply.location is not None:
            self.send_header("Location", reply.location)
        self.end_headers()
        if with_body:
            self.wfile.write(reply.body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's name
        """Quiet: a preview's terminal is for build results and errors, not a line per request."""
