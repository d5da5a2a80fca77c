"""Nothing hostile runs: the XSS corpus in every typed field, rendered, parsed and opened in headless Chromium.

Two sites: the whole corpus as a Snapshot of model objects, and every third
payload as raw rows served by the fake OneUptime and built by the real CLI.
Each page is opened with JavaScript on; a dialog, a console message carrying a
marker, or a request to any host but 127.0.0.1 names the payload that caused it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import feedparser
import lxml.etree
import lxml.html
import pytest

from generator.build import render_site
from generator.config import Config
from generator.text import clean_text
from tests import factories as f
from tests.browser.conftest import CHROMIUM_ARGS, _import, chromium_path, require, serving, site_pages, static_handler
from tests.browser.fixture_sites import write_files
from tests.fake_oneuptime import FakeOneUptime
from tests.output_fixtures import have_xmllint, xmllint
from tests.security.helpers import BASE_URL, read_tree, run_cli, unsafe_markup
from tests.security.hostile_sites import fake_project, model_snapshot
from tests.security.xss_corpus import EVIL_HOST, MARKER, PAYLOADS, number_in, payloads
from tests.statuspage_schema import validate

CORPUS = payloads()
FAKE_SUBSET = CORPUS[::3]
ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_corpus_is_large_and_every_payload_is_named() -> None:
    assert len(CORPUS) == len(PAYLOADS) >= 150
    assert len(set(CORPUS)) == len(CORPUS)
    for number, payload in enumerate(CORPUS):
        assert f"{MARKER}{number}" in payload or f"{EVIL_HOST}/{number}" in payload, number


# --- the sites ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("hostile")
    config = Config(base_url=BASE_URL, title="Hostile status", timezone="Asia/Kolkata")
    model = write_files(render_site(model_snapshot(CORPUS), config, f.TAKEN_AT), root / "model")
    with FakeOneUptime(fake_project(FAKE_SUBSET), typed_values=True) as fake:
        run = run_cli(root / "cli", "build", fake=fake)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.output
    return {"model": model, "cli": root / "cli" / "site"}


@pytest.fixture(scope="module")
def trees(sites: dict[str, Path]) -> dict[str, dict[str, bytes]]:
    return {name: read_tree(folder) for name, folder in sites.items()}


def _pages(files: dict[str, bytes]) -> dict[str, bytes]:
    return {path: content for path, content in files.items() if path.endswith(".html")}


@pytest.mark.parametrize("site", ["model", "cli"])
def test_every_page_holds_no_script_handler_or_script_url(trees: dict[str, dict[str, bytes]], site: str) -> None:
    pages = _pages(trees[site])
    assert len(pages) > (150 if site == "model" else 50)
    problems = [problem for path, html in pages.items() for problem in unsafe_markup(html, path)]
    assert problems == [], f"{len(problems)} problems, payloads {number_in(' '.join(problems))}: {problems[:10]}"


@pytest.mark.parametrize("site", ["model", "cli"])
def test_feed_entries_are_harmless_html_too(trees: dict[str, dict[str, bytes]], site: str) -> None:
    """A feed reader renders entry content as HTML: it gets the same scrutiny as a page."""
    problems = []
    atoms = {path: content for path, content in trees[site].items() if path.endswith("feed.atom")}
    assert len(atoms) > 20
    for path, content in atoms.items():
        for element in lxml.etree.fromstring(content).iter(f"{ATOM}content", f"{ATOM}summary"):
            problems += unsafe_markup(element.text or "", path)
    assert problems == [], problems[:10]


@pytest.mark.parametrize("site", ["model", "cli"])
def test_feeds_still_parse(trees: dict[str, dict[str, bytes]], sites: dict[str, Path], site: str) -> None:
    feeds = {path: content for path, content in trees[site].items() if path.endswith(("feed.rss", "feed.atom"))}
    for path, content in feeds.items():
        parsed = feedparser.parse(content)
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.entries or path.count("/") == 0, path
    if have_xmllint():
        xml_files = [str(sites[site] / p) for p in trees[site] if p.endswith((".rss", ".atom", ".xml", ".svg"))]
        checked = xmllint(xml_files)
        assert checked.returncode == 0, checked.stderr[:2000]


@pytest.mark.parametrize("site", ["model", "cli"])
def test_json_still_parses_validates_and_carries_the_text_as_data(
    trees: dict[str, dict[str, bytes]], site: str
) -> None:
    files = trees[site]
    for path, content in files.items():
        if path.endswith(".json"):
            json.loads(content)
    documents = validate(files)
    names = {incident["name"] for incident in documents["api/v2/incidents.json"]["incidents"]}
    corpus = CORPUS if site == "model" else FAKE_SUBSET
    cleaned = {clean_text(payload) for payload in corpus} | {clean_text(payload).strip() for payload in corpus}
    assert names and names <= cleaned


def _heading(html: bytes) -> str:
    (h1,) = lxml.html.fromstring(html).xpath("//h1")
    return " ".join(h1.text_content().split())


@pytest.mark.parametrize("site", ["model", "cli"])
def test_every_title_is_shown_literally_templates_included(trees: dict[str, dict[str, bytes]], site: str) -> None:
    """{{ 7*7 }} stays {{ 7*7 }}: each incident's <h1> is exactly its title, as text."""
    corpus = CORPUS if site == "model" else FAKE_SUBSET
    files = trees[site]
    for index, payload in enumerate(corpus):
        expected = " ".join(clean_text(payload).split())
        assert _heading(files[f"incidents/{index + 1}/index.html"]) == expected, index
    template = next(i for i, p in enumerate(corpus) if p.startswith("{{ 7*7 }}"))
    page = files[f"incidents/{template + 1}/index.html"].decode()
    assert "{{ 7*7 }}" in page and "49 XSS" not in page


