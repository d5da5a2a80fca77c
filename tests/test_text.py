"""Text cleaning keeps what people typed and drops what HTML and XML cannot carry."""

from generator.text import clean_text


def test_control_characters_surrogates_and_noncharacters_are_removed() -> None:
    assert clean_text("a\x00b\x07c\x1bd\x7fe\ud800f\uffffg") == "abcdefg"


def test_tabs_newlines_emoji_and_accents_survive() -> None:
    text = "Zürich\tdown\r\n🔥 <b>&amp;"
    assert clean_text(text) == text
