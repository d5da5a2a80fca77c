"""The plan: what to upload and delete, decided by digests alone, in an order that keeps every link working."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path

from generator.publish.headers import Headers
from generator.publish.manifest import Entry, Remote
from generator.publish.objects import SiteObject, site_objects
from generator.publish.plan import Plan, plan_publish
from generator.publish.settings import PublishSettings
from generator.writer import write_site

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)
DAY = timedelta(hours=24)
OLD_SITE = {
    "index.html": b"home",
    "history/index.html": b"history",
    "history/2026-11/index.html": b"november",
    "incidents/1/index.html": b"incident 1",
    "incidents/1/feed.atom": b"feed 1",
    "episodes/1/index.html": b"episode 1",
    "feed.rss": b"rss",
    "api/v2/summary.json": b"{}",
    "static/style.aaaa.css": b"old style",
}


def objects(folder: Path, files: Mapping[str, bytes], **settings: object) -> dict[str, SiteObject]:
    write_site(dict(files), folder)
    return site_objects(folder, PublishSettings(**settings), rooted=False)  # type: ignore[arg-type]


def published(items: Mapping[str, SiteObject], **changes: Entry) -> Remote:
    """The destination after a finished publish of `items` (with `changes` to single entries)."""
    known = {key: Entry(item.sha256, item.size, f'"{item.md5}"', item.headers) for key, item in items.items()}
    return Remote({**known, **changes}, frozenset(), frozenset())


def upload_order(plan: Plan) -> list[set[str]]:
    return [{item.key for item in group} for group in plan.uploads]


def test_an_unchanged_site_plans_nothing(tmp_path: Path) -> None:
    site = objects(tmp_path / "site", OLD_SITE)
    plan = plan_publish(site, published(site), NOW, DAY)
    assert (plan.uploads, plan.deletions, plan.unchanged, plan.has_changes) == ((), (), len(site), False)


def test_only_objects_whose_digest_or_headers_differ_are_uploaded(tmp_path: Path) -> None:
    old = objects(tmp_path / "old", OLD_SITE, folder_keys=False)
    new = objects(tmp_path / "new", {**OLD_SITE, "incidents/1/feed.atom": b"feed 2"}, folder_keys=False)
    retyped = Entry(old["feed.rss"].sha256, 3, '"x"', Headers("application/x-rss+xml", "public, max-age=60"))
    plan = plan_publish(new, published(old, **{"feed.rss": retyped}), NOW, DAY)
    assert upload_order(plan) == [{"incidents/1/feed.atom"}, {"feed.rss"}]
    assert (plan.upload_count, plan.upload_bytes, plan.unchanged) == (2, 6 + 3, len(new) - 2)


def test_new_keys_go_first_then_replaced_ones_each_from_assets_to_what_links_to_them(tmp_path: Path) -> None:
    old = objects(tmp_path / "old", OLD_SITE, folder_keys=False)
    new_site = {path: content + b" v2" for path, content in OLD_SITE.items() if not path.startswith("static/")}
    new_site |= {
        "static/style.bbbb.css": b"new style",
        "incidents/2/index.html": b"incident 2",
        "incidents/2/feed.atom": b"feed 2",
        "history/2026-12/index.html": b"december",
        "feed.atom": b"atom",
        "sitemap.xml": b"sitemap",
    }
    new = objects(tmp_path / "new", new_site, folder_keys=False)
    assert upload_order(plan_publish(new, published(old), NOW, DAY)) == [
        # New keys: nothing links to them yet, but each may link to the ones before it.
        {"static/style.bbbb.css"},
        {"incidents/2/feed.atom"},  # not a page: a new page's links must find it
        {"incidents/2/index.html"},
        {"history/2026-12/index.html"},
        {"feed.atom"},  # a new site feed before the replaced pages that start linking to it
        {"sitemap.xml"},
        # Replaced keys: everything they may newly link to is there now.
        {"incidents/1/feed.atom"},
        {"episodes/1/index.html", "incidents/1/index.html"},
        {"history/2026-11/index.html"},
        {"history/index.html"},
        {"api/v2/summary.json", "feed.rss"},
        {"index.html"},
    ]


def test_a_folder_key_follows_its_page_and_the_redirect_follows_the_folder_key(tmp_path: Path) -> None:
    old = objects(tmp_path / "old", OLD_SITE)
    new = objects(tmp_path / "new", {**OLD_SITE, "incidents/2/index.html": b"2", "incidents/2/feed.atom": b"f"})
    assert upload_order(plan_publish(new, published(old), NOW, DAY)) == [
        {"incidents/2/feed.atom"},
        {"incidents/2/index.html"},
        {"incidents/2/"},
        {"incidents/2"},
    ]


def test_deletions_come_last_linking_pages_before_what_they_link_to(tmp_path: Path) -> None:
    old = objects(tmp_path / "old", OLD_SITE)
    retracted = {path: content for path, content in OLD_SITE.items() if not path.startswith("incidents/")}
    new = objects(tmp_path / "new", {**retracted, "index.html": b"home without incident 1"})
    plan = plan_publish(new, published(old), NOW, DAY)
    assert upload_order(plan) == [{"index.html"}]
    assert plan.deletions == (
        ("incidents/1",),
        ("incidents/1/",),
        ("incidents/1/index.html",),
        ("incidents/1/feed.atom",),
    )


def test_only_objects_statusgen_wrote_are_deleted(tmp_path: Path) -> None:
    site = objects(tmp_path / "site", OLD_SITE, folder_keys=False)
    remote = Remote(
        {key: Entry(item.sha256, item.size, f'"{item.md5}"', item.headers) for key, item in site.items()},
        unknown=frozenset({"incidents/9/index.html", "index.html"}),
        foreign=frozenset({"CNAME", "feed.rss"}),
    )
    plan = plan_publish(site, remote, NOW, DAY)
    assert plan.deletions == (("incidents/9/index.html",),)
    assert plan.left_alone == ("CNAME",)
    assert plan.summary() == (
        "0 to upload (0 bytes), 1 to delete, 9 unchanged, 1 objects statusgen did not write left alone"
    )


def test_a_replaced_asset_stays_for_pages_in_caches_then_goes(tmp_path: Path) -> None:
    old = objects(tmp_path / "old", OLD_SITE)
    new_files = {**OLD_SITE, "static/style.bbbb.css": b"new style"}
    del new_files["static/style.aaaa.css"]
    new = objects(tmp_path / "new", new_files)
    first = plan_publish(new, published(old), NOW, DAY)
    assert first.deletions == () and set(first.kept_assets) == {"static/style.aaaa.css"}
    kept = first.kept_assets["static/style.aaaa.css"]
    assert kept.retired_at == NOW
    remote = published(new, **first.kept_assets)
    assert plan_publish(new, remote, NOW + DAY - timedelta(seconds=1), DAY).kept_assets == first.kept_assets
    assert plan_publish(new, remote, NOW + DAY, DAY).deletions == (("static/style.aaaa.css",),)
    assert plan_publish(new, published(old), NOW, timedelta(0)).deletions == (("static/style.aaaa.css",),)
