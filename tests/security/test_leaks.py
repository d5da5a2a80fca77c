"""Nothing private leaks: every private field, row and the API key carry canaries; no output holds one.

tests/end_to_end/test_live_build.py already builds a canary project with a
server that ignores the query. Here: both server modes and both value forms,
`fetch` and its snapshot file, every output kind, and the key in the error
output of every way a fetch can fail.
"""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.fake_oneuptime import FakeOneUptime, FakeProject, Faults, ObjectID, make_project, visible_ids
from tests.security.helpers import assert_one_line_failure, read_tree, run_cli, tree_text, write_settings

FakeFactory = Callable[..., FakeOneUptime]
API_KEY = "c4a1a2ee-9f8e-4d6c-8b4a-0000ca9a21e5"  # a UUID, as the real server requires
# Every kind of file a build writes: a leak check that saw none of one kind proves nothing about it.
OUTPUT_KINDS = ("index.html", "404.html", "feed.rss", "feed.atom", "api/v2/summary.json", "sitemap.xml", "badge.svg")


def leak_project() -> FakeProject:
    """make_project's canaries (every private column, hidden row, internal note, unpublished
    postmortem, private member) plus the cases it leaves to chance, each with its own canary."""
    # Seed 4 happens to give each kind at least once (asserted below, so a change to make_project shows).
    project = make_project(40, 2, seed=4, private_canaries=True, n_episodes=6, api_key=API_KEY)
    extra: list[str] = []

    def canary(label: str) -> str:
        text = f"CANARY-EXTRA-{label}"
        extra.append(text)
        return text

    incidents = project.tables["incident"]
    public = [row for row in incidents if row["_id"] in visible_ids(project, "incident")]
    template = public[0]
    # A postmortem switched on but dated in the future (not yet public).
    without_secret_postmortem = next(row for row in public[1:] if "CANARY" not in str(row.get("postmortemNote")))
    without_secret_postmortem.update(
        showPostmortemOnStatusPage=True,
        postmortemPostedAt=datetime(2999, 1, 1, tzinfo=UTC),
        postmortemNote=canary("FUTURE-POSTMORTEM"),
    )
    episodes = project.tables["incident-episode"]
    visible_episode = next(row for row in episodes if row["isVisibleOnStatusPage"] is True)
    cases: list[tuple[str, dict[str, Any]]] = [
        ("TRUTHY-STRING", {"isVisibleOnStatusPage": "true"}),
        ("TRUTHY-NUMBER", {"isVisibleOnStatusPage": 1}),
        ("NULL-VISIBILITY", {"isVisibleOnStatusPage": None}),
        ("VISIBLE-BUT-PRIVATE", {"isVisibleOnStatusPage": True, "isPrivate": True}),
        ("PRIVATE-MEMBER", {"isVisibleOnStatusPage": False, "incidentEpisodeId": ObjectID(visible_episode["_id"])}),
    ]
    for number, (label, flags) in enumerate(cases, start=900):
        row: dict[str, Any] = {
            **template,
            "_id": f"extra-{label.lower()}",
            "incidentNumber": number,
            "incidentNumberWithPrefix": canary(f"{label}-LABEL"),
            "title": canary(f"{label}-TITLE"),
            "description": canary(f"{label}-DESCRIPTION"),
            "slug": canary(f"{label}-SLUG"),
            **flags,
        }
        incidents.append(row)
        project.tables["incident-public-note"].append(
            {
                "_id": f"note-{label.lower()}",
                "incidentId": ObjectID(row["_id"]),
                "note": canary(f"{label}-NOTE"),
                "postedAt": template["declaredAt"],
                "createdAt": template["declaredAt"],
            }
        )
    project.tables["incident-episode-member"].append(
        {
            "_id": "member-private",
            "incidentEpisodeId": ObjectID(visible_episode["_id"]),
            "incidentId": ObjectID("extra-private-member"),
            "createdAt": template["declaredAt"],
        }
    )
    project.canaries.extend(extra)
    return project


@pytest.fixture(scope="module")
def project() -> FakeProject:
    return leak_project()


@pytest.fixture(scope="module")
def fakes(project: FakeProject) -> Iterator[dict[tuple[bool, bool], FakeOneUptime]]:
    """One running fake per (typed values, ignores the query)."""
    running = {
        (typed, ignore): FakeOneUptime(project, typed_values=typed, ignore_query=ignore).start()
        for typed in (True, False)
        for ignore in (False, True)
    }
    yield running
    for fake in running.values():
        fake.stop()


