"""Template files as a build's checks of its theme read them: their facts found once per build, and once per
process.

The names each page shows (render.referenced_names), the partials that show
the build time (stamp_splice.py) and where durations are shown
(growing_check.py) each read the facts of the same files (template_facts.py).
Parsing a file and finding them costs milliseconds, about a third of a second
for the default theme, whose facts therefore ship with its compiled code
(theme_code.shipped_facts). A process that builds again and again
(`statusgen serve`, the tests) makes a new environment for every build, so the
facts of a theme of one's own are also kept for the process, keyed by
everything they depend on: the file's name, where it was found and its text,
and the keys the shipped facts are checked by (the environment's compile
options and the names it knows).
"""

from __future__ import annotations

from typing import NamedTuple

import jinja2

from generator.template_facts import TemplateFacts, facts_of
from generator.theme_code import compiler_key, facts_key, shipped_facts


class ParsedTemplate(NamedTuple):
    """A template file as a build's checks of its theme read it."""

    filename: str | None  # where the loader found it
    facts: TemplateFacts


def parsed_template(environment: jinja2.Environment, name: str) -> ParsedTemplate:
    """A template file's facts and where it was found, once per environment."""
    files: dict[str, ParsedTemplate] = environment.__dict__.setdefault(_PARSED, {})
    if name not in files:
        source, filename, _ = environment.loader.get_source(environment, name)  # type: ignore[union-attr]
        facts = shipped_facts(environment, name, filename, source)
        if facts is None:
            facts = _facts(environment, name, filename, source)
        files[name] = ParsedTemplate(filename, facts)
    return files[name]


def _facts(environment: jinja2.Environment, name: str, filename: str | None, source: str) -> TemplateFacts:
    # Everything the facts depend on in the environment, as the shipped facts are keyed (theme_code).
    key = (compiler_key(environment), facts_key(environment), name, filename, source)
    facts = _RECENT.get(key)
    if facts is None:
        facts = facts_of(environment.parse(source, name=name))
        if len(_RECENT) >= _RECENT_LIMIT:
            _RECENT.pop(next(iter(_RECENT)), None)
        _RECENT[key] = facts
    return facts


# Kept on the environment, so they end with it.
_PARSED = "_statusgen_parsed_templates"

# The facts of the files parsed in this process, oldest first; the oldest leave when a new one would
# pass the limit. Plain values: no syntax tree, which would keep its environment alive (a process that
# builds again and again once kept every build's templates, parsed and compiled: 1.3 MB a rebuild).
_RECENT: dict[tuple[object, ...], TemplateFacts] = {}
_RECENT_LIMIT = 256
