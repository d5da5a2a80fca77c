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

from generator.i18n import CATALOG_NAME, LOCALES_FOLDER, catalog_folder
from generator.template_trees import parsed_template
from generator.themes import default_theme_dir


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
    facts = parsed.facts
    if None in facts.referenced or not facts.shows_growth_plainly:  # read from its syntax: template_facts._plain
        return None
    return tuple(name for name in facts.referenced if name is not None)


_VERDICTS: weakref.WeakKeyDictionary[jinja2.Environment, dict[str, tuple[str, ...] | None]] = (
    weakref.WeakKeyDictionary()
)
