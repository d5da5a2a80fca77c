"""Settings merge in order and every mistake is reported at once, without the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import Config, load_config
from generator.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "statusgen.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    config = load_config(environ={})
    assert config == Config()
    assert config.url == "https://oneuptime.com" and config.output == Path("site")


def test_file_then_environment_then_flags(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'title = "Acme"\ntimezone = "Europe/Berlin"\n[oneuptime]\nproject_id = "from-file"\nurl = "https://file.example"\n',
    )
    config = load_config(
        path,
        environ={"ONEUPTIME_PROJECT_ID": "from-env", "ONEUPTIME_API_KEY": "k"},
        overrides={"timezone": "Asia/Tokyo", "theme": None},
    )
    assert config.title == "Acme"
    assert config.url == "https://file.example"
    assert config.project_id == "from-env"
    assert config.timezone == "Asia/Tokyo"
    assert config.theme is None


def test_paths_in_the_file_are_relative_to_it(tmp_path: Path) -> None:
    path = write(tmp_path, 'output = "public"\ntheme = "mytheme"\n')
    config = load_config(path, environ={})
    assert config.output == tmp_path / "public" and config.theme == tmp_path / "mytheme"


def test_every_bad_key_is_reported_at_once(tmp_path: Path) -> None:
    path = write(tmp_path, 'colour = "red"\n[oneuptime]\nprojectid = "x"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path, environ={})
    assert str(caught.value) == (
        f"{path}: unknown key `colour`; unknown key `oneuptime.projectid`; did you mean `oneuptime.project_id`?"
    )


def test_bad_values_are_reported_together(tmp_path: Path) -> None:
    path = write(tmp_path, 'timezone = "Mars/Olympus"\nhistory_days = 0\nbase_url = "ftp://x"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path, environ={})
    message = str(caught.value)
    assert message.startswith("invalid settings: ")
    assert "unknown time zone 'Mars/Olympus'" in message
    assert "history_days: must be a whole number from 1 to 90" in message
    assert "base_url: 'ftp://x' is not an http(s) URL" in message


def test_api_key_in_the_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, '[oneuptime]\napi_key = "secret-in-file"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path, environ={})
    assert "never read from a file" in str(caught.value)
    assert "secret-in-file" not in str(caught.value)


def test_api_key_file_is_read_and_stripped(tmp_path: Path) -> None:
    key_file = tmp_path / "key"
    key_file.write_text("  the-key\n", encoding="utf-8")
    assert load_config(environ={}, api_key_file=key_file).api_key == "the-key"


def test_missing_key_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"^cannot read API key file .*absent: No such file or directory$"):
        load_config(environ={}, api_key_file=tmp_path / "absent")


def test_key_never_shows_in_repr() -> None:
    config = load_config(environ={"ONEUPTIME_API_KEY": "sk-very-secret"})
    assert "sk-very-secret" not in repr(config)


def test_missing_credentials_name_both_variables() -> None:
    with pytest.raises(ConfigError) as caught:
        Config().require_credentials()
    assert str(caught.value) == (
        "missing ONEUPTIME_PROJECT_ID (or project_id under [oneuptime] in statusgen.toml) and "
        "ONEUPTIME_API_KEY (or --api-key-file); or build from bundled data with --demo or from a "
        "file with --snapshot"
    )


def test_invalid_toml_is_one_line(tmp_path: Path) -> None:
    path = write(tmp_path, "title = \n")
    with pytest.raises(ConfigError, match="is not valid TOML"):
        load_config(path, environ={})


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("history_days", "91", "history_days: must be a whole number from 1 to 90"),
        ("[oneuptime]\nconcurrency", "1000", "concurrency: must be a whole number from 1 to 32"),
        ("[oneuptime]\nretries", "-1", "retries: must be a whole number from 0 to 20"),
    ],
)
def test_whole_numbers_outside_their_range_are_refused(tmp_path: Path, setting: str, value: str, message: str) -> None:
    path = write(tmp_path, f"{setting} = {value}\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path, environ={})
    assert str(caught.value) == f"invalid settings: {message}"


def test_control_characters_in_shown_settings_are_dropped(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'title = "Acme\\u0007 status\\u0085"\nfooter = "Acme\\u001b Inc."\n[links]\n"Sup\\u0000port" = "https://x.example"\n',
    )
    config = load_config(path, environ={})
    assert (config.title, config.footer, config.links) == (
        "Acme status",
        "Acme Inc.",
        (("Support", "https://x.example"),),
    )


@pytest.mark.parametrize(
    ("url", "warned"),
    [
        ("http://oneuptime.internal", True),
        ("http://10.0.0.5:3002", True),
        ("https://oneuptime.internal", False),
        ("http://127.0.0.1:3002", False),
        ("http://localhost", False),
        ("http://[::1]:8080", False),
    ],
)
def test_plain_http_off_this_machine_is_warned_about(url: str, warned: bool) -> None:
    from generator.config import insecure_url_warning

    warning = insecure_url_warning(url)
    if warned:
        assert warning == f"{url} is plain http://, so the API key crosses the network unencrypted; use https://"
    else:
        assert warning is None


PAGE_ID = "2b0f6c1e-8d4a-4f6b-9c3e-5a7d9e1f3b20"


def test_a_status_page_from_the_file_the_environment_or_a_flag(tmp_path: Path) -> None:
    path = write(tmp_path, f'[oneuptime]\nstatus_page = "{PAGE_ID.upper()}"\n')
    assert load_config(path, environ={}).status_page == PAGE_ID  # as OneUptime writes ids
    other = "9e4d2a7c-1b3f-4e5d-8a6c-0f2e4d6b8a91"
    assert load_config(path, environ={"ONEUPTIME_STATUS_PAGE_ID": other}).status_page == other
    assert load_config(path, environ={}, overrides={"status_page": other}).status_page == other


def test_a_status_page_id_that_is_not_one_and_switches_that_are_not_booleans(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'show_incidents = "yes"\n[oneuptime]\nstatus_page = "acme"\npublish_private_status_page = 1\n',
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path, environ={})
    assert str(caught.value) == (
        f"{path}: show_incidents: got text, needs true or false; "
        "oneuptime.publish_private_status_page: got a whole number, needs true or false"
    )
    # With the types right, the id itself is checked.
    path = write(tmp_path, '[oneuptime]\nstatus_page = "acme"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path, environ={})
    assert str(caught.value) == (
        "invalid settings: status_page: 'acme' is not a status page id (a UUID, as in the page's URL in OneUptime)"
    )


def test_the_settings_a_user_gave_are_known_so_a_page_fills_in_only_the_others(tmp_path: Path) -> None:
    path = write(tmp_path, 'title = "Acme"\nshow_episodes = false\n')
    config = load_config(path, environ={}, overrides={"timezone": "Asia/Tokyo"})
    assert config.explicit == {"title", "show_episodes", "timezone"}
    assert not config.show_episodes and config.public().show_episodes is False


def test_the_visitor_settings_from_the_file(tmp_path: Path) -> None:
    settings = 'language = "fr"\nlocal_times = true\nstale_after = "1h30m"\nrefresh = 300\nongoing_limit = 5\n'
    (tmp_path / "statusgen.toml").write_text(settings)
    config = load_config(tmp_path / "statusgen.toml", environ={})
    assert (config.language, config.local_times, config.stale_after, config.refresh, config.ongoing_limit) == (
        "fr",
        True,
        5400,
        300,
        5,
    )
    shown = config.public()
    assert (shown.language, shown.local_times, shown.stale_after, shown.refresh, shown.ongoing_limit) == (
        "fr",
        True,
        5400,
        300,
        5,
    )


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ('stale_after = "15 minutes"', 'stale_after: \'15 minutes\' is not a time such as "15m", "2h" or "1d"'),
        ('stale_after = "30s"', "stale_after: '30s' is outside 1 minute to 30 days"),
        ("refresh = 5", "refresh: must be a whole number from 10 to 86400"),
        ("ongoing_limit = 0", "ongoing_limit: must be a whole number from 1 to 1000"),
    ],
)
def test_visitor_settings_out_of_their_range_are_refused(tmp_path: Path, settings: str, message: str) -> None:
    (tmp_path / "statusgen.toml").write_text(settings + "\n")
    with pytest.raises(ConfigError) as refused:
        load_config(tmp_path / "statusgen.toml", environ={})
    assert str(refused.value) == f"invalid settings: {message}"
