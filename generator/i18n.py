"""The site's language: gettext catalogs from the themes' locales/ folders, compiled in memory with Babel.

A theme keeps `locales/<language>/LC_MESSAGES/messages.po`. The search path is
read from the default theme up, so a user theme's catalog adds a language or
overrides single messages of the default's, and translates its own messages
the same way. Catalogs are compiled from the .po files at every build, never
shipped as .mo: one file per language cannot drift from a compiled copy, and
compiling six small catalogs takes milliseconds.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.core import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import Translations

from generator.errors import ThemeError

LOCALES_FOLDER = "locales"
CATALOG_NAME = "messages.po"
SOURCE_LANGUAGE = "en"  # the language the templates are written in: it needs no catalog
# English dates as the pages always wrote them: "9 Nov 2026", not the American "Nov 9, 2026".
_FORMATTING_LOCALES = {"en": "en_GB"}


def language_tag(value: str) -> str:
    """A language as `<html lang>` names it ("de", "pt-BR"), from "pt_BR", "pt-br" or "de"; else a ValueError."""
    text = value.strip().replace("_", "-")
    try:
        locale = Locale.parse(text, sep="-")
    except (UnknownLocaleError, ValueError):
        raise ValueError(f"unknown language {value[:40]!r} (use a code such as de, fr or pt-BR)") from None
    return "-".join(part for part in (locale.language, locale.script, locale.territory) if part)


def catalog_folder(tag: str) -> str:
    """The folder a language's catalog sits in, gettext's way: "pt_BR" for pt-BR."""
    return tag.replace("-", "_")


@dataclass(frozen=True, slots=True)
class Language:
    """A site's language: its tag, the Babel locale that formats dates and numbers, its messages."""

    tag: str
    locale: Locale
    translations: gettext.NullTranslations

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.translations.ngettext(singular, plural, count)


def load_language(tag: str, search_path: Iterable[Path]) -> Language:
    """The language `tag` with the catalogs the themes have for it; a ThemeError if none has one.

    English, the templates' own language, needs no catalog, but a theme may
    have one to change its wording.
    """
    translations: Translations | None = None
    for theme in reversed(list(search_path)):
        path = theme / LOCALES_FOLDER / catalog_folder(tag) / "LC_MESSAGES" / CATALOG_NAME
        if not path.is_file():
            continue
        compiled = _compiled(path, tag)
        if translations is None:
            translations = compiled
        else:
            translations.merge(compiled)  # the later (user's) theme's messages win
    if translations is None and tag != SOURCE_LANGUAGE:
        raise ThemeError(
            f"the theme has no translation for language {tag!r}; "
            f"add {LOCALES_FOLDER}/{catalog_folder(tag)}/LC_MESSAGES/{CATALOG_NAME} to your theme "
            f"or use one of: {', '.join(shipped_languages(search_path))}"
        )
    locale = Locale.parse(_FORMATTING_LOCALES.get(tag, catalog_folder(tag)))
    return Language(tag, locale, translations if translations is not None else gettext.NullTranslations())


def shipped_languages(search_path: Iterable[Path]) -> list[str]:
    """Every language some theme on the path has a catalog for, and English."""
    found = {SOURCE_LANGUAGE}
    for theme in search_path:
        for catalog in (theme / LOCALES_FOLDER).glob(f"*/LC_MESSAGES/{CATALOG_NAME}"):
            found.add(catalog.parents[1].name.replace("_", "-"))
    return sorted(found)


def _compiled(path: Path, tag: str) -> Translations:
    """A .po file as gettext translations (fuzzy and empty entries left out, as msgfmt does)."""
    try:
        with path.open("rb") as file:
            catalog = read_po(file, locale=catalog_folder(tag), abort_invalid=True)
    except (OSError, PoFileError, UnicodeDecodeError, ValueError) as exc:
        raise ThemeError(f"cannot read the translation {path}: {exc}") from None
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled)


ENGLISH = Language(SOURCE_LANGUAGE, Locale.parse(_FORMATTING_LOCALES[SOURCE_LANGUAGE]), gettext.NullTranslations())
"""The templates' own language, without any catalog: what a plan made without a theme speaks."""
