"""Settings that would break the output are refused in one line, before anything is written (issue 13, point 7).

Each case runs the real command in a folder holding a site built before, and
checks the exact error, the exit status, that the site is byte for byte as it
was, and that no lock file or staging folder appeared anywhere.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.snapshot import demo_snapshot, write_snapshot
from tests.statusgen_runs import run_statusgen_in, tree_bytes


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
    """A copy of the built workspace, resolved (messages name real paths)."""
    root = tmp_path.resolve() / "project"
    shutil.copytree(built_workspace, root, symlinks=True)
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
