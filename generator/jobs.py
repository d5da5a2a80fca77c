"""What a build produces, one renderable job per output, each with a key of its inputs.

A job whose key is the one the previous build recorded for the same paths is
not rendered again: its files stay as they are. Keys cover the code and theme
(any change renders everything), the settings, and exactly the context names
a page's templates can show, so a page whose data did not change keeps its
bytes and its mtime while the home page, which shows the build time, is
renewed.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
import sys
from collections.abc import Callable, Mapping, Set
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import jinja2

from generator.config import Config, SiteSettings
from generator.feeds import feed_jobs
from generator.fingerprint import Fingerprinter
from generator.model import Episode, Incident, Monitor, Postmortem, Service, ServiceGroup, Severity, State, Update
from generator.render import referenced_names, render_page
from generator.services import CalendarMonth, DayBar, StatusView
from generator.site import (
    EpisodeView,
    FeedLink,
    IncidentView,
    OverallStatus,
    Page,
    PublishedPostmortem,
    SitePlan,
    TimelineEntry,
)
from generator.themes import Asset

Render = Callable[[], dict[str, bytes]]

# Immutable values whose repr shows all they hold: digested in one step.
LEAF_TYPES = (
    Incident,
    Episode,
    State,
    Severity,
    Monitor,
    Update,
    Postmortem,
    TimelineEntry,
    PublishedPostmortem,
    FeedLink,
    OverallStatus,
    SiteSettings,
    Service,
    ServiceGroup,
    StatusView,
    DayBar,
    CalendarMonth,
)
# Fields that point back up the graph of views (see fingerprint.py).
REFERENCE_FIELDS = {
    IncidentView: frozenset({"episode"}),
    EpisodeView: frozenset({"latest_note_incident"}),
}


@dataclass(frozen=True, slots=True)
class Job:
    """Files to produce; `inputs` (fingerprinted into the job's key) is None for outputs always rendered."""

    paths: tuple[str, ...]
    inputs: object | None
    render: Render


class Outcome(NamedTuple):
    """What running a job gave: its key (None: not keyed) and its files, or None when kept as they are.

    A named tuple, not a slotted dataclass: every outcome crosses a pipe from
    a worker, and unpickling a tuple costs a fifth of a dataclass's setstate.
    """

    paths: tuple[str, ...]
    key: str | None
    files: dict[str, bytes] | None


def run_job(job: Job, previous_keys: Mapping[str, str], existing: Set[str]) -> Outcome:
    """Render the job, unless the previous build recorded the same key for files still there.

    Runs in a worker process: keys are computed where the rendering happens,
    so fingerprinting is spread over every core too.
    """
    if job.inputs is None:
        return Outcome(job.paths, None, job.render())
    key = _fingerprinter().of(job.inputs)
    if previous_keys.get(job.paths[0]) == key and all(path in existing for path in job.paths):
        return Outcome(job.paths, key, None)
    return Outcome(job.paths, key, job.render())


_fingerprinters: dict[int, Fingerprinter] = {}


def _fingerprinter() -> Fingerprinter:
    """One per process (a forked worker starts its own), so memoised digests are shared by its jobs."""
    process = os.getpid()
    if process not in _fingerprinters:
        _fingerprinters[process] = Fingerprinter(leaf_types=LEAF_TYPES, reference_fields=REFERENCE_FIELDS)
    return _fingerprinters[process]


def page_path(page: Page) -> str:
    return page.path + "index.html"


def settings_digest(config: Config, theme_folders: list[Path], assets: Mapping[str, Asset]) -> str:
    """What every output depends on besides the data: the code, the theme, its static files, the settings.

    Only what pages show: it must not change with the checkout's or the
    output's location, nor carry anything of the API settings.
    """
    assets_digest = ",".join(asset.path for asset in assets.values())
    return Fingerprinter().of((code_digest(), theme_digest(tuple(theme_folders)), config.public(), assets_digest))


def plan_jobs(
    plan: SitePlan,
    config: Config,
    environment: jinja2.Environment,
    base: str,
    always: list[tuple[tuple[str, ...], Render]],
) -> list[Job]:
    """Pages and feeds with the inputs of their keys; `always` are the outputs rendered on every build.

    The few large jobs (the API, the site feed, the home and history pages)
    come first and the many small incident pages last, so the workers finish
    together instead of one rendering the big ones while the other waits.
    Between them, each episode comes with its member incidents: its feed
    holds their notes, so one worker renders each note once, not each
    worker its own copy.
    """
    names = _NamesByTemplate(environment)
    feeds = {job.folder: job for job in feed_jobs(plan, config)}
    site_feed = feeds.pop("", None)
    large: list[Job] = [Job(paths, None, render) for paths, render in always]
    if site_feed is not None:
        large.append(Job(site_feed.paths, None, site_feed.render))
    jobs_by_page: dict[str, list[Job]] = {}
    for page in plan.pages:
        shown = names.of(page.template)
        context = {name: value for name, value in page.context.items() if shown is None or name in shown}
        inputs = None if page.template in HISTORY_TEMPLATES else (base, page.template, context)
        page_jobs = [Job((page_path(page),), inputs, functools.partial(_render_page, environment, page))]
        feed = feeds.pop(page.path, None)  # the page's own feed next to it: its notes' HTML is still cached
        if feed is not None:
            page_jobs.append(Job(feed.paths, (base, "feed", feed.inputs) if feed.inputs else None, feed.render))
        if page.template in (INCIDENT_TEMPLATE, EPISODE_TEMPLATE) and page.path not in jobs_by_page:
            jobs_by_page[page.path] = page_jobs
        else:
            large.extend(page_jobs)
    episodes: list[Job] = []
    for episode in plan.episodes:
        for path in (episode.url, *(member.url for member in episode.incidents)):
            episodes.extend(jobs_by_page.pop(path, ()))
    incidents = [job for page_jobs in jobs_by_page.values() for job in page_jobs]
    return large + episodes + incidents + [Job(feed.paths, None, feed.render) for feed in feeds.values()]


INCIDENT_TEMPLATE = "incident.html"
EPISODE_TEMPLATE = "episode.html"
# Rendered on every build, never keyed: a history page lists hundreds of
# incidents, and fingerprinting all they hold costs five times rendering
# their cards (1.1 s against 0.2 s for the 10k benchmark's months). The
# writer still leaves a month whose bytes did not change as it was.
HISTORY_TEMPLATES = frozenset({"history.html", "history_month.html"})


def _render_page(environment: jinja2.Environment, page: Page) -> dict[str, bytes]:
    return {page_path(page): render_page(environment, page)}


class _NamesByTemplate:
    def __init__(self, environment: jinja2.Environment) -> None:
        self._environment = environment
        self._known: dict[str, frozenset[str] | None] = {}

    def of(self, template: str) -> frozenset[str] | None:
        if template not in self._known:
            self._known[template] = referenced_names(self._environment, template)
        return self._known[template]


@functools.cache
def code_digest() -> str:
    """The code that renders: our source and the libraries' versions; any change renders every page again.

    Otherwise an upgraded Jinja, markdown-it or feedgen would leave the reused
    pages as the old version made them next to re-rendered ones: a mixture no
    fresh build gives.
    """
    versions = ",".join(f"{name}={_version(name)}" for name in RENDERING_LIBRARIES)
    return (
        f"{_digest_folder(Path(__file__).parent, '*.py')} python={sys.version_info[0]}.{sys.version_info[1]} {versions}"
    )


RENDERING_LIBRARIES = ("jinja2", "markupsafe", "markdown-it-py", "mdurl", "feedgen", "lxml")


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "none"


@functools.cache
def theme_digest(folders: tuple[Path, ...]) -> str:
    return "".join(_digest_folder(folder, "*") for folder in folders)


def _digest_folder(folder: Path, pattern: str) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for file in sorted(folder.rglob(pattern)):
        if file.is_file() and "__pycache__" not in file.parts:
            digest.update(file.relative_to(folder).as_posix().encode("utf-8", "surrogateescape"))
            digest.update(file.read_bytes())
    return digest.hexdigest()
