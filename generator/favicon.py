"""The site's icon in the overall status's colour: an SVG, and a 32 px PNG for browsers without SVG icons.

The PNG is written with zlib and struct (a filled circle, edges smoothed by
4x4 supersampling): an image library would be a large dependency for one
small picture. Both files depend only on the status, so they are byte-identical
from one build to the next while it holds.
"""

from __future__ import annotations

import functools
import struct
import zlib

from generator.badge import LEVEL_COLORS, UNKNOWN_COLOR
from generator.output import Output, Sources
from generator.views import SitePlan

SVG_PATH = "favicon.svg"
PNG_PATH = "favicon.png"
PNG_SIZE = 32
_SAMPLES = 4  # per pixel side

# A tick for operational, an exclamation mark for anything else (as the banner draws them).
_OPERATIONAL_MARK = (
    '<path d="M5.5 10.5l3 3 6-6.5" fill="none" stroke="#fff" stroke-width="2.2" '
    'stroke-linecap="round" stroke-linejoin="round"/>'
)
_TROUBLE_MARK = (
    '<path d="M10 5v6" stroke="#fff" stroke-width="2.2" stroke-linecap="round"/>'
    '<circle cx="10" cy="14.5" r="1.3" fill="#fff"/>'
)


def favicon_outputs(sources: Sources) -> list[Output]:
    """The status-coloured icon, keyed by the overall status: the one thing it shows."""
    plan = sources.plan
    return [Output((SVG_PATH, PNG_PATH), ("favicon", plan.status), functools.partial(favicon_files, plan))]


def favicon_files(plan: SitePlan) -> dict[str, bytes]:
    color = LEVEL_COLORS.get(plan.status.level, UNKNOWN_COLOR)
    return {SVG_PATH: favicon_svg(color, plan.status.level == "operational"), PNG_PATH: favicon_png(color)}


def favicon_svg(color: str, operational: bool) -> bytes:
    mark = _OPERATIONAL_MARK if operational else _TROUBLE_MARK
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 20">'
        f'<circle cx="10" cy="10" r="10" fill="{color}"/>{mark}</svg>\n'
    ).encode()


def favicon_png(color: str, size: int = PNG_SIZE) -> bytes:
    """A filled circle of `color` (#rrggbb) on transparency, as an RGBA PNG."""
    red, green, blue = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    rows = []
    for y in range(size):
        row = bytearray([0])  # filter type: none
        for x in range(size):
            alpha = round(255 * _coverage(x, y, size))
            row += bytes((red, green, blue, alpha))
        rows.append(bytes(row))
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + _chunk(b"IEND", b"")
    )


def _coverage(x: int, y: int, size: int) -> float:
    """How much of pixel (x, y) the circle covers, from a grid of samples inside it."""
    radius = size / 2
    inside = 0
    for sub_y in range(_SAMPLES):
        for sub_x in range(_SAMPLES):
            dx = x + (sub_x + 0.5) / _SAMPLES - radius
            dy = y + (sub_y + 0.5) / _SAMPLES - radius
            inside += dx * dx + dy * dy <= radius * radius
    return inside / (_SAMPLES * _SAMPLES)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
