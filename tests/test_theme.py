"""The default theme, read as a visitor's browser would: parsed pages of the demo and fixture sites."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from generator.build import render_site
from generator.config import Config, load_config
from generator.errors import ConfigError
from tests import factories as f
from tests.browser.fixture_sites import FIXTURE_SITES, HOSTILE_MARKDOWN

PAGE_BUDGET = 30 * 1024  # bytes of HTML plus its stylesheet, uncompressed
# A mirrored status page's pages show a bar per day: its home page is held to issue 15's budget
# (100 KB of HTML for 20 services and 90 days), a service's page with its calendar to 50 KB.
SERVICES_HOME_BUDGET = 100 * 1024
SERVICE_PAGE_BUDGET = 50 * 1024
# An outage's home page: ongoing_limit (10) cards with their latest notes, and ten more under today.
CROWDED_HOME_BUDGET = 40 * 1024


@pytest.fixture(scope="module")
def site_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    """Every fixture site's files in memory, by site name."""
    return {site.name: site.build(tmp_path_factory.mktemp(site.name)) for site in FIXTURE_SITES}


def pages_of(files: dict[str, bytes]) -> dict[str, lxml.html.HtmlElement]:
    return {path: lxml.html.fromstring(content) for path, content in files.items() if path.endswith(".html")}


def all_pages(site_files: dict[str, dict[str, bytes]]) -> list[tuple[str, str, lxml.html.HtmlElement]]:
    return [(name, path, page) for name, files in site_files.items() for path, page in pages_of(files).items()]


# The optional local-times script (local_times, stale_after): the only script a page may have, inline.
THEME_SCRIPT = (Path(__file__).resolve().parents[1] / "themes" / "default" / "_local_times.js").read_text()


def text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def test_timeline_is_newest_first_and_interleaves_notes_and_state_changes(site_files) -> None:  # type: ignore[no-untyped-def]
    page = lxml.html.fromstring(site_files["demo"]["incidents/110/index.html"])
    entries = page.xpath('//ol[@class="timeline"]/li')
    times = [entry.xpath(".//time/@datetime")[0] for entry in entries]
    assert times == sorted(times, reverse=True)
    kinds = [entry.get("class").split()[1] for entry in entries]
    assert kinds == [
        "entry-state",
        "entry-note",
        "entry-state",
        "entry-note",
        "entry-state",
        "entry-note",
        "entry-state",
    ]
    assert text(entries[0].xpath(".//h3")[0]) == "State changed to Resolved"


def test_published_postmortem_has_its_own_section_dated_when_posted(site_files) -> None:  # type: ignore[no-untyped-def]
    page = lxml.html.fromstring(site_files["demo"]["incidents/110/index.html"])
    (section,) = page.xpath('//section[@id="postmortem"]')
    assert text(section.xpath("h2")[0]) == "Postmortem"
    assert section.xpath(".//time/@datetime") == ["2026-11-14T10:00:00Z"]
    assert "Published 14 Nov 2026, 10:00 UTC" in text(section)


def test_a_postmortem_posted_after_the_build_time_is_not_shown(site_files) -> None:  # type: ignore[no-untyped-def]
    quiet = site_files["quiet"]
    page = lxml.html.fromstring(quiet[next(p for p in quiet if p.startswith("incidents/"))])
    assert page.xpath('//section[@id="postmortem"]') == []
    assert not any(b"Not published yet" in content for content in quiet.values())


def test_episode_shows_only_visible_members_and_never_a_private_one(site_files) -> None:  # type: ignore[no-untyped-def]
    page = lxml.html.fromstring(site_files["hostile"]["episodes/5/index.html"])
    members = page.xpath('//section[@aria-labelledby="members"]//h3')
    assert len(members) == 2  # the episode lists three ids, one of them not public
    assert "inc-private" not in site_files["hostile"]["episodes/5/index.html"].decode()
    home = lxml.html.fromstring(site_files["hostile"]["index.html"])
    assert "2 incidents" in text(home.xpath('//section[@aria-labelledby="ongoing-episodes"]')[0])


def test_incident_page_links_to_its_episode_and_names_affected_services(site_files) -> None:  # type: ignore[no-untyped-def]
    page = lxml.html.fromstring(site_files["demo"]["incidents/108/index.html"])
    facts = {text(dt): dd for dt, dd in zip(page.xpath("//dl/div/dt"), page.xpath("//dl/div/dd"), strict=True)}
    assert facts["Part of"].xpath(".//a/@href") == ["../../episodes/7/"]
    assert text(facts["Affected"]) == "Dashboard, Database (EU)"
    assert text(facts["Duration"]) == "4 h"


def test_episode_severity_is_the_high_water_mark_of_its_members(site_files) -> None:  # type: ignore[no-untyped-def]
    page = lxml.html.fromstring(site_files["demo"]["episodes/7/index.html"])
    assert "Critical" in text(page.xpath('//header[@class="page-head"]')[0])


