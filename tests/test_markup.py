"""Untrusted Markdown becomes safe HTML."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.markup import MAX_MARKDOWN_CHARS, SHORTENED_MARK, _build_parser, _parser_for, render_markdown
from tests.html_tools import unbalanced_tags


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
    ],
)
def test_raw_html_is_escaped_not_rendered(source: str) -> None:
    html = render_markdown(source)
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert "&lt;" in html


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java&#115;cript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
    ],
)
def test_links_with_other_schemes_are_not_links(link: str) -> None:
    assert "href" not in render_markdown(f"[click]({link})")


@pytest.mark.parametrize("link", ["https://example.com/a?b=1", "http://example.com", "mailto:ops@example.com"])
def test_http_and_mailto_links_are_kept_with_a_safe_rel(link: str) -> None:
    html = render_markdown(f"[ok]({link})")
    assert 'href="' + link.replace("&", "&amp;") + '"' in html
    assert 'rel="nofollow ugc noopener noreferrer"' in html


def test_images_become_links_so_the_page_makes_no_outside_request() -> None:
    html = render_markdown("![graph](https://tracker.example/pixel.png)")
    assert "<img" not in html
    assert '<a href="https://tracker.example/pixel.png"' in html and ">graph</a>" in html


def test_image_with_a_script_url_is_plain_text() -> None:
    assert "href" not in render_markdown("![x](javascript:alert(1))")


def test_lists_code_and_tables_render() -> None:
    html = render_markdown("- one\n- two\n\n`code`\n\n| a | b |\n|---|---|\n| 1 | 2 |")
    assert "<li>one</li>" in html and "<code>code</code>" in html and "<td>2</td>" in html


def test_empty_text_renders_nothing() -> None:
    assert render_markdown("  \n") == ""


def test_a_text_of_exactly_the_maximum_length_is_not_shortened() -> None:
    html = render_markdown("a" * (MAX_MARKDOWN_CHARS - 1) + "b")
    assert html == "<p>" + "a" * (MAX_MARKDOWN_CHARS - 1) + "b</p>\n"


def test_a_longer_text_is_cut_and_marked_after_its_html() -> None:
    html = render_markdown("a" * (MAX_MARKDOWN_CHARS - 1) + "bc")
    assert html == "<p>" + "a" * (MAX_MARKDOWN_CHARS - 1) + "b</p>\n" + SHORTENED_MARK
    assert SHORTENED_MARK == '<p class="shortened">(shortened)</p>\n'


@pytest.mark.parametrize(
    "opening",
    ["```\ncode", "> quote\n> - item *emph **strong [link](http://example.com/", "| a | b |\n|---|---|\n| `x"],
    ids=["code-fence", "quote-list-emphasis-link", "table-code-span"],
)
def test_a_cut_inside_any_construct_leaves_every_element_closed(opening: str) -> None:
    text = opening + "x" * MAX_MARKDOWN_CHARS + "```\nAFTER THE CUT"
    html = render_markdown(text, 3)
    assert html.endswith(SHORTENED_MARK)
    assert unbalanced_tags(html) == []
    assert "AFTER THE CUT" not in html


def test_the_mark_is_plain_text_after_the_cut_markdown() -> None:
    # The text is cut inside an unfinished link: the mark is not swallowed into it.
    html = render_markdown("[label](http://example.com/" + "a" * MAX_MARKDOWN_CHARS)
    assert html.endswith("</p>\n" + SHORTENED_MARK)
    assert "href" not in html


# Markdown made of the pieces every rule starts with, and of the characters around them.
_MARKDOWN_PIECES = st.sampled_from(
    [
        *'abc 1\t\n\\`~>-*_+#=[]()!<>&|:.)"',
        "    ",
        "\n\n",
        "- ",
        "1. ",
        "2) ",
        "# ",
        "> ",
        "```",
        "~~~",
        "***",
        "---",
        "===",
        "[x]: http://e.com\n",
        "[x]",
        "](http://e.com)",
        "![i](http://e.com/i.png)",
        "<http://e.com>",
        "&amp;",
        "&#115;",
        "| a | b |\n|---|---|\n",
        "~~s~~",
        "**b**",
        "_e_",
        "`c`",
        "\\*",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_MARKDOWN_PIECES, max_size=40).map("".join))
def test_leaving_out_the_rules_a_text_cannot_use_changes_no_html(text: str) -> None:
    full = _build_parser()
    trimmed = _parser_for(text)
    assert trimmed.render(text) == full.render(text)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("| a |\n|---|", "table"),
        ("    code", "code"),
        ("```\nx\n```", "fence"),
        ("> q", "blockquote"),
        ("***", "hr"),
        ("1. one", "list"),
        ("[x]: http://e.com", "reference"),
        ("# h", "heading"),
        ("h\n=", "lheading"),
        ("\\*", "escape"),
        ("`c`", "backticks"),
        ("~~s~~", "strikethrough"),
        ("*e*", "emphasis"),
        ("[l](http://e.com)", "link"),
        ("![i](http://e.com/i)", "image"),
        ("<http://e.com>", "autolink"),
        ("&amp;", "entity"),
    ],
)
def test_a_text_keeps_every_rule_it_can_use(text: str, rule: str) -> None:
    active = _parser_for(text).get_active_rules()
    assert rule in active["block"] + active["inline"]
