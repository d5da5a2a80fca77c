"""Settings for a build: defaults < statusgen.toml < environment < flags.

The API key is deliberately not a field that a file or flag value can set: it
comes from the environment or a key file only, and is never shown in a repr.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from generator.errors import ConfigError
from generator.i18n import language_tag
from generator.settings import Kind, setting_named
from generator.settings_file import read_settings_file
from generator.text import clean_text

DEFAULT_URL = "https://oneuptime.com"
CONFIG_FILE_NAME = "statusgen.toml"


@dataclass(frozen=True, slots=True)
class SiteSettings:
    """The settings templates may show: never the API key, the project id or local paths."""

    title: str
    base_url: str | None
    timezone: str
    footer: str
    links: tuple[tuple[str, str], ...]
    history_days: int
    logo: bool  # whether a logo is published (as the asset named "logo")
    # The status page's own settings, or statusgen.toml's where it sets them (status_page.py).
    description: str = ""
    show_incidents: bool = True
    show_episodes: bool = True
    show_maintenance: bool = True
    show_announcements: bool = True
    language: str = "en"  # a BCP 47 tag: <html lang>, the catalog, Babel's formats
    local_times: bool = False  # the inline script that shows times in the reader's zone
    stale_after: int | None = None  # seconds after which the home page warns it may be stale
    refresh: int | None = None  # seconds between the home page's reloads, for wall screens
    ongoing_limit: int = 10  # ongoing incidents (and episodes) on the home page


@dataclass(frozen=True, slots=True)
class Config:
    """Everything a build needs to know that is not data from OneUptime."""

    url: str = DEFAULT_URL
    project_id: str | None = None
    api_key: str | None = field(default=None, repr=False)
    concurrency: int = 6
    timeout: float = 30.0
    retries: int = 5
    backoff: float = 0.5
    # Bounds no real project comes near, which a broken or hostile server cannot stretch.
    max_rows: int = 1_000_000  # rows of one listing
    max_response_mb: int = 64  # one answer's body
    fetch_deadline: float = 900.0  # seconds for a whole fetch
    output: Path = Path("site")
    theme: Path | None = None
    title: str = "Service status"
    logo: Path | None = None
    base_url: str | None = None
    timezone: str = "UTC"
    footer: str = ""
    links: tuple[tuple[str, str], ...] = ()
    history_days: int = 14
    # Scoping to one OneUptime status page (README, "Mirror a status page").
    status_page: str | None = None
    publish_private_status_page: bool = False  # publish a page OneUptime shows only after a login
    description: str = ""
    show_incidents: bool = True
    show_episodes: bool = True
    show_maintenance: bool = True
    show_announcements: bool = True
    language: str = "en"
    local_times: bool = False
    stale_after: int | None = None  # seconds, from a text such as "15m"
    refresh: int | None = None
    ongoing_limit: int = 10
    # The settings the user gave (file, environment or flags): the status page's own
    # settings fill in only the others (status_page.with_page_defaults).
    explicit: frozenset[str] = frozenset()
    config_file: Path | None = None  # the statusgen.toml these settings came from, if any

    def public(self) -> SiteSettings:
        """What pages get to see of these settings."""
        return SiteSettings(
            title=self.title,
            base_url=self.base_url,
            timezone=self.timezone,
            footer=self.footer,
            links=self.links,
            history_days=self.history_days,
            logo=self.logo is not None,
            description=self.description,
            show_incidents=self.show_incidents,
            show_episodes=self.show_episodes,
            show_maintenance=self.show_maintenance,
            show_announcements=self.show_announcements,
            language=self.language,
            local_times=self.local_times,
            stale_after=self.stale_after,
            refresh=self.refresh,
            ongoing_limit=self.ongoing_limit,
        )

    def require_credentials(self) -> tuple[str, str]:
        """The project id and key for a live fetch, or one line saying what is missing."""
        missing = []
        if not self.project_id:
            missing.append("ONEUPTIME_PROJECT_ID (or project_id under [oneuptime] in statusgen.toml)")
        if not self.api_key:
            missing.append("ONEUPTIME_API_KEY (or --api-key-file)")
        if missing:
            raise ConfigError(
                "missing "
                + " and ".join(missing)
                + "; or build from bundled data with --demo or from a file with --snapshot"
            )
        assert self.project_id is not None and self.api_key is not None  # noqa: S101 (narrowing)
        return self.project_id, self.api_key


# Image types every browser shows; the logo is published as a file beside the stylesheet.
LOGO_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")


def load_config(
    config_file: Path | None = None,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
    api_key_file: Path | None = None,
) -> Config:
    """Merge the layers and check the result, reporting every bad key at once."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    base_dir = Path(".")
    path = config_file if config_file is not None else Path(CONFIG_FILE_NAME)
    if config_file is not None or path.is_file():
        values.update(read_settings_file(path))
        values["config_file"] = path
        base_dir = path.parent
    values.update(_from_environment(environ))
    if api_key_file is not None:
        values["api_key"] = _read_key_file(api_key_file)
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    return _validated(values, base_dir)


