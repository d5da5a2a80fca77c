"""Browser checks of the theme: the demo and fixture sites, served over HTTP, in headless Chromium.

The tools (Chromium, Java with the Nu Html Checker, Playwright, axe) are found
here once. Without them these tests skip with the reason, except under CI
(the CI environment variable set), where a missing tool is a failure: CI must
never pass by checking nothing.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from tests.browser.fixture_sites import build_fixture_sites

REPO = Path(__file__).resolve().parents[2]
# Where `.ci/run` installs the checker (`npm install --prefix .tools vnu-jar`); STATUSGEN_VNU_JAR overrides.
DEFAULT_VNU_JAR = REPO / ".tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def require(found: Any, reason: str) -> Any:
    """`found` if truthy; else skip (locally) or fail (in CI) with `reason`."""
    if found:
        return found
    if in_ci():
        pytest.fail(f"{reason} (CI is set, so a missing tool fails instead of skipping)")
    pytest.skip(reason)


def chromium_path() -> str | None:
    configured = os.environ.get("STATUSGEN_CHROMIUM")
    if configured:
        return configured if Path(configured).is_file() else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def vnu_jar_path() -> Path | None:
    jar = Path(os.environ.get("STATUSGEN_VNU_JAR") or DEFAULT_VNU_JAR)
    return jar if jar.is_file() else None


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every fixture site (demo, empty, hostile, quiet) built into its own folder."""
    return build_fixture_sites(tmp_path_factory.mktemp("browser-sites"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the stdlib's name)
        pass


def static_handler(folder: Path) -> Callable[..., http.server.BaseHTTPRequestHandler]:
    return functools.partial(_QuietHandler, directory=str(folder))


@contextlib.contextmanager
def serving(handlers: Mapping[str, Callable[..., http.server.BaseHTTPRequestHandler]]) -> Iterator[dict[str, str]]:
    """Each handler behind its own 127.0.0.1 server; their root URLs by name, until the block ends."""
    running = []
    urls = {}
    try:
        for name, handler in handlers.items():
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            running.append(server)
            urls[name] = f"http://127.0.0.1:{server.server_port}/"
        yield urls
    finally:
        for server in running:
            server.shutdown()
            server.server_close()


@pytest.fixture(scope="session")
def servers(sites: dict[str, Path]) -> Iterator[dict[str, str]]:
    """Each site served from the root of its own 127.0.0.1 server (the 404 page links from "/")."""
    with serving({name: static_handler(folder) for name, folder in sites.items()}) as urls:
        yield urls


@pytest.fixture(scope="package")  # closed before other packages' tests, whose asyncio it would disturb
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session (Playwright drives the system's Chromium)."""
    sync_api = require(_import("playwright.sync_api"), "Playwright is not installed: pip install -e '.[test]'")
    executable = require(
        chromium_path(), "Chromium is not installed (apt-get install chromium, or set STATUSGEN_CHROMIUM)"
    )
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _import(module: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        return None


def site_pages(folder: Path) -> list[str]:
    """Every HTML page of a site as a URL path from its root: "", "incidents/110/", "404.html"."""
    paths = []
    for file in sorted(folder.rglob("*.html")):
        relative = file.relative_to(folder).as_posix()
        paths.append(relative.removesuffix("index.html") if relative.endswith("index.html") else relative)
    return paths


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every browser check starts Chromium or Java: slow, left out of the fast subset."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.slow)
