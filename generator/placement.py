"""Where a site may go: a folder of its own, never one holding what the build reads.

The output folder is replaced as a whole, so an output that is, or contains,
the current folder, the theme, the settings file, the logo or the snapshot
file would swap them away; one inside the theme would be published as theme
files by the next build. Checked before anything is fetched or written.
"""

from __future__ import annotations

from pathlib import Path

from generator.config import Config
from generator.errors import OutputError
from generator.writer import check_output_folder

_ADVICE = "choose a folder of its own (e.g. --out site)"


def check_output(config: Config, snapshot_file: Path | None = None) -> None:
    """One line for an output folder that a build must not replace; silent when it may."""
    output = config.output.resolve()
    if output.parent != output:  # the root has a message of its own, below
        _refuse_over_inputs(output, config, snapshot_file)
    check_output_folder(config.output)


def _refuse_over_inputs(output: Path, config: Config, snapshot_file: Path | None) -> None:
    folders = {"the current folder": Path.cwd(), "the theme folder": config.theme}
    files = {"the settings file": config.config_file, "the logo file": config.logo, "the snapshot file": snapshot_file}
    for label, folder in folders.items():
        if folder is not None and folder.resolve() == output:
            raise OutputError(f"refusing to write the site to {output}: it is {label}; {_ADVICE}")
    for label, path in (folders | files).items():
        if path is not None and path.resolve().is_relative_to(output):
            raise OutputError(
                f"refusing to write the site to {output}: it contains {label} {path.resolve()}; {_ADVICE}"
            )
    if config.theme is not None and output.is_relative_to(config.theme.resolve()):
        raise OutputError(
            f"refusing to write the site to {output}: it is inside the theme folder {config.theme.resolve()}; {_ADVICE}"
        )
