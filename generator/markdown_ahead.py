"""Rendering the incidents' Markdown on an idle core while a full build loads and plans.

A build's own process parses the snapshot and plans the site before it forks
the workers that render (parallel.py): 1.4 s at 10,000 incidents, with the
other core idle. Markdown is the largest part of what the workers then do
(about half of it), and a text's HTML depends on nothing but the text. So a
helper, forked before the parse, reads the incidents one at a time from the
file's bytes and renders their texts until the build is ready to fork its
workers. Then the build stops it (SIGKILL: a hostile text cannot make it wait)
and takes what it finished into markup's memo, which every worker inherits.

The helper writes each batch of texts, with their HTML, to an anonymous
memory file as it goes; a batch cut short by the kill is left out. It renders
with the build's own function (markup.render_markdown), so a page is
byte-for-byte the same whichever process rendered its texts; a text it did
not reach, or read otherwise than the build does, is rendered by a worker as
before. Anything that goes wrong with the helper costs only its help. Only a
full build starts one, where every text will be rendered: a build that keeps
pages renders only the changed ones.
"""

from __future__ import annotations

import contextlib
import gc
import mmap
import os
import signal
import struct
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from generator import markup
from generator.model import Incident
from generator.parallel import end_with_parent
from generator.snapshot_decode import decode_record
from generator.snapshot_sections import RecordSpans, record_spans
from generator.views import incident_markdown

AHEAD_MIN_BYTES = 2_000_000
"""The smallest incidents' array worth a helper: about 450 incidents, whose load takes a tenth of a second."""

AHEAD_MAX_BYTES = 64 << 20
"""The most the helper writes (about 50,000 texts): a build that waits long for the site's lock
(an overlapping run) is not to fill memory with texts it may not need."""

BATCH_TEXTS = 32
"""Texts written at a time: one write per batch, and at most a batch lost to the kill."""

_BATCH = struct.Struct("<Q")  # the byte length of the batch that follows
_RECORD = struct.Struct("<BII")  # a text's top heading, then the UTF-8 lengths of the text and of its HTML
_SIGNALS = {signal.SIGINT, signal.SIGTERM}


class MarkdownAhead:
    """A running helper (start_markdown_ahead): take its texts with `collect`, or end it with `close`."""

    def __init__(self, pid: int, results: int) -> None:
        self._pid: int | None = pid
        self._results = results

    def collect(self) -> int:
        """Stop the helper and put the texts it finished into markup's memo; how many.

        What it wrote is read as it is, in place; anything unreadable counts
        as nothing rendered (the workers render those texts themselves).
        """
        self._stop()
        try:
            rendered = _read_batches(self._results)
        except (OSError, ValueError, struct.error, MemoryError):
            rendered = {}
        finally:
            self.close()
        markup.remember_rendered(rendered)
        return len(rendered)

    def close(self) -> None:
        """Stop the helper and drop what it wrote (idempotent)."""
        self._stop()
        if self._results >= 0:
            os.close(self._results)
            self._results = -1

    def _stop(self) -> None:
        if self._pid is None:
            return
        pid, self._pid = self._pid, None
        # Never reaped before this (start_markdown_ahead checked that SIGCHLD is not ignored),
        # so the pid is still the helper's, whether it is rendering or has finished.
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)


@contextmanager
def rendering_ahead(
    data: bytes, spans: Mapping[str, tuple[int, int]] | None, wanted: bool
) -> Iterator[MarkdownAhead | None]:
    """A helper for the build inside (None if not `wanted` or not worth it); ended, and its texts forgotten, after."""
    helper = None
    try:
        helper = start_markdown_ahead(data, spans) if wanted else None
        yield helper
    finally:
        if helper is not None:
            try:
                helper.close()
            finally:
                markup.forget_rendered()  # a process that builds again (`statusgen serve`) keeps none of it


