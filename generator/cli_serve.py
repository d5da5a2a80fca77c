"""`statusgen serve`: the local preview, rebuilt as the theme, settings or snapshot change."""

from __future__ import annotations

import functools
import sys
from contextlib import suppress
from pathlib import Path

import click

from generator.cli_support import (
    SECRETS,
    base_url_option,
    config_option,
    demo_defaults,
    demo_option,
    error_line,
    key_file_option,
    progress_counter,
    snapshot_option,
    theme_option,
    timezone_option,
    user_errors,
)
from generator.config import Config, load_config


@click.command()
@demo_option
@snapshot_option
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
@theme_option
@base_url_option
@timezone_option
@config_option
@key_file_option
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
        if config.api_key not in SECRETS:
            SECRETS.append(config.api_key)
        return demo_defaults(config) if demo else config

    options = PreviewOptions(demo, snapshot_file, port, fetch_every, quiet)
    with user_errors() as secrets:
        voice = Voice(
            say=lambda line: click.echo(line, err=True),
            describe=lambda exc: error_line(exc, secrets),
            progress=functools.partial(progress_counter, not quiet and sys.stderr.isatty()),
        )
        with suppress(KeyboardInterrupt):  # Ctrl+C: the way to stop it, not an error
            serve_preview(settings, options, voice)
