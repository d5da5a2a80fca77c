"""Files for crawlers and lost visitors: sitemap.xml, robots.txt and the 404 page.

A sitemap lists absolute URLs, so it needs a base_url; robots.txt and the
404 page are written either way. The 404 page is served at whatever URL was
missing, so its links start at the site's root path instead of being relative.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from urllib.parse import urlsplit

from generator.config import SiteSettings
from generator.output import Output, Sources
from generator.text import xml_escape as escape
from generator.views import FeedLink, Page, SitePlan

SITEMAP_PATH = "sitemap.xml"
ROBOTS_PATH = "robots.txt"
NOT_FOUND_PATH = "404.html"
NOT_FOUND_TEMPLATE = "404.html"
SITEMAP_URL_LIMIT = 50_000  # per file, by the sitemaps.org protocol

_XML_HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n'
_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def crawler_outputs(sources: Sources) -> list[Output]:
    """robots.txt always; sitemap.xml (split into an index past 50,000 URLs) with a base_url; every build."""
    base_url = sources.settings.base_url
    page_paths = [page.path for page in sources.plan.pages]
    outputs = [Output((ROBOTS_PATH,), None, lambda: {ROBOTS_PATH: robots_txt(base_url)})]
    if base_url:
        paths = tuple(sitemap_names(len(page_paths)))
        outputs.append(Output(paths, None, lambda: sitemap_files(page_paths, base_url)))
    return outputs


def sitemap_names(pages: int) -> list[str]:
    """The sitemap files for a site of `pages` pages: sitemap.xml, and numbered ones past the limit."""
    if pages <= SITEMAP_URL_LIMIT:
        return [SITEMAP_PATH]
    return [*(f"sitemap-{n}.xml" for n in range(1, -(-pages // SITEMAP_URL_LIMIT) + 1)), SITEMAP_PATH]


def robots_txt(base_url: str | None) -> bytes:
    """Everything may be crawled; the sitemap is named when its absolute URL is known."""
    lines = ["User-agent: *", "Disallow:"]
    if base_url:
        lines += ["", f"Sitemap: {base_url}/{SITEMAP_PATH}"]
    return ("\n".join(lines) + "\n").encode("utf-8")


def sitemap_files(paths: Sequence[str], base_url: str) -> dict[str, bytes]:
    """One sitemap.xml of every page, or numbered sitemaps and sitemap.xml as their index."""
    urls = [f"{base_url}/{path}" for path in paths]
    if len(urls) <= SITEMAP_URL_LIMIT:
        return {SITEMAP_PATH: _urlset(urls)}
    chunks = [urls[start : start + SITEMAP_URL_LIMIT] for start in range(0, len(urls), SITEMAP_URL_LIMIT)]
    files = {f"sitemap-{number}.xml": _urlset(chunk) for number, chunk in enumerate(chunks, start=1)}
    files[SITEMAP_PATH] = _document("sitemapindex", "sitemap", [f"{base_url}/{name}" for name in files])
    return files


def not_found_page(plan: SitePlan, settings: SiteSettings) -> Page:
    """The 404 page: the home page's context with links from the root path (`/`, or base_url's path)."""
    home = next(page for page in plan.pages if page.path == "")
    root = root_path(settings.base_url)
    feeds: tuple[FeedLink, ...] = tuple(replace(feed, href=root + feed.href) for feed in home.context["feeds"])
    context = {**home.context, "path": NOT_FOUND_PATH, "root": root, "canonical": None, "feeds": feeds}
    return Page(NOT_FOUND_PATH, NOT_FOUND_TEMPLATE, context)


def root_path(base_url: str | None) -> str:
    """The site's root as an absolute path: "/status/" for https://example.com/status, else "/"."""
    path = urlsplit(base_url).path if base_url else ""
    return path.rstrip("/") + "/"


def _urlset(urls: list[str]) -> bytes:
    return _document("urlset", "url", urls)


def _document(root: str, item: str, urls: list[str]) -> bytes:
    entries = "".join(f"<{item}><loc>{escape(url)}</loc></{item}>\n" for url in urls)
    return f'{_XML_HEADER}<{root} xmlns="{_NAMESPACE}">\n{entries}</{root}>\n'.encode()
