"""Settings that would break the output are refused in one line, before anything is written (issue 13, point 7).

Each case runs the real command in a folder holding a site built before, and
checks the exact error, the exit status, that the site is byte for byte as it
was, and that no lock file or staging folder appeared anywhere.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.locking import lock_file_for
from generator.snapshot import demo_snapshot, write_snapshot
from tests.statusgen_runs import run_statusgen_in, tree_bytes

ADVICE = "choose a folder of its own (e.g. --out site)"


@dataclass(frozen=True)
class Workspace:
    """A project folder (`work`, the current folder of every run) with a site built there before."""

    root: Path
    work: Path

    @property
    def site(self) -> Path:
        return self.work / "site"

    def state(self) -> tuple[dict[str, bytes], list[str]]:
        """The site's files and every path under the root: what a refused run must leave alone."""
        every_path = sorted(str(path.relative_to(self.root)) for path in self.root.rglob("*"))
        return tree_bytes(self.site), every_path


@pytest.fixture(scope="module")
def built_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("built")
    work = root / "work"
    work.mkdir()
    write_snapshot(demo_snapshot(), work / "snapshot.json")
    result = run_statusgen_in(work, "build", "--snapshot", "snapshot.json", "-q")
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def workspace(built_workspace: Path, tmp_path: Path) -> Workspace:
    """A copy of the built workspace, resolved (messages name real paths), with a theme and a settings folder."""
    root = tmp_path.resolve() / "project"
    shutil.copytree(built_workspace, root, symlinks=True)
    (root / "themes" / "mine").mkdir(parents=True)
    (root / "themes" / "mine" / "_head_extra.html").write_text("<!-- mine -->", encoding="utf-8")
    (root / "conf").mkdir()
    (root / "conf" / "statusgen.toml").write_text('title = "Acme status"\n', encoding="utf-8")
    return Workspace(root, root / "work")


def assert_refused(workspace: Workspace, args: list[str], message: str, **environment: str) -> None:
    """The run fails with exactly `message` on one line and exit 1, and changes nothing on disk."""
    before = workspace.state()
    result = run_statusgen_in(workspace.work, *args, **environment)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", f"Error: {message}\n")
    assert workspace.state() == before


# --- URLs ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("base_url", "problem"),
    [
        ("https://x.com//a", "has an empty, '.' or '..' path segment"),
        ("https://x.com/a/../b", "has an empty, '.' or '..' path segment"),
        ("https://x.com/a b", "has spaces or control characters"),
        ("https://x.com/\x07", "has spaces or control characters"),
        ("https://x.com/a\tb", "has spaces or control characters"),
        ("https://x.com/?page=1", "has a query or fragment (?, #); give the address only"),
        ("https://x.com:70000", "has an invalid port (use 1 to 65535)"),
        ("https://", "has no host name"),
    ],
)
def test_a_base_url_that_would_break_links_is_refused(workspace: Workspace, base_url: str, problem: str) -> None:
    args = ["build", "--snapshot", "snapshot.json", "--base-url", base_url]
    assert_refused(workspace, args, f"invalid settings: base_url: {base_url!r} {problem}")


def test_a_base_url_from_the_settings_file_is_checked_the_same(workspace: Workspace) -> None:
    (workspace.work / "statusgen.toml").write_text('base_url = "https://status.acme.com//a"\n', encoding="utf-8")
    message = "invalid settings: base_url: 'https://status.acme.com//a' has an empty, '.' or '..' path segment"
    assert_refused(workspace, ["build", "--snapshot", "snapshot.json"], message)


def test_trailing_slashes_of_a_base_url_are_dropped_not_refused(workspace: Workspace) -> None:
    result = run_statusgen_in(
        workspace.work, "build", "--snapshot", "snapshot.json", "--base-url", "https://x.com/status//", "-q"
    )
    assert result.returncode == 0, result.stderr
    assert b"https://x.com/status/incidents/" in (workspace.site / "feed.atom").read_bytes()


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://[::1", "is not a valid URL (check the host)"),
        ("http://host:99999", "has an invalid port (use 1 to 65535)"),
        ("http://host:abc", "has an invalid port (use 1 to 65535)"),
        ("http://host:0", "has an invalid port (use 1 to 65535)"),
        ("https://", "has no host name"),
        ("https://oneuptime.example/api?x=1", "has a query or fragment (?, #); give the address only"),
    ],
)
@pytest.mark.parametrize("command", ["build", "fetch"])
def test_an_unusable_oneuptime_url_is_refused_before_any_request(
    workspace: Workspace, url: str, problem: str, command: str
) -> None:
    args = ["build"] if command == "build" else ["fetch", "--out", "snapshot.json"]
    credentials = {"ONEUPTIME_PROJECT_ID": "project", "ONEUPTIME_API_KEY": "key"}
    message = f"invalid settings: ONEUPTIME_URL (or url under [oneuptime]): {url!r} {problem}"
    assert_refused(workspace, args, message, ONEUPTIME_URL=url, **credentials)


# --- the title -----------------------------------------------------------------------------------


