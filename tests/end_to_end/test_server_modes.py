"""The real CLI against the fake in each mode of a real OneUptime server (issue 12) and of a hostile one (issue 13).

Every project carries a canary in every private field; none may reach the site
or the terminal, whatever the server does. A failing run leaves the previous
site exactly as it was.
"""

from __future__ import annotations

import http.server
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli_runner import all_text, run_statusgen, site_bytes
from tests.fake_oneuptime import FakeOneUptime, make_project, visible_ids

FakeFactory = Callable[..., FakeOneUptime]
KEY_HINT = (
    "set ONEUPTIME_API_KEY (or --api-key-file) to an API key of this project (OneUptime: Project Settings > API Keys)"
)
OTHER_PROJECT = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"


def published_incident_titles(site: Path) -> set[str]:
    return {path.parent.name for path in (site / "incidents").glob("*/index.html")}


@pytest.mark.parametrize(
    ("release", "role"),
    [
        ("current", "admin"),  # an Owner/Admin key receives private incidents: the client drops them
        ("current", "viewer"),  # IncidentPrivacyFilter.ts hides them from a Viewer key
        ("before-10.2.0", "admin"),  # no isPrivate column
        ("no-episode-link", "admin"),  # isPrivate, but no Incident.incidentEpisodeId
        ("no-episodes", "admin"),  # no episode resources at all (404)
    ],
)
def test_every_release_builds_the_public_site_and_nothing_else(
    fake_oneuptime_factory: FakeFactory, tmp_path: Path, release: str, role: str
) -> None:
    project = make_project(40, 2, seed=21, private_canaries=True, release=release)
    fake = fake_oneuptime_factory(project, role=role)
    run = run_statusgen(fake, tmp_path, "build")
    assert run.returncode == 0, run.stderr
    site = tmp_path / "site"
    text = all_text(site)
    assert project.canaries and not [canary for canary in project.canaries if canary in text + run.stderr]
    expected_numbers = {
        str(row["incidentNumber"]) for row in project.rows("incident") if row["_id"] in visible_ids(project, "incident")
    }
    if release in ("before-10.2.0", "no-episodes"):  # nothing can be private there: every visible incident shows
        expected_numbers = {
            str(row["incidentNumber"]) for row in project.rows("incident") if row["isVisibleOnStatusPage"] is True
        }
    assert published_incident_titles(site) == expected_numbers
    episodes = site / "episodes"
    assert episodes.is_dir() == (release != "no-episodes" and bool(visible_ids(project, "incident-episode")))


def test_an_episode_shows_its_state_changes(fake_oneuptime_factory: FakeFactory, tmp_path: Path) -> None:
    project = make_project(40, 1, seed=22)
    episode = next(row for row in project.rows("incident-episode") if row["isVisibleOnStatusPage"] is True)
    state = next(row for row in project.rows("incident-state") if row["_id"] == episode["currentIncidentStateId"])
    run = run_statusgen(fake_oneuptime_factory(project), tmp_path, "build")
    assert run.returncode == 0, run.stderr
    page = (tmp_path / "site" / "episodes" / str(episode["episodeNumber"]) / "index.html").read_text(encoding="utf-8")
    timeline_row = next(
        r for r in project.rows("incident-episode-state-timeline") if r["incidentEpisodeId"] == episode["_id"]
    )
    anchor = f'id="update-{timeline_row["_id"]}"'
    assert anchor in page and state["name"] in page


def test_a_key_limited_to_incidents_is_told_which_permission_is_missing(
    fake_oneuptime_factory: FakeFactory, tmp_path: Path
) -> None:
    project = make_project(20, 1, seed=23, private_canaries=True)
    run = run_statusgen(fake_oneuptime_factory(project, role="incidents-only"), tmp_path, "build")
    assert run.returncode == 1
    assert run.stderr == (
        "Error: OneUptime refused the incident-episode request (422): You do not have permissions to read Incident "
        "Episode. You need one of these permissions: Project Owner, Project Admin, Project Member, Viewer, Incident "
        "Admin, Incident Member, Incident Viewer, Read Incident Episode; give the API key the Viewer role (before "
        'OneUptime 10.0.65: the "Read Incident Episode" permission)\n'
    )
    assert not (tmp_path / "site").exists()


