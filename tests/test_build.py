"""Rendering the whole site in memory: pages, feeds, static files, theme overrides."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from generator.build import build_site, build_time_for, render_site
from generator.config import Config
from generator.errors import ConfigError, ThemeError
from tests import factories as f


def sample():  # type: ignore[no-untyped-def]
    return f.snapshot(
        f.incident(
            1,
            title="<script>alert('x')</script> & more",
            state_id=f.CREATED.id,
            updates=(f.note("n1", 0.5, "**Working** on it"),),
        ),
        f.incident(2),
    )


def test_renders_every_page_and_escapes_titles() -> None:
    files = render_site(sample(), Config(), f.TAKEN_AT)
    assert {
        "index.html",
        "incidents/1/index.html",
        "incidents/2/index.html",
        "history/index.html",
        "history/2026-11/index.html",
    } <= set(files)
    page = files["incidents/1/index.html"].decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more" in page
    assert "<strong>Working</strong>" in page


def test_feeds_are_written_and_linked_only_with_a_base_url() -> None:
    without = render_site(sample(), Config(), f.TAKEN_AT)
    assert "feed.rss" not in without
    with_url = render_site(sample(), Config(base_url="https://status.example.com"), f.TAKEN_AT)
    assert {"feed.rss", "feed.atom"} <= set(with_url)
    page = lxml.html.fromstring(with_url["incidents/2/index.html"])
    alternates = page.xpath('//link[@rel="alternate"]/@href')
    assert alternates == ["../../feed.rss", "../../feed.atom", "feed.atom"]
    assert "incidents/2/feed.atom" in with_url and "incidents/2/feed.rss" not in with_url
    home = lxml.html.fromstring(with_url["index.html"])
    assert home.xpath('//link[@rel="alternate"]/@href') == ["feed.rss", "feed.atom"]
    assert home.xpath('//link[@rel="canonical"]/@href') == ["https://status.example.com/"]


def test_a_user_theme_replaces_only_the_files_it_has(tmp_path: Path) -> None:
    theme = tmp_path / "mytheme"
    (theme / "static").mkdir(parents=True)
    (theme / "_logo.html").write_text('<img src="{{ root }}{{ asset(\'logo.svg\') }}" alt="" width="32" height="32">')
    (theme / "static" / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    files = render_site(sample(), Config(theme=theme), f.TAKEN_AT)
    (logo_path,) = [path for path in files if path.startswith("static/logo.")]
    assert files[logo_path].startswith(b"<svg")
    assert f'<img src="../../{logo_path}"'.encode() in files["incidents/1/index.html"]
    (css_path,) = [path for path in files if path.startswith("static/style.")]
    assert css_path.endswith(".css") and css_path.encode() in files["index.html"]


def test_changed_asset_gets_a_new_name(tmp_path: Path) -> None:
    theme = tmp_path / "mytheme"
    (theme / "static").mkdir(parents=True)
    (theme / "static" / "style.css").write_text("body { color: red; }")
    default_css = {p for p in render_site(sample(), Config(), f.TAKEN_AT) if p.endswith(".css")}
    custom_css = {p for p in render_site(sample(), Config(theme=theme), f.TAKEN_AT) if p.endswith(".css")}
    assert len(default_css) == len(custom_css) == 1 and default_css != custom_css


def theme_with(tmp_path: Path, name: str, content: str | bytes) -> Path:
    """A user theme folder that replaces one default template with `content`."""
    theme = tmp_path / "theme"
    theme.mkdir()
    target = theme / name
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content)
    return theme


def test_a_broken_user_template_is_a_theme_error(tmp_path: Path) -> None:
    theme = theme_with(tmp_path, "incident.html", "{% if %}")
    with pytest.raises(ThemeError, match=r"^template .*incident\.html line 1: "):
        render_site(sample(), Config(theme=theme), f.TAKEN_AT)


def test_a_typo_in_a_template_is_an_error_not_an_empty_string(tmp_path: Path) -> None:
    theme = theme_with(tmp_path, "_banner.html", "{{ staus.label }}")
    with pytest.raises(ThemeError) as raised:
        render_site(sample(), Config(theme=theme), f.TAKEN_AT)
    assert str(raised.value) == f"template {theme / '_banner.html'} line 1: 'staus' is undefined"


def test_a_template_that_fails_while_rendering_names_its_file_and_line(tmp_path: Path) -> None:
    theme = theme_with(tmp_path, "_footer.html", "<footer>\n{{ 1 / 0 }}\n</footer>")
    with pytest.raises(ThemeError) as raised:
        render_site(sample(), Config(theme=theme), f.TAKEN_AT)
    assert str(raised.value) == f"template {theme / '_footer.html'} line 2: ZeroDivisionError: division by zero"


def test_a_template_that_is_not_utf8_is_a_theme_error(tmp_path: Path) -> None:
    theme = theme_with(tmp_path, "_footer.html", "<footer>Caf\u00e9</footer>".encode("latin-1"))
    with pytest.raises(ThemeError, match=r"^template _footer\.html is not UTF-8 text$"):
        render_site(sample(), Config(theme=theme), f.TAKEN_AT)


def test_missing_theme_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(ThemeError, match=r"^theme folder .*nowhere does not exist$"):
        render_site(sample(), Config(theme=tmp_path / "nowhere"), f.TAKEN_AT)


def test_same_input_gives_identical_bytes() -> None:
    config = Config(base_url="https://status.example.com")
    assert render_site(sample(), config, f.TAKEN_AT) == render_site(sample(), config, f.TAKEN_AT)


def test_build_time_is_the_snapshot_time_unless_source_date_epoch_is_set() -> None:
    snapshot = sample()
    assert build_time_for(snapshot, {}) == f.TAKEN_AT
    assert build_time_for(snapshot, {"SOURCE_DATE_EPOCH": "0"}).year == 1970
    with pytest.raises(ConfigError, match="SOURCE_DATE_EPOCH must be whole seconds"):
        build_time_for(snapshot, {"SOURCE_DATE_EPOCH": "soon"})


def test_check_reports_without_writing(tmp_path: Path) -> None:
    config = Config(output=tmp_path / "site")
    report = build_site(sample(), config, f.TAKEN_AT, check=True)
    assert report.write.has_changes and not (tmp_path / "site").exists()
    build_site(sample(), config, f.TAKEN_AT)
    assert not build_site(sample(), config, f.TAKEN_AT, check=True).write.has_changes
