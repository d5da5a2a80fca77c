"""Compiled templates kept between runs (template_cache.py): the same site, faster, or no cache at all."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from generator.build import build_from_source
from generator.config import Config
from generator.snapshot import DEMO_NAME, SnapshotSource, demo_snapshot_bytes
from generator.template_cache import KEPT_FOLDERS, cache_root, template_cache

LANGUAGES = ("en", "de")


def demo_build(out: Path, language: str, use_cache: bool = True) -> dict[str, bytes]:
    config = replace(Config(), output=out, base_url="https://status.example.com", language=language)
    build_from_source(SnapshotSource(demo_snapshot_bytes(), DEMO_NAME), config, use_cache=use_cache)
    return {
        path.relative_to(out).as_posix(): path.read_bytes()
        for path in sorted(out.rglob("*"))
        if path.is_file() and not path.name.startswith(".statusgen")
    }


def compiled_files(root: Path) -> list[Path]:
    return sorted((root / "statusgen" / "templates").rglob("*.cache"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_templates_compiled_by_an_earlier_run_build_the_same_site(
    language: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Translated messages are compiled into the templates: a template loaded compiled must still say them."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    without = demo_build(tmp_path / "without", language, use_cache=False)
    assert compiled_files(tmp_path / "cache") == []  # --no-cache keeps nothing
    compiling = demo_build(tmp_path / "compiling", language)
    compiled = compiled_files(tmp_path / "cache")
    assert len(compiled) > 10
    written = {path: path.stat().st_mtime_ns for path in compiled}
    loading = demo_build(tmp_path / "loading", language)
    assert {path: path.stat().st_mtime_ns for path in compiled_files(tmp_path / "cache")} == written  # loaded, not made
    assert compiling == without and loading == without


def test_a_damaged_cache_file_is_compiled_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    fresh = demo_build(tmp_path / "fresh", "de")
    for index, path in enumerate(compiled_files(tmp_path / "cache")):
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2] if index % 2 else data[:3])
    assert demo_build(tmp_path / "again", "de") == fresh


def test_a_folder_others_may_write_to_is_not_used(tmp_path: Path) -> None:
    """Its files are code: one another user could have written is never loaded."""
    root = tmp_path / "statusgen"
    assert template_cache("a" * 32, root) is not None
    os.chmod(root / "templates", 0o777)  # noqa: S103 - the case under test
    assert template_cache("a" * 32, root) is None
    os.chmod(root / "templates", 0o700)
    link = root / "templates" / ("b" * 32)
    link.symlink_to(tmp_path)
    assert template_cache("b" * 32, root) is None


def test_no_folder_to_be_had_is_no_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert template_cache("a" * 32, blocker / "statusgen") is None


def test_only_the_most_recently_used_folders_are_kept(tmp_path: Path) -> None:
    """A theme edited under `statusgen serve` makes a folder at each edit: they must not pile up."""
    templates = tmp_path / "statusgen" / "templates"
    keys = [f"{index:032x}" for index in range(KEPT_FOLDERS + 3)]
    for age, key in enumerate(keys):
        (templates / key).mkdir(mode=0o700, parents=True)
        os.utime(templates / key, (1_000_000 + age, 1_000_000 + age))
    assert template_cache(keys[0], templates.parent) is not None  # used again: newest now
    assert len(list(templates.iterdir())) == KEPT_FOLDERS + 3  # a folder already there removes nothing
    assert template_cache("f" * 32, templates.parent) is not None
    kept = sorted(path.name for path in templates.iterdir())
    assert kept == sorted(["f" * 32, keys[0], *keys[-(KEPT_FOLDERS - 2) :]])


def test_the_cache_lives_where_the_platform_says(tmp_path: Path) -> None:
    assert cache_root({"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "statusgen"
    assert cache_root({}) == Path(os.path.expanduser("~")) / ".cache" / "statusgen"