def test_home_shows_status_ongoing_first_and_quiet_days(site_files) -> None:  # type: ignore[no-untyped-def]
    page = lxml.html.fromstring(site_files["demo"]["index.html"])
    sections = [s.get("aria-labelledby") or s.get("aria-label") for s in page.xpath("//main/section")]
    assert sections == [
        "Overall status",
        "announcements",
        "services",
        "ongoing",
        "under-maintenance",
        "scheduled-maintenance",
        "recent",
    ]
    assert text(page.xpath("//h1")[0]) == "Partial outage"
    ongoing = page.xpath('//section[@aria-labelledby="ongoing"]')[0]
    assert "Next update within 30 minutes." in text(ongoing)  # the latest update is quoted
    days = page.xpath('//div[@class="day"]')
    assert len(days) == 14
    assert sum("No incidents reported." in text(day) for day in days) == 11
    assert page.xpath('//a[@href="history/"]')


def test_quiet_site_is_operational_with_every_day_quiet(site_files) -> None:  # type: ignore[no-untyped-def]
    page = lxml.html.fromstring(site_files["quiet"]["index.html"])
    assert text(page.xpath("//h1")[0]) == "All systems operational"
    assert page.xpath('//section[contains(@class, "banner-operational")]')
    assert all("No incidents reported." in text(day) for day in page.xpath('//div[@class="day"]'))


def test_history_months_are_newest_first_with_neighbours(site_files) -> None:  # type: ignore[no-untyped-def]
    demo = site_files["demo"]
    index = lxml.html.fromstring(demo["history/index.html"])
    assert index.xpath('//ul[@class="months"]/li/a/@href') == [
        f"../history/{m}/" for m in ("2026-11", "2026-10", "2026-09", "2026-08")
    ]
    middle = lxml.html.fromstring(demo["history/2026-10/index.html"])
    assert middle.xpath('//a[@rel="prev"]/@href') == ["../../history/2026-11/"]
    assert middle.xpath('//a[@rel="next"]/@href') == ["../../history/2026-09/"]


def test_every_time_is_machine_readable_and_in_the_site_time_zone(site_files) -> None:  # type: ignore[no-untyped-def]
    for name, path, page in all_pages(site_files):
        for time in page.xpath("//time"):
            assert time.get("datetime"), f"{name}/{path}: <time> without datetime"
    incident = lxml.html.fromstring(site_files["hostile"]["incidents/1/index.html"])
    # Asia/Kolkata is UTC+5:30: the note at 09:30Z shows as 15:00 IST.
    note = incident.xpath('//li[@id="update-n1"]//time')[0]
    assert note.get("datetime") == "2026-11-20T09:30:00Z" and text(note) == "20 Nov 2026, 15:00 IST"
    assert "Times are in Asia/Kolkata." in text(incident.xpath("//footer")[0])


def test_untrusted_text_is_escaped_everywhere(site_files) -> None:  # type: ignore[no-untyped-def]
    for name, path, page in all_pages(site_files):
        assert page.xpath("//iframe | //object | //embed") == [], f"{name}/{path}"
        assert [script.text for script in page.xpath("//script")] in ([], [THEME_SCRIPT]), f"{name}/{path}"
        assert not page.xpath("//a[starts-with(normalize-space(@href), 'javascript:')]"), f"{name}/{path}"


def test_markdown_headings_stay_below_the_section_they_are_in(site_files) -> None:  # type: ignore[no-untyped-def]
    for name, path, page in all_pages(site_files):
        levels = [int(h.tag[1]) for h in page.xpath("//h1 | //h2 | //h3 | //h4 | //h5 | //h6")]
        assert levels.count(1) == 1, f"{name}/{path}: {levels}"
        assert levels[0] == 1, f"{name}/{path}: {levels}"
        for before, after in zip(levels, levels[1:], strict=False):
            # Only the hostile Markdown itself skips levels (### after #); the theme never does.
            assert after <= before + 1 or name.startswith("hostile"), f"{name}/{path}: h{before} then h{after}"
    incident = lxml.html.fromstring(site_files["hostile"]["incidents/1/index.html"])
    note = incident.xpath('//li[@id="update-n1"]')[0]
    assert [h.tag for h in note.xpath(".//h3 | .//h4 | .//h5 | .//h6")] == ["h3", "h4", "h5", "h6", "h6", "h6"]
    assert text(note.xpath(".//h4")[0]) == "A top-level heading inside a note"
    postmortem = lxml.html.fromstring(site_files["hostile"]["incidents/30/index.html"]).xpath(
        '//section[@id="postmortem"]'
    )[0]
    assert text(postmortem.xpath(".//h3")[0]) == "A top-level heading inside a note"


