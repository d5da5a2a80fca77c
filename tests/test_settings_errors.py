"""Settings errors that teach: the real command names the mistake and how to write it instead."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.settings import SETTINGS

REPOSITORY = Path(__file__).resolve().parents[1]


def build_with(settings: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    """`statusgen build --demo` in a folder whose statusgen.toml is `settings`: exit code and output."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "statusgen.toml").write_text(settings, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--demo"])
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ('titel = "Acme status"\n', "unknown key `titel`; did you mean `title`?"),
        ('Title = "Acme status"\n', "unknown key `Title`; did you mean `title`?"),
        ("history-days = 7\n", "unknown key `history-days`; did you mean `history_days`?"),
        ("[oneuptime]\ntimout = 10\n", "unknown key `oneuptime.timout`; did you mean `oneuptime.timeout`?"),
        ("[oneuptme]\ntimeout = 10\n", "unknown key `oneuptme`; did you mean `oneuptime`?"),
        ("[pubish]\nretries = 2\n", "unknown key `pubish`; did you mean `publish`?"),
        ('colour = "red"\n', "unknown key `colour`"),
        ("timeout = 10\n", "`timeout` belongs under [oneuptime]"),
        ('[oneuptime]\ntitle = "Acme"\n', "`oneuptime.title` belongs at the top of the file, before any [table]"),
        (
            'history_days = "14"\n',
            "history_days: got text, needs a whole number from 1 to 90 (write history_days = 14, without quotes)",
        ),
        (
            'oneuptime = "x"\n',
            "oneuptime: got text, needs a table (write [oneuptime] on a line of its own, its keys below it)",
        ),
        (
            'links = "https://acme.example"\n',
            'links: got text, needs a table of label = "https://..." pairs '
            "(write [links] on a line of its own, its keys below it)",
        ),
        (
            "history_days = 14.5\n",
            "history_days: got a number with a decimal point, needs a whole number from 1 to 90",
        ),
        ("title = 5\n", 'title: got a whole number, needs text in quotes (put it in quotes: title = "5")'),
        ("footer = true\n", 'footer: got true or false, needs text in quotes (put it in quotes: footer = "true")'),
        (
            "logo = 3\n",
            'logo: got a whole number, needs the path of an image file in quotes (put it in quotes: logo = "3")',
        ),
        (
            '[oneuptime]\ntimeout = "30"\n',
            "oneuptime.timeout: got text, needs a number of seconds above 0, at most 86400 "
            "(write timeout = 30, without quotes)",
        ),
        (
            "[oneuptime]\nretries = [1, 2]\n",
            "oneuptime.retries: got a list, needs a whole number from 0 to 20",
        ),
        ("theme = 2026-01-01\n", "theme: got a date or time, needs a folder path in quotes"),
    ],
)
def test_a_misspelt_or_misplaced_key_or_a_value_of_the_wrong_type_is_told_with_its_fix(
    settings: str, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert build_with(settings, tmp_path, monkeypatch) == (1, f"Error: statusgen.toml: {message}\n")


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ("[oneuptime]\ntimeout = 0\n", "timeout: must be a number of seconds above 0, at most 86400"),
        ("[oneuptime]\ntimeout = nan\n", "timeout: must be a number of seconds above 0, at most 86400"),
        ("[oneuptime]\nfetch_deadline = 0\n", "fetch_deadline: must be a number of seconds above 0, at most 86400"),
        ("[oneuptime]\nbackoff = inf\n", "backoff: must be a number of seconds from 0 to 600"),
        ("[oneuptime]\nbackoff = -1\n", "backoff: must be a number of seconds from 0 to 600"),
        ("[oneuptime]\nconcurrency = 0\n", "concurrency: must be a whole number from 1 to 32"),
        ("[oneuptime]\nmax_rows = 0\n", "max_rows: must be a whole number from 1 to 100000000"),
        ("[oneuptime]\nmax_response_mb = 0\n", "max_response_mb: must be a whole number from 1 to 4096"),
        (
            '[oneuptime]\nproject_id = "caf\\u00e9"\n',
            "project_id: has characters an HTTP header cannot carry (only printable ASCII without spaces)",
        ),
    ],
)
def test_values_that_would_fail_every_request_are_refused(
    settings: str, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert build_with(settings, tmp_path, monkeypatch) == (1, f"Error: invalid settings: {message}\n")


def test_every_problem_of_the_file_is_told_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = 'titel = "Acme"\nhistory_days = "7"\n[oneuptime]\napi_key = "secret-in-file"\nretrys = 2\n'
    assert build_with(settings, tmp_path, monkeypatch) == (
        1,
        "Error: statusgen.toml: unknown key `titel`; did you mean `title`?; "
        "history_days: got text, needs a whole number from 1 to 90 (write history_days = 7, without quotes); "
        "oneuptime.api_key is never read from a file that may be committed; "
        "set ONEUPTIME_API_KEY or use --api-key-file; "
        "unknown key `oneuptime.retrys`; did you mean `oneuptime.retries`?\n",
    )


def test_the_readme_documents_every_key() -> None:
    readme = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    settings_block = readme.split("### Settings: `statusgen.toml`", 1)[1].split("```toml", 1)[1].split("```", 1)[0]
    keys = {line.split("=", 1)[0].strip() for line in settings_block.splitlines() if "=" in line}
    tables = {line.strip("[] ") for line in settings_block.splitlines() if line.startswith("[")}
    assert {setting.key for setting in SETTINGS} <= keys | tables
