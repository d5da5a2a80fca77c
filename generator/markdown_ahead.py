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
before. Only a full build starts one, where every text will be rendered: a
build that keeps pages renders only the changed ones.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import signal
import struct
from collections.abc import Iterator, Mapping

from generator import markup
from generator.model import Incident
from generator.parallel import end_with_parent
from generator.snapshot_decode import ShapeError, decode_document
from generator.snapshot_sections import RecordSpans, record_spans
from generator.views import incident_markdown

AHEAD_MIN_BYTES = 2_000_000
"""The smallest incidents' array worth a helper: about 450 incidents, whose load takes a tenth of a second."""

BATCH_TEXTS = 32
"""Texts written at a time: one write per batch, and at most a batch lost to the kill."""

_LENGTH = struct.Struct("<Q")  # the length of the pickled batch that follows


class MarkdownAhead:
    """A running helper (start_markdown_ahead): take its texts with `collect`, or end it with `stop`."""

    def __init__(self, pid: int, results: int) -> None:
        self._pid: int | None = pid
        self._results = results

    def collect(self) -> int:
        """Stop the helper and put what it rendered into markup's memo; how many texts."""
        self.stop()
        try:
            rendered = dict(_batches(_read_all(self._results)))
        finally:
            os.close(self._results)
            self._results = -1
        markup.remember_rendered(rendered)
        return len(rendered)

    def stop(self) -> None:
        """End the helper at once and wait for it (idempotent); what it wrote stays until collect or close."""
        if self._pid is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self._pid, signal.SIGKILL)
        os.waitpid(self._pid, 0)
        self._pid = None

    def close(self) -> None:
        """Stop the helper and drop what it wrote, if collect did not take it."""
        self.stop()
        if self._results >= 0:
            os.close(self._results)
            self._results = -1


def start_markdown_ahead(data: bytes, spans: Mapping[str, tuple[int, int]] | None) -> MarkdownAhead | None:
    """A helper rendering the Markdown of the incidents in `data` (a snapshot file's bytes), or None.

    None where it would not pay or cannot run: a small incidents' array, one
    core, no fork or no anonymous memory files (not Linux).
    """
    where = spans.get("incidents") if spans is not None else None
    if where is None or where[1] - where[0] < AHEAD_MIN_BYTES or (os.cpu_count() or 1) < 2:
        return None
    if not hasattr(os, "fork") or not hasattr(os, "memfd_create"):
        return None
    results = os.memfd_create("statusgen-markdown-ahead", os.MFD_CLOEXEC)
    parent = os.getpid()
    try:
        pid = os.fork()
    except OSError:
        os.close(results)
        return None
    if pid == 0:  # the helper: it never returns into the build
        status = 1
        try:
            end_with_parent(parent)
            _render_into(results, data, *where)
            status = 0
        finally:
            os._exit(status)
    return MarkdownAhead(pid, results)


def _render_into(results: int, data: bytes, start: int, end: int) -> None:
    """In the helper: each incident's texts rendered, in the file's order, written a batch at a time."""
    found = record_spans(data, start, end)
    render = markup.render_markdown.__wrapped__  # (its memo would only hold texts rendered once)
    batch: list[tuple[tuple[str, int], str]] = []
    for text, heading in _texts(data, found or ()):
        batch.append(((text, heading), render(text, heading)))
        if len(batch) == BATCH_TEXTS:
            _write_batch(results, batch)
            batch = []
    if batch:
        _write_batch(results, batch)


def _texts(data: bytes, found: RecordSpans) -> Iterator[tuple[str, int]]:
    """The texts of each incident as the build reads it (its own bytes decoded as a model Incident)."""
    for first, last in found:
        try:
            text = data[first:last].decode("utf-8")
            incident = decode_document(Incident, json.loads(text), text)
        except (ValueError, RecursionError, ShapeError):
            continue  # the build itself tells what is wrong with it
        yield from ((text, heading) for text, heading in incident_markdown(incident) if text.strip())


def _write_batch(results: int, batch: list[tuple[tuple[str, int], str]]) -> None:
    payload = pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL)
    record = memoryview(_LENGTH.pack(len(payload)) + payload)
    while record:
        record = record[os.write(results, record) :]


def _read_all(results: int) -> bytes:
    size = os.fstat(results).st_size
    chunks, offset = [], 0
    while offset < size:
        chunk = os.pread(results, size - offset, offset)
        if not chunk:
            break
        chunks.append(chunk)
        offset += len(chunk)
    return b"".join(chunks)


def _batches(written: bytes) -> Iterator[tuple[tuple[str, int], str]]:
    """Every whole batch in what the helper wrote; the last, if the kill cut it short, is left out."""
    offset = 0
    while offset + _LENGTH.size <= len(written):
        (length,) = _LENGTH.unpack_from(written, offset)
        payload_start = offset + _LENGTH.size
        if payload_start + length > len(written):
            return
        yield from pickle.loads(written[payload_start : payload_start + length])  # noqa: S301 - our own helper's
        offset = payload_start + length
