"""Folders that ship with statusgen (the default theme, the CI examples): in the wheel or the checkout.

They live at the top of the checkout, where people edit them, and the wheel
carries them inside the package (pyproject.toml's force-include). Found from
this file's place, which for a package installed as files is the folder
importlib.resources would name; a no-change rebuild (seal.py) looks for the
theme, and importing importlib.resources (zipfile, tempfile) cost it 5%.
"""

from __future__ import annotations

from pathlib import Path


def shipped_folder(name: str) -> Path | None:
    """The folder `name` inside an installed wheel, or in the checkout; None if neither has it."""
    # The package's folder as importlib.resources names it (links not followed), then the checkout's.
    for folder in (Path(__file__).parent / name, Path(__file__).resolve().parent.parent / name):
        if folder.is_dir():
            return folder
    return None
