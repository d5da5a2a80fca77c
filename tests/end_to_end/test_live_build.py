"""The real CLI in a subprocess against the fake OneUptime: the site, the privacy rules, the faults."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.writer import MARKER_NAME
from tests.fake_oneuptime import FakeOneUptime, Faults, make_project, visible_ids
from tests.html_tools import is_text_file, parse_page, texts
from tests.terminal import on_a_terminal

FakeFactory = Callable[..., FakeOneUptime]
REPOSITORY = Path(__file__).resolve().parents[2]


def statusgen(
    fake: FakeOneUptime,
    workdir: Path,
    *args: str,
    api_key: str | None = None,
    retries: int = 4,
    url: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the real command with fast-retry settings in `workdir`/statusgen.toml."""
    (workdir / "statusgen.toml").write_text(
        f'base_url = "https://status.example.com"\n[oneuptime]\ntimeout = 15\nretries = {retries}\nbackoff = 0.01\n',
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(REPOSITORY),  # the checkout's package, installed or not
        "ONEUPTIME_URL": url or fake.url,
        "ONEUPTIME_PROJECT_ID": fake.project.project_id,
        "ONEUPTIME_API_KEY": api_key if api_key is not None else fake.project.api_key,
        "SOURCE_DATE_EPOCH": "1735689600",
    }
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def all_output_text(site: Path) -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(site.rglob("*")) if is_text_file(path))


def incident_rows(fake: FakeOneUptime) -> dict[str, dict[str, object]]:
    return {str(row["_id"]): row for row in fake.project.rows("incident")}


def test_live_build_publishes_every_visible_incident_and_nothing_else(
    fake_oneuptime_factory: FakeFactory, tmp_path: Path
) -> None:
    fake = fake_oneuptime_factory(make_project(40, 3, seed=7))
    result = statusgen(fake, tmp_path, "build")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    published = {path.parent.name for path in (site / "incidents").glob("*/index.html")}
    visible = visible_ids(fake.project, "incident")
    rows = incident_rows(fake)
    assert published == {str(rows[i]["incidentNumber"]) for i in visible}
    for incident_id in visible:
        page = parse_page(site / "incidents" / str(rows[incident_id]["incidentNumber"]) / "index.html")
        assert texts(page, "//h1") == [rows[incident_id]["title"]]
    hidden_titles = [str(row["title"]) for key, row in rows.items() if key not in visible]
    assert hidden_titles, "the project must have hidden incidents for this test to mean anything"
    everything = all_output_text(site)
    assert not [title for title in hidden_titles if title in everything]


def test_fetch_then_build_equals_a_direct_build(fake_oneuptime_factory: FakeFactory, tmp_path: Path) -> None:
    fake = fake_oneuptime_factory(make_project(15, 2, seed=3))
    direct, staged = tmp_path / "direct", tmp_path / "staged"
    direct.mkdir()
    staged.mkdir()
    assert statusgen(fake, direct, "build").returncode == 0
    assert statusgen(fake, staged, "fetch", "--out", "snapshot.json").returncode == 0
    assert statusgen(fake, staged, "build", "--snapshot", "snapshot.json").returncode == 0
    # The marker is the builds' cache state, not content: only a build from a file records a key of its bytes.
    first = {p.relative_to(direct / "site"): p.read_bytes() for p in (direct / "site").rglob("*") if p.is_file()}
    second = {p.relative_to(staged / "site"): p.read_bytes() for p in (staged / "site").rglob("*") if p.is_file()}
    first.pop(Path(MARKER_NAME)), second.pop(Path(MARKER_NAME))
    assert first == second


@pytest.mark.parametrize("typed_values", [True, False])
def test_no_private_data_even_when_the_server_ignores_the_query(
    fake_oneuptime_factory: FakeFactory, tmp_path: Path, typed_values: bool
) -> None:
    project = make_project(60, 3, seed=11, private_canaries=True)
    fake = fake_oneuptime_factory(project, ignore_query=True, typed_values=typed_values)
    result = statusgen(fake, tmp_path, "build")
    assert result.returncode == 0, result.stderr
    assert len(project.canaries) > 100
    haystack = all_output_text(tmp_path / "site") + result.stdout + result.stderr
    leaked = [canary for canary in project.canaries if canary in haystack]
    assert leaked == []
    assert project.api_key not in haystack


