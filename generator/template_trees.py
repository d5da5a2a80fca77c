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
the environment's syntax and the names it knows.
"""

from __future__ import annotations

from typing import NamedTuple

import jinja2

from generator.template_facts import TemplateFacts, facts_environment, facts_of, syntax_options
from generator.theme_code import shipped_facts


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
    key = (_syntax(environment), name, filename, source)
    facts = _RECENT.get(key)
    if facts is None:
        facts = facts_of(environment.parse(source, name=name))
        if len(_RECENT) >= _RECENT_LIMIT:
            _RECENT.pop(next(iter(_RECENT)), None)
        _RECENT[key] = facts
    return facts


def _syntax(environment: jinja2.Environment) -> tuple[object, ...]:
    """What a template's facts depend on besides its text: the environment's class, its syntax options, its
    extensions and their policies, and the names it knows (template_facts.facts_environment)."""
    return (
        type(environment),
        *syntax_options(environment),
        tuple(sorted(environment.extensions)),
        tuple(sorted((key, repr(value)) for key, value in environment.policies.items())),
        *facts_environment(environment),
    )


# Kept on the environment, so they end with it.
_PARSED = "_statusgen_parsed_templates"

# The facts of the files parsed in this process, oldest first; the oldest leave when a new one would
# pass the limit. Plain values: no syntax tree, which would keep its environment alive (a process that
# builds again and again once kept every build's templates, parsed and compiled: 1.3 MB a rebuild).
_RECENT: dict[tuple[object, ...], TemplateFacts] = {}
_RECENT_LIMIT = 256
