"""The default theme's templates compiled ahead, shipped as modules of the package: no process compiles them again.

Jinja compiles each template it loads to Python in every process that
renders: a cron run with one new note compiled 17 templates (about 7% of its
time), and each worker of a full build compiles its own. The default theme is
part of statusgen, so its templates are compiled once, by
`python -m generator.theme_compile`, into `generator/default_theme_code/`:
ordinary modules of the package, trusted as the rest of its code is, their
bytecode cached by Python's import system as any module's is. Nothing is
written or read anywhere else: a cache in a user's folder, which a CI cache
restore could fill, ran planted code and was withdrawn (docs/incremental-builds.md).

A compiled template is used only when it is exactly what compiling would
give: the template found on the search path is the default theme's own file,
its text has the digest the manifest records, and Jinja's and MarkupSafe's
versions, the environment's compile options and render.py's code generator
are those it was compiled with. Otherwise, or when its module cannot be read,
the template is compiled from its source, as before. A module's name holds
the digest of the source and of the compiler it was made from, so a module
always holds what its name says. tests/test_theme_code.py checks that the
shipped modules are what the theme compiles to now, in every language.

The manifest also holds the facts of each template's syntax that the build's
theme checks read (template_facts.py), so that a build with the default theme
parses none of its files. They are used where the compiled code is, and only
when facts_key is theirs too (shipped_facts); otherwise the file is parsed.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2
from jinja2.utils import internalcode

from generator.build_inputs import digest_of, installed_version, snapshot_digest
from generator.template_facts import TemplateFacts, facts_environment, facts_from_json, outside_names

PACKAGE = "generator.default_theme_code"
MANIFEST_NAME = "manifest.json"
FOLDER = Path(__file__).with_name("default_theme_code")
_CODE_GENERATOR = Path(__file__).with_name("render.py")  # render._CodeGenerator and make_environment's options
_FACTS_CODE = Path(__file__).with_name("template_facts.py")  # what finds a template's facts


@dataclass(frozen=True, slots=True)
class Compiled:
    """One template's compiled module: its name in PACKAGE, its source's digest, the messages it translates."""

    module: str
    source_digest: str  # build_inputs.digest_of its text
    messages: tuple[str, ...]
    facts: TemplateFacts  # what the build's checks read from its syntax (template_facts.py)


@dataclass(frozen=True, slots=True)
class Manifest:
    """What the shipped modules were compiled from: the compiler's key, and each template's module."""

    compiler: str
    templates: Mapping[str, Compiled]
    facts_key: str = ""  # what the templates' facts were found with (facts_key)


NO_MANIFEST = Manifest("", {})


class ThemeLoader(jinja2.FileSystemLoader):
    """Jinja's FileSystemLoader (the first match on the search path wins), taking a default template's code
    from its compiled module when that is exactly what compiling it would give."""

    def __init__(self, search_path: list[str], default_theme: str) -> None:
        super().__init__(search_path)
        self._default_theme = os.path.normpath(default_theme)

    def is_default_theme_file(self, filename: str) -> bool:
        """Whether the loader found a template in the default theme's own folder."""
        return os.path.dirname(filename) == self._default_theme

    @internalcode
    def load(
        self, environment: jinja2.Environment, name: str, globals: MutableMapping[str, Any] | None = None
    ) -> jinja2.Template:
        source, filename, uptodate = self.get_source(environment, name)
        namespace = {} if globals is None else globals
        if self.is_default_theme_file(filename):
            code = compiled_code(environment, name, filename, source)
            if code is not None:
                try:
                    return environment.template_class.from_code(environment, code, namespace, uptodate)
                except (KeyError, NameError, AttributeError, TypeError):
                    pass  # not a whole compiled template: compiled from its source below
        code = environment.compile(source, name, filename)
        return environment.template_class.from_code(environment, code, namespace, uptodate)


