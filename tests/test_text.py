"""Text cleaning keeps what people typed and drops what HTML and XML cannot carry."""

import pytest

from generator.text import clean_text, xml_escape, xml_quoteattr


def test_control_characters_surrogates_and_noncharacters_are_removed() -> None:
    assert clean_text("a\x00b\x07c\x1bd\x7fe\ud800f\uffffg") == "abcdefg"


def test_tabs_newlines_emoji_and_accents_survive() -> None:
    text = "Zürich\tdown\r\n🔥 <b>&amp;"
    assert clean_text(text) == text


def test_c1_controls_are_removed_but_the_latin_1_letters_after_them_survive() -> None:
    assert clean_text("a\x80b\x85c\x9fd\xa0e\xe9") == "abcd\xa0e\xe9"


def test_direction_marks_zero_width_and_combining_characters_survive() -> None:
    """Visible (or deliberately invisible) characters people type are theirs to keep."""
    text = "\u202eevil\u202c \u200bzero \ufeffbom e\u0301 \U0001f525"
    assert clean_text(text) == text


def test_names_lose_bidi_controls_and_keep_right_to_left_letters() -> None:
    from generator.text import clean_name

    assert clean_name("API \u202edevloseR\u202c ") == "API devloseR"
    assert clean_name("\u2067Outage\u2069 in \u05d0\u05d1") == "Outage in \u05d0\u05d1"  # Hebrew letters stay


@pytest.mark.parametrize(
    "text", ["plain", "a & b < c > d", 'say "hi"', "it's", "both \" and '", "tab\there\nline\rret", "&amp; already", ""]
)
def test_xml_escaping_is_exactly_the_standard_librarys(text: str) -> None:
    from xml.sax.saxutils import escape, quoteattr

    assert xml_escape(text) == escape(text)
    assert xml_quoteattr(text) == quoteattr(text)