def test_the_leak_project_really_holds_every_kind_of_secret(project: FakeProject) -> None:
    everything = " ".join(json.dumps(rows, default=str) for rows in project.tables.values())
    assert len(project.canaries) > 500
    assert all(canary in everything for canary in project.canaries)
    for column in ("rootCause", "remediationNotes", "customFields", "labels", "createdByUser", "telemetryQuery",
                   "createdStateLog", "onCallDutyPolicies", "subscriberNotificationStatusMessage"):  # fmt: skip
        assert all(column in row for row in project.rows("incident")[:40]), column
    for column in ("rootCause", "remediationNotes", "groupingKey", "labels", "customFields", "assignedToUser"):
        assert all(column in row for row in project.rows("incident-episode")), column
    for resource in ("incident-internal-note", "incident-episode-internal-note", "incident-feed",
                     "incident-episode-feed", "incident-owner-user", "incident-owner-team"):  # fmt: skip
        assert project.rows(resource), resource
    assert all("stateChangeLog" in row and "rootCause" in row for row in project.rows("incident-state-timeline"))
    hidden = {row["_id"] for row in project.rows("incident")} - visible_ids(project, "incident")
    assert hidden and any(member["incidentId"] in hidden for member in project.rows("incident-episode-member"))
    visible_episodes = visible_ids(project, "incident-episode")
    assert visible_episodes < {row["_id"] for row in project.rows("incident-episode")}
    incidents = project.rows("incident")
    assert any(row["isVisibleOnStatusPage"] is True and row.get("isPrivate") for row in incidents)
    assert any(row.get("showPostmortemOnStatusPage") is False and row.get("postmortemNote") for row in incidents)
    assert any(row.get("showPostmortemOnStatusPage") and row.get("postmortemPostedAt") is None for row in incidents)
    # A hidden episode whose member is a visible incident: the episode must not show through it.
    assert any(
        m["incidentEpisodeId"] not in visible_episodes and m["incidentId"] not in hidden
        for m in project.rows("incident-episode-member")
    )


def _haystack_leaks(project: FakeProject, haystack: str) -> list[str]:
    leaked = [canary for canary in project.canaries if canary in haystack]
    if "CANARY" in haystack and not leaked:
        start = haystack.index("CANARY")
        leaked.append(haystack[start : start + 40])
    if project.api_key in haystack:
        leaked.append("the API key")
    return leaked


@pytest.mark.parametrize("ignore_query", [False, True], ids=["server-filters", "server-ignores-query"])
@pytest.mark.parametrize("typed", [True, False], ids=["typed-values", "plain-values"])
def test_build_fetch_and_snapshot_build_leak_nothing(
    fakes: dict[tuple[bool, bool], FakeOneUptime], project: FakeProject, tmp_path: Path, typed: bool, ignore_query: bool
) -> None:
    fake = fakes[(typed, ignore_query)]
    built = run_cli(tmp_path, "build", fake=fake)
    assert built.returncode == 0, built.stderr
    fetched = run_cli(tmp_path, "fetch", "--out", "snapshot.json", fake=fake)
    assert fetched.returncode == 0, fetched.stderr
    offline = run_cli(tmp_path, "build", "--snapshot", "snapshot.json", "--out", "offline")
    assert offline.returncode == 0, offline.stderr
    site = read_tree(tmp_path / "site")
    assert all(any(path.endswith(kind) for path in site) for kind in OUTPUT_KINDS), sorted(site)
    # Not vacuous: every visible incident was published.
    pages = {path for path in site if path.startswith("incidents/") and path.endswith("/index.html")}
    assert len(pages) == len(visible_ids(project, "incident"))
    snapshot = (tmp_path / "snapshot.json").read_text(encoding="utf-8")
    assert len(json.loads(snapshot)["incidents"]) == len(pages)
    haystack = "\n".join(
        [tree_text(site), tree_text(read_tree(tmp_path / "offline")), snapshot]
        + [run.output for run in (built, fetched, offline)]
    )
    assert _haystack_leaks(project, haystack) == []


def test_there_is_no_verbose_flag_that_could_print_more() -> None:
    """The brief asks to check `--verbose` too: there is none, so stdout/stderr above is all there is."""
    from click.testing import CliRunner

    from generator.cli import main

    for command in ("build", "fetch"):
        result = CliRunner().invoke(main, [command, "--verbose"])
        assert result.exit_code == 2 and "No such option '--verbose'" in result.output


