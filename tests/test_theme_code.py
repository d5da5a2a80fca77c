"""The default theme's templates compiled ahead (generator/theme_code.py): used only where compiling gives the same."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jinja2
import pytest

from generator import template_facts, template_trees, theme_code
from generator.build import render_site
from generator.config import Config
from generator.errors import ThemeError
from generator.formats import Formats
from generator.i18n import load_language
from generator.render import make_environment, render_page
from generator.snapshot import demo_snapshot
from generator.theme_compile import compile_default_theme, write_package
from generator.themes import default_theme_dir
from generator.views import Page
from tests.i18n_tools import SHIPPED


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


def nothing_shipped(patch: pytest.MonkeyPatch) -> None:
    """As if the package shipped no compiled templates: every template compiled from its source."""
    patch.setattr(theme_code, "shipped_manifest", lambda: theme_code.NO_MANIFEST)


def demo(language: str = "en", theme: Path | None = None) -> dict[str, bytes]:
    snapshot = demo_snapshot()
    config = Config(title="Example status", base_url="https://status.example.com", language=language, theme=theme)
    return render_site(snapshot, config, snapshot.taken_at)


def environment(search_path: list[Path] | None = None, language: str = "en", zone: str = "UTC") -> jinja2.Environment:
    path = search_path or [default_theme_dir()]
    return make_environment(path, {}, Formats(load_language(language, path), ZoneInfo(zone) if zone != "UTC" else UTC))


def shipped_code(name: str) -> str:
    """The code shipped for a default template, without the note after it."""
    module = theme_code.shipped_manifest().templates[name].module
    text = (theme_code.FOLDER / f"{module}.py").read_text(encoding="utf-8")
    return text[: text.rindex("\n# The default theme's ")]


def test_the_shipped_modules_are_what_the_theme_compiles_to_now() -> None:
    # After changing a default template, render.py or the pinned Jinja: `python -m generator.theme_compile`.
    made = compile_default_theme()
    shipped = {path.name: path.read_bytes() for path in theme_code.FOLDER.iterdir() if path.is_file()}
    assert sorted(shipped) == sorted(made)
    stale = [name for name, content in made.items() if shipped[name] != content]
    assert stale == [], f"stale compiled templates {stale}: run python -m generator.theme_compile"


def test_every_default_template_is_shipped_compiled() -> None:
    templates = sorted(path.name for path in default_theme_dir().iterdir() if path.is_file())
    assert templates and sorted(theme_code.shipped_manifest().templates) == templates


@pytest.mark.parametrize("language", ["en", *SHIPPED])
def test_compiling_in_any_language_and_zone_gives_the_shipped_code(language: str) -> None:
    # Jinja computes a filter of a constant while compiling: a default template that gave one of
    # statusgen's filters (which speak the site's language) a constant would differ here.
    env = environment(language=language, zone="Asia/Kolkata")
    for name in theme_code.shipped_manifest().templates:
        source, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
        assert env.compile(source, name, filename, raw=True) == shipped_code(name), name


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_site_from_compiled_templates_is_byte_identical(language: str, compiles: list[str]) -> None:
    compiled_ahead = demo(language)
    assert compiles == [], "the default theme was compiled again"
    with pytest.MonkeyPatch.context() as patch:
        nothing_shipped(patch)
        from_source = demo(language)
    assert len(compiles) > 10  # every page template and what it includes, this time from source
    assert compiled_ahead == from_source


def test_a_users_base_template_under_compiled_default_pages_is_byte_identical(tmp_path: Path) -> None:
    base = (default_theme_dir() / "base.html").read_text(encoding="utf-8")
    (tmp_path / "base.html").write_text(base.replace("<body", "<body data-theme=ours"), encoding="utf-8")
    compiled_ahead = demo(theme=tmp_path)
    with pytest.MonkeyPatch.context() as patch:
        nothing_shipped(patch)
        from_source = demo(theme=tmp_path)
    assert b"data-theme=ours" in compiled_ahead["index.html"]
    assert compiled_ahead == from_source


def test_a_users_template_of_the_same_name_is_compiled_from_its_own_source(tmp_path: Path, compiles: list[str]) -> None:
    (tmp_path / "_footer.html").write_text("<footer>ours</footer>\n", encoding="utf-8")
    env = environment([tmp_path, default_theme_dir()])
    assert env.get_template("_footer.html").render() == "<footer>ours</footer>\n"
    assert compiles == ["_footer.html"]
    env.get_template("_time.html")  # not overridden: the default's, compiled ahead
    assert compiles == ["_footer.html"]


def test_a_build_with_the_default_theme_parses_no_template_and_builds_the_same_from_parsed_facts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The default theme's facts (template_facts.py) ship with its code: the build's theme checks parse none of
    its files; found again by parsing (as when template_facts.py changed since), they give the same site."""
    parsed: list[str] = []
    parse = jinja2.Environment.parse

    def parse_and_note(self: jinja2.Environment, source: str, name: str | None = None, *args: Any) -> Any:
        parsed.append(str(name))
        return parse(self, source, name, *args)

    monkeypatch.setattr(jinja2.Environment, "parse", parse_and_note)
    monkeypatch.setattr(template_trees, "_RECENT", {})  # nothing kept from an earlier test's build
    from_shipped_facts = demo()
    assert parsed == []
    monkeypatch.setattr(theme_code, "facts_code_digest", lambda: "found by other code")
    from_parsed = demo()
    assert {"index.html", "base.html", "_banner.html", "incident.html"} <= set(parsed)
    assert from_parsed == from_shipped_facts