def test_every_page_with_its_stylesheet_is_under_30_kb(site_files) -> None:  # type: ignore[no-untyped-def]
    for name, files in site_files.items():
        css = next(content for path, content in files.items() if path.startswith("static/style."))
        for path, content in files.items():
            if not path.endswith(".html"):
                continue
            if path.startswith("components/"):
                assert len(content) + len(css) < SERVICE_PAGE_BUDGET, f"{name}/{path}: {len(content)} bytes"
            elif b'class="services"' in content:
                assert len(content) < SERVICES_HOME_BUDGET, f"{name}/{path}: {len(content)} bytes"
            elif name == "crowded":  # ongoing/ lists all 40 by design, as a month of history lists its incidents
                assert path == "ongoing/index.html" or len(content) + len(css) < CROWDED_HOME_BUDGET, path
            else:
                assert len(content) + len(css) < PAGE_BUDGET, f"{name}/{path}: {len(content) + len(css)} bytes"


def test_a_page_needs_no_request_but_its_stylesheet(site_files) -> None:  # type: ignore[no-untyped-def]
    for name, path, page in all_pages(site_files):
        where = f"{name}/{path}"
        assert page.xpath("//img | //iframe | //video | //audio | //source | //object | //embed") == [] or (
            name == "hostile" and [img.get("alt") for img in page.xpath("//img")] == [""]
        ), where
        assert all(script.get("src") is None for script in page.xpath("//script")), where  # only the inline one
        stylesheets = page.xpath('//link[@rel="stylesheet"]/@href')
        assert len(stylesheets) == 1 and "static/style." in stylesheets[0], where
        fetched = page.xpath("//link[not(@rel='canonical') and not(@rel='alternate')]/@href | //*/@src")
        assert all(not url.startswith(("http:", "https:", "//")) for url in fetched), where
        assert page.xpath("//*[@style]") == [], where


def test_configured_logo_is_a_hashed_local_asset(site_files) -> None:  # type: ignore[no-untyped-def]
    hostile = site_files["hostile"]
    page = lxml.html.fromstring(hostile["incidents/1/index.html"])
    (src,) = page.xpath('//header[@class="site-header"]//img/@src')
    assert src.startswith("../../static/logo.") and src.endswith(".svg")
    assert src.removeprefix("../../") in hostile


def test_logo_setting_is_read_relative_to_the_config_file(tmp_path: Path) -> None:
    (tmp_path / "brand").mkdir()
    (tmp_path / "brand" / "logo.png").write_bytes(b"\x89PNG")
    (tmp_path / "statusgen.toml").write_text('logo = "brand/logo.png"\n')
    assert load_config(tmp_path / "statusgen.toml", environ={}).logo == tmp_path / "brand" / "logo.png"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"missing.svg"', "logo: file {dir}/missing.svg does not exist"),
        (
            '"notes.txt"',
            "logo: 'notes.txt' is not an image file (use one of .svg, .png, .jpg, .jpeg, .gif, .webp, .avif)",
        ),
    ],
)
def test_a_bad_logo_setting_is_one_clear_error(tmp_path: Path, value: str, message: str) -> None:
    (tmp_path / "statusgen.toml").write_text(f"logo = {value}\n")
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path / "statusgen.toml", environ={})
    assert str(raised.value) == "invalid settings: " + message.format(dir=tmp_path)


def test_user_theme_overrides_one_template_and_falls_back_for_the_rest(tmp_path: Path) -> None:
    theme = tmp_path / "mytheme"
    theme.mkdir()
    (theme / "_head_extra.html").write_text("<style>:root { --link: #7b2cbf; }</style>")
    (theme / "_banner.html").write_text('<p class="mine">{{ status.label }}!</p>')
    files = render_site(f.snapshot(f.incident(1)), Config(theme=theme), f.TAKEN_AT)
    home = lxml.html.fromstring(files["index.html"])
    assert [text(p) for p in home.xpath('//p[@class="mine"]')] == ["All systems operational!"]
    assert home.xpath("//style/text()") == [":root { --link: #7b2cbf; }"]
    incident = lxml.html.fromstring(files["incidents/1/index.html"])
    assert incident.xpath('//ol[@class="timeline"]') and incident.xpath("//style")  # default template, user hook


def test_fixture_markdown_really_is_hostile() -> None:
    # Guards the fixtures themselves: if this text lost its teeth the checks above would prove little.
    assert "<script>" in HOSTILE_MARKDOWN and "| b | c |" in HOSTILE_MARKDOWN and "```" in HOSTILE_MARKDOWN


def test_the_served_stylesheet_leaves_out_comments_but_not_strings_or_licences() -> None:
    from generator.themes import without_css_comments

    css = b"a { b: 1; } /* for theme authors */ c::after { content: \"/* kept */\"; } /*! licence */ d { e: '/*'; }"
    served = without_css_comments(css)
    assert served == b"a { b: 1; }  c::after { content: \"/* kept */\"; } /*! licence */ d { e: '/*'; }"