def test_a_key_of_another_project_is_refused(fake_oneuptime_factory: FakeFactory, tmp_path: Path) -> None:
    project = make_project(20, 1, seed=24, private_canaries=True)
    run = run_statusgen(fake_oneuptime_factory(project), tmp_path, "build", project_id=OTHER_PROJECT)
    assert run.returncode == 1
    assert run.stderr == (
        f"Error: the API key belongs to another OneUptime project: rows of project {project.project_id} came back, "
        f"but ONEUPTIME_PROJECT_ID is {OTHER_PROJECT}; use an API key of project {OTHER_PROJECT} "
        "(OneUptime takes the project from the key)\n"
    )
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    ("api_key", "error"),
    [
        ("not-a-uuid", f"Error: OneUptime refused the API key (400): Invalid API Key; {KEY_HINT}\n"),
        (
            "0e0e0e0e-0000-4000-8000-000000000000",
            f"Error: OneUptime refused the API key (400): Invalid API Key; {KEY_HINT}\n",
        ),
    ],
)
def test_a_wrong_key_says_how_to_set_it(
    fake_oneuptime_factory: FakeFactory, tmp_path: Path, api_key: str, error: str
) -> None:
    run = run_statusgen(fake_oneuptime_factory(), tmp_path, "build", api_key=api_key)
    assert (run.returncode, run.stderr) == (1, error)


# --- hostile servers (issue 13) ---------------------------------------------------------------

HOSTILE = {
    "huge-count": (
        "",
        "Error: OneUptime claims 1000000000 incident rows, more than max_rows (1000000); "
        "if that is real, raise max_rows under [oneuptime] in statusgen.toml\n",
    ),
    "no-count-forever": (
        "max_rows = 1000",
        "Error: OneUptime claims 1100 incident rows, more than max_rows (1000); "
        "if that is real, raise max_rows under [oneuptime] in statusgen.toml\n",
    ),
    "same-page": (
        "",
        "Error: OneUptime sent the same incident rows again for another page: it does not page "
        "(is a proxy dropping the skip parameter?)\n",
    ),
    "trickle": (
        "timeout = 2",
        "Error: OneUptime did not answer incident after 3 tries: no complete answer within 2 s\n",
    ),
    "huge-body": (
        "",
        "Error: OneUptime's answer to the incident request is larger than 64 MB "
        "(max_response_mb under [oneuptime] in statusgen.toml)\n",
    ),
    "redirect": (
        "",
        "Error: OneUptime answered the incident request with a redirect (301) to https://elsewhere.example/api/; "
        "set ONEUPTIME_URL to the address the API really has (the API key was not sent there)\n",
    ),
    "echo-key": (
        "",
        # The key upper-cased, with a zero-width space inside, split across lines: all scrubbed; the
        # escape character and the right-to-left override are gone, the harmless "[31m" text stays.
        "Error: OneUptime refused the incident request (400): "
        "Bad key: [api key] / [api key] / [api key] [31mred[0m evil\n",
    ),
}


# The address space the command may have against a hostile server: an 80 MB answer (huge-body), a
# billion claimed rows or endless pages must be refused within it, not fill it.
MEMORY_LIMIT_MB = 1024


