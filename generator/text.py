"""Cleaning untrusted text once, where it enters: what HTML and XML cannot carry goes."""

from __future__ import annotations

import re

# C0 controls except tab/newline/carriage return, DEL and the C1 controls (parse
# errors in HTML, discouraged in XML, and mangled by feed readers: U+0085 came back
# as an ellipsis), lone surrogates (which cannot be encoded as UTF-8) and the
# noncharacters U+FFFE/U+FFFF (invalid XML).
_UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Text safe to put in HTML, XML feeds and JSON; visible characters are kept."""
    return _UNWANTED.sub("", text)


# Embeddings, overrides and isolates (U+202A-202E, U+2066-2069): in a one-line name they can make
# the text around them read in another order ("Resolved" shown where "devloseR" was typed), and
# in a feed reader's list or a browser tab there is no paragraph to contain them.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def clean_name(text: str) -> str:
    """A title or name for one line: clean_text, without bidi controls, trimmed."""
    return _BIDI_CONTROLS.sub("", clean_text(text)).strip()


def xml_escape(text: str) -> str:
    """Text for XML character data: &, < and > as entities (xml.sax.saxutils.escape, which imports
    urllib.request, http.client and email with it: 25 ms of every build)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def xml_quoteattr(text: str) -> str:
    """Text as a quoted XML attribute value, exactly as xml.sax.saxutils.quoteattr writes it."""
    text = xml_escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"{}"'.format(text.replace('"', "&quot;"))
