"""Red-team cases for an upcoming event's "in 28 days" on the clock path (b52a3f7: growing.StartsIn, the
`starts_in` filter, growing_check.py).

The invariant: whatever path a cron run takes, the folder ends up byte-identical to a fresh whole build at that
time (Site.assert_as_fresh), or the clock path declines. Each test here fails at b52a3f7.
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator import growing_check
from generator.clock_ledger import read_ledger
from generator.formats import Formats
from generator.i18n import load_language
from generator.render import make_environment
from tests import factories as f
from tests.test_clock_rebuild import Site
from tests.test_growing_starts_in import CARD, bundled_copy, upcoming_project


def _plainly(bundled: Path, template: str = "maintenance_list.html") -> bool:
    formats = Formats(load_language("en", [bundled]), ZoneInfo("UTC"))
    return growing_check.shows_growth_plainly(make_environment([bundled], {}, formats), template)


# Finding 1. growing_check._plain tests `node.value in _GROWING` (a frozenset): a template constant that is a list
# (`{% set first = [16, 32]|first %}`: Jinja's optimizer folds the list into one Const) is unhashable, and the
# check raises TypeError instead of answering. In render_page that becomes a ThemeError naming the template: every
# build that shows an ongoing duration or an upcoming event fails. b52a3f7 brought it (it was `== "duration"`).
@pytest.mark.parametrize(
    "constant",
    [
        pytest.param("{% set first = [16, 32]|first %}", id="a list filtered in a set"),
        pytest.param("{% for size in [16, 32]|list %}{% endfor %}", id="a list filtered in a for"),
    ],
)
def test_the_syntax_check_answers_for_a_template_with_a_constant_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, constant: str
) -> None:
    bundled = bundled_copy(tmp_path, monkeypatch, constant + CARD)
    assert _plainly(bundled) is True  # nothing but the filter reads the StartsIn


def test_a_bundled_card_with_a_constant_list_still_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundled = bundled_copy(tmp_path, monkeypatch, "{% set first = [16, 32]|first %}" + CARD)
    site = Site(tmp_path, theme=bundled)
    site.write(upcoming_project())
    site.build()  # at b52a3f7: ThemeError "template ...: unhashable type: 'list'"
    assert read_ledger(site.config.output) is not None


# Finding 2. The syntax check that holds the bundled templates to reading `.starts_in` only through its filter
# looks for `.starts_in` and the name "starts_in"; printing the whole view (`{{ view }}`, `|pprint`, `|string`)
# shows its StartsIn's repr, "count=28, unit='day'", and passes. The page is then trusted, only the filter's
# text is rewritten, and an hour later the page still says count=28 where a fresh build says count=27.
# Fixed twice over: the check declines the filters that print a value as Python writes it, and a growing value
# printed so while a page renders spoils that page's marks (growing.printed_otherwise), which `{{ view }}` needs.
WHOLE_VIEW = [
    pytest.param(CARD + "<!-- {{ view }} -->", id="the view printed"),
    pytest.param(CARD + "<!-- {{ view|pprint }} -->", id="the view pprinted"),
    pytest.param(CARD + "<!-- {{ view|string|length }} -->", id="the view's text measured"),
]


@pytest.mark.parametrize("new", WHOLE_VIEW[1:])
def test_the_syntax_check_declines_a_card_that_prints_the_whole_view(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, new: str
) -> None:
    assert _plainly(bundled_copy(tmp_path, monkeypatch, new)) is False


@pytest.mark.parametrize("new", WHOLE_VIEW)
def test_a_bundled_card_that_prints_the_view_gives_what_a_fresh_build_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, new: str
) -> None:
    bundled = bundled_copy(tmp_path, monkeypatch, new)
    site = Site(tmp_path, theme=bundled)
    site.write(upcoming_project())
    site.build()
    ledger = read_ledger(site.config.output)
    assert ledger is not None and ledger.counting  # no page rewritten: the clock key counts "in 28 days"
    later = f.TAKEN_AT + timedelta(hours=1)  # "in 28 days" reads "in 27 days"
    assert not site.cron_or_build(later)
    site.assert_as_fresh(later)


# Finding 3 (not the invariant: what a page shows). A theme's catalogs are trusted markup (render._fast_gettext:
# every `_()` and `ngettext()` prints its translation as it is). The old `starts_in` macro printed "in 3 days"
# through the template's ngettext; b52a3f7's filter (Formats.starts_in) returns a plain str that autoescaping
# escapes. A catalog of one's own that writes "dans 3&nbsp;jours" now shows "dans 3&amp;nbsp;jours", a visible
# "&nbsp;", while its "Maintenance&nbsp;planifiée" on the same page is printed as markup.
FRENCH = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=3; plural=(n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;\\n"

msgid "in %(num)d day"
msgid_plural "in %(num)d days"
msgstr[0] "dans %(num)d&nbsp;jour"
msgstr[1] "dans %(num)d&nbsp;jours"
msgstr[2] "dans %(num)d&nbsp;jours"

msgid "Scheduled maintenance"
msgstr "Maintenance&nbsp;planifiée"
"""


def test_a_catalog_of_one_s_own_says_how_soon_as_it_says_everything_else(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    folder = theme / "locales" / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "messages.po").write_text(FRENCH, encoding="utf-8")
    site = Site(tmp_path, theme=theme)
    site.config = dataclasses.replace(site.config, language="fr")
    site.write(upcoming_project())
    site.build()
    html = (site.config.output / "maintenance" / "index.html").read_text(encoding="utf-8")
    assert "Maintenance&nbsp;planifiée" in html  # the catalog's markup, as every message prints it
    assert "dans 28&nbsp;jours" in html  # at b52a3f7: "dans 28&amp;nbsp;jours"
