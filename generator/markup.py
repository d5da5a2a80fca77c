"""The one Markdown configuration: untrusted text in, safe HTML out.

Notes are typed by many people during an outage, so the renderer treats them
as hostile: raw HTML is escaped, links are kept only for http(s) and mailto,
and images become plain links, because a status page makes no request to
anyone else's server. A text longer than MAX_MARKDOWN_CHARS is cut, so that
no text costs more than about half a second.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # markdown-it-py is imported by the first text rendered: a cron run that renders none skips it
    from markdown_it import MarkdownIt
    from markdown_it.renderer import RendererHTML
    from markdown_it.token import Token
    from markdown_it.utils import EnvType, OptionsDict

ALLOWED_SCHEMES = ("http:", "https:", "mailto:")
LINK_REL = "nofollow ugc noopener noreferrer"

MAX_MARKDOWN_CHARS = 50_000
"""The most characters of one text that are rendered; the rest is cut and SHORTENED_MARK added.

markdown-it-py is linear but slow on dense syntax: its costliest input, `![`
repeated, takes about 11 microseconds a character on our 2-core CI machine
(0.55 s for 50,000; ordinary prose is ten times faster). A note is rendered
once per build: its page and its feed are rendered by one worker, next to each
other (jobs.schedule). 50,000 characters, some 8,000 words, is longer than any
real note or postmortem and keeps the worst hostile note near half a second a
build. `python -m tests.security.markdown_cost`
measures every pathological input at this length.
"""
SHORTENED_MARK = '<p class="shortened">(shortened)</p>\n'
"""Added after a cut text's HTML, outside it, so the cut can never leave an element open."""


def _is_allowed_link(url: str) -> bool:
    # markdown-it has already normalised the URL (entities decoded, percent-encoded),
    # so "java&#115;cript:" and " javascript:" arrive here in their plain form.
    return url.strip().lower().startswith(ALLOWED_SCHEMES)


