"""A `statusgen build` that succeeded ends at once (quick_exit.py); every other run ends as Python ends."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import quick_exit
from generator.build import build_site
from generator.cli import main, run
from generator.config import Config
from generator.locking import lock_file_for
from generator.writer import MARKER_NAME
from tests import factories as f
from tests.statusgen_runs import REPO, statusgen_environment

# The command run as `statusgen` runs it, with an atexit handler that tells whether Python's own ending ran,
# and text on stdout that only a flush gets out of its buffer (stdout is block-buffered into a pipe).
_CHILD = """
import atexit, sys
from pathlib import Path
ended = Path(sys.argv[1])
atexit.register(lambda: ended.write_text("ended as Python ends"))
print("said before the build", end="")
sys.argv = ["statusgen", *sys.argv[2:]]
from generator.cli import run
run()
"""


def _buffered() -> dict[str, str]:
    """The command's environment with stdout buffered, as it is into a pipe or a file unless told otherwise."""
    environment = statusgen_environment()
    environment.pop("PYTHONUNBUFFERED", None)
    return environment


def _statusgen(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], bool]:
    """The command's run, and whether Python's own ending (atexit) ran."""
    ended = tmp_path / "ended"
    ended.unlink(missing_ok=True)
    command = [sys.executable, "-c", _CHILD, str(ended), *args]
    result = subprocess.run(
        command, capture_output=True, text=True, env=_buffered(), cwd=REPO, timeout=120, check=False
    )
    return result, ended.exists()


def test_a_build_that_succeeded_ends_at_once_having_said_everything(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result, ended_as_python_ends = _statusgen(tmp_path, "build", "--demo", "--out", str(site))
    assert result.returncode == 0, result.stderr
    assert not ended_as_python_ends
    assert result.stdout == "said before the build"
    assert result.stderr.startswith(f"wrote {site}: ")  # the summary, said before the end
    assert (site / MARKER_NAME).is_file() and (site / "index.html").is_file()
    # The lock is the kernel's to release, and it did: the next run builds without waiting.
    assert lock_file_for(site).exists()
    again, _ = _statusgen(tmp_path, "build", "--demo", "--out", str(site))
    assert again.returncode == 0, again.stderr


# A run that ends as Python ends and succeeds, with text on stdout still in its buffer.
_PLAIN = """
import sys
print("said", end="")
"""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full, a file every write to fails")
@pytest.mark.parametrize("quick", [True, False])
def test_output_that_cannot_be_flushed_ends_with_the_status_python_gives(tmp_path: Path, quick: bool) -> None:
    """stdout on a full disk: a plain Python run that succeeds exits with 120, and so does a quick exit."""
    ended, site = tmp_path / "ended", tmp_path / "site"
    command = [sys.executable, "-c", _CHILD, str(ended), "build", "--demo", "--out", str(site)]
    with Path("/dev/full").open("w") as full:
        result = subprocess.run(
            command if quick else [sys.executable, "-c", _PLAIN],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=_buffered(),
            cwd=REPO,
            timeout=120,
            check=False,
        )
    assert result.returncode == quick_exit.LOST_OUTPUT
    assert "internal error" not in result.stderr
    if quick:
        assert not ended.exists() and (site / MARKER_NAME).is_file()


@pytest.mark.parametrize("closed", [1, 2])
def test_a_build_started_without_stdout_or_stderr_still_succeeds(tmp_path: Path, closed: int) -> None:
    """A cron job or daemon may start it with `>&-` or `2>&-`: Python has no stream there, and nothing to flush."""
    site = tmp_path / "site"
    command = [sys.executable, "-m", "generator", "build", "--demo", "--out", str(site), "-q"]
    keep = subprocess.DEVNULL if closed == 1 else None
    result = subprocess.run(
        command,
        stdout=keep,
        stderr=subprocess.DEVNULL if closed == 2 else None,
        env=_buffered(),
        cwd=REPO,
        timeout=120,
        check=False,
        preexec_fn=lambda: os.close(closed),  # noqa: PLW1509 - the child starts with that descriptor closed
    )
    assert result.returncode == 0
    assert (site / MARKER_NAME).is_file()


def test_check_that_finds_nothing_to_change_ends_at_once(tmp_path: Path) -> None:
    site = tmp_path / "site"
    built, _ = _statusgen(tmp_path, "build", "--demo", "--out", str(site))
    assert built.returncode == 0, built.stderr
    result, ended_as_python_ends = _statusgen(tmp_path, "build", "--demo", "--out", str(site), "--check")
    assert result.returncode == 0, result.stderr
    assert not ended_as_python_ends
    assert result.stdout == "said before the build"


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("build", "--snapshot", "missing.json", "--out", "out"), 1),  # an error
        (("build", "--demo", "--out", "out", "--check"), 3),  # --check: something would change
        (("--help",), 0),  # not a build
    ],
)
def test_every_other_run_ends_as_python_ends(tmp_path: Path, args: tuple[str, ...], code: int) -> None:
    paths = (str(tmp_path / arg) if arg in {"missing.json", "out"} else arg for arg in args)
    result, ended_as_python_ends = _statusgen(tmp_path, *paths)
    assert result.returncode == code, result.stderr
    assert ended_as_python_ends
    assert result.stdout.startswith("said before the build")


def test_a_build_called_as_a_library_holds_nothing_and_collects_garbage(tmp_path: Path) -> None:
    """`statusgen serve` and tests build in one long process: nothing kept, the collector on after."""
    assert gc.isenabled()
    build_site(f.snapshot(), Config(output=tmp_path / "site"), f.TAKEN_AT)
    assert not quick_exit.quick_exit_asked()
    assert quick_exit._held is None  # noqa: SLF001 - what a long process would otherwise keep
    assert gc.isenabled()


def test_the_build_command_run_in_this_process_keeps_it_going_with_its_collector_on(tmp_path: Path) -> None:
    """Only the console entry point may end the process: a command invoked in a test's process does not."""
    result = CliRunner().invoke(main, ["build", "--demo", "--out", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert not quick_exit.quick_exit_asked()
    assert gc.isenabled()


def test_the_entry_point_called_in_this_process_leaves_it_as_it_found_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build that asked for a quick exit, then ended otherwise (here --check, exit 3): the collector is on
    again, nothing is held, and a later command in this process is not ended at once."""
    monkeypatch.setattr("sys.argv", ["statusgen", "build", "--demo", "--out", str(tmp_path / "site"), "--check"])
    with pytest.raises(SystemExit) as exited:
        run()
    assert exited.value.code == 3
    assert gc.isenabled()
    assert not quick_exit.quick_exit_asked()
    result = CliRunner().invoke(main, ["build", "--demo", "--out", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert not quick_exit.quick_exit_asked() and gc.isenabled()
