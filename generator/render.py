"""Rendering pages with Jinja2: returns bytes, never writes.

Autoescaping is on for every template and undefined names are errors, so a
theme cannot print untrusted text unescaped or silently drop a value by typo.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Mapping, MutableMapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from markupsafe import Markup, escape

try:  # markupsafe's own escaping of a str, the core of its escape(), without wrapping the result in Markup
    from markupsafe._speedups import _escape_inner
except ImportError:  # pragma: no cover - markupsafe without its C speedups escapes in Python
    try:
        from markupsafe._native import _escape_inner
    except ImportError:  # a markupsafe whose internals moved: its public escape, a little slower

        def _escape_inner(value: str, /) -> str:
            return str(escape(value))


from generator import __version__
from generator.dates import format_datetime
from generator.errors import ThemeError
from generator.formats import Formats
from generator.growing_check import shows_growth_plainly
from generator.growing_text import duration_filter, starts_in_filter, unmark
from generator.template_trees import parsed_template
from generator.theme_code import ThemeLoader
from generator.themes import Asset, default_theme_dir
from generator.views import Page


def make_environment(search_path: list[Path], assets: Mapping[str, Asset], formats: Formats) -> jinja2.Environment:
    """One environment per build: templates are compiled once and cached.

    Jinja's i18n extension with new-style gettext: `{{ _("text") }}`,
    `{{ _("%(n)s more", n=x) }}` and `{{ ngettext("%(num)d day", "%(num)d days", n) }}`
    are escaped and formatted like any other value.
    """
    environment = _Environment(
        loader=ThemeLoader([str(path) for path in search_path], str(default_theme_dir())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        cache_size=-1,
        extensions=["jinja2.ext.i18n"],
    )
    environment.install_gettext_translations(formats.language.translations, newstyle=True)  # type: ignore[attr-defined]
    messages = _fast_gettext(formats.language.translations)
    environment.globals.update(messages)
    environment.message_function, environment.messages = messages["_"], {}
    environment.filters.update(
        {
            "iso": format_datetime,
            "local_time": formats.local_time,
            "local_clock": formats.local_clock,
            "local_date": formats.local_date,
            "medium_date": formats.medium_date,
            "long_date": formats.long_date,
            "short_date": formats.short_date,
            "month_name": formats.month_name,
            "duration": duration_filter(formats.duration),
            "starts_in": starts_in_filter(formats.starts_in),
            "decimal": formats.decimal,
            "percent": formats.percent,
        }
    )
    environment.globals["statusgen_version"] = __version__
    environment.globals["asset"] = lambda name: _asset_path(assets, name)
    environment.globals["language"] = formats.language.tag
    environment.globals["weekdays"] = formats.weekdays()
    return environment


def _escaped(value: object, /) -> str:
    """What `{{ value }}` prints with autoescaping: markupsafe's escape, without making a Markup of the result.

    What a template prints is only ever joined into the page, so its type
    does not matter, and building a Markup object for each of the 1.7 million
    values the benchmark's pages print was a tenth of their rendering: a
    Markup value (a translation, a macro's output, a rendered note) is
    printed as it is, a str escaped by markupsafe's own function, anything
    else by markupsafe's escape, as before.
    """
    kind = type(value)
    if kind is Markup:
        return value  # type: ignore[return-value]
    if kind is str:
        return _escape_inner(value)  # type: ignore[arg-type]
    return escape(value)


class _CodeGenerator(CodeGenerator):
    """Jinja's code generator, with two shortcuts that print the same.

    `{{ value }}` is escaped by `_escaped` where autoescaping is on. `_("text")`
    and `gettext("text")`, a message without values, become the message
    translated once, when the template is compiled: a page has dozens, and
    each call went through Jinja's Context.call, 8% of the pages' rendering.
    The translation is used only while the name still means the build's own
    function when the page renders (a theme may bind `_` to something else);
    otherwise the call is made as Jinja makes it.
    """

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape:
            super()._output_child_pre(node, frame, finalize)
            return
        self.write("environment.escaped(")  # `environment` is a global of every compiled template
        if finalize.src is not None:
            self.write(finalize.src)

    def visit_Call(self, node: nodes.Call, frame: Frame, forward_caller: bool = False) -> None:
        message = _constant_message(node)
        environment = self.environment
        if message is None or forward_caller or not isinstance(environment, _Environment):
            super().visit_Call(node, frame, forward_caller=forward_caller)
            return
        try:
            environment.messages[message] = environment.message_function(message)
        except (KeyError, TypeError, ValueError):  # a broken translation fails where it is rendered, as before
            super().visit_Call(node, frame, forward_caller=forward_caller)
            return
        self.write(f"(environment.messages[{message!r}] if ")
        self.visit(node.node, frame)
        self.write(" is environment.message_function else ")
        super().visit_Call(node, frame, forward_caller=forward_caller)
        self.write(")")


def _constant_message(node: nodes.Call) -> str | None:
    """The text of `_("text")` or `gettext("text")` (no values, nothing computed), else None."""
    name, args = node.node, node.args
    if not isinstance(name, nodes.Name) or name.name not in ("_", "gettext") or len(args) != 1:
        return None
    if node.kwargs or node.dyn_args is not None or node.dyn_kwargs is not None:
        return None
    text = args[0].value if isinstance(args[0], nodes.Const) else None
    return text if type(text) is str else None


class _Environment(jinja2.Environment):
    code_generator_class = _CodeGenerator
    escaped = staticmethod(_escaped)

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        """A template's globals as one dict, not Jinja's ChainMap over the environment's.

        Every include and macro call makes a Context, which copies the keys of
        its template's globals; walking a ChainMap for them cost more than the
        rest of making the Context. The environment's globals are all set in
        make_environment, before any template is loaded, so a copy sees the same.
        """
        return {**self.globals, **(d or {})}

    # Set by make_environment: the `_` templates call, and the messages it gave at compile time.
    message_function: Callable[[str], str]
    messages: dict[str, str]


def _fast_gettext(translations: gettext.NullTranslations) -> dict[str, Callable[..., str]]:
    """`_`, `gettext` and `ngettext` as Jinja's new-style ones behave, each message looked up once per build.

    Jinja's own go through the template context on every call; a site of
    ten thousand pages makes hundreds of thousands of calls, and that cost a
    tenth of the rendering. Same result: the translation is trusted markup, the
    values are escaped as they are filled in, and `num` is the count.
    """
    # A theme's catalogs are trusted as its templates are, so a translation is markup (as in Jinja's own).
    singular: dict[str, Markup] = {}
    constant: dict[str, Markup] = {}  # messages without values, filled in once ("%%" is "%" there too)

    # Positional-only: a message's values may be named like the parameters (`{% trans count=n %}`).
    def gettext_(message: str, /, **values: Any) -> str:
        if not values and message in constant:
            return constant[message]
        translated = singular.get(message)
        if translated is None:
            translated = singular[message] = Markup(translations.gettext(message))  # noqa: S704
        if values:
            return translated % values
        constant[message] = translated % values
        return constant[message]

    def ngettext_(one: str, many: str, count: int, /, **values: Any) -> str:
        values.setdefault("num", count)
        return Markup(translations.ngettext(one, many, count)) % values  # noqa: S704

    return {"_": gettext_, "gettext": gettext_, "ngettext": ngettext_}


FileNames = tuple[frozenset[str], tuple[str | None, ...]]
"""One template file's own context names, and the templates it extends or includes (None: a computed name)."""


def referenced_names(
    environment: jinja2.Environment, template_name: str, files: dict[str, FileNames] | None = None
) -> frozenset[str] | None:
    """The context names a template and everything it extends or includes can show.

    None when a template includes another by a computed name: then any name
    may matter. A page's cache key covers exactly these names, so a theme that
    shows the build time on every page gets every page rendered every time.
    `files`, when given, keeps each file's names for the next call with the same
    environment: page templates share their base and partials, and each file
    is then parsed once per build instead of once per page template using it.
    """
    files = {} if files is None else files
    names: set[str] = set()
    pending, seen = [template_name], set()
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        if name not in files:
            files[name] = _file_names(environment, name)
        own, referenced = files[name]
        names |= own
        if None in referenced:
            return None
        pending.extend(reference for reference in referenced if reference is not None)
    return frozenset(names)


def _file_names(environment: jinja2.Environment, name: str) -> FileNames:
    try:
        parsed = parsed_template(environment, name)
    except _LOADING_ERRORS as exc:
        raise _loading_error(exc, f"template {name}") from None
    return parsed.facts.names, parsed.facts.referenced


def render_page(environment: jinja2.Environment, page: Page) -> bytes:
    """The page's HTML as UTF-8 bytes; anything that goes wrong inside a template is a ThemeError.

    A user's theme can fail in many ways (a syntax error, an undefined name, a
    division by zero, a file that is not UTF-8): each is told as the template
    file and line where it happened, not as a bug of statusgen's.
    """
    try:
        template = environment.get_template(page.template)
        trusted = lambda: shows_growth_plainly(environment, page.template)  # noqa: E731 - asked only if needed
        return unmark(lambda: template.render(page.context), page.template, trusted).encode("utf-8")
    except ThemeError:
        raise
    except _LOADING_ERRORS as exc:
        raise _loading_error(exc, f"a template of page {page.template}") from None
    except Exception as exc:  # noqa: BLE001 - a template may run into any error; its place is what helps
        raise ThemeError(f"{_failing_place(exc, page.template)}: {_error_text(exc)}") from None


# What goes wrong when a template is found, read and parsed, before anything renders.
_LOADING_ERRORS = (jinja2.TemplateNotFound, jinja2.TemplateSyntaxError, UnicodeDecodeError)


def _loading_error(exc: Exception, unreadable: str) -> ThemeError:
    """The one-line error for a template that is missing, has a syntax error, or (`unreadable`) is not UTF-8."""
    if isinstance(exc, jinja2.TemplateNotFound):
        return ThemeError(f"the theme has no template {exc.name}")
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return ThemeError(f"template {exc.filename or exc.name} line {exc.lineno}: {exc.message}")
    return ThemeError(f"{unreadable} is not UTF-8 text")


def _failing_place(exc: BaseException, page_template: str) -> str:
    """The innermost template frame of the error's traceback, as in 'template /theme/_footer.html line 3'.

    Jinja gives a template's frames the template's file name and line, so the
    file at fault is found even when a page template only includes it.
    """
    place = f"template {page_template}"
    trace = exc.__traceback__
    while trace is not None:
        code = trace.tb_frame.f_code
        if code.co_name in _TEMPLATE_FRAME_NAMES or code.co_filename.endswith(_TEMPLATE_SUFFIXES):
            place = f"template {code.co_filename} line {trace.tb_lineno}"
        trace = trace.tb_next
    return place


def _error_text(exc: BaseException) -> str:
    if isinstance(exc, jinja2.TemplateError) and exc.message:
        return exc.message
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


# Jinja names a template's frames "top-level template code", "block 'content'", "template".
_TEMPLATE_FRAME_NAMES = frozenset({"top-level template code", "template"})
_TEMPLATE_SUFFIXES = (".html", ".xml", ".txt", ".svg")


def _asset_path(assets: Mapping[str, Asset], name: str) -> str:
    """`{{ root }}{{ asset('style.css') }}` in a template: the hashed name of a static file."""
    if name not in assets:
        raise ThemeError(f"the theme has no static file {name!r}")
    return assets[name].path
