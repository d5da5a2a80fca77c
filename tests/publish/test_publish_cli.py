"""`statusgen publish` and `statusgen build --publish` as an operator runs them: real processes, a real S3 API.

Every run here also checks that the secret access key appears in no output.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.publish.objects import site_objects
from generator.publish.settings import PublishSettings
from tests.publish import sites
from tests.publish.links import broken_links
from tests.publish.s3 import SECRET_ACCESS_KEY, BucketReader, S3Server, listing

REPO = Path(__file__).resolve().parents[2]
NO_CREDENTIALS = (
    "no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or a web identity (OIDC) role"
)


def environment(**changes: str | None) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def statusgen(workdir: Path, *args: str, **env: str | None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=workdir,
        env=environment(**env),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert SECRET_ACCESS_KEY not in done.stdout + done.stderr
    return done


def demo_site(workdir: Path) -> Path:
    assert statusgen(workdir, "build", "--demo", "-q", "--out", "site").returncode == 0
    return workdir / "site"


def object_count_and_bytes(site: Path) -> tuple[int, int]:
    items = site_objects(site, PublishSettings(), rooted=False).values()
    return len(items), sum(item.size for item in items)


def test_publish_prints_one_line_per_destination_and_exits_0(tmp_path: Path, s3_server: S3Server) -> None:
    site = demo_site(tmp_path)
    first, second = s3_server.new_bucket(), s3_server.new_bucket()
    done = statusgen(tmp_path, "publish", f"s3://{first}", f"s3://{second}", "--endpoint-url", s3_server.url)
    count, size = object_count_and_bytes(site)
    assert (done.returncode, done.stdout) == (0, "")
    assert done.stderr == (
        f"published s3://{first}/: {count} uploaded ({size:,} bytes), 0 deleted, 0 unchanged\n"
        f"published s3://{second}/: {count} uploaded ({size:,} bytes), 0 deleted, 0 unchanged\n"
    )
    again = statusgen(tmp_path, "publish", f"s3://{first}", "--endpoint-url", s3_server.url)
    assert again.stderr == f"published s3://{first}/: 0 uploaded (0 bytes), 0 deleted, {count} unchanged\n"


def test_build_publish_builds_then_publishes_with_the_standard_endpoint_variable(
    tmp_path: Path, s3_server: S3Server
) -> None:
    bucket = s3_server.new_bucket()
    done = statusgen(
        tmp_path, "build", "--demo", "--out", "site", "--publish", f"s3://{bucket}", AWS_ENDPOINT_URL=s3_server.url
    )
    count, size = object_count_and_bytes(tmp_path / "site")
    assert done.returncode == 0, done.stderr
    wrote, published = done.stderr.splitlines()
    assert wrote.startswith("wrote site: ")
    assert published == f"published s3://{bucket}/: {count} uploaded ({size:,} bytes), 0 deleted, 0 unchanged"


def test_a_dry_run_lists_every_action_and_exits_3_until_there_is_nothing_to_do(
    tmp_path: Path, s3_server: S3Server
) -> None:
    site = demo_site(tmp_path)
    bucket = s3_server.new_bucket()
    args = ("publish", f"s3://{bucket}/status", "--endpoint-url", s3_server.url)
    dry = statusgen(tmp_path, *args, "--dry-run")
    count = len(site_objects(site, PublishSettings(), rooted=True))
    assert dry.returncode == 3, dry.stderr
    actions = dry.stdout.splitlines()
    assert len(actions) == count and actions[0].startswith(f"upload s3://{bucket}/status/static/style.")
    assert actions[-1] == f"upload s3://{bucket}/status/sitemap.xml"
    assert listing(s3_server.client(), bucket) == {}
    assert statusgen(tmp_path, *args, "-q").returncode == 0
    assert (statusgen(tmp_path, *args, "--dry-run").returncode, statusgen(tmp_path, *args, "--dry-run").stdout) == (
        0,
        "",
    )


def test_one_failing_destination_exits_5_and_all_failing_exits_1(tmp_path: Path, s3_server: S3Server) -> None:
    demo_site(tmp_path)
    good = s3_server.new_bucket()
    missing = "status-never-made"
    error = f"Error: s3://{missing}/: the bucket {missing} does not exist at {s3_server.url}\n"
    some = statusgen(tmp_path, "publish", f"s3://{missing}", f"s3://{good}", "--endpoint-url", s3_server.url)
    assert some.returncode == 5
    assert some.stderr.startswith(error) and some.stderr.count("\n") == 2
    assert some.stderr.splitlines()[1].startswith(f"published s3://{good}/: ")
    everything = statusgen(tmp_path, "publish", f"s3://{missing}", "--endpoint-url", s3_server.url)
    assert (everything.returncode, everything.stderr) == (1, error)


def test_without_credentials_the_error_says_where_they_come_from(tmp_path: Path, s3_server: S3Server) -> None:
    demo_site(tmp_path)
    bucket = s3_server.new_bucket()
    done = statusgen(
        tmp_path,
        "publish",
        f"s3://{bucket}",
        "--endpoint-url",
        s3_server.url,
        AWS_ACCESS_KEY_ID=None,
        AWS_SECRET_ACCESS_KEY=None,
    )
    assert (done.returncode, done.stderr) == (1, f"Error: s3://{bucket}/: {NO_CREDENTIALS}\n")


def test_credentials_in_a_destination_are_refused_without_being_shown(tmp_path: Path) -> None:
    demo_site(tmp_path)
    done = statusgen(tmp_path, "publish", f"s3://AKIATESTPUBLISH0001:{SECRET_ACCESS_KEY}@status-acme")
    assert (done.returncode, done.stderr) == (
        1,
        "Error: credentials do not belong in a destination (it is printed in summaries): "
        "use AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile, or OIDC\n",
    )


def test_a_missing_site_is_one_line(tmp_path: Path) -> None:
    done = statusgen(tmp_path, "publish", "s3://status-acme")
    assert (done.returncode, done.stderr) == (
        1,
        "Error: there is no site to publish at site; build it first with `statusgen build`\n",
    )


def test_check_cannot_publish(tmp_path: Path) -> None:
    done = statusgen(tmp_path, "build", "--demo", "--check", "--publish", "s3://status-acme")
    assert done.returncode == 2
    assert "--check writes nothing, so it cannot --publish; use `statusgen publish --dry-run`" in done.stderr


WITHOUT_BOTO3 = """
import sys
sys.modules["boto3"] = None  # as if the s3 extra were not installed
from generator.cli import run
sys.argv = ["statusgen", *sys.argv[1:]]
run()
"""


def test_without_the_s3_extra_the_error_says_what_to_install(tmp_path: Path) -> None:
    demo_site(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_BOTO3, "publish", "s3://status-a", "s3://status-b"],
        cwd=tmp_path,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stderr) == (
        1,
        "Error: publishing needs boto3, which is not installed: pip install 'statusgen[s3]'\n",
    )


IMPORTS_AFTER_HELP = """
import sys
from generator.cli import main
for command in (["--help"], ["publish", "--help"], ["build", "--help"]):
    try:
        main(command)
    except SystemExit:
        pass
