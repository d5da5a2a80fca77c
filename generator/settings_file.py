"""Reading statusgen.toml: its keys and the types of their values, each mistake with its fix.

A misspelt key gets the nearest known one ("did you mean"), a key in the wrong
table is told where it belongs, and a value of the wrong type names the type it
got and the one it needs. Every problem of the file is reported at once. What a
value may be beyond its type (ranges, URLs, time zones) is config.py's check.
"""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path
from typing import Any

from generator.errors import ConfigError
from generator.settings import ONEUPTIME_TABLE, OTHER_TABLES, TABLE, Setting, settings_in, type_name

_KEY_REFUSED = "is never read from a file that may be committed; set ONEUPTIME_API_KEY or use --api-key-file"


def read_settings_file(path: Path) -> dict[str, Any]:
    """The file's values by Config field name; a ConfigError naming every problem and its fix."""
    document = _parse(path)
    problems: list[str] = []
    values: dict[str, Any] = {}
    for key, value in document.items():
        if key in OTHER_TABLES:
            continue
        if key != ONEUPTIME_TABLE:
            _take(None, key, value, values, problems)
        elif not isinstance(value, dict):
            problems.append(f"{key}: got {type_name(value)}, needs {TABLE.needs}{_TABLE_HINT.format(key=key)}")
        else:
            for inner_key, inner_value in value.items():
                _take(ONEUPTIME_TABLE, inner_key, inner_value, values, problems)
    if problems:
        raise ConfigError(f"{path}: " + "; ".join(problems))
    return values


def _parse(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config file {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config file {path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None


def _take(table: str | None, key: str, value: Any, values: dict[str, Any], problems: list[str]) -> None:
    """Keep one key's value, or say what is wrong with it."""
    setting = settings_in(table).get(key)
    if key == "api_key":
        problems.append(f"{_dotted(table, key)} {_KEY_REFUSED}")
    elif setting is None:
        problems.append(_unknown(table, key))
    elif not setting.kind.accepts_type(value):
        problems.append(f"{setting.dotted}: got {type_name(value)}, needs {setting.kind.needs}{_hint(setting, value)}")
    else:
        values[key] = value


def _dotted(table: str | None, key: str) -> str:
    return key if table is None else f"{table}.{key}"


def _unknown(table: str | None, key: str) -> str:
    """An unknown key: where it belongs if it is another table's, else the nearest known key."""
    elsewhere = [other for other in (None, ONEUPTIME_TABLE) if other != table and key in settings_in(other)]
    if elsewhere:
        place = "at the top of the file, before any [table]" if elsewhere[0] is None else f"under [{elsewhere[0]}]"
        return f"`{_dotted(table, key)}` belongs {place}"
    known = [*settings_in(table)] + ([ONEUPTIME_TABLE, *OTHER_TABLES] if table is None else [])
    nearest = difflib.get_close_matches(key.lower(), known, n=1)
    if not nearest:
        return f"unknown key `{_dotted(table, key)}`"
    return f"unknown key `{_dotted(table, key)}`; did you mean `{_dotted(table, nearest[0])}`?"


_TABLE_HINT = " (write [{key}] on a line of its own, its keys below it)"


def _hint(setting: Setting, value: Any) -> str:
    """How to write it: a table as a table, a number in quotes without them, a bare number in them."""
    if dict in setting.kind.types:
        return _TABLE_HINT.format(key=setting.key)
    if isinstance(value, str):
        unquoted = _toml_value(value.strip())
        if unquoted is not None and setting.kind.accepts_type(unquoted):
            return f" (write {setting.key} = {value.strip()}, without quotes)"
    elif setting.kind.accepts_type("") and isinstance(value, int | float):
        written = str(value).lower() if isinstance(value, bool) else str(value)
        return f' (put it in quotes: {setting.key} = "{written}")'
    return ""


def _toml_value(text: str) -> object | None:
    """What `text` means written without quotes, if it is a TOML value of one line."""
    if "\n" in text or "=" in text:
        return None
    try:
        return tomllib.loads(f"value = {text}").get("value")
    except tomllib.TOMLDecodeError:
        return None
