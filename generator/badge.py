"""Status badges: small self-contained SVGs of the overall status and each service's, for READMEs and dashboards.

It references nothing outside itself (no fonts, images or scripts), so it
shows the same wherever it is embedded, and it names its status in a <title>
for screen readers.
"""

from __future__ import annotations

from generator.output import Output, Sources
from generator.text import xml_escape as escape
from generator.text import xml_quoteattr as quoteattr
from generator.views import OverallStatus, SitePlan

BADGE_PATH = "badge.svg"
LABEL = "status"
LABEL_COLOR = "#555"
# White text on these has a contrast ratio of at least 4.5:1 (WCAG AA).
LEVEL_COLORS = {
    "operational": "#1a7f37",
    "maintenance": "#0969da",
    "degraded": "#9a6700",
    "partial": "#bc4c00",
    "major": "#cf222e",
}
UNKNOWN_COLOR = "#6e7781"
HEIGHT = 20
PADDING = 6

# Approximate advance widths of Verdana at 11px: enough to size the boxes
# without a font file; the text is centred, so small errors stay invisible.
_NARROW = set("ijl.,:;!|'()[] ")
_WIDE = set("mwMW@%")


def badge_svg(status: OverallStatus, site_title: str) -> bytes:
    """The badge for `status`; its accessible name says whose status it is."""
    return _badge(LABEL, status.label, status.level, f"{site_title}: {status.label}")


def badge_outputs(sources: Sources) -> list[Output]:
    """The badges, rendered on every build (cheap, and they show the status now)."""
    plan, title = sources.plan, sources.settings.title
    services = plan.services.all if plan.services is not None else ()
    paths = (BADGE_PATH, *(view.url + BADGE_PATH for view in services))
    return [Output(paths, None, lambda: badge_files(plan, title))]


def badge_files(plan: SitePlan, site_title: str) -> dict[str, bytes]:
    """The site's badge, and each mirrored service's in its folder, named and coloured by its own status."""
    files = {BADGE_PATH: badge_svg(plan.status, site_title)}
    for view in plan.services.all if plan.services is not None else ():
        name = f"{view.service.name}: {view.current.name}"
        files[view.url + BADGE_PATH] = _badge(view.service.name, view.current.name, view.current.level, name)
    return files


def _badge(label: str, message: str, level: str, name: str) -> bytes:
    label_width = _text_width(label) + 2 * PADDING
    message_width = _text_width(message) + 2 * PADDING
    width = label_width + message_width
    color = LEVEL_COLORS.get(level, UNKNOWN_COLOR)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{HEIGHT}" '
        f'viewBox="0 0 {width} {HEIGHT}" role="img" aria-label={quoteattr(name)}>\n'
        f"<title>{escape(name)}</title>\n"
        f'<rect width="{label_width}" height="{HEIGHT}" fill="{LABEL_COLOR}"/>\n'
        f'<rect x="{label_width}" width="{message_width}" height="{HEIGHT}" fill="{color}"/>\n'
        '<g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle">\n'
        f'<text x="{label_width / 2:g}" y="14">{escape(label)}</text>\n'
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
