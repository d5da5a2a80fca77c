"""Fetch a project's incident rows from the OneUptime API: the only module that speaks HTTP.

Everything here is about the wire: headers, typed-value decoding, paging,
concurrency and retries. What may be published is decided later, in
visibility.py; this module still selects only public fields and drops rows the
server should not have sent, so that a server ignoring a query cannot make
private data reach the rest of the program.
"""

from __future__ import annotations

import asyncio
import collections
import concurrent.futures
import contextlib
import math
import random
from collections.abc import AsyncIterator, Callable, Collection, Coroutine, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

import httpx

from generator.config import Config
from generator.dates import parse_datetime
from generator.errors import ApiError, AuthenticationError

Row = dict[str, Any]
Select = Mapping[str, Any]
ProgressCallback = Callable[[int, int | None], None]
_T = TypeVar("_T")
_U = TypeVar("_U")

PAGE_SIZE = 100
"""Rows per request: the published maximum, which every server version accepts."""

IDS_PER_QUERY = 500
"""Ids in one Includes query: about 20 kB of request body, sent again with every
page. Consecutive batches are paged as one list (see _Fetcher._chained), so their
number adds no requests; larger batches would only make every request bigger."""

MAX_BACKOFF_SECONDS = 30.0
MAX_RETRY_AFTER_SECONDS = 60.0

# Columns newer servers have and older ones reject in a select ("Invalid select
# clause. The specified column does not exist."): asked for, and dropped if refused.
OPTIONAL_COLUMNS = frozenset({"isPrivate", "incidentEpisodeId"})
_UNKNOWN_COLUMN = "specified column does not exist"

AUTH_HINT = "check ONEUPTIME_PROJECT_ID and ONEUPTIME_API_KEY"
# Older servers check the project id and key together, newer ones take the project
# from the key; both answer 400 with one of these messages.
_AUTH_MESSAGES = (
    "invalid project id or api key",
    "projectid not found",
    "invalid api key",
    "api key not found",
    "apikey not found",
)

# Ascending by creation, then id: a stable order, so concurrent pages neither
# overlap nor miss rows while nothing is being written.
_SORT = {"createdAt": "ASC", "_id": "ASC"}

INCIDENT_SELECT: Select = {
    "_id": True,
    "title": True,
    "description": True,
    "declaredAt": True,
    "createdAt": True,
    "updatedAt": True,
    "slug": True,
    "incidentNumber": True,
    "incidentNumberWithPrefix": True,
    "currentIncidentStateId": True,
    "incidentSeverityId": True,
    "isVisibleOnStatusPage": True,
    "isPrivate": True,
    "showPostmortemOnStatusPage": True,
    "postmortemNote": True,
    "postmortemPostedAt": True,
    "incidentEpisodeId": True,
    "monitors": {"_id": True, "name": True},
}
EPISODE_SELECT: Select = {
    "_id": True,
    "title": True,
    "description": True,
    "episodeNumber": True,
    "episodeNumberWithPrefix": True,
    "currentIncidentStateId": True,
    "incidentSeverityId": True,
    "declaredAt": True,
    "resolvedAt": True,
    "incidentCount": True,
    "isVisibleOnStatusPage": True,
    "isPrivate": True,
}
EPISODE_MEMBER_SELECT: Select = {"_id": True, "incidentEpisodeId": True, "incidentId": True}
PUBLIC_NOTE_SELECT: Select = {
    "_id": True,
    "incidentId": True,
    "note": True,
    "postedAt": True,
    "createdAt": True,
}
EPISODE_PUBLIC_NOTE_SELECT: Select = {
    "_id": True,
    "incidentEpisodeId": True,
    "note": True,
    "postedAt": True,
    "createdAt": True,
}
STATE_TIMELINE_SELECT: Select = {
    "_id": True,
    "incidentId": True,
    "incidentStateId": True,
    "startsAt": True,
    "endsAt": True,
}
STATE_SELECT: Select = {
    "_id": True,
    "name": True,
    "color": True,
    "order": True,
    "isCreatedState": True,
    "isAcknowledgedState": True,
    "isResolvedState": True,
}
SEVERITY_SELECT: Select = {"_id": True, "name": True, "color": True, "order": True}
MONITOR_SELECT: Select = {"_id": True, "name": True}
# What the incremental fetch asks for to learn which items exist and which rows moved:
# ids and the columns that decide visibility, nothing else.
LISTING_SELECT: Select = {"_id": True, "isVisibleOnStatusPage": True, "isPrivate": True}
_INCIDENT_KEY_SELECT: Select = {"_id": True, "incidentId": True}
_EPISODE_KEY_SELECT: Select = {"_id": True, "incidentEpisodeId": True}
_VISIBLE = {"isVisibleOnStatusPage": True}


