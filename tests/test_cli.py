"""The command line: every option explained, every user mistake one line and a clear exit code."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from generator.cli import main


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.output


def test_every_option_of_every_command_has_help() -> None:
    assert isinstance(main, click.Group)
    for name, command in main.commands.items():
        assert command.help, name
        for parameter in command.params:
            if isinstance(parameter, click.Option):
                assert parameter.help, f"{name} {parameter.opts}"


def test_missing_snapshot_file_is_one_line_exit_1(tmp_path: Path) -> None:
    code, output = run("build", "--snapshot", str(tmp_path / "none.json"), "--out", str(tmp_path / "site"))
    assert code == 1
    assert output == f"Error: snapshot file {tmp_path / 'none.json'} does not exist\n"


def test_bad_snapshot_json_is_one_line_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    code, output = run("build", "--snapshot", str(bad), "--out", str(tmp_path / "site"))
    assert (code, output) == (1, f"Error: {bad} is not valid JSON (line 1, column 2)\n")


def test_unknown_option_is_a_usage_error_exit_2() -> None:
    code, output = run("build", "--colour")
    assert code == 2 and "Error: No such option '--colour'" in output


def test_demo_and_snapshot_together_is_a_usage_error(tmp_path: Path) -> None:
    code, output = run("build", "--demo", "--snapshot", str(tmp_path / "x.json"))
    assert code == 2 and "use either --demo or --snapshot, not both" in output


def test_live_build_without_credentials_says_what_to_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = run("build")
    assert code == 1
    assert output.startswith("Error: missing ONEUPTIME_PROJECT_ID")
    assert output.count("\n") == 1


def test_fetch_without_credentials_fails_before_writing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _ = run("fetch", "--out", "snap.json", env={"ONEUPTIME_PROJECT_ID": "p"})
    assert code == 1 and not (tmp_path / "snap.json").exists()


def test_check_exit_status_says_whether_anything_would_change(tmp_path: Path) -> None:
    out = str(tmp_path / "site")
    assert run("build", "--demo", "--out", out, "--check", "-q")[0] == 3
    assert run("build", "--demo", "--out", out, "-q")[0] == 0
    assert run("build", "--demo", "--out", out, "--check", "-q")[0] == 0


def test_bad_timezone_flag_is_one_line(tmp_path: Path) -> None:
    code, output = run("build", "--demo", "--timezone", "Nowhere/Land", "--out", str(tmp_path / "s"))
    assert code == 1
    assert output == (
        "Error: invalid settings: timezone: unknown time zone 'Nowhere/Land' (use an IANA name such as Europe/Berlin)\n"
    )


def test_a_theme_template_failing_at_render_time_is_one_line_naming_it(tmp_path: Path) -> None:
    theme = tmp_path / "mine"
    theme.mkdir()
    (theme / "_footer.html").write_text("{{ site.title | int / 0 }}")
    (tmp_path / "statusgen.toml").write_text('theme = "mine"\n')
    site = tmp_path / "site"
    site.mkdir()
    code, output = run("build", "--demo", "--config", str(tmp_path / "statusgen.toml"), "--out", str(site))
    expected = f"Error: template {theme / '_footer.html'} line 1: ZeroDivisionError: division by zero\n"
    assert (code, output) == (1, expected)
    assert list(site.iterdir()) == []  # nothing was written


@pytest.mark.parametrize("debug", ["", "--debug", "STATUSGEN_DEBUG"])
def test_an_internal_error_is_one_line_unless_debugging_and_never_shows_the_key(
    debug: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import generator.cli as cli

    key = "3f1d2c4b-aaaa-4bbb-8ccc-0123456789ab"
    monkeypatch.setenv("ONEUPTIME_API_KEY", key)

    def broken() -> None:
        raise RuntimeError(f"bug while holding {key.upper()}")

    monkeypatch.setattr(cli, "main", broken)
    monkeypatch.setattr("sys.argv", ["statusgen", "build", *([debug] if debug == "--debug" else [])])
    if debug == "STATUSGEN_DEBUG":
        monkeypatch.setenv("STATUSGEN_DEBUG", "1")
    with pytest.raises(SystemExit) as exited:
        cli.run()
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert key.lower() not in err.lower()
    if debug:
        assert "Traceback (most recent call last)" in err and "bug while holding [api key]" in err
        assert err.endswith("Error: internal error (RuntimeError); please report it with the command you ran\n")
    else:
        assert err == (
            "Error: internal error (RuntimeError); run it again with --debug (or STATUSGEN_DEBUG=1) to see where, "
            "and please report it with the command you ran\n"
        )


def test_a_plain_http_url_off_this_machine_is_warned_about_before_fetching(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """No request is made: the fetch is replaced, so nothing leaves the machine."""
    import generator.fetch
    from generator.errors import ApiError

    def no_network(*args: object, **kwargs: object) -> None:
        raise ApiError("stopped before any request")

    monkeypatch.setattr(generator.fetch, "fetch_snapshot", no_network)
    monkeypatch.chdir(tmp_path)
    environment = {
        "ONEUPTIME_URL": "http://oneuptime.internal.example",
        "ONEUPTIME_PROJECT_ID": "p",
        "ONEUPTIME_API_KEY": "3f1d2c4b-aaaa-4bbb-8ccc-0123456789ab",
    }
    result = CliRunner().invoke(main, ["build", "--quiet"], env=environment)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "warning: http://oneuptime.internal.example is plain http://, so the API key crosses the network "
        "unencrypted; use https://",
        "Error: stopped before any request",
    ]
