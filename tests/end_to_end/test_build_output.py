"""What `statusgen build` tells: a page counter on a terminal, else one line; plainly so when nothing changed."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.fake_oneuptime import FakeOneUptime
from tests.statusgen_runs import (
    DEMO_PAGES,
    REPO,
    run_statusgen,
    run_statusgen_in,
    statusgen_command,
    statusgen_environment,
)
from tests.terminal import on_a_terminal

CLEAR_LINE = "\r\x1b[K"


def counts(shown: str, doing: str, unit: str) -> list[int]:
    return [int(done) for done in re.findall(rf"\r{doing}: (\d+)/(?:\d+|\?) {unit}", shown)]


def test_a_build_on_a_terminal_counts_its_pages_then_clears_the_line(tmp_path: Path) -> None:
    out = tmp_path / "site"
    status, shown = on_a_terminal(
        statusgen_command("build", "--demo", "--out", str(out)), tmp_path, statusgen_environment()
    )
    assert status == 0, shown
    counter, cleared, summary = shown.partition(CLEAR_LINE)
    assert cleared
    assert counts(counter, "building", "pages") == list(range(1, DEMO_PAGES + 1))
    assert counter.endswith(f"\rbuilding: {DEMO_PAGES}/{DEMO_PAGES} pages")
    assert re.fullmatch(
        rf"wrote {re.escape(str(out))}: {DEMO_PAGES} pages; \d+ added, 0 changed, 0 removed, 0 unchanged\r\n", summary
    )


def test_a_quiet_build_on_a_terminal_shows_nothing(tmp_path: Path) -> None:
    command = statusgen_command("build", "--demo", "--quiet", "--out", str(tmp_path / "site"))
    assert on_a_terminal(command, tmp_path, statusgen_environment()) == (0, "")


def test_a_live_build_on_a_terminal_counts_requests_then_pages(fake_oneuptime: FakeOneUptime, tmp_path: Path) -> None:
    environment = statusgen_environment(
        ONEUPTIME_URL=fake_oneuptime.url,
        ONEUPTIME_PROJECT_ID=fake_oneuptime.project.project_id,
        ONEUPTIME_API_KEY=fake_oneuptime.project.api_key,
    )
    status, shown = on_a_terminal(statusgen_command("build", "--out", str(tmp_path / "site")), tmp_path, environment)
    assert status == 0, shown
    fetching, building, summary = shown.split(CLEAR_LINE)
    requests = sum(fake_oneuptime.requests.values())
    assert counts(fetching, "fetching", "requests") == list(range(1, requests + 1))
    pages = counts(building, "building", "pages")
    built = sum(1 for _ in (tmp_path / "site").rglob("*.html"))
    assert pages == list(range(1, built + 1))  # every page counted, one at a time
    assert summary.startswith(f"wrote {tmp_path / 'site'}: {len(pages)} pages; ")
    assert fake_oneuptime.project.api_key not in shown


def test_a_build_that_changes_nothing_says_the_site_is_up_to_date(tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = run_statusgen("build", "--demo", "--out", str(out))
    assert first.returncode == 0 and first.stderr.startswith(f"wrote {out}: {DEMO_PAGES} pages; ")
    again = run_statusgen("build", "--demo", "--out", str(out))
    assert (again.returncode, again.stderr) == (0, f"{out}/ is up to date: {DEMO_PAGES} pages\n")
    assert run_statusgen("build", "--demo", "--no-cache", "--out", str(out)).stderr == again.stderr


def test_the_first_demo_build_of_a_fresh_clone_says_site_is_up_to_date(tmp_path: Path) -> None:
    """The repository holds the demo site: building it again changes nothing, and says so plainly."""
    clone = tmp_path / "clone"
    shutil.copytree(REPO / "site", clone / "site")
    result = run_statusgen_in(clone, "build", "--demo")
    assert (result.returncode, result.stderr) == (0, f"site/ is up to date: {DEMO_PAGES} pages\n")