@dataclass(frozen=True, slots=True)
class RawProject:
    """Rows as the API sent them, typed wire values decoded.

    Only public fields of visible incidents and episodes, and rows that belong
    to them, are kept; visibility.py still makes every publishing decision.
    """

    incidents: list[dict[str, Any]]
    episodes: list[dict[str, Any]]
    episode_members: list[dict[str, Any]]
    public_notes: list[dict[str, Any]]
    state_timelines: list[dict[str, Any]]
    states: list[dict[str, Any]]
    severities: list[dict[str, Any]]
    monitors: list[dict[str, Any]]
    # Newer servers only (/api/incident-episode-public-note): _id, incidentEpisodeId,
    # note, postedAt, createdAt of visible episodes; empty where the resource is missing.
    episode_public_notes: list[dict[str, Any]] = field(default_factory=list)


def fetch_raw_project(
    config: Config,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    progress: ProgressCallback | None = None,
) -> RawProject:
    """Everything a status page needs from one project, fetched concurrently.

    Synchronous for callers; `transport` is the test seam (httpx.MockTransport),
    `progress(done, total)` is called as requests finish, with total None
    while the number of requests is not known yet.
    """
    project_id, api_key = config.require_credentials()
    work = _fetch_project(config, project_id, api_key, transport, progress)
    return _run_to_completion(work)


@dataclass(frozen=True, slots=True)
class RawChanges:
    """What an incremental fetch learned: which items are visible now, and fresh rows of those that changed.

    `fresh` holds the complete rows of every touched incident (all its notes and
    state changes) and touched episode (all its members and notes), plus every
    state and severity. `monitors` are the current rows of the monitors asked
    about, or None when the server has no monitor resource.
    """

    incident_ids: frozenset[str]
    episode_ids: frozenset[str]
    touched_incident_ids: frozenset[str]
    touched_episode_ids: frozenset[str]
    fresh: RawProject
    monitors: list[dict[str, Any]] | None


def fetch_changes(
    config: Config,
    since: datetime,
    *,
    known_incident_ids: Collection[str],
    known_episode_ids: Collection[str],
    known_monitor_ids: Collection[str],
    transport: httpx.AsyncBaseTransport | None = None,
    progress: ProgressCallback | None = None,
) -> RawChanges:
    """What changed after `since`, for a caller that holds the incidents and episodes named by the known ids.

    Cost: an id listing of visible incidents and episodes (a page per 100), one
    request per kind of row changed after `since`, and the rows of what changed.
    """
    project_id, api_key = config.require_credentials()

    async def work(fetcher: _Fetcher) -> RawChanges:
        return await fetcher.changes(since, set(known_incident_ids), set(known_episode_ids), set(known_monitor_ids))

    return _run_to_completion(_with_fetcher(config, project_id, api_key, transport, progress, work))


def wire_instant(value: datetime) -> str:
    """A time as a comparison operator's plain ISO value: UTC, milliseconds, Z (toISOString)."""
    utc = value.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def _run_to_completion(work: Coroutine[Any, Any, _T]) -> _T:
    """asyncio.run, also from a thread whose event loop is already running (a notebook, a test
    harness): there the fetch gets a thread and a loop of its own instead of failing."""
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


async def _fetch_project(
    config: Config,
    project_id: str,
    api_key: str,
    transport: httpx.AsyncBaseTransport | None,
    progress: ProgressCallback | None,
) -> RawProject:
    return await _with_fetcher(config, project_id, api_key, transport, progress, _Fetcher.project)


async def _with_fetcher(
    config: Config,
    project_id: str,
    api_key: str,
    transport: httpx.AsyncBaseTransport | None,
    progress: ProgressCallback | None,
    work: Callable[[_Fetcher], Coroutine[Any, Any, _T]],
) -> _T:
    async with httpx.AsyncClient(
        base_url=config.url,
        headers={"ApiKey": api_key, "ProjectID": project_id, "Accept": "application/json"},
        timeout=config.timeout,
        transport=transport,
        limits=httpx.Limits(max_connections=config.concurrency),
        follow_redirects=False,
    ) as client:
        return await work(_Fetcher(client, config, api_key, progress))


def decode_value(value: Any) -> Any:
    """A wire value with every typed object ({"_type", "value"}) replaced by its value.

    DateTime becomes an aware UTC datetime (kept as text if unreadable, for
    visibility.py to judge); ObjectID, Color and any other type become their
    plain value. Lists and nested objects are decoded throughout.
    """
    if isinstance(value, list):
        return [decode_value(item) for item in value]
    if isinstance(value, dict):
        if "_type" in value and "value" in value:
            return _decode_typed(value["_type"], value["value"])
        return {key: decode_value(item) for key, item in value.items()}
    return value