print(sorted(name for name in ("boto3", "botocore", "generator.publish.store") if name in sys.modules))
"""


def test_help_does_not_load_the_object_store_library() -> None:
    done = subprocess.run(
        [sys.executable, "-c", IMPORTS_AFTER_HELP],
        env=environment(),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.splitlines()[-1] == "[]"


@pytest.mark.slow
def test_a_publish_killed_half_way_leaves_links_working_and_the_next_run_finishes_it(
    tmp_path: Path, s3_server: S3Server
) -> None:
    """SIGKILL, as a CI timeout sends it, while the bucket changes; the next run completes the site."""
    (tmp_path / "statusgen.toml").write_text("[publish]\nconcurrency = 1\n", encoding="utf-8")
    before = sites.build(tmp_path / "before", sites.base_snapshot())
    after = sites.build(tmp_path / "after", sites.everything_changed(sites.base_snapshot()), sites.NEW_LOGO)
    retracted = set(site_objects(before, PublishSettings(), False)) - set(site_objects(after, PublishSettings(), False))
    client = s3_server.client()
    for _attempt in range(5):
        bucket = s3_server.new_bucket()
        args = ("publish", f"s3://{bucket}", "--endpoint-url", s3_server.url, "-q")
        assert statusgen(tmp_path, *args, "--site", "before").returncode == 0
        reader = BucketReader(client, bucket)
        published = listing(client, bucket)
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", *args, "--site", "after"], cwd=tmp_path, env=environment()
        )
        while process.poll() is None and len(set(listing(client, bucket).items()) - set(published.items())) < 6:
            time.sleep(0.005)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=60)
            break
    else:
        pytest.fail("every publish finished before it could be killed")
    assert process.returncode == -signal.SIGKILL
    assert broken_links(reader.objects(), published, retracted=retracted) == []
    assert statusgen(tmp_path, *args, "--site", "after").returncode == 0
    final = reader.objects()
    final.pop(".statusgen-publish.json.gz")
    expected = {
        key: item.body or (after / item.source).read_bytes()
        for key, item in site_objects(after, PublishSettings(), False).items()
    }
    old_logo = next(key for key in published if key.startswith("static/logo."))
    assert final == {**expected, old_logo: (before / old_logo).read_bytes()}
