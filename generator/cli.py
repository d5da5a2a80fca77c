"""The `statusgen` command: parses options and calls the build; nothing else.

This is the only place a StatusgenError becomes a one-line message and its
exit status (1, or 4 for a refusal to go back to older data).
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from generator import __version__
from generator.config import Config, insecure_url_warning, load_config
from generator.errors import StatusgenError
from generator.model import Snapshot
from generator.notices import print_warnings, warn

if TYPE_CHECKING:  # imported when a command runs, so --help stays quick
    from generator.build import BuildReport, SnapshotSource
    from generator.publish.plan import Plan

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


# Every secret a command has read, so that even a traceback shown with --debug never carries one.
_SECRETS: list[str | None] = []


def run() -> None:
    """The console entry point: a bug we did not foresee still ends in one line, not a traceback.

    With --debug (or STATUSGEN_DEBUG=1) the traceback is printed too, with the API key scrubbed.
    """
    try:
        main()
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        if "--debug" in sys.argv[1:] or os.environ.get("STATUSGEN_DEBUG") == "1":
            click.echo(_scrubbed_traceback(exc), err=True, nl=False)
            click.echo(
                f"Error: internal error ({type(exc).__name__}); please report it with the command you ran", err=True
            )
        else:
            click.echo(
                f"Error: internal error ({type(exc).__name__}); run it again with --debug (or STATUSGEN_DEBUG=1) "
                "to see where, and please report it with the command you ran",
                err=True,
            )
        sys.exit(1)


def _scrubbed_traceback(exc: BaseException) -> str:
    import traceback

    from generator.oneuptime.server_text import scrub

    text = "".join(traceback.format_exception(exc))
    for secret in [*_SECRETS, os.environ.get("ONEUPTIME_API_KEY")]:
        if secret and secret.strip():
            text = scrub(text, secret.strip())
    return text


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="statusgen")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error (the API key scrubbed).")
def main(debug: bool) -> None:
    """Build a static status site from a OneUptime project's public incidents.

    Try it without an account:  statusgen build --demo
    """
    print_warnings(lambda line: click.echo(line, err=True))  # odd data worked around, even with --quiet


# Options that build and serve share: where the data comes from and how the site looks.
_demo_option = click.option("--demo", is_flag=True, help="Build from the bundled demo project (no account needed).")
_snapshot_option = click.option(
    "--snapshot",
    "snapshot_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Build from a snapshot file written by `statusgen fetch` instead of the live API.",
)
_theme_option = click.option(
    "--theme",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="A theme folder whose files replace the default theme's.",
)
_base_url_option = click.option(
    "--base-url", default=None, help="Public URL of the site, e.g. https://status.example.com."
)
_timezone_option = click.option("--timezone", default=None, help="IANA time zone for shown times (default: UTC).")


@main.command()
@_demo_option
@_snapshot_option
@click.option(
    "--out",
    "output",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Output folder (default: site).",
)
@_theme_option
@_base_url_option
@_timezone_option
@click.option(
    "--check",
    "--dry-run",
    "check",
    is_flag=True,
    help="Report what would change and write nothing; exit 0 if nothing would change, 3 if something would.",
)
@click.option(
    "--allow-older",
    is_flag=True,
    help="Replace a site built from newer data than this build's (a deliberate rollback); "
    "otherwise that is refused with exit status 4.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Render every page again instead of keeping those whose inputs did not change since the last build.",
)
@click.option(
    "--publish",
    "publish_to",
    multiple=True,
    metavar="DEST",
    help="After building, publish the site to DEST (s3://bucket/folder; repeat for more), as `statusgen publish`.",
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
    allow_older: bool,
    no_cache: bool,
    publish_to: tuple[str, ...],
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

    \b
    Exit status:
      0  built (or, with --check, nothing would change)
      1  an error, told in one line
      2  a wrong option
      3  with --check: something would change
      4  refused: the output holds a site built from newer data (another run
         published it); nothing was written
    """
    from generator.build import NEEDS_BASE_URL, build_from_source, build_site, build_time_for
    from generator.placement import check_output

    if demo and snapshot_file is not None:
        raise click.UsageError("use either --demo or --snapshot, not both")
    if check and publish_to:
        raise click.UsageError("--check writes nothing, so it cannot --publish; use `statusgen publish --dry-run`")
    overrides = {"output": output, "theme": theme, "base_url": base_url, "timezone": timezone}
    overrides["status_page"] = status_page
    with _user_errors() as secrets:
        config = load_config(config_file, overrides=overrides, api_key_file=api_key_file)
        secrets.append(config.api_key)
        if demo:
            config = _demo_defaults(config)
        check_output(config, snapshot_file)
        source = _snapshot_source(demo, snapshot_file)
        run: Callable[..., BuildReport]
        if source is not None:
            run = functools.partial(build_from_source, source, config)
        else:
            snapshot = _fetch(config, quiet)
            run = functools.partial(build_site, snapshot, config, build_time_for(snapshot))
        with _progress(enabled=not quiet and sys.stderr.isatty(), doing="building", unit="pages") as pages_done:
            report = run(check=check, allow_older=allow_older, use_cache=not no_cache, progress=pages_done)
        if not quiet:
            click.echo(_build_summary(config.output, report, check), err=True)
        if not config.base_url and not quiet:
            skipped = ", ".join(NEEDS_BASE_URL[:-1]) + " and " + NEEDS_BASE_URL[-1]
            click.echo(f"note: base_url is not set, so {skipped} were not written (use --base-url)", err=True)
    if check and report.write.has_changes:
        sys.exit(3)
    if publish_to:
        _publish(config.output, publish_to, None, config_file, dry_run=False, quiet=quiet)