@pytest.mark.parametrize(
    "mode", [pytest.param(m, marks=pytest.mark.slow) if m == "trickle" else m for m in sorted(HOSTILE)]
)
def test_a_hostile_server_gets_one_line_in_bounded_time_and_memory(
    fake_oneuptime_factory: FakeFactory, tmp_path: Path, mode: str
) -> None:
    project = make_project(20, 1, seed=25)
    good = run_statusgen(fake_oneuptime_factory(project), tmp_path, "build")
    assert good.returncode == 0, good.stderr
    before = site_bytes(tmp_path / "site")
    settings, error = HOSTILE[mode]
    started = time.monotonic()
    fake = fake_oneuptime_factory(project, hostile=mode)
    run = run_statusgen(fake, tmp_path, "build", settings=settings, memory_limit_mb=MEMORY_LIMIT_MB)
    elapsed = time.monotonic() - started
    assert (run.returncode, run.stderr) == (1, error)
    assert project.api_key not in run.stderr
    assert site_bytes(tmp_path / "site") == before  # the previous site, byte for byte
    # Safety bounds, far above what a run takes (the closing note gives the measured figures):
    # nothing pages a claimed billion rows, trickles for minutes, or holds an 80 MB answer.
    assert elapsed < 60
    assert run.peak_rss_mb < 400, f"{mode}: {run.peak_rss_mb:.0f} MB"
    print(f"{mode}: {elapsed:.1f} s, {run.peak_rss_mb:.0f} MB")


def test_the_whole_fetch_has_a_deadline(fake_oneuptime_factory: FakeFactory, tmp_path: Path) -> None:
    """Each request within `timeout` can still add up: fetch_deadline bounds the whole fetch."""
    fake = fake_oneuptime_factory(make_project(5, 1, seed=26), hostile="trickle", trickle_seconds=0.5)
    started = time.monotonic()
    run = run_statusgen(fake, tmp_path, "build", settings="timeout = 60\nfetch_deadline = 3")
    assert (run.returncode, run.stderr) == (
        1,
        f"Error: the fetch from {fake.url} did not finish within 3 s "
        "(fetch_deadline under [oneuptime] in statusgen.toml)\n",
    )
    assert time.monotonic() - started < 60  # a safety bound: the deadline is 3 s
    assert not (tmp_path / "site").exists()


# --- addresses that are wrong (issue 19.5) ----------------------------------------------------


def closed_port() -> int:
    import socket

    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        return int(unused.getsockname()[1])  # nothing listens once this is closed


class _WebPage(http.server.BaseHTTPRequestHandler):
    """A web server that is not OneUptime's API: it answers every request with a page."""

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        body = b"<!doctype html><title>Welcome</title><p>It works!"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Quiet."""


@pytest.mark.parametrize("wrong", ["refused", "tls-to-plain-http", "web-page"])
def test_a_wrong_address_is_named_with_what_to_check_after_a_short_retry(
    fake_oneuptime_factory: FakeFactory, tmp_path: Path, wrong: str
) -> None:
    fake = fake_oneuptime_factory(make_project(5, 1, seed=27))
    server = None
    if wrong == "refused":
        url = f"http://127.0.0.1:{closed_port()}"
        expected = f"Error: {url} refused the connection: nothing listens there; check ONEUPTIME_URL (host and port)\n"
    elif wrong == "tls-to-plain-http":
        url = fake.url.replace("http://", "https://")
        expected = (
            f"Error: cannot talk TLS to {url}: that port does not answer https:// (is it a plain http:// port, "
            "or a proxy in front?); check ONEUPTIME_URL\n"
        )
    else:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _WebPage)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_port}"
        expected = (
            f"Error: {url} answered the incident request with a web page, not OneUptime's JSON; check ONEUPTIME_URL: "
            "it must be the OneUptime address itself (the API is under /api)\n"
        )
    try:
        started = time.monotonic()
        run = run_statusgen(fake, tmp_path, "build", settings="retries = 5\nbackoff = 0.5", url=url)
        elapsed = time.monotonic() - started
    finally:
        if server is not None:
            server.shutdown()
            server.server_close()
    # The first requests go out together: whichever answers first is the one named.
    pattern = re.escape(expected).replace("incident\\ request", "[a-z-]+\\ request")
    assert re.fullmatch(pattern, run.stderr), run.stderr
    assert run.returncode == 1 and fake.project.api_key not in run.stderr
    assert elapsed < 60  # safety bound; two tries with a short pause, not six with backoff (about 11 s before)
