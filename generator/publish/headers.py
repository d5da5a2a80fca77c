"""The Content-Type and Cache-Control each published file gets.

Patterns are shell globs matched against the site path ("incidents/112/feed.atom";
`*` also matches `/`). The operator's patterns from statusgen.toml's [publish]
tables are tried first, then these defaults; the first match wins.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase

# Asset names carry a hash of their bytes, so a cached copy can never be stale.
ASSET_CACHE_CONTROL = "public, max-age=31536000, immutable"
# A status page must show a new incident within a minute or two. While a cache
# refetches it may serve the old copy a little longer, and when the store itself
# is down, the last copy for a day: the page must survive the outage it reports.
PAGE_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=60, stale-if-error=86400"

Rules = Sequence[tuple[str, str]]

DEFAULT_CACHE_CONTROL: Rules = (
    ("static/*", ASSET_CACHE_CONTROL),
    ("*", PAGE_CACHE_CONTROL),
)

DEFAULT_CONTENT_TYPES: Rules = (
    ("*.html", "text/html; charset=utf-8"),
    ("*.css", "text/css; charset=utf-8"),
    ("*.js", "text/javascript; charset=utf-8"),
    ("*.rss", "application/rss+xml"),
    ("*.atom", "application/atom+xml"),
    ("*.json", "application/json"),
    ("*.svg", "image/svg+xml"),
    ("*.ics", "text/calendar"),
    ("*.xml", "application/xml"),
    ("*.txt", "text/plain; charset=utf-8"),
    ("*.png", "image/png"),
    ("*.jpg", "image/jpeg"),
    ("*.jpeg", "image/jpeg"),
    ("*.gif", "image/gif"),
    ("*.webp", "image/webp"),
    ("*.avif", "image/avif"),
    ("*.ico", "image/x-icon"),
    ("*.woff2", "font/woff2"),
    ("*", "application/octet-stream"),
)


@dataclass(frozen=True, slots=True, order=True)
class Headers:
    """What a visitor's browser and every cache in between are told about one file."""

    content_type: str
    cache_control: str


def headers_for(path: str, content_types: Rules = (), cache_control: Rules = ()) -> Headers:
    """The headers of site path `path`: the operator's rules first, then the defaults."""
    return Headers(
        content_type=_first_match(path, (*content_types, *DEFAULT_CONTENT_TYPES)),
        cache_control=_first_match(path, (*cache_control, *DEFAULT_CACHE_CONTROL)),
    )


def _first_match(path: str, rules: Rules) -> str:
    for pattern, value in rules:
        if fnmatchcase(path, pattern):
            return value
    raise AssertionError(f"no header rule matches {path}")  # never: the defaults end with "*"
