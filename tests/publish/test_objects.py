"""A built folder as objects: one per file, digested, plus folder keys for stores without index documents."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator.errors import PublishError
from generator.publish.headers import headers_for
from generator.publish.objects import object_body, redirect_page, site_objects
from generator.publish.settings import PublishSettings
from generator.writer import write_site

PAGE = b"<!DOCTYPE html><title>INC-112</title>"


def small_site(folder: Path) -> Path:
    write_site({"index.html": b"home", "incidents/112/index.html": PAGE, "incidents/112/feed.atom": b"<feed/>"}, folder)
    return folder


def test_each_file_is_an_object_with_its_digest_size_and_headers(tmp_path: Path) -> None:
    objects = site_objects(small_site(tmp_path / "site"), PublishSettings(folder_keys=False), rooted=False)
    assert sorted(objects) == ["incidents/112/feed.atom", "incidents/112/index.html", "index.html"]
    page = objects["incidents/112/index.html"]
    assert (page.sha256, page.md5, page.size) == (
        hashlib.sha256(PAGE).hexdigest(),
        hashlib.md5(PAGE).hexdigest(),  # noqa: S324 - what S3 reports as a plain upload's ETag
        len(PAGE),
    )
    assert page.headers == headers_for("incidents/112/index.html")


def test_an_index_page_is_also_published_under_its_folder_and_the_folder_redirects(tmp_path: Path) -> None:
    objects = site_objects(small_site(tmp_path / "site"), PublishSettings(), rooted=False)
    assert sorted(objects) == [
        "incidents/112",
        "incidents/112/",
        "incidents/112/feed.atom",
        "incidents/112/index.html",
        "index.html",
    ]
    folder, page = objects["incidents/112/"], objects["incidents/112/index.html"]
    assert (folder.source, folder.sha256, folder.headers, folder.body) == (page.key, page.sha256, page.headers, None)
    redirect = objects["incidents/112"]
    assert redirect.body == redirect_page("112/") and redirect.headers == page.headers
    assert b'<meta http-equiv="refresh" content="0; url=112/">' in redirect_page("112/")


def test_the_sites_root_has_a_folder_key_only_below_a_prefix(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    assert "" not in site_objects(site, PublishSettings(), rooted=False)
    assert site_objects(site, PublishSettings(), rooted=True)[""].source == "index.html"


def test_a_folder_statusgen_did_not_build_is_never_published(tmp_path: Path) -> None:
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / ".bashrc").write_text("export SECRET=1\n")
    with pytest.raises(PublishError) as raised:
        site_objects(tmp_path / "home", PublishSettings(), rooted=False)
    assert str(raised.value) == (
        f"{tmp_path / 'home'} was not built by statusgen (it has no .statusgen-site marker); refusing to publish it"
    )
    with pytest.raises(PublishError) as raised:
        site_objects(tmp_path / "site", PublishSettings(), rooted=False)
    assert str(raised.value) == (
        f"there is no site to publish at {tmp_path / 'site'}; build it first with `statusgen build`"
    )


def test_a_file_that_changed_after_it_was_digested_is_not_uploaded(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    page = site_objects(site, PublishSettings(), rooted=False)["incidents/112/"]
    assert object_body(site, page) == PAGE
    (site / "incidents/112/index.html").write_bytes(PAGE.replace(b"112", b"113"))
    with pytest.raises(PublishError) as raised:
        object_body(site, page)
    assert str(raised.value) == (
        "incidents/112/index.html changed while it was being published (a build ran meanwhile); run again"
    )


def test_a_redirect_names_its_folder_as_a_relative_url_escaped_for_html() -> None:
    assert redirect_page("112/") == (
        b'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Moved</title>'
        b'<meta http-equiv="refresh" content="0; url=112/"><link rel="canonical" href="112/"></head>'
        b'<body><p><a href="112/">112/</a></p></body></html>\n'
    )
    assert b'url=a%22%3E%3Cb/"' in redirect_page('a"><b/')