def compiled_code(environment: jinja2.Environment, name: str, filename: str, source: str) -> CodeType | None:
    """The template's code from its compiled module, named by `filename`; None where it must be compiled."""
    manifest = shipped_manifest()
    compiled = manifest.templates.get(name)
    if compiled is None or compiled.source_digest != digest_of(source):
        return None
    if manifest.compiler != compiler_key(environment):
        return None
    if not _translated(environment, compiled.messages):
        return None
    try:
        spec = importlib.util.find_spec(f"{PACKAGE}.{compiled.module}")
        code = spec.loader.get_code(spec.name) if spec is not None and spec.loader is not None else None  # type: ignore[attr-defined]
    except (ImportError, OSError, SyntaxError, ValueError, EOFError, AttributeError):
        return None  # a module missing, unreadable or cut short
    return _named(code, filename) if isinstance(code, CodeType) else None


def shipped_facts(
    environment: jinja2.Environment, name: str, filename: str | None, source: str
) -> TemplateFacts | None:
    """The facts shipped for a default template (template_facts.py), when they are exactly what its syntax gives:
    the file is the default theme's own, its text and the environment's compile options (which cover its
    syntax and Jinja's version) are those it was compiled with, and so are the code that found them and
    the names the environment knows (facts_key).
    None otherwise: the template is parsed."""
    loader = environment.loader
    if filename is None or not isinstance(loader, ThemeLoader) or not loader.is_default_theme_file(filename):
        return None
    manifest = shipped_manifest()
    compiled = manifest.templates.get(name)
    if compiled is None or compiled.source_digest != digest_of(source):
        return None
    if manifest.facts_key != facts_key(environment) or manifest.compiler != compiler_key(environment):
        return None
    return compiled.facts


def facts_key(environment: jinja2.Environment) -> str:
    """What a template's facts depend on besides its text and the compile options: the code that finds them,
    the names it reads from other modules, and the names the environment knows (template_facts.py)."""
    parts = [
        facts_code_digest(),
        list(outside_names()),
        [list(part) if isinstance(part, tuple) else part for part in facts_environment(environment)],
    ]
    return digest_of(json.dumps(parts))


@functools.cache
def facts_code_digest() -> str:
    """The digest of template_facts.py: facts found by other code are found again."""
    try:
        return snapshot_digest(_FACTS_CODE.read_bytes())
    except OSError:
        return "unreadable"  # never a manifest's: nothing shipped is used


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
    """What the generated code depends on besides the template: the libraries' versions, the compile options
    and the code generator (render.py, whose every edit asks for `python -m generator.theme_compile`)."""
    options = (
        jinja2.__version__,
        installed_version("markupsafe"),
        _qualified(type(environment)),
        _qualified(environment.code_generator_class),
        _code_generator_digest(),
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
        environment.is_async,
        repr(environment.autoescape),
        _qualified(environment.finalize) if environment.finalize is not None else None,
        bool(getattr(environment, "newstyle_gettext", False)),
        sorted((key, repr(value)) for key, value in environment.policies.items()),
        sorted(environment.extensions),
    )
    return digest_of(json.dumps(options))


def _qualified(value: Any) -> str:
    return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', repr(value))}"


@functools.cache
def _code_generator_digest() -> str:
    try:
        return snapshot_digest(_CODE_GENERATOR.read_bytes())
    except OSError:
        return ""  # no source to compare: nothing shipped is used


@functools.cache
def shipped_manifest() -> Manifest:
    """The shipped manifest, read once per process (a module's name says what it holds); none if unreadable."""
    return read_manifest(FOLDER / MANIFEST_NAME)


def read_manifest(path: Path) -> Manifest:
    try:
        document = json.loads(path.read_bytes())
        templates = {
            name: Compiled(
                entry["module"], entry["source_digest"], tuple(entry["messages"]), facts_from_json(entry["facts"])
            )
            for name, entry in document["templates"].items()
        }
        return Manifest(str(document["compiler"]), templates, str(document["facts_key"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return NO_MANIFEST


def module_name(template: str, source_digest: str, compiler: str) -> str:
    """`incident.html` -> `template_incident_html_<digest>`: its module in PACKAGE, named by what it is made from."""
    name = "template_" + template.replace(".", "_").replace("-", "_")
    if not name.isidentifier():
        raise ValueError(f"template {template!r} has no module name")
    return f"{name}_{digest_of(source_digest, compiler)}"
