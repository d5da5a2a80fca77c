"""What a build's files depend on besides the data, as digests: the code, the theme, the public settings.

Light on purpose (no Jinja, no markdown-it, no feedgen): a no-change rebuild
computes these before it imports anything that renders (seal.py), and the page
cache puts them into every key (page_cache.py).
"""

from __future__ import annotations

import errno
import functools
import hashlib
import os
import sys
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from generator.config import Config, SiteSettings
from generator.dates import format_datetime
from generator.errors import ConfigError
from generator.fingerprint import Fingerprinter
from generator.themes import Asset, theme_assets, theme_search_path

LATEST_EPOCH = 253_370_764_800  # 9998-12-31T00:00:00Z

# What a build leaves out when it has no base_url, because these files need absolute URLs.
NEEDS_BASE_URL = ("RSS/Atom feeds", "the api/v2 JSON", "sitemap.xml")

# Babel: month names, number formats and plural rules of every language come from its locale data;
# icalendar writes the maintenance calendars.
RENDERING_LIBRARIES = (
    "jinja2",
    "markupsafe",
    "markdown-it-py",
    "mdurl",
    "feedgen",
    "lxml",
    "tzdata",
    "babel",
    "icalendar",
)


@dataclass(frozen=True, slots=True)
class BuildInputs:
    """All a build was made from, as the seal records it: the whole key, the snapshot's digest and file."""

    whole: str
    data_digest: str
    file_identity: list[int] | None = None  # the snapshot file's, taken before it was read (seal.py)


def source_date_epoch(environ: Mapping[str, str] | None = None) -> datetime | None:
    """SOURCE_DATE_EPOCH as a time, None when it is not set; a bad value is a ConfigError."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    if not epoch.isdigit():
        raise ConfigError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not {epoch[:20]!r}")
    # A day's margin inside the year 9999, so that any time zone can still show it.
    if int(epoch) > LATEST_EPOCH:
        raise ConfigError(f"SOURCE_DATE_EPOCH {epoch[:20]} is after the year 9998; give seconds since 1970")
    return datetime.fromtimestamp(int(epoch), tz=UTC)


def whole_key(config: Config, data_digest: str, epoch: datetime | None) -> str:
    """The key of all a build's inputs: settings, theme and code, the snapshot's bytes, the build time.

    The same key as the last build's, with its files all still there, means
    the same site: nothing need be rendered, or even parsed.
    """
    search_path = theme_search_path(config.theme)
    return digest_of(
        settings_digest(config.public(), search_path, theme_assets(search_path, config.logo)),
        data_digest,
        "snapshot time" if epoch is None else format_datetime(epoch),
    )


def snapshot_digest(data: bytes | memoryview) -> str:
    """128 bits of SHA-256 as 32 hex digits: the digest of a snapshot file, its arrays, each record, each file.

    SHA-256, not BLAKE2b, for bulk data: CPUs with SHA instructions (x86 since
    about 2017-2019, ARMv8) hash with them through OpenSSL, 29 ms against 68 ms
    for a 45 MB snapshot here, 4.5 µs against 7.6 µs for a 4 KB incident;
    below a few hundred bytes the two cost the same. Truncated to the length
    BLAKE2b gave (record_ledger.DIGEST_LENGTH): collisions still take 2**64 work.
    """
    return hashlib.sha256(data).hexdigest()[:32]


def digest_of(*parts: str) -> str:
    return hashlib.blake2b("\n".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


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
    versions = ",".join(f"{name}={installed_version(name)}" for name in RENDERING_LIBRARIES)
    python = f"python={sys.version_info[0]}.{sys.version_info[1]}"
    return f"{_digest_folder(Path(__file__).parent, '.py')} {python} {versions} tz={time_zone_database()}"


def time_zone_database() -> str:
    """Which zone data zoneinfo reads: the system's (its version file) before the tzdata package."""
    for folder in zoneinfo.TZPATH:
        for name in ("tzdata.zi", "+VERSION"):
            try:
                with open(os.path.join(folder, name), encoding="utf-8") as handle:
                    return handle.readline().strip()[:40]
            except OSError:
                continue
    return f"tzdata-package-{installed_version('tzdata')}"


