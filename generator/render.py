"""Rendering pages with Jinja2: returns bytes, never writes.

Autoescaping is on for every template and undefined names are errors, so a
theme cannot print untrusted text unescaped or silently drop a value by typo.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path

import jinja2
import jinja2.meta

from generator import __version__
from generator.dates import format_datetime, in_zone
from generator.errors import ThemeError
from generator.themes import Asset
from generator.views import Page


def make_environment(search_path: list[Path], zone: tzinfo, assets: Mapping[str, Asset]) -> jinja2.Environment:
    """One environment per build: templates are compiled once and cached."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(path) for path in search_path]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        cache_size=-1,
    )
    environment.filters.update(
        {
            "iso": format_datetime,
            "local_time": lambda moment: _date_and_time(in_zone(moment, zone)),
            "local_clock": lambda moment: f"{in_zone(moment, zone):%H:%M}",
            "local_date": lambda moment: _day_month_year(in_zone(moment, zone)),
            "long_date": lambda day: f"{day:%A}, {day.day} {day:%B %Y}",
            "short_date": lambda day: f"{day:%a}, {day.day} {day:%b %Y}",
            "month_name": lambda day: day.strftime("%B %Y"),
            "duration": format_duration,
        }
    )
    environment.globals["statusgen_version"] = __version__
    environment.globals["asset"] = lambda name: _asset_path(assets, name)
    return environment


def referenced_names(environment: jinja2.Environment, template_name: str) -> frozenset[str] | None:
    """The context names a template and everything it extends or includes can show.

    None when a template includes another by a computed name: then any name
    may matter. A page's cache key covers exactly these names, so a theme that
    shows the build time on every page gets every page rendered every time.
    """
    names: set[str] = set()
    pending, seen = [template_name], set()
    name = template_name
    try:
        while pending:
            name = pending.pop()
            if name in seen:
                continue
            seen.add(name)
            source = environment.loader.get_source(environment, name)[0]  # type: ignore[union-attr]
            tree = environment.parse(source, name=name)
            names |= jinja2.meta.find_undeclared_variables(tree)
            for referenced in jinja2.meta.find_referenced_templates(tree):
                if referenced is None:
                    return None
                pending.append(referenced)
    except _LOADING_ERRORS as exc:
        raise _loading_error(exc, f"template {name}") from None
    return frozenset(names)


def render_page(environment: jinja2.Environment, page: Page) -> bytes:
    """The page's HTML as UTF-8 bytes; anything that goes wrong inside a template is a ThemeError.

    A user's theme can fail in many ways (a syntax error, an undefined name, a
    division by zero, a file that is not UTF-8): each is told as the template
    file and line where it happened, not as a bug of statusgen's.
    """
    try:
        template = environment.get_template(page.template)
        return template.render(page.context).encode("utf-8")
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


def format_duration(span: timedelta) -> str:
    """'2 h 5 min', '3 d 4 h', '45 min', '< 1 min': short and unambiguous."""
    minutes = int(span.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} d {hours} h" if hours else f"{days} d"
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{minutes} min" if minutes else "< 1 min"


def _asset_path(assets: Mapping[str, Asset], name: str) -> str:
    """`{{ root }}{{ asset('style.css') }}` in a template: the hashed name of a static file."""
    if name not in assets:
        raise ThemeError(f"the theme has no static file {name!r}")
    return assets[name].path


def _date_and_time(moment: datetime) -> str:
    """'9 Nov 2026, 06:42 CET': the zone's abbreviation says which clock the reader sees."""
    return f"{_day_month_year(moment)}, {moment.hour:02d}:{moment.minute:02d} {moment.tzname() or ''}"


# English whatever the machine's locale; and f-strings are several times faster than strftime,
# which every page calls for each of its times.
_MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day_month_year(day: date) -> str:
    """'9 Nov 2026': no leading zero, the same on every platform (unlike strftime's %-d)."""
    return f"{day.day} {_MONTH_ABBREVIATIONS[day.month - 1]} {day.year}"
