"""The dataclass methods compiled ahead (generator/dataclass_code.py): the same classes, without compiling at start."""

from __future__ import annotations

import dataclasses
import json
import marshal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from generator import dataclass_code
from generator.dataclass_code import CODE_FILE, CompiledMethods
from generator.dataclass_compile import code_file_bytes, dataclasses_exec, recording
from tests.statusgen_runs import REPO, statusgen_environment

SHIPPED = pytest.mark.skipif(not CODE_FILE.is_file(), reason=f"no compiled dataclass methods for {sys.version}")


def _in_a_fresh_python(code: str, **environment: str) -> Any:
    """What `code` prints as JSON, run by this Python in a new process (the package imported there from scratch)."""
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=statusgen_environment(**environment),
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


@SHIPPED
def test_every_dataclass_method_of_the_package_is_compiled_ahead(tmp_path: Path) -> None:
    """Fails after a dataclass changed until `python -m generator.dataclass_compile` has run.

    Every module imported, then a demo build, for a class a module makes as it runs.
    """
    missed = _in_a_fresh_python(
        "import importlib, json, sys\n"
        "from generator import dataclass_code, dataclass_compile\n"
        "for name in dataclass_compile.modules(): importlib.import_module(name)\n"
        "from generator.cli import main\n"
        f"main(['build', '--demo', '--out', {str(tmp_path / 'site')!r}, '--quiet'], standalone_mode=False)\n"
        "print(json.dumps([text[:300] for text in dataclass_code.missed_texts()]))\n"
    )
    assert missed == [], "run `python -m generator.dataclass_compile`: the shipped file lacks " + missed[0]


@SHIPPED
@pytest.mark.parametrize("seed", ["0", "4242"])
def test_the_shipped_file_is_exactly_what_the_command_writes(seed: str) -> None:
    """Byte for byte, whatever the order of the texts' set (PYTHONHASHSEED): the same code as Python compiles."""
    made = _in_a_fresh_python(
        "import json\n"
        "from generator import dataclass_code, dataclass_compile\n"
        "texts = dataclass_compile.method_texts()\n"
        "same = dataclass_compile.code_file_bytes(texts) == dataclass_code.CODE_FILE.read_bytes()\n"
        "print(json.dumps({'texts': len(texts), 'same': same}))\n",
        PYTHONHASHSEED=seed,
    )
    assert made["texts"] > 400  # every method of some eighty classes, not a few
    assert made["same"], "run `python -m generator.dataclass_compile`"


# A class with what makes dataclasses write different methods: defaults, a factory, a keyword-only
# field, a field called `self`, an annotation that is not a plain name, and __post_init__.
def _sample() -> type:
    @dataclass(frozen=True, slots=True)
    class Sample:
        name: str
        self: int = 3
        tags: tuple[str, ...] = field(default_factory=tuple)
        limit: int | None = field(default=None, kw_only=True)

        def __post_init__(self) -> None:
            if self.self < 0:
                raise ValueError("negative")

    return Sample


_METHODS = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__")
_TESTS = "tests"  # the package whose classes a CompiledMethods of these tests holds and counts


def _made_by(exec_function: CompiledMethods | None) -> type:
    """_sample() made while `dataclasses` runs `exec_function` as its exec (None: Python's own)."""
    with dataclasses_exec(exec_function):
        return _sample()


def _sample_texts() -> set[str]:
    texts: set[str] = set()
    with recording(texts, _TESTS):
        _sample()
    return texts


def _assert_same_class(made: type, stock: type) -> None:
    for name in _METHODS:
        ours, python = getattr(made, name), getattr(stock, name)
        # marshal's bytes: co_filename and the positions too, which code objects' == passes over
        assert marshal.dumps(ours.__code__, 2) == marshal.dumps(python.__code__, 2), name
        assert ours.__annotations__ == python.__annotations__, name  # not made strings by a __future__ import
        assert (ours.__defaults__, ours.__kwdefaults__) == (python.__defaults__, python.__kwdefaults__), name
        assert ours.__qualname__ == python.__qualname__, name
    value, again = made("a", tags=("x",), limit=2), made("a", tags=("x",), limit=2)
    shown = "_sample.<locals>.Sample(name='a', self=3, tags=('x',), limit=2)"
    assert repr(value) == repr(stock("a", tags=("x",), limit=2)) == shown
    assert value == again and hash(value) == hash(again)
    with pytest.raises(dataclasses.FrozenInstanceError):
        value.name = "b"  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="negative"):
        made("a", -1)


def test_a_class_made_from_the_compiled_code_is_the_class_python_makes(tmp_path: Path) -> None:
    path = tmp_path / "code.marshal"
    path.write_bytes(code_file_bytes(_sample_texts()))
    compiled = CompiledMethods(path, _TESTS)
    made = _made_by(compiled)
    assert compiled.missed == []  # every method came from the file
    _assert_same_class(made, _made_by(None))


@pytest.mark.parametrize("damage", ["missing", "empty", "garbage", "cut", "another Python's bytecode", "entries"])
def test_without_usable_code_every_method_is_compiled_as_python_compiles_it(tmp_path: Path, damage: str) -> None:
    texts = _sample_texts()
    whole = code_file_bytes(texts)
    magic, code = marshal.loads(whole)  # noqa: S302 - made by this test
    damaged = {
        "empty": b"",
        "garbage": b"not marshal data",
        "cut": whole[: len(whole) // 2],
        "another Python's bytecode": marshal.dumps((b"\x00\x00\r\n", code), 2),
        "entries": marshal.dumps((magic, {text: data[: len(data) // 2] for text, data in code.items()}), 2),
    }
    path = tmp_path / "code.marshal"
    if damage != "missing":
        path.write_bytes(damaged[damage])
    compiled = CompiledMethods(path, _TESTS)
    made = _made_by(compiled)
    assert sorted(compiled.missed) == sorted(texts)
    _assert_same_class(made, _made_by(None))


def test_a_text_not_held_compiles_without_this_module_s_future_flags(tmp_path: Path) -> None:
    """exec of a text would take `from __future__ import annotations` from the module calling it."""
    namespace: dict[str, Any] = {}
    for source in ("def f(x: int): pass", b"def f(x: int): pass"):
        CompiledMethods(tmp_path / "none.marshal")(source, namespace)
        assert namespace["f"].__annotations__ == {"x": int}


def test_the_package_s_own_classes_alone_are_counted_as_missed(tmp_path: Path) -> None:
    compiled = CompiledMethods(tmp_path / "none.marshal")
    compiled("def f(): pass", {"__name__": "someone.else"})
    compiled("def g(): pass", {"__name__": "generator.model"})
    assert compiled.missed == ["def g(): pass"]


def test_install_leaves_dataclasses_alone_without_a_file_for_this_python(tmp_path: Path) -> None:
    with dataclasses_exec(None):
        dataclass_code.install(tmp_path / "none.marshal")
        assert "exec" not in vars(dataclasses)
        assert dataclass_code.installed() is None and dataclass_code.missed_texts() == []


@SHIPPED
def test_the_installed_code_is_found_after_the_module_is_loaded_again() -> None:
    found = _in_a_fresh_python(
        "import importlib, json\n"
        "import generator.model\n"
        "from generator import dataclass_code\n"
        "importlib.reload(dataclass_code)\n"
        "installed = dataclass_code.installed()\n"
        "dataclass_code.uninstall()\n"
        "import dataclasses\n"
        "print(json.dumps([installed is not None, 'exec' in vars(dataclasses)]))\n"
    )
    assert found == [True, False]