def _from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    names = {"ONEUPTIME_URL": "url", "ONEUPTIME_PROJECT_ID": "project_id", "ONEUPTIME_API_KEY": "api_key"}
    names["ONEUPTIME_STATUS_PAGE_ID"] = "status_page"
    return {key: environ[name] for name, key in names.items() if environ.get(name)}


def _read_key_file(path: Path) -> str:
    try:
        key = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ConfigError(f"cannot read API key file {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"API key file {path} is not UTF-8 text") from None
    if not key:
        raise ConfigError(f"API key file {path} is empty")
    return key


def _check_header_value(value: str) -> str:
    """The key and project id go into HTTP headers: printable ASCII only. The message never shows the value."""
    if not value.isascii() or not value.isprintable() or any(character.isspace() for character in value):
        raise ValueError("has characters an HTTP header cannot carry (only printable ASCII without spaces)")
    return value


# Settings usually given in the environment are named as they are given there.
_SHOWN_AS = {"url": "ONEUPTIME_URL (or url under [oneuptime])"}


def _validated(values: dict[str, Any], base_dir: Path) -> Config:
    """Coerce each value to its field's type; collect every problem before failing."""
    problems: list[str] = []
    clean: dict[str, Any] = {}
    for item in fields(Config):
        if item.name not in values:
            continue
        try:
            clean[item.name] = _coerce(item.name, values[item.name], base_dir)
        except (TypeError, ValueError) as exc:
            problems.append(f"{_SHOWN_AS.get(item.name, item.name)}: {exc}")
    if problems:
        raise ConfigError("invalid settings: " + "; ".join(problems))
    return replace(Config(), **clean, explicit=frozenset(clean) - {"config_file"})


def _coerce(name: str, value: Any, base_dir: Path) -> Any:
    setting = setting_named(name)
    if setting is not None and setting.kind.lowest is not None:
        return _number(value, setting.kind)
    if name in {"output", "theme", "config_file"}:
        if isinstance(value, Path):
            return value
        if not isinstance(value, str) or not value:
            raise ValueError("must be a folder path")
        return base_dir / value
    if name == "links":
        return _links(value)
    if name in {
        "show_incidents",
        "show_episodes",
        "show_maintenance",
        "show_announcements",
        "publish_private_status_page",
        "local_times",
    }:
        if not isinstance(value, bool):
            raise TypeError("must be true or false")
        return value
    if name == "status_page":
        return _status_page_id(value)
    if name == "logo":
        return _logo(value, base_dir)
    if not isinstance(value, str):
        raise TypeError("must be text")
    if name in {"api_key", "project_id"}:
        return _check_header_value(value)
    if name == "timezone":
        _check_timezone(value)
    if name == "language":
        return language_tag(value)
    if name == "stale_after":
        return age_seconds(value)
    if name in {"url", "base_url"}:
        return _base_url(value)
    if name == "title":
        return _title(value)
    if name in {"footer", "description"}:
        return clean_text(value)  # shown on every page, in feeds and in the badge's XML
    return value


def _title(value: str) -> str:
    """The site's name heads every page and feed and fills the badge: it cannot be blank."""
    title = clean_text(value)
    if not title.strip():
        raise ValueError("must not be empty (it names the site on every page and feed)")
    return title


def _number(value: Any, kind: Kind) -> int | float:
    """A number within its setting's bounds (settings.py); whole where it must be, never NaN or infinite."""
    if not kind.accepts_type(value) or not kind.in_range(value):
        raise ValueError(f"must be {kind.needs}")
    return float(value) if float in kind.types else value


def _status_page_id(value: Any) -> str:
    """A status page's id goes into a URL path: OneUptime's ids are UUIDs (ObjectID.validateUUID)."""
    import uuid

    if not isinstance(value, str):
        raise TypeError("must be text")
    try:
        return str(uuid.UUID(value.strip()))
    except ValueError:
        raise ValueError(
            f"{value[:60]!r} is not a status page id (a UUID, as in the page's URL in OneUptime)"
        ) from None


def _links(value: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        raise TypeError('must be a table of label = "https://..." pairs')
    return tuple((clean_text(str(label)), _http_url(url)) for label, url in value.items())


def _logo(value: Any, base_dir: Path) -> Path:
    if isinstance(value, Path):
        return value
    if not isinstance(value, str) or not value:
        raise ValueError("must be the path of an image file")
    path = base_dir / value
    if path.suffix.lower() not in LOGO_SUFFIXES:
        raise ValueError(f"{value!r} is not an image file (use one of {', '.join(LOGO_SUFFIXES)})")
    if not path.is_file():
        raise ValueError(f"file {path} does not exist")
    return path


def _http_url(value: Any) -> str:
    """An absolute http(s) URL that a link and httpx can use as it is; trailing slashes are dropped."""
    if not isinstance(value, str) or not value.startswith(("https://", "http://")):
        raise ValueError(f"{value!r} is not an http(s) URL")
    if any(character.isspace() or not character.isprintable() for character in value):
        raise ValueError(f"{value!r} has spaces or control characters")
    try:
        parts = urlsplit(value)
    except ValueError:  # an unclosed or malformed [IPv6] host
        raise ValueError(f"{value!r} is not a valid URL (check the host)") from None
    if not parts.hostname:
        raise ValueError(f"{value!r} has no host name")
    try:
        port = parts.port
    except ValueError:  # not a number, or above 65535
        port = 0
    if port == 0:
        raise ValueError(f"{value!r} has an invalid port (use 1 to 65535)")
    return value.rstrip("/")


def insecure_url_warning(url: str) -> str | None:
    """A warning when the API key would travel unencrypted to another machine (plain http:// off loopback)."""
    from ipaddress import ip_address
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme != "http":
        return None
    host = parts.hostname or ""
    try:
        loopback = host == "localhost" or ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if loopback:
        return None
    return f"{url} is plain http://, so the API key crosses the network unencrypted; use https://"


def _base_url(value: Any) -> str:
    """A URL that paths are appended to (the site's, the API's): a query or fragment would end up inside every link."""
    url = _http_url(value)
    parts = urlsplit(url)
    if "?" in url or "#" in url:
        raise ValueError(f"{value!r} has a query or fragment (?, #); give the address only")
    if any(segment in {"", ".", ".."} for segment in parts.path.split("/")[1:]):
        raise ValueError(f"{value!r} has an empty, '.' or '..' path segment")
    return url


def _check_timezone(name: str) -> None:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r} (use an IANA name such as Europe/Berlin)") from None


_AGE_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def age_seconds(value: str) -> int:
    """ "15m", "2h", "1h30m", "90s" or "1d" as seconds: how old a page may get before it warns."""
    text = value.strip().lower().replace(" ", "")
    parts = re.fullmatch(r"(?:\d+[smhd])+", text) and re.findall(r"(\d+)([smhd])", text)
    if not parts:
        raise ValueError(f'{value[:40]!r} is not a time such as "15m", "2h" or "1d"')
    seconds = sum(int(number) * _AGE_UNITS[unit] for number, unit in parts)
    if not 60 <= seconds <= 30 * 86400:
        raise ValueError(f"{value[:40]!r} is outside 1 minute to 30 days")
    return seconds
