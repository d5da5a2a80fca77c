"""What the build's checks of its theme read from one template file's syntax, as plain values.

The names each page shows (render.referenced_names), the partials that show
the build time (stamp_splice.py) and where growing values are shown
(growing_check.py) each read facts of every template file's syntax tree.
They are found here, once per file, from the tree; the default theme's are
found when it is compiled and shipped with its code (theme_code.py), so a
build with the default theme parses none of its files: parsing the 35 files
and finding the names they read was a fifth of a demo build.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import jinja2
import jinja2.meta
from jinja2 import nodes

from generator.growing import DURATION, STARTS_IN


@dataclass(frozen=True, slots=True)
class TemplateFacts:
    """One template file's facts: what it reads, what it refers to, and how."""

    names: frozenset[str]  # the context names it reads (Jinja's find_undeclared_variables)
    referenced: tuple[str | None, ...]  # the templates it names (find_referenced_templates; None: computed)
    # (node kind, template): each extends, include, import and from-import; None when one names a computed template
    references: tuple[tuple[str, str], ...] | None
    scoped_includes: frozenset[str]  # templates it includes inside a loop, `with`, filter, macro or call block
    scoped_blocks: bool  # whether it has a `scoped` block, which sees the names of what is around it elsewhere
    assigned: frozenset[str]  # names it binds ({% set %}, imports, macros, loop and `with` targets)
    shows_growth_plainly: bool  # each growing value read only by its own filter, printed as it is (growing_check)


def facts_of(tree: nodes.Template) -> TemplateFacts:
    """The facts of a parsed template file."""
    return TemplateFacts(
        names=frozenset(jinja2.meta.find_undeclared_variables(tree)),
        referenced=tuple(jinja2.meta.find_referenced_templates(tree)),
        references=_references(tree),
        scoped_includes=frozenset(
            include.template.value
            for scope in tree.find_all(_SCOPES)
            for include in scope.find_all(nodes.Include)
            if isinstance(include.template, nodes.Const)
        ),
        scoped_blocks=any(block.scoped for block in tree.find_all(nodes.Block)),
        assigned=_assigned(tree),
        shows_growth_plainly=_plain(tree, ()),
    )


def facts_environment(environment: jinja2.Environment) -> tuple[object, ...]:
    """What a template's facts depend on in its environment besides the syntax options: the names of its
    globals (find_undeclared_variables leaves them out), of its filters and tests (an unknown one is an
    error), and the i18n extension's style (it reads `{% trans %}` into another tree)."""
    return (
        tuple(sorted(environment.globals)),
        tuple(sorted(environment.filters)),
        tuple(sorted(environment.tests)),
        bool(getattr(environment, "newstyle_gettext", False)),
    )


def outside_names() -> tuple[str, ...]:
    """The names these facts read from other modules (growing.py's): facts found with others are found again."""
    return tuple(sorted(_GROWING))


def facts_to_json(facts: TemplateFacts) -> dict[str, Any]:
    """The facts as JSON values, sorted, as the compiled theme's manifest holds them."""
    return {
        "names": sorted(facts.names),
        "referenced": list(facts.referenced),
        "references": None if facts.references is None else [list(pair) for pair in facts.references],
        "scoped_includes": sorted(facts.scoped_includes),
        "scoped_blocks": facts.scoped_blocks,
        "assigned": sorted(facts.assigned),
        "shows_growth_plainly": facts.shows_growth_plainly,
    }


def facts_from_json(document: dict[str, Any]) -> TemplateFacts:
    """The facts facts_to_json wrote; a ValueError if a value is not of its kind."""
    references = document["references"]
    facts = TemplateFacts(
        names=frozenset(_strings(document["names"])),
        referenced=tuple(None if item is None else _string(item) for item in _list(document["referenced"])),
        references=None if references is None else tuple(_reference(pair) for pair in _list(references)),
        scoped_includes=frozenset(_strings(document["scoped_includes"])),
        scoped_blocks=_boolean(document["scoped_blocks"]),
        assigned=frozenset(_strings(document["assigned"])),
        shows_growth_plainly=_boolean(document["shows_growth_plainly"]),
    )
    if facts.references is not None and any(kind not in _REFERENCE_KINDS for kind, _ in facts.references):
        raise ValueError("an unknown kind of reference")
    return facts


