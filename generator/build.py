"""The orchestrator: plan, render everything in memory, then let the writer commit.

Nothing touches the output folder until every page and feed has rendered, so
a broken template or bad data leaves the previous site as it was.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from generator.badge import BADGE_PATH, badge_svg
from generator.config import Config
from generator.errors import ConfigError, OutputError
from generator.feeds import all_feeds
from generator.model import Snapshot
from generator.render import make_environment, render_page
from generator.site import plan_site
from generator.sitemap import NOT_FOUND_PATH, crawler_files, not_found_page
from generator.statuspage_api import statuspage_files
from generator.themes import theme_assets, theme_search_path
from generator.writer import WriteReport, compare_with_existing, write_site

# What a build leaves out when it has no base_url, because these files need absolute URLs.
NEEDS_BASE_URL = ("RSS/Atom feeds", "the api/v2 JSON", "sitemap.xml")


@dataclass(frozen=True, slots=True)
class BuildReport:
    pages: int
    files: int
    write: WriteReport


def build_time_for(snapshot: Snapshot, environ: dict[str, str] | None = None) -> datetime:
    """SOURCE_DATE_EPOCH when set (the reproducible-builds convention), else the snapshot's time.

    A snapshot describes the world at the moment it was taken, so "ongoing for
    3 h" is measured to then; the same snapshot always builds the same site.
    """
    environ = dict(os.environ) if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return snapshot.taken_at
    if not epoch.isdigit():
        raise ConfigError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not {epoch[:20]!r}")
    return datetime.fromtimestamp(int(epoch), tz=UTC)


def render_site(snapshot: Snapshot, config: Config, build_time: datetime) -> dict[str, bytes]:
    """Every file of the site, keyed by its path, rendered in memory."""
    plan = plan_site(snapshot, config, build_time)
    search_path = theme_search_path(config.theme)
    assets = theme_assets(search_path, config.logo)
    environment = make_environment(search_path, ZoneInfo(config.timezone), assets)
    files: dict[str, bytes] = {}
    for page in plan.pages:
        _add(files, page.path + "index.html", render_page(environment, page))
    _add(files, NOT_FOUND_PATH, render_page(environment, not_found_page(plan, config)))
    machine_readable = (
        all_feeds(plan, config),
        statuspage_files(plan, snapshot, config),
        crawler_files(plan, config),
        {BADGE_PATH: badge_svg(plan.status, config.title)},
    )
    for outputs in machine_readable:
        for path, content in outputs.items():
            _add(files, path, content)
    for asset in assets.values():
        _add(files, asset.path, asset.content)
    return files


def build_site(snapshot: Snapshot, config: Config, build_time: datetime, check: bool = False) -> BuildReport:
    """Render the site and write it (or, with `check`, only compare it with what is there)."""
    files = render_site(snapshot, config, build_time)
    pages = sum(1 for path in files if path.endswith(".html"))
    if check:
        return BuildReport(pages, len(files), compare_with_existing(files, config.output))
    return BuildReport(pages, len(files), write_site(files, config.output))


def _add(files: dict[str, bytes], path: str, content: bytes) -> None:
    if path in files:
        raise OutputError(f"two outputs want the same path {path!r}; rename one of them in the theme")
    files[path] = content
