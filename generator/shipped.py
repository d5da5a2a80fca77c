"""Folders that ship with statusgen (the default theme, the CI examples): in the wheel or the checkout.

They live at the top of the checkout, where people edit them, and the wheel
carries them inside the package (pyproject.toml's force-include).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def shipped_folder(name: str) -> Path | None:
    """The folder `name` inside an installed wheel, or in the checkout; None if neither has it."""
    for folder in (Path(str(resources.files("generator"))) / name, Path(__file__).resolve().parent.parent / name):
        if folder.is_dir():
            return folder
    return None
