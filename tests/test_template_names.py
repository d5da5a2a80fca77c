"""What a page template can show: the context names its page cache key covers (render.referenced_names)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jinja2
import pytest

from generator.errors import ThemeError
from generator.formats import Formats
from generator.i18n import ENGLISH
from generator.render import FileNames, make_environment, referenced_names

THEME = {
    "base.html": "<title>{{ site.title }}</title>{% block content %}{% endblock %}",
    "_part.html": "{{ shared }}{% for item in items %}{{ item.name }}{% endfor %}",
    "one.html": '{% extends "base.html" %}{% block content %}{{ first }}{% include "_part.html" %}{% endblock %}',
    "two.html": '{% extends "base.html" %}{% block content %}{% include "_part.html" %}{{ second }}{% endblock %}',
    "computed.html": '{% include "_part.html" %}{% include which %}',
    "broken.html": '{% include "_part.html" %}{% include "_missing.html" %}',
}


def environment(folder: Path) -> tuple[jinja2.Environment, Counter[str]]:
    """An environment on THEME that counts how often each file is parsed."""
    for name, source in THEME.items():
        (folder / name).write_text(source)
    made = make_environment([folder], {}, Formats(ENGLISH, ZoneInfo("UTC")))
    parsed: Counter[str] = Counter()
    parse = made.parse

    def counting_parse(source: str, name: str | None = None, filename: str | None = None) -> Any:
        parsed[name or ""] += 1
        return parse(source, name, filename)

    made.parse = counting_parse  # type: ignore[method-assign]
    return made, parsed


def test_a_template_shows_its_own_names_and_those_of_what_it_extends_and_includes(tmp_path: Path) -> None:
    made, _ = environment(tmp_path)
    assert referenced_names(made, "one.html") == frozenset({"site", "first", "shared", "items"})
    assert referenced_names(made, "two.html") == frozenset({"site", "second", "shared", "items"})


def test_each_file_is_parsed_once_per_environment_and_the_names_are_the_same_with_a_memo(tmp_path: Path) -> None:
    """The build's checks of its theme (template_trees.parsed_template) share each file's tree: parsing is per file."""
    made, parsed = environment(tmp_path)
    alone = {name: referenced_names(made, name) for name in ("one.html", "two.html", "computed.html")}
    assert set(parsed.values()) == {1}
    assert set(parsed) == {"one.html", "two.html", "computed.html", "base.html", "_part.html"}
    parsed.clear()
    files: dict[str, FileNames] = {}
    shared = {name: referenced_names(made, name, files) for name in ("one.html", "two.html", "computed.html")}
    assert shared == alone
    assert not parsed
    (tmp_path / "other").mkdir()
    other, parsed_again = environment(tmp_path / "other")  # another build's environment parses on its own
    assert referenced_names(other, "one.html") == alone["one.html"] and parsed_again["base.html"] == 1


def test_a_later_build_parses_only_the_files_that_changed_or_a_syntax_it_has_not_seen(tmp_path: Path) -> None:
    """A process that builds again and again (`statusgen serve`, the tests) keeps each file's parse for the next
    environment, keyed by the file's text and the environment's syntax (template_trees._RECENT)."""
    first, _ = environment(tmp_path)
    names = referenced_names(first, "one.html")
    later, parsed = environment(tmp_path)
    assert referenced_names(later, "one.html") == names and not parsed
    changed, parsed = environment(tmp_path)
    (tmp_path / "_part.html").write_text("{{ shared }}{{ extra }}")
    assert referenced_names(changed, "one.html") == frozenset({"site", "first", "shared", "extra"})
    assert parsed == Counter({"_part.html": 1})
    other_syntax, parsed = environment(tmp_path)
    other_syntax.variable_start_string, other_syntax.variable_end_string = "[[", "]]"
    # "{{ second }}" and the others are now only text; the loop's `items` is still read.
    assert referenced_names(other_syntax, "two.html") == frozenset({"items"})
    assert parsed == Counter({"two.html": 1, "base.html": 1, "_part.html": 1})
    with_a_global, parsed = environment(tmp_path)
    with_a_global.globals["first"] = "a global"  # find_undeclared_variables leaves the globals out
    assert referenced_names(with_a_global, "one.html") == frozenset({"site", "shared", "items"})
    assert parsed == Counter({"one.html": 1, "base.html": 1, "_part.html": 1})


def test_an_include_by_a_computed_name_means_any_name_may_matter_also_from_the_memo(tmp_path: Path) -> None:
    made, _ = environment(tmp_path)
    files: dict[str, FileNames] = {}
    assert referenced_names(made, "computed.html", files) is None
    assert referenced_names(made, "computed.html", files) is None
    assert referenced_names(made, "one.html", files) == frozenset({"site", "first", "shared", "items"})


def test_a_missing_partial_is_one_clear_error_each_time(tmp_path: Path) -> None:
    made, _ = environment(tmp_path)
    files: dict[str, FileNames] = {}
    for _ in range(2):
        with pytest.raises(ThemeError, match=r"^the theme has no template _missing\.html$"):
            referenced_names(made, "broken.html", files)
