"""Whether every link a visitor can follow on a published site leads to an object that exists.

A visitor starts at the entry points (the home page, the feeds, the JSON, the
sitemap, the badge) or at a page they bookmarked before this run (any object
that existed when it started). From there they follow links. A page a run has
uploaded but nothing links to yet cannot be reached, so its links do not count
until something reachable links to it. Objects a run retracts link to each
other (a page to its feed and back), so one of them is always deleted first:
a link from one retracted object to another may break, no other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Set
from posixpath import normpath
from urllib.parse import urljoin, urlsplit

import lxml.html

BASE_URL = "https://status.example.com"
ENTRY_POINTS = (
    "index.html",
    "404.html",
    "feed.rss",
    "feed.atom",
    "sitemap.xml",
    "robots.txt",
    "badge.svg",
    "api/v2/status.json",
    "api/v2/summary.json",
    "api/v2/incidents.json",
    "api/v2/incidents/unresolved.json",
)
_ABSOLUTE = re.compile(re.escape(BASE_URL) + r"(/[^\"'<>\s]*)?")


def broken_links(
    objects: Mapping[str, bytes],
    bookmarked: Iterable[str] = (),
    folder_keys: bool = True,
    retracted: Set[str] = frozenset(),
) -> list[str]:
    """Every link from a reachable object to a key that is not there, as "from -> to"."""
    queue = [key for key in (*ENTRY_POINTS, *bookmarked) if key in objects]
    seen = set(queue)
    broken = []
    while queue:
        key = queue.pop()
        for target in links_of(key, objects[key], folder_keys):
            if target not in objects:
                if not (key in retracted and target in retracted):
                    broken.append(f"{key} -> {target}")
            elif target not in seen:
                seen.add(target)
                queue.append(target)
    return sorted(broken)


def links_of(key: str, content: bytes, folder_keys: bool) -> set[str]:
    """The keys an object links to: relative links in pages, absolute site URLs anywhere."""
    urls = {match.group(1) or "/" for match in _ABSOLUTE.finditer(content.decode("utf-8", "replace"))}
    if _is_page(key):
        page = lxml.html.fromstring(content)
        base = "/" + key
        for address in page.xpath("//@href | //@src"):
            parts = urlsplit(address)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # another site, data:, mailto:, or a fragment of this page
            urls.add(urljoin(base, parts.path))
    return {_key_of(url, folder_keys) for url in urls}


def _is_page(key: str) -> bool:
    last = key.rpartition("/")[2]
    return key.endswith((".html", "/")) or key == "" or "." not in last


def _key_of(path: str, folder_keys: bool) -> str:
    """The object a URL path asks for: a folder is its folder key, or its index.html on hosts with index documents.

    The root is index.html either way: CloudFront's default root object, or the website endpoint's index document.
    """
    path = urlsplit(path).path
    resolved = normpath(path) + ("/" if path.endswith("/") and path != "/" else "")
    key = resolved.lstrip("/")
    if key == "":
        return "index.html"
    if key.endswith("/") and not folder_keys:
        return key + "index.html"
    return key
