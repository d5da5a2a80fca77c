"""The HTML pages as outputs: one per page of the plan, keyed by what its templates can show.

A page's inputs are exactly the context names its template (and everything
it extends or includes) refers to, so a page whose data did not change keeps
its bytes and its mtime while the home page, which shows the build time, is
renewed. The 404 page is the home page's context served at any missing URL.
"""

from __future__ import annotations

import functools

import jinja2

from generator.output import Output, Sources
from generator.render import FileNames, referenced_names, render_page
from generator.restamp import BUILD_TIME, CANNOT, PAGE, Restamp
from generator.sitemap import NOT_FOUND_PATH, not_found_page
from generator.views import Page


def page_path(page: Page) -> str:
    return page.path + "index.html"


def page_outputs(sources: Sources) -> list[Output]:
    """Every page of the plan, each keyed by its template and the context names it can show."""
    environment = sources.theme.environment
    names = _NamesByTemplate(environment)
    outputs = []
    for page in sources.plan.pages:
        shown = names.of(page.template)
        context = {name: value for name, value in page.context.items() if shown is None or name in shown}
        render = functools.partial(page_files, environment, page)
        restamp = _restamp(shown, Restamp(PAGE, page.path, page.template))
        outputs.append(Output((page_path(page),), (page.template, context), render, page.path, restamp, page.markdown))
    return outputs


def not_found_outputs(sources: Sources) -> list[Output]:
    """The 404 page, rendered on every build (it shows the home page's banner)."""
    page = not_found_page(sources.plan, sources.settings)
    environment = sources.theme.environment
    restamp = _restamp(referenced_names(environment, page.template), CANNOT)
    render = functools.partial(_render_not_found, environment, page)
    return [Output((NOT_FOUND_PATH,), None, render, restamp=restamp)]


def _restamp(shown: frozenset[str] | None, restamp: Restamp) -> Restamp | None:
    """A page whose templates show the build time is remade with it; one that may show any name cannot be."""
    if shown is None:
        return CANNOT
    return restamp if BUILD_TIME in shown else None


def _render_not_found(environment: jinja2.Environment, page: Page) -> dict[str, bytes]:
    return {NOT_FOUND_PATH: render_page(environment, page)}


def page_files(environment: jinja2.Environment, page: Page) -> dict[str, bytes]:
    """The page's file, rendered."""
    return {page_path(page): render_page(environment, page)}


class _NamesByTemplate:
    """The names each page template can show, each template file parsed once per build."""

    def __init__(self, environment: jinja2.Environment) -> None:
        self._environment = environment
        self._known: dict[str, frozenset[str] | None] = {}
        self._files: dict[str, FileNames] = {}

    def of(self, template: str) -> frozenset[str] | None:
        if template not in self._known:
            self._known[template] = referenced_names(self._environment, template, self._files)
        return self._known[template]
