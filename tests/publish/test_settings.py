"""The [publish] table of statusgen.toml: defaults, overrides, and every mistake reported at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import load_config
from generator.errors import ConfigError
from generator.publish.settings import PublishSettings, default_endpoint, load_publish_settings


def test_without_a_file_or_table_the_defaults_apply(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert load_publish_settings() == PublishSettings()
    (tmp_path / "statusgen.toml").write_text('title = "Acme status"\n', encoding="utf-8")
    assert load_publish_settings() == PublishSettings()


def test_the_table_sets_each_setting(tmp_path: Path) -> None:
    settings_file = tmp_path / "statusgen.toml"
    settings_file.write_text(
        """
title = "Acme status"
[publish]
endpoint_url = "https://account.r2.cloudflarestorage.com/"
folder_keys = false
keep_old_assets_hours = 2.5
concurrency = 16
retries = 0
timeout = 5
[publish.cache_control]
"api/*" = "public, max-age=30"
[publish.content_type]
"*.rss" = "application/rss+xml; charset=utf-8"
""",
        encoding="utf-8",
    )
    assert load_publish_settings(settings_file) == PublishSettings(
        endpoint_url="https://account.r2.cloudflarestorage.com",
        folder_keys=False,
        keep_old_assets_hours=2.5,
        concurrency=16,
        retries=0,
        timeout=5.0,
        cache_control=(("api/*", "public, max-age=30"),),
        content_type=(("*.rss", "application/rss+xml; charset=utf-8"),),
    )
    assert load_config(settings_file).title == "Acme status"  # the build's settings still read the same file


def refusal(settings_file: Path, text: str) -> str:
    """The one-line error for a statusgen.toml holding `text`: from the [publish] reader, else from the build's."""
    settings_file.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_publish_settings(settings_file)
        load_config(settings_file)
    return str(raised.value)


def test_every_mistake_in_the_table_is_reported_at_once(tmp_path: Path) -> None:
    settings_file = tmp_path / "statusgen.toml"
    message = refusal(
        settings_file,
        """
[publish]
concurrency = 0
folder_keys = "yes"
timeout = true
bucket = "s3://x"
endpoint_url = "s3.example.com"
[publish.cache_control]
"*" = "public,\\nSet-Cookie: a=b"
""",
    )
    assert message == (
        f"{settings_file}: publish.concurrency: must be a whole number from 1 to 64; "
        "publish.folder_keys: must be true or false; publish.timeout: must be a number from 1 to 3600; "
        "unknown key publish.bucket; publish.endpoint_url: endpoint 's3.example.com' is not an http(s) URL; "
        "publish.cache_control: the value for '*' has a line break"
    )


def test_publish_must_be_a_table(tmp_path: Path) -> None:
    settings_file = tmp_path / "statusgen.toml"
    assert refusal(settings_file, 'publish = "s3://x"\n') == f"{settings_file}: publish must be a table ([publish])"


def test_other_unknown_tables_are_still_refused(tmp_path: Path) -> None:
    settings_file = tmp_path / "statusgen.toml"
    assert refusal(settings_file, "[publsh]\nconcurrency = 2\n") == f"{settings_file}: unknown key publsh"


def test_the_endpoint_is_the_flag_else_the_environment_else_the_file() -> None:
    settings = PublishSettings(endpoint_url="https://from-the-file.example")
    assert default_endpoint("https://from-the-flag.example/", settings, {}) == "https://from-the-flag.example"
    assert default_endpoint(None, settings, {"AWS_ENDPOINT_URL": "https://env.example"}) is None  # boto3 reads it
    assert default_endpoint(None, settings, {"AWS_ENDPOINT_URL_S3": "https://env.example"}) is None
    assert default_endpoint(None, settings, {}) == "https://from-the-file.example"
    assert default_endpoint(None, PublishSettings(), {}) is None
