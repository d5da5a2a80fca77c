"""What `statusgen init` writes: a commented statusgen.toml and, on request, a CI workflow.

The settings file is written from settings.py's description and Config's
defaults, the same ones the loader uses, so it documents exactly what a build
accepts. The workflows are the examples/ files, shipped inside the wheel.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from generator.config import CONFIG_FILE_NAME, Config
from generator.errors import ConfigError
from generator.settings import SETTINGS, Setting
from generator.shipped import shipped_folder

# Where each CI system reads its workflow, the example that becomes it, and what to do next.
CI_FILES = {
    "github": (
        "github-actions.yml",
        Path(".github/workflows/status-page.yml"),
        "set the secrets and variables named at its top (Settings -> Secrets and variables -> Actions)",
    ),
    "gitlab": (
        "gitlab-ci.yml",
        Path(".gitlab-ci.yml"),
        "add a pipeline schedule and the CI/CD variables named at its top",
    ),
}

_HEADER = """\
# statusgen.toml: settings for `statusgen build`, `fetch` and `serve`, written by `statusgen init`.
# Every key is here with its default (a key left out has it too). Lines starting with # are
# comments: to set a key shown commented out, remove its #. Paths are relative to this file.
# Flags override the environment, which overrides this file.
"""


@dataclass(frozen=True, slots=True)
class StarterFile:
    """A file init offers to write: where, and its text."""

    path: Path
    text: str
    advice: str  # what to do with it once written


def settings_file_text() -> str:
    """statusgen.toml with every key, its default (or a commented-out example) and what it does."""
    top = [setting for setting in SETTINGS if setting.table is None and not _is_table(setting)]
    sections = [_HEADER, *(_entry(setting) for setting in top)]
    for setting in SETTINGS:
        if setting.table is None and _is_table(setting):
            sections.append(f"[{setting.key}]\n{_entry(setting)}")
    for table in dict.fromkeys(setting.table for setting in SETTINGS if setting.table is not None):
        entries = [_entry(setting) for setting in SETTINGS if setting.table == table]
        sections.append(f"[{table}]\n" + "\n".join(entries))
    return "\n".join(sections)


def _is_table(setting: Setting) -> bool:
    return dict in setting.kind.types


def _entry(setting: Setting) -> str:
    """A key's comment lines, then the key with its default, or its example commented out."""
    about = setting.about.splitlines()
    if setting.kind.lowest is not None:
        about.append(setting.kind.needs[0].upper() + setting.kind.needs[1:] + ".")
    if setting.environment:
        about.append(f"{setting.environment} overrides it.")
    default = getattr(Config(), setting.key)
    if default is None or default == ():
        about.append("Not set by default." if default is None else "None by default.")
        line = f"# {setting.example}" if _is_table(setting) else f"# {setting.key} = {setting.example}"
    elif setting.from_status_page:
        # Set, it would override a mirrored status page's own setting: left commented out.
        about.append("With status_page set, the page's own setting is the default.")
        line = f"# {setting.key} = {_toml(default)}"
    else:
        line = f"{setting.key} = {_toml(default)}"
    return "".join(f"# {text}\n" for text in about) + f"{line}\n"


def _toml(value: object) -> str:
    """A default as TOML: text and paths in quotes, whole seconds without a decimal point."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value.as_posix() if isinstance(value, Path) else str(value), ensure_ascii=False)


def starter_files(folder: Path, ci: str | None) -> list[StarterFile]:
    """The files init writes into `folder`: the settings, and the workflow of `ci` (github, gitlab)."""
    advice = "every setting with its default; set title and base_url, and project_id under [oneuptime]"
    files = [StarterFile(folder / CONFIG_FILE_NAME, settings_file_text(), advice)]
    if ci is not None:
        example, target, advice = CI_FILES[ci]
        files.append(StarterFile(folder / target, _example_text(example), advice))
    return files


def _example_text(name: str) -> str:
    examples = shipped_folder("examples")
    if examples is None or not (examples / name).is_file():
        raise ConfigError(f"the example {name} is missing from this installation; reinstall statusgen")
    return (examples / name).read_text(encoding="utf-8")


def write_new_file(path: Path, text: str) -> bool:
    """Write `path` only if it does not exist (False if it does); never a half-written file.

    Created with O_EXCL, so no race can make init overwrite a file; a write
    that fails (a full disk) takes its partial file away again.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        handle = path.open("x", encoding="utf-8")
    except FileExistsError:
        return False
    try:
        with handle:
            handle.write(text)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return True
