"""Template files as a build's checks of its theme read them: parsed once per build, and once per process.

The names each page shows (render.referenced_names), the partials that show
the build time (stamp_splice.py) and where durations are shown
(growing_check.py) each walk the same files; parsing one and finding the
names it reads costs milliseconds each time, about a third of a second for
the default theme. A process that builds again and again (`statusgen serve`,
the tests) makes a new environment for every build, so the parsed files are
also kept for the process, keyed by everything their parse depends on: the
file's name, where it was found and its text, and the environment's syntax.
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
        key = (_syntax(environment), name, filename, source)
        parsed = _RECENT.get(key)
        if parsed is None:
            tree = environment.parse(source, name=name)
            names = frozenset(jinja2.meta.find_undeclared_variables(tree))
            parsed = ParsedTemplate(tree, filename, names, tuple(jinja2.meta.find_referenced_templates(tree)))
            if len(_RECENT) >= _RECENT_LIMIT:
                del _RECENT[next(iter(_RECENT))]
            _RECENT[key] = parsed
        files[name] = parsed
    return files[name]


def _syntax(environment: jinja2.Environment) -> tuple[object, ...]:
    """What a template's parse depends on besides its text: the environment's class, its syntax options,
    its extensions and their policies."""
    return (
        type(environment),
        *syntax_options(environment),
        tuple(sorted(environment.extensions)),
        tuple(sorted((key, repr(value)) for key, value in environment.policies.items())),
    )


def syntax_options(environment: jinja2.Environment) -> tuple[object, ...]:
    """The environment's delimiters and whitespace options: the key of Jinja's own lexer cache."""
    return (
        environment.block_start_string,
        environment.block_end_string,
        environment.variable_start_string,
        environment.variable_end_string,
        environment.comment_start_string,
        environment.comment_end_string,
        environment.line_statement_prefix,
        environment.line_comment_prefix,
        environment.trim_blocks,
        environment.lstrip_blocks,
        environment.newline_sequence,
        environment.keep_trailing_newline,
    )


# Kept on the environment, so they end with it: in a WeakKeyDictionary keyed by the environment they
# never did, since a syntax tree refers back to its environment, and a process that builds again and
# again (`statusgen serve`) kept every build's templates, parsed and compiled: 1.3 MB more at each
# rebuild of the demo site.
_PARSED = "_statusgen_parsed_templates"

# The files parsed in this process, oldest first; the oldest leaves when a new one would pass the limit.
# A syntax tree refers back to the environment that parsed it, so these keep at most this many trees and
# their environments, however many builds the process runs. The trees are only read, never changed.
_RECENT: dict[tuple[object, ...], ParsedTemplate] = {}
_RECENT_LIMIT = 256
