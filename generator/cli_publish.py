"""`statusgen publish`, and the publishing step of `statusgen build --publish`."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from generator.cli_support import CREDENTIAL_VARIABLES, config_option, quiet_option, redact, user_errors
from generator.config import load_config

if TYPE_CHECKING:
    from generator.publish.plan import Plan


@click.command()
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
@config_option
@quiet_option
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
    with user_errors():
        config = load_config(config_file, overrides={"output": site_dir})
    publish_to_each(config.output, destinations, endpoint_url, config_file, dry_run=dry_run, quiet=quiet)


def publish_to_each(
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

    with user_errors() as secrets:
        secrets.extend(os.environ.get(name) for name in CREDENTIAL_VARIABLES)
        settings = load_publish_settings(config_file)
        endpoint = default_endpoint(endpoint_url, settings, os.environ)
        targets = [parse_destination(text, endpoint) for text in destinations]
        outcomes = publish_site(site, targets, settings, datetime.now(UTC), dry_run=dry_run)
    failed = 0
    for outcome in outcomes:
        if outcome.error is not None:
            failed += 1
            click.echo(f"Error: {redact(outcome.error, secrets)}", err=True)
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
