"""A build renders each Markdown text once, however many notes its incidents have."""

from __future__ import annotations

import collections

import pytest

from generator import markup
from generator.build import render_site
from generator.config import Config
from generator.feeds import FEED_EVENT_LIMIT
from generator.markup import MARKDOWN_MEMO
from tests import factories as f


def test_incidents_with_more_notes_than_the_memo_holds_render_each_note_once(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: collections.Counter[str] = collections.Counter()
    parser_for = markup._parser_for

    def counted(text: str) -> object:
        parsed[text] += 1
        return parser_for(text)

    monkeypatch.setattr(markup, "_parser_for", counted)
    markup.render_markdown.cache_clear()
    notes = 140  # 60 incidents: twice the memo's texts, and a range of 32 incidents holds more than it
    incidents = [
        f.incident(
            n,
            description=f"Incident {n} began.",
            updates=tuple(f.note(f"n{n}-{k}", 0.01 * k, f"Note {k} of incident {n}.") for k in range(notes)),
        )
        for n in range(1, 61)
    ]
    assert 32 * notes > MARKDOWN_MEMO
    files = render_site(f.snapshot(*incidents), Config(base_url="https://status.example.com"), f.TAKEN_AT)
    assert "Note 139 of incident 60." in files["incidents/60/index.html"].decode()
    assert len(parsed) == 60 * (notes + 1)
    # Only the texts the site's feed shows, rendered before every incident's batch, may be rendered again.
    assert sum(parsed.values()) - len(parsed) <= FEED_EVENT_LIMIT
