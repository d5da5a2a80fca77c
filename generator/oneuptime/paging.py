"""Every row of a listing, in pages, within the bounds a hostile or broken server cannot stretch.

A claimed count above max_rows fails at once; pages are asked for through a
window of a few at a time, never all at once from a claimed count; a page that
brings no row not already seen (a server that ignores `skip`) fails instead of
paging forever; older servers' missing columns are dropped one by one, only
as each is named by the server.
"""

from __future__ import annotations

import asyncio
import functools
import math
from collections.abc import Awaitable, Callable, Coroutine, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from generator.config import Config
from generator.errors import ApiError
from generator.oneuptime.chain import Chain, ChainBroken, ChainRequest
from generator.oneuptime.http import HttpSession
from generator.oneuptime.progress import Progress
from generator.oneuptime.refusals import ResourceMissing, UnknownColumn
from generator.oneuptime.rows import ABSENT_COLUMN_MEANS, IDS_PER_QUERY, PAGE_SIZE, PROJECT_COLUMN, SORT, Row, Select
from generator.oneuptime.wire import decode_value, project_row, unique_rows

_T = TypeVar("_T")
_U = TypeVar("_U")

WINDOW_PER_SLOT = 2  # pages of one listing waiting for a connection, per connection


class Pager:
    """Lists rows of one project through one session; the project's id guards every table listing."""

    def __init__(self, session: HttpSession, config: Config, project_id: str, progress: Progress) -> None:
        self._session = session
        self._project_id = project_id
        self._max_rows = config.max_rows
        self._window = max(2, config.concurrency * WINDOW_PER_SLOT)
        self.progress = progress

    async def optional(self, rows: Coroutine[Any, Any, list[Row]]) -> list[Row]:
        """Rows of a resource that older servers lack (they answer 404): none there."""
        try:
            return await rows
        except ResourceMissing:
            return []

    async def listing(
        self, resource: str, select: Select, query: Mapping[str, Any], *, planned: bool = False
    ) -> list[Row]:
        """Every row matching `query`: the first page tells the count, the rest follow through the window."""
        if not planned:
            self.progress.unplanned += 1
        try:
            asked, count, first = await self._first_page(resource, _Asked(select, {}), query)
        finally:
            self.progress.unplanned -= 1
        if count is not None:
            self._check_count(resource, count)
        self.progress.planned += max(1, math.ceil(count / PAGE_SIZE)) if count is not None else 1
        self.progress.answered()
        if count is None:
            return await self._pages_until_short(resource, asked, query, first)
        fresh = _FreshRows(resource, first)

        async def page_at(skip: int) -> list[Row]:
            return fresh.check(*await self._page(resource, asked, query, skip))

        skips = range(PAGE_SIZE, count, PAGE_SIZE)
        pages = await windowed((functools.partial(page_at, skip) for skip in skips), self._window)
        return unique_rows(row for page in [first, *pages] for row in page)  # in the server's order

    async def listing_by_ids(
        self, resource: str, select: Select, field: str, ids: Iterable[str], also: Mapping[str, Any] | None = None
    ) -> list[Row]:
        """Rows whose `field` is one of `ids` (and that match `also`), asked for in batches of ids.

        Several batches are paged as one list (chain.py), so that the pages number
        ceil(rows / 100), not one more for every batch's part-filled last page.
        """
        ordered = sorted(ids)
        batches = [ordered[i : i + IDS_PER_QUERY] for i in range(0, len(ordered), IDS_PER_QUERY)]
        if len(batches) > 1 and field in select:
            try:
                return await self._chained(resource, select, field, batches, also or {})
            except ChainBroken:
                pass  # the rows did not line up as the chain needs: ask batch by batch
        self.progress.unplanned += len(batches)
        queries = [{**(also or {}), field: {"_type": "Includes", "value": batch}} for batch in batches]
        results = await gather([self.listing(resource, select, q, planned=True) for q in queries])
        return unique_rows(row for rows in results for row in rows)

    async def _chained(
        self, resource: str, select: Select, field: str, batches: list[list[str]], also: Mapping[str, Any]
    ) -> list[Row]:
        """The rows of all batches, in as many pages as if they were one query (see chain.py)."""
        chain = Chain(field, batches, also)
        progress = self.progress
        sent = answered = 0  # this chain's requests, to take back from the progress total if it breaks
        all_planned = False
        window = asyncio.Semaphore(self._window)
        asked = _Asked(select, {})

        async def ask(request: ChainRequest, *, urgent: bool = False) -> tuple[int | None, list[Row]]:
            nonlocal answered
            result = await self._page(resource, asked, request.query, request.skip, sort=chain.sort, urgent=urgent)
            answered += 1
            return result

        async def ask_inside(page: ChainRequest) -> None:
            try:
                count, rows = await ask(page)
                chain.check(page, count, rows)
            finally:
                window.release()

        def learn(step: ChainRequest, count: int | None, rows: list[Row]) -> None:
            if count is not None:
                self._check_count(resource, count)
            chain.learn(step, count, rows)

        progress.unplanned += 1  # until the last batch's count places the last page
        try:
            step = chain.first_step()
            sent += 1
            progress.planned += 1
            asked, count, rows = await self._first_page(resource, asked, step.query, chain.sort)
            answered += 1
            progress.answered()
            if field not in asked.columns:  # the rows could not be checked
                raise ChainBroken
            learn(step, count, rows)
            async with asyncio.TaskGroup() as group:
                while True:
                    pages, next_step = chain.advance()
                    if next_step is not None:
                        sent += 1
                        progress.planned += 1
                        # Urgent: it places the next batch's pages, so it goes before those already queued.
                        placing = group.create_task(ask(next_step, urgent=True))
                    for page in pages:
                        await window.acquire()
                        sent += 1
                        progress.planned += 1
                        group.create_task(ask_inside(page))
                    if next_step is None:
                        break
                    learn(next_step, *await placing)
                progress.unplanned -= 1
                all_planned = True
            rows = chain.rows()
            self._check_count(resource, len(rows))
            return rows
        except BaseException as failure:
            progress.planned -= sent - answered  # pages cancelled on the way
            if isinstance(failure, BaseExceptionGroup):
                raise first_failure(failure) from None
            raise
        finally:
            if not all_planned:
                progress.unplanned -= 1

    async def item(self, resource: str, item_id: str, select: Select) -> Row | None:
        """One row by its id (POST /api/<resource>/<id>/get-item), None when the project has no such row.

        BaseAPI.getItem answers {} for an id it does not find in the key's project.
        """
        self.progress.planned += 1

        async def ask(wanted: _Asked) -> list[Row]:
            path = f"/api/{resource}/{item_id}/get-item"
            answer = await self._session.post(resource, path, {"select": wanted.columns}, {}, urgent=True, item=True)
            row = project_row(decode_value(answer), wanted.columns)
            return [row] if isinstance(row.get("_id"), str) else []

        _, rows = await self._without_missing_columns(_Asked(select, {}), ask)
        self.progress.answered()
        self._check_project(rows)
        return rows[0] if rows else None

    async def _first_page(
        self, resource: str, asked: _Asked, query: Mapping[str, Any], sort: Mapping[str, str] = SORT
    ) -> tuple[_Asked, int | None, list[Row]]:
        """The first page, and the select that worked."""
        count: int | None = None

        async def ask(wanted: _Asked) -> list[Row]:
            nonlocal count
            count, rows = await self._page(resource, wanted, query, 0, report=False, sort=sort, urgent=True)
            return rows

        asked, rows = await self._without_missing_columns(asked, ask)
        return asked, count, rows

    async def _without_missing_columns(
        self, asked: _Asked, ask: Callable[[_Asked], Awaitable[list[Row]]]
    ) -> tuple[_Asked, list[Row]]:
        """The rows `ask` gets, and the select that worked: a server names each column it lacks, one at a time."""
        while True:
            try:
                rows = await ask(asked)
            except UnknownColumn as refused:
                if refused.column is None or refused.column not in asked.columns:
                    raise  # never drop a column the server did not name
                asked = asked.without(refused.column)
                continue
            return asked, [asked.filled(row) for row in rows]

    async def _pages_until_short(
        self, resource: str, asked: _Asked, query: Mapping[str, Any], first: list[Row]
    ) -> list[Row]:
        """Paging for a server that sends no count: one page after another until a short one."""
        fresh = _FreshRows(resource, first)
        page = first
        while len(page) >= PAGE_SIZE:
            self._check_count(resource, fresh.count)
            self.progress.planned += 1
            page = fresh.check(*await self._page(resource, asked, query, fresh.count))
        return fresh.rows()

    async def _page(
        self,
        resource: str,
        asked: _Asked,
        query: Mapping[str, Any],
        skip: int,
        *,
        report: bool = True,
        sort: Mapping[str, str] = SORT,
        urgent: bool = False,
    ) -> tuple[int | None, list[Row]]:
        """One page; `urgent` for a page whose answer decides which pages come next."""
        body = {"select": asked.columns, "query": query, "sort": sort}
        params = {"skip": skip, "limit": PAGE_SIZE}
        answer = await self._session.post(resource, f"/api/{resource}/get-list", body, params, urgent=urgent)
        if report:
            self.progress.answered()
        count = answer.get("count")
        rows = [project_row(decode_value(r), asked.columns) for r in answer["data"] if isinstance(r, dict)]
        rows = [asked.filled(row) for row in rows if isinstance(row.get("_id"), str)]
        self._check_project(rows)
        usable_count = count if isinstance(count, int) and not isinstance(count, bool) else None
        return usable_count, rows

    def _check_project(self, rows: list[Row]) -> None:
        """Rows of another project mean a key of another project: the server took the project from the key."""
        for row in rows:
            owner = row.pop(PROJECT_COLUMN, None)
            if owner is not None and owner != self._project_id:
                raise ApiError(
                    f"the API key belongs to another OneUptime project: rows of project {_short(owner)} came back, "
                    f"but ONEUPTIME_PROJECT_ID is {self._project_id}; use an API key of project {self._project_id} "
                    f"(OneUptime takes the project from the key)"
                )

    def _check_count(self, resource: str, count: int) -> None:
        if count > self._max_rows:
            raise ApiError(
                f"OneUptime claims {count} {resource} rows, more than max_rows ({self._max_rows}); "
                f"if that is real, raise max_rows under [oneuptime] in statusgen.toml"
            )


