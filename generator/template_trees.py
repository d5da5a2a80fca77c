"""Template files as a build's checks of its theme read them: parsed once per build.

The names each page shows (render.referenced_names), the partials that show
the build time (stamp_splice.py) and where durations are shown
(growing_check.py) each walk the same files; parsing one and finding the
names it reads costs milliseconds each time.
"""

from __future__ import annotations

from typing import NamedTuple

import jinja2
import jinja2.meta
from jinja2 import nodes


class ParsedTemplate(NamedTuple):
    """A template file as a build's checks of its theme read it."""

    tree: nodes.Template
    filename: str | None  # where the loader found it
    names: frozenset[str]  # the context names it reads (Jinja's find_undeclared_variables)
    referenced: tuple[str | None, ...]  # the templates it names (find_referenced_templates; None: computed)


def parsed_template(environment: jinja2.Environment, name: str) -> ParsedTemplate:
    """A template file's syntax tree, where it was found, the names it reads and the templates it names, once
    per environment."""
    files: dict[str, ParsedTemplate] = environment.__dict__.setdefault(_PARSED, {})
    if name not in files:
        source, filename, _ = environment.loader.get_source(environment, name)  # type: ignore[union-attr]
        tree = environment.parse(source, name=name)
        names = frozenset(jinja2.meta.find_undeclared_variables(tree))
        files[name] = ParsedTemplate(tree, filename, names, tuple(jinja2.meta.find_referenced_templates(tree)))
    return files[name]


# Kept on the environment, so they end with it: in a WeakKeyDictionary keyed by the environment they
# never did, since a syntax tree refers back to its environment, and a process that builds again and
# again (`statusgen serve`) kept every build's templates, parsed and compiled: 1.3 MB more at each
# rebuild of the demo site.
_PARSED = "_statusgen_parsed_templates"
