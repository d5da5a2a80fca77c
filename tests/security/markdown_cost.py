"""Markdown that costs a parser the most per character, and a timer for it.

Each input is one construct repeated (or nested) up to a given length: what a
hostile or broken note can hold. `python -m tests.security.markdown_cost`
renders each at the length markup.py renders at most and prints the seconds
(`--length` and `--raw` to measure the parser without the cap). The tests use
the same corpus at a megabyte, with a safety timeout.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from generator.markup import MAX_MARKDOWN_CHARS, render_markdown


def repeated(unit: str, length: int) -> str:
    """`unit` again and again, cut to exactly `length` characters."""
    return (unit * (length // len(unit) + 1))[:length]


def _lines(make_line: Callable[[int], str], length: int) -> str:
    """Numbered lines until `length` characters (cut there)."""
    parts: list[str] = []
    size = index = 0
    while size < length:
        parts.append(make_line(index))
        size += len(parts[-1])
        index += 1
    return "".join(parts)[:length]


def pathological_inputs(length: int) -> dict[str, str]:
    """Name -> a text of `length` characters that is hard on a Markdown parser."""
    third = length // 3  # a table's header, delimiter row and one row, each of about length / 6 columns
    rest = length - 2 * third - 2
    return {
        "image openers ![": repeated("![", length),
        "link openers [": repeated("[", length),
        "image alt openers ![a": repeated("![a", length),
        "emphasis and links *[": repeated("*[", length),
        "label line breaks [\\n": repeated("[\n", length),
        "closing brackets ](": repeated("](", length),
        "stars *": repeated("*", length),
        "unmatched emphasis *a **b": repeated("*a **b ", length),
        "mixed delimiters a*_*_": repeated("a*_*_", length),
        "underscore runs _a": repeated("_a", length),
        "strikethrough ~~a": repeated("~~a", length),
        "quote markers >": repeated(">", length),
        "nested quotes": _lines(lambda depth: "> " * (depth % 500) + "a\n", length),
        "nested list indents": _lines(lambda depth: "  " * (depth % 1000) + "- a\n", length),
        "list markers on one line": repeated("- ", length),
        "backticks `": repeated("`", length),
        "code spans `a``": repeated("`a``", length),
        "backtick runs of every length": _lines(lambda width: "`" * (width % 300 + 1) + "a", length),
        "angle brackets <": repeated("<", length),
        "autolink openers <http://a": repeated("<http://a", length),
        "entity openers &#": repeated("&#", length),
        "entities &#1;": repeated("&#1;", length),
        "link reference definitions": _lines(lambda k: f"[r{k}]: http://example.com/{k}\n", length),
        "link reference uses": "[a]: http://example.com\n\n" + repeated("[a]", length - 25),
        "nested images": "![" * (length // 6) + "x" + "](u)" * (length // 6),
        "table of many columns": "\n".join([repeated("|a", third), repeated("|-", third), repeated("|b", rest)]),
        "table of many rows": "|a|b|\n|-|-|\n" + repeated("|x|y|\n", length - 12),
        "headings": repeated("# a\n", length),
        "hard line breaks": repeated("a  \n", length),
        "backslashes": repeated("\\", length),
    }


def render_seconds(text: str, render: Callable[[str], str]) -> float:
    """Seconds one render of `text` takes (the render cache cleared first)."""
    render_markdown.cache_clear()
    started = time.perf_counter()
    render(text)
    return time.perf_counter() - started


def _raw_render(text: str) -> str:
    """The parser alone, without markup.py's cap: to see what the cap saves."""
    from generator.markup import _PARSER

    html: str = _PARSER.render(text)
    return html


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--length", type=int, default=MAX_MARKDOWN_CHARS, help="characters per input")
    parser.add_argument("--raw", action="store_true", help="time the parser alone, without the cap")
    options = parser.parse_args()
    render = _raw_render if options.raw else render_markdown
    figures = [(render_seconds(text, render), name) for name, text in pathological_inputs(options.length).items()]
    for seconds, name in sorted(figures, reverse=True):
        print(f"{seconds:7.3f} s  {name}")  # noqa: T201 - a measuring tool reports on stdout


if __name__ == "__main__":
    main()