# --- in the browser --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def servers(sites: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    control = tmp_path_factory.mktemp("control")
    (control / "index.html").write_text(
        '<!doctype html><title>control</title><script>alert("XSS-control")</script>'
        '<img src="https://evil.example/control.png"><script>console.log("XSS-logged")</script>',
        encoding="utf-8",
    )
    with serving({name: static_handler(folder) for name, folder in {**sites, "control": control}.items()}) as urls:
        yield urls


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium (the system's) for this module only; skips locally, fails under CI, when missing."""
    sync_api = require(_import("playwright.sync_api"), "Playwright is not installed: pip install -e '.[test]'")
    executable = require(chromium_path(), "Chromium is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def visit_all(browser: Any, base: str, paths: list[str]) -> list[str]:
    """Open every path with JavaScript on; what any script did or tried to load, as readable lines."""
    hits: list[str] = []
    context = browser.new_context(java_script_enabled=True)
    page = context.new_page()
    current = {"path": ""}

    def on_dialog(dialog: Any) -> None:
        hits.append(f"{current['path']}: dialog {dialog.message!r}")
        dialog.dismiss()

    def on_console(message: Any) -> None:
        if MARKER in message.text or EVIL_HOST in message.text:
            hits.append(f"{current['path']}: console {message.text!r}")

    def on_route(route: Any) -> None:
        url = route.request.url
        if urlsplit(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            hits.append(f"{current['path']}: request to {url}")
            route.abort()

    page.on("dialog", on_dialog)
    page.on("console", on_console)
    page.on("popup", lambda popup: hits.append(f"{current['path']}: popup {popup.url}"))
    page.on("pageerror", lambda error: hits.append(f"{current['path']}: script error {error}"))
    context.route("**/*", on_route)
    try:
        for path in paths:
            current["path"] = path
            page.goto(base + path, wait_until="load")
            page.wait_for_timeout(15)  # let autofocus, ontoggle and onerror handlers fire
            if page.url.rstrip("/") != (base + path).rstrip("/"):
                hits.append(f"{path}: navigated away to {page.url}")
    finally:
        context.close()
    return hits


def test_the_browser_harness_catches_a_script_when_there_is_one(browser: Any, servers: dict[str, str]) -> None:
    hits = visit_all(browser, servers["control"], [""])
    assert any("dialog 'XSS-control'" in hit for hit in hits), hits
    assert any("console 'XSS-logged'" in hit for hit in hits), hits
    assert any("request to https://evil.example/control.png" in hit for hit in hits), hits


@pytest.mark.slow
@pytest.mark.parametrize("site", ["model", "cli"])
def test_no_script_runs_and_nothing_leaves_127_0_0_1_on_any_page(
    browser: Any, sites: dict[str, Path], servers: dict[str, str], site: str
) -> None:
    paths = site_pages(sites[site])
    assert len(paths) > (150 if site == "model" else 50)
    hits = visit_all(browser, servers[site], paths)
    assert hits == [], f"payloads {number_in(' '.join(hits))}: {hits[:10]}"
