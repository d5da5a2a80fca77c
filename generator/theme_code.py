"""The default theme's templates compiled ahead, shipped as modules of the package: no process compiles them again.

Jinja compiles each template it loads to Python in every process that
renders: a cron run with one new note compiled 17 templates (about 7% of its
time), and each worker of a full build compiles its own. The default theme is
part of statusgen, so its templates are compiled once, by
`python -m generator.theme_code`, into `generator/default_theme_code/`:
ordinary modules of the package, trusted as the rest of its code is, their
bytecode cached by Python's import system as any module's is. Nothing is
written or read anywhere else: a cache in a user's folder, which a CI cache
restore could fill, ran planted code and was withdrawn (docs/incremental-builds.md).

A compiled template is used only when it is exactly what compiling would
give: the template found on the search path is the default theme's own file,
its text has the digest the manifest records, and Jinja's version and the
environment's compile options are those it was compiled with. Otherwise the
template is compiled from its source, as before. tests/test_theme_code.py
checks that the shipped modules are what this module makes of the theme now.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2

PACKAGE = "generator.default_theme_code"
MANIFEST_NAME = "manifest.json"
_FOLDER = Path(__file__).with_name("default_theme_code")


@dataclass(frozen=True, slots=True)
class Compiled:
    """One template's compiled module: its name in PACKAGE, its source's digest, the messages it translates."""

    module: str
    source_sha256: str
    messages: tuple[str, ...]


class ThemeLoader(jinja2.FileSystemLoader):
    """Jinja's FileSystemLoader (the first match on the search path wins), taking a default template's code
    from its compiled module when that is exactly what compiling it would give."""

    def __init__(self, search_path: list[str], default_theme: str) -> None:
        super().__init__(search_path)
        self._default_theme = os.path.normpath(default_theme)

    def load(
        self, environment: jinja2.Environment, name: str, globals: MutableMapping[str, Any] | None = None
    ) -> jinja2.Template:
        source, filename, uptodate = self.get_source(environment, name)
        code = None
        if os.path.dirname(filename) == self._default_theme:
            code = compiled_code(environment, name, filename, source)
        if code is None:
            code = environment.compile(source, name, filename)
        return environment.template_class.from_code(environment, code, {} if globals is None else globals, uptodate)


def compiled_code(environment: jinja2.Environment, name: str, filename: str, source: str) -> CodeType | None:
    """The template's code from its compiled module, named by `filename`; None where it must be compiled."""
    manifest = _manifest()
    compiled = manifest.templates.get(name)
    if compiled is None or manifest.compiler != compiler_key(environment):
        return None
    if compiled.source_sha256 != _digest(source):
        return None
    if not _translated(environment, compiled.messages):
        return None
    spec = importlib.util.find_spec(f"{PACKAGE}.{compiled.module}")
    if spec is None or spec.loader is None or not hasattr(spec.loader, "get_code"):
        return None
    code = spec.loader.get_code(spec.name)
    return _named(code, filename) if isinstance(code, CodeType) else None


def _translated(environment: jinja2.Environment, messages: tuple[str, ...]) -> bool:
    """Each constant message the code looks up, translated for this build as compiling would have
    (render._CodeGenerator); False if one fails, where the compiled call would differ."""
    function: Callable[[str], str] | None = getattr(environment, "message_function", None)
    found: dict[str, str] | None = getattr(environment, "messages", None)
    if function is None or found is None:
        return not messages
    try:
        translated = {message: function(message) for message in messages}
    except (KeyError, TypeError, ValueError):
        return False
    found.update(translated)
    return True


def _named(code: CodeType, filename: str) -> CodeType:
    """The code with every function in it named after the template file, as compiling it names them:
    Jinja's tracebacks and render._failing_place read the template's place from there."""
    constants = tuple(_named(item, filename) if isinstance(item, CodeType) else item for item in code.co_consts)
    return code.replace(co_filename=filename, co_consts=constants)


