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

A spare is trusted only as recorded: its folders' inodes, mtimes and ctimes
(seal.py's evidence) must be those recorded, and the record is removed before
the spare is touched, so a build killed while updating it leaves nothing to
trust (the staging name is a leftover the next build removes). The two
trees share the inodes of unchanged files, so a file in the spare is never
written in place: its entry is unlinked and made anew. Like kept files
everywhere in statusgen, a file edited in place by hand is not detected;
`--no-cache` rewrites every file.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.folder_evidence import folder_identities, folders_of

SPARE_FORMAT = "statusgen-spare-1"


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
    if record is None or not _as_recorded(spare, record):
        drop_spare(output)
        return None
    differs = record["differs"]
    try:
        spare.rename(staging)
    except OSError:
        drop_spare(output)
        return None
    return Spare(staging, frozenset(differs))


def keep_as_spare(old_tree: Path, output: Path, paths: Iterable[str], differs: Iterable[str]) -> None:
    """After an exchange: the old site (now at `old_tree`) becomes the spare.

    `paths` are the old site's files (for its folders' identities); `differs`
    the paths whose entries differ between it and the new output.
    """
    spare, record_file = spare_folder_for(output), spare_record_for(output)
    record_file.unlink(missing_ok=True)
    shutil.rmtree(spare, ignore_errors=True)
    try:
        old_tree.rename(spare)
        folders = sorted(folders_of(paths))
        record = {
            "format": SPARE_FORMAT,
            "folders": folders,
            "identities": folder_identities(spare, folders),
            "differs": sorted(set(differs)),
        }
        temporary = record_file.with_name(record_file.name + ".tmp")
        temporary.write_text(json.dumps(record, separators=(",", ":")), encoding="utf-8")
        temporary.replace(record_file)
    except OSError:  # no spare then: the next build stages a whole tree, as without one
        drop_spare(output)
        shutil.rmtree(old_tree, ignore_errors=True)


def drop_spare(output: Path) -> None:
    """Remove the spare and its record (a build that cannot keep one, or a spare that cannot be trusted)."""
    spare_record_for(output).unlink(missing_ok=True)
    shutil.rmtree(spare_folder_for(output), ignore_errors=True)


def _read_record(record_file: Path) -> dict[str, list[str] | str] | None:
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
    return record if isinstance(record.get("identities"), str) else None


def _as_recorded(spare: Path, record: dict[str, list[str] | str]) -> bool:
    try:
        return folder_identities(spare, record["folders"]) == record["identities"]
    except OSError:  # a folder is gone
        return False
