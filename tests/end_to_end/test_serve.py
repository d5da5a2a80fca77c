"""`statusgen serve`: the real command on a free loopback port, asked for pages over real HTTP."""

from __future__ import annotations

import re
import signal
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.snapshot import demo_snapshot, demo_snapshot_bytes, write_snapshot
from tests.fake_oneuptime import FakeOneUptime, make_project, visible_ids
from tests.html_tools import parse_page, texts
from tests.serving import Serving
from tests.statusgen_runs import DEMO_PAGES, run_statusgen_in
from tests.synthetic import synthetic_snapshot

Start = Callable[..., Serving]
STILL_SERVING = "; still serving the last good site"


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Start]:
    """start(*args, **environment) -> a running `statusgen serve` in tmp_path; each stopped afterwards.

    Its temporary folder goes under tmp_path/tmp, which must be empty again once it stopped.
    """
    (tmp_path / "tmp").mkdir()
    started: list[Serving] = []

    def start(*args: str, **environment: str) -> Serving:
        started.append(Serving(tmp_path, *args, TMPDIR=str(tmp_path / "tmp"), **environment))
        return started[-1]

    yield start
    for serving in started:
        serving.stop()


def heading(reply_text: str, tmp_path: Path) -> list[str]:
    page = tmp_path / "page.html"
    page.write_text(reply_text, encoding="utf-8")
    return texts(parse_page(page), "//h1")


def test_serve_answers_as_a_static_host(serve: Start, tmp_path: Path) -> None:
    serving = serve("--demo")
    home = serving.get("/")
    assert (home.status, home.headers["content-type"]) == (200, "text/html; charset=utf-8")
    assert "Example Cloud status" in home.text
    incident = serving.get("/incidents/110/")
    [title] = [incident.title for incident in demo_snapshot().incidents if incident.number == 110]
    assert incident.status == 200 and heading(incident.text, tmp_path) == [title]
    moved = serving.get("/incidents/110?from=feed")
    assert (moved.status, moved.headers["location"]) == (301, "/incidents/110/?from=feed")
    not_found = serving.get("/incidents/999/")
    assert not_found.status == 404
    assert not_found.body == serving.get("/404.html").body and b"<h1>" in not_found.body
    assert serving.get("/.statusgen-site").status == 404
    assert serving.get("/%2e%2e/%2e%2e/etc/passwd").status == 404
    # The Content-Types `statusgen publish` gives them.
    assert serving.get("/feed.atom").headers["content-type"] == "application/atom+xml"
    assert serving.get("/api/v2/status.json").headers["content-type"] == "application/json"
    assert serving.get("/badge.svg").headers["content-type"] == "image/svg+xml"


def test_editing_a_theme_file_rebuilds_and_a_broken_one_keeps_the_last_good_site(serve: Start, tmp_path: Path) -> None:
    theme = tmp_path / "mytheme"
    theme.mkdir()
    serving = serve("--demo", "--theme", "mytheme")
    assert serving.said == [f"built {DEMO_PAGES} pages", f"serving http://127.0.0.1:{serving.port}/ (Ctrl+C stops it)"]
    (theme / "_footer.html").write_text("<footer>Edited footer</footer>\n", encoding="utf-8")
    serving.wait_for_page("/incidents/110/", lambda reply: "Edited footer" in reply.text)
    serving.wait_for_line(
        lambda line: line.startswith(f"rebuilt (mytheme/_footer.html changed): {DEMO_PAGES} pages; "), 60
    )

    (theme / "_footer.html").write_text("{{ broken\n", encoding="utf-8")
    error = serving.wait_for_line(lambda line: line.startswith("Error: "), 60)
    assert error == (
        "Error: template _footer.html line 1: unexpected end of template, expected 'end of print statement'"
        + STILL_SERVING
    )
    assert "Edited footer" in serving.get("/").text

    (theme / "_footer.html").write_text("<footer>Mended footer</footer>\n", encoding="utf-8")
    serving.wait_for_page("/", lambda reply: "Mended footer" in reply.text)


def test_editing_statusgen_toml_rebuilds_and_a_bad_setting_is_one_line(serve: Start, tmp_path: Path) -> None:
    settings = tmp_path / "statusgen.toml"
    settings.write_text('title = "First title"\n', encoding="utf-8")
    serving = serve("--demo")
    assert "First title" in serving.get("/").text
    settings.write_text('title = "Second title"\n', encoding="utf-8")
    serving.wait_for_page("/", lambda reply: "Second title" in reply.text)

    settings.write_text('titel = "Third title"\n', encoding="utf-8")
    error = serving.wait_for_line(lambda line: line.startswith("Error: "), 60)
    assert error == "Error: statusgen.toml: unknown key `titel`; did you mean `title`?" + STILL_SERVING
    assert "Second title" in serving.get("/").text