def compiler_key(environment: jinja2.Environment) -> str:
    """What the generated code depends on besides the template: Jinja's version and the compile options."""
    options = (
        jinja2.__version__,
        type(environment).__qualname__,
        environment.code_generator_class.__qualname__,
        environment.block_start_string,
        environment.block_end_string,
        environment.variable_start_string,
        environment.variable_end_string,
        environment.comment_start_string,
        environment.comment_end_string,
        environment.line_statement_prefix,
        environment.line_comment_prefix,
        environment.trim_blocks,
        environment.lstrip_blocks,
        environment.newline_sequence,
        environment.keep_trailing_newline,
        environment.optimized,
        repr(environment.autoescape),
        sorted(environment.extensions),
    )
    return _digest(json.dumps(options))


@dataclass(frozen=True, slots=True)
class Manifest:
    compiler: str
    templates: Mapping[str, Compiled]


_EMPTY = Manifest("", {})
_loaded: list[Manifest] = []


def _manifest() -> Manifest:
    """The shipped manifest, read once per process; an empty one if it is missing or unreadable."""
    if not _loaded:
        _loaded.append(_read_manifest(_FOLDER / MANIFEST_NAME))
    return _loaded[0]


def _read_manifest(path: Path) -> Manifest:
    try:
        document = json.loads(path.read_bytes())
        templates = {
            name: Compiled(entry["module"], entry["source_sha256"], tuple(entry["messages"]))
            for name, entry in document["templates"].items()
        }
        return Manifest(str(document["compiler"]), templates)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return _EMPTY


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def module_name(template: str) -> str:
    """`incident.html` -> `template_incident_html`: a template's module in PACKAGE."""
    name = "template_" + template.replace(".", "_").replace("-", "_")
    if not name.isidentifier():
        raise ValueError(f"template {template!r} has no module name")
    return name


def compile_default_theme() -> dict[str, bytes]:
    """Every template of the default theme compiled: the files of the package PACKAGE, by name."""
    from zoneinfo import ZoneInfo

    from generator.formats import Formats
    from generator.i18n import ENGLISH
    from generator.render import make_environment
    from generator.themes import default_theme_dir, theme_assets

    search_path = [default_theme_dir()]
    environment = make_environment(search_path, theme_assets(search_path, None), Formats(ENGLISH, ZoneInfo("UTC")))
    messages: dict[str, str] = getattr(environment, "messages")  # noqa: B009 - render._Environment's
    package_doc = '"""The default theme\'s templates, compiled by `python -m generator.theme_code`: do not edit."""\n'
    files: dict[str, bytes] = {"__init__.py": package_doc.encode()}
    templates = {}
    for name in sorted(n for n in environment.list_templates() if "/" not in n):
        source, filename, _ = environment.loader.get_source(environment, name)  # type: ignore[union-attr]
        messages.clear()  # what this template's code looks up (render._CodeGenerator fills it)
        code = environment.compile(source, name, filename, raw=True)
        module = module_name(name)
        if f"{module}.py" in files:
            raise ValueError(f"two templates would share the module {module}")
        # The note goes last: Jinja's debug_info maps the code's line numbers to the template's.
        note = f"# The default theme's {name}, compiled by `python -m generator.theme_code`: do not edit.\n"
        files[f"{module}.py"] = (code + "\n" + note).encode("utf-8")
        templates[name] = {"module": module, "source_sha256": _digest(source), "messages": sorted(messages)}
    manifest = {"compiler": compiler_key(environment), "templates": templates}
    files[MANIFEST_NAME] = (json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()
    return files


def main() -> None:
    """Write the compiled default theme into the package, replacing what was there."""
    files = compile_default_theme()
    _FOLDER.mkdir(exist_ok=True)
    for old in _FOLDER.glob("*"):
        if old.is_file() and old.name not in files:
            old.unlink()
    for name, content in files.items():
        (_FOLDER / name).write_bytes(content)
    sys.stderr.write(f"wrote {len(files) - 2} compiled templates to {_FOLDER}\n")


if __name__ == "__main__":
    main()
