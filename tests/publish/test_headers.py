"""Content-Type and Cache-Control per published file: right by default, overridable by pattern."""

from __future__ import annotations

import pytest

from generator.publish.headers import ASSET_CACHE_CONTROL, PAGE_CACHE_CONTROL, Headers, headers_for

CONTENT_TYPES = {
    "index.html": "text/html; charset=utf-8",
    "incidents/112/index.html": "text/html; charset=utf-8",
    "404.html": "text/html; charset=utf-8",
    "feed.rss": "application/rss+xml",
    "feed.atom": "application/atom+xml",
    "incidents/112/feed.atom": "application/atom+xml",
    "api/v2/summary.json": "application/json",
    "badge.svg": "image/svg+xml",
    "incidents/112/event.ics": "text/calendar",
    "static/style.fe4553114c.css": "text/css; charset=utf-8",
    "static/logo.0a1b2c3d4e.png": "image/png",
    "sitemap.xml": "application/xml",
    "robots.txt": "text/plain; charset=utf-8",
    "static/font.woff2": "font/woff2",
    "LICENSE": "application/octet-stream",
}


@pytest.mark.parametrize("path", sorted(CONTENT_TYPES))
def test_each_kind_of_file_gets_its_content_type(path: str) -> None:
    assert headers_for(path).content_type == CONTENT_TYPES[path]


def test_content_hashed_assets_are_cached_for_a_year_and_never_revalidated() -> None:
    assert ASSET_CACHE_CONTROL == "public, max-age=31536000, immutable"
    for path in ("static/style.fe4553114c.css", "static/logo.0a1b2c3d4e.svg"):
        assert headers_for(path).cache_control == ASSET_CACHE_CONTROL


def test_pages_feeds_and_json_are_cached_briefly_and_served_stale_while_refetched() -> None:
    assert PAGE_CACHE_CONTROL == "public, max-age=60, stale-while-revalidate=60, stale-if-error=86400"
    for path in ("index.html", "incidents/112/index.html", "feed.rss", "api/v2/status.json", "badge.svg"):
        assert headers_for(path).cache_control == PAGE_CACHE_CONTROL


def test_the_operators_patterns_come_first_and_a_star_crosses_folders() -> None:
    cache = (("api/*", "public, max-age=30"),)
    types = (("*.rss", "application/rss+xml; charset=utf-8"),)
    assert headers_for("api/v2/incidents/unresolved.json", types, cache) == Headers(
        "application/json", "public, max-age=30"
    )
    assert headers_for("feed.rss", types, cache) == Headers("application/rss+xml; charset=utf-8", PAGE_CACHE_CONTROL)
    assert headers_for("static/style.fe4553114c.css", types, cache).cache_control == ASSET_CACHE_CONTROL
