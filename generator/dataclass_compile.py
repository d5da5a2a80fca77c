"""`python -m generator.dataclass_compile`: compile the methods of statusgen's dataclasses into the package.

Run after adding or changing a dataclass (its fields or options);
tests/test_dataclass_code.py fails until then, and meanwhile the changed
class's methods are compiled at each start, as Python always does. The
file is for the Python that runs this (dataclass_code.CODE_FILE names it).
"""

from __future__ import annotations

import dataclasses
import importlib
import importlib.util
import marshal
import pkgutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import generator
from generator import dataclass_code
from generator.site_swap import replace_file

# Not imported to find dataclasses: this module and the one it writes for, the command line
# itself, and the default theme's compiled templates (none of them makes a dataclass).
_NOT_IMPORTED = (
    "generator.dataclass_code",
    "generator.dataclass_compile",
    "generator.__main__",
    "generator.default_theme_code",
)


def method_texts() -> set[str]:
    """The text of every method `@dataclass` writes for the package's classes, each module imported again.

    Takes every module of the package out of sys.modules first, so that each
    class is made again: for a process of its own (this command, a test's child).
    """
    texts: set[str] = set()
    dataclass_code.uninstall()
    names = modules()
    for name in names:
        sys.modules.pop(name, None)
    with recording(texts):
        for name in names:
            importlib.import_module(name)
    return texts


@contextmanager
def recording(texts: set[str], package: str = dataclass_code.PACKAGE) -> Iterator[None]:
    """While inside, `dataclasses` adds to `texts` each text it compiles for a class of `package`."""

    def record(source: str, /, *args: Any, **kwargs: Any) -> None:
        if args and dataclass_code.is_ours(args[0], package):
            texts.add(source)
        exec(dataclass_code.compiled(source), *args, **kwargs)  # noqa: S102 - dataclasses' own text, as it compiles

    with dataclasses_exec(record):
        yield


@contextmanager
def dataclasses_exec(function: Callable[..., None] | None) -> Iterator[None]:
    """While inside, `dataclasses` runs `function` as its exec (None: Python's own); what it ran before, after."""
    namespace = vars(dataclasses)
    saved = namespace.pop("exec", None)
    if function is not None:
        namespace["exec"] = function
    try:
        yield
    finally:
        namespace.pop("exec", None)
        if saved is not None:
            namespace["exec"] = saved


def modules() -> list[str]:
    """The package's modules whose import may make dataclasses, subpackages included."""
    names = (info.name for info in pkgutil.walk_packages(generator.__path__, "generator."))
    return sorted(name for name in names if not name.startswith(_NOT_IMPORTED))


def code_file_bytes(texts: set[str]) -> bytes:
    """CODE_FILE's bytes for `texts`: each text with its code, in the texts' order (the same texts, the same bytes)."""
    version = dataclass_code.MARSHAL_VERSION
    code = {text: marshal.dumps(dataclass_code.compiled(text), version) for text in sorted(texts)}
    return marshal.dumps((importlib.util.MAGIC_NUMBER, code), version)


def main() -> None:
    texts = method_texts()
    replace_file(dataclass_code.CODE_FILE, code_file_bytes(texts))
    print(f"wrote the code of {len(texts)} dataclass methods to {dataclass_code.CODE_FILE}")  # noqa: T201


if __name__ == "__main__":
    main()
