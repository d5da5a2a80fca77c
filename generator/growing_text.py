"""Where a page shows a growing value (growing.py): found as the page renders, rewritten at a later time.

While an output renders (jobs.run_outputs), the `duration` filter wraps the
text of each GrowingSpan, and the `starts_in` filter the text of each
StartsIn, in marks no data can forge (a random token per output);
render_page takes them out again (unmark) and records where each text went,
in bytes, with its kind and the moment it counts from (when the item began,
when the event starts). A page's record holds only when:
- its templates are the bundled theme's, which read `.duration` only as
  `X.duration|duration`, `.starts_in` only as `X.starts_in|starts_in`, and
  print the text as it is (growing_check.py): a template then never
  measures or branches on the text with its marks;
- each mark the filter made is found once, whole, around exactly the text it
  wrapped.
Then the page at a later time, its data unchanged, is the page with each text
replaced by its filter's text at that time (rewrite). Anything else leaves
the output's growth unknown, and the next cron run builds whole.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import NamedTuple

from markupsafe import Markup, escape

from generator.byte_edits import Edit, apply_edits
from generator.growing import DURATION, STARTS_IN, GrowingSpan, StartsIn, telling

# A growing text in a page: its bytes' start and end, the moment it counts from (ISO), its kind (growing.DURATION...).
Span = tuple[int, int, str, str]
# A growing text a filter wrapped: its kind, the moment it counts from, its escaped text.
Made = tuple[str, datetime, str]
_OPEN, _BETWEEN, _CLOSE, _END = "\ue000", "\ue001", "\ue002", "\ue003"  # private-use characters, with the token


class Growth(NamedTuple):
    """What an output's render showed of growing values: where in its page, and by which page templates."""

    spans: tuple[Span, ...]
    templates: tuple[str, ...]
    known: bool  # False: shown in a way a cron run cannot rewrite


@dataclass(slots=True)
class Marks:
    """The marks of one output's render: each growing text a filter wrapped, and what each page showed."""

    token: str = field(default_factory=lambda: secrets.token_hex(8))
    made: list[Made] = field(default_factory=list)
    pages: list[tuple[str, tuple[Span, ...]]] = field(default_factory=list)  # template, spans
    spoiled: bool = False

    def spoil(self) -> None:
        self.spoiled = True

    def growth(self, paths: Sequence[str]) -> Growth:
        shown = [spans for _, spans in self.pages if spans]
        known = not self.spoiled and (not shown or (len(shown) == 1 and len(paths) == 1))
        return Growth(shown[0] if shown and known else (), tuple(sorted({t for t, _ in self.pages})), known)


_MARKING: ContextVar[Marks | None] = ContextVar("statusgen_duration_marks", default=None)


@contextmanager
def marking() -> Iterator[Marks]:
    """Mark the growing values of what renders inside (one output's render); one printed otherwise spoils it."""
    marks = Marks()
    reset = _MARKING.set(marks)
    try:
        with telling(marks.spoil):
            yield marks
    finally:
        _MARKING.reset(reset)


def duration_filter(duration: Callable[[timedelta], str]) -> Callable[[timedelta], str]:
    """The `duration` filter: `duration`'s text, marked for a GrowingSpan while marking() is on."""

    def shown(span: timedelta) -> str:
        text = duration(span)
        marks = _MARKING.get() if type(span) is GrowingSpan else None
        return text if marks is None else _marked(marks, DURATION, span.since, text)  # type: ignore[attr-defined]

    return shown


def starts_in_filter(starts_in: Callable[[StartsIn], str]) -> Callable[[StartsIn], str]:
    """The `starts_in` filter: `starts_in`'s text ("in 3 days"), marked while marking() is on."""

    def shown(soon: StartsIn) -> str:
        text = starts_in(soon)
        marks = _MARKING.get() if type(soon) is StartsIn else None
        return text if marks is None else _marked(marks, STARTS_IN, soon.at, text)

    return shown


