"""The one Markdown configuration: untrusted text in, safe HTML out.

Notes are typed by many people during an outage, so the renderer treats them
as hostile: raw HTML is escaped, links are kept only for http(s) and mailto,
and images become plain links, because a status page makes no request to
anyone else's server.
"""

from __future__ import annotations

from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

ALLOWED_SCHEMES = ("http:", "https:", "mailto:")
LINK_REL = "nofollow ugc noopener noreferrer"


def _is_allowed_link(url: str) -> bool:
    # markdown-it has already normalised the URL (entities decoded, percent-encoded),
    # so "java&#115;cript:" and " javascript:" arrive here in their plain form.
    return url.strip().lower().startswith(ALLOWED_SCHEMES)


def _render_image_as_link(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    alt = renderer.renderInlineAsText(token.children or [], options, env) or "image"
    src = escapeHtml(str(token.attrGet("src") or ""))
    return f'<a href="{src}" rel="{LINK_REL}">{escapeHtml(alt)}</a>'


def _render_link_open(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    tokens[idx].attrSet("rel", LINK_REL)
    return renderer.renderToken(tokens, idx, options, env)


def _build_parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.enable(["table", "strikethrough"])
    parser.validateLink = _is_allowed_link  # type: ignore[method-assign]
    parser.add_render_rule("image", _render_image_as_link)
    parser.add_render_rule("link_open", _render_link_open)
    return parser


# Built once: constructing a parser costs far more than rendering a short note.
_PARSER = _build_parser()


def render_markdown(text: str) -> str:
    """Safe HTML for untrusted Markdown; empty text gives an empty string."""
    if not text.strip():
        return ""
    html: str = _PARSER.render(text)
    return html
