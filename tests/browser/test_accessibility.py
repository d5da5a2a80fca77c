"""Every page of the demo and fixture sites in headless Chromium: zero axe-core violations
(WCAG 2.1 A and AA) in light and dark mode, no request but the page and its stylesheet,
and no sideways scrolling on a 320 px wide phone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import require, site_pages

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def axe() -> Any:
    module = require(_axe_module(), "axe-playwright-python is not installed: pip install -e '.[test]'")
    return module.Axe()


def _axe_module() -> Any:
    try:
        from axe_playwright_python import sync_playwright
    except ImportError:
        return None
    return sync_playwright


def all_pages(sites: dict[str, Path], servers: dict[str, str]) -> Iterator[tuple[str, str]]:
    for name, folder in sites.items():
        for path in site_pages(folder):
            yield f"{name}/{path}", servers[name] + path


def _violations(page: Any) -> list[str]:
    """axe-core's WCAG violations on the page as it is now (axe loaded with the page: see below)."""
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = page.evaluate("options => axe.run(document, options)", options)
    found = []
    for violation in results["violations"]:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]][:3]
        found.append(f"{violation['id']}: {violation['help']} at {targets}")
    return found


def test_every_page_has_zero_axe_violations_in_light_and_dark(
    browser: Any, axe: Any, sites: dict[str, Path], servers: dict[str, str]
) -> None:
    """Each page loaded once and checked in both colour schemes, switched in place.

    axe-core (570 KB of JavaScript) comes with every page as it loads, instead
    of being sent to it before each check: that and one load for both schemes
    halved the time of the two checks this test was.
    """
    context = browser.new_context()
    context.add_init_script(axe.axe_script)
    page = context.new_page()
    problems = {}
    checked = 0
    for name, url in all_pages(sites, servers):
        response = page.goto(url)
        assert response is not None and response.ok, url
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (scheme == "dark")
            found = _violations(page)
            checked += 1
            if found:
                problems[f"{name} ({scheme})"] = found
    context.close()
    assert checked >= 60
    assert problems == {}


def test_a_page_requests_nothing_but_itself_and_its_stylesheet(
    browser: Any, sites: dict[str, Path], servers: dict[str, str]
) -> None:
    """With JavaScript off: the page, one stylesheet, at most its icon, and (only where the site sets one) its logo."""
    context = browser.new_context(java_script_enabled=False)
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    unexpected = {}
    for name, url in all_pages(sites, servers):
        requested.clear()
        page.goto(url, wait_until="load")
        root = servers[name.split("/")[0]]
        stylesheets = [u for u in requested if u.startswith(root + "static/style.") and u.endswith(".css")]
        logos = [u for u in requested if u.startswith(root + "static/logo.")]
        # The browser asks for one of the page's icons (favicon.svg, or favicon.png without SVG icons), and
        # asynchronously: the request for the previous page's icon may arrive here, from its site's server.
        icons = [
            u for u in requested if any(u in (site + "favicon.svg", site + "favicon.png") for site in servers.values())
        ]
        others = [u for u in requested if u != url and u not in stylesheets and u not in logos and u not in icons]
        if len(stylesheets) != 1 or others or len(icons) > 2 or (logos and not name.startswith("hostile/")):
            unexpected[name] = list(requested)
    context.close()
    assert unexpected == {}


def test_nothing_scrolls_sideways_at_320_pixels(browser: Any, sites: dict[str, Path], servers: dict[str, str]) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=True)
    page = context.new_page()
    too_wide = {}
    for name, url in all_pages(sites, servers):
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            too_wide[name] = width
    context.close()
    assert too_wide == {}