def _decode_typed(kind: object, value: Any) -> Any:
    if kind == "DateTime" and isinstance(value, str):
        try:
            return parse_datetime(value)
        except ValueError:
            return value
    if kind in ("ObjectID", "Color") and value is not None and not isinstance(value, dict | list):
        return str(value)
    return decode_value(value)


def project_row(row: Mapping[str, Any], select: Select) -> Row:
    """Only the selected fields of a row, nested selects applied to relations.

    A server that ignores `select` sends private fields too; they stop here.
    """
    kept: Row = {}
    for name, wanted in select.items():
        if name not in row:
            continue
        value = row[name]
        if isinstance(wanted, Mapping):
            kept[name] = _project_relation(value, wanted)
        elif wanted is True:
            kept[name] = value
    return kept


def _project_relation(value: Any, select: Select) -> Any:
    if isinstance(value, list):
        return [project_row(item, select) for item in value if isinstance(item, Mapping)]
    if isinstance(value, Mapping):
        return project_row(value, select)
    return None


class _ResourceMissing(ApiError):
    """The server has no such resource (404): an older OneUptime, for optional resources."""


class _UnknownColumn(ApiError):
    """A selected column does not exist on this server version (400)."""


class _RetryableProblem(Exception):
    """One failed attempt that is worth repeating; its text names no secret."""

    def __init__(self, problem: str, retry_after: float | None = None) -> None:
        super().__init__(problem)
        self.retry_after = retry_after


