"""The status badge: a small self-contained SVG of the overall status, for READMEs and dashboards.

It references nothing outside itself (no fonts, images or scripts), so it
shows the same wherever it is embedded, and it names its status in a <title>
for screen readers.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from generator.site import OverallStatus

BADGE_PATH = "badge.svg"
LABEL = "status"
LABEL_COLOR = "#555"
# White text on these has a contrast ratio of at least 4.5:1 (WCAG AA).
LEVEL_COLORS = {"operational": "#1a7f37", "degraded": "#9a6700", "partial": "#bc4c00", "major": "#cf222e"}
UNKNOWN_COLOR = "#6e7781"
HEIGHT = 20
PADDING = 6

# Approximate advance widths of Verdana at 11px: enough to size the boxes
# without a font file; the text is centred, so small errors stay invisible.
_NARROW = set("ijl.,:;!|'()[] ")
_WIDE = set("mwMW@%")


def badge_svg(status: OverallStatus, site_title: str) -> bytes:
    """The badge for `status`; its accessible name says whose status it is."""
    message = status.label
    label_width = _text_width(LABEL) + 2 * PADDING
    message_width = _text_width(message) + 2 * PADDING
    width = label_width + message_width
    color = LEVEL_COLORS.get(status.level, UNKNOWN_COLOR)
    name = f"{site_title}: {message}"
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{HEIGHT}" '
        f'viewBox="0 0 {width} {HEIGHT}" role="img" aria-label={quoteattr(name)}>\n'
        f"<title>{escape(name)}</title>\n"
        f'<rect width="{label_width}" height="{HEIGHT}" fill="{LABEL_COLOR}"/>\n'
        f'<rect x="{label_width}" width="{message_width}" height="{HEIGHT}" fill="{color}"/>\n'
        '<g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle">\n'
        f'<text x="{label_width / 2:g}" y="14">{escape(LABEL)}</text>\n'
        f'<text x="{label_width + message_width / 2:g}" y="14">{escape(message)}</text>\n'
        "</g>\n"
        "</svg>\n"
    )
    return svg.encode("utf-8")


def _text_width(text: str) -> int:
    total = 0.0
    for char in text:
        if char in _NARROW:
            total += 3.5
        elif char in _WIDE:
            total += 10.5
        elif char.isupper():
            total += 7.5
        else:
            total += 6.5
    return round(total)
