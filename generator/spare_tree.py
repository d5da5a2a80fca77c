"""The spare tree: the site before the current one, kept beside it, so a swap costs what changed.

A build is swapped in whole (writer.py), and used to stage a complete new
tree every time: a hard link for each of the 20,000 files of a 10,000-incident
site that a five-minute cron run did not change, then a walk deleting the old
tree. That is per-file work for files that are kept, as large as a tenth of
the build. Instead, after an atomic exchange the old tree is not deleted but
kept beside the output (`site` -> `.site.statusgen.spare`), with a record of
which paths differ between it and the output: the files the last build
added, changed or removed. The next build renames the spare to its staging
folder and brings only those paths, and what it changes itself, up to date;
then the exchange swaps it in, and the tree it replaces becomes the spare.
Readers still see the complete old site or the complete new one.

A spare is trusted only as recorded:
- the output must be the very tree its differences were taken against (its
  device, inode and ctime, which any replacement of the output, a `rm -rf`
  and rebuild, a restore or another tool, changes; a build that only
  replaces the marker records the output's new identity);
- its folders' inodes, mtimes and ctimes (seal.py's evidence) must be those
  recorded, and its folders made with the permissions this build would give
  new ones (the umask of a cron job may change);
- the record is removed before the spare is touched, and before a cron run
  replaces files of the output in place, so a build killed while updating
  either leaves nothing to trust (the staging name is a leftover the next
  build removes); any commit that is not an exchange drops the spare.
The spare is private (0o700) while it waits, and the files a build removed are
removed from it too: a page taken down is not left readable beside the site.
The two trees share the inodes of unchanged files, so a file in the spare is
never written in place: its entry is unlinked and made anew. Like kept files
everywhere in statusgen, a file edited in place by hand is not detected;
`--no-cache` neither uses nor keeps a spare.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.folder_evidence import folder_states, folders_of, tree_identity
from generator.site_swap import remove_emptied_folders, replace_file

SPARE_FORMAT = "statusgen-spare-2"
PRIVATE = 0o700


def spare_folder_for(output: Path) -> Path:
    """`site` -> `.site.statusgen.spare`: beside the lock file, not a leftover that recovery removes."""
    return output.with_name(f".{output.name}.statusgen.spare")


def spare_record_for(output: Path) -> Path:
    return output.with_name(f".{output.name}.statusgen.spare.json")


@dataclass(frozen=True, slots=True)
class Spare:
    """A spare tree taken as a staging folder, and the paths where it may differ from the output."""

    folder: Path
    differs: frozenset[str]


def take_spare(output: Path, staging: Path) -> Spare | None:
    """The spare, renamed to `staging`, when it is as recorded; else None, and no spare is left.

    Call under the output's lock. `staging` must not exist, and must be a
    name the next build removes as a leftover if this one is killed.
    """
    spare, record_file = spare_folder_for(output), spare_record_for(output)
    record = _read_record(record_file)
    record_file.unlink(missing_ok=True)  # from here on, a killed build leaves no spare to trust
    if record is None or not _as_recorded(spare, output, record):
        drop_spare(output)
        return None
    try:
        spare.rename(staging)
    except OSError:
        drop_spare(output)
        return None
    return Spare(staging, frozenset(record["differs"]))


def keep_as_spare(old_tree: Path, output: Path, paths: Iterable[str], differs: Iterable[str]) -> None:
    """After an exchange: the old site (now at `old_tree`) becomes the spare.

    `paths` are the old site's entries (for its folders' identities);
    `differs` the paths whose entries differ between it and the new output.
    """
    spare, record_file = spare_folder_for(output), spare_record_for(output)
    record_file.unlink(missing_ok=True)
    shutil.rmtree(spare, ignore_errors=True)
    differs = sorted(set(differs))
    paths = set(paths)
    try:
        os.chmod(old_tree, PRIVATE)  # what was just published may hold what the new site took down
        for path in differs:
            if path in paths:  # changed or removed now: it goes at once, not at the next build
                _remove(os.path.join(old_tree, path))
        old_tree.rename(spare)
        gone_folders = {path for path in differs if path.endswith("/")}  # empty folders removed whole
        folders = sorted(folders_of(paths - gone_folders))
        identities, modes = folder_states(spare, folders)
        record = {
            "format": SPARE_FORMAT,
            "output": tree_identity(output),
            "folders": folders,
            "identities": identities,
            "modes": sorted(modes),
            "differs": differs,
        }
        _write_record(record_file, record)
    except OSError:  # no spare then: the next build stages a whole tree, as without one
        drop_spare(output)
        shutil.rmtree(old_tree, ignore_errors=True)


def output_moved_on(output: Path, before: list[int] | None) -> None:
    """The output's marker was replaced in place: a spare recorded against it stays valid.

    Replacing the marker changes the output folder's own identity, so a run
    killed before this leaves a record that no longer matches: no spare then.
    """
    spare_back(output, before, _read_record(spare_record_for(output)), ())


def set_spare_aside(output: Path) -> dict[str, Any] | None:
    """Take the spare's record away before files of the output are replaced in place (writer.replace_files).

    A file renewed in a subfolder leaves the output folder's own identity as it
    was, so a run killed before `spare_back` left a record that still matched
    and did not name that file: the next build took the spare's older copy of
    it as current (tests/test_spare_tree.py). Without its record, a spare is
    never used.
    """
    record_file = spare_record_for(output)
    record = _read_record(record_file)
    record_file.unlink(missing_ok=True)
    return record


def spare_back(output: Path, before: list[int] | None, record: dict[str, Any] | None, replaced: Iterable[str]) -> None:
    """After the output's files were replaced in place and then its marker: the record (set aside, or read),
    now also naming the `replaced` files as differing from the spare's; dropped if the output is not the one
    it was taken against (`before`)."""
    if record is None:
        return
    if before is None or record["output"] != before:
        drop_spare(output)
        return
    record["output"] = tree_identity(output)
    record["differs"] = sorted({*record["differs"], *replaced})
    try:
        _write_record(spare_record_for(output), record)
    except OSError:
        drop_spare(output)


def clear_for_file(staging: Path, path: str) -> None:
    """Make room in a taken spare for a new file at `path`: whatever stands there goes, and any file
    standing where one of its folders must be (a path that was a file in an older site, now a folder)."""
    folder = staging
    for part in path.split("/")[:-1]:
        folder = folder / part
        if folder.is_symlink() or folder.is_file():
            folder.unlink()
            break
    _remove(os.path.join(staging, path))


def settle_spare(staging: Path, candidates: Iterable[str], seen: set[str]) -> None:
    """Take out of a taken spare what the new site (`seen`) does not have, the deepest first.

    `candidates` are what the spare may hold that the output did not, or what
    this build removed. A path the new site has as a folder is left alone.
    """
    needed = folders_of(seen)
    for path in sorted(set(candidates) - seen, key=lambda path: (-path.count("/"), path)):
        if path.rstrip("/") in needed:
            continue
        _remove(os.path.join(staging, path))
    remove_emptied_folders(staging, [path.rstrip("/") for path in set(candidates) - seen])


def drop_spare(output: Path) -> None:
    """Remove the spare and its record (a build that cannot keep one, or a spare that cannot be trusted)."""
    spare_record_for(output).unlink(missing_ok=True)
    shutil.rmtree(spare_folder_for(output), ignore_errors=True)


def folder_mode() -> int:
    """The permissions a folder made now gets (0o777 less the umask)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask


def _remove(path: str) -> None:
    """Remove a file, or a folder (an entry "x/" of an empty folder), whatever stands at `path`."""
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, ignore_errors=True)
        return
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        os.unlink(path)


def _write_record(record_file: Path, record: dict[str, Any]) -> None:
    replace_file(record_file, json.dumps(record, separators=(",", ":")).encode("utf-8"))


def _read_record(record_file: Path) -> dict[str, Any] | None:
    try:
        record = json.loads(record_file.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("format") != SPARE_FORMAT:
        return None
    for name in ("folders", "differs"):
        values = record.get(name)
        if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
            return None
    modes, output = record.get("modes"), record.get("output")
    if not isinstance(modes, list) or not all(isinstance(mode, int) for mode in modes):
        return None
    if not isinstance(output, list) or not isinstance(record.get("identities"), str):
        return None
    return record


def _as_recorded(spare: Path, output: Path, record: dict[str, Any]) -> bool:
    """The spare is as it was kept, against this very output, with folders as this build would make them."""
    if record["output"] != tree_identity(output) or set(record["modes"]) - {folder_mode()}:
        return False
    try:
        identities, _ = folder_states(spare, record["folders"])
    except OSError:  # a folder is gone
        return False
    return bool(identities == record["identities"])
