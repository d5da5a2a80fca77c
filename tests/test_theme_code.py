"""The default theme's templates compiled ahead (generator/theme_code.py): used only where compiling gives the same."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC
from pathlib import Path
from typing import Any

import jinja2
import pytest

from generator import theme_code
from generator.build import render_site
from generator.config import Config
from generator.errors import ThemeError
from generator.formats import Formats
from generator.i18n import load_language
from generator.render import make_environment, render_page
from generator.snapshot import demo_snapshot
from generator.themes import default_theme_dir
from generator.views import Page

SHIPPED = Path(theme_code.__file__).with_name("default_theme_code")


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names of the templates Jinja compiles from their source while the test runs."""
    compiled: list[str] = []
    compile_source = jinja2.Environment.compile

    def compile_and_note(self: jinja2.Environment, source: Any, name: str | None = None, *args: Any, **kw: Any) -> Any:
        compiled.append(str(name))
        return compile_source(self, source, name, *args, **kw)

    monkeypatch.setattr(jinja2.Environment, "compile", compile_and_note)
    yield compiled


def demo(language: str = "en") -> dict[str, bytes]:
    snapshot = demo_snapshot()
    config = Config(title="Example status", base_url="https://status.example.com", language=language)
    return render_site(snapshot, config, snapshot.taken_at)


def environment(search_path: list[Path] | None = None, language: str = "en") -> jinja2.Environment:
    path = search_path or [default_theme_dir()]
    return make_environment(path, {}, Formats(load_language(language, path), UTC))


def test_the_shipped_modules_are_what_the_theme_compiles_to_now() -> None:
    # After changing a default template, render.py's code generator or Jinja: `python -m generator.theme_code`.
    made = theme_code.compile_default_theme()
    shipped = {path.name: path.read_bytes() for path in SHIPPED.iterdir() if path.is_file()}
    assert sorted(shipped) == sorted(made)
    stale = [name for name, content in made.items() if shipped[name] != content]
    assert stale == [], f"stale compiled templates {stale}: run python -m generator.theme_code"


def test_every_default_template_is_shipped_compiled() -> None:
    templates = sorted(path.name for path in default_theme_dir().iterdir() if path.is_file())
    assert templates and sorted(theme_code._read_manifest(SHIPPED / "manifest.json").templates) == templates


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_site_from_compiled_templates_is_byte_identical(language: str, compiles: list[str]) -> None:
    compiled_ahead = demo(language)
    assert compiles == [], "the default theme was compiled again"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(theme_code, "_loaded", [theme_code.Manifest("", {})])
        from_source = demo(language)
    assert len(compiles) > 10  # every page template and what it includes, this time from source
    assert compiled_ahead == from_source


def test_a_users_template_of_the_same_name_is_compiled_from_its_own_source(tmp_path: Path, compiles: list[str]) -> None:
    (tmp_path / "_footer.html").write_text("<footer>ours</footer>\n", encoding="utf-8")
    env = environment([tmp_path, default_theme_dir()])
    assert env.get_template("_footer.html").render() == "<footer>ours</footer>\n"
    assert compiles == ["_footer.html"]
    env.get_template("_time.html")  # not overridden: the default's, compiled ahead
    assert compiles == ["_footer.html"]


def test_a_default_template_that_differs_from_the_compiled_one_is_compiled(
    monkeypatch: pytest.MonkeyPatch, compiles: list[str]
) -> None:
    shipped = theme_code._manifest()
    entry = shipped.templates["_time.html"]
    edited = {**shipped.templates, "_time.html": theme_code.Compiled(entry.module, "0" * 64, entry.messages)}
    monkeypatch.setattr(theme_code, "_loaded", [theme_code.Manifest(shipped.compiler, edited)])
    environment().get_template("_time.html")
    assert compiles == ["_time.html"]


def test_another_jinja_or_other_compile_options_compile_from_source(
    monkeypatch: pytest.MonkeyPatch, compiles: list[str]
) -> None:
    monkeypatch.setattr(jinja2, "__version__", "9.9.9")
    environment().get_template("_time.html")
    assert compiles == ["_time.html"]


def test_a_translation_that_fails_is_left_to_compiling(monkeypatch: pytest.MonkeyPatch, compiles: list[str]) -> None:
    env = environment()

    def broken(message: str) -> str:
        raise ValueError(message)

    env.message_function = broken  # type: ignore[attr-defined]
    env.get_template("_footer.html")  # it translates "Atom feed" where it is compiled
    assert compiles == ["_footer.html"]


def test_an_error_in_a_compiled_template_names_the_template_file_and_line_as_compiling_does() -> None:
    page = Page(path="index.html", template="incident.html", context={})
    with pytest.raises(ThemeError) as compiled_ahead:
        render_page(environment(), page)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(theme_code, "_loaded", [theme_code.Manifest("", {})])
        with pytest.raises(ThemeError) as from_source:
            render_page(environment(), page)
    message = str(compiled_ahead.value)
    assert f"template {default_theme_dir()}/" in message and ".html line " in message
    assert message == str(from_source.value)


def test_a_broken_manifest_means_compiling(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text('{"compiler": "x", "templates": {"a.html": {}}}', encoding="utf-8")
    assert theme_code._read_manifest(tmp_path / "manifest.json") == theme_code.Manifest("", {})
    assert theme_code._read_manifest(tmp_path / "missing.json") == theme_code.Manifest("", {})
