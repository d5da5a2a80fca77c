"""Running the real `statusgen` command in a subprocess against a fake OneUptime, for end-to-end tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.fake_oneuptime import FakeOneUptime

REPOSITORY = Path(__file__).resolve().parents[1]

# Runs the command as a child and prints its exit code and peak RSS (kB) as JSON on the last line,
# so that a test can bound the memory of that one run and of nothing else.
_MEASURED = """
import json, resource, subprocess, sys
limit = int(sys.argv.pop(1))
def bounded():
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
code = subprocess.run(sys.argv[1:], preexec_fn=bounded if limit else None).returncode
print(json.dumps([code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))
"""


@dataclass(frozen=True)
class Run:
    """What one run of the command did."""

    returncode: int
    stdout: str
    stderr: str
    peak_rss_mb: float


def run_statusgen(
    fake: FakeOneUptime,
    workdir: Path,
    *args: str,
    settings: str = "",
    project_id: str | None = None,
    api_key: str | None = None,
    timeout: float = 120,
    memory_limit_mb: int = 0,
    url: str | None = None,
) -> Run:
    """`statusgen ARGS` in `workdir` with a statusgen.toml of fast retries plus `settings` under [oneuptime].

    With `memory_limit_mb` the command runs under that address-space limit (RLIMIT_AS): past it,
    an allocation fails instead of the machine swapping or the OOM killer choosing a victim.
    """
    given = {line.split("=")[0].strip() for line in settings.splitlines() if "=" in line}
    defaults = "".join(line for line in ("retries = 2\n", "backoff = 0.01\n") if line.split()[0] not in given)
    (workdir / "statusgen.toml").write_text(
        f'base_url = "https://status.example.com"\n[oneuptime]\n{defaults}{settings}\n', encoding="utf-8"
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(REPOSITORY),  # the checkout's package, installed or not
        "ONEUPTIME_URL": url or fake.url,
        "ONEUPTIME_PROJECT_ID": project_id or fake.project.project_id,
        "ONEUPTIME_API_KEY": api_key if api_key is not None else fake.project.api_key,
        "SOURCE_DATE_EPOCH": "1735689600",
    }
    limit = str(memory_limit_mb * 1024 * 1024)
    command = [sys.executable, "-c", _MEASURED, limit, sys.executable, "-m", "generator", *args]
    done = subprocess.run(command, cwd=workdir, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    *output, last = done.stdout.splitlines() or [""]
    code, peak_kb = json.loads(last)
    return Run(code, "\n".join(output), done.stderr, peak_kb / 1024)


def site_bytes(site: Path) -> dict[str, bytes]:
    """Every file of a built site by its path, to compare a site before and after a run."""
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def all_text(site: Path) -> str:
    return "\n".join(
        path.read_text(encoding="utf-8", errors="replace") for path in sorted(site.rglob("*")) if path.is_file()
    )
