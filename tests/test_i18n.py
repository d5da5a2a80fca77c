"""The site in the visitor's language: complete catalogs, translated pages and feeds, themes that add or override."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC
from pathlib import Path

import feedparser
import jinja2
import lxml.html
import pytest
from babel.messages.pofile import read_po

from generator.build import build_site, render_site
from generator.config import Config, load_config
from generator.errors import ConfigError, ThemeError
from generator.formats import Formats
from generator.i18n import load_language
from generator.messages import TEMPLATE_NAME, extract_messages
from generator.render import make_environment
from generator.snapshot import demo_snapshot
from generator.themes import default_theme_dir
from tests.i18n_tools import PLACEHOLDER, SHIPPED, demo_data_text, shipped_catalog, untranslated

BASE_URL = "https://status.example.com"


def demo_in(language: str, **settings: object) -> dict[str, bytes]:
    snapshot = demo_snapshot()
    config = Config(title="Example status", base_url=BASE_URL, language=language, **settings)  # type: ignore[arg-type]
    return render_site(snapshot, config, snapshot.taken_at)


@pytest.fixture(scope="module")
def sites() -> dict[str, dict[str, bytes]]:
    """The demo in every shipped language, with the optional script and stale warning on (their words too)."""
    return {tag: demo_in(tag, local_times=True, stale_after=900) for tag in ("en", *SHIPPED)}


def extracted_ids() -> set[object]:
    return {message.id for message in extract_messages(default_theme_dir()) if message.id}


@pytest.mark.parametrize("tag", SHIPPED)
def test_every_message_of_the_theme_and_the_code_has_a_translation(tag: str) -> None:
    catalog = shipped_catalog(tag)
    missing = []
    for message_id in extracted_ids():
        message = catalog.get(message_id)
        strings = () if message is None else message.string
        strings = strings if isinstance(strings, tuple) else (strings,)
        if message is None or message.fuzzy or not strings or not all(s.strip() for s in strings):
            missing.append(message_id)
    assert missing == []
    # Plural messages have every form the language has (French: one, many, other; Japanese: one).
    plural = [m for m in catalog if isinstance(m.id, tuple)]
    assert plural and all(len(m.string) == catalog.num_plurals for m in plural)


@pytest.mark.parametrize("tag", SHIPPED)
def test_a_translation_fills_in_the_same_values_as_its_message(tag: str) -> None:
    """A placeholder lost or misspelt would show "%(title)s" to readers or fail the build."""
    wrong = []
    for message in shipped_catalog(tag):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            found = set(PLACEHOLDER.findall(string))
            # A singular form may say "one day" in words instead of "%(num)d day".
            if found - wanted or (wanted - found) - {"%(num)d"}:
                wrong.append((ids[0], string))
    assert wrong == []


def test_the_catalog_template_holds_exactly_the_messages_the_theme_and_code_show() -> None:
    """`python -m generator.messages` keeps it so; a message added without it fails here."""
    with (default_theme_dir() / "locales" / TEMPLATE_NAME).open("rb") as file:
        template = read_po(file)
    assert {message.id for message in template if message.id} == extracted_ids()


@pytest.mark.parametrize("tag", SHIPPED)
def test_every_page_in_a_language_says_so_and_shows_no_english_message(
    sites: dict[str, dict[str, bytes]], tag: str
) -> None:
    data = demo_data_text()
    pages = {path: content for path, content in sites[tag].items() if path.endswith(".html")}
    assert {"index.html", "incidents/110/index.html", "subscribe/index.html", "404.html"} <= set(pages)
    english = {path: found for path, content in pages.items() if (found := untranslated(content, tag, data))}
    assert english == {}
    assert {lxml.html.fromstring(content).get("lang") for content in pages.values()} == {tag}


def test_the_english_pages_would_be_caught_by_the_same_check(sites: dict[str, dict[str, bytes]]) -> None:
    """The check above can fail: the English home page has dozens of the pieces it looks for."""
    assert len(untranslated(sites["en"]["index.html"], "de", demo_data_text())) > 10


def test_german_pages_read_german_dates_numbers_and_durations(sites: dict[str, dict[str, bytes]]) -> None:
    home = " ".join(lxml.html.fromstring(sites["de"]["index.html"]).text_content().split())
    assert "Aktualisiert: 20. Nov. 2026, 15:00 UTC" in home
    assert "99,81 % Verfügbarkeit" in home
    assert "Letzte 14 Tage" in home and "Fr., 20. Nov. 2026" in home
    incident = lxml.html.fromstring(sites["de"]["incidents/110/index.html"])
    terms, values = incident.xpath("//dl[@class='facts']//dt/text()"), incident.xpath("//dl[@class='facts']//dd")
    facts = dict(zip(terms, values, strict=True))
    assert facts["Dauer"].text_content() == "1 Std. 33 Min."
    assert facts["Behoben"].text_content() == "12. Nov. 2026, 08:15 UTC"
    assert "Neuer Status: Resolved" in incident.xpath("//h3[@class='entry-title']/text()")
    month = lxml.html.fromstring(sites["de"]["history/index.html"])
    assert month.xpath("//ul[@class='months']/li/a/text()")[0] == "November 2026"


def test_japanese_pages_use_japanese_dates_and_no_plural_s(sites: dict[str, dict[str, bytes]]) -> None:
    page = " ".join(lxml.html.fromstring(sites["ja"]["episodes/7/index.html"]).text_content().split())
    assert "2026年11月" in page
    assert re.search(r"\d 件の更新", page)


def test_feeds_speak_the_sites_language(sites: dict[str, dict[str, bytes]]) -> None:
    feed = feedparser.parse(sites["de"]["feed.atom"])
    titles = [entry.title for entry in feed.entries]
    assert "Behoben: INC-111 Delayed webhook deliveries" in titles
    assert any(title.startswith("Aktualisierung: INC-") for title in titles)
    assert "Neue Störung (Major, betrifft Public API): INC-112 Elevated error rates on the public API" in titles
    assert feed.feed.subtitle == "Störungen und Aktualisierungen von Example Cloud status"  # the page's own title
    assert b"<language>de</language>" in sites["de"]["feed.rss"]
    own = lxml.html.fromstring(sites["de"]["incidents/110/index.html"]).xpath("//link[@rel='alternate']/@title")
    assert "Aktualisierungen dieser Seite (Atom)" in own


def test_a_user_theme_overrides_one_message_and_adds_a_language(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    write_catalog(theme, "de", 'msgid "Incident history"\nmsgstr "Alle Störungen"\n')
    write_catalog(theme, "it", 'msgid "Incident history"\nmsgstr "Cronologia degli incidenti"\n')
    german = demo_in("de", theme=theme)["history/index.html"].decode()
    assert "<h1>Alle Störungen</h1>" in german
    assert "Störungsverlauf" not in german.split("<main", 1)[1].split("</main>")[0]  # overridden everywhere
    assert ">Verlauf<" in german  # the default theme's other German messages still apply
    italian = demo_in("it", theme=theme)["history/index.html"].decode()
    assert '<html lang="it">' in italian and "<h1>Cronologia degli incidenti</h1>" in italian
    assert "novembre 2026" in italian  # Babel's Italian month names, without a word of ours


def write_catalog(theme: Path, folder: str, messages: str) -> None:
    path = theme / "locales" / folder / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True)
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n' + messages, encoding="utf-8"
    )


def test_an_unknown_language_is_refused_with_its_fix(tmp_path: Path) -> None:
    (tmp_path / "statusgen.toml").write_text('language = "klingon"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_config(tmp_path / "statusgen.toml", environ={})
    assert str(refused.value) == (
        "invalid settings: language: unknown language 'klingon' (use a code such as de, fr or pt-BR)"
    )


def test_a_language_no_theme_translates_is_one_line_naming_the_file_to_add() -> None:
    with pytest.raises(ThemeError) as refused:
        demo_in("it")
    assert str(refused.value) == (
        "the theme has no translation for language 'it'; add locales/it/LC_MESSAGES/messages.po to your theme "
        "or use one of: de, en, es, fr, ja, pt-BR"
    )


@pytest.mark.parametrize(("given", "tag"), [("pt_BR", "pt-BR"), ("pt-br", "pt-BR"), (" DE ", "de"), ("ja", "ja")])
def test_a_language_is_written_as_html_names_it(tmp_path: Path, given: str, tag: str) -> None:
    (tmp_path / "statusgen.toml").write_text(f'language = "{given}"\n', encoding="utf-8")
    assert load_config(tmp_path / "statusgen.toml", environ={}).language == tag


def test_another_language_renders_every_page_again(tmp_path: Path) -> None:
    """The page cache keys on the language and the catalogs: no page keeps its English bytes."""
    snapshot = demo_snapshot()
    english = Config(title="Example status", base_url=BASE_URL, output=tmp_path / "site")
    build_site(snapshot, english, snapshot.taken_at)
    again = build_site(snapshot, english, snapshot.taken_at)
    assert again.write.changed == () and again.write.added == ()
    german = build_site(snapshot, replace(english, language="de"), snapshot.taken_at)
    assert len([path for path in german.write.changed if path.endswith(".html")]) == german.pages
    # A theme's catalog is part of the key too: one changed message renders the pages again.
    theme = tmp_path / "theme"
    write_catalog(theme, "de", 'msgid "Skip to content"\nmsgstr "Zum Inhalt"\n')
    edited = build_site(snapshot, replace(english, language="de", theme=theme), snapshot.taken_at)
    assert len([path for path in edited.write.changed if path.endswith(".html")]) == edited.pages


def test_the_fast_message_lookup_renders_what_jinjas_new_style_gettext_renders() -> None:
    """render._fast_gettext replaces Jinja's callables for speed: same escaping, placeholders and plurals."""
    source = (
        '{{ _("Updated %(time)s", time=value) }}|{{ _("Get updates") }}|{{ _("100%% sure") }}|'
        '{{ ngettext("%(num)d incident", "%(num)d incidents", count) }}|'
        '{{ gettext("Affects %(services)s", services=value) }}|'
        "{% trans name=value %}Hello {{ name }}{% endtrans %}|"
        '{{ _("%(message)s and %(count)s", message=value, count=count) }}|'
        "{% trans count=count %}{{ count }} item{% pluralize %}{{ count }} items{% endtrans %}"
    )
    german = load_language("de", [default_theme_dir()])
    fast = make_environment([default_theme_dir()], {}, Formats(german, UTC)).from_string(source)
    jinja = jinja2.Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    jinja.install_gettext_translations(german.translations, newstyle=True)  # type: ignore[attr-defined]
    for value, count in (('<b>"x"</b> & y', 1), ("plain", 3), ("%(time)s", 0)):
        shown = fast.render(value=value, count=count)
        assert shown == jinja.from_string(source).render(value=value, count=count)
        assert "&lt;b&gt;" in shown or "<b>" not in value
    assert fast.render(value="x", count=2).startswith(
        "Aktualisiert: x|Aktualisierungen abonnieren|100% sure|2 Störungen"
    )


def test_a_figure_keeps_its_decimals_in_the_language_also_when_remembered() -> None:
    """Formats remembers each figure's text by the figure as written: "99.9" and "99.90" stay apart."""
    formats = Formats(load_language("de", [default_theme_dir()]), UTC)
    figures = ["99.90", "99.9", "100", "1234.5", "99.90", "100", "n/a"]
    assert [formats.decimal(figure) for figure in figures] == ["99,90", "99,9", "100", "1.234,5", "99,90", "100", "n/a"]
    assert formats.percent("99.90") == "99,90\xa0%"
