"""The page cache, in one place: what a page's key is made of, and what the last build recorded.

A build renders a page or feed again only when its key differs from the key
the previous build recorded for the same path (in the output folder's marker),
or its files are gone. A key digests exactly:
- the code that renders (our source, the rendering libraries' versions, Python's,
  and the time-zone database's, since every shown time goes through it),
- the theme's files and the public settings (SiteSettings: never the API key),
- the context names the page's templates can show (jobs.py picks them).
`--no-cache` (enabled=False) ignores what was recorded: everything is rendered.

The views refer to each other (an incident to its episode, which lists the
incident); REFERENCE_FIELDS declares those fields, and LEAF_TYPES the frozen
values digested whole from their repr (fingerprint.py). tests/test_page_cache.py
checks both against the classes, so a new view field cannot slip past them.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import os
import sys
import zoneinfo
from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass
from pathlib import Path

from generator.config import SiteSettings
from generator.day_bars import CalendarMonth, DayBar
from generator.fingerprint import Fingerprinter
from generator.model import Episode, Incident, Monitor, Postmortem, Service, ServiceGroup, Severity, State, Update
from generator.services import StatusView
from generator.themes import Asset
from generator.views import EpisodeView, FeedLink, IncidentView, OverallStatus, PublishedPostmortem, TimelineEntry

STATE_FORMAT = "statusgen-build-state-1"

# Immutable values whose repr shows all they hold: digested in one step.
LEAF_TYPES: tuple[type, ...] = (
    Incident,
    Episode,
    State,
    Severity,
    Monitor,
    Update,
    Postmortem,
    TimelineEntry,
    PublishedPostmortem,
    FeedLink,
    OverallStatus,
    SiteSettings,
    Service,
    ServiceGroup,
    StatusView,
    DayBar,
    CalendarMonth,
)
# Fields that point back up the graph of views (see fingerprint.py).
REFERENCE_FIELDS: Mapping[type, frozenset[str]] = {
    IncidentView: frozenset({"episode"}),
    EpisodeView: frozenset({"latest_note_incident"}),
}
RENDERING_LIBRARIES = ("jinja2", "markupsafe", "markdown-it-py", "mdurl", "feedgen", "lxml", "tzdata")


@dataclass(frozen=True, slots=True)
class PreviousBuild:
    """What the last build into the folder recorded: its page keys and the key of all its inputs."""

    keys: Mapping[str, str]
    document: Mapping[str, object]

    def key_of(self, path: str) -> str | None:
        return self.keys.get(path)


NO_PREVIOUS_BUILD = PreviousBuild({}, {})


def previous_build(state: str, *, enabled: bool = True) -> PreviousBuild:
    """The previous build's record from the marker's text; unreadable (or the cache off) means none."""
    try:
        document = json.loads(state)
    except ValueError:
        return NO_PREVIOUS_BUILD
    if not isinstance(document, dict) or document.get("format") != STATE_FORMAT:
        return NO_PREVIOUS_BUILD
    keys = document.get("keys")
    page_keys = {str(k): str(v) for k, v in keys.items()} if isinstance(keys, dict) and enabled else {}
    return PreviousBuild(page_keys, document if enabled else {"data_time": document.get("data_time")})


def state_text(**fields: object) -> str:
    """The marker's text: this build's record (page keys, the key of all inputs, the data's time)."""
    return json.dumps({"format": STATE_FORMAT, **fields}, sort_keys=True, separators=(",", ":"))


def paths_digest(paths: Iterable[str]) -> str:
    """A digest of a site's file list: a rebuild with the same inputs still renders if a file went missing."""
    return digest_of(*sorted(paths))


def digest_of(*parts: str) -> str:
    return hashlib.blake2b("\n".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def page_key(inputs: object) -> str:
    """The key of a job's inputs, in this process (a forked worker keeps its own memo)."""
    return _fingerprinter().of(inputs)


def is_kept(key: str, paths: Iterable[str], previous: PreviousBuild, existing: Set[str]) -> bool:
    """Whether a job's files may stay as they are: the same key as last time, and every file still there."""
    paths = tuple(paths)
    return previous.key_of(paths[0]) == key and all(path in existing for path in paths)


_fingerprinters: dict[int, Fingerprinter] = {}


def _fingerprinter() -> Fingerprinter:
    """One per process (a forked worker starts its own), so memoised digests are shared by its jobs."""
    process = os.getpid()
    if process not in _fingerprinters:
        _fingerprinters[process] = Fingerprinter(leaf_types=LEAF_TYPES, reference_fields=REFERENCE_FIELDS)
    return _fingerprinters[process]


def settings_digest(settings: SiteSettings, theme_folders: list[Path], assets: Mapping[str, Asset]) -> str:
    """What every output depends on besides the data: the code, the theme, its static files, the settings.

    Only what pages show: it must not change with the checkout's or the
    output's location, nor carry anything of the API settings.
    """
    assets_digest = ",".join(asset.path for asset in assets.values())
    return Fingerprinter().of((code_digest(), theme_digest(tuple(theme_folders)), settings, assets_digest))


@functools.cache
def code_digest() -> str:
    """The code that renders: our source and the libraries' versions; any change renders every page again.

    Otherwise an upgraded Jinja, markdown-it, feedgen or time-zone database
    would leave the reused pages as the old version made them next to
    re-rendered ones: a mixture no fresh build gives.
    """
    versions = ",".join(f"{name}={_version(name)}" for name in RENDERING_LIBRARIES)
    python = f"python={sys.version_info[0]}.{sys.version_info[1]}"
    return f"{_digest_folder(Path(__file__).parent, '*.py')} {python} {versions} tz={time_zone_database()}"


def time_zone_database() -> str:
    """Which zone data zoneinfo reads: the system's (its version file) before the tzdata package."""
    for folder in zoneinfo.TZPATH:
        for name in ("tzdata.zi", "+VERSION"):
            try:
                with open(os.path.join(folder, name), encoding="utf-8") as handle:
                    return handle.readline().strip()[:40]
            except OSError:
                continue
    return f"tzdata-package-{_version('tzdata')}"


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "none"


def theme_digest(folders: tuple[Path, ...]) -> str:
    # Read at every call, never cached: a process that builds again and again (`statusgen serve`)
    # must see the theme file edited since its last build. A theme is a few dozen small files.
    return "".join(_digest_folder(folder, "*") for folder in folders)


def _digest_folder(folder: Path, pattern: str) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for file in sorted(folder.rglob(pattern)):
        if file.is_file() and "__pycache__" not in file.parts:
            digest.update(file.relative_to(folder).as_posix().encode("utf-8", "surrogateescape"))
            digest.update(file.read_bytes())
    return digest.hexdigest()
