"""sitemap.xml, robots.txt and the 404 page: for crawlers and for people who followed a broken link."""

from __future__ import annotations

from pathlib import Path

import lxml.etree
import lxml.html
import pytest

from generator.config import Config
from generator.sitemap import NOT_FOUND_PATH, ROBOTS_PATH, SITEMAP_PATH, root_path, sitemap_files
from generator.snapshot import demo_snapshot
from tests.output_fixtures import BASE_URL, CONFIG, empty_snapshot, have_xmllint, odd_snapshot, render, xmllint

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def locations(content: bytes) -> list[str]:
    return [str(loc.text) for loc in lxml.etree.fromstring(content).iter(f"{SITEMAP}loc")]


@pytest.fixture(scope="module")
def demo_files() -> dict[str, bytes]:
    return render(demo_snapshot(), Config(base_url=BASE_URL, title="Example Cloud status"))


def test_sitemap_lists_every_page_once_by_its_absolute_url(demo_files: dict[str, bytes]) -> None:
    urls = locations(demo_files[SITEMAP_PATH])
    pages = sorted(
        f"{BASE_URL}/{path.removesuffix('index.html')}" for path in demo_files if path.endswith("index.html")
    )
    assert sorted(urls) == pages and len(set(urls)) == len(urls)
    assert urls[0] == f"{BASE_URL}/"
    assert f"{BASE_URL}/{NOT_FOUND_PATH}" not in urls


def test_sitemap_and_robots_are_well_formed(demo_files: dict[str, bytes], tmp_path: Path) -> None:
    root = lxml.etree.fromstring(demo_files[SITEMAP_PATH])
    assert root.tag == f"{SITEMAP}urlset"
    if have_xmllint():
        (tmp_path / SITEMAP_PATH).write_bytes(demo_files[SITEMAP_PATH])
        assert xmllint([str(tmp_path / SITEMAP_PATH)]).returncode == 0
    assert demo_files[ROBOTS_PATH].decode() == f"User-agent: *\nDisallow:\n\nSitemap: {BASE_URL}/sitemap.xml\n"


def test_without_a_base_url_robots_names_no_sitemap_and_there_is_none() -> None:
    files = render(empty_snapshot(), Config())
    assert SITEMAP_PATH not in files
    assert files[ROBOTS_PATH].decode() == "User-agent: *\nDisallow:\n"


def test_past_50000_urls_the_sitemap_becomes_an_index(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("generator.sitemap.SITEMAP_URL_LIMIT", 2)
    files = sitemap_files(["", "a/", "b/", "c/", "d/"], BASE_URL)
    assert sorted(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]
    index = lxml.etree.fromstring(files["sitemap.xml"])
    assert index.tag == f"{SITEMAP}sitemapindex"
    assert locations(files["sitemap.xml"]) == [f"{BASE_URL}/sitemap-{n}.xml" for n in (1, 2, 3)]
    assert [url for name in ("sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml") for url in locations(files[name])] == [
        f"{BASE_URL}/{path}" for path in ["", "a/", "b/", "c/", "d/"]
    ]


def links_of(content: bytes) -> list[str]:
    page = lxml.html.fromstring(content)
    return [str(value) for value in page.xpath("//@href | //@src")]


def test_404_page_links_from_the_root_so_it_works_at_any_url(demo_files: dict[str, bytes]) -> None:
    page = lxml.html.fromstring(demo_files[NOT_FOUND_PATH])
    assert page.xpath("//h1/text()") == ["Page not found"]
    assert page.xpath('//link[@rel="stylesheet"]')  # it extends base.html
    assert not page.xpath('//link[@rel="canonical"]')
    for link in links_of(demo_files[NOT_FOUND_PATH]):
        assert link.startswith(("/", "#", "https://", "http://", "mailto:", "data:")), link  # never relative
    assert "/history/" in links_of(demo_files[NOT_FOUND_PATH])


def test_404_page_under_a_base_url_path_uses_that_path() -> None:
    files = render(odd_snapshot(), Config(base_url="https://example.com/status", title=CONFIG.title))
    internal = [link for link in links_of(files[NOT_FOUND_PATH]) if link.startswith("/")]
    assert internal and all(link.startswith("/status/") for link in internal)
    assert "/status/feed.atom" in internal


def test_404_page_without_a_base_url_assumes_the_host_root() -> None:
    links = links_of(render(empty_snapshot(), Config())[NOT_FOUND_PATH])
    assert "/" in links and all(not link.startswith("../") for link in links)


@pytest.mark.parametrize(
    ("base_url", "expected"),
    [
        (None, "/"),
        ("https://status.example.com", "/"),
        ("https://example.com/status", "/status/"),
        ("https://example.com/a/b", "/a/b/"),
    ],
)
def test_root_path(base_url: str | None, expected: str) -> None:
    assert root_path(base_url) == expected
