"""The [publish] table of statusgen.toml: headers, folder keys and how hard to push.

    [publish]
    endpoint_url = "https://ACCOUNT.r2.cloudflarestorage.com"  # for destinations without their own
    folder_keys = true           # also publish incidents/112/index.html as incidents/112/ (and incidents/112)
    keep_old_assets_hours = 24   # replaced static/ files stay this long for pages still in caches
    concurrency = 8              # requests at once, per destination
    retries = 4                  # retries of a failed request (throttling, 5xx, timeouts)
    timeout = 30                 # seconds to connect, and to wait for each answer

    [publish.cache_control]      # by site path; tried before the defaults
    "api/*" = "public, max-age=30"

    [publish.content_type]
    "*.rss" = "application/rss+xml; charset=utf-8"

config.py leaves this table to this module, which checks it and reports every problem at once.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.config import CONFIG_FILE_NAME
from generator.errors import ConfigError, PublishError
from generator.publish.destination import check_endpoint_url
from generator.publish.headers import Rules


@dataclass(frozen=True, slots=True)
class PublishSettings:
    """How to publish, the same for every destination."""

    endpoint_url: str | None = None
    folder_keys: bool = True
    keep_old_assets_hours: float = 24.0
    concurrency: int = 8
    retries: int = 4
    timeout: float = 30.0
    cache_control: Rules = ()
    content_type: Rules = ()


_NUMBERS = {"concurrency": (1, 64), "retries": (0, 20)}
_SECONDS = {"keep_old_assets_hours": (0.0, 24.0 * 365), "timeout": (1.0, 3600.0)}


def default_endpoint(flag: str | None, settings: PublishSettings, environ: Mapping[str, str]) -> str | None:
    """The endpoint of destinations without their own: --endpoint-url, else the environment, else [publish].

    None leaves it to boto3, which reads AWS_ENDPOINT_URL_S3 and AWS_ENDPOINT_URL, then the profile.
    """
    if flag:
        return check_endpoint_url(flag)
    if environ.get("AWS_ENDPOINT_URL_S3") or environ.get("AWS_ENDPOINT_URL"):
        return None
    return settings.endpoint_url


def load_publish_settings(config_file: Path | None = None) -> PublishSettings:
    """The [publish] table of `config_file` (or ./statusgen.toml when it exists); defaults without one."""
    path = config_file if config_file is not None else Path(CONFIG_FILE_NAME)
    if config_file is None and not path.is_file():
        return PublishSettings()
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return PublishSettings()  # load_config reads the same file first and reports these
    table = document.get("publish", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: publish must be a table ([publish])")
    return publish_settings(table, str(path))


def publish_settings(table: Mapping[str, Any], source: str = CONFIG_FILE_NAME) -> PublishSettings:
    """Settings from a parsed [publish] table; every problem in one error."""
    problems: list[str] = []
    values: dict[str, Any] = {}
    for key, value in table.items():
        try:
            values[key] = _checked(key, value)
        except (TypeError, ValueError) as exc:
            problems.append(f"publish.{key}: {exc}")
        except KeyError:
            problems.append(f"unknown key publish.{key}")
    if problems:
        raise ConfigError(f"{source}: " + "; ".join(problems))
    return PublishSettings(**values)


def _checked(key: str, value: Any) -> Any:
    if key in _NUMBERS:
        lowest, highest = _NUMBERS[key]
        if isinstance(value, bool) or not isinstance(value, int) or not lowest <= value <= highest:
            raise ValueError(f"must be a whole number from {lowest} to {highest}")
        return value
    if key in _SECONDS:
        lowest_number, highest_number = _SECONDS[key]
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not lowest_number <= value <= highest_number
        ):
            raise ValueError(f"must be a number from {lowest_number:g} to {highest_number:g}")
        return float(value)
    if key == "folder_keys":
        if not isinstance(value, bool):
            raise TypeError("must be true or false")
        return value
    if key == "endpoint_url":
        if not isinstance(value, str):
            raise TypeError("must be an http(s) URL")
        return _endpoint(value)
    if key in {"cache_control", "content_type"}:
        return _rules(value)
    raise KeyError(key)


def _endpoint(value: str) -> str:
    try:
        return check_endpoint_url(value)
    except PublishError as exc:
        raise ValueError(str(exc)) from None


def _rules(value: Any) -> Rules:
    if not isinstance(value, dict) or not all(isinstance(text, str) and text for text in value.values()):
        raise TypeError('must be a table of "pattern" = "header value" pairs')
    for pattern, text in value.items():
        if any(character in text for character in "\r\n"):
            raise ValueError(f"the value for {pattern!r} has a line break")
    return tuple(value.items())