def _marked(marks: Marks, kind: str, since: datetime, text: str) -> Markup:
    escaped = str(escape(text))
    marks.made.append((kind, since, escaped))
    return Markup(f"{_OPEN}{marks.token}{len(marks.made) - 1}{_BETWEEN}{escaped}{_CLOSE}{marks.token}{_END}")  # noqa: S704 - escaped above


def unmark(render: Callable[[], str], template: str, trusted: Callable[[], bool]) -> str:
    """The page `render` gives, its growing texts found and recorded while marking() is on; the same text either way.

    `trusted` tells whether the page's templates are the bundled theme's and
    print a growing text as it is (growing_check.py): only then can the
    marks be taken out for the page's text. Any other page is rendered again
    without marks, and a cron run does not rewrite it.
    """
    marks = _MARKING.get()
    if marks is None:
        return render()
    first = len(marks.made)
    text = render()
    made = marks.made[first:]
    if not made:
        marks.pages.append((template, ()))
        return text
    found = _found(text, marks.token, made, first) if trusted() else None
    if found is None:
        reset = _MARKING.set(None)
        try:
            text = render()
        finally:
            _MARKING.reset(reset)
        marks.spoiled = True
        found = (text, ())
    marks.pages.append((template, found[1]))
    return found[0]


def _found(text: str, token: str, made: list[Made], first: int) -> tuple[str, tuple[Span, ...]] | None:
    """The text less its marks, and each marked text's place in its UTF-8 bytes; None unless each is whole, once."""
    pattern = re.compile(f"{_OPEN}{token}([0-9]+){_BETWEEN}([^{_OPEN}-{_END}]*){_CLOSE}{token}{_END}")
    pieces: list[str] = []
    spans: list[Span] = []
    seen: set[int] = set()
    position = offset = 0
    for match in pattern.finditer(text):
        index = int(match.group(1)) - first
        if not 0 <= index < len(made) or index in seen or match.group(2) != made[index][2]:
            return None
        seen.add(index)
        before = text[position : match.start()]
        offset += len(before.encode("utf-8"))
        shown = match.group(2)
        length = len(shown.encode("utf-8"))
        kind, since, _ = made[index]
        spans.append((offset, offset + length, since.isoformat(), kind))
        pieces += [before, shown]
        offset += length
        position = match.end()
    pieces.append(text[position:])
    result = "".join(pieces)
    if len(seen) != len(made) or token in result:
        return None
    return result, tuple(spans)


def rewrite(
    html: bytes,
    spans: Sequence[Span],
    text_at: Callable[[str, datetime, datetime], str],
    built: datetime,
    now: datetime,
    other: Sequence[Edit] = (),
) -> tuple[bytes, list[Span]] | None:
    """The page built at `built` as it reads at `now`, with `other` edits made in the same pass (the
    build time's partials, stamp_splice.splice_edits), and where its spans are then; None if a span lost
    its text or two edits overlap.

    `text_at(kind, since, moment)` is the filter's text of a growing value (formats.Formats.growing).
    """
    edits = []
    for start, end, since_text, kind in spans:
        since = datetime.fromisoformat(since_text)
        if not 0 <= start <= end <= len(html) or html[start:end] != _text(text_at(kind, since, built)):
            return None
        edits.append((start, end, _text(text_at(kind, since, now))))
    done = apply_edits(html, [*edits, *other])
    if done is None:
        return None
    places = done[1][: len(spans)]  # apply_edits gives each edit's new place in the order given
    return done[0], [(start, end, since, kind) for (start, end), (_, _, since, kind) in zip(places, spans, strict=True)]


def same_texts(
    spans: Sequence[Span], text_at: Callable[[str, datetime, datetime], str], built: datetime, now: datetime
) -> bool:
    """Whether every growing text of a page reads at `now` as it did at `built`: rewrite would change nothing."""
    for _, _, since_text, kind in spans:
        since = datetime.fromisoformat(since_text)
        if text_at(kind, since, built) != text_at(kind, since, now):
            return False
    return True


def _text(text: str) -> bytes:
    return str(escape(text)).encode("utf-8")