class _Fetcher:
    """One fetch: the client, the concurrency limit and the progress count."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        config: Config,
        api_key: str,
        progress: ProgressCallback | None,
    ) -> None:
        self._client = client
        self._config = config
        self._api_key = api_key
        self._progress = progress
        self._slots = _Slots(config.concurrency)
        self._random = random.Random()  # noqa: S311 (jitter, not cryptography)
        self._done = 0
        self._planned = 0
        self._unplanned = 1  # the second phase, whose size depends on the first

    def __repr__(self) -> str:
        return f"<_Fetcher {self._config.url}>"

    async def project(self) -> RawProject:
        incidents, episodes, states, severities = await _all(
            [
                self._list("incident", INCIDENT_SELECT, _VISIBLE),
                self._optional(self._list("incident-episode", EPISODE_SELECT, _VISIBLE)),
                self._list("incident-state", STATE_SELECT, {}),
                self._list("incident-severity", SEVERITY_SELECT, {}),
            ]
        )
        incidents = [_without_unpublished_postmortem(row) for row in incidents if _visible(row)]
        episodes = [row for row in episodes if _visible(row)]
        incident_ids = {row["_id"] for row in incidents}
        episode_ids = {row["_id"] for row in episodes}
        for row in incidents:
            # A link to an episode that is not published would lead nowhere.
            if not _belongs(row, "incidentEpisodeId", episode_ids):
                row["incidentEpisodeId"] = None
        notes, timelines, members, episode_notes = await self._related(incident_ids, episode_ids)
        return RawProject(
            incidents=incidents,
            episodes=episodes,
            episode_members=[
                row
                for row in _belonging(members, "incidentEpisodeId", episode_ids)
                if _belongs(row, "incidentId", incident_ids)
            ],
            public_notes=_belonging(notes, "incidentId", incident_ids),
            state_timelines=_belonging(timelines, "incidentId", incident_ids),
            states=states,
            severities=severities,
            monitors=_distinct_monitors(incidents),
            episode_public_notes=_belonging(episode_notes, "incidentEpisodeId", episode_ids),
        )

    async def changes(
        self, since: datetime, known_incidents: set[str], known_episodes: set[str], known_monitors: set[str]
    ) -> RawChanges:
        """The incremental fetch: id listings and changed-row keys first, then the touched items in full."""
        after = {"updatedAt": {"_type": "GreaterThan", "value": wire_instant(since)}}
        posted = {"postmortemPostedAt": {"_type": "GreaterThan", "value": wire_instant(since)}}
        listed, listed_episodes, changed, newly_posted, changed_episodes, *keys, states, severities = await _all(
            [
                self._list("incident", LISTING_SELECT, _VISIBLE),
                self._optional(self._list("incident-episode", LISTING_SELECT, _VISIBLE)),
                self._list("incident", INCIDENT_SELECT, {**_VISIBLE, **after}),
                # A postmortem posted for a time that was still ahead at the last fetch is
                # public now, although its row did not change.
                self._list("incident", INCIDENT_SELECT, {**_VISIBLE, **posted}),
                self._optional(self._list("incident-episode", EPISODE_SELECT, {**_VISIBLE, **after})),
                self._list("incident-public-note", _INCIDENT_KEY_SELECT, after),
                self._list("incident-state-timeline", _INCIDENT_KEY_SELECT, after),
                self._optional(self._list("incident-episode-member", _EPISODE_KEY_SELECT, after)),
                self._optional(self._list("incident-episode-public-note", _EPISODE_KEY_SELECT, after)),
                self._list("incident-state", STATE_SELECT, {}),
                self._list("incident-severity", SEVERITY_SELECT, {}),
            ]
        )
        incident_ids = {row["_id"] for row in listed if _visible(row)}
        episode_ids = {row["_id"] for row in listed_episodes if _visible(row)}
        incidents = {row["_id"]: row for row in [*changed, *newly_posted] if _visible(row)}
        episodes = {row["_id"]: row for row in changed_episodes if _visible(row)}
        # Touched: new, changed, or with a changed row hanging off it. Those are fetched
        # again in full, with all their rows, so that a deleted note of theirs is seen too.
        touched = set(incidents) | (incident_ids - known_incidents) | _keys(keys[0] + keys[1], "incidentId")
        touched &= incident_ids
        touched_episodes = (
            set(episodes) | (episode_ids - known_episodes) | _keys(keys[2] + keys[3], "incidentEpisodeId")
        )
        touched_episodes &= episode_ids
        self._unplanned -= 1  # the batches below count themselves before their first await
        (more, more_episodes, notes, timelines, members, episode_notes), monitors = await _both(
            _all(
                [
                    self._list_by_ids("incident", INCIDENT_SELECT, "_id", touched - set(incidents), _VISIBLE),
                    self._optional(
                        self._list_by_ids(
                            "incident-episode", EPISODE_SELECT, "_id", touched_episodes - set(episodes), _VISIBLE
                        )
                    ),
                    self._list_by_ids("incident-public-note", PUBLIC_NOTE_SELECT, "incidentId", touched),
                    self._list_by_ids("incident-state-timeline", STATE_TIMELINE_SELECT, "incidentId", touched),
                    self._optional(
                        self._list_by_ids(
                            "incident-episode-member", EPISODE_MEMBER_SELECT, "incidentEpisodeId", touched_episodes
                        )
                    ),
                    self._optional(
                        self._list_by_ids(
                            "incident-episode-public-note",
                            EPISODE_PUBLIC_NOTE_SELECT,
                            "incidentEpisodeId",
                            touched_episodes,
                        )
                    ),
                ]
            ),
            self._monitors(known_monitors),
        )
        incidents.update((row["_id"], row) for row in more if _visible(row))
        episodes.update((row["_id"], row) for row in more_episodes if _visible(row))
        fresh_incidents = [_without_unpublished_postmortem(incidents[key]) for key in sorted(touched & set(incidents))]
        fresh_episodes = [episodes[key] for key in sorted(touched_episodes & set(episodes))]
        return RawChanges(
            incident_ids=frozenset(incident_ids),
            episode_ids=frozenset(episode_ids),
            touched_incident_ids=frozenset(touched),
            touched_episode_ids=frozenset(touched_episodes),
            fresh=RawProject(
                incidents=fresh_incidents,
                episodes=fresh_episodes,
                episode_members=_belonging(members, "incidentEpisodeId", touched_episodes),
                public_notes=_belonging(notes, "incidentId", touched),
                state_timelines=_belonging(timelines, "incidentId", touched),
                states=states,
                severities=severities,
                monitors=_distinct_monitors(fresh_incidents),
                episode_public_notes=_belonging(episode_notes, "incidentEpisodeId", touched_episodes),
            ),
            monitors=None if monitors is None else _belonging(monitors, "_id", known_monitors),
        )

    async def _monitors(self, ids: set[str]) -> list[Row] | None:
        """Current names of these monitors; None from a server without the monitor resource."""
        try:
            return await self._list_by_ids("monitor", MONITOR_SELECT, "_id", ids)
        except _ResourceMissing:
            return None

    async def _related(self, incident_ids: set[str], episode_ids: set[str]) -> list[list[Row]]:
        """The rows that hang off visible incidents and episodes, asked for by their ids."""
        lists = [
            self._list_by_ids("incident-public-note", PUBLIC_NOTE_SELECT, "incidentId", incident_ids),
            self._list_by_ids("incident-state-timeline", STATE_TIMELINE_SELECT, "incidentId", incident_ids),
            self._optional(
                self._list_by_ids("incident-episode-member", EPISODE_MEMBER_SELECT, "incidentEpisodeId", episode_ids)
            ),
            self._optional(
                self._list_by_ids(
                    "incident-episode-public-note", EPISODE_PUBLIC_NOTE_SELECT, "incidentEpisodeId", episode_ids
                )
            ),
        ]
        self._unplanned -= 1  # the batches below count themselves before their first await
        return await _all(lists)

    @staticmethod
    async def _optional(rows: Coroutine[Any, Any, list[Row]]) -> list[Row]:
        """Rows of a resource that older servers lack (they answer 404): none there."""
        try:
            return await rows
        except _ResourceMissing:
            return []

    async def _list_by_ids(
        self, resource: str, select: Select, field: str, ids: Iterable[str], also: Mapping[str, Any] | None = None
    ) -> list[Row]:
        """Rows whose `field` is one of `ids` (and that match `also`), asked for in batches of ids.

        Several batches are paged as one list (_Chain), so that the pages number
        ceil(rows / 100), not one more for every batch's part-filled last page.
        """
        ordered = sorted(ids)
        batches = [ordered[i : i + IDS_PER_QUERY] for i in range(0, len(ordered), IDS_PER_QUERY)]
        if len(batches) > 1 and field in select:
            try:
                return await self._chained(resource, select, field, batches, also or {})
            except _ChainBroken:
                pass  # the rows did not line up as the chain needs: ask batch by batch
        self._unplanned += len(batches)
        queries = [{**(also or {}), field: {"_type": "Includes", "value": batch}} for batch in batches]
        results = await _all([self._list(resource, select, q, planned=True) for q in queries])
        return _unique_rows(row for rows in results for row in rows)

    async def _chained(
        self, resource: str, select: Select, field: str, batches: list[list[str]], also: Mapping[str, Any]
    ) -> list[Row]:
        """The rows of all batches, in as many pages as if they were one query (see _Chain)."""
        chain = _Chain(field, batches, also)
        sent = answered = 0  # this chain's requests, to take back from the progress total if it breaks
        all_planned = False

        def plan() -> None:
            nonlocal sent
            sent += 1
            self._planned += 1

        async def ask(request: _ChainRequest, *, urgent: bool = False) -> tuple[int | None, list[Row]]:
            nonlocal answered
            result = await self._page(resource, select, request.query, request.skip, sort=chain.sort, urgent=urgent)
            answered += 1
            return result

        async def ask_inside(page: _ChainRequest) -> None:
            count, rows = await ask(page)
            chain.check(page, count, rows)

        self._unplanned += 1  # until the last batch's count places the last page
        try:
            step = chain.first_step()
            plan()
            select, count, rows = await self._first_page(resource, select, step.query, chain.sort)
            answered += 1
            self._report()
            if field not in select:  # the rows could not be checked
                raise _ChainBroken
            chain.learn(step, count, rows)
            async with asyncio.TaskGroup() as group:
                while True:
                    for page in chain.pages_inside():
                        plan()
                        group.create_task(ask_inside(page))
                    next_step = chain.next_step()
                    if next_step is None:
                        break
                    plan()
                    # Urgent: it places the next batch's pages, so it goes before those already queued.
                    chain.learn(next_step, *await ask(next_step, urgent=True))
                self._unplanned -= 1
                all_planned = True
            return chain.rows()
        except BaseException as failure:
            self._planned -= sent - answered  # pages cancelled on the way
            if isinstance(failure, BaseExceptionGroup):
                raise _first_failure(failure) from None
            raise
        finally:
            if not all_planned:
                self._unplanned -= 1

    async def _list(
        self, resource: str, select: Select, query: Mapping[str, Any], *, planned: bool = False
    ) -> list[Row]:
        """Every row matching `query`: the first page tells the count, the rest run concurrently."""
        if not planned:
            self._unplanned += 1
        try:
            select, count, first = await self._first_page(resource, select, query)
        finally:
            self._unplanned -= 1
        self._planned += max(1, math.ceil(count / PAGE_SIZE)) if count is not None else 1
        self._report()
        if count is None:
            return _unique_rows(await self._pages_until_short(resource, select, query, first))
        skips = range(PAGE_SIZE, count, PAGE_SIZE)
        rest = await _all([self._page(resource, select, query, skip) for skip in skips])
        return _unique_rows([*first, *(row for _, rows in rest for row in rows)])

    async def _first_page(
        self, resource: str, select: Select, query: Mapping[str, Any], sort: Mapping[str, str] = _SORT
    ) -> tuple[Select, int | None, list[Row]]:
        """The first page, and the select that worked: older servers lack some columns."""
        try:
            count, rows = await self._page(resource, select, query, 0, report=False, sort=sort, urgent=True)
        except _UnknownColumn:
            reduced = {name: wanted for name, wanted in select.items() if name not in OPTIONAL_COLUMNS}
            if reduced == select:
                raise
            count, rows = await self._page(resource, reduced, query, 0, report=False, sort=sort, urgent=True)
            return reduced, count, rows
        return select, count, rows

    async def _pages_until_short(
        self, resource: str, select: Select, query: Mapping[str, Any], first: list[Row]
    ) -> list[Row]:
        """Paging for a server that sends no count: one page after another until a short one."""
        rows, page = list(first), first
        while len(page) >= PAGE_SIZE:
            self._planned += 1
            _, page = await self._page(resource, select, query, len(rows))
            rows.extend(page)
        return rows

    async def _page(
        self,
        resource: str,
        select: Select,
        query: Mapping[str, Any],
        skip: int,
        *,
        report: bool = True,
        sort: Mapping[str, str] = _SORT,
        urgent: bool = False,
    ) -> tuple[int | None, list[Row]]:
        """One page; `urgent` for a page whose answer decides which pages come next."""
        body = {"select": select, "query": query, "sort": sort}
        params = {"skip": skip, "limit": PAGE_SIZE}
        answer = await self._post(resource, f"/api/{resource}/get-list", body, params, urgent=urgent)
        if report:
            self._report()
        count = answer.get("count")
        rows = [project_row(decode_value(r), select) for r in answer["data"] if isinstance(r, dict)]
        usable_count = count if isinstance(count, int) and not isinstance(count, bool) else None
        return usable_count, [row for row in rows if isinstance(row.get("_id"), str)]

    async def _post(
        self, resource: str, path: str, body: Mapping[str, Any], params: Mapping[str, int], *, urgent: bool = False
    ) -> dict[str, Any]:
        """One request, repeated on 429, 5xx, network trouble and unreadable answers."""
        tries = self._config.retries + 1
        problem = "no answer"
        for attempt in range(tries):
            try:
                async with self._slots.slot(urgent=urgent):
                    return await self._attempt(resource, path, body, params)
            except _RetryableProblem as exc:
                problem = str(exc)
                if attempt + 1 < tries:
                    await asyncio.sleep(self._delay(attempt, exc.retry_after))
        raise ApiError(f"OneUptime did not answer {resource} after {tries} tries: {problem}")

    async def _attempt(
        self, resource: str, path: str, body: Mapping[str, Any], params: Mapping[str, int]
    ) -> dict[str, Any]:
        try:
            response = await self._client.post(path, json=body, params=dict(params))
        except httpx.TimeoutException:
            raise _RetryableProblem(f"no answer within {self._config.timeout:g} s") from None
        except httpx.RequestError as exc:
            raise _RetryableProblem(f"connection failed ({self._scrub(_describe(exc))})") from None
        if response.status_code == 429:
            raise _RetryableProblem("too many requests (429)", _retry_after(response.headers.get("Retry-After")))
        if response.status_code >= 500:
            raise _RetryableProblem(f"server error {response.status_code}{self._server_message(response, ': ')}")
        if not 200 <= response.status_code < 300:  # redirects too: the URL is wrong
            raise self._refusal(resource, response)
        try:
            answer = response.json()
        except (ValueError, UnicodeDecodeError):  # JSONDecodeError, or a number past Python's digit limit
            raise _RetryableProblem("the answer was not valid JSON") from None
        except RecursionError:
            raise _RetryableProblem("the answer was nested too deeply to read") from None
        if not isinstance(answer, dict) or not isinstance(answer.get("data"), list):
            raise _RetryableProblem("the answer did not have the shape of a list answer")
        return answer

    def _refusal(self, resource: str, response: httpx.Response) -> ApiError:
        message = self._server_message(response, "")
        status = response.status_code
        detail = f": {message}" if message else ""
        if status == 401 or any(m in message.lower() for m in _AUTH_MESSAGES):
            return AuthenticationError(f"OneUptime refused the {resource} request ({status}){detail}; {AUTH_HINT}")
        if status == 403:
            return AuthenticationError(
                f"OneUptime refused the {resource} request ({status}){detail}; "
                f"give the API key permission to read {resource}"
            )
        if status == 404:
            return _ResourceMissing(f"OneUptime has no {resource} resource (404){detail}; check ONEUPTIME_URL")
        if status == 400 and _UNKNOWN_COLUMN in message.lower():
            return _UnknownColumn(f"OneUptime refused the {resource} request ({status}){detail}")
        return ApiError(f"OneUptime refused the {resource} request ({status}){detail}")

    def _server_message(self, response: httpx.Response, prefix: str) -> str:
        """The `message` of an error body, shortened and with the key blanked out."""
        try:
            body = response.json()
        except (ValueError, UnicodeDecodeError, RecursionError):
            return ""
        message = body.get("message") if isinstance(body, dict) else None
        if not isinstance(message, str) or not message.strip():
            return ""
        return prefix + self._scrub(" ".join(message.split())[:300])

    def _scrub(self, text: str) -> str:
        return text.replace(self._api_key, "[api key]") if self._api_key else text

    def _delay(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(retry_after, MAX_RETRY_AFTER_SECONDS)
        ceiling = min(MAX_BACKOFF_SECONDS, self._config.backoff * 2.0**attempt)
        # "Equal jitter": at least half the step, so retries never bunch up at zero.
        return ceiling / 2 + self._random.uniform(0, ceiling / 2)

    def _report(self) -> None:
        self._done += 1
        if self._progress is not None:
            self._progress(self._done, self._planned if self._unplanned == 0 else None)


class _Slots:
    """At most `size` requests at a time, in the order asked for, urgent ones first."""

    def __init__(self, size: int) -> None:
        self._free = size
        self._urgent: collections.deque[asyncio.Future[None]] = collections.deque()
        self._waiting: collections.deque[asyncio.Future[None]] = collections.deque()

    @contextlib.asynccontextmanager
    async def slot(self, *, urgent: bool = False) -> AsyncIterator[None]:
        await self._acquire(urgent)
        try:
            yield
        finally:
            self._release()

    async def _acquire(self, urgent: bool) -> None:
        if self._free and not self._urgent and not self._waiting:
            self._free -= 1
            return
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        (self._urgent if urgent else self._waiting).append(waiter)
        try:
            await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self._release()  # handed a slot while being cancelled: pass it on
            raise

    def _release(self) -> None:
        for queue in (self._urgent, self._waiting):
            while queue:
                waiter = queue.popleft()
                if not waiter.done():  # a cancelled waiter is skipped
                    waiter.set_result(None)
                    return
        self._free += 1


class _ChainBroken(Exception):
    """The rows of consecutive id batches did not come as the chain expected."""


@dataclass(frozen=True, slots=True)
class _ChainRequest:
    """One page of a chain: batches first..last (consecutive), `skip` rows into the first."""

    first: int
    last: int
    skip: int
    query: Mapping[str, Any]
    # Rows expected from each batch in turn; None while the first batch's count is not known.
    expected: tuple[int, ...] | None


class _Chain:
    """Consecutive id batches paged as one list of rows.

    Sorted by `field` first, all rows of batch k come before those of batch k+1
    (the ids are sorted and cut into batches in order), so the batches' rows
    form one list, paged in steps of PAGE_SIZE. A page inside one batch is asked
    for with that batch's ids; a page that spans the end of batch k and the start
    of k+1 with both batches' ids, and its count (both batches' rows) gives batch
    k+1's count, which places every later page of k+1. Those boundary pages come
    one after another, all others concurrently. Every answer is checked against
    this arithmetic (counts, and which batch each row belongs to): a server that
    sorts otherwise, ignores the query or changed meanwhile raises _ChainBroken.
    Only a batch that ends inside the page in which it began (fewer rows than a
    page) costs a request more than one query would: the next batch then starts
    a page of its own.
    """

    def __init__(self, field: str, batches: list[list[str]], also: Mapping[str, Any]) -> None:
        self.field = field
        self.sort = {field: "ASC", **_SORT}
        self._batches = batches
        self._members = [frozenset(batch) for batch in batches]
        self._also = also
        self._ends: list[int] = []  # position after each batch's last row, once counted
        self._position = 0  # first row not yet asked for, counted over all batches
        self._batch = 0  # the batch holding that row (or starting there)
        self._rows: list[Row] = []

    def first_step(self) -> _ChainRequest:
        return self._request(0, 0, 0, None)

    def pages_inside(self) -> list[_ChainRequest]:
        """The pages now known to lie inside the current batch, and the last page if it is the last batch."""
        batch, end = self._batch, self._ends[self._batch]
        last = batch == len(self._batches) - 1
        pages = []
        while self._position + PAGE_SIZE <= end or (last and self._position < end):
            size = min(PAGE_SIZE, end - self._position)
            pages.append(self._request(batch, batch, self._position - self._start(batch), (size,)))
            self._position += size
        return pages

    def next_step(self) -> _ChainRequest | None:
        """The page that starts or spans into the next batch; None once every row is asked for."""
        batch = self._batch
        if batch == len(self._batches) - 1:
            return None
        end = self._ends[batch]
        if self._position == end:
            return self._request(batch + 1, batch + 1, 0, None)
        return self._request(batch, batch + 1, self._position - self._start(batch), None)

    def learn(self, step: _ChainRequest, count: int | None, rows: list[Row]) -> None:
        """Take in a first or spanning page: the newly counted batch's count, and the rows."""
        known = sum(self._ends[b] - self._start(b) for b in range(step.first, step.last))
        if count is None or count < known:
            raise _ChainBroken
        self._ends.append(self._start(step.last) + count - known)
        start = self._start(step.first) + step.skip
        parts = [
            max(0, min(start + PAGE_SIZE, self._ends[b]) - max(start, self._start(b)))
            for b in range(step.first, step.last + 1)
        ]
        self._check_rows(step.first, tuple(parts), rows)
        self._batch = step.last
        self._position = min(start + PAGE_SIZE, self._ends[step.last])

    def check(self, page: _ChainRequest, count: int | None, rows: list[Row]) -> None:
        """Take in a page inside one batch."""
        if count != self._ends[page.first] - self._start(page.first) or page.expected is None:
            raise _ChainBroken
        self._check_rows(page.first, page.expected, rows)

    def rows(self) -> list[Row]:
        unique = _unique_rows(self._rows)
        if len(unique) != self._ends[-1]:
            raise _ChainBroken
        return unique

    def _check_rows(self, first: int, parts: tuple[int, ...], rows: list[Row]) -> None:
        if len(rows) != sum(parts):
            raise _ChainBroken
        offset = 0
        for batch, size in enumerate(parts, start=first):
            if any(row.get(self.field) not in self._members[batch] for row in rows[offset : offset + size]):
                raise _ChainBroken
            offset += size
        self._rows.extend(rows)

    def _start(self, batch: int) -> int:
        return self._ends[batch - 1] if batch else 0

    def _request(self, first: int, last: int, skip: int, expected: tuple[int, ...] | None) -> _ChainRequest:
        ids = [key for batch in self._batches[first : last + 1] for key in batch]
        query = {**self._also, self.field: {"_type": "Includes", "value": ids}}
        return _ChainRequest(first, last, skip, query, expected)