def test_facts_found_with_other_names_or_other_growing_values_are_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    env = environment()
    source, filename, _ = env.loader.get_source(env, "incident.html")  # type: ignore[union-attr]
    assert theme_code.shipped_facts(env, "incident.html", filename, source) is not None
    env.globals["view"] = "a global of the same name as a page's"  # find_undeclared_variables leaves it out
    assert theme_code.shipped_facts(env, "incident.html", filename, source) is None
    monkeypatch.setattr(template_facts, "_GROWING", frozenset({"duration", "starts_in", "name"}))
    assert theme_code.shipped_facts(environment(), "incident.html", filename, source) is None


def test_a_users_template_of_a_default_name_is_read_from_its_own_syntax(tmp_path: Path) -> None:
    (tmp_path / "_time.html").write_text("{{ our_own_name }}", encoding="utf-8")
    env = environment([tmp_path, default_theme_dir()])
    assert template_trees.parsed_template(env, "_time.html").facts.names == frozenset({"our_own_name"})
    shipped = theme_code.shipped_manifest().templates["_banner.html"].facts
    assert template_trees.parsed_template(env, "_banner.html").facts == shipped  # not overridden: the default's
    assert "build_time" in shipped.names


def test_a_default_template_that_differs_from_the_compiled_one_is_compiled(
    monkeypatch: pytest.MonkeyPatch, compiles: list[str]
) -> None:
    shipped = theme_code.shipped_manifest()
    entry = shipped.templates["_time.html"]
    edited = {
        **shipped.templates,
        "_time.html": theme_code.Compiled(entry.module, "0" * 64, entry.messages, entry.facts),
    }
    monkeypatch.setattr(theme_code, "shipped_manifest", lambda: theme_code.Manifest(shipped.compiler, edited))
    environment().get_template("_time.html")
    assert compiles == ["_time.html"]


