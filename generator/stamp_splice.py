"""A page that shows the build time, remade at a later time by replacing only the partials that show it.

The home page shows when it was updated (`_banner.html`, `_live_head.html`);
the rest of it shows the plan. When the plan did not change (clock_rebuild.py),
the page at a later time is the page as built with each such partial's output
replaced by the partial rendered at the later time. That holds when:
- no template of the page but those partials names the build time, and each
  is only ever included (an include's output is one piece of the page), not
  inside a loop, a `with`, a filter, a macro or a scoped block;
- each partial reads only names every page has (site.restamp_context), which
  a cron run can give without the incidents, and no template of the page binds
  one of them (set, import, macro, loop or `with` target);
- each partial's output occurs exactly once in the page.
The build checks the first two from the templates' syntax, and all of it by
doing it: the page rendered at two distant times (half an hour and half a day
apart) must equal the page remade from it. A page that fails any check is not
remade: every cron run then builds the whole site.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

import jinja2

from generator.byte_edits import Edit, apply_edits
from generator.render import referenced_names, render_page
from generator.restamp import BUILD_TIME
from generator.template_facts import TemplateFacts
from generator.template_trees import parsed_template
from generator.views import Page

# What site.restamp_context gives: the names of every page's context that are not its own views.
RESTAMP_NAMES = frozenset(
    {"site", "status", "build_time", "zone", "has_maintenance", "path", "root", "canonical", "feeds"}
)
# Far from any build time in every field, so that whatever a partial shows of the time differs;
# two, half an hour and half a day apart, so that a branch on the minute or the hour is taken both ways.
_PROBE_OFFSETS = (
    timedelta(days=400, hours=13, minutes=17, seconds=29, microseconds=123457),
    timedelta(days=219, hours=1, minutes=47, seconds=3, microseconds=654321),
)


def stamp_partials(environment: jinja2.Environment, template: str) -> tuple[str, ...] | None:
    """The partials of `template` that name the build time, if the page can be remade from them; else None."""
    files = _template_files(environment, template)
    if files is None:
        return None
    partials = sorted(name for name, file in files.items() if BUILD_TIME in file.names)
    if template in partials:
        return None
    read: set[str] = set()
    for partial in partials:
        shown = referenced_names(environment, partial)
        if shown is None or not (shown - set(environment.globals)) <= RESTAMP_NAMES:
            return None
        read |= shown
    for name, file in files.items():
        if any(reference in partials and kind != "Include" for kind, reference in file.references or ()):
            return None  # extended or imported: its output is not one piece of the page
        if file.scoped_includes & set(partials) or file.scoped_blocks:
            return None  # inside a loop, a `with`, a filter, a macro or a scoped block: it may see other values
        if name not in partials and file.assigned & read:
            return None  # a name it reads is set by a template around it, not given by the page
    return tuple(partials)


def render_stamps(environment: jinja2.Environment, partials: Sequence[str], context: Mapping[str, Any]) -> list[bytes]:
    """Each partial rendered alone, as an include renders it inside the page."""
    return [environment.get_template(name).render(context).encode("utf-8") for name in partials]


def splice(html: bytes, old: Sequence[bytes], new: Sequence[bytes]) -> bytes | None:
    """`html` with each `old` piece replaced by its `new` one; None unless each occurs exactly once, apart."""
    edits = splice_edits(html, old, new)
    done = apply_edits(html, edits) if edits is not None else None
    return done[0] if done is not None else None


def splice_edits(html: bytes, old: Sequence[bytes], new: Sequence[bytes]) -> list[Edit] | None:
    """The edits that replace each `old` piece by its `new` one; None unless each occurs exactly once."""
    edits = []
    for piece, replacement in zip(old, new, strict=True):
        start = html.find(piece)
        if not piece or start < 0 or html.find(piece, start + 1) >= 0:
            return None
        edits.append((start, start + len(piece), replacement))
    return edits


def can_restamp(
    environment: jinja2.Environment, page: Page, html: bytes, partials: Sequence[str], context: Mapping[str, Any]
) -> bool:
    """Whether the page remade from `html` at two distant times equals the page rendered then (see the module).

    `context` is site.restamp_context for the page at its build time: it must
    give every name the partials read just as the page's own context does.
    """
    read = set().union(*(referenced_names(environment, partial) or RESTAMP_NAMES for partial in partials))
    if any(name in read and context.get(name) != page.context.get(name) for name in RESTAMP_NAMES):
        return False
    build_time: datetime = context[BUILD_TIME]
    try:
        stamps = render_stamps(environment, partials, context)
        for probe in (_probe_time(build_time, offset) for offset in _PROBE_OFFSETS):
            remade = splice(html, stamps, render_stamps(environment, partials, {**context, BUILD_TIME: probe}))
            page_then = Page(page.path, page.template, {**page.context, BUILD_TIME: probe})
            if remade is None or remade != render_page(environment, page_then):
                return False
    except Exception:  # noqa: BLE001 - a theme that fails at another time is simply not remade; the build stands
        return False
    return True


def _probe_time(build_time: datetime, offset: timedelta) -> datetime:
    try:
        return build_time + offset
    except OverflowError:
        return build_time - offset


def _template_files(environment: jinja2.Environment, template: str) -> dict[str, TemplateFacts] | None:
    """The facts of every file of a page's template tree (template_facts.py); None when one names another by a
    computed name."""
    files: dict[str, TemplateFacts] = {}
    pending = [template]
    while pending:
        name = pending.pop()
        if name in files:
            continue
        facts = parsed_template(environment, name).facts
        if facts.references is None:
            return None
        files[name] = facts
        pending.extend(reference for _, reference in facts.references)
    return files