class _FreshRows:
    """The rows of one listing's pages as they arrive; a page of nothing but rows seen before is refused.

    A server (or a proxy) that ignores `skip` sends the same page for every
    skip: without this, a listing of a claimed million rows would ask for all
    its pages and keep a hundred rows.
    """

    def __init__(self, resource: str, first: list[Row]) -> None:
        self._resource = resource
        self._pages = [first]
        self._seen = {row["_id"] for row in first}
        self.count = len(first)

    def check(self, _count: int | None, page: list[Row]) -> list[Row]:
        ids = {row["_id"] for row in page}
        if ids and ids <= self._seen:
            raise ApiError(
                f"OneUptime sent the same {self._resource} rows again for another page: it does not page "
                f"(is a proxy dropping the skip parameter?)"
            )
        self._seen |= ids
        self._pages.append(page)
        self.count += len(page)
        return page

    def rows(self) -> list[Row]:
        """Rows in the order of the pages that were checked (the first, then those given to check)."""
        return unique_rows(row for page in self._pages for row in page)


@dataclass(frozen=True, slots=True)
class _Asked:
    """The columns a listing asks for, and what each column the server said it lacks stands for.

    An older server names the columns it lacks one at a time; each is dropped
    from what is sent, and its rows are given the value that absence means
    (rows.ABSENT_COLUMN_MEANS: no `isPrivate` column means nothing is private),
    or nothing at all.
    """

    columns: Select
    absent: Mapping[str, Any]

    def without(self, column: str) -> _Asked:
        columns = {name: wanted for name, wanted in self.columns.items() if name != column}
        return _Asked(columns, {**self.absent, column: ABSENT_COLUMN_MEANS.get(column)})

    def filled(self, row: Row) -> Row:
        for name, value in self.absent.items():
            if value is not None:
                row.setdefault(name, value)
        return row


