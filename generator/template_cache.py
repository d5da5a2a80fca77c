"""Compiled templates kept between runs, as Python keeps its .pyc files.

Jinja compiles each template to Python in every process that renders it: the
build's two workers each compiled the theme's forty templates again at every
run, a tenth of a run with one new note. Jinja's own bytecode cache keeps the
compiled code in a folder; we give it one folder per settings digest
(build_inputs.settings_digest: our code, Jinja's and Python's versions, every
theme file with its catalogs, the public settings), since the compiled code
holds the theme's translations as well as the template. Jinja checks each
file against the template's source and its own version before using it.

The cache is a speed-up and never a reason to fail: a folder that cannot be
made, read or written is no cache. Its files are code, so a folder another
user could write to is not used (fail closed, as Python does not run .pyc
files it cannot trust either).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import shutil
import stat
from collections.abc import Mapping
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

# Folders of other settings digests kept beside the one in use (a theme edited under `statusgen serve`
# makes a new one at each edit); the least recently used beyond these are removed.
KEPT_FOLDERS = 8
_PRIVATE = 0o700


def cache_root(environ: Mapping[str, str] | None = None) -> Path:
    """Where statusgen keeps its cache: $XDG_CACHE_HOME/statusgen, or ~/.cache/statusgen."""
    environ = os.environ if environ is None else environ
    base = environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "statusgen"


def template_cache(settings_key: str, root: Path | None = None) -> jinja2.BytecodeCache | None:
    """The compiled templates of builds with these settings, or None where no private folder can be had."""
    templates = (root or cache_root()) / "templates"
    folder = templates / settings_key
    try:
        fresh = not folder.is_dir()
        folder.mkdir(mode=_PRIVATE, parents=True, exist_ok=True)
        if not all(_private(path) for path in (templates.parent, templates, folder)):
            return None
        os.utime(folder)  # in use: the last to be removed
        if fresh:
            _prune(templates, keep=folder)
    except OSError:
        return None
    return _QuietCache(str(folder))


def _private(folder: Path) -> bool:
    """Whether only this user can write to the folder, and it is a folder, not a link to one."""
    status = folder.lstat()
    return (
        stat.S_ISDIR(status.st_mode)
        and status.st_uid == os.getuid()
        and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )


def _prune(templates: Path, keep: Path) -> None:
    """Remove all but the KEPT_FOLDERS most recently used folders (`keep` is always kept)."""
    others = [path for path in templates.iterdir() if path != keep and path.is_dir() and not path.is_symlink()]
    others.sort(key=lambda path: path.stat().st_mtime, reverse=True)
    for path in others[KEPT_FOLDERS - 1 :]:
        shutil.rmtree(path, ignore_errors=True)


class _QuietCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache, whose every failure means only that a template is compiled again."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, pickle.UnpicklingError):  # unreadable or cut short: compiled
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):  # a full disk or a removed folder: the next run compiles again
            super().dump_bytecode(bucket)