@pytest.mark.parametrize("title", ['""', '"   "', '"\\u0007"'])
def test_an_empty_title_is_refused(workspace: Workspace, title: str) -> None:
    (workspace.work / "statusgen.toml").write_text(f"title = {title}\n", encoding="utf-8")
    message = "invalid settings: title: must not be empty (it names the site on every page and feed)"
    assert_refused(workspace, ["build", "--snapshot", "snapshot.json"], message)


# --- the output folder ---------------------------------------------------------------------------


def test_the_root_folder_is_refused_and_gets_no_lock_file(workspace: Workspace) -> None:
    root_before = sorted(os.listdir("/"))
    message = "refusing to write the site to /: a site needs a folder of its own (e.g. --out site)"
    assert_refused(workspace, ["build", "--snapshot", "snapshot.json", "--out", "/"], message)
    assert sorted(os.listdir("/")) == root_before


@pytest.mark.parametrize("flags", [[], ["--check"], ["--demo"]])
def test_the_current_folder_is_refused(workspace: Workspace, flags: list[str]) -> None:
    source = flags if flags == ["--demo"] else ["--snapshot", "snapshot.json", *flags]
    message = f"refusing to write the site to {workspace.work}: it is the current folder; {ADVICE}"
    assert_refused(workspace, ["build", *source, "--out", "."], message)
    assert not lock_file_for(workspace.work).exists()


def test_a_folder_holding_the_current_folder_is_refused(workspace: Workspace) -> None:
    message = (
        f"refusing to write the site to {workspace.root}: it contains the current folder {workspace.work}; {ADVICE}"
    )
    assert_refused(workspace, ["build", "--snapshot", "snapshot.json", "--out", ".."], message)
    assert not lock_file_for(workspace.root).exists()


def test_the_theme_folder_or_one_holding_it_is_refused(workspace: Workspace) -> None:
    theme = workspace.root / "themes" / "mine"
    base = ["build", "--snapshot", "snapshot.json", "--theme", str(theme), "--out"]
    assert_refused(
        workspace, [*base, str(theme)], f"refusing to write the site to {theme}: it is the theme folder; {ADVICE}"
    )
    holder = theme.parent
    message = f"refusing to write the site to {holder}: it contains the theme folder {theme}; {ADVICE}"
    assert_refused(workspace, [*base, str(holder)], message)
    assert not lock_file_for(theme).exists() and not lock_file_for(holder).exists()


def test_an_output_inside_the_theme_folder_is_refused(workspace: Workspace) -> None:
    theme = workspace.root / "themes" / "mine"
    output = theme / "static" / "site"
    args = ["build", "--snapshot", "snapshot.json", "--theme", str(theme), "--out", str(output)]
    assert_refused(
        workspace, args, f"refusing to write the site to {output}: it is inside the theme folder {theme}; {ADVICE}"
    )
    assert not output.parent.exists()  # not even its parent folders were made


def test_the_settings_files_folder_is_refused(workspace: Workspace) -> None:
    settings = workspace.root / "conf" / "statusgen.toml"
    args = ["build", "--snapshot", "snapshot.json", "--config", str(settings), "--out", str(settings.parent)]
    message = f"refusing to write the site to {settings.parent}: it contains the settings file {settings}; {ADVICE}"
    assert_refused(workspace, args, message)
    assert not lock_file_for(settings.parent).exists()


def test_the_snapshot_files_folder_is_refused(workspace: Workspace) -> None:
    data = workspace.root / "data"
    data.mkdir()
    shutil.copy(workspace.work / "snapshot.json", data / "snapshot.json")
    args = ["build", "--snapshot", str(data / "snapshot.json"), "--out", str(data)]
    message = f"refusing to write the site to {data}: it contains the snapshot file {data / 'snapshot.json'}; {ADVICE}"
    assert_refused(workspace, args, message)
    assert not lock_file_for(data).exists()


def test_a_foreign_folder_is_refused_without_a_lock_file(workspace: Workspace) -> None:
    home = workspace.root / "important"
    home.mkdir()
    (home / "thesis.tex").write_text("years of work", encoding="utf-8")
    message = (
        f"refusing to replace {home}: it is not empty and was not made by statusgen "
        f"(choose another --out, or empty the folder)"
    )
    assert_refused(workspace, ["build", "--snapshot", "snapshot.json", "--out", str(home)], message)
    assert not lock_file_for(home).exists()


def test_a_file_as_output_is_refused_without_a_lock_file(workspace: Workspace) -> None:
    """(--out naming a file is refused by click itself, exit 2; the settings file is ours to check.)"""
    target = workspace.work / "snapshot.json"
    (workspace.work / "statusgen.toml").write_text('output = "snapshot.json"\n', encoding="utf-8")
    message = f"output path {target} is a file, not a folder"
    assert_refused(workspace, ["build", "--demo"], message)


def test_the_usual_layout_is_not_refused(workspace: Workspace) -> None:
    """Settings, theme and snapshot beside the output, all in the current folder: the everyday case."""
    (workspace.work / "statusgen.toml").write_text('title = "Acme status"\ntheme = "mine"\n', encoding="utf-8")
    shutil.copytree(workspace.root / "themes" / "mine", workspace.work / "mine")
    result = run_statusgen_in(workspace.work, "build", "--snapshot", "snapshot.json", "-q")
    assert (result.returncode, result.stderr) == (0, "")
    assert b"<!-- mine -->" in (workspace.site / "index.html").read_bytes()
