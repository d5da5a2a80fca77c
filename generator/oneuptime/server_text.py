"""Text a server sent, made fit for one terminal line: no key, no control or bidi characters.

A server, or a proxy in front of it, may echo the API key back in an error,
in another case, with invisible characters inside it or split across lines;
and text meant for a terminal can carry escape sequences or bidi controls that
make a line read differently from what it says.
"""

from __future__ import annotations

import json
import re
import unicodedata

KEY_PLACEHOLDER = "[api key]"
MAX_SHOWN = 300  # characters of a server's message shown in an error line

# Invisible in a terminal but able to change what a line shows: control characters
# (escape sequences), format characters (zero-width joiners, bidi overrides and
# isolates, soft hyphens), and separators other than the plain space.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"})


def error_message(body: bytes) -> str:
    """The text of an error body: `error` (every handled error, StartServer.ts) or `message` (the 404 catch-all)."""
    try:
        document = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return ""
    if not isinstance(document, dict):
        return ""
    for name in ("error", "message"):
        text = document.get(name)
        if isinstance(text, str) and text.strip():
            return text
    return ""


def shown(text: str, secret: str | None) -> str:
    """`text` on one line, at most MAX_SHOWN characters, without the secret in any disguise."""
    line = scrub(one_line(text), secret)
    return line if len(line) <= MAX_SHOWN else line[: MAX_SHOWN - 1] + "…"


def one_line(text: str) -> str:
    """Compatibility forms folded (fullwidth letters), invisible characters removed, white space collapsed."""
    folded = unicodedata.normalize("NFKC", text)
    visible = "".join(c for c in folded if c.isspace() or unicodedata.category(c) not in _INVISIBLE_CATEGORIES)
    return " ".join(visible.split())


def scrub(text: str, secret: str | None) -> str:
    """Every appearance of `secret` in `text` replaced, in any case and with white space inside it.

    Call it on one_line's result: invisible characters are gone by then, and a key
    split across lines has become one with spaces inside.
    """
    if not secret:
        return text
    pattern = r"\s*".join(re.escape(character) for character in one_line(secret))
    return re.sub(pattern, KEY_PLACEHOLDER, text, flags=re.IGNORECASE)
