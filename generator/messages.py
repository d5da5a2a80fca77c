"""The messages a theme and statusgen's own code show, extracted with Babel, and the catalogs kept in step.

`python -m generator.messages [THEME]` writes THEME/locales/messages.pot (the
default theme's when no folder is given) and adds new messages to each
language's messages.po, untranslated, for a translator to fill in. The
tests use the same extraction to check that every shipped language is complete.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from generator.i18n import CATALOG_NAME, LOCALES_FOLDER
from generator.themes import default_theme_dir

TEMPLATE_NAME = "messages.pot"
HEADER_COMMENT = "# The messages of statusgen's default theme and code: python -m generator.messages rewrites it."
# A fixed date in every header, so that writing the catalogs again changes them only where a message did.
CREATION_DATE = datetime(2026, 12, 1, tzinfo=UTC)
# Jinja's new-style gettext: _("..."), gettext("..."), ngettext("one", "many", n).
_JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}
_KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}


def extract_messages(theme: Path, with_code: bool = True) -> Catalog:
    """Every message of the theme's templates and, with `with_code`, of statusgen's code (feed titles, durations)."""
    catalog = Catalog(project="statusgen", header_comment=HEADER_COMMENT, creation_date=CREATION_DATE, fuzzy=False)
    sources: list[tuple[Path, str, str]] = [(theme, "**.html", "jinja2")]
    if with_code:
        sources.append((Path(__file__).parent, "**.py", "python"))
    for folder, pattern, method in sources:
        for name, line, message, comments, _context in extract_from_dir(
            str(folder),
            method_map=[(pattern, method)],
            options_map={pattern: _JINJA_OPTIONS} if method == "jinja2" else {},
            keywords=_KEYWORDS,
        ):
            catalog.add(message, locations=[(f"{folder.name}/{name}", line)], auto_comments=comments)
    return catalog


def catalogs(theme: Path) -> Iterator[Path]:
    yield from sorted((theme / LOCALES_FOLDER).glob(f"*/LC_MESSAGES/{CATALOG_NAME}"))


def update_catalogs(theme: Path) -> list[Path]:
    """Write the theme's messages.pot and bring each messages.po up to date with it; the files written."""
    template = extract_messages(theme, with_code=theme == default_theme_dir())
    (theme / LOCALES_FOLDER).mkdir(exist_ok=True)
    written = [theme / LOCALES_FOLDER / TEMPLATE_NAME]
    with written[0].open("wb") as file:
        write_po(file, template, omit_header=False, sort_output=True, include_lineno=False)
    for path in catalogs(theme):
        with path.open("rb") as file:
            catalog = read_po(file, locale=path.parents[1].name)
        catalog.update(template, no_fuzzy_matching=True)
        with path.open("wb") as file:
            write_po(file, catalog, sort_output=True, include_lineno=False, ignore_obsolete=True)
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    theme_folder = Path(sys.argv[1]) if len(sys.argv) > 1 else default_theme_dir()
    for written_path in update_catalogs(theme_folder):
        sys.stdout.write(f"{written_path}\n")
