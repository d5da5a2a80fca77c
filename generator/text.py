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
