"""Text cleaning keeps what people typed and drops what HTML and XML cannot carry."""

from generator.text import clean_text


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