@main.command()
@click.argument("destinations", nargs=-1, required=True, metavar="DEST...")
@click.option(
    "--site",
    "site_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="The built site folder to publish (default: the output setting, site).",
)
@click.option(
    "--endpoint-url",
    default=None,
    help="The S3 API's URL for a store not on AWS (default: AWS_ENDPOINT_URL, the profile's, or AWS), "
    "e.g. https://ACCOUNT.r2.cloudflarestorage.com.",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Print what would be uploaded and deleted and change nothing; exit 0 if nothing would change, 3 if "
    "something would.",
)
@_config_option
@_quiet_option
def publish(
    destinations: tuple[str, ...],
    site_dir: Path | None,
    endpoint_url: str | None,
    dry_run: bool,
    config_file: Path | None,
    quiet: bool,
) -> None:
    """Upload the built site to object stores: only what changed, in an order that keeps every link working.

    DEST is s3://bucket or s3://bucket/folder on any S3-compatible store, optionally with
    ?endpoint_url=...&profile=...&region=... of its own. Credentials come from the standard
    AWS chain (environment, profile, OIDC web identity, instance role). Exit status: 0 when
    every destination is up to date, 5 when some failed and others were published, 1 when
    all failed or nothing could start.

    \b
    Examples:
      statusgen publish s3://status-acme-com
      statusgen publish s3://status-acme-com "s3://status-acme?profile=r2" --dry-run
      statusgen publish s3://acme-web/status --endpoint-url https://ACCOUNT.r2.cloudflarestorage.com
    """
    with _user_errors():
        config = load_config(config_file, overrides={"output": site_dir})
    _publish(config.output, destinations, endpoint_url, config_file, dry_run=dry_run, quiet=quiet)


def _publish(
    site: Path,
    destinations: tuple[str, ...],
    endpoint_url: str | None,
    config_file: Path | None,
    dry_run: bool,
    quiet: bool,
) -> None:
    """Publish `site` to each destination: one summary or error line each, and the exit status of them all."""
    from datetime import UTC, datetime

    from generator.publish.destination import parse_destination
    from generator.publish.publisher import publish_site
    from generator.publish.settings import default_endpoint, load_publish_settings

    with _user_errors() as secrets:
        secrets.extend(os.environ.get(name) for name in _CREDENTIAL_VARIABLES)
        settings = load_publish_settings(config_file)
        endpoint = default_endpoint(endpoint_url, settings, os.environ)
        targets = [parse_destination(text, endpoint) for text in destinations]
        outcomes = publish_site(site, targets, settings, datetime.now(UTC), dry_run=dry_run)
    failed = 0
    for outcome in outcomes:
        if outcome.error is not None:
            failed += 1
            click.echo(f"Error: {_redact(outcome.error, secrets)}", err=True)
        elif dry_run and outcome.plan is not None:
            _print_plan(str(outcome.destination), outcome.plan, quiet)
            if not quiet:
                click.echo(f"would publish {outcome.destination}: {outcome.plan.summary()}", err=True)
        elif outcome.report is not None and not quiet:
            click.echo(f"published {outcome.destination}: {outcome.report.summary()}", err=True)
    if failed:
        sys.exit(1 if failed == len(outcomes) else 5)
    if dry_run and any(outcome.plan is not None and outcome.plan.has_changes for outcome in outcomes):
        sys.exit(3)


