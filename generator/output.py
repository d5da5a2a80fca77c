"""The one interface every kind of output shares: the paths it makes, the inputs of its key, how it renders.

A kind of output (pages, feeds, the Statuspage JSON, badges, crawler files,
the 404 page, static assets, and the kinds to come) is one function

    def <kind>_outputs(sources: Sources) -> Iterable[Output]

listed in build.OUTPUT_KINDS. It reads the page plan, the public settings and
the theme, never a Config: the API key goes no further than the fetch. Each
Output it yields says
- `paths`: every file it makes, exactly (the build checks the rendered files
  against them, and a kept output's files stay as they are);
- `inputs`: everything its bytes depend on besides the code, the theme and the
  public settings (which every key holds already): the page cache renders it
  again only when the fingerprint of these differs from the last build's
  (page_cache.py); None for an output rendered on every build;
- `render`: a call that returns its files' bytes by path, and never writes.
`folder` names the page an output belongs to ("" for none): the scheduler
(jobs.py) renders an incident's page and feed next to each other, so a note's
HTML is made once. `restamp` is set on an output whose bytes read the build
time itself, not only through the plan (restamp.py). Adding a kind of output
is one new function and one line in
OUTPUT_KINDS; a kind that needs a new input from the data adds it to the plan.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import jinja2

from generator.config import SiteSettings
from generator.restamp import Restamp
from generator.themes import Asset
from generator.views import SitePlan

Render = Callable[[], dict[str, bytes]]


@dataclass(frozen=True, slots=True)
class Theme:
    """The theme as a build uses it: the Jinja environment (search path, filters) and the hashed static files."""

    environment: jinja2.Environment
    assets: Mapping[str, Asset]


@dataclass(frozen=True, slots=True)
class Sources:
    """What every kind of output receives: the plan, the public settings, the theme."""

    plan: SitePlan
    settings: SiteSettings
    theme: Theme


@dataclass(frozen=True, slots=True)
class Output:
    """Files one render makes, what their bytes depend on (None: rendered every build), and the render."""

    paths: tuple[str, ...]
    inputs: object | None
    render: Render
    folder: str = ""
    restamp: Restamp | None = None  # how it is made again when it shows the build time itself (restamp.py)
    markdown: Callable[[], int | None] | None = None  # renders its Markdown ahead; says how many texts (jobs)


OutputKind = Callable[[Sources], Iterable[Output]]


def asset_outputs(sources: Sources) -> list[Output]:
    """The theme's static files (and the logo) under their content-hashed names."""
    assets = sources.theme.assets
    files = {asset.path: asset.content for asset in assets.values()}
    return [Output(tuple(files), None, lambda: files)] if files else []
