"""Finding English a translated page should not have: the pieces of each message its language translates."""

from __future__ import annotations

import re

import lxml.html
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from generator.i18n import CATALOG_NAME, LOCALES_FOLDER, catalog_folder
from generator.snapshot import demo_snapshot_bytes
from generator.themes import default_theme_dir

SHIPPED = ("de", "fr", "es", "pt-BR", "ja")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%%")


def shipped_catalog(tag: str) -> Catalog:
    path = default_theme_dir() / LOCALES_FOLDER / catalog_folder(tag) / "LC_MESSAGES" / CATALOG_NAME
    with path.open("rb") as file:
        return read_po(file, locale=catalog_folder(tag))


def english_pieces(tag: str) -> set[str]:
    """The English text between a message's placeholders, for every message `tag` words differently.

    Pieces of four characters or more with a letter, left out where the
    translation uses the same words (German "Status", French "Services").
    """
    pieces = set()
    for message in shipped_catalog(tag):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        translated = " ".join(strings)
        for english in ids:
            for piece in PLACEHOLDER.split(english):
                piece = piece.strip(" .,:;()")
                if len(piece) >= 4 and re.search(r"[A-Za-z]", piece) and piece not in translated:
                    pieces.add(piece)
    return pieces


def shown_text(html: bytes) -> str:
    """What a reader (or a screen reader) gets of a page: its title, description, labels and text, no script."""
    page = lxml.html.fromstring(html)
    for script in page.xpath("//script|//style"):
        script.drop_tree()
    attributes = page.xpath("//@aria-label|//@title|//@alt|//meta[@name='description']/@content|//@abbr")
    return "\n".join([page.text_content(), *map(str, attributes)])


def untranslated(html: bytes, tag: str, data_text: str) -> list[str]:
    """English pieces of the theme's messages on a page in language `tag` (those in the data itself aside)."""
    text = shown_text(html)
    return sorted(piece for piece in english_pieces(tag) if piece in text and piece not in data_text)


def demo_data_text() -> str:
    """Every word of the demo's data: incident titles, notes, service and state names are the project's, not ours."""
    return demo_snapshot_bytes().decode("utf-8")
