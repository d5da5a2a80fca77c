"""The build's Jinja environment prints what a stock autoescaping Jinja environment prints."""

from __future__ import annotations

from datetime import UTC

import jinja2
from markupsafe import Markup

from generator.formats import Formats
from generator.i18n import load_language
from generator.render import make_environment
from generator.themes import default_theme_dir


class _Shown:
    """A value with its own __html__, as a theme's helper object might have."""

    def __html__(self) -> str:
        return "<em>own</em>"


class _Special(Markup):
    """A Markup subclass: escaped through its own __html__, never taken as it is."""

    def __html__(self) -> _Special:
        return _Special("<i>special</i>")


_SOURCE = (
    "{% macro card(x) %}<b>{{ x }}</b>{% endmacro %}"
    "{{ text }}|{{ markup }}|{{ text|safe }}|{{ shown }}|{{ special }}|{{ number }}|{{ card(text) }}|"
    "{% set block %}{{ text }}{{ markup }}{% endset %}{{ block }}|{% filter upper %}{{ text }}{% endfilter %}|"
    "{% autoescape false %}{{ text }}{% endautoescape %}|{{ text ~ markup }}|"
    "{{ _('Get updates') }}|{{ gettext('Get updates') }}|{% trans %}Get updates{% endtrans %}|{{ _('100%% sure') }}|"
    "{% macro own(_) %}{{ _('Get updates') }}{% endmacro %}{{ own(shout) }}|"
    "{% with _ = shout %}{{ _('Get updates') }}{% endwith %}|{% set _ = shout %}{{ _('Get updates') }}"
)


def test_values_and_messages_print_exactly_as_with_jinjas_own_printing_and_gettext() -> None:
    """render.py compiles templates its own way (_CodeGenerator): same escaping, same messages."""
    german = load_language("de", [default_theme_dir()])
    ours = make_environment([default_theme_dir()], {}, Formats(german, UTC)).from_string(_SOURCE)
    stock = jinja2.Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    stock.install_gettext_translations(german.translations, newstyle=True)  # type: ignore[attr-defined]
    values = {
        "text": '<script>alert("x")</script> & more',
        "markup": Markup("<strong>kept</strong>"),
        "shown": _Shown(),
        "special": _Special("<u>not this</u>"),
        "number": 42,
        "shout": lambda message: message.upper() + "<!>",  # a theme's own `_`
    }
    page = ours.render(values)
    assert page == stock.from_string(_SOURCE).render(values)
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; more|<strong>kept</strong>|<script>" in page
    assert "<em>own</em>|<i>special</i>|42|<b>&lt;script&gt;" in page
    assert page.endswith(
        "|Aktualisierungen abonnieren|Aktualisierungen abonnieren|Aktualisierungen abonnieren|100% sure|"
        + "|".join(["GET UPDATES&lt;!&gt;"] * 3)
    )


def test_the_private_escape_is_markupsafes_public_one_without_the_markup() -> None:
    """render.py uses markupsafe's internal str escaping, with the public escape() as its fallback."""
    from markupsafe import escape

    from generator.render import _escape_inner

    for text in ("plain", "<script>alert('x')</script>", "a \"quoted\" & 'single'", "ünïcödé <b>", ""):
        assert _escape_inner(text) == str(escape(text))
