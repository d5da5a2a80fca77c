"""The preview's static host maps request paths to files as a static host does, and never leaves the site."""

from __future__ import annotations

from http import HTTPStatus
from pathlib import Path

import pytest

from generator.static_host import answer


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "incidents" / "7").mkdir(parents=True)
    (tmp_path / "index.html").write_text("home", encoding="utf-8")
    (tmp_path / "404.html").write_text("lost", encoding="utf-8")
    (tmp_path / "incidents" / "7" / "index.html").write_text("seven", encoding="utf-8")
    (tmp_path / "incidents" / "7" / "feed.atom").write_text("<feed/>", encoding="utf-8")
    (tmp_path / ".statusgen-site").write_text("{}", encoding="utf-8")
    (tmp_path.parent / "secret.txt").write_text("outside", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("target", "status", "body"),
    [
        ("/", HTTPStatus.OK, b"home"),
        ("/?utm=x", HTTPStatus.OK, b"home"),
        ("/incidents/7/", HTTPStatus.OK, b"seven"),
        ("/incidents/7/index.html", HTTPStatus.OK, b"seven"),
        ("/incidents/%37/", HTTPStatus.OK, b"seven"),
        ("/incidents/7/feed.atom", HTTPStatus.OK, b"<feed/>"),
        ("/incidents/", HTTPStatus.NOT_FOUND, b"lost"),  # a folder without index.html: no listing
        ("/incidents/8/", HTTPStatus.NOT_FOUND, b"lost"),
        ("/.statusgen-site", HTTPStatus.NOT_FOUND, b"lost"),
        ("/../secret.txt", HTTPStatus.NOT_FOUND, b"lost"),
        ("/%2e%2e/secret.txt", HTTPStatus.NOT_FOUND, b"lost"),
        ("/incidents%2f..%2f..%2fsecret.txt", HTTPStatus.NOT_FOUND, b"lost"),
        ("/incidents/7/..\\..\\..\\secret.txt", HTTPStatus.NOT_FOUND, b"lost"),
        ("/index.html%00.txt", HTTPStatus.NOT_FOUND, b"lost"),
    ],
)
def test_paths_map_to_files_of_the_site_and_nothing_else(site: Path, target: str, status: int, body: bytes) -> None:
    reply = answer(site, target)
    assert (reply.status, reply.body) == (status, body)


def test_a_folder_without_its_slash_is_redirected_keeping_the_query(site: Path) -> None:
    reply = answer(site, "/incidents/7?from=feed")
    assert (reply.status, reply.location, reply.body) == (HTTPStatus.MOVED_PERMANENTLY, "/incidents/7/?from=feed", b"")


def test_without_a_site_yet_a_request_is_a_plain_404(tmp_path: Path) -> None:
    reply = answer(tmp_path / "not-built", "/")
    assert (reply.status, reply.body, reply.content_type) == (
        HTTPStatus.NOT_FOUND,
        b"404 Not Found\n",
        "text/plain; charset=utf-8",
    )


@pytest.mark.parametrize(
    ("target", "content_type"),
    [
        ("/", "text/html; charset=utf-8"),
        ("/incidents/7/feed.atom", "application/atom+xml"),
        ("/nowhere", "text/html; charset=utf-8"),
    ],
)
def test_files_get_the_content_type_publishing_gives_them(site: Path, target: str, content_type: str) -> None:
    assert answer(site, target).content_type == content_type
