"""Where templates and static files come from: the user's theme first, then the default.

One search path, as MkDocs' custom_dir: any file in the user's theme folder
replaces the default's file of the same name; everything else falls back.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ThemeError
from generator.shipped import shipped_folder

DEFAULT_THEME_NAME = "default"


def default_theme_dir() -> Path:
    """The default theme inside an installed wheel, or in the checkout's themes/."""
    themes = shipped_folder("themes")
    if themes is not None and (themes / DEFAULT_THEME_NAME).is_dir():
        return themes / DEFAULT_THEME_NAME
    raise ThemeError("the default theme is missing from this installation; reinstall statusgen")


def theme_search_path(user_theme: Path | None) -> list[Path]:
    """Folders to look in, first match wins."""
    path = [default_theme_dir()]
    if user_theme is not None:
        if not user_theme.is_dir():
            raise ThemeError(f"theme folder {user_theme} does not exist")
        path.insert(0, user_theme)
    return path


@dataclass(frozen=True, slots=True)
class Asset:
    """A static file published under a name that carries a hash of its bytes.

    A changed file gets a new name, so hosts may cache assets for a year
    while pages, which are never cached long, always point at the current one.
    """

    name: str  # as the theme names it, e.g. "style.css"
    path: str  # in the site, e.g. "static/style.1a2b3c4d5e.css"
    content: bytes


LOGO_ASSET = "logo"


def theme_assets(search_path: list[Path], logo: Path | None = None) -> dict[str, Asset]:
    """Every file under the themes' static/ folders by name; the user's theme wins.

    The site's `logo` setting, if any, is the asset named "logo" (`asset('logo')`).
    """
    sources: dict[str, Path] = {}
    for theme in reversed(search_path):
        static = theme / "static"
        if static.is_dir():
            for file in static.rglob("*"):
                if file.is_file() and not file.name.startswith("."):
                    sources[file.relative_to(static).as_posix()] = file
    assets = {name: _asset(name, sources[name].read_bytes()) for name in sorted(sources)}
    if logo is not None:
        hashed = _asset(LOGO_ASSET + logo.suffix.lower(), logo.read_bytes())
        assets[LOGO_ASSET] = Asset(LOGO_ASSET, hashed.path, hashed.content)
    return assets


# A CSS string (kept whole) or a comment other than /*! ... */ (a licence, kept by convention).
_CSS_STRING_OR_COMMENT = re.compile(rb"""("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')|/\*(?!!).*?\*/""", re.DOTALL)


def without_css_comments(css: bytes) -> bytes:
    """The stylesheet as served: its comments are for theme authors, and every page's weight counts them."""
    return _CSS_STRING_OR_COMMENT.sub(lambda match: match.group(1) or b"", css)


def _asset(name: str, content: bytes) -> Asset:
    if name.endswith(".css"):
        content = without_css_comments(content)
    digest = hashlib.sha256(content).hexdigest()[:10]
    stem, dot, suffix = name.rpartition(".")
    hashed = f"{stem}.{digest}.{suffix}" if dot and stem else f"{name}.{digest}"
    return Asset(name, f"static/{hashed}", content)