def _print_plan(destination: str, plan: Plan, quiet: bool) -> None:
    """A dry run's actions on stdout, one a line, in the order a real run would take them."""
    if quiet:
        return
    for group in plan.uploads:
        for item in group:
            click.echo(f"upload {destination}{item.key}")
    for keys in plan.deletions:
        for key in keys:
            click.echo(f"delete {destination}{key}")


# Secrets of the standard chain that may sit in the environment: never shown, whatever goes wrong.
_CREDENTIAL_VARIABLES = ("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "ONEUPTIME_API_KEY")


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
    If an overlapping fetch wrote a snapshot of newer data to the file meanwhile,
    that one is kept (and the command says so, with exit status 0).

    \b
    Examples:
      ONEUPTIME_PROJECT_ID=... ONEUPTIME_API_KEY=... statusgen fetch --out snapshot.json
      statusgen fetch --out snapshot.json --full
    """
    from generator.dates import format_datetime
    from generator.fetch import refresh_snapshot
    from generator.snapshot import snapshot_file_version, write_snapshot

    with _user_errors() as secrets:
        config = load_config(config_file, overrides={"status_page": status_page}, api_key_file=api_key_file)
        secrets.append(config.api_key)
        config.require_credentials()
        _warn_if_insecure(config)
        started_from = snapshot_file_version(output)
        with _progress(enabled=not quiet and sys.stderr.isatty()) as report:
            result = refresh_snapshot(config, output, full=full, progress=report)
        newer = write_snapshot(result.snapshot, output, started_from)
        if quiet:
            return
        if newer is None:
            click.echo(f"wrote {output}: {result.summary()}", err=True)
        else:
            click.echo(
                f"kept {output}: another fetch wrote newer data there meanwhile (taken at {format_datetime(newer)}, "
                f"this one at {format_datetime(result.snapshot.taken_at)})",
                err=True,
            )


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
    _warn_if_insecure(config)
    with _progress(enabled=not quiet and sys.stderr.isatty()) as report:
        return fetch_snapshot(config, progress=report)


def _build_summary(output: Path, report: BuildReport, check: bool) -> str:
    """One line on what a build did; a build that changed nothing says plainly that the site is up to date."""
    if not check and not report.write.has_changes:
        return f"{output}/ is up to date: {report.pages} pages"
    verb = "checked (nothing written)" if check else "wrote"
    return f"{verb} {output}: {report.pages} pages; {report.write.summary()}"


def _warn_if_insecure(config: Config) -> None:
    """Said even with --quiet, like every warning: a cron job's log is where an operator would see it."""
    warning = insecure_url_warning(config.url)
    if warning:
        warn(warning)


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
def _progress(
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
def _user_errors() -> Iterator[list[str | None]]:
    """Turn our errors into one line and their exit status; hide any secret that reached a message."""
    secrets = _SECRETS  # shared with run(), which may have to show a traceback
    try:
        yield secrets
    except StatusgenError as exc:
        error = click.ClickException(_error_line(exc, secrets))
        error.exit_code = exc.exit_code  # type: ignore[misc]  # click declares a ClassVar, reads the instance
        raise error from None
    except OSError as exc:  # a file problem we did not foresee: still one line, no traceback
        raise click.ClickException(_error_line(exc, secrets)) from None


def _error_line(exc: Exception, secrets: list[str | None]) -> str:
    """One of our errors, or a file problem we did not foresee, as one line without any secret."""
    if isinstance(exc, OSError):
        return _redact(f"{exc.strerror or exc}: {exc.filename or ''}", secrets)
    return _redact(str(exc), secrets)


def _redact(message: str, secrets: list[str | None]) -> str:
    for secret in secrets:
        if secret:
            message = message.replace(secret, "[redacted]")
    return message


@main.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False), default=".", required=False)
@click.option(
    "--ci",
    type=click.Choice(["github", "gitlab"]),
    default=None,
    help="Also write the CI job that publishes the site every five minutes: "
    ".github/workflows/status-page.yml (github) or .gitlab-ci.yml (gitlab).",
)
def init(folder: Path, ci: str | None) -> None:
    """Start a site: write a commented statusgen.toml into FOLDER (default: the current folder).

    It holds every setting with its default and what it does. A file that
    exists already is kept: init never overwrites one.

    \b
    Examples:
      statusgen init
      statusgen init --ci github
    """
    from generator.starter import starter_files, write_new_file

    with _user_errors():
        files = starter_files(folder, ci)
        written = [file for file in files if write_new_file(file.path, file.text)]
    if not written:
        existing = " and ".join(str(file.path) for file in files)
        raise click.ClickException(
            f"{existing} already exist{'s' if len(files) == 1 else ''}; init never overwrites a file"
        )
    for file in files:
        if file in written:
            click.echo(f"wrote {file.path}: {file.advice}", err=True)
        else:
            click.echo(f"kept {file.path}: it exists already, and init never overwrites a file", err=True)


