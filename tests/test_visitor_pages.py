"""What a visitor gets besides the incidents: a capped home page, ways to follow it, its freshness, its icon."""

from __future__ import annotations

import base64
import hashlib
import re
import struct
import zlib
from dataclasses import replace
from pathlib import Path

import lxml.html
import pytest

from generator.build import render_site
from generator.config import Config
from generator.favicon import favicon_png, favicon_svg
from generator.snapshot import demo_snapshot
from tests import factories as f
from tests.crowded import CROWDED_CONFIG, crowded_snapshot

REPOSITORY = Path(__file__).resolve().parents[1]
DEMO = Config(title="Example status", base_url="https://status.example.com")


def demo(**settings: object) -> dict[str, bytes]:
    snapshot = demo_snapshot()
    return render_site(snapshot, replace(DEMO, **settings), snapshot.taken_at)  # type: ignore[arg-type]


def page(files: dict[str, bytes], path: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(files[path])


def words(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


@pytest.fixture(scope="module")
def crowded() -> dict[str, bytes]:
    snapshot = crowded_snapshot(60, hours_apart=0.08)
    return render_site(snapshot, CROWDED_CONFIG, snapshot.taken_at)


def test_the_home_page_shows_ten_ongoing_incidents_and_links_to_all_of_them(crowded: dict[str, bytes]) -> None:
    home = page(crowded, "index.html")
    ongoing = home.xpath("//section[@aria-labelledby='ongoing']//article")
    assert len(ongoing) == 10
    assert [words(a) for a in home.xpath("//section[@aria-labelledby='ongoing']//h3/a")][:2] == [
        "Elevated errors on endpoint 1",
        "Elevated errors on endpoint 2",
    ]
    (more,) = home.xpath("//a[@href='ongoing/']")
    assert words(more) == "and 50 more ongoing"
    every = page(crowded, "ongoing/index.html")
    assert len(every.xpath("//section[@aria-labelledby='ongoing']//article")) == 60
    assert words(every.xpath("//h1")[0]) == "Ongoing incidents"


def test_a_day_of_the_home_page_lists_ten_incidents_and_links_to_its_month(crowded: dict[str, bytes]) -> None:
    home = page(crowded, "index.html")
    (today,) = [day for day in home.xpath("//div[@class='day']") if day.xpath(".//article")]
    assert len(today.xpath(".//article")) == 10
    assert words(today.xpath(".//p[@class='more']/a")[0]) == "and 50 more that day"
    assert today.xpath(".//p[@class='more']/a/@href") == ["history/2026-11/"]


def test_the_capped_home_page_stays_small_under_hundreds_of_ongoing_incidents() -> None:
    snapshot = crowded_snapshot(300)
    files = render_site(snapshot, CROWDED_CONFIG, snapshot.taken_at)
    assert len(files["index.html"]) < 30_000  # 339 KB before the cap (docs/visitors.md)
    assert len(page(files, "ongoing/index.html").xpath("//article")) == 300


def test_the_limit_is_a_setting_and_nothing_is_left_out_below_it(crowded: dict[str, bytes]) -> None:
    snapshot = crowded_snapshot(60, hours_apart=0.08)
    files = render_site(snapshot, replace(CROWDED_CONFIG, ongoing_limit=100), snapshot.taken_at)
    assert "ongoing/index.html" not in files
    assert len(page(files, "index.html").xpath("//section[@aria-labelledby='ongoing']//article")) == 60
    assert not page(files, "index.html").xpath("//a[@href='ongoing/']")


def test_every_page_has_the_sections_and_a_get_updates_link_before_its_content() -> None:
    files = demo()
    pages = {path: page(files, path) for path in files if path.endswith(".html")}
    for path, html in pages.items():
        sections = html.xpath("//nav[@class='sections']//a")
        # The demo has maintenance, so the header links maintenance/ too.
        assert [words(a) for a in sections] == ["Status", "History", "Maintenance", "Subscribe"], path
        if path == "subscribe/index.html":
            continue  # the page the links lead to
        links = html.xpath("//main//a[normalize-space()='Get updates']")
        assert links, path
        first_heading = html.xpath("//main//h2")
        if first_heading:  # near the top: before the page's first section
            body = list(html.iter())
            assert body.index(links[0]) < body.index(first_heading[0]), path
        target = links[0].get("href")
        if target == "#follow":
            assert html.xpath("//section[@id='follow']//a[@href='feed.atom']"), path
        else:
            assert target.endswith("subscribe/"), path


def test_the_subscribe_page_says_what_each_feed_is_for_and_every_link_exists() -> None:
    files = demo()
    subscribe = page(files, "subscribe/index.html")
    entries = subscribe.xpath("//dl[@class='subscriptions']/div")
    assert [words(entry.xpath("dt")[0]) for entry in entries] == [
        "RSS feed",
        "Atom feed",
        "maintenance.ics",
        "status.json",
        "summary.json",
        "incidents.json",
        "scheduled-maintenances.json",
        "badge.svg",
    ]
    assert all(words(entry.xpath("dd")[0]) for entry in entries)
    for href in subscribe.xpath("//main//a/@href"):
        target = href.removeprefix("../")
        assert (target + "index.html" if target.endswith("/") or not target else target) in files, href
    assert len(subscribe.xpath("//ul[@class='service-feeds']/li")) == 8


def test_without_base_url_there_is_nothing_to_subscribe_to() -> None:
    files = demo(base_url=None)
    assert "subscribe/index.html" not in files
    home = page(files, "index.html")
    assert not home.xpath("//a[contains(@href, 'subscribe/')]") and not home.xpath("//*[@id='follow']")


def test_the_home_page_carries_its_build_time_and_refreshes_only_when_asked() -> None:
    plain = page(demo(), "index.html")
    assert plain.xpath("//meta[@name='dcterms.modified']/@content") == ["2026-11-20T15:00:00Z"]
    assert words(plain.xpath("//p[@class='checked']")[0]).startswith("Updated 20 Nov 2026, 15:00 UTC")
    assert not plain.xpath("//meta[@http-equiv='refresh']") and not plain.xpath("//script")
    assert not plain.xpath("//*[@id='stale']")
    files = demo(refresh=300, stale_after=900)
    assert page(files, "index.html").xpath("//meta[@http-equiv='refresh']/@content") == ["300"]
    assert not page(files, "incidents/110/index.html").xpath("//meta[@http-equiv='refresh']")
    (stale,) = page(files, "index.html").xpath("//*[@id='stale']")
    assert stale.get("hidden") is not None and stale.get("data-after") == "900"


def test_without_the_script_times_read_in_the_sites_zone_and_name_it() -> None:
    files = demo(timezone="Europe/Berlin", local_times=True)
    incident = page(files, "incidents/110/index.html")
    times = incident.xpath("//dl[@class='facts']//time")
    assert [(t.get("datetime"), t.text) for t in times] == [
        ("2026-11-12T06:42:00Z", "12 Nov 2026, 07:42 CET"),
        ("2026-11-12T08:15:00Z", "12 Nov 2026, 09:15 CET"),
    ]
    assert words(incident.xpath("//*[@id='site-zone']")[0]) == "Times are in Europe/Berlin."
    assert incident.xpath("//*[@id='reader-zone']")[0].get("hidden") is not None
    assert incident.get("data-local-times") is not None


def script_hash(html: bytes) -> str:
    (script,) = re.findall(rb"<script>(.*?)</script>", html, re.S)
    return "sha256-" + base64.b64encode(hashlib.sha256(script).digest()).decode()


def test_the_script_is_one_text_everywhere_and_its_hash_is_the_documented_one() -> None:
    """One hash in a Content-Security-Policy allows it on every page in every language."""
    hashes = {
        script_hash(content)
        for language in ("en", "de", "ja")
        for path, content in demo(local_times=True, stale_after=900, language=language).items()
        if path.endswith(".html")
    }
    assert len(hashes) == 1
    documented = re.findall(r"script-src '(sha256-[A-Za-z0-9+/=]+)'", (REPOSITORY / "docs" / "visitors.md").read_text())
    assert documented == list(hashes)


def test_the_favicon_is_the_status_colour_in_svg_and_a_valid_png() -> None:
    files = demo()
    assert b'fill="#bc4c00"' in files["favicon.svg"]  # the demo's partial outage, as its badge
    width, height, pixels = decode_png(files["favicon.png"])
    assert (width, height) == (32, 32)
    assert pixels[16][16] == (0xBC, 0x4C, 0x00, 255) and pixels[0][0][3] == 0
    assert favicon_png("#1a7f37") == favicon_png("#1a7f37")  # deterministic
    assert b"M5.5 10.5" in favicon_svg("#1a7f37", operational=True)
    quiet = render_site(f.snapshot(), Config(), f.TAKEN_AT)
    assert b'fill="#1a7f37"' in quiet["favicon.svg"] and quiet["favicon.png"] != files["favicon.png"]
    icons = page(files, "incidents/110/index.html").xpath("//link[@rel='icon']/@href")
    assert icons == ["../../favicon.svg", "../../favicon.png"]


def decode_png(data: bytes) -> tuple[int, int, list[list[tuple[int, ...]]]]:
    """A filter-0 RGBA PNG's size and pixels, read with zlib: enough to check ours."""
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    chunks, position = {}, 8
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        assert struct.unpack(">I", data[position + 8 + length : position + 12 + length])[0] == zlib.crc32(kind + body)
        chunks[kind] = body
        position += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert (depth, colour) == (8, 6) and b"IEND" in chunks
    raw = zlib.decompress(chunks[b"IDAT"])
    stride = 1 + 4 * width
    rows = [raw[y * stride + 1 : (y + 1) * stride] for y in range(height)]
    return width, height, [[tuple(row[x * 4 : x * 4 + 4]) for x in range(width)] for row in rows]