def start_markdown_ahead(data: bytes, spans: Mapping[str, tuple[int, int]] | None) -> MarkdownAhead | None:
    """A helper rendering the Markdown of the incidents in `data` (a snapshot file's bytes), or None.

    None where it would not pay or cannot run safely: a small incidents'
    array, one core, not Linux (the helper must die with the build: prctl),
    SIGCHLD ignored (the kernel would reap the helper, and its pid could name
    another process by the time it is stopped), no anonymous memory file.
    """
    where = spans.get("incidents") if spans is not None else None
    if where is None or where[1] - where[0] < AHEAD_MIN_BYTES or (os.cpu_count() or 1) < 2:
        return None
    if sys.platform != "linux" or signal.getsignal(signal.SIGCHLD) == signal.SIG_IGN:
        return None
    try:
        results = os.memfd_create("statusgen-markdown-ahead", os.MFD_CLOEXEC)
    except OSError:
        return None
    parent = os.getpid()
    # Held across the fork, as for the workers (parallel._forked_pool): a Ctrl+C must end the helper
    # at once, never run the build's own handlers in it (serve's cleanup, say).
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        pid = os.fork()
    except OSError:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        os.close(results)
        return None
    if pid == 0:
        _helper(parent, held, results, data, *where)  # never returns
    signal.pthread_sigmask(signal.SIG_SETMASK, held)
    return MarkdownAhead(pid, results)


def _helper(parent: int, held: set[int | signal.Signals], results: int, data: bytes, start: int, end: int) -> None:
    """The helper's whole life: it ends here, whatever happens, and never returns into the build."""
    status = 1
    try:
        for number in _SIGNALS:
            signal.signal(number, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        end_with_parent(parent)
        gc.freeze()  # its collector never walks (and so never copies) what it shares with the build
        _render_into(results, data, start, end)
        status = 0
    finally:
        os._exit(status)


def _render_into(results: int, data: bytes, start: int, end: int) -> None:
    """In the helper: each incident's texts rendered, in the file's order, written a batch at a time."""
    render = markup.render_markdown.__wrapped__  # (its memo would only hold texts rendered once)
    batch: list[tuple[str, int, str]] = []
    written = 0
    for text, heading in _texts(data, record_spans(data, start, end) or ()):
        batch.append((text, heading, render(text, heading)))
        if len(batch) == BATCH_TEXTS:
            written += _write_batch(results, batch)
            batch = []
            if written >= AHEAD_MAX_BYTES:
                return
    if batch:
        _write_batch(results, batch)


def _texts(data: bytes, found: RecordSpans) -> Iterator[tuple[str, int]]:
    """The texts of each incident as the build reads it (its own bytes decoded as a model Incident)."""
    for first, last in found:
        incident = decode_record(data[first:last], Incident)
        if not isinstance(incident, Incident):
            continue  # the build itself tells what is wrong with it
        yield from ((text, heading) for text, heading in incident_markdown(incident) if text.strip())


def _encoded(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # (JSON can hold a lone surrogate: it goes through as it is)


def _write_batch(results: int, batch: list[tuple[str, int, str]]) -> int:
    """One batch written with one write, its length first; the bytes written."""
    parts = []
    for text, heading, html in batch:
        text_bytes, html_bytes = _encoded(text), _encoded(html)
        parts += [_RECORD.pack(heading, len(text_bytes), len(html_bytes)), text_bytes, html_bytes]
    body = b"".join(parts)
    record = memoryview(_BATCH.pack(len(body)) + body)
    total = len(record)
    while record:
        record = record[os.write(results, record) :]
    return total


def _read_batches(results: int) -> dict[tuple[str, int], str]:
    """Every text of every whole batch the helper wrote, read in place (the file is mapped, not copied)."""
    size = os.fstat(results).st_size
    if size == 0:
        return {}
    with mmap.mmap(results, size, prot=mmap.PROT_READ) as written:
        return dict(_batches(written))


def _batches(written: bytes | mmap.mmap) -> Iterator[tuple[tuple[str, int], str]]:
    """(text, heading) and HTML of each record of each whole batch; a batch the kill cut short is left out."""
    offset = 0
    while offset + _BATCH.size <= len(written):
        (length,) = _BATCH.unpack_from(written, offset)
        offset += _BATCH.size
        end = offset + length
        if end > len(written):
            return
        while offset < end:
            heading, text_length, html_length = _RECORD.unpack_from(written, offset)
            offset += _RECORD.size
            text = _decoded(written[offset : offset + text_length])
            html = _decoded(written[offset + text_length : offset + text_length + html_length])
            offset += text_length + html_length
            yield (text, heading), html
        if offset != end:
            raise ValueError("a batch of rendered Markdown does not end where its length says")


def _decoded(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogatepass")