def installed_version(distribution: str) -> str:
    """An installed distribution's version, as importlib.metadata finds it on sys.path, or "none".

    Read from the names of the `<name>-<version>.dist-info` (or `.egg-info`)
    folders that installers make (PEP 427, PEP 376), which a listing of sys.path
    finds several times faster than importing importlib.metadata: a no-change
    rebuild would otherwise pay that import.
    """
    return _installed_versions().get(_normalized(distribution), "none")


@functools.cache
def _installed_versions() -> dict[str, str]:
    """Normalized name -> version of every distribution on sys.path; the first one found wins, as for imports."""
    versions: dict[str, str] = {}
    for folder in sys.path:
        try:
            entries = sorted(os.listdir(folder or "."))
        except OSError:
            continue
        for entry in entries:
            stem, dot, suffix = entry.rpartition(".")
            name, _, version = stem.partition("-")
            if dot and suffix in ("dist-info", "egg-info") and version:
                versions.setdefault(_normalized(name), version.partition("-")[0])
    return versions


def _normalized(name: str) -> str:
    return name.lower().replace("-", "_").replace(".", "_")


def theme_digest(folders: tuple[Path, ...]) -> str:
    # Read at every call, never cached: a process that builds again and again (`statusgen serve`)
    # must see the theme file edited since its last build. A theme is a few dozen small files.
    return "".join(_digest_folder(folder, "") for folder in folders)


def _digest_folder(folder: Path, suffix: str) -> str:
    """Each file's name and bytes, each preceded by its length: so no two folders read alike.

    Without the lengths, `_footer.html` holding "<footer>" and `_footer.htm`
    holding "l<footer>" gave the same digest (a red-team finding). Read with
    os.scandir and unbuffered reads, not pathlib: a no-change rebuild reads
    the code and the theme, 180 files, in a third of the time (seal.py).
    """
    digest = hashlib.blake2b(digest_size=16)
    for name, path in _files_under(str(folder), suffix):
        with open(path, "rb", buffering=0) as handle:
            data = handle.read()
        encoded = name.encode("utf-8", "surrogateescape")
        digest.update(b"%d:%s%d:" % (len(encoded), encoded, len(data)))
        digest.update(data)
    return digest.hexdigest()


def _files_under(top: str, suffix: str) -> list[tuple[str, str]]:
    """Each file under `top` whose name ends with `suffix`: its name relative to `top`, and its path.

    In the order, and with the files, of `sorted(Path(top).rglob("*" + suffix))`
    keeping files only: symbolic links to files are followed, those to folders
    are not entered, nothing in or named `__pycache__` counts, and a folder
    it may not list or a link it cannot follow (one to itself) is passed over,
    as pathlib passes them over.
    """
    found: list[tuple[str, str]] = []
    pending = [("", top)]
    while pending:
        prefix, folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except PermissionError:
            continue
        for entry in entries:
            if entry.name == "__pycache__":
                continue
            if entry.is_dir(follow_symlinks=False):
                pending.append((f"{prefix}{entry.name}/", entry.path))
            elif entry.name.endswith(suffix) and _is_file(entry):
                found.append((prefix + entry.name, entry.path))
    found.sort(key=_by_parts)
    return found


def _is_file(entry: os.DirEntry[str]) -> bool:
    """Path.is_file's answer: a link is followed, and one that leads nowhere (a loop, a dangling one) is no file."""
    try:
        return entry.is_file()
    except OSError as error:
        if error.errno in _PASSED_OVER:
            return False
        raise


# The errors Path.is_file answers False to (pathlib._IGNORED_ERRNOS); any other is raised.
_PASSED_OVER = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})


def _by_parts(item: tuple[str, str]) -> list[str]:
    return item[0].split("/")
