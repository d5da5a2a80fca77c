"""The seal of the last build beside its output: a no-change rebuild decided before anything renders.

A cron job rebuilds from a snapshot that mostly did not change. After each
build commits, still under the output's lock, statusgen writes beside the
output folder (`site` -> `.site.statusgen.seal`, next to its lock file) what
the build was made from and what it left:
- the key of all its inputs (build_inputs.whole_key: code, libraries, theme,
  public settings, the snapshot's digest, the build time),
- the snapshot file's identity (device, inode, size, mtime and ctime): a file
  with the same identity has the same bytes, so it need not be read to be hashed,
- the marker's identity, and the identity (inode, mtime, ctime) of every folder
  of the site.
A later build with the same inputs, whose snapshot file and folders are as
sealed, is "up to date" without reading the snapshot, importing the rendering
stack or listing the site's files. A build with other inputs takes the site's
file list from beside the seal (`.site.statusgen.files`, whose digest the
seal holds) instead of walking the site, when the folders are as sealed.

What the folders' identities catch: a file added, deleted or renamed by hand
changes its folder's mtime and ctime (the kernel sets them; no tool can set a
ctime back), and a folder replaced by hand has another inode. What they do not
catch: a file whose bytes are edited in place, which the page cache has never
re-checked either (kept pages are trusted, as before); `--no-cache` rewrites
every file. On a file system with coarse timestamps (1 s or 2 s, e.g. FAT or
some network mounts) a hand change within the same tick as the build's last
write to that folder could go unseen: there, after editing a built site by
hand, build once with --no-cache (or delete the seal file, and the build falls
back to listing every file, build.py).
An output updated in place (a mount point) gets no seal.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from generator.build_inputs import BuildInputs, snapshot_digest, whole_key
from generator.config import Config
from generator.folder_evidence import (
    folder_identities,
    folder_line,
    folder_lines,
    folders_of,
    lines_digest,
    stat_identity,
)
from generator.locking import exclusive_lock, lock_file_for
from generator.site_swap import replace_file
from generator.snapshot_sections import file_digests
from generator.writer import MARKER_NAME, BuildReport, WriteReport, site_folder

SEAL_FORMAT = "statusgen-seal-2"


def seal_file_for(output: Path) -> Path:
    """`site` -> `.site.statusgen.seal`, beside the lock file; not a leftover that recovery would remove."""
    return output.with_name(f".{output.name}.statusgen.seal")


def unchanged_report(
    config: Config, snapshot_file: Path | None, snapshot_data: bytes | None, epoch: datetime | None
) -> BuildReport | None:
    """The last build's report if it had exactly these inputs and its folders are as it left them; else None.

    A snapshot file is never read: unless it is the very file the seal names,
    unchanged, this answers None and the build proper reads and hashes it.
    `snapshot_data` is given instead for a snapshot that is not a file of its
    own (the demo).
    """
    output = site_folder(config.output)
    seal = _read_seal(seal_file_for(output))
    if seal is None:
        return None
    if snapshot_data is not None:
        data_digest: str | None = file_digests(snapshot_data).whole
    else:
        data_digest = _sealed_digest(seal, snapshot_file) if snapshot_file is not None else None
    if data_digest is None:
        return None
    return sealed_report(output, whole_key(config, data_digest, epoch), seal)


def sealed_report(output: Path, whole: str, seal: Mapping[str, object] | None = None) -> BuildReport | None:
    """The last build's report if its seal names these inputs (`whole`) and its folders are as it left them."""
    output = site_folder(output)
    seal = seal if seal is not None else _read_seal(seal_file_for(output))
    if seal is None or seal.get("whole") != whole:
        return None
    pages, files = seal.get("pages"), seal.get("files")
    if not isinstance(pages, int) or not isinstance(files, int):
        return None
    with exclusive_lock(lock_file_for(output)):  # an overlapping build finishes first
        if not _folders_as_sealed(output, seal):
            return None
    return BuildReport(pages, files, WriteReport((), (), (), files))


def write_seal(output: Path, inputs: BuildInputs | None, paths: Iterable[str], pages: int) -> None:
    """Seal what a committed build left in `output` (call under its lock, after the swap).

    Without `inputs` (a build from a live fetch, or a folder updated in place)
    any old seal is removed, so that no later build can trust it. A seal that
    cannot be written (a full disk) is removed too: the site is committed, and
    the next build lists its files instead of trusting them.
    """
    output = site_folder(output)
    with _unsealed_on_error(output):
        if inputs is None:
            _unseal(output)
        else:
            _write_seal(output, inputs, list(paths), pages)


@contextmanager
def _unsealed_on_error(output: Path) -> Iterator[None]:
    """No seal at all when it cannot be written: the site is committed, and the next build lists it."""
    try:
        yield
    except OSError:
        with contextlib.suppress(OSError):  # an old seal names the old marker: never trusted with the new one
            _unseal(output)


def _unseal(output: Path) -> None:
    seal_file_for(output).unlink(missing_ok=True)
    files_file_for(output).unlink(missing_ok=True)


