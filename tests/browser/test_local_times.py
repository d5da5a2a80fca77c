"""The pages in every language and the optional local-times script, in headless Chromium.

Each language's home and incident page (the lang-* fixture sites, with local_times and
stale_after on; axe and the Nu Html Checker see them with every other page) declares its
language and shows no English message; without JavaScript every time reads in the site's
zone; with it, in the reader's, and a frozen clock shows the stale warning at the right
moment. A strict Content-Security-Policy with the documented hash lets the script run.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import _QuietHandler, serving
from tests.browser.fixture_sites import LANGUAGE_PAGES, LANGUAGES
from tests.i18n_tools import demo_data_text, untranslated

REPOSITORY = Path(__file__).resolve().parents[2]
BUILT_AT = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)  # the demo snapshot's time
INCIDENT = "incidents/110/"


def documented_policy() -> str:
    text = (REPOSITORY / "docs" / "visitors.md").read_text(encoding="utf-8")
    (policy,) = re.findall(r"^Content-Security-Policy: (.+)$", text, re.M)
    return policy


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("javascript", [False, True])
def test_each_languages_pages_say_their_language_and_show_no_english_message(
    browser: Any, servers: dict[str, str], language: str, javascript: bool
) -> None:
    context = browser.new_context(java_script_enabled=javascript, timezone_id="Asia/Tokyo")
    page = context.new_page()
    found = {}
    for path in LANGUAGE_PAGES:
        page.goto(servers[f"lang-{language}"] + path.removesuffix("index.html"))
        assert page.evaluate("document.documentElement.lang") == language
        if language != "en":
            html = page.content().encode("utf-8")
            found[path] = untranslated(html, language, demo_data_text())
    context.close()
    assert all(not pieces for pieces in found.values()), found


def test_without_javascript_times_read_in_the_sites_zone_and_no_warning_shows(
    browser: Any, servers: dict[str, str]
) -> None:
    context = browser.new_context(java_script_enabled=False, timezone_id="America/New_York")
    page = context.new_page()
    page.goto(servers["lang-en"] + INCIDENT)
    declared = page.locator("dl.facts time").first
    assert declared.inner_text() == "12 Nov 2026, 07:42 CET" and declared.get_attribute("title") is None
    assert page.locator("#site-zone").inner_text() == "Times are in Europe/Berlin."
    assert not page.locator("#reader-zone").is_visible()
    page.goto(servers["lang-en"])
    assert page.locator("p.checked").inner_text().startswith("Updated 20 Nov 2026, 16:00 CET")
    assert page.locator("#updated-ago").inner_text() == ""
    assert not page.locator("#stale").is_visible()
    context.close()


def test_the_script_shows_every_time_in_the_readers_zone_and_names_it(browser: Any, servers: dict[str, str]) -> None:
    context = browser.new_context(timezone_id="America/New_York")
    page = context.new_page()
    page.goto(servers["lang-en"] + INCIDENT)
    declared = page.locator("dl.facts time").first
    assert declared.get_attribute("datetime") == "2026-11-12T06:42:00Z"
    assert declared.inner_text() == "Nov 12, 2026, 01:42 EST"
    assert declared.get_attribute("title") == "12 Nov 2026, 07:42 CET"  # the site's time stays at hand
    assert page.locator("#reader-zone").inner_text() == "Times are in your time zone, America/New_York."
    assert not page.locator("#site-zone").is_visible()
    rewritten = page.eval_on_selector_all("time[datetime*='T']", "times => times.every(t => t.title)")
    assert rewritten
    page.goto(servers["lang-de"] + INCIDENT)
    assert page.locator("dl.facts time").first.inner_text() == "12. Nov. 2026, 01:42 GMT-5"
    assert page.locator("#reader-zone").inner_text() == "Alle Zeiten in Ihrer Zeitzone, America/New_York."
    context.close()


def test_the_stale_warning_shows_once_the_page_is_older_than_stale_after(browser: Any, servers: dict[str, str]) -> None:
    """stale_after is 15 minutes in the fixture; the clock is frozen at 10 minutes, then moved on."""
    context = browser.new_context(timezone_id="Europe/Berlin")
    page = context.new_page()
    page.clock.install(time=BUILT_AT + timedelta(minutes=10))
    page.goto(servers["lang-de"])
    assert page.locator("#updated-ago").inner_text() == " (vor 10 Minuten)"
    assert not page.locator("#stale").is_visible()
    page.clock.run_for("04:30")  # 14.5 minutes old: still fresh
    assert not page.locator("#stale").is_visible()
    page.clock.run_for("01:00")  # 15.5 minutes: the next check warns
    stale = page.locator("#stale")
    assert stale.is_visible()
    assert stale.inner_text() == (
        "Diese Seite wurde zuletzt vor 15 Minuten aktualisiert: Der angezeigte Status ist möglicherweise veraltet."
    )
    assert stale.get_attribute("role") == "alert"
    context.close()


@pytest.fixture(scope="module")
def policed(sites: dict[str, Path]) -> Iterator[dict[str, str]]:
    """The English language site served twice: with the documented policy, and with a wrong hash."""
    policies = {"documented": documented_policy()}
    policies["wrong"] = re.sub(r"sha256-[A-Za-z0-9+/=]+", "sha256-" + "A" * 43 + "=", policies["documented"])
    folder = str(sites["lang-en"])
    handlers = {name: functools.partial(_PolicyHandler, policy, directory=folder) for name, policy in policies.items()}
    with serving(handlers) as urls:
        yield urls


class _PolicyHandler(_QuietHandler):
    def __init__(self, policy: str, *args: Any, **kwargs: Any) -> None:
        self.policy = policy
        super().__init__(*args, **kwargs)

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", self.policy)
        super().end_headers()


@pytest.mark.parametrize(("policy", "runs"), [("documented", True), ("wrong", False)])
def test_a_strict_content_security_policy_allows_the_script_by_its_hash(
    browser: Any, policed: dict[str, str], policy: str, runs: bool
) -> None:
    context = browser.new_context(timezone_id="America/New_York")
    page = context.new_page()
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else 0)
    page.goto(policed[policy] + INCIDENT, wait_until="load")
    shown = page.locator("dl.facts time").first.inner_text()
    assert shown == ("Nov 12, 2026, 01:42 EST" if runs else "12 Nov 2026, 07:42 CET")
    assert (refused == []) == runs, refused
    # The policy is in force either way: the stylesheet and icon are the site's own, and load.
    assert page.evaluate("getComputedStyle(document.body).fontFamily") != "Times New Roman"
    context.close()


def test_the_crowded_home_page_shows_ten_ongoing_and_leads_to_the_rest(browser: Any, servers: dict[str, str]) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(servers["crowded"])
    assert page.locator("section[aria-labelledby=ongoing] article").count() == 10
    page.get_by_role("link", name="and 30 more ongoing").click()
    page.wait_for_url("**/ongoing/")
    assert page.locator("section[aria-labelledby=ongoing] article").count() == 40
    context.close()
