"""What every `statusgen` command shares: its common options, one-line errors without secrets,
a progress counter, and the scrubbed traceback of --debug.

Errors become one line here and nowhere else (StatusgenError -> ClickException
with the error's exit status), with every secret a command has read redacted.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from generator.config import Config, insecure_url_warning
from generator.errors import StatusgenError
from generator.notices import warn

DEMO_BASE_URL = "https://status.example.com"
DEMO_TITLE = "Example Cloud status"

config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Settings file (default: ./statusgen.toml when it exists).",
)
key_file_option = click.option(
    "--api-key-file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Read the OneUptime API key from this file instead of ONEUPTIME_API_KEY.",
)
quiet_option = click.option("--quiet", "-q", is_flag=True, help="Print nothing but warnings and errors.")
status_page_option = click.option(
    "--status-page",
    "status_page",
    default=None,
    help="Publish only what this OneUptime status page shows (its id); overrides ONEUPTIME_STATUS_PAGE_ID.",
)


# Every secret a command has read, so that even a traceback shown with --debug never carries one.
SECRETS: list[str | None] = []


def scrubbed_traceback(exc: BaseException) -> str:
    import traceback

    from generator.oneuptime.server_text import scrub

    text = "".join(traceback.format_exception(exc))
    for secret in [*SECRETS, os.environ.get("ONEUPTIME_API_KEY")]:
        if secret and secret.strip():
            text = scrub(text, secret.strip())
    return text


# Options that build and serve share: where the data comes from and how the site looks.
demo_option = click.option("--demo", is_flag=True, help="Build from the bundled demo project (no account needed).")
snapshot_option = click.option(
    "--snapshot",
    "snapshot_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Build from a snapshot file written by `statusgen fetch` instead of the live API.",
)
theme_option = click.option(
    "--theme",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="A theme folder whose files replace the default theme's.",
)
base_url_option = click.option(
    "--base-url", default=None, help="Public URL of the site, e.g. https://status.example.com."
)
timezone_option = click.option("--timezone", default=None, help="IANA time zone for shown times (default: UTC).")


CREDENTIAL_VARIABLES = ("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "ONEUPTIME_API_KEY")


def warn_if_insecure(config: Config) -> None:
    """Said even with --quiet, like every warning: a cron job's log is where an operator would see it."""
    warning = insecure_url_warning(config.url)
    if warning:
        warn(warning)


def demo_defaults(config: Config) -> Config:
    """The demo shows every feature: give it a title and a base URL unless the user set them."""
    from dataclasses import replace

    changes: dict[str, Any] = {}
    if config.base_url is None:
        changes["base_url"] = DEMO_BASE_URL
    if config.title == Config().title:
        changes["title"] = DEMO_TITLE
    return replace(config, **changes)


@contextmanager
def progress_counter(
    enabled: bool, doing: str = "fetching", unit: str = "requests"
) -> Iterator[Callable[[int, int | None], None] | None]:
    """A one-line counter on a terminal ("fetching: 3/12 requests"); nothing when output is piped or --quiet."""
    if not enabled:
        yield None
        return

    def report(done: int, total: int | None) -> None:
        click.echo(f"\r{doing}: {done}/{total or '?'} {unit}", err=True, nl=False)

    try:
        yield report
    finally:
        click.echo("\r\033[K", err=True, nl=False)


@contextmanager
def user_errors() -> Iterator[list[str | None]]:
    """Turn our errors into one line and their exit status; hide any secret that reached a message."""
    secrets = SECRETS  # shared with run(), which may have to show a traceback
    try:
        yield secrets
    except StatusgenError as exc:
        error = click.ClickException(error_line(exc, secrets))
        error.exit_code = exc.exit_code  # type: ignore[misc]  # click declares a ClassVar, reads the instance
        raise error from None
    except OSError as exc:  # a file problem we did not foresee: still one line, no traceback
        raise click.ClickException(error_line(exc, secrets)) from None


def error_line(exc: Exception, secrets: list[str | None]) -> str:
    """One of our errors, or a file problem we did not foresee, as one line without any secret."""
    if isinstance(exc, OSError):
        return redact(f"{exc.strerror or exc}: {exc.filename or ''}", secrets)
    return redact(str(exc), secrets)


def redact(message: str, secrets: list[str | None]) -> str:
    for secret in secrets:
        if secret:
            message = message.replace(secret, "[redacted]")
    return message