def test_faults_are_retried_and_the_site_is_complete(fake_oneuptime_factory: FakeFactory, tmp_path: Path) -> None:
    project = make_project(30, 3, seed=5)
    clean = tmp_path / "clean"
    faulty = tmp_path / "faulty"
    clean.mkdir()
    faulty.mkdir()
    assert statusgen(fake_oneuptime_factory(project), clean, "build").returncode == 0
    faults = Faults(seed=2, server_error=0.2, rate_limited=0.1, retry_after="0", dropped=0.05, malformed=0.05)
    fake = fake_oneuptime_factory(project, faults=faults)
    result = statusgen(fake, faulty, "build", retries=8)
    assert result.returncode == 0, result.stderr
    assert sum(1 for record in fake.log if record.fault) > 0

    def published(site: Path) -> dict[Path, bytes]:  # not the marker: it records when each fetch took its data
        return {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file() and p.name != MARKER_NAME}

    assert published(clean / "site") == published(faulty / "site")


def test_past_the_retry_budget_the_error_is_one_line_and_the_old_site_stays(
    fake_oneuptime_factory: FakeFactory, tmp_path: Path
) -> None:
    project = make_project(10, 1, seed=1)
    assert statusgen(fake_oneuptime_factory(project), tmp_path, "build").returncode == 0
    before = {p: p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()}
    broken = fake_oneuptime_factory(project, faults=Faults(server_error=1.0))
    result = statusgen(broken, tmp_path, "build", retries=2)
    assert result.returncode == 1
    assert result.stderr.startswith("Error: OneUptime did not answer ")
    assert "after 3 tries: server error 500" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert {p: p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()} == before


def test_wrong_key_fails_fast_with_a_hint_and_never_shows_the_key(
    fake_oneuptime_factory: FakeFactory, tmp_path: Path
) -> None:
    fake = fake_oneuptime_factory(make_project(5, 1, seed=1))
    result = statusgen(fake, tmp_path, "build", api_key="wrong-key-SECRET-123")
    assert result.returncode == 1
    assert result.stderr == (
        "Error: OneUptime refused the API key (400): Invalid API Key; set ONEUPTIME_API_KEY (or --api-key-file) "
        "to an API key of this project (OneUptime: Project Settings > API Keys)\n"
    )
    assert "wrong-key-SECRET-123" not in result.stdout + result.stderr
    assert not (tmp_path / "site").exists()


def test_server_down_fails_with_one_line(tmp_path: Path, fake_oneuptime_factory: FakeFactory) -> None:
    fake = fake_oneuptime_factory(make_project(2, 1, seed=1))
    url = fake.url
    fake.stop()
    result = statusgen(fake, tmp_path, "build", retries=1, url=url)
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: {url} refused the connection: nothing listens there; check ONEUPTIME_URL (host and port)\n"
    )


def fetch_on_a_terminal(fake: FakeOneUptime, workdir: Path, *args: str) -> str:
    """`statusgen fetch` with its stderr on a pseudo-terminal, as an operator runs it by hand: what it showed."""
    (workdir / "statusgen.toml").write_text("[oneuptime]\nbackoff = 0.01\n", encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONPATH": str(REPOSITORY),
        "ONEUPTIME_URL": fake.url,
        "ONEUPTIME_PROJECT_ID": fake.project.project_id,
        "ONEUPTIME_API_KEY": fake.project.api_key,
    }
    command = [sys.executable, "-m", "generator", "fetch", "--out", "snapshot.json", *args]
    status, shown = on_a_terminal(command, workdir, env, timeout=60)
    assert status == 0, shown
    return shown


def test_a_fetch_on_a_terminal_counts_its_requests_and_clears_the_line(
    fake_oneuptime_factory: FakeFactory, tmp_path: Path
) -> None:
    fake = fake_oneuptime_factory(make_project(250, 2, seed=4))
    shown = fetch_on_a_terminal(fake, tmp_path)
    counter, cleared, summary = shown.partition("\r\x1b[K")  # the counter's line is cleared before the summary
    assert cleared
    counts = [int(done) for done in re.findall(r"\rfetching: (\d+)/(?:\d+|\?) requests", counter)]
    requests = sum(fake.requests.values())
    assert counts == list(range(1, requests + 1))
    assert counter.endswith(f"\rfetching: {requests}/{requests} requests")  # the total, once it is known
    assert re.fullmatch(r"wrote snapshot\.json: \d+ incidents, \d+ episodes \(full; \d+ requests\)\r\n", summary)
    assert fake.project.api_key not in shown


def test_a_quiet_fetch_on_a_terminal_shows_nothing(fake_oneuptime_factory: FakeFactory, tmp_path: Path) -> None:
    fake = fake_oneuptime_factory(make_project(30, 1, seed=4))
    assert fetch_on_a_terminal(fake, tmp_path, "--quiet") == ""
