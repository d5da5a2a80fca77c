"""Red-team cases for the clock path while an incident is ongoing (growing_text.py, growing_check.py).

Each test states the invariant: whatever path a cron run takes, the folder ends up byte-identical to a
fresh whole build at that time (Site.assert_as_fresh), or the clock path declines.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from tests import factories as f
from tests.test_clock_rebuild import Site
from tests.test_growing_durations import INCIDENT_PAGE, german_site, ongoing_project

DEFAULT = Path(__file__).parent.parent / "themes" / "default"
SO_FAR = '{{ _("%(duration)s so far", duration=view.duration|duration) }}'


def _theme(tmp_path: Path, edits: dict[str, tuple[str, str]], extra: dict[str, str] | None = None) -> Path:
    """A theme that overrides some default templates (one text replaced in each) and adds others."""
    theme = tmp_path / "theme"
    theme.mkdir(exist_ok=True)
    for name, (old, new) in edits.items():
        source = (DEFAULT / name).read_text(encoding="utf-8")
        assert old in source
        (theme / name).write_text(source.replace(old, new), encoding="utf-8")
    for name, text in (extra or {}).items():
        (theme / name).write_text(text, encoding="utf-8")
    return theme


# At the build the incident is "54 min" old; six minutes later it reads "1 h": the text got SHORTER.
# A theme that branches on the text's length with a threshold between the two lengths (and below the
# marked text's length) renders the same with and without marks, so the dynamic check passes.
LONG_IF_MORE_THAN_5 = '<span{% if d|length > 5 %} class="long"{% endif %}>{{ d }}</span>'


@pytest.mark.parametrize(
    ("edits", "extra"),
    [
        pytest.param(
            {
                "incident.html": (
                    SO_FAR,
                    "{% macro so_far(v) %}{{ v.duration|duration }}{% endmacro %}"
                    "{% set d = so_far(view) %}" + LONG_IF_MORE_THAN_5,
                )
            },
            None,
            id="macro output kept by {% set d = m() %} and measured",
        ),
        pytest.param(
            {
                "incident.html": (
                    SO_FAR,
                    '{% set d %}{% include "_so_far.html" %}{% endset %}'
                    '<span{% if d|length > 12 %} class="long"{% endif %}>{{ d }}</span>',
                )
            },
            {"_so_far.html": SO_FAR},
            id="include captured by a {% set %} block in the including template",
        ),
        pytest.param(
            {
                "incident.html": (
                    SO_FAR,
                    "{% macro wrap() %}{% set d = caller() %}" + LONG_IF_MORE_THAN_5 + "{% endmacro %}"
                    "{% call wrap() %}{{ view.duration|duration }}{% endcall %}",
                )
            },
            None,
            id="call block measured through caller()",
        ),
        pytest.param(
            {
                "incident.html": (
                    SO_FAR,
                    "{% with %}{% macro _(message, duration) %}"
                    "{% if duration|length > 5 %}long {% endif %}{{ duration }}{% endmacro %}"
                    '{{ _("%(duration)s so far", duration=view.duration|duration) }}{% endwith %}',
                )
            },
            None,
            id="a macro named _ passes as gettext",
        ),
        pytest.param(
            {"incident.html": (SO_FAR, SO_FAR + "<!-- {{ view|pprint }} -->")},
            None,
            id="the whole view printed for debugging (pprint shows its span)",
        ),
        pytest.param(
            {"incident.html": (SO_FAR, '{{ view["dura" ~ "tion"] }}')},
            None,
            id="the span read by a computed subscript, no filter at all",
        ),
        pytest.param(
            {
                "incident.html": (
                    SO_FAR,
                    '{% set k = "dura" ~ "tion" %}{% if view[k].seconds > 3300 %}nearly an hour{% endif %}',
                )
            },
            None,
            id="branches on the span read by a computed subscript",
        ),
    ],
)
def test_a_theme_that_depends_on_the_duration_never_leaves_a_stale_page(
    tmp_path: Path, edits: dict[str, tuple[str, str]], extra: dict[str, str] | None
) -> None:
    site = Site.built(tmp_path, ongoing_project(), theme=_theme(tmp_path, edits, extra))
    later = f.TAKEN_AT + timedelta(minutes=6)  # "54 min" -> "1 h"
    site.cron_or_build(later)
    site.assert_as_fresh(later)


def test_a_theme_catalog_that_pads_the_duration_never_leaves_a_stale_page(tmp_path: Path) -> None:
    """The templates are the default's; only the theme's German catalog gives the text a field width.
    "54 Min." (7 characters) and its marked text need no padding, "1 Std." (6) does: the static check
    reads the templates only, and the marked and plain renders agree at the build."""
    site = german_site(tmp_path, tmp_path / "theme", {"%(duration)s so far": "bisher %(duration)7s"})
    assert "bisher 54 Min." in (site.config.output / INCIDENT_PAGE).read_text(encoding="utf-8")
    later = f.TAKEN_AT + timedelta(minutes=6)
    site.cron_or_build(later)
    site.assert_as_fresh(later)


def test_a_duration_printed_without_autoescaping_never_leaves_a_stale_page(tmp_path: Path) -> None:
    """The rewrite always writes the escaped text. Printed inside {% autoescape false %} the page has the
    raw text: equal while it has nothing to escape ("54 Min."), not once the theme's catalog gives the
    hours an "&" ("1 Std. & 5 Min." eleven minutes later)."""
    unescaped = "{% autoescape false %}{{ view.duration|duration }}{% endautoescape %}"
    theme = _theme(tmp_path, {"incident.html": (SO_FAR, unescaped)})
    site = german_site(tmp_path, theme, {"%(hours)d h %(minutes)d min": "%(hours)d Std. & %(minutes)d Min."})
    later = f.TAKEN_AT + timedelta(minutes=11)
    site.cron_or_build(later)
    site.assert_as_fresh(later)