# --- the API key in error output ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("faults", "settings", "expected"),
    [
        (Faults(server_error=1.0), {"retries": 1}, "after 2 tries: server error 500: Server Error"),
        (Faults(rate_limited=1.0, retry_after="0"), {"retries": 1}, "after 2 tries: too many requests (429)"),
        (Faults(malformed=1.0), {"retries": 1}, "after 2 tries: the answer was not valid JSON"),
        (Faults(dropped=1.0), {"retries": 1}, "after 2 tries: connection failed (RemoteProtocolError"),
        (
            Faults(slow=1.0, slow_seconds=1.0),
            {"retries": 1, "timeout": 0.2},
            "after 2 tries: no complete answer within 0.2 s",
        ),
    ],
    ids=["500s-past-budget", "429s-past-budget", "malformed-json", "dropped", "timeout"],
)
def test_every_fetch_failure_is_one_line_without_the_key(
    fake_oneuptime_factory: FakeFactory, tmp_path: Path, faults: Faults, settings: dict[str, float], expected: str
) -> None:
    fake = fake_oneuptime_factory(make_project(5, 1, seed=1, api_key=API_KEY), faults=faults)
    write_settings(tmp_path, **settings)  # type: ignore[arg-type]
    for command in (["build"], ["fetch", "--out", "snapshot.json"]):
        run = run_cli(tmp_path, *command, fake=fake)
        line = assert_one_line_failure(run)
        assert line.startswith("Error: OneUptime did not answer ") and expected in line
        assert API_KEY not in run.output
    assert not (tmp_path / "site").exists() and not (tmp_path / "snapshot.json").exists()


@pytest.mark.parametrize("wrong_key", ["sk-CANARY-WRONG-KEY-1234", "0badc0de-1234-4abc-8def-CANARY000001"])
def test_refused_credentials_never_show_either_key(
    fake_oneuptime_factory: FakeFactory, tmp_path: Path, wrong_key: str
) -> None:
    fake = fake_oneuptime_factory(make_project(5, 1, seed=1, api_key=API_KEY))
    attempts = [run_cli(tmp_path, "build", fake=fake, api_key=wrong_key)]
    # The right key with another project's id: the server takes the project from the key.
    attempts.append(run_cli(tmp_path, "build", fake=fake, project_id="another-project"))
    for run in attempts:
        line = assert_one_line_failure(run)
        assert line.endswith("API Keys)") or line.endswith("(OneUptime takes the project from the key)")
        assert API_KEY not in run.output and wrong_key not in run.output
    assert not (tmp_path / "site").exists()


class _EchoingHandler(http.server.BaseHTTPRequestHandler):
    """A careless server that repeats the key it was sent in every error message."""

    status = 500

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length") or 0))  # unread, the client would see a reset
        key = self.headers.get("ApiKey", "")
        body = json.dumps({"message": f"request with ApiKey {key} failed; key={key}"}).encode()
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        if self.status in (301, 302):
            self.send_header("Location", f"http://127.0.0.1:9/?key={key}")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@pytest.mark.parametrize("status", [400, 401, 403, 404, 302, 500, 503])
def test_a_server_echoing_the_key_in_its_errors_does_not_get_it_printed(tmp_path: Path, status: int) -> None:
    handler = type("Echo", (_EchoingHandler,), {"status": status})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        write_settings(tmp_path, retries=1)
        run = run_cli(tmp_path, "build", url=f"http://127.0.0.1:{server.server_port}", project_id="p", api_key=API_KEY)
    finally:
        server.shutdown()
        server.server_close()
    line = assert_one_line_failure(run)
    assert API_KEY not in run.output
    if status not in (302, 404):
        assert "[api key]" in line  # the message was shown, with the key blanked out


def test_a_key_that_cannot_be_sent_as_a_header_is_a_clear_error(tmp_path: Path) -> None:
    key = "sk-CANARY-sécret-ключ"
    run = run_cli(tmp_path, "build", url="http://127.0.0.1:9", project_id="p", api_key=key)
    assert key not in run.output and "Traceback" not in run.output  # this part already holds
    assert_one_line_failure(run)
    assert "api_key: has characters an HTTP header cannot carry" in run.output
