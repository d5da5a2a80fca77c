"""The `statusgen` command group and its build, fetch and init commands: options, then a call.

Errors become one line through cli_support.user_errors (exit status 1, or 4
for a refusal to go back to older data); publish and serve live in
cli_publish.py and cli_serve.py.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from generator import __version__
from generator.cli_publish import publish, publish_to_each
from generator.cli_serve import serve
from generator.cli_support import (
    base_url_option,
    config_option,
    demo_defaults,
    demo_option,
    key_file_option,
    progress_counter,
    quiet_option,
    scrubbed_traceback,
    snapshot_option,
    status_page_option,
    theme_option,
    timezone_option,
    user_errors,
    warn_if_insecure,
)
from generator.config import Config, load_config
from generator.notices import print_warnings
from generator.quick_exit import allow_quick_exit, ask_for_quick_exit, end_now, forbid_quick_exit, quick_exit_asked

if TYPE_CHECKING:  # imported when a command runs, so --help stays quick
    from generator.model import Snapshot
    from generator.snapshot import SnapshotSource
    from generator.writer import BuildReport


def run() -> None:
    """The console entry point: a bug we did not foresee still ends in one line, not a traceback.

    With --debug (or STATUSGEN_DEBUG=1) the traceback is printed too, with the API key scrubbed.
    """
    allow_quick_exit()
    try:
        main()
    except SystemExit as exc:
        if exc.code in (0, None) and quick_exit_asked():
            end_now(0)  # a build that succeeded, and said so: no teardown of what it built (quick_exit.py)
        raise
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        if "--debug" in sys.argv[1:] or os.environ.get("STATUSGEN_DEBUG") == "1":
            click.echo(scrubbed_traceback(exc), err=True, nl=False)
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
    finally:
        forbid_quick_exit()  # reached only when the process goes on: an error, exit 3, a command not a build


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="statusgen")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error (the API key scrubbed).")
def main(debug: bool) -> None:
    """Build a static status site from a OneUptime project's public incidents.

    Try it without an account:  statusgen build --demo
    """
    print_warnings(lambda line: click.echo(line, err=True))  # odd data worked around, even with --quiet


@main.command()
@demo_option
@snapshot_option
@click.option(
    "--out",
    "output",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Output folder (default: site).",
)
@theme_option
@base_url_option
@timezone_option
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
@config_option
@key_file_option
@status_page_option
@quiet_option
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
    from generator.placement import check_output

    if demo and snapshot_file is not None:
        raise click.UsageError("use either --demo or --snapshot, not both")
    if check and publish_to:
        raise click.UsageError("--check writes nothing, so it cannot --publish; use `statusgen publish --dry-run`")
    overrides = {"output": output, "theme": theme, "base_url": base_url, "timezone": timezone}
    overrides["status_page"] = status_page
    if not publish_to:
        ask_for_quick_exit()
    with user_errors() as secrets:
        config = load_config(config_file, overrides=overrides, api_key_file=api_key_file)
        secrets.append(config.api_key)
        if demo:
            config = demo_defaults(config)
        check_output(config, snapshot_file)
        # Decided from the last build's seal before anything that renders is even imported.
        report = None if no_cache else _sealed_report(config, demo, snapshot_file)
        if report is None:
            source = _snapshot_source(demo, snapshot_file)
            if source is not None and not (no_cache or check or allow_older):
                report = _clock_report(source, config)
            if report is None:
                report = _build(config, source, quiet, check=check, allow_older=allow_older, no_cache=no_cache)
        _report_build(config, report, check, quiet)
    if check and report.write.has_changes:
        sys.exit(3)
    if publish_to:
        publish_to_each(config.output, publish_to, None, config_file, dry_run=False, quiet=quiet)


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
@config_option
@key_file_option
@status_page_option
@quiet_option
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

    with user_errors() as secrets:
        config = load_config(config_file, overrides={"status_page": status_page}, api_key_file=api_key_file)
        secrets.append(config.api_key)
        config.require_credentials()
        warn_if_insecure(config)
        started_from = snapshot_file_version(output)
        with progress_counter(enabled=not quiet and sys.stderr.isatty()) as report:
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


def _build(
    config: Config, source: SnapshotSource | None, quiet: bool, check: bool, allow_older: bool, no_cache: bool
) -> BuildReport:
    """Build from the snapshot file or the demo (`source`), or else from a live fetch."""
    from generator.build import build_from_source, build_site, build_time_for

    run: Callable[..., BuildReport]
    if source is not None:
        run = functools.partial(build_from_source, source, config)
    else:
        snapshot = _fetch(config, quiet)
        run = functools.partial(build_site, snapshot, config, build_time_for(snapshot))
    with progress_counter(enabled=not quiet and sys.stderr.isatty(), doing="building", unit="pages") as pages_done:
        return run(check=check, allow_older=allow_older, use_cache=not no_cache, progress=pages_done)


def _report_build(config: Config, report: BuildReport, check: bool, quiet: bool) -> None:
    from generator.build_inputs import NEEDS_BASE_URL

    if quiet:
        return
    click.echo(_build_summary(config.output, report, check), err=True)
    if not config.base_url:
        skipped = ", ".join(NEEDS_BASE_URL[:-1]) + " and " + NEEDS_BASE_URL[-1]
        click.echo(f"note: base_url is not set, so {skipped} were not written (use --base-url)", err=True)


def _sealed_report(config: Config, demo: bool, snapshot_file: Path | None) -> BuildReport | None:
    """The last build's report when its seal shows that this build would change nothing (seal.py)."""
    from generator.build_inputs import source_date_epoch
    from generator.seal import unchanged_report

    if demo:
        from generator.snapshot import demo_snapshot_bytes

        return unchanged_report(config, None, demo_snapshot_bytes(), source_date_epoch())
    if snapshot_file is not None:
        return unchanged_report(config, snapshot_file, None, source_date_epoch())
    return None


def _clock_report(source: SnapshotSource, config: Config) -> BuildReport | None:
    """The report of a cron run that found the data unchanged and remade only what shows the time (clock_rebuild.py)."""
    from generator.clock_rebuild import clock_rebuild

    return clock_rebuild(source, config)


def _snapshot_source(demo: bool, snapshot_file: Path | None) -> SnapshotSource | None:
    """The snapshot file to build from (read, not parsed yet); None for a build from the live API."""
    from generator.snapshot import DEMO_NAME, SnapshotSource, demo_snapshot_bytes, read_snapshot_file

    if demo:
        return SnapshotSource(demo_snapshot_bytes(), DEMO_NAME)
    if snapshot_file is not None:
        return read_snapshot_file(snapshot_file)  # with the identity of the file its bytes came from
    return None


def _fetch(config: Config, quiet: bool) -> Snapshot:
    from generator.fetch import fetch_snapshot

    config.require_credentials()
    warn_if_insecure(config)
    with progress_counter(enabled=not quiet and sys.stderr.isatty()) as report:
        return fetch_snapshot(config, progress=report)


def _build_summary(output: Path, report: BuildReport, check: bool) -> str:
    """One line on what a build did; a build that changed nothing says plainly that the site is up to date."""
    if not check and not report.write.has_changes:
        return f"{output}/ is up to date: {report.pages} pages"
    verb = "checked (nothing written)" if check else "wrote"
    return f"{verb} {output}: {report.pages} pages; {report.write.summary()}"


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

    with user_errors():
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


main.add_command(publish)
main.add_command(serve)
