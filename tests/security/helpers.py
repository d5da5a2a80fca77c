"""Running the real CLI against the fake OneUptime, and reading what it left behind."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import lxml.html

from tests.fake_oneuptime import FakeOneUptime

REPOSITORY = Path(__file__).resolve().parents[2]
BUILD_EPOCH = "1735689600"  # 2025-01-01: after every date make_project writes
BASE_URL = "https://status.example.com"
# Attributes that load or navigate somewhere, and the only non-relative values the theme itself uses.
URL_ATTRIBUTES = ("href", "src", "srcset", "action", "formaction", "data", "poster", "background", "ping", "xlink:href")
THEME_DATA_URLS = {"data:,"}  # the empty favicon of base.html


@dataclass(frozen=True)
class CliRun:
    returncode: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def write_settings(workdir: Path, *, retries: int = 4, timeout: float = 15, backoff: float = 0.01) -> None:
    (workdir / "statusgen.toml").write_text(
        f'base_url = "{BASE_URL}"\n[oneuptime]\ntimeout = {timeout}\nretries = {retries}\nbackoff = {backoff}\n',
        encoding="utf-8",
    )


def run_cli(
    workdir: Path,
    *args: str,
    fake: FakeOneUptime | None = None,
    url: str | None = None,
    project_id: str | None = None,
    api_key: str | None = None,
    settings: bool = True,
    timeout: float = 120,
    environment: dict[str, str] | None = None,
) -> CliRun:
    """`python -m generator *args` in `workdir`, pointed at `fake` (or `url`), with a fixed build time."""
    workdir.mkdir(parents=True, exist_ok=True)
    if settings and not (workdir / "statusgen.toml").exists():
        write_settings(workdir)
    env = {**os.environ, "PYTHONPATH": str(REPOSITORY), "SOURCE_DATE_EPOCH": BUILD_EPOCH}
    for name in ("ONEUPTIME_URL", "ONEUPTIME_PROJECT_ID", "ONEUPTIME_API_KEY"):
        env.pop(name, None)
    if fake is not None or url is not None:
        env["ONEUPTIME_URL"] = url or (fake.url if fake is not None else "")
    if fake is not None or project_id is not None:
        env["ONEUPTIME_PROJECT_ID"] = project_id or (fake.project.project_id if fake is not None else "")
    if fake is not None or api_key is not None:
        env["ONEUPTIME_API_KEY"] = api_key if api_key is not None else (fake.project.api_key if fake else "")
    env.update(environment or {})
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return CliRun(done.returncode, done.stdout, done.stderr, time.monotonic() - started)


def assert_one_line_failure(run: CliRun) -> str:
    """Exit 1, nothing on stdout, exactly one "Error: ..." line on stderr, no traceback; returns the line."""
    assert run.returncode == 1, run
    assert "Traceback" not in run.output, run.stderr
    assert run.stdout == ""
    assert run.stderr.startswith("Error: ") and run.stderr.count("\n") == 1, run.stderr
    assert "internal error" not in run.stderr, run.stderr
    return run.stderr.strip()


def read_tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by its relative path (the statusgen marker included)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def tree_text(files: dict[str, bytes]) -> str:
    """All files as one text, for grepping (undecodable bytes become U+FFFD, they cannot hide a canary)."""
    return "\n".join(content.decode("utf-8", errors="replace") for content in files.values())


def unsafe_markup(html: bytes | str, where: str = "") -> list[str]:
    """What in a page could run a script or load something: script and frame elements, on* attributes,
    style, script-capable URLs, meta refresh, base. An empty list means a harmless page."""
    text = html.decode("utf-8") if isinstance(html, bytes) else html
    problems = []
    if "<script" in text.lower():
        problems.append(f"{where}: raw '<script' in the markup")
    document = lxml.html.fromstring(text) if text.strip() else None
    if document is None:
        return problems
    for element in document.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag.lower() in {"script", "iframe", "frame", "object", "embed", "base", "form", "style", "portal", "math"}:
            problems.append(f"{where}: <{tag}> element")
        if tag.lower() == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            problems.append(f"{where}: <meta http-equiv=refresh>")
        for name, value in element.attrib.items():
            lowered = name.lower()
            if lowered.startswith("on") or lowered in {"style", "srcdoc"}:
                problems.append(f"{where}: attribute {name}={value[:60]!r} on <{tag}>")
            if lowered in URL_ATTRIBUTES and _dangerous_url(value):
                problems.append(f"{where}: {name}={value[:60]!r} on <{tag}>")
    return problems


def _dangerous_url(value: str) -> bool:
    # Browsers drop ASCII whitespace and control characters inside a scheme.
    squeezed = "".join(ch for ch in value if ord(ch) > 0x20).lower()
    if value.strip() in THEME_DATA_URLS:
        return False
    return squeezed.startswith(("javascript:", "vbscript:", "data:", "file:", "//"))
