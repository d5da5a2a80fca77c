"""The methods of statusgen's dataclasses, compiled once at development time instead of at every start.

On Python 3.11 `@dataclass` writes each class's `__init__`, `__repr__`,
`__eq__`, `__hash__`, `__setattr__` and `__delattr__` as source text and
compiles it with `exec` when its module is imported. A cron run imports 82
of our dataclasses, and compiling their 471 methods cost 70 to 100 ms of a
half-second run, at every run, for the same text each time.

`dataclasses` finds `exec` in its own module's namespace before the
builtins. `install` puts there a function that runs the code compiled from
the same text by `python -m generator.dataclass_compile`, found in
CODE_FILE by that text, and compiles any other text as before: the
same text, compiled with the same flags, gives the same code object, byte
for byte (tests/test_dataclass_code.py). The file holds code for one
Python's bytecode, and is named by it (`sys.implementation.cache_tag`, as a
.pyc is): under another Python there is no such file, nothing is installed,
and nothing changes. A text it does not hold (a class changed since the file
was made, or a class of another package) is compiled as always; anything
that goes wrong in finding the code is a text not held, never an error.
"""

from __future__ import annotations

import builtins
import dataclasses
import importlib.util
import marshal
import sys
from pathlib import Path
from types import CodeType
from typing import Any

CODE_FILE = Path(__file__).with_name(f"dataclass_code.{sys.implementation.cache_tag}.marshal")
"""marshal data: (importlib.util.MAGIC_NUMBER, {a method's text: its code, marshalled}).

Keyed by the text itself, not a digest: no collision to rule out, and no hashlib to import for `--help`."""

MARSHAL_VERSION = 2
"""No references between objects (version 3 adds them, by reference counts): the same code, the same bytes."""

PACKAGE = "generator"
"""Only the texts of this package's classes are held, and counted when missed."""


def compiled(source: str | bytes) -> CodeType:
    """`source` compiled as `exec(source, ...)` in the dataclasses module compiles it (no __future__ flags)."""
    return compile(source, "<string>", "exec", dont_inherit=True)


def is_ours(namespace: object, package: str = PACKAGE) -> bool:
    """Whether `namespace`, the globals dataclasses compiles a method in, is a module of `package`."""
    name = namespace.get("__name__") if isinstance(namespace, dict) else None
    return isinstance(name, str) and (name == package or name.startswith(package + "."))


class CompiledMethods:
    """What `dataclasses` calls as `exec`: CODE_FILE's code where it holds the text, else the text compiled.

    The file is read at the first class made, not when the package is imported.
    """

    def __init__(self, path: Path, package: str = PACKAGE) -> None:
        self._path = path
        self._package = package
        self._code: dict[str, bytes] | None = None
        self.missed: list[str] = []  # the texts of `package` that were not held

    def __call__(self, source: Any, /, *args: Any, **kwargs: Any) -> None:
        if isinstance(source, str | bytes):
            found = self._found(source)
            if found is None and type(source) is str and args and is_ours(args[0], self._package):
                self.missed.append(source)
            # Compiled here, not by exec: exec compiles a text with the flags of the module calling it, this one's
            # `from __future__ import annotations` among them, where dataclasses' own call has none.
            source = found if found is not None else compiled(source)
        builtins.exec(source, *args, **kwargs)  # noqa: S102 - what dataclasses asked to run, compiled as it compiles

    def _found(self, source: str | bytes) -> CodeType | None:
        try:
            code = self._code if self._code is not None else self._read()
            data = code.get(source) if type(source) is str else None
            found = marshal.loads(data) if data is not None else None  # noqa: S302 - the package's own file
        except Exception:  # noqa: BLE001 - a damaged entry, or anything else: compiled from the text
            return None
        return found if type(found) is CodeType else None

    def _read(self) -> dict[str, bytes]:
        """The file's code by text; none when it is missing, damaged or for another Python's bytecode."""
        try:
            magic, held = marshal.loads(self._path.read_bytes())  # noqa: S302 - the package's own file, as a .pyc
        except (OSError, EOFError, ValueError, TypeError):
            magic = held = None
        code = held if magic == importlib.util.MAGIC_NUMBER and type(held) is dict else {}
        self._code = code  # set once, whole: a class made meanwhile on another thread reads the file itself
        return code


def install(path: Path = CODE_FILE) -> None:
    """Let `dataclasses` run the code in `path` (see above): once per process, before the package makes a class."""
    if "exec" not in vars(dataclasses) and path.is_file():
        dataclasses.exec = CompiledMethods(path)  # type: ignore[attr-defined]


def installed() -> CompiledMethods | None:
    """What `dataclasses` runs as `exec`, if install() put it there."""
    found = vars(dataclasses).get("exec")
    kind = type(found)  # by name: after importlib.reload of this module its class is another object
    return found if (kind.__module__, kind.__qualname__) == (__name__, "CompiledMethods") else None


def uninstall() -> None:
    """`dataclasses` compiles every text again (for `python -m generator.dataclass_compile`, and tests)."""
    if installed() is not None:
        del dataclasses.exec  # type: ignore[attr-defined]


def missed_texts() -> list[str]:
    """The package's method texts compiled in this process because CODE_FILE did not hold them."""
    compiled_methods = installed()
    return list(compiled_methods.missed) if compiled_methods is not None else []