def test_a_new_snapshot_file_rebuilds_with_every_core(serve: Start, tmp_path: Path) -> None:
    """Enough pages for the build to fork its workers while the server's threads answer."""
    snapshot_file = tmp_path / "snapshot.json"
    write_snapshot(synthetic_snapshot(range(1, 121)), snapshot_file)
    serving = serve("--snapshot", "snapshot.json")
    assert serving.get("/incidents/120/").status == 200
    assert serving.get("/incidents/121/").status == 404
    write_snapshot(synthetic_snapshot(range(1, 122)), snapshot_file)
    serving.wait_for_page("/incidents/121/", lambda reply: reply.status == 200)
    assert serving.get("/incidents/1/").status == 200


@pytest.mark.slow
def test_the_live_api_is_fetched_once_then_every_fetch_every_seconds(
    serve: Start, fake_oneuptime_factory: Callable[..., FakeOneUptime], tmp_path: Path
) -> None:
    project = make_project(12, 1, seed=3)
    fake = fake_oneuptime_factory(project)
    environment = {
        "ONEUPTIME_URL": fake.url,
        "ONEUPTIME_PROJECT_ID": project.project_id,
        "ONEUPTIME_API_KEY": project.api_key,
    }
    serving = serve("--fetch-every", "10", **environment)
    assert re.fullmatch(r"fetched \d+ incidents, \d+ episodes \(full; \d+ requests\)", serving.said[0])
    assert re.fullmatch(r"built \d+ pages", serving.said[1])
    retracted = next(row for row in project.rows("incident") if row["_id"] in visible_ids(project, "incident"))
    path = f"/incidents/{retracted['incidentNumber']}/"
    assert serving.get(path).status == 200
    retracted["isVisibleOnStatusPage"] = False
    serving.wait_for_page(path, lambda reply: reply.status == 404, timeout=90)
    # The site is published before the report is said (the build then records for the next run).
    serving.wait_for_line(lambda line: line.startswith("rebuilt (new data fetched): "), 60)
    serving.stop()
    fetches = [line for line in serving.said if line.startswith("fetched ")]
    gone = r"fetched \d+ incidents, \d+ episodes \(incremental: \d+ changed, 1 gone; \d+ requests\)"
    assert [line for line in fetches[1:] if re.fullmatch(gone, line)]
    assert project.api_key not in "\n".join(serving.said)


def test_ctrl_c_and_kill_stop_it_and_remove_its_temporary_folder(serve: Start, tmp_path: Path) -> None:
    for how in (signal.SIGINT, signal.SIGTERM):
        serving = serve("--demo", "--quiet")
        assert serving.said == [f"serving http://127.0.0.1:{serving.port}/ (Ctrl+C stops it)"]
        assert list((tmp_path / "tmp").iterdir())
        assert serving.stop(how) == 0
        assert list((tmp_path / "tmp").iterdir()) == []


def test_a_port_in_use_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_statusgen_in(tmp_path, "serve", "--demo", "--quiet", "--port", str(port))
    assert (result.returncode, result.stderr) == (
        1,
        f"Error: port {port} on 127.0.0.1 is in use; choose another with --port (--port 0 takes a free one)\n",
    )


def test_fetch_every_needs_the_live_api(tmp_path: Path) -> None:
    result = run_statusgen_in(tmp_path, "serve", "--demo", "--fetch-every", "60")
    assert result.returncode == 2
    assert result.stderr.endswith(
        "Error: --fetch-every refreshes data from the live API; it has none to fetch with --demo or --snapshot\n"
    )


def test_serving_the_live_api_without_credentials_says_what_to_set(tmp_path: Path) -> None:
    result = run_statusgen_in(tmp_path, "serve")
    assert (result.returncode, result.stderr) == (
        1,
        "Error: missing ONEUPTIME_PROJECT_ID (or project_id under [oneuptime] in statusgen.toml) and "
        "ONEUPTIME_API_KEY (or --api-key-file); or build from bundled data with --demo or from a file with "
        "--snapshot\n",
    )


def test_the_demo_snapshot_file_serves_like_the_demo(serve: Start, tmp_path: Path) -> None:
    (tmp_path / "demo.json").write_bytes(demo_snapshot_bytes())
    serving = serve("--snapshot", "demo.json")
    assert serving.get("/incidents/110/").status == 200
