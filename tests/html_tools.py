"""Reading generated pages as a person's browser would: parsed, not grepped."""

from __future__ import annotations

from pathlib import Path

import lxml.html


def parse_page(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(path.read_bytes())


def texts(page: lxml.html.HtmlElement, xpath: str) -> list[str]:
    """The whitespace-normalised text of each element the XPath selects."""
    return [" ".join(element.text_content().split()) for element in page.xpath(xpath)]


def page_text(page: lxml.html.HtmlElement) -> str:
    return " ".join(page.text_content().split())