@main.command()
@_demo_option
@_snapshot_option
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to serve on, on 127.0.0.1 only; 0 takes any free port.",
)
@click.option(
    "--fetch-every",
    type=click.IntRange(min=10),
    default=None,
    help="With the live API: fetch again every this many seconds (at least 10); without it, the data is fetched once.",
)
@_theme_option
@_base_url_option
@_timezone_option
@_config_option
@_key_file_option
@click.option("--quiet", "-q", is_flag=True, help="Print only the address, warnings and errors.")
def serve(
    demo: bool,
    snapshot_file: Path | None,
    port: int,
    fetch_every: int | None,
    theme: Path | None,
    base_url: str | None,
    timezone: str | None,
    config_file: Path | None,
    api_key_file: Path | None,
    quiet: bool,
) -> None:
    """Preview the site on 127.0.0.1, rebuilt whenever the theme, statusgen.toml or the snapshot changes.

    The site is built into a temporary folder of its own, not the output
    folder, and served as a static host serves it: folder URLs show their
    index.html, unknown paths the site's 404.html. A rebuild that fails is
    told in one line and the last good site stays up. From the live API the
    data is fetched once, or every --fetch-every seconds. Ctrl+C stops it.

    \b
    Examples:
      statusgen serve --demo
      statusgen serve --demo --theme mytheme --port 8080
      statusgen serve --snapshot snapshot.json
      ONEUPTIME_PROJECT_ID=... ONEUPTIME_API_KEY=... statusgen serve --fetch-every 60
    """
    from generator.serve import PreviewOptions, Voice, serve_preview

    if demo and snapshot_file is not None:
        raise click.UsageError("use either --demo or --snapshot, not both")
    if fetch_every is not None and (demo or snapshot_file is not None):
        raise click.UsageError(
            "--fetch-every refreshes data from the live API; it has none to fetch with --demo or --snapshot"
        )
    overrides = {"theme": theme, "base_url": base_url, "timezone": timezone}

    def settings() -> Config:  # read again for every build, so that an edited statusgen.toml counts
        config = load_config(config_file, overrides=overrides, api_key_file=api_key_file)
        if config.api_key not in _SECRETS:
            _SECRETS.append(config.api_key)
        return _demo_defaults(config) if demo else config

    options = PreviewOptions(demo, snapshot_file, port, fetch_every, quiet)
    with _user_errors() as secrets:
        voice = Voice(
            say=lambda line: click.echo(line, err=True),
            describe=lambda exc: _error_line(exc, secrets),
            progress=functools.partial(_progress, not quiet and sys.stderr.isatty()),
        )
        with suppress(KeyboardInterrupt):  # Ctrl+C: the way to stop it, not an error
            serve_preview(settings, options, voice)
