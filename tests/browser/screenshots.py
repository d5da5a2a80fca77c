"""Regenerate the README's screenshots: `python -m tests.browser.screenshots [--extra DIR]`.

Builds the demo, serves it on 127.0.0.1 and photographs the home page, a service's
page, an incident page and a maintenance page in headless Chromium, light mode, 1000 px wide, into
docs/screenshots/. `--extra DIR` also writes 320 px and dark-mode views to DIR
for a designer's eye (they are not committed).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.conftest import CHROMIUM_ARGS, REPO, _QuietHandler, chromium_path
from tests.browser.fixture_sites import build_fixture_sites

README_SHOTS = (
    ("home.png", "", 1000, "light"),
    ("service.png", "components/public-api/", 1000, "light"),
    ("incident.png", "incidents/110/", 1000, "light"),
    ("maintenance.png", "maintenance/6/", 1000, "light"),
)
EXTRA_SHOTS = (
    ("home-320.png", "", 320, "light"),
    ("incident-320.png", "incidents/110/", 320, "light"),
    ("home-dark.png", "", 1000, "dark"),
    ("incident-dark.png", "incidents/110/", 1000, "dark"),
    ("episode.png", "episodes/7/", 1000, "light"),
    ("month-dark.png", "history/2026-11/", 1000, "dark"),
    ("service-320.png", "components/public-api/", 320, "light"),
    ("service-dark.png", "components/dashboard/", 1000, "dark"),
    ("maintenance-dark.png", "maintenance/8/", 1000, "dark"),
    ("maintenance-320.png", "maintenance/7/", 320, "light"),
)


def take(site: Path, shots: tuple[tuple[str, str, int, str], ...], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            for name, path, width, scheme in shots:
                page = browser.new_page(viewport={"width": width, "height": 800}, color_scheme=scheme)
                page.goto(f"http://127.0.0.1:{server.server_port}/{path}")
                page.screenshot(path=str(out / name), full_page=True)
                page.close()
            browser.close()
    finally:
        server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extra", type=Path, help="also write 320 px and dark-mode views here")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        demo = build_fixture_sites(Path(work))["demo"]
        take(demo, README_SHOTS, REPO / "docs" / "screenshots")
        if options.extra:
            take(demo, EXTRA_SHOTS, options.extra)


if __name__ == "__main__":
    main()
