"""Regenerate the README's screenshots: `python -m tests.browser.screenshots [--extra DIR]`.

Builds the demo, serves it on 127.0.0.1 and photographs the home page, a service's
page, an incident page and a maintenance page in headless Chromium, light mode, 1000 px wide, and the German
home page (with the optional script, its clock five minutes after the build) on a 390 px
phone in dark mode, into docs/screenshots/. `--extra DIR` also writes 320 px and
dark-mode views to DIR for a designer's eye (they are not committed).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import tempfile
import threading
from datetime import UTC, datetime
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.conftest import CHROMIUM_ARGS, REPO, _QuietHandler, chromium_path
from tests.browser.fixture_sites import build_fixture_sites

Shot = tuple[str, str, int, str]  # file name, path in the site, width, colour scheme
PHONE_HEIGHT = 844  # a phone's first screen: the German shot shows what a visitor sees before scrolling

README_SHOTS: tuple[Shot, ...] = (
    ("home.png", "", 1000, "light"),
    ("service.png", "components/public-api/", 1000, "light"),
    ("incident.png", "incidents/110/", 1000, "light"),
    ("maintenance.png", "maintenance/6/", 1000, "light"),
)
PHONE_WIDTH = 390
GERMAN_SHOTS: tuple[Shot, ...] = (("home-de-phone-dark.png", "", PHONE_WIDTH, "dark"),)
EXTRA_SHOTS: tuple[Shot, ...] = (
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
# The optional script says how old the page is: photograph it five minutes after the demo's build.
CLOCK = datetime(2026, 11, 20, 15, 5, tzinfo=UTC)


def take(site: Path, shots: tuple[Shot, ...], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            for name, path, width, scheme in shots:
                context = browser.new_context(
                    viewport={"width": width, "height": PHONE_HEIGHT if width == PHONE_WIDTH else 800},
                    color_scheme=scheme,
                    timezone_id="Europe/Berlin",
                )
                page = context.new_page()
                page.clock.set_fixed_time(CLOCK)
                page.goto(f"http://127.0.0.1:{server.server_port}/{path}")
                page.screenshot(path=str(out / name), full_page=width != PHONE_WIDTH)
                context.close()
            browser.close()
    finally:
        server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extra", type=Path, help="also write 320 px and dark-mode views here")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        sites = build_fixture_sites(Path(work))
        take(sites["demo"], README_SHOTS, REPO / "docs" / "screenshots")
        take(sites["lang-de"], GERMAN_SHOTS, REPO / "docs" / "screenshots")
        if options.extra:
            take(sites["demo"], EXTRA_SHOTS, options.extra)


if __name__ == "__main__":
    main()
