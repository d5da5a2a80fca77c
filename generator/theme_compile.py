"""`python -m generator.theme_compile`: compile the default theme into the package (theme_code.py loads it).

Run after changing a default template, render.py, template_facts.py, or the pinned Jinja or
MarkupSafe (`.ci/pin` runs it); tests/test_theme_code.py fails until then, and
meanwhile every changed template is compiled from its source at each build.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2.filters import FILTERS as JINJA_FILTERS

from generator.build_inputs import digest_of
from generator.formats import Formats
from generator.i18n import ENGLISH
from generator.render import make_environment
from generator.site_swap import replace_file
from generator.template_facts import facts_of, facts_to_json
from generator.theme_code import FOLDER, MANIFEST_NAME, compiler_key, facts_key, module_name
from generator.themes import default_theme_dir, theme_assets

PACKAGE_DOC = '"""The default theme\'s templates, compiled by `python -m generator.theme_compile`: do not edit."""\n'


def compile_default_theme() -> dict[str, bytes]:
    """Every template of the default theme compiled: the files of the package, by name.

    Jinja works out a filter of a constant while it compiles (`{{ "0.5"|percent }}`
    becomes its text); statusgen's own filters say things in the site's language,
    so here each of them refuses, and the code calls it as each page renders,
    in whatever language the build speaks.
    """
    search_path = [default_theme_dir()]
    environment = make_environment(search_path, theme_assets(search_path, None), Formats(ENGLISH, ZoneInfo("UTC")))
    for name in [name for name in environment.filters if name not in JINJA_FILTERS]:
        environment.filters[name] = _refusing(name)
    messages: dict[str, str] = environment.messages  # type: ignore[attr-defined]  # render._Environment's
    compiler = compiler_key(environment)
    files = {"__init__.py": PACKAGE_DOC.encode()}
    templates = {}
    for name in sorted(template for template in environment.list_templates() if "/" not in template):
        source, filename, _ = environment.loader.get_source(environment, name)  # type: ignore[union-attr]
        messages.clear()  # what this template's code looks up (render._CodeGenerator fills it)
        code = environment.compile(source, name, filename, raw=True)
        source_digest = digest_of(source)
        module = module_name(name, source_digest, compiler)
        # The note goes last: Jinja's debug_info maps the code's line numbers to the template's.
        note = f"# The default theme's {name}, compiled by `python -m generator.theme_compile`: do not edit.\n"
        files[f"{module}.py"] = (code + "\n" + note).encode("utf-8")
        facts = facts_to_json(facts_of(environment.parse(source, name, filename)))
        templates[name] = {
            "module": module,
            "source_digest": source_digest,
            "messages": sorted(messages),
            "facts": facts,
        }
    manifest = {"compiler": compiler, "facts_key": facts_key(environment), "templates": templates}
    files[MANIFEST_NAME] = (json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()
    return files


def _refusing(name: str) -> Callable[..., Any]:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise TypeError(f"the {name} filter runs as the page renders, in its language")

    return refuse


def write_package(folder: Path, files: dict[str, bytes]) -> None:
    """Each file written whole (site_swap.replace_file), the manifest last, then the old modules removed:
    a build reading the folder meanwhile finds a module whole or not at all, and compiles what it cannot use."""
    folder.mkdir(exist_ok=True)
    for name in sorted(files, key=lambda name: name == MANIFEST_NAME):
        replace_file(folder / name, files[name])
    for old in folder.glob("*.py"):
        if old.name not in files:
            old.unlink()


def main() -> None:
    files = compile_default_theme()
    write_package(FOLDER, files)
    modules = sum(1 for name in files if name.startswith("template_"))
    sys.stderr.write(f"wrote {modules} compiled templates to {FOLDER}\n")


if __name__ == "__main__":
    main()
