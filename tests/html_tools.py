"""Reading generated pages as a person's browser would: parsed, not grepped."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import lxml.html


def parse_page(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(path.read_bytes())


def texts(page: lxml.html.HtmlElement, xpath: str) -> list[str]:
    """The whitespace-normalised text of each element the XPath selects."""
    return [" ".join(element.text_content().split()) for element in page.xpath(xpath)]


def page_text(page: lxml.html.HtmlElement) -> str:
    return " ".join(page.text_content().split())


_VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)


class _TagBalance(HTMLParser):
    """Pairs start and end tags as written (lxml would quietly repair what this reports)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID_ELEMENTS:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {'<' + self.open[-1] + '>' if self.open else 'nothing'}")
            return
        self.open.pop()


def unbalanced_tags(fragment: str) -> list[str]:
    """What is wrong with the nesting of an HTML fragment's tags: an empty list means every element closes in order."""
    checker = _TagBalance()
    checker.feed(fragment)
    checker.close()
    return checker.problems + [f"<{tag}> is never closed" for tag in checker.open]


def is_text_file(path: Path) -> bool:
    """Every file of a built site is text but favicon.png, pixels of the status colour with nothing to leak."""
    return path.is_file() and path.suffix != ".png"
