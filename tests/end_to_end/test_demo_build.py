"""The front door: the real `statusgen build --demo` in a subprocess, checked by parsing its output."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest

from generator.snapshot import demo_snapshot
from tests.html_tools import page_text, parse_page, texts

# The console command pip installed beside this interpreter: what a newcomer types.
STATUSGEN = str(Path(sys.executable).with_name("statusgen"))


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "site"
    result = subprocess.run(
        [STATUSGEN, "build", "--demo", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith(f"wrote {out}: ")
    return out


def test_every_incident_has_its_page_with_title_and_updates(demo_site: Path) -> None:
    for incident in demo_snapshot().incidents:
        page = parse_page(demo_site / "incidents" / str(incident.number) / "index.html")
        assert texts(page, "//h1") == [incident.title]
        timeline = page.xpath('//ol[@class="timeline"]/li')
        assert len(timeline) == len(incident.updates)
        for update in incident.updates:
            assert page.xpath(f'//li[@id="update-{update.id}"]//time/@datetime')


def test_every_episode_has_its_page_listing_its_incidents(demo_site: Path) -> None:
    snapshot = demo_snapshot()
    titles = {i.id: i.title for i in snapshot.incidents}
    for episode in snapshot.episodes:
        page = parse_page(demo_site / "episodes" / str(episode.number) / "index.html")
        listed = texts(page, '//section[@aria-labelledby="members"]//h3')
        assert sorted(listed) == sorted(titles[i] for i in episode.incident_ids)


def test_home_page_shows_status_ongoing_incident_and_history_link(demo_site: Path) -> None:
    page = parse_page(demo_site / "index.html")
    assert texts(page, '//section[@aria-label="Overall status"]') == ["Partial outage"]
    assert texts(page, '//section[@aria-labelledby="ongoing"]//h3') == ["Elevated error rates on the public API"]
    assert "No incidents reported." in page_text(page)
    assert page.xpath('//a[@href="history/"]')


def test_postmortem_is_shown_with_its_date(demo_site: Path) -> None:
    page = parse_page(demo_site / "incidents" / "110" / "index.html")
    assert page.xpath('//section[@id="postmortem"]//time/@datetime') == ["2026-11-14T10:00:00Z"]
    assert page.xpath('//section[@id="postmortem"]//table')


def test_every_internal_link_resolves_to_a_file(demo_site: Path) -> None:
    for html_file in demo_site.rglob("*.html"):
        page = parse_page(html_file)
        for href in page.xpath("//a/@href | //link/@href"):
            if href.startswith(("http", "mailto:", "#", "data:")):
                continue
            # 404.html is served at any URL, so it links from the site root ("/" in the demo).
            base = demo_site if href.startswith("/") else html_file.parent
            target = (base / href.split("#")[0].lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{html_file.relative_to(demo_site)} links to missing {href}"


def test_feed_parses_and_lists_every_incident_with_a_recent_event(demo_site: Path) -> None:
    """The site feed holds the latest 50 events: every incident with an event that recent is in it."""
    feed = feedparser.parse((demo_site / "feed.rss").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "Example Cloud status"
    linked = {entry.link.split("#")[0] for entry in feed.entries}
    oldest_listed = min(datetime(*entry.published_parsed[:6], tzinfo=UTC) for entry in feed.entries)
    for incident in demo_snapshot().incidents:
        moments = [incident.declared_at, *(update.at for update in incident.updates)]
        if incident.postmortem is not None:
            moments.append(incident.postmortem.posted_at)
        url = f"https://status.example.com/incidents/{incident.number}/"
        assert (url in linked) == (max(moments) >= oldest_listed), url
    atom = feedparser.parse((demo_site / "feed.atom").read_bytes())
    assert not atom.bozo and len(atom.entries) == len(feed.entries) > 0


def test_every_incident_has_its_own_feed_of_all_its_events(demo_site: Path) -> None:
    for incident in demo_snapshot().incidents:
        feed = feedparser.parse((demo_site / "incidents" / str(incident.number) / "feed.atom").read_bytes())
        assert not feed.bozo, (incident.number, feed.get("bozo_exception"))
        page = f"https://status.example.com/incidents/{incident.number}/"
        assert feed.entries and all(entry.link.startswith(page) for entry in feed.entries)
        notes = [update for update in incident.updates if update.kind.value == "note"]
        assert {f"{page}#update-{note.id}" for note in notes} <= {entry.link for entry in feed.entries}


def test_rebuild_is_byte_identical(demo_site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    subprocess.run([STATUSGEN, "build", "--demo", "--quiet", "--out", str(again)], check=True)
    first = {p.relative_to(demo_site): p.read_bytes() for p in demo_site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first == second