@pytest.mark.parametrize(
    "change",
    [
        lambda env: setattr(jinja2, "__version__", "9.9.9"),
        lambda env: env.policies.__setitem__("ext.i18n.trimmed", True),
        lambda env: setattr(env, "newstyle_gettext", False),
        lambda env: setattr(env, "finalize", str),
        lambda env: setattr(env, "trim_blocks", False),
    ],
    ids=["jinja version", "i18n policy", "old-style gettext", "finalize", "trim_blocks"],
)
def test_another_jinja_or_other_compile_options_compile_from_source(
    change: Any, monkeypatch: pytest.MonkeyPatch, compiles: list[str]
) -> None:
    env = environment()
    monkeypatch.setattr(jinja2, "__version__", jinja2.__version__)  # restored after the test
    change(env)
    env.get_template("_time.html")
    assert compiles == ["_time.html"]


def test_another_code_generator_compiles_from_source(monkeypatch: pytest.MonkeyPatch, compiles: list[str]) -> None:
    monkeypatch.setattr(theme_code, "_code_generator_digest", lambda: "an edited render.py")
    environment().get_template("_time.html")
    assert compiles == ["_time.html"]


def test_a_translation_that_fails_is_left_to_compiling(compiles: list[str]) -> None:
    env = environment()

    def broken(message: str) -> str:
        raise ValueError(message)

    env.message_function = broken  # type: ignore[attr-defined]
    env.get_template("_footer.html")  # it translates "Atom feed" where it is compiled
    assert compiles == ["_footer.html"]


@pytest.mark.parametrize("module_text", ["def root(context", "name = 'cut short'\n", "\x00"])
def test_a_module_cut_short_or_missing_is_left_to_compiling(
    module_text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compiles: list[str]
) -> None:
    package = tmp_path / "cut"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    shipped = theme_code.shipped_manifest()
    module = shipped.templates["_time.html"].module
    (package / f"{module}.py").write_text(module_text, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(theme_code, "PACKAGE", "cut")
    assert importlib.util.find_spec(f"cut.{module}") is not None
    environment().get_template("_time.html").render()
    monkeypatch.setattr(theme_code, "PACKAGE", "nowhere_at_all")
    environment().get_template("_time.html").render()
    assert compiles == ["_time.html", "_time.html"]


def test_an_error_in_a_compiled_template_names_the_template_file_and_line_as_compiling_does() -> None:
    page = Page(path="index.html", template="incident.html", context={})
    with pytest.raises(ThemeError) as compiled_ahead:
        render_page(environment(), page)
    with pytest.MonkeyPatch.context() as patch:
        nothing_shipped(patch)
        with pytest.raises(ThemeError) as from_source:
            render_page(environment(), page)
    message = str(compiled_ahead.value)
    assert f"template {default_theme_dir()}/" in message and ".html line " in message
    assert message == str(from_source.value)


def test_a_broken_manifest_means_compiling(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text('{"compiler": "x", "templates": {"a.html": {}}}', encoding="utf-8")
    assert theme_code.read_manifest(tmp_path / "manifest.json") == theme_code.NO_MANIFEST
    assert theme_code.read_manifest(tmp_path / "missing.json") == theme_code.NO_MANIFEST
    shipped = json.loads((theme_code.FOLDER / theme_code.MANIFEST_NAME).read_text(encoding="utf-8"))
    for key, value in (("scoped_blocks", "no"), ("names", "build_time"), ("referenced", {"_time.html": 1})):
        broken = json.loads(json.dumps(shipped))
        broken["templates"]["_time.html"]["facts"][key] = value  # a value not of its kind
        (tmp_path / "manifest.json").write_text(json.dumps(broken), encoding="utf-8")
        assert theme_code.read_manifest(tmp_path / "manifest.json") == theme_code.NO_MANIFEST, key


def test_writing_the_package_replaces_its_files_and_removes_old_modules(tmp_path: Path) -> None:
    (tmp_path / "template_old_html_0123.py").write_text("old", encoding="utf-8")
    (tmp_path / "manifest.json").write_text("old", encoding="utf-8")
    files = {"__init__.py": b"", "template_a_html_4567.py": b"new", "manifest.json": b"{}"}
    write_package(tmp_path, files)
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == files
