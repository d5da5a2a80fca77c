"""The status badge: well-formed SVG, named for screen readers, self-contained, legible."""

from __future__ import annotations

from pathlib import Path

import lxml.etree
import pytest

from generator.badge import BADGE_PATH, LEVEL_COLORS, badge_svg
from generator.config import Config
from generator.views import OverallStatus
from tests import factories as f
from tests.output_fixtures import empty_snapshot, have_xmllint, many_incidents, render, xmllint

SVG = "{http://www.w3.org/2000/svg}"


def parse(content: bytes) -> lxml.etree._Element:
    return lxml.etree.fromstring(content)


def test_badge_names_the_status_in_its_title_and_text() -> None:
    svg = parse(badge_svg(OverallStatus("degraded", "Degraded performance"), "Acme status"))
    assert svg.tag == f"{SVG}svg" and svg.get("role") == "img"
    assert svg.findtext(f"{SVG}title") == svg.get("aria-label") == "Acme status: Degraded performance"
    assert [text.text for text in svg.iter(f"{SVG}text")] == ["status", "Degraded performance"]
    fills = [rect.get("fill") for rect in svg.iter(f"{SVG}rect")]
    assert fills[-1] == LEVEL_COLORS["degraded"]


def test_boxes_add_up_to_the_badge_width() -> None:
    svg = parse(badge_svg(OverallStatus("operational", "All systems operational"), "x"))
    widths = [int(rect.get("width", "0")) for rect in svg.iter(f"{SVG}rect")]
    assert sum(widths) == int(svg.get("width", "0")) and svg.get("viewBox") == f"0 0 {svg.get('width')} 20"


def test_nothing_outside_the_file_is_referenced() -> None:
    content = badge_svg(OverallStatus("major", "Major outage"), "Acme")
    svg = parse(content)
    for element in svg.iter():
        assert lxml.etree.QName(element).localname not in {"image", "script", "foreignObject", "use", "style", "a"}
        for name, value in element.attrib.items():
            assert "href" not in name and "url(" not in value and "://" not in value
    assert content.count(b"://") == 1  # the SVG namespace only


def test_hostile_site_titles_are_escaped() -> None:
    svg = parse(badge_svg(OverallStatus("operational", "All systems operational"), 'A & <B> "C" 🚦'))
    assert svg.findtext(f"{SVG}title") == 'A & <B> "C" 🚦: All systems operational'


def test_unknown_level_still_draws_a_badge() -> None:
    svg = parse(badge_svg(OverallStatus("maintenance", "Under maintenance"), "Acme"))
    assert [text.text for text in svg.iter(f"{SVG}text")][-1] == "Under maintenance"


def relative_luminance(color: str) -> float:
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("color", sorted(LEVEL_COLORS.values()))
def test_white_text_is_legible_on_every_status_colour(color: str) -> None:
    assert (1.05) / (relative_luminance(color) + 0.05) >= 4.5


def test_build_writes_the_badge_with_or_without_a_base_url(tmp_path: Path) -> None:
    for config in (Config(), Config(base_url="https://status.example.com")):
        files = render(empty_snapshot(), config)
        assert b"All systems operational" in files[BADGE_PATH]
    files = render(f.snapshot(f.incident(1, state_id=f.CREATED.id, severity_id=f.CRITICAL.id)))
    assert parse(files[BADGE_PATH]).findtext(f"{SVG}title", "").endswith(": Major outage")
    if have_xmllint():
        badge = tmp_path / BADGE_PATH
        badge.write_bytes(render(many_incidents(3))[BADGE_PATH])
        assert xmllint([str(badge)]).returncode == 0
