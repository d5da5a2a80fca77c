"""The page cache: unchanged pages are kept, changed ones rendered, and nothing stale survives."""

from __future__ import annotations

import dataclasses
import os
from datetime import timedelta
from pathlib import Path

import pytest

from generator import build_inputs, page_cache
from generator.build import build_from_source, build_site
from generator.config import Config
from generator.errors import ThemeError
from generator.model import Incident
from generator.snapshot import SnapshotSource, snapshot_to_json
from generator.writer import MARKER_NAME
from tests import factories as f

BASE = "https://status.example.com"


def build(snapshot, output: Path, **settings) -> object:  # type: ignore[no-untyped-def]
    return build_site(snapshot, Config(output=output, base_url=BASE, **settings), snapshot.taken_at)


def mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def age(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(1, 1))


def sample(title: str = "Incident 2"):  # type: ignore[no-untyped-def]
    return f.snapshot(f.incident(1, updates=(f.note("n1", 0.5, "first"),)), f.incident(2, title=title))


def test_a_no_change_rebuild_renders_and_touches_nothing(tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(sample(), out)
    age(out)
    report = build(sample(), out)
    assert not report.write.has_changes  # type: ignore[attr-defined]
    assert set(mtimes(out).values()) == {1}


def test_a_changed_incident_renews_its_page_and_feeds_and_keeps_the_others(tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(sample(), out)
    age(out)
    report = build(sample(title="Renamed incident"), out)
    changed = set(report.write.changed)  # type: ignore[attr-defined]
    assert {"incidents/2/index.html", "incidents/2/feed.atom"} <= changed
    assert "incidents/1/index.html" not in changed
    after = mtimes(out)
    assert after["incidents/1/index.html"] == 1 and after["incidents/1/feed.atom"] == 1
    assert "Renamed incident" in (out / "incidents/2/index.html").read_text()


def test_a_renamed_state_renews_the_pages_whose_timeline_names_it(tmp_path: Path) -> None:
    """A view's timeline is left out of its digest (page_cache.DERIVED_FIELDS): the states are keyed instead."""
    out = tmp_path / "site"
    went_through = f.incident(1, state_id=f.RESOLVED.id, updates=(f.state_change("s1", 2, f.ACKNOWLEDGED),))
    renamed = dataclasses.replace(f.ACKNOWLEDGED, name="Cause found")
    build(f.snapshot(went_through), out)
    build(f.snapshot(went_through, states=(f.CREATED, renamed, f.RESOLVED)), out)
    fresh = tmp_path / "fresh"
    build(f.snapshot(went_through, states=(f.CREATED, renamed, f.RESOLVED)), fresh)
    page = "incidents/1/index.html"
    assert "Cause found" in (out / page).read_text()
    assert (out / page).read_bytes() == (fresh / page).read_bytes()


def test_a_theme_that_shows_the_build_time_everywhere_gets_every_page_renewed(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "_head_extra.html").write_text('<meta name="built" content="{{ build_time|iso }}">')
    out = tmp_path / "site"
    snapshot = sample()
    build_site(snapshot, Config(output=out, base_url=BASE, theme=theme), f.at(1))
    build_site(snapshot, Config(output=out, base_url=BASE, theme=theme), f.at(0))
    assert f'content="{f.TAKEN_AT:%Y-%m-%dT%H}' in (out / "incidents/1/index.html").read_text()


def test_a_changed_setting_renews_every_page(tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(sample(), out)
    build(sample(), out, title="Another name")
    assert "Another name" in (out / "incidents/1/index.html").read_text()


def test_a_file_changed_by_hand_is_not_trusted_when_missing(tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(sample(), out)
    (out / "incidents/1/index.html").unlink()
    build(sample(), out)
    assert (out / "incidents/1/index.html").is_file()


def test_the_state_never_holds_settings_or_secrets(tmp_path: Path) -> None:
    out = tmp_path / "site"
    config = Config(output=out, base_url=BASE, api_key="sk-secret-KEY", project_id="proj-XYZ")
    build_site(sample(), config, f.TAKEN_AT)
    again = tmp_path / "again"
    build_site(sample(), dataclasses.replace(config, output=again, api_key="other", project_id="other"), f.TAKEN_AT)
    assert (out / MARKER_NAME).read_bytes() == (again / MARKER_NAME).read_bytes()


def test_templates_cannot_reach_the_api_key(tmp_path: Path) -> None:
    theme = tmp_path / "nosy"
    theme.mkdir()
    (theme / "_head_extra.html").write_text("{{ site.api_key }}")
    config = Config(output=tmp_path / "site", base_url=BASE, theme=theme, api_key="sk-secret-KEY")
    with pytest.raises(ThemeError, match="has no attribute 'api_key'"):
        build_site(sample(), config, f.TAKEN_AT)


def test_a_later_build_of_unchanged_data_rewrites_only_what_shows_the_time(tmp_path: Path) -> None:
    """A cron run with no incident change uploads the home page, not the whole site."""
    out = tmp_path / "site"
    resolved_only = f.snapshot(f.incident(3, updates=(f.note("n1", 2, "done"),)), f.incident(5))
    build_site(resolved_only, Config(output=out, base_url=BASE), f.at(0))
    report = build_site(resolved_only, Config(output=out, base_url=BASE), f.at(-1))
    assert report.write.changed == ("index.html",)
    assert not report.write.added and not report.write.removed


# --- the whole-build key: identical inputs do nothing at all -------------------------------------


def source_of(snapshot) -> SnapshotSource:  # type: ignore[no-untyped-def]
    return SnapshotSource(snapshot_to_json(snapshot).encode("utf-8"), "test snapshot")


class NeverParsed(SnapshotSource):
    """A source whose parsing fails the test: proves the build did not need it."""

    def load(self):  # type: ignore[no-untyped-def]
        raise AssertionError("the snapshot was parsed although nothing changed")


def test_identical_inputs_are_not_even_parsed(tmp_path: Path) -> None:
    out, config = tmp_path / "site", Config(output=tmp_path / "site", base_url=BASE)
    first = build_from_source(source_of(sample()), config, environ={})
    age(out)
    before = mtimes(out)
    source = source_of(sample())
    again = build_from_source(NeverParsed(source.data, source.name), config, environ={})
    assert not again.write.has_changes and again.write.unchanged == first.files
    assert (again.pages, again.files) == (first.pages, first.files)
    assert mtimes(out) == before


def test_an_incident_read_from_a_snapshot_file_is_keyed_by_its_bytes_not_its_fields(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its record's digest stands for it (page_cache.record_leaves): its fields are never walked, and a change
    of one incident still renews its pages alone."""
    out, config = tmp_path / "site", Config(output=tmp_path / "site", base_url=BASE)
    source = source_of(sample())
    loaded = source.load()
    leaves = page_cache.record_leaves(loaded.snapshot, loaded.records, source.data)
    assert [leaf for leaf, _ in leaves.values()] == list(loaded.snapshot.incidents)
    assert len({digest() for _, digest in leaves.values()}) == 2

    def walked(self: object) -> str:
        raise AssertionError("an incident's fields were walked for its key")

    monkeypatch.setattr(Incident, "__repr__", walked)
    build_from_source(source_of(sample()), config, environ={})
    age(out)
    report = build_from_source(source_of(sample(title="Renamed incident")), config, environ={})
    changed = set(report.write.changed)
    assert {"incidents/2/index.html", "incidents/2/feed.atom"} <= changed
    assert not {"incidents/1/index.html", "incidents/1/feed.atom"} & changed


def test_the_same_incident_from_a_file_and_from_memory_gets_a_key_either_way(tmp_path: Path) -> None:
    """A build from the live API has no record digests: the incident is walked, and the page is the same."""
    from_file, from_memory = tmp_path / "file", tmp_path / "memory"
    build_from_source(source_of(sample()), Config(output=from_file, base_url=BASE), environ={})
    build(sample(), from_memory)
    assert (from_file / "incidents/2/index.html").read_bytes() == (from_memory / "incidents/2/index.html").read_bytes()


@pytest.mark.parametrize(
    "change",
    ["a deleted file", "another build time", "another title", "other data"],
)
def test_any_change_of_input_or_output_builds_again(tmp_path: Path, change: str) -> None:
    out, config = tmp_path / "site", Config(output=tmp_path / "site", base_url=BASE)
    environ: dict[str, str] = {}
    snapshot = sample()
    build_from_source(source_of(snapshot), config, environ=environ)
    expected = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    if change == "a deleted file":
        (out / "incidents" / "1" / "index.html").unlink()
    elif change == "another build time":
        environ = {"SOURCE_DATE_EPOCH": str(int(f.TAKEN_AT.timestamp()) + 60)}
    elif change == "another title":
        config = dataclasses.replace(config, title="Renamed status")
    else:
        snapshot = sample(title="A new title")
    report = build_from_source(source_of(snapshot), config, environ=environ)
    assert report.write.has_changes
    if change == "a deleted file":
        assert report.write.added == ("incidents/1/index.html",)
        rebuilt = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
        assert rebuilt == expected


def code_digest_changes(monkeypatch: pytest.MonkeyPatch, name: str, replacement: object) -> bool:
    """Whether the code's key changes with build_inputs.`name` replaced; the real key is back afterwards."""
    build_inputs.code_digest.cache_clear()
    before = build_inputs.code_digest()
    monkeypatch.setattr(build_inputs, name, replacement)
    build_inputs.code_digest.cache_clear()
    try:
        return build_inputs.code_digest() != before
    finally:
        monkeypatch.undo()
        build_inputs.code_digest.cache_clear()
        assert build_inputs.code_digest() == before


def test_the_code_key_covers_the_rendering_libraries_versions(monkeypatch: pytest.MonkeyPatch) -> None:
    """An upgraded Jinja must render every page again, not leave old pages beside new ones."""
    installed = build_inputs.installed_version
    upgraded = lambda name: "99.0" if name == "jinja2" else installed(name)  # noqa: E731
    assert code_digest_changes(monkeypatch, "installed_version", upgraded)


def test_without_the_cache_every_page_is_rendered_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    build(sample(), out)
    kept: list[bool] = []
    decide = page_cache.is_kept

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        kept.append(decide(*args, **kwargs))
        return kept[-1]

    monkeypatch.setattr("generator.jobs.is_kept", spy)
    snapshot = sample()
    config = Config(output=out, base_url=BASE)
    build_site(snapshot, config, snapshot.taken_at)
    assert kept and all(kept)  # the small site runs in this process (below the parallel threshold)
    kept.clear()
    report = build_site(snapshot, config, snapshot.taken_at, use_cache=False)
    assert kept and not any(kept)
    assert not report.write.has_changes  # the same bytes: files stay as they are


def test_the_time_zone_database_is_part_of_every_key(monkeypatch: pytest.MonkeyPatch) -> None:
    assert build_inputs.time_zone_database()  # a version line or the tzdata package's version
    assert code_digest_changes(monkeypatch, "time_zone_database", lambda: "# version 2099z")


def test_leaf_types_are_frozen_and_show_every_field_in_their_repr() -> None:
    """A leaf is digested from its repr: a field left out of the repr would be left out of the key."""
    for leaf in page_cache.LEAF_TYPES:
        assert dataclasses.is_dataclass(leaf), leaf
        params = leaf.__dataclass_params__  # type: ignore[attr-defined]
        assert params.frozen, leaf
        assert all(item.repr for item in dataclasses.fields(leaf)), leaf


def test_every_view_field_that_holds_another_view_is_a_declared_reference() -> None:
    """A view holding another view (not a list of its children) points back up the graph: it must be declared,
    or the walk meets a cycle (fingerprint.py refuses one) or keys depend on where the walk started."""
    import typing

    from generator import views as view_module

    views = {view_module.IncidentView, view_module.EpisodeView}
    for view in views:
        hints = typing.get_type_hints(view, vars(view_module))
        pointing = {name for name, hint in hints.items() if any(arg in views for arg in (*typing.get_args(hint), hint))}
        children = {name for name, hint in hints.items() if typing.get_origin(hint) in (list, tuple)}
        declared = page_cache.REFERENCE_FIELDS.get(view, frozenset())
        assert pointing - children == declared, (view, pointing - children, declared)


def test_a_file_name_holding_a_newline_is_not_two_files() -> None:
    """The file list's digest: joined by newlines, "a\\nb" read as "a" and "b" (a red-team note)."""
    assert page_cache.paths_digest(["a\nb"]) != page_cache.paths_digest(["a", "b"])
    assert page_cache.paths_digest(["b", "a"]) == page_cache.paths_digest(["a", "b"])


def page_keys(output: Path) -> dict[str, str]:
    return dict(page_cache.previous_build((output / MARKER_NAME).read_text(encoding="utf-8")).keys)


def test_a_new_note_renews_its_month_page_and_not_the_months_beside_it(tmp_path: Path) -> None:
    """A month page links its neighbours by name and address: it is not keyed by what they hold."""
    out = tmp_path / "site"
    incidents = [
        f.incident(n, declared_at=f.at(24 * 40 * n), updates=(f.note(f"n{n}", 24 * 40 * n - 1, "x"),))
        for n in (1, 2, 3)
    ]
    build(f.snapshot(*incidents), out)
    before = page_keys(out)
    late = dataclasses.replace(incidents[1], updates=(*incidents[1].updates, f.note("late", 0.5, "Late.")))
    build(f.snapshot(incidents[0], late, incidents[2]), out)
    months = {path for path in before if path.startswith("history/2")}
    assert len(months) == 3
    assert len({path for path in months if page_keys(out)[path] != before[path]}) == 1


def test_a_new_note_renews_the_pages_of_its_own_services_only(tmp_path: Path) -> None:
    """A service page shows how many days its bars cover, not the other services' incidents."""
    from tests.test_clock_rebuild import Site, quiet_project, with_note

    site = Site.built(tmp_path, quiet_project())
    before = page_keys(site.config.output)
    site.write(with_note(quiet_project(), 0, "late"))
    site.build(f.TAKEN_AT + timedelta(minutes=5))
    after = page_keys(site.config.output)
    services = {path for path in before if path.startswith("components/") and path.endswith("index.html")}
    assert len(services) > 3
    assert len({path for path in services if after[path] != before[path]}) == 1
    site.assert_as_fresh(f.TAKEN_AT + timedelta(minutes=5))


@pytest.mark.parametrize(
    "keys",
    [
        {},
        {"index.html": "a1", "incidents/é/index.html": "b2"},
        {'odd "keys":{} name/index.html': "c3", "x}y/feed.atom": "d4", "z\\w": "e5"},
    ],
)
def test_a_marker_renewed_with_its_keys_kept_is_the_marker_encoded_anew(keys: dict[str, str]) -> None:
    old = page_cache.state_text(keys=keys, whole="w1", pages=3, paths="p1", data_time="2028-01-01T00:00:00Z")
    fields: dict[str, object] = {"whole": "w2", "pages": 4, "paths": "p2", "data_time": "2028-01-01T00:05:00Z"}

    kept = page_cache.state_text_keeping_keys(page_cache.previous_build(old), **fields)

    assert kept == page_cache.state_text(keys=keys, **fields)


def test_a_marker_in_another_layout_is_not_spliced() -> None:
    old = page_cache.state_text(keys={"index.html": "a1"}, whole="w1", pages=1, paths="p1", data_time="t1")
    spaced = old.replace('"keys":{', '"keys": {')
    fields: dict[str, object] = {"whole": "w2", "pages": 1, "paths": "p1", "data_time": "t2"}

    assert page_cache.state_text_keeping_keys(page_cache.previous_build(spaced), **fields) is None
    assert page_cache.state_text_keeping_keys(page_cache.previous_build(old, enabled=False), **fields) is None