def _describe(exc: httpx.RequestError) -> str:
    # httpx messages name the URL at most; the request (with its headers) is never formatted.
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header; an HTTP date or nonsense falls back to backoff."""
    if value is None:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None
    return seconds if math.isfinite(seconds) and seconds >= 0 else None


def _visible(row: Row) -> bool:
    # Exactly True: a missing, null or truthy-looking value is not a decision to publish.
    # Newer servers also mark rows private; OneUptime's own pages then hide them.
    return row.get("isVisibleOnStatusPage") is True and row.get("isPrivate") is not True


def _belonging(rows: Iterable[Row], field: str, ids: set[str]) -> list[Row]:
    """Rows whose `field` names one of `ids`: the rest the server should not have sent."""
    return [row for row in rows if _belongs(row, field, ids)]


def _belongs(row: Row, field: str, ids: set[str]) -> bool:
    """Whether `field` names one of `ids`; an object, list or boolean there (no id at all)
    is passed on for visibility.py, which leaves the row out and says so."""
    value = row.get(field)
    return isinstance(value, dict | list | bool) or value in ids


def _keys(rows: Iterable[Row], field: str) -> set[str]:
    """The ids that rows point to through `field` (an id as text; anything else is ignored)."""
    return {value for row in rows if isinstance(value := row.get(field), str)}


def _without_unpublished_postmortem(row: Row) -> Row:
    """The postmortem text only travels on when it is shown and has been posted.

    Whether it is posted yet (not in the future) depends on the build time and
    stays visibility.py's decision.
    """
    if row.get("showPostmortemOnStatusPage") is not True or row.get("postmortemPostedAt") is None:
        row["postmortemNote"] = None
    return row


def _distinct_monitors(incidents: Sequence[Row]) -> list[Row]:
    monitors: dict[str, Row] = {}
    for incident in incidents:
        for monitor in incident.get("monitors") or []:
            monitor_id = monitor.get("_id") if isinstance(monitor, dict) else None
            if isinstance(monitor_id, str) and monitor_id not in monitors:
                monitors[monitor_id] = {"_id": monitor_id, "name": monitor.get("name")}
    return [monitors[key] for key in sorted(monitors)]


async def _all(coroutines: list[Coroutine[Any, Any, _T]]) -> list[_T]:
    """Run concurrently; on the first failure cancel the rest and raise that failure alone."""
    try:
        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(coroutine) for coroutine in coroutines]
    except BaseExceptionGroup as failures:
        raise _first_failure(failures) from None
    return [task.result() for task in tasks]


async def _both(first: Coroutine[Any, Any, _T], second: Coroutine[Any, Any, _U]) -> tuple[_T, _U]:
    """Two results of different types, concurrently, failing as _all does."""
    try:
        async with asyncio.TaskGroup() as group:
            first_task = group.create_task(first)
            second_task = group.create_task(second)
    except BaseExceptionGroup as failures:
        raise _first_failure(failures) from None
    return first_task.result(), second_task.result()


def _first_failure(group: BaseExceptionGroup[BaseException]) -> BaseException:
    leaf: BaseException = group
    while isinstance(leaf, BaseExceptionGroup):
        leaf = leaf.exceptions[0]
    return leaf


def _unique_rows(rows: Iterable[Row]) -> list[Row]:
    """First row per _id: concurrent pages or a server ignoring a query may repeat rows."""
    seen: dict[str, Row] = {}
    for row in rows:
        seen.setdefault(row["_id"], row)
    return list(seen.values())