def _write_seal(output: Path, inputs: BuildInputs, paths: list[str], pages: int) -> None:
    seal_file, files_file = seal_file_for(output), files_file_for(output)
    folders = sorted(folders_of(paths))
    # The file list is read only by a build that renders (sealed_files), not by the no-change check.
    listing = json.dumps(sorted(paths), separators=(",", ":")).encode("utf-8", "surrogateescape")
    replace_file(files_file, listing)
    document = {
        "format": SEAL_FORMAT,
        "whole": inputs.whole,
        "snapshot": {"identity": inputs.file_identity, "digest": inputs.data_digest},
        "marker": file_identity(output / MARKER_NAME),
        "folders": folders,
        "paths": snapshot_digest(listing),
        "folder_identities": folder_identities(output, folders),
        "pages": pages,
        "files": len(paths),
    }
    replace_file(seal_file, json.dumps(document, separators=(",", ":")).encode("utf-8"))


def files_file_for(output: Path) -> Path:
    """`site` -> `.site.statusgen.files`: the sealed site's file list, beside the seal."""
    return output.with_name(f".{output.name}.statusgen.files")


def sealed_files(output: Path) -> set[str] | None:
    """The site's files as the last build sealed them, if its folders are as it left them (call under the lock).

    A file added, deleted or renamed since would have changed its folder's
    identity; then None, and the writer walks the folder instead.
    """
    listing = sealed_listing(output)
    return {*listing.paths, MARKER_NAME} if listing is not None else None


@dataclass(frozen=True, slots=True)
class SealedListing:
    """The sealed site's files, verified as sealed, with each folder's identity line (for reseal)."""

    seal: Mapping[str, object]
    paths: list[str]
    folders: list[str]
    lines: list[str]


def sealed_listing(output: Path) -> SealedListing | None:
    """What sealed_files answers, and the verified folders' identity lines (call under the lock)."""
    seal = _read_seal(seal_file_for(output))
    sealed = _sealed_folder_lines(output, seal) if seal is not None else None
    if seal is None or sealed is None:
        return None
    try:
        listing = files_file_for(output).read_bytes()
        paths = json.loads(listing) if snapshot_digest(listing) == seal.get("paths") else None
    except (OSError, ValueError):
        return None
    if not isinstance(paths, list) or not all(isinstance(path, str) for path in paths):
        return None
    return SealedListing(seal, paths, *sealed)


def reseal(output: Path, inputs: BuildInputs, listing: SealedListing, changed: Iterable[str]) -> None:
    """Seal a build that replaced files in place, in the `changed` folders, of a site sealed as `listing`.

    The other folders' lines are those sealed_listing verified under the same
    lock: only the changed folders are looked at again (call under the lock).
    """
    output = site_folder(output)
    with _unsealed_on_error(output):
        lines, place = list(listing.lines), {folder: index for index, folder in enumerate(listing.folders)}
        for folder in set(changed):
            lines[place[folder]] = folder_line(folder, os.stat(output / folder))
        document = {
            **listing.seal,
            "whole": inputs.whole,
            "snapshot": {"identity": inputs.file_identity, "digest": inputs.data_digest},
            "marker": file_identity(output / MARKER_NAME),
            "folder_identities": lines_digest(lines),
        }
        replace_file(seal_file_for(output), json.dumps(document, separators=(",", ":")).encode("utf-8"))


def _read_seal(seal_file: Path) -> Mapping[str, object] | None:
    try:
        document = json.loads(seal_file.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(document, dict) or document.get("format") != SEAL_FORMAT:
        return None
    return document


def _sealed_digest(seal: Mapping[str, object], snapshot_file: Path) -> str | None:
    """The sealed snapshot's digest, if `snapshot_file` is that very file, unchanged; else None."""
    sealed = seal.get("snapshot")
    identity = file_identity(snapshot_file)
    if not isinstance(sealed, dict) or identity is None or sealed.get("identity") != identity:
        return None
    digest = sealed.get("digest")
    return digest if isinstance(digest, str) else None


def file_identity(path: Path) -> list[int] | None:
    """What changes whenever a file's bytes do (the kernel sets ctime on every write; no tool sets it back).

    None when the file cannot be read: then nothing is trusted.
    """
    try:
        status = os.stat(path)
    except OSError:
        return None
    return stat_identity(status)


def _folders_as_sealed(output: Path, seal: Mapping[str, object]) -> bool:
    return _sealed_folder_lines(output, seal) is not None


def _sealed_folder_lines(output: Path, seal: Mapping[str, object]) -> tuple[list[str], list[str]] | None:
    """The sealed folders and their identity lines now, if the marker and every folder are as sealed."""
    folders = seal.get("folders")
    if not isinstance(folders, list) or not all(isinstance(folder, str) for folder in folders):
        return None
    try:
        marker = file_identity(output / MARKER_NAME)
        if marker is None or marker != seal.get("marker"):
            return None
        lines, _ = folder_lines(output, folders)
    except OSError:  # a folder or the marker is gone
        return None
    return (folders, lines) if lines_digest(lines) == seal.get("folder_identities") else None
