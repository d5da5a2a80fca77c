"""Whether a page's templates show an ongoing duration only in a way a cron run can rewrite (growing_text.py).

The marks around a duration's text prove where it went, not that nothing
else depended on it. This check, on the templates' syntax, closes the rest:
the span is read only by the `duration` filter, and the filter's text is
printed as it is, never kept in a variable, measured or compared.
"""

from __future__ import annotations

import jinja2
import jinja2.meta
from jinja2 import nodes

_GETTEXT = frozenset({"_", "gettext", "ngettext"})
_CAPTURING = (nodes.AssignBlock, nodes.FilterBlock)


def shows_durations_plainly(environment: jinja2.Environment, template: str) -> bool:
    """Whether every template of the page reads `.duration` only as `X.duration|duration`, printed as it is.

    Printed means: directly in `{{ }}`, or as a value of `_()`, `gettext()` or
    `ngettext()` directly in `{{ }}`; not inside `{% set %}...{% endset %}` or
    `{% filter %}`. No other part of a template may name "duration" at all
    (`x["duration"]`, `attribute="duration"`, `map("duration")`).
    """
    pending, seen = [template], set()
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            source = environment.loader.get_source(environment, name)[0]  # type: ignore[union-attr]
            tree = environment.parse(source, name=name)
        except jinja2.TemplateError:
            return False
        referenced = list(jinja2.meta.find_referenced_templates(tree))
        if None in referenced or not _plain(tree, ()):
            return False
        pending.extend(name for name in referenced if name is not None)
    return True


def _plain(node: nodes.Node, around: tuple[nodes.Node, ...]) -> bool:
    if isinstance(node, nodes.Const) and node.value == "duration":
        return False
    if isinstance(node, nodes.Getattr) and node.attr == "duration":
        parent = around[-1] if around else None
        if not (isinstance(parent, nodes.Filter) and parent.node is node and parent.name == "duration"):
            return False
    if isinstance(node, nodes.Filter) and node.name == "duration" and not _printed(node, around):
        return False
    inner = (*around, node)
    return all(_plain(child, inner) for child in node.iter_child_nodes())


def _printed(node: nodes.Filter, around: tuple[nodes.Node, ...]) -> bool:
    """`{{ x|duration }}` or `{{ _("...", d=x|duration) }}`, outside any capturing block, with no arguments."""
    if node.args or node.kwargs or node.dyn_args or node.dyn_kwargs:
        return False
    if any(isinstance(outer, _CAPTURING) for outer in around):
        return False
    if around and isinstance(around[-1], nodes.Output):
        return True
    if len(around) < 3:
        return False
    keyword, call, output = around[-1], around[-2], around[-3]
    return (
        isinstance(keyword, nodes.Keyword)
        and isinstance(call, nodes.Call)
        and keyword in call.kwargs
        and isinstance(call.node, nodes.Name)
        and call.node.name in _GETTEXT
        and isinstance(output, nodes.Output)
    )
