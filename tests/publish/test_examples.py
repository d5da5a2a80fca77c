"""The CI examples in docs/publishing.md: their statusgen commands exist, run, and publish incrementally.

Moved here from tests/test_publishing.py when the examples switched from
`aws s3 sync` to `statusgen publish` (issue 17).
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest

from generator.cli import main
from generator.clock_ledger import ledger_file_for
from tests.publish.s3 import SECRET_ACCESS_KEY, S3Server, listing

REPO = Path(__file__).resolve().parents[2]
BASE_URL = "https://status.example.com"
EXAMPLES = {
    "github-actions.yml": REPO / "examples" / "github-actions.yml",
    "gitlab-ci.yml": REPO / "examples" / "gitlab-ci.yml",
}

# What a cron run needs beside the site to remake only what shows the time (clock_ledger.py): the examples
# keep it with the site, so a run in a site restored from the CI cache takes the clock path.
CRON_LEDGER = ledger_file_for(Path("site")).name


def document(name: str) -> dict[Any, Any]:
    yaml = pytest.importorskip("yaml")
    loaded = yaml.safe_load(EXAMPLES[name].read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def shell_lines(name: str) -> list[str]:
    """The shell commands of a workflow: GitHub's `run:` steps, GitLab's `script:` lists."""
    scripts: list[str] = []

    def collect(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "run" and isinstance(value, str):
                    scripts.append(value)
                elif key in {"script", "before_script", "after_script"} and isinstance(value, list):
                    scripts.extend(str(item) for item in value)
                else:
                    collect(value)
        elif isinstance(node, list):
            for item in node:
                collect(item)

    collect(document(name))
    # Join continued lines so each command is one line.
    return [line.strip() for script in scripts for line in script.replace("\\\n", " ").splitlines() if line.strip()]


def github_steps() -> list[dict[str, Any]]:
    steps = document("github-actions.yml")["jobs"]["publish"]["steps"]
    assert isinstance(steps, list)
    return steps


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_workflow_parses_and_has_a_schedule(name: str) -> None:
    loaded = document(name)
    if name == "github-actions.yml":
        triggers = loaded[True] if True in loaded else loaded["on"]  # YAML 1.1 reads `on` as true
        assert triggers["schedule"][0]["cron"]
        assert "secrets.ONEUPTIME_API_KEY" in EXAMPLES[name].read_text(encoding="utf-8")
    else:
        assert any("schedule" in str(job.get("rules", "")) for job in loaded.values() if isinstance(job, dict))


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_workflow_calls_only_options_statusgen_has(name: str) -> None:
    assert isinstance(main, click.Group)
    invocations = [shlex.split(line) for line in shell_lines(name) if line.startswith("statusgen ")]
    assert [words[1] for words in invocations] == ["fetch", "build", "publish"]
    for words in invocations:
        command = main.commands[words[1]]
        known = {option for parameter in command.params for option in parameter.opts}
        help_text = command.get_help(click.Context(command, info_name=f"statusgen {words[1]}"))
        for word in words[2:]:
            option = word.split("=")[0]
            if option.startswith("-"):
                assert option in known and option in help_text, f"{name}: statusgen {words[1]} has no {option}"


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_workflow_never_puts_a_secret_on_a_command_line(name: str) -> None:
    for line in shell_lines(name):
        for secret in ("ONEUPTIME_API_KEY", "AWS_SECRET_ACCESS_KEY", "AWS_ID_TOKEN"):
            assert secret not in line or line.startswith("printf '%s' \"$AWS_ID_TOKEN\" >"), f"{name}: {line}"
        assert not line.startswith(("echo", "set -x")), f"{name}: {line}"


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_workflow_publishes_with_statusgen_not_a_sync_tool(name: str) -> None:
    lines = shell_lines(name)
    assert not [line for line in lines if "s3 sync" in line or "rclone" in line]
    assert 'statusgen publish "$STATUS_BUCKET" ${STATUS_MIRROR:+"$STATUS_MIRROR"}' in lines
    assert "statusgen[s3]" in EXAMPLES[name].read_text(encoding="utf-8")


def test_github_uses_oidc_and_saves_the_snapshot_even_after_a_failure() -> None:
    loaded = document("github-actions.yml")
    assert loaded["permissions"]["id-token"] == "write"
    steps = {step.get("uses", "").split("@")[0]: step for step in github_steps()}
    assert "role-to-assume" in steps["aws-actions/configure-aws-credentials"]["with"]
    assert "aws-access-key-id" not in steps["aws-actions/configure-aws-credentials"]["with"]
    restore, save = steps["actions/cache/restore"], steps["actions/cache/save"]
    assert "snapshot.json" in restore["with"]["path"] and restore["with"]["path"] == save["with"]["path"]
    assert CRON_LEDGER in restore["with"]["path"].split()
    assert save["if"] == "always()"


def test_gitlab_uses_oidc_and_saves_the_snapshot_even_after_a_failure() -> None:
    job = document("gitlab-ci.yml")["publish-status-page"]
    assert job["id_tokens"]["AWS_ID_TOKEN"]["aud"] == "sts.amazonaws.com"
    assert 'export AWS_WEB_IDENTITY_TOKEN_FILE="$CI_PROJECT_DIR/.aws-web-identity-token"' in job["script"]
    assert job["cache"]["when"] == "always" and "snapshot.json" in job["cache"]["paths"]
    assert CRON_LEDGER in job["cache"]["paths"]


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_workflow_runs_and_a_second_run_fetches_and_uploads_little(
    name: str, tmp_path: Path, fake_oneuptime: Any, s3_server: S3Server
) -> None:
    """Its statusgen commands, run twice by a shell against the fake OneUptime and a real S3 API, two stores."""
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "statusgen").write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m generator "$@"\n')
    (tools / "statusgen").chmod(0o755)
    (tmp_path / "statusgen.toml").write_text(f'title = "Example status"\nbase_url = "{BASE_URL}"\n')
    bucket, mirror = s3_server.new_bucket(), s3_server.new_bucket()
    commands = [line for line in shell_lines(name) if line.startswith("statusgen ")]
    environment = {
        **{key: value for key, value in os.environ.items() if not key.startswith("ONEUPTIME_")},
        "PYTHONPATH": str(REPO),
        "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}",
        "ONEUPTIME_URL": fake_oneuptime.url,
        "ONEUPTIME_PROJECT_ID": fake_oneuptime.project.project_id,
        "ONEUPTIME_API_KEY": fake_oneuptime.project.api_key,
        "STATUS_BUCKET": f"s3://{bucket}",
        "STATUS_MIRROR": f"s3://{mirror}/status",
        "AWS_ENDPOINT_URL": s3_server.url,
    }
    runs = [
        subprocess.run(
            ["bash", "-euo", "pipefail", "-c", "\n".join(commands)],
            cwd=tmp_path,
            env=environment,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        for _ in range(2)
    ]
    for run in runs:
        assert run.returncode == 0, run.stderr
        for secret in (fake_oneuptime.project.api_key, SECRET_ACCESS_KEY):
            assert secret not in run.stdout + run.stderr
    first, second = (run.stderr.splitlines() for run in runs)
    assert "(full;" in first[0] and "(incremental:" in second[0], "the kept snapshot makes the fetch incremental"
    # Only the home page says when the data was fetched (and, below a folder, its folder key holds it too).
    assert re.fullmatch(rf"published s3://{bucket}/: 1 uploaded \([\d,]+ bytes\), 0 deleted, \d+ unchanged", second[-2])
    assert re.fullmatch(
        rf"published s3://{mirror}/status/: 2 uploaded \([\d,]+ bytes\), 0 deleted, \d+ unchanged", second[-1]
    )
    published = listing(s3_server.client(), bucket)
    assert "index.html" in published and "incidents/1/" in published
    assert {f"status/{key}" for key in published} <= set(listing(s3_server.client(), mirror)) | {"status/"}
