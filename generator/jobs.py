"""What a build produces, one renderable job per output, each with the inputs of its key.

A job's inputs are exactly the context names a page's templates can show (plus
the settings digest), so a page whose data did not change keeps its bytes and
its mtime while the home page, which shows the build time, is renewed. Whether
a job is rendered again is the page cache's decision (page_cache.py).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Set
from dataclasses import dataclass
from typing import NamedTuple

import jinja2

from generator.config import Config
from generator.feeds import feed_jobs
from generator.page_cache import PreviousBuild, is_kept, page_key
from generator.render import referenced_names, render_page
from generator.views import Page, SitePlan

Render = Callable[[], dict[str, bytes]]


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


def run_job(job: Job, previous: PreviousBuild, existing: Set[str]) -> Outcome:
    """Render the job, unless the page cache says its files may stay as they are.

    Runs in a worker process: keys are computed where the rendering happens,
    so fingerprinting is spread over every core too.
    """
    if job.inputs is None:
        return Outcome(job.paths, None, job.render())
    key = page_key(job.inputs)
    if is_kept(key, job.paths, previous, existing):
        return Outcome(job.paths, key, None)
    return Outcome(job.paths, key, job.render())


def page_path(page: Page) -> str:
    return page.path + "index.html"


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