def _strings(values: object) -> list[str]:
    return [_string(value) for value in _list(values)]


def _list(values: object) -> list[Any]:
    if not isinstance(values, list):
        raise ValueError(f"{values!r} is not a list")
    return values


def _reference(pair: object) -> tuple[str, str]:
    kind, template = _strings(pair)  # a ValueError unless exactly two
    return kind, template


def _string(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a string")
    return value


def _boolean(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{value!r} is not true or false")
    return value


# --- what stamp_splice.py reads --------------------------------------------------------------------

_REFERENCING = (nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)
_REFERENCE_KINDS = frozenset(kind.__name__ for kind in _REFERENCING)
_SCOPES = (nodes.For, nodes.With, nodes.FilterBlock, nodes.Macro, nodes.CallBlock, nodes.Scope, nodes.OverlayScope)


def _references(tree: nodes.Template) -> tuple[tuple[str, str], ...] | None:
    references = []
    for node in tree.find_all(_REFERENCING):
        named = getattr(node, "template", None)  # each of these four names its template here
        if not isinstance(named, nodes.Const) or not isinstance(named.value, str):
            return None
        references.append((type(node).__name__, named.value))
    return tuple(references)


def _assigned(tree: nodes.Template) -> frozenset[str]:
    """Every name a template binds: what it sets, imports, defines as a macro, and loops or `with` over."""
    targets: list[nodes.Node] = []
    for node in tree.find_all((nodes.Assign, nodes.AssignBlock, nodes.For, nodes.With)):
        # Assign, AssignBlock and For name what they bind in `target`, With in `targets` (none in `{% with %}`).
        if isinstance(node, nodes.With):
            targets += node.targets
        elif isinstance(node, (nodes.Assign, nodes.AssignBlock, nodes.For)):
            targets.append(node.target)
    names = {name.name for target in targets for name in _names_in(target)}
    names |= {node.name for node in tree.find_all(nodes.Macro)}
    names |= {node.target for node in tree.find_all(nodes.Import)}
    for node in tree.find_all(nodes.FromImport):
        names |= {item if isinstance(item, str) else item[1] for item in node.names}
    return frozenset(names)


def _names_in(target: nodes.Node) -> list[nodes.Name]:
    return [target] if isinstance(target, nodes.Name) else list(target.find_all(nodes.Name))


# --- what growing_check.py reads -------------------------------------------------------------------

_GETTEXT = frozenset({"_", "gettext", "ngettext"})
_GROWING = frozenset({DURATION, STARTS_IN})  # each is both the view's attribute and the filter that prints it
# Filters that print a value as Python writes it: a view so printed shows its growing values' state
# ("count=28"), which no span records. (`{{ view }}` itself is caught as the page renders: growing.py.)
_WHOLE = frozenset({"pprint", "string", "tojson"})
_CAPTURING = (nodes.AssignBlock, nodes.FilterBlock)


def _plain(node: nodes.Node, around: tuple[nodes.Node, ...]) -> bool:
    if isinstance(node, nodes.Const) and isinstance(node.value, str) and node.value in _GROWING:
        return False
    if isinstance(node, nodes.Getattr) and node.attr in _GROWING:
        parent = around[-1] if around else None
        if not (isinstance(parent, nodes.Filter) and parent.node is node and parent.name == node.attr):
            return False
    if isinstance(node, nodes.Filter) and node.name in _GROWING and not _printed(node, around):
        return False
    if isinstance(node, nodes.Filter) and node.name in _WHOLE:
        return False
    inner = (*around, node)
    return all(_plain(child, inner) for child in node.iter_child_nodes())


def _printed(node: nodes.Filter, around: tuple[nodes.Node, ...]) -> bool:
    """`{{ x|duration }}` or `{{ _("...", d=x|duration) }}` (or `starts_in`), outside any capturing block,
    with no arguments."""
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