def _render_image_as_link(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    from markdown_it.common.utils import escapeHtml

    token = tokens[idx]
    alt = renderer.renderInlineAsText(token.children or [], options, env) or "image"
    src = escapeHtml(str(token.attrGet("src") or ""))
    return f'<a href="{src}" rel="{LINK_REL}">{escapeHtml(alt)}</a>'


def _render_link_open(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    tokens[idx].attrSet("rel", LINK_REL)
    return renderer.renderToken(tokens, idx, options, env)


def _render_table_open(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    # A wide table scrolls inside its own box instead of widening the page; the
    # box takes keyboard focus so it can be scrolled without a mouse (WCAG 2.1.1).
    return '<div class="table-scroll" tabindex="0">\n' + renderer.renderToken(tokens, idx, options, env)


def _render_table_close(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return renderer.renderToken(tokens, idx, options, env) + "</div>\n"


def _build_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # xhtmlOut off: HTML5 void elements without the "/>" the checker frowns on.
    parser = MarkdownIt("commonmark", {"html": False, "xhtmlOut": False, "linkify": False, "typographer": False})
    parser.enable(["table", "strikethrough"])
    parser.validateLink = _is_allowed_link  # type: ignore[method-assign]
    parser.add_render_rule("image", _render_image_as_link)
    parser.add_render_rule("link_open", _render_link_open)
    parser.add_render_rule("table_open", _render_table_open)
    parser.add_render_rule("table_close", _render_table_close)
    return parser


@functools.lru_cache(maxsize=256)
def _parser(marks: frozenset[str]) -> MarkdownIt:
    """The parser without the rules none of `marks` can start; built once per set (a build meets a few dozen)."""
    parser = _build_parser()
    unused = _NEVER_USED.union(rule for rule, needs in _NEEDS if needs.isdisjoint(marks))
    if unused:
        parser.disable(sorted(unused))
    return parser


# Each block and inline rule with the marks it cannot start without. markdown-it-py
# tries every block rule at every line (and most again at the next, to see whether a
# paragraph ends there): for a note with no "|", asking whether each line starts a
# table is wasted work, and leaving out the rules a text has no mark for makes the
# same HTML in less time (11% less on the benchmark's notes). A rule is listed only
# with marks every match must contain; a code block needs four columns of indent,
# which take four spaces or a tab whatever blocks it sits in; "1." stands for every
# ordered list marker (a digit, then "." or ")"). "html_block" and "html_inline"
# never fire with the "html" option off, so they are always left out.
_NEEDS: tuple[tuple[str, frozenset[str]], ...] = tuple(
    (rule, frozenset(marks))
    for rule, marks in (
        ("table", ("|",)),
        ("code", ("    ", "\t")),
        ("fence", ("`", "~")),
        ("blockquote", (">",)),
        ("hr", ("-", "*", "_")),
        ("list", ("-", "*", "+", "1.")),
        ("reference", ("[", "![")),
        ("heading", ("#",)),
        ("lheading", ("-", "=")),
        ("escape", ("\\",)),
        ("backticks", ("`",)),
        ("strikethrough", ("~",)),
        ("emphasis", ("*", "_")),
        ("link", ("[", "![")),
        ("image", ("![",)),
        ("autolink", ("<",)),
        ("entity", ("&",)),
    )
)
_NEVER_USED = frozenset({"html_block", "html_inline"})
_ONE_CHARACTER_MARKS = "|`~>*_+=[#\\<&\t-"
_ORDERED_MARKER = re.compile(r"[0-9][.)]")  # an ordered list item's marker


def _parser_for(text: str) -> MarkdownIt:
    """The parser for `text`: the marks it holds, found by substring tests, then a parser cached by that set.

    A lambda per rule, each asking its own question of the text, cost a
    fourteenth as much as rendering a note; these tests cost a fiftieth. The
    search for an ordered list marker, the dearest, is made only when no other
    mark already keeps the list rule.
    """
    marks = {mark for mark in _ONE_CHARACTER_MARKS if mark in text}
    if "    " in text:
        marks.add("    ")
    if "![" in text:
        marks.add("![")
    if not ("-" in marks or "*" in marks or "+" in marks) and _ORDERED_MARKER.search(text) is not None:
        marks.add("1.")
    return _parser(frozenset(marks))


_RENDERED_AHEAD: dict[tuple[str, int], str] = {}
"""HTML rendered by this very function in a helper process (markdown_ahead.py), by text and top heading."""


def remember_rendered(rendered: Mapping[tuple[str, int], str]) -> None:
    """Keep HTML that render_markdown made elsewhere, for this process and the workers it forks."""
    _RENDERED_AHEAD.update(rendered)


def forget_rendered() -> None:
    """Drop what remember_rendered kept: a process that builds again (`statusgen serve`) holds it no longer."""
    _RENDERED_AHEAD.clear()


MARKDOWN_MEMO = 4096
"""How many rendered texts render_markdown keeps: a worker renders a batch's texts ahead (jobs.run_outputs)."""


@functools.lru_cache(maxsize=MARKDOWN_MEMO)
def render_markdown(text: str, top_heading: int = 1) -> str:
    """Safe HTML for untrusted Markdown; empty text gives an empty string.

    Only the first MAX_MARKDOWN_CHARS characters are rendered; a longer text
    ends with SHORTENED_MARK, so a reader knows there was more.

    `top_heading` is the level the text's most important heading becomes: a
    note shown under the page's <h2> starts at <h3>, so a "# Summary" typed in
    a note cannot break the page's heading outline.
    """
    ahead = _RENDERED_AHEAD.get((text, top_heading))
    if ahead is not None:
        return ahead
    if not text.strip():
        return ""
    # Cut the source, not the HTML: whatever construct the cut ends inside, the
    # renderer still closes every element it opens.
    source = text[:MAX_MARKDOWN_CHARS]
    parser = _parser_for(source)
    tokens = parser.parse(source)
    _shift_headings(tokens, top_heading)
    html: str = parser.renderer.render(tokens, parser.options, {})
    return html + SHORTENED_MARK if len(text) > MAX_MARKDOWN_CHARS else html


def _shift_headings(tokens: list[Token], top_heading: int) -> None:
    """Move every heading by the same amount so the highest becomes `top_heading` (never past h6)."""
    headings = [token for token in tokens if token.type in ("heading_open", "heading_close")]
    if not headings:
        return
    shift = top_heading - min(int(token.tag[1]) for token in headings)
    for token in headings:
        token.tag = f"h{min(max(int(token.tag[1]) + shift, top_heading), 6)}"
