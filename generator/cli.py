"""The `statusgen` command: parses options and calls the build; nothing else.

This is the only place a StatusgenError becomes a one-line message and exit 1.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from generator import __version__
from generator.config import Config, insecure_url_warning, load_config
from generator.errors import StatusgenError
from generator.model import Snapshot
from generator.notices import print_warnings

if TYPE_CHECKING:  # imported when a command runs, so --help stays quick
    from generator.build import SnapshotSource

DEMO_BASE_URL = "https://status.example.com"
DEMO_TITLE = "Example Cloud status"

_config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Settings file (default: ./statusgen.toml when it exists).",
)
_key_file_option = click.option(
    "--api-key-file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Read the OneUptime API key from this file instead of ONEUPTIME_API_KEY.",
)
_quiet_option = click.option("--quiet", "-q", is_flag=True, help="Print nothing but warnings and errors.")
_status_page_option = click.option(
    "--status-page",
    "status_page",
    default=None,
    help="Publish only what this OneUptime status page shows (its id); overrides ONEUPTIME_STATUS_PAGE_ID.",
)


def run() -> None:
    """The console entry point: a bug we did not foresee still ends in one line, not a traceback."""
    try:
        main()
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        click.echo(f"Error: internal error ({type(exc).__name__}); please report it with the command you ran", err=True)
        sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="statusgen")
def main() -> None:
    """Build a static status site from a OneUptime project's public incidents.

    Try it without an account:  statusgen build --demo
    """
    print_warnings(lambda line: click.echo(line, err=True))  # odd data worked around, even with --quiet


@main.command()
@click.option("--demo", is_flag=True, help="Build from the bundled demo project (no account needed).")
@click.option(
    "--snapshot",
    "snapshot_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Build from a snapshot file written by `statusgen fetch` instead of the live API.",
)
@click.option(
    "--out",
    "output",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Output folder (default: site).",
)
@click.option(
    "--theme",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="A theme folder whose files replace the default theme's.",
)
@click.option("--base-url", default=None, help="Public URL of the site, e.g. https://status.example.com.")
@click.option("--timezone", default=None, help="IANA time zone for shown times (default: UTC).")
@click.option(
    "--check",
    "--dry-run",
    "check",
    is_flag=True,
    help="Report what would change and write nothing; exit 0 if nothing would change, 3 if something would.",
)
@_config_option
@_key_file_option
@_status_page_option
@_quiet_option
def build(
    demo: bool,
    snapshot_file: Path | None,
    output: Path | None,
    theme: Path | None,
    base_url: str | None,
    timezone: str | None,
    check: bool,
    config_file: Path | None,
    api_key_file: Path | None,
    status_page: str | None,
    quiet: bool,
) -> None:
    """Build the site from the live API, a snapshot file, or the demo data.

    \b
    Examples:
      statusgen build --demo
      statusgen build --snapshot snapshot.json --out public
      ONEUPTIME_PROJECT_ID=... ONEUPTIME_API_KEY=... statusgen build
    """
    from generator.build import NEEDS_BASE_URL, build_from_source, build_site, build_time_for

    if demo and snapshot_file is not None:
        raise click.UsageError("use either --demo or --snapshot, not both")
    overrides = {"output": output, "theme": theme, "base_url": base_url, "timezone": timezone}
    overrides["status_page"] = status_page
    with _user_errors() as secrets:
        config = load_config(config_file, overrides=overrides, api_key_file=api_key_file)
        secrets.append(config.api_key)
        if demo:
            config = _demo_defaults(config)
        source = _snapshot_source(demo, snapshot_file)
        if source is not None:
            report = build_from_source(source, config, check=check)
        else:
            snapshot = _fetch(config, quiet)
            report = build_site(snapshot, config, build_time_for(snapshot), check=check)
        if not quiet:
            verb = "checked (nothing written)" if check else "wrote"
            click.echo(f"{verb} {config.output}: {report.pages} pages; {report.write.summary()}", err=True)
        if not config.base_url and not quiet:
            skipped = ", ".join(NEEDS_BASE_URL[:-1]) + " and " + NEEDS_BASE_URL[-1]
            click.echo(f"note: base_url is not set, so {skipped} were not written (use --base-url)", err=True)
    if check and report.write.has_changes:
        sys.exit(3)


@main.command()
@click.option(
    "--out",
    "output",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="Snapshot file to write, e.g. snapshot.json; when it holds a snapshot of the same project, "
    "only what changed since then is fetched.",
)
@click.option(
    "--full",
    is_flag=True,
    help="Fetch everything even when --out holds a snapshot to update (e.g. once a day, to see deleted notes).",
)
@_config_option
@_key_file_option
@_status_page_option
@_quiet_option
def fetch(
    output: Path, full: bool, config_file: Path | None, api_key_file: Path | None, status_page: str | None, quiet: bool
) -> None:
    """Fetch the project's public data into a snapshot file (build it later with --snapshot).

    When the file already holds a snapshot of the same project, only what changed
    since it was taken is fetched (an incremental fetch); --full fetches everything.

    \b
    Examples:
      ONEUPTIME_PROJECT_ID=... ONEUPTIME_API_KEY=... statusgen fetch --out snapshot.json
      statusgen fetch --out snapshot.json --full
    """
    from generator.fetch import refresh_snapshot
    from generator.snapshot import write_snapshot

    with _user_errors() as secrets:
        config = load_config(config_file, overrides={"status_page": status_page}, api_key_file=api_key_file)
        secrets.append(config.api_key)
        config.require_credentials()
        _warn_if_insecure(config, quiet)
        with _progress(enabled=not quiet and sys.stderr.isatty()) as report:
            result = refresh_snapshot(config, output, full=full, progress=report)
        write_snapshot(result.snapshot, output)
        if not quiet:
            click.echo(f"wrote {output}: {result.summary()}", err=True)


def _snapshot_source(demo: bool, snapshot_file: Path | None) -> SnapshotSource | None:
    """The snapshot file to build from (read, not parsed yet); None for a build from the live API."""
    from generator.build import SnapshotSource
    from generator.snapshot import DEMO_NAME, demo_snapshot_bytes, read_snapshot_bytes

    if demo:
        return SnapshotSource(demo_snapshot_bytes(), DEMO_NAME)
    if snapshot_file is not None:
        return SnapshotSource(read_snapshot_bytes(snapshot_file), str(snapshot_file))
    return None


def _fetch(config: Config, quiet: bool) -> Snapshot:
    from generator.fetch import fetch_snapshot

    config.require_credentials()
    _warn_if_insecure(config, quiet)
    with _progress(enabled=not quiet and sys.stderr.isatty()) as report:
        return fetch_snapshot(config, progress=report)


def _warn_if_insecure(config: Config, quiet: bool) -> None:
    warning = insecure_url_warning(config.url)
    if warning and not quiet:
        click.echo(warning, err=True)


def _demo_defaults(config: Config) -> Config:
    """The demo shows every feature: give it a title and a base URL unless the user set them."""
    from dataclasses import replace

    changes: dict[str, Any] = {}
    if config.base_url is None:
        changes["base_url"] = DEMO_BASE_URL
    if config.title == Config().title:
        changes["title"] = DEMO_TITLE
    return replace(config, **changes)


@contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[int, int | None], None] | None]:
    """A one-line request counter on a terminal; nothing when output is piped or --quiet."""
    if not enabled:
        yield None
        return

    def report(done: int, total: int | None) -> None:
        click.echo(f"\rfetching: {done}/{total or '?'} requests", err=True, nl=False)

    try:
        yield report
    finally:
        click.echo("\r\033[K", err=True, nl=False)


@contextmanager
def _user_errors() -> Iterator[list[str | None]]:
    """Turn our errors into one line and exit 1; hide any secret that reached a message."""
    secrets: list[str | None] = []
    try:
        yield secrets
    except StatusgenError as exc:
        raise click.ClickException(_redact(str(exc), secrets)) from None
    except OSError as exc:  # a file problem we did not foresee: still one line, no traceback
        raise click.ClickException(_redact(f"{exc.strerror or exc}: {exc.filename or ''}", secrets)) from None


def _redact(message: str, secrets: list[str | None]) -> str:
    for secret in secrets:
        if secret:
            message = message.replace(secret, "[redacted]")
    return message