def _short(value: object) -> str:
    text = str(value)
    return text if len(text) <= 40 and text.isprintable() else repr(text[:40])


async def windowed(factories: Iterable[Callable[[], Awaitable[_T]]], limit: int = 12) -> list[_T]:
    """Results of the coroutines the factories make, in order, with at most `limit` made but not finished.

    The factories are consumed lazily, so a listing that claims a million pages
    holds a dozen coroutines at a time, and the first failure stops it.
    """
    results: dict[int, _T] = {}
    window = asyncio.Semaphore(limit)

    async def run(index: int, factory: Callable[[], Awaitable[_T]]) -> None:
        try:
            results[index] = await factory()
        finally:
            window.release()

    count = 0
    try:
        async with asyncio.TaskGroup() as group:
            for count, factory in enumerate(factories, start=1):
                await window.acquire()
                group.create_task(run(count - 1, factory))
    except BaseExceptionGroup as failures:
        raise first_failure(failures) from None
    return [results[index] for index in range(count)]


async def gather(coroutines: list[Coroutine[Any, Any, _T]]) -> list[_T]:
    """Run concurrently; on the first failure cancel the rest and raise that failure alone."""
    try:
        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(coroutine) for coroutine in coroutines]
    except BaseExceptionGroup as failures:
        raise first_failure(failures) from None
    return [task.result() for task in tasks]


async def both(first: Coroutine[Any, Any, _T], second: Coroutine[Any, Any, _U]) -> tuple[_T, _U]:
    """Two results of different types, concurrently, failing as gather does."""
    try:
        async with asyncio.TaskGroup() as group:
            first_task = group.create_task(first)
            second_task = group.create_task(second)
    except BaseExceptionGroup as failures:
        raise first_failure(failures) from None
    return first_task.result(), second_task.result()


def first_failure(group: BaseExceptionGroup[BaseException]) -> BaseException:
    leaf: BaseException = group
    while isinstance(leaf, BaseExceptionGroup):
        leaf = leaf.exceptions[0]
    return leaf
