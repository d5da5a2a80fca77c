"""The OneUptime client: a project's public rows over the REST API.

Modules, each with one job:
- rows: what is selected and the RawProject/RawChanges handed on (plain data);
- wire: typed-value decoding and projection onto the select;
- server_text / refusals: a server's text made safe, and a final answer as a hint;
- http: the only httpx user (deadlines, size limits, retries, redirects);
- chain / paging: listings within bounds; progress: the request count;
- project: the full and the incremental fetch.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Coroutine
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from generator.config import Config
from generator.oneuptime.maintenance_rows import Wanted
from generator.oneuptime.progress import Progress, ProgressCallback
from generator.oneuptime.rows import IDS_PER_QUERY, INCIDENT_SELECT, RawChanges, RawProject
from generator.oneuptime.wire import decode_value, project_row, wire_instant

if TYPE_CHECKING:
    import httpx

    from generator.oneuptime.paging import Pager
    from generator.oneuptime.status_page import PageScope

__all__ = [
    "IDS_PER_QUERY",
    "INCIDENT_SELECT",
    "RawChanges",
    "RawProject",
    "decode_value",
    "fetch_changes",
    "fetch_raw_project",
    "project_row",
    "wire_instant",
]

_T = TypeVar("_T")


def fetch_raw_project(
    config: Config,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    progress: ProgressCallback | None = None,
    now: datetime | None = None,
) -> RawProject:
    """Everything a status page needs from one project, fetched concurrently.

    Synchronous for callers; `transport` is the test seam (httpx.MockTransport),
    `progress(done, total)` is called as requests finish, with total None
    while the number of requests is not known yet. With config.status_page,
    only what that page shows, its uptime window ending at `now` (default: now).
    """
    from generator.oneuptime.project import fetch_project

    scope = page_scope(config, now)
    moment = now or datetime.now(tz=UTC)

    def work(pager: Pager) -> Coroutine[Any, Any, RawProject]:
        return fetch_project(pager, scope, wanted(config), moment)

    return _run(config, transport, progress, work)


def wanted(config: Config) -> Wanted:
    """What the operator asked for: a section set in the settings is asked for (or refused); else None."""
    return Wanted(
        maintenance=config.show_maintenance if "show_maintenance" in config.explicit else None,
        announcements=config.show_announcements if "show_announcements" in config.explicit else None,
    )


def page_scope(
    config: Config, now: datetime | None, timelines_held: Collection[str] = (), days_held: int | None = None
) -> PageScope | None:
    """The status page a fetch mirrors, if the settings name one."""
    from generator.oneuptime.status_page import PageScope

    if config.status_page is None:
        return None
    moment = now or datetime.now(tz=UTC)
    held = frozenset(timelines_held)
    return PageScope(config.status_page, moment, config.publish_private_status_page, held, days_held)


def fetch_changes(
    config: Config,
    since: datetime,
    *,
    known_incident_ids: Collection[str],
    known_episode_ids: Collection[str],
    known_monitor_ids: Collection[str],
    transport: httpx.AsyncBaseTransport | None = None,
    progress: ProgressCallback | None = None,
    now: datetime | None = None,
    timelines_held: Collection[str] = (),
    days_held: int | None = None,
) -> RawChanges:
    """What changed after `since`, for a caller that holds the incidents and episodes named by the known ids.

    Cost: an id listing of visible incidents and episodes (a page per 100), one
    request per kind of row changed after `since`, and the rows of what changed.
    With config.status_page, also the page's own rows, and its monitors' status
    rows: those changed after `since` for the monitors in `timelines_held`
    (held for a window of `days_held` days), all of the window for the others.
    """
    from generator.oneuptime.project import fetch_changes_since

    scope = page_scope(config, now, timelines_held, days_held)

    def work(pager: Pager) -> Coroutine[Any, Any, RawChanges]:
        known = (set(known_incident_ids), set(known_episode_ids), set(known_monitor_ids))
        return fetch_changes_since(pager, since, *known, scope, wanted(config), now or datetime.now(tz=UTC))

    return _run(config, transport, progress, work)


def _run(
    config: Config,
    transport: httpx.AsyncBaseTransport | None,
    progress: ProgressCallback | None,
    work: Callable[[Pager], Coroutine[Any, Any, _T]],
) -> _T:
    from generator.oneuptime.http import open_session
    from generator.oneuptime.paging import Pager

    project_id, api_key = config.require_credentials()

    async def fetch() -> _T:
        async with open_session(config, project_id, api_key, transport) as session:
            return await work(Pager(session, config, project_id, Progress(progress)))

    return _run_to_completion(fetch())


def _run_to_completion(work: Coroutine[Any, Any, _T]) -> _T:
    """asyncio.run, also from a thread whose event loop is already running (a notebook, a test
    harness): there the fetch gets a thread and a loop of its own instead of failing.

    asyncio is imported here, by the fetch: a build, which imports this package for
    a few row names (visibility.py), never pays its 14 ms.
    """
    import asyncio
    import concurrent.futures

    results: list[_T] = []

    async def main() -> None:
        # The result is handed over here, not as the task's result: Python 3.11's asyncio.run
        # formats the finished main task's repr (a signal-handler lookup), result included,
        # which for 10,000 incidents is a second of work thrown away.
        results.append(await work)

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(main())
    else:
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(asyncio.run, main()).result()
    return results[0]
