"""Whether a page that holds a growing value may have its text rewritten by a cron run (growing_text.py).

A growing value is an ongoing duration (`X.duration|duration`) or how soon an
upcoming event starts (`X.starts_in|starts_in`, "in 3 days"). The marks
around its text prove where it went, not that nothing
else depended on it: a template can keep the text, measure it, compare it,
print the whole view (`|pprint`), read the span by a computed name, or a
catalog can pad it, and the page at a later time then differs by more than
the text. No check of a theme's templates follows all of that, so the page
must be drawn by the bundled theme alone (its templates and, for the site's
language, its catalog), whose pages the tests compare with fresh builds
across minute, hour and day boundaries. A check of the syntax guards the
bundled templates themselves: each value is read only by its own filter,
whose text is printed as it is. A page of a theme of one's own builds whole
during an incident or before a maintenance event, as it always did.
"""

from __future__ import annotations

import weakref
from pathlib import Path

import jinja2
from jinja2 import nodes

from generator.growing import DURATION, STARTS_IN
from generator.i18n import CATALOG_NAME, LOCALES_FOLDER, catalog_folder
from generator.template_trees import parsed_template
from generator.themes import default_theme_dir

_GETTEXT = frozenset({"_", "gettext", "ngettext"})
_GROWING = frozenset({DURATION, STARTS_IN})  # each is both the view's attribute and the filter that prints it
# Filters that print a value as Python writes it: a view so printed shows its growing values' state
# ("count=28"), which no span records. (`{{ view }}` itself is caught as the page renders: growing.py.)
_WHOLE = frozenset({"pprint", "string", "tojson"})
_CAPTURING = (nodes.AssignBlock, nodes.FilterBlock)


def bundled_catalog(search_path: list[Path], language: str) -> bool:
    """Whether the site's language has no catalog of the user's theme: growing texts read as the bundled one says."""
    default = default_theme_dir().resolve()
    folder = Path(LOCALES_FOLDER) / catalog_folder(language) / "LC_MESSAGES" / CATALOG_NAME
    return not any((theme / folder).is_file() for theme in search_path if theme.resolve() != default)


def _bundled(filename: Path) -> bool:
    return filename.resolve().is_relative_to(default_theme_dir().resolve())


def shows_growth_plainly(environment: jinja2.Environment, template: str) -> bool:
    """Whether every template of the page is the bundled theme's, reading `.duration` only as
    `X.duration|duration` and `.starts_in` only as `X.starts_in|starts_in`, printed as it is.

    Printed means: directly in `{{ }}`, or as a value of `_()`, `gettext()` or
    `ngettext()` directly in `{{ }}`; not inside `{% set %}...{% endset %}` or
    `{% filter %}`. No other part of a template may name "duration" or
    "starts_in" at all (`x["duration"]`, `attribute="duration"`, `map("starts_in")`),
    nor print a value as Python writes it (`|pprint`, `|string`, `|tojson`).
    """
    pending, seen = [template], set()
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        referenced = _file_references(environment, name)
        if referenced is None:
            return False
        pending.extend(referenced)
    return True


def _file_references(environment: jinja2.Environment, name: str) -> tuple[str, ...] | None:
    """The templates one file refers to, if it is the bundled theme's and shows growing values plainly; else None.

    Decided once per file and environment: every page template shares the layout and partials.
    """
    verdicts = _VERDICTS.setdefault(environment, {})
    if name not in verdicts:
        verdicts[name] = _judged(environment, name)
    return verdicts[name]


def _judged(environment: jinja2.Environment, name: str) -> tuple[str, ...] | None:
    try:
        parsed = parsed_template(environment, name)
    except jinja2.TemplateError:
        return None
    if parsed.filename is None or not _bundled(Path(parsed.filename)):
        return None
    if None in parsed.referenced or not _plain(parsed.tree, ()):
        return None
    return tuple(name for name in parsed.referenced if name is not None)


_VERDICTS: weakref.WeakKeyDictionary[jinja2.Environment, dict[str, tuple[str, ...] | None]] = (
    weakref.WeakKeyDictionary()
)


def _plain(node: nodes.Node, around: tuple[nodes.Node, ...]) -> bool:
    if isinstance(node, nodes.Const) and isinstance(node.value, str) and node.value in _GROWING:
        return False
    if isinstance(node, nodes.Getattr) and node.attr in _GROWING:
        parent = around[-1] if around else None
        if not (isinstance(parent, nodes.Filter) and parent.node is node and parent.name == node.attr):
            return False
    if isinstance(node, nodes.Filter) and node.name in _GROWING and not _printed(node, around):
        return False
    if isinstance(node, nodes.Filter) and node.name in _WHOLE:
        return False
    inner = (*around, node)
    return all(_plain(child, inner) for child in node.iter_child_nodes())


def _printed(node: nodes.Filter, around: tuple[nodes.Node, ...]) -> bool:
    """`{{ x|duration }}` or `{{ _("...", d=x|duration) }}` (or `starts_in`), outside any capturing block,
    with no arguments."""
    if node.args or node.kwargs or node.dyn_args or node.dyn_kwargs:
        return False
    if any(isinstance(outer, _CAPTURING) for outer in around):
        return False
    if around and isinstance(around[-1], nodes.Output):
        return True
    if len(around) < 3:
        return False
    keyword, call, output = around[-1], around[-2], around[-3]
    return (
        isinstance(keyword, nodes.Keyword)
        and isinstance(call, nodes.Call)
        and keyword in call.kwargs
        and isinstance(call.node, nodes.Name)
        and call.node.name in _GETTEXT
        and isinstance(output, nodes.Output)
    )
