"""Consecutive id batches paged as one list of rows, checked against the arithmetic of their counts."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from generator.oneuptime.rows import PAGE_SIZE, SORT, Row
from generator.oneuptime.wire import unique_rows


class ChainBroken(Exception):
    """The rows of consecutive id batches did not come as the chain expected."""


@dataclass(frozen=True, slots=True)
class ChainRequest:
    """One page of a chain: batches first..last (consecutive), `skip` rows into the first."""

    first: int
    last: int
    skip: int
    query: Mapping[str, Any]
    # Rows expected from each batch in turn; None while the first batch's count is not known.
    expected: tuple[int, ...] | None


class Chain:
    """Consecutive id batches paged as one list of rows.

    Sorted by `field` first, all rows of batch k come before those of batch k+1
    (the ids are sorted and cut into batches in order), so the batches' rows
    form one list, paged in steps of PAGE_SIZE. A page inside one batch is asked
    for with that batch's ids; a page that spans the end of batch k and the start
    of k+1 with both batches' ids, and its count (both batches' rows) gives batch
    k+1's count, which places every later page of k+1. Those boundary pages come
    one after another, all others concurrently. Every answer is checked against
    this arithmetic (counts, and which batch each row belongs to): a server that
    sorts otherwise, ignores the query or changed meanwhile raises ChainBroken.
    Only a batch that ends inside the page in which it began (fewer rows than a
    page) costs a request more than one query would: the next batch then starts
    a page of its own.
    """

    def __init__(self, field: str, batches: list[list[str]], also: Mapping[str, Any]) -> None:
        self.field = field
        self.sort = {field: "ASC", **SORT}
        self._batches = batches
        self._members = [frozenset(batch) for batch in batches]
        self._also = also
        self._ends: list[int] = []  # position after each batch's last row, once counted
        self._position = 0  # first row not yet asked for, counted over all batches
        self._batch = 0  # the batch holding that row (or starting there)
        self._rows: list[Row] = []

    def first_step(self) -> ChainRequest:
        return self._request(0, 0, 0, None)

    def advance(self) -> tuple[Iterator[ChainRequest], ChainRequest | None]:
        """The pages known to lie inside the current batch (and the last page, in the last batch),
        made lazily, and the page that starts or spans into the next batch (None once every row is asked for).

        Lazily: a claimed count must not turn into a list of requests before their rows arrive.
        """
        batch, end, begin = self._batch, self._ends[self._batch], self._position
        last = batch == len(self._batches) - 1
        stop = end if last else begin + (end - begin) // PAGE_SIZE * PAGE_SIZE
        self._position = stop
        offset = self._start(batch)
        pages = (
            self._request(batch, batch, position - offset, (min(PAGE_SIZE, end - position),))
            for position in range(begin, stop, PAGE_SIZE)
        )
        return pages, self._next_step()

    def _next_step(self) -> ChainRequest | None:
        batch = self._batch
        if batch == len(self._batches) - 1:
            return None
        end = self._ends[batch]
        if self._position == end:
            return self._request(batch + 1, batch + 1, 0, None)
        return self._request(batch, batch + 1, self._position - self._start(batch), None)

    def learn(self, step: ChainRequest, count: int | None, rows: list[Row]) -> None:
        """Take in a first or spanning page: the newly counted batch's count, and the rows."""
        known = sum(self._ends[b] - self._start(b) for b in range(step.first, step.last))
        if count is None or count < known:
            raise ChainBroken
        self._ends.append(self._start(step.last) + count - known)
        start = self._start(step.first) + step.skip
        parts = [
            max(0, min(start + PAGE_SIZE, self._ends[b]) - max(start, self._start(b)))
            for b in range(step.first, step.last + 1)
        ]
        self._check_rows(step.first, tuple(parts), rows)
        self._batch = step.last
        self._position = min(start + PAGE_SIZE, self._ends[step.last])

    def check(self, page: ChainRequest, count: int | None, rows: list[Row]) -> None:
        """Take in a page inside one batch."""
        if count != self._ends[page.first] - self._start(page.first) or page.expected is None:
            raise ChainBroken
        self._check_rows(page.first, page.expected, rows)

    def rows(self) -> list[Row]:
        unique = unique_rows(self._rows)
        if len(unique) != self._ends[-1]:
            raise ChainBroken
        return unique

    def _check_rows(self, first: int, parts: tuple[int, ...], rows: list[Row]) -> None:
        if len(rows) != sum(parts):
            raise ChainBroken
        offset = 0
        for batch, size in enumerate(parts, start=first):
            if any(row.get(self.field) not in self._members[batch] for row in rows[offset : offset + size]):
                raise ChainBroken
            offset += size
        self._rows.extend(rows)

    def _start(self, batch: int) -> int:
        return self._ends[batch - 1] if batch else 0

    def _request(self, first: int, last: int, skip: int, expected: tuple[int, ...] | None) -> ChainRequest:
        ids = [key for batch in self._batches[first : last + 1] for key in batch]
        query = {**self._also, self.field: {"_type": "Includes", "value": ids}}
        return ChainRequest(first, last, skip, query, expected)
