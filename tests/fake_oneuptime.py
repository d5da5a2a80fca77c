"""A fake OneUptime API on 127.0.0.1 that answers as the real server's source does.

Each behaviour names the file of OneUptime/oneuptime (master ab6f4099 = release
12.0.16) it follows; ../shared/ONEUPTIME_SOURCE_NOTES.md has the details. When
this fake and the real server differ, the fake is the bug.

It holds whole rows, private fields and private rows included, so that tests
can check that only public data leaves the client. Fault switches make it fail
the way real servers and proxies do: 500s, 429 with Retry-After, slow answers,
dropped connections and truncated JSON, or a server that ignores the query.

Tests may change the tables whenever no client session is under way (between
two fetches, say): each listing's matched and sorted rows are kept for the
keep-alive connections that were already open when they were computed, and a
new connection never sees rows kept from before it opened.
"""

from __future__ import annotations

import functools
import itertools
import json
import random
import re
import socket
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, TypeVar, cast
from urllib.parse import parse_qs, urlsplit

from generator.config import Config

Row = dict[str, Any]


class ObjectID(str):
    """An id column other than _id: the real server sends it as {"_type": "ObjectID"}."""

    __slots__ = ()


class Color(str):
    """A colour column: sent as {"_type": "Color", "value": "#rrggbb"}."""

    __slots__ = ()


# Common/Server/Middleware/ProjectAuthorization.ts: the key must be a UUID known to the
# server (400, BadDataException); the project is taken from the key, ProjectID is ignored.
INVALID_KEY = "Invalid API Key"
# Common/Server/Types/Database/Permissions/PublicPermission.ts: no key at all (401).
MISSING_KEY = "Authenticated user or a valid API key is needed to read record of {model}."
# Common/Server/Types/Database/Permissions/TablePermission.ts (422, NotAuthorizedException).
NO_PERMISSION = "You do not have permissions to read {model}. You need one of these permissions: {permissions}"
# Common/Server/Types/Database/Permissions/SelectPermission.ts (400).
UNKNOWN_COLUMN = (
    'Invalid select clause. Cannot select on "{column}". This column does not exist on {model}. '
    "Here are the columns you can select on instead: {columns}"
)
SERVER_ERROR = "Server Error"
DEFAULT_LIMIT = 10  # Common/Types/Database/LimitMax.ts: DEFAULT_LIMIT
LIMIT_PER_PROJECT = 10000  # Common/Types/Database/LimitMax.ts: LIMIT_PER_PROJECT
MEMO_SIZE = 256  # listings (matched, sorted rows) and column indexes kept between requests

# singularName of each model (Common/Models/DatabaseModels/*.ts), as the messages name them.
MODELS = {
    "incident": "Incident",
    "incident-episode": "Incident Episode",
    "incident-episode-member": "Incident Episode Member",
    "incident-public-note": "Incident Public Note",
    "incident-internal-note": "Incident Internal Note",
    "incident-state-timeline": "Incident State Timeline",
    "incident-state": "Incident State",
    "incident-severity": "Incident Severity",
    "monitor": "Monitor",
    "incident-episode-public-note": "Incident Episode Public Note",
    "incident-episode-state-timeline": "Incident Episode State Timeline",
    "incident-episode-internal-note": "Incident Episode Internal Note",
    "incident-feed": "Incident Feed",
    "incident-episode-feed": "Incident Episode Feed",
    "incident-owner-user": "Incident Owner User",
    "incident-owner-team": "Incident Owner Team",
    "status-page": "Status Page",
    "status-page-resource": "Status Page Resource",
    "status-page-group": "Status Page Group",
    "status-page-history-chart-bar-color-rule": "Status Page History Chart Bar Color",
    "monitor-status": "Monitor Status",
    "monitor-status-timeline": "Monitor Status Event",
    "monitor-group": "Monitor Group",
    "monitor-group-resource": "Monitor Group Resource",
    "scheduled-maintenance": "Scheduled Maintenance Event",
    "scheduled-maintenance-public-note": "Scheduled Event Public Note",
    "scheduled-maintenance-internal-note": "Scheduled Maintenance Internal Note",
    "scheduled-maintenance-state-timeline": "Scheduled Maintenance State Timeline",
    "scheduled-maintenance-state": "Scheduled Maintenance State",
    "status-page-announcement": "Status Page Announcement",
}
# The read lists of @TableAccessControl, by permission title (Common/Types/Permission.ts);
# every incident resource has the same list but for its own Read permission.
_INCIDENT_READERS = (
    "Project Owner, Project Admin, Project Member, Viewer, Incident Admin, Incident Member, Incident Viewer"
)
READ_PERMISSIONS = {
    "incident": f"{_INCIDENT_READERS}, Read Incident",
    "incident-episode": f"{_INCIDENT_READERS}, Read Incident Episode",
    "incident-public-note": f"{_INCIDENT_READERS}, Read Incident Status Page Note",
    "incident-state-timeline": f"{_INCIDENT_READERS}, Read Incident State Timeline",
    "incident-state": f"{_INCIDENT_READERS}, Read Incident State",
    "incident-severity": f"{_INCIDENT_READERS}, Read Incident Severity",
    "incident-episode-member": f"{_INCIDENT_READERS}, Read Incident Episode Member",
    "incident-episode-public-note": f"{_INCIDENT_READERS}, Read Incident Episode Public Note",
    "incident-episode-state-timeline": f"{_INCIDENT_READERS}, Read Incident Episode State Timeline",
    "monitor": "Project Owner, Project Admin, Project Member, Viewer, Monitor Admin, Monitor Member, Monitor Viewer, "
    "Read Monitor",
}
# Common/Models/DatabaseModels/StatusPage*.ts and Monitor*.ts: the status page tables are read by the
# status page roles, the monitor tables by the monitor roles, each also by its own Read permission.
_OWNERS = "Project Owner, Project Admin, Project Member, Viewer"
_STATUS_PAGE_READERS = f"{_OWNERS}, Status Page Admin, Status Page Member, Status Page Viewer"
_MONITOR_READERS = f"{_OWNERS}, Monitor Admin, Monitor Member, Monitor Viewer"
READ_PERMISSIONS |= {
    "status-page": f"{_STATUS_PAGE_READERS}, Read Status Page",
    "status-page-resource": f"{_STATUS_PAGE_READERS}, Read Status Page Resource",
    "status-page-group": f"{_STATUS_PAGE_READERS}, Read Status Page Group",
    "status-page-history-chart-bar-color-rule": (
        f"{_STATUS_PAGE_READERS}, Read Status Page History Chart Bar Color Rule"
    ),
    "monitor-status": f"{_MONITOR_READERS}, Read Monitor Status",
    "monitor-status-timeline": f"{_MONITOR_READERS}, Read Monitor Status Timeline",
    "monitor-group-resource": f"{_MONITOR_READERS}, Read Monitor Group Resource",
    "status-page-announcement": f"{_STATUS_PAGE_READERS}, Read Status Page Announcement",
}
# Common/Models/DatabaseModels/ScheduledMaintenance*.ts: the maintenance roles, each table its own Read permission.
_MAINTENANCE_READERS = (
    f"{_OWNERS}, Scheduled Maintenance Admin, Scheduled Maintenance Member, Scheduled Maintenance Viewer"
)
READ_PERMISSIONS |= {
    "scheduled-maintenance": f"{_MAINTENANCE_READERS}, Read Scheduled Maintenance",
    "scheduled-maintenance-public-note": f"{_MAINTENANCE_READERS}, Read Scheduled Maintenance Status Page Note",
    "scheduled-maintenance-state-timeline": f"{_MAINTENANCE_READERS}, Read Scheduled Maintenance State Timeline",
    "scheduled-maintenance-state": f"{_MAINTENANCE_READERS}, Read Scheduled Maintenance State",
}
# What a key of each role may read. "admin" is ProjectOwner/ProjectAdmin (every table, private
# rows too); "viewer" is the Viewer role (every table, but IncidentPrivacyFilter.ts hides private
# incidents and episodes); "incidents-only" a custom key with the Read permissions of incidents,
# their notes, state timelines, states and severities and nothing else.
INCIDENT_RESOURCES = frozenset(
    {"incident", "incident-public-note", "incident-state-timeline", "incident-state", "incident-severity"}
)
MAINTENANCE_RESOURCES = frozenset(
    {
        "scheduled-maintenance",
        "scheduled-maintenance-public-note",
        "scheduled-maintenance-state-timeline",
        "scheduled-maintenance-state",
        "status-page-announcement",
    }
)
ROLES = ("admin", "viewer", "incidents-only", "no-maintenance")
# Which releases the fake can be (make_project's `release`), newest first:
# "current" is 12.0.16; "before-10.2.0" has no isPrivate; "no-episode-link" has isPrivate but no
# Incident.incidentEpisodeId; "no-episodes" has none of the episode resources (before 9.4.13).
RELEASES = ("current", "before-10.2.0", "no-episode-link", "no-episodes")
# Ways a hostile or broken server (or a proxy in front of one) answers list requests.
HOSTILE_MODES = (
    "huge-count",  # claims a billion rows
    "no-count-forever",  # omits count and sends full pages of new rows for every skip
    "same-page",  # ignores skip: the first page for every skip, with a large count
    "trickle",  # sends a correct answer one byte at a time, trickle_seconds apart
    "huge-body",  # a 200 answer of huge_body_mb megabytes
    "echo-key",  # every answer a 400 whose message echoes the key in disguises
    "redirect",  # every answer a 301 to another host
)

# (resource, relation) -> (related resource, column holding the id or ids, is a list)
RELATIONS: dict[tuple[str, str], tuple[str, str, bool]] = {
    ("incident", "monitors"): ("monitor", "monitors", True),
    ("incident", "incidentSeverity"): ("incident-severity", "incidentSeverityId", False),
    ("incident", "currentIncidentState"): ("incident-state", "currentIncidentStateId", False),
    ("incident-state-timeline", "incidentState"): ("incident-state", "incidentStateId", False),
    ("incident-episode-member", "incident"): ("incident", "incidentId", False),
    # A ManyToMany column of StatusPage.ts, selected as {_id: true}.
    ("status-page", "downtimeMonitorStatuses"): ("monitor-status", "downtimeMonitorStatuses", True),
    # ManyToMany columns of ScheduledMaintenance.ts and StatusPageAnnouncement.ts.
    ("scheduled-maintenance", "monitors"): ("monitor", "monitors", True),
    ("scheduled-maintenance", "statusPages"): ("status-page", "statusPages", True),
    ("scheduled-maintenance", "changeMonitorStatusTo"): ("monitor-status", "changeMonitorStatusToId", False),
    ("status-page-announcement", "monitors"): ("monitor", "monitors", True),
    ("status-page-announcement", "statusPages"): ("status-page", "statusPages", True),
}
_PLAIN_TYPES = frozenset({str, bool, int, float})  # sent as they are stored
# Sort values TypeORM accepts; anything else ends as broken SQL, a 500.
_SORT_ORDERS = {"ASC": False, "asc": False, 1: False, "DESC": True, "desc": True, -1: True}


@dataclass
class FakeProject:
    """One project's tables: resource path -> full rows, and who may read them."""

    project_id: str
    api_key: str
    tables: dict[str, list[Row]]
    canaries: list[str] = field(default_factory=list)

    def rows(self, resource: str) -> list[Row]:
        return self.tables.get(resource, [])


@dataclass(frozen=True)
class Faults:
    """Shares of requests (0..1, drawn from a seeded random) that fail in each way."""

    seed: int = 0
    server_error: float = 0.0  # 500 {"message": "Server Error"}
    rate_limited: float = 0.0  # 429 with a Retry-After header
    retry_after: str = "1"
    slow: float = 0.0  # answer correctly, but only after slow_seconds
    slow_seconds: float = 1.0
    dropped: float = 0.0  # close the connection without answering
    malformed: float = 0.0  # 200 with a truncated JSON body
    resources: frozenset[str] | None = None  # only these resources misbehave (None: all)

    def draw(self, rng: random.Random) -> str | None:
        roll = rng.random()
        for name in ("server_error", "rate_limited", "slow", "dropped", "malformed"):
            share: float = getattr(self, name)
            if roll < share:
                return name
            roll -= share
        return None


@dataclass(frozen=True)
class RequestRecord:
    method: str
    path: str
    resource: str
    query_string: str
    body: Any
    fault: str | None
    headers: dict[str, str]


class _HttpError(Exception):
    """An error answer. StartServer.ts's one error handler sends {"error": message}; only the
    catch-all 404 of an unknown route sends {"message": ...} (Response.sendErrorResponse)."""

    def __init__(self, status: int, message: str, body_key: str = "error") -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.body_key = body_key


@dataclass(frozen=True)
class Seen:
    """Which request this is, and which was the first on its connection (numbers in arrival order)."""

    request: int
    connection_opened: int


_T = TypeVar("_T")


class _Memo:
    """Values computed from the tables, reused by requests that may trust them.

    Tables do not change while a client's connection is open (module docstring),
    so a value computed for request n is still right for every connection whose
    first request came no later than n. A connection opened later (the next
    fetch, after the test changed the tables) computes afresh. Each value is
    computed once at a time, as the pages of a new listing arrive together.
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._values: dict[tuple[object, ...], tuple[int, Any]] = {}
        self._lock = threading.Lock()
        self._computing: dict[tuple[object, ...], threading.Lock] = {}  # one per key (a listing uses an index)

    def get(self, key: tuple[object, ...], seen: Seen | None, compute: Callable[[], _T]) -> _T:
        if seen is None:
            return compute()
        kept = self._valid(key, seen)
        if kept is not None:
            return cast(_T, kept[0])
        with self._lock:
            computing = self._computing.setdefault(key, threading.Lock())
        with computing:
            kept = self._valid(key, seen)
            if kept is not None:
                return cast(_T, kept[0])
            value = compute()
            with self._lock:
                self._values[key] = (seen.request, value)
                while len(self._values) > self._size:
                    oldest = next(iter(self._values))
                    del self._values[oldest]
                    self._computing.pop(oldest, None)
            return value

    def _valid(self, key: tuple[object, ...], seen: Seen) -> tuple[Any] | None:
        """The kept value (in a tuple, as it may be None) if it is as new as the connection."""
        with self._lock:
            kept = self._values.pop(key, None)
            if kept is None:
                return None
            self._values[key] = kept  # most recently used last
        computed_at, value = kept
        return (value,) if computed_at >= seen.connection_opened else None


class FakeOneUptime:
    """A running fake server; use it as a context manager or start()/stop() it."""

    def __init__(
        self,
        project: FakeProject,
        *,
        typed_values: bool = True,
        ignore_query: bool = False,
        max_limit: int = LIMIT_PER_PROJECT,
        role: str = "admin",
        hostile: str | None = None,
        trickle_seconds: float = 2.0,
        huge_body_mb: int = 80,
        faults: Faults | None = None,
    ) -> None:
        """typed_values=False sends plain strings (the published docs' form);
        ignore_query=True answers every list with all rows, all fields;
        role is the key's (ROLES); hostile one of HOSTILE_MODES."""
        assert role in ROLES and (hostile is None or hostile in HOSTILE_MODES)
        self.project = project
        self.typed_values = typed_values
        self.ignore_query = ignore_query
        self.max_limit = max_limit
        self.role = role
        self.hostile = hostile
        self.trickle_seconds = trickle_seconds
        self.huge_body_mb = huge_body_mb
        self.faults = faults or Faults()
        self.requests: Counter[str] = Counter()
        self.log: list[RequestRecord] = []
        self._rng = random.Random(self.faults.seed)  # noqa: S311 (test faults)
        self._lock = threading.Lock()
        self._sequence = itertools.count(1)  # numbers every request, in the order they arrive
        self._memo = _Memo(MEMO_SIZE)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        assert self._server is not None, "the fake is not running"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> FakeOneUptime:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        server.daemon_threads = True
        server.fake = self  # type: ignore[attr-defined]
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self) -> FakeOneUptime:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def reset_counts(self) -> None:
        with self._lock:
            self.requests.clear()
            self.log.clear()

    # --- what a request gets ------------------------------------------------

    def _record(self, record: RequestRecord) -> None:
        with self._lock:
            self.requests[record.resource] += 1
            self.log.append(record)

    def _draw_fault(self, resource: str) -> str | None:
        if self.faults.resources is not None and resource not in self.faults.resources:
            return None
        with self._lock:
            return self.faults.draw(self._rng)

    def _check_auth(self, resource: str, headers: Mapping[str, str]) -> None:
        """ProjectAuthorization.ts: a trimmed UUID key of this server, or 400; none at all is a 401
        (PublicPermission.ts). The ProjectID header is never checked: the key names the project."""
        key = (headers.get("apikey") or "").strip()
        if not key:
            raise _HttpError(401, MISSING_KEY.format(model=MODELS.get(resource, resource)))
        try:
            uuid.UUID(key)
        except ValueError:
            raise _HttpError(400, INVALID_KEY) from None
        if key != self.project.api_key:
            raise _HttpError(400, INVALID_KEY)

    def _check_permission(self, resource: str) -> None:
        """TablePermission.ts: a key without a read permission of the table gets a 422."""
        # "no-maintenance": a custom key with every Read permission but those of scheduled maintenance
        # and announcements (Common/Models/DatabaseModels/ScheduledMaintenance*.ts, StatusPageAnnouncement.ts).
        lacks_maintenance = self.role == "no-maintenance" and resource in MAINTENANCE_RESOURCES
        if (self.role == "incidents-only" and resource not in INCIDENT_RESOURCES) or lacks_maintenance:
            permissions = READ_PERMISSIONS.get(resource, "Project Owner, Project Admin")
            raise _HttpError(422, NO_PERMISSION.format(model=MODELS.get(resource, resource), permissions=permissions))

    def _private_rows_hidden(self, resource: str, rows: list[Row]) -> list[Row]:
        """IncidentPrivacyFilter.ts: keys without Owner/Admin never get private incidents or episodes
        (the clause is `isPrivate IS NULL OR isPrivate = FALSE`)."""
        if self.role == "admin" or resource not in ("incident", "incident-episode"):
            return rows
        return [row for row in rows if row.get("isPrivate") is not True]

    def next_request_number(self) -> int:
        return next(self._sequence)

    def answer(
        self,
        resource: str,
        action: str,
        item_id: str | None,
        params: Mapping[str, str],
        body: Any,
        *,
        seen: Seen | None = None,
    ) -> Any:
        """The JSON answer for one authenticated request (raises _HttpError).

        With `seen` (which request of which connection this is), what was computed
        for an earlier page can be reused; without it all is computed afresh.
        """
        if resource not in self.project.tables:
            # The catch-all of StartServer.ts: an unknown route (an older release's missing resource).
            raise _HttpError(404, f"Page not found - /api/{resource}/{action}", body_key="message")
        self._check_permission(resource)
        body = body if isinstance(body, dict) else {}
        rows = self._private_rows_hidden(resource, self.project.tables[resource])
        self._check_select(resource, body.get("select"))
        if action == "get-item":
            found = [row for row in rows if row.get("_id") == item_id]
            return self._serialize(resource, found[0], body.get("select"), {}) if found else {}
        if action == "count":
            return {"count": len(self._matching(resource, rows, body.get("query"), seen))}

        def listing() -> list[Row]:
            matching = self._matching(resource, rows, body.get("query"), seen)
            self._skip_limit(params)  # a bad limit is reported after a bad query, before a bad sort
            return self._sorted(matching, body.get("sort"))

        key = ("listing", resource, id(rows), len(rows), json.dumps(body.get("query")), json.dumps(body.get("sort")))
        ordered = self._memo.get(key, seen, listing)
        skip, limit = self._skip_limit(params)
        lookups: dict[str, dict[str, Row]] = {}
        data = [self._serialize(resource, row, body.get("select"), lookups) for row in ordered[skip : skip + limit]]
        return {"data": data, "count": len(ordered), "skip": skip, "limit": limit}

    def _check_select(self, resource: str, select: Any) -> None:
        """SelectPermission.ts: selecting a column the model lacks is a 400 naming the first such column,
        as older releases answer for newer columns."""
        rows = self.project.rows(resource)
        if self.ignore_query or not isinstance(select, dict) or not rows:
            return
        columns = sorted({name for row in rows for name in row} | {r for t, r in RELATIONS if t == resource})
        for name in select:
            # A column is known when any row holds it (most often the first does).
            if (resource, name) not in RELATIONS and not any(name in row for row in rows):
                message = UNKNOWN_COLUMN.format(
                    column=name, model=MODELS.get(resource, resource), columns=", ".join(columns)
                )
                raise _HttpError(400, message)

    def _skip_limit(self, params: Mapping[str, str]) -> tuple[int, int]:
        try:
            skip = int(params.get("skip") or 0)
            limit = int(params.get("limit") or DEFAULT_LIMIT)
        except ValueError:
            raise _HttpError(400, "Invalid number") from None
        if limit > self.max_limit:
            raise _HttpError(400, f"Limit should be less than {self.max_limit}")
        if skip < 0:
            raise _HttpError(400, "Skip should be greater than or equal to 0")
        if limit <= 0:
            raise _HttpError(400, "Limit should be greater than 0")
        return skip, limit

    def _matching(self, resource: str, rows: list[Row], query: Any, seen: Seen | None) -> list[Row]:
        if self.ignore_query or not query:
            return list(rows)
        if not isinstance(query, dict):
            raise _HttpError(400, "Invalid query")
        tests = [_condition(column, condition) for column, condition in query.items()]
        for column, condition in query.items():
            wanted = _wanted_ids(condition)
            if wanted is not None:  # narrow a table of 40,000 notes to a batch's few, then test those
                rows = self._including(resource, rows, column, wanted, seen)
                break
        return [row for row in rows if all(test(row) for test in tests)]

    def _including(self, resource: str, rows: list[Row], column: str, wanted: set[str], seen: Seen | None) -> list[Row]:
        """The rows of a table whose `column` is one of `wanted` (_includes), in table order.

        Found by an index of the column where it holds only ids.
        """
        key = ("index", resource, id(rows), len(rows), column)
        index = self._memo.get(key, seen, functools.partial(_index, rows, column))
        if index is None:
            return [row for row in rows if _includes(row.get(column), wanted)]
        return [rows[at] for at in sorted(itertools.chain.from_iterable(index.get(one, ()) for one in wanted))]

    def _sorted(self, rows: list[Row], sort: Any) -> list[Row]:
        if not sort:
            return rows
        if not isinstance(sort, dict):
            raise _HttpError(500, SERVER_ERROR)
        ordered = list(rows)
        for column, order in reversed(list(sort.items())):
            if order not in _SORT_ORDERS:
                raise _HttpError(500, SERVER_ERROR)  # TypeORM would write broken SQL
            ordered.sort(key=lambda row, c=column: _sort_key(row.get(c)), reverse=_SORT_ORDERS[order])
        return ordered

    def _serialize(self, resource: str, row: Row, select: Any, lookups: dict[str, dict[str, Row]]) -> Row:
        """Only the selected columns and _id; relations through their nested select.

        `lookups` holds related rows by id, built once for all rows of a page.
        """
        if self.ignore_query:
            return {name: self._column(resource, row, name, None, lookups) for name in row}
        out: Row = {"_id": row["_id"]}
        for name, wanted in (select if isinstance(select, dict) else {}).items():
            if wanted is True or isinstance(wanted, dict):
                nested = wanted if isinstance(wanted, dict) else {"_id": True}
                if (resource, name) in RELATIONS or name in row:
                    out[name] = self._column(resource, row, name, nested, lookups)
        return out

    def _column(
        self, resource: str, row: Row, name: str, nested: Row | None, lookups: dict[str, dict[str, Row]]
    ) -> Any:
        relation = RELATIONS.get((resource, name))
        if relation is None:
            return self._wire(row[name])
        target, column, many = relation
        by_id = lookups.get(target)
        if by_id is None:
            by_id = lookups[target] = {r["_id"]: r for r in self.project.rows(target)}
        ids = (row.get(column) or []) if many else [row.get(column)]
        related = [self._nested(by_id[i], nested) for i in ids if i in by_id]
        return related if many else (related[0] if related else None)

    def _nested(self, row: Row, select: Row | None) -> Row:
        # Nested rows carry what was selected and always _id (SelectUtil.sanitizeSelect adds it).
        names = list(row) if select is None else ["_id", *(n for n, v in select.items() if v is True and n != "_id")]
        return {name: self._wire(row[name]) for name in names if name in row}

    def _wire(self, value: Any) -> Any:
        """A stored value as the real server serializes it (or as plain strings)."""
        if value is None or type(value) in _PLAIN_TYPES:  # most values: answered quickly
            return value
        if isinstance(value, datetime):
            text = format_instant(value)
            return {"_type": "DateTime", "value": text} if self.typed_values else text
        if isinstance(value, ObjectID):
            return {"_type": "ObjectID", "value": str(value)} if self.typed_values else str(value)
        if isinstance(value, Color):
            return {"_type": "Color", "value": str(value)} if self.typed_values else str(value)
        if isinstance(value, list):
            return [self._wire(item) for item in value]
        if isinstance(value, dict):
            return {key: self._wire(item) for key, item in value.items()}
        return value


def format_instant(value: datetime) -> str:
    """OneUptimeDate.toString: toISOString(), always UTC with milliseconds and Z."""
    return value.astimezone(UTC).isoformat(timespec="milliseconds").removesuffix("+00:00") + "Z"


# --- query evaluation ---------------------------------------------------------


def _condition(column: str, condition: Any) -> Callable[[Row], bool]:
    """One query entry as a test of a row, parsed once per request."""
    if (
        isinstance(condition, dict)
        and condition.get("_type") == "Includes"
        and not isinstance(condition.get("value"), list)
    ):
        raise _HttpError(400, "Includes needs a list")
    wanted = _wanted_ids(condition)
    if wanted is not None:
        return lambda row: _includes(row.get(column), wanted)
    if isinstance(condition, dict) and "_type" in condition:
        _operator(None, condition)  # an unknown operator fails now, even on an empty table
        return lambda row: _operator(row.get(column), condition)
    if condition is None:
        return lambda row: row.get(column) is None
    return lambda row: _equal(row.get(column), condition)


def _operator(stored: Any, condition: Row) -> bool:
    kind = condition["_type"]
    value = condition.get("value")
    if kind in ("ObjectID", "DateTime", "Color"):
        return _equal(stored, value)
    if kind in ("EqualTo", "NotEqual"):
        return _equal(stored, value) is (kind == "EqualTo")
    if kind == "IsNull":
        return stored is None
    if kind == "NotNull":
        return stored is not None
    if kind == "Search":
        return stored is not None and str(value).strip().lower() in str(stored).lower()
    if kind == "InBetween":
        start, end = condition.get("startValue"), condition.get("endValue")
        return stored is not None and _compare(stored, start) >= 0 and _compare(stored, end) <= 0
    comparisons: dict[str, Callable[[int], bool]] = {
        "GreaterThan": lambda c: c > 0,
        "GreaterThanOrEqual": lambda c: c >= 0,
        "LessThan": lambda c: c < 0,
        "LessThanOrEqual": lambda c: c <= 0,
    }
    # QueryHelper.greaterThanOrNull / lessThanOrNull (Common/Server/Types/Database/QueryHelper.ts):
    # `(column > :value or column IS NULL)`.
    or_null = {"GreaterThanOrNull": "GreaterThan", "LessThanOrNull": "LessThan"}
    if kind in or_null:
        return stored is None or _operator(stored, {**condition, "_type": or_null[kind]})
    if kind in comparisons:
        if isinstance(value, dict):
            # GreaterThan.fromJSON does not deserialize its value: "[object Object]" reaches SQL.
            raise _HttpError(500, SERVER_ERROR)
        return stored is not None and comparisons[kind](_compare(stored, value))
    raise _HttpError(400, f"Unsupported query operator {kind}")


def _plain(value: Any) -> Any:
    if isinstance(value, dict) and value.get("_type") == "ObjectID":
        return value.get("value")
    return value


def _wanted_ids(condition: Any) -> set[str] | None:
    """The ids of an Includes condition (or a plain list, which means the same); None for other conditions."""
    if isinstance(condition, dict) and condition.get("_type") == "Includes":
        condition = condition.get("value")
    if not isinstance(condition, list):
        return None
    return {str(_plain(item)) for item in condition}


def _index(rows: list[Row], column: str) -> dict[str, list[int]] | None:
    """Positions of the rows by their `column`'s id; None if it holds anything but ids (a list of monitors)."""
    index: dict[str, list[int]] = {}
    for at, row in enumerate(rows):
        value = row.get(column)
        if isinstance(value, str):  # ObjectID too, found by the plain id: same hash, equal
            index.setdefault(value, []).append(at)
        elif value is not None:
            return None
    return index


def _includes(stored: Any, wanted: set[str]) -> bool:
    if isinstance(stored, str):  # ObjectID too: a str with the same hash
        return stored in wanted
    if isinstance(stored, list):  # a relation list such as monitors: any overlap
        return any(str(item) in wanted for item in stored)
    return stored is not None and str(stored) in wanted


def _equal(stored: Any, value: Any) -> bool:
    value = _plain(value)
    if isinstance(stored, bool) or isinstance(value, bool):
        return stored is value
    if isinstance(stored, datetime) and isinstance(value, str):
        return stored == _parse(value)
    if isinstance(stored, str) and isinstance(value, str):
        return str(stored) == value
    return bool(stored == value)


def _compare(stored: Any, value: Any) -> int:
    other: Any = _parse(value) if isinstance(stored, datetime) and isinstance(value, str) else value
    try:
        return (stored > other) - (stored < other)
    except TypeError:
        raise _HttpError(500, SERVER_ERROR) from None


def _parse(text: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise _HttpError(500, SERVER_ERROR) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _sort_key(value: Any) -> tuple[bool, Any]:
    # Postgres puts NULLs last in ascending order.
    if isinstance(value, datetime):
        return (False, value.timestamp())
    if value is None:
        return (True, 0)
    return (False, value if isinstance(value, int | float) else str(value))


# --- HTTP ------------------------------------------------------------------------

_ROUTE = re.compile(r"^/api/(?P<resource>[a-z-]+)(?:/(?P<id>[^/]+))?/(?P<action>get-list|count|get-item)/?$")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FakeOneUptime/1"

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        self._handle()

    def do_GET(self) -> None:  # noqa: N802
        self._handle()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Quiet: tests read fake.log instead."""

    def setup(self) -> None:
        super().setup()
        # As real servers do (Node, nginx): without it, Nagle's algorithm holds a body sent
        # after its headers until the client's delayed ACK, some 40 ms per answer.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._opened: int | None = None  # number of this connection's first request

    def _handle(self) -> None:
        fake: FakeOneUptime = self.server.fake  # type: ignore[attr-defined]
        request = fake.next_request_number()
        if self._opened is None:
            self._opened = request
        parts = urlsplit(self.path)
        params = {k: v[0] for k, v in parse_qs(parts.query).items()}
        raw_body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        route = _ROUTE.match(parts.path)
        resource = route["resource"] if route else "?"
        fault = fake._draw_fault(resource)
        headers = {k.lower(): v for k, v in self.headers.items()}
        try:
            body = json.loads(raw_body) if raw_body.strip() else {}
        except ValueError:
            body = None
        fake._record(RequestRecord(self.command, parts.path, resource, parts.query, body, fault, headers))
        if fault == "dropped":
            self.close_connection = True
            return
        if fault == "slow":
            time.sleep(fake.faults.slow_seconds)
        if fault == "server_error":
            self._send_json(500, {"error": SERVER_ERROR})
            return
        if fault == "rate_limited":
            message = {"error": "Too many requests. Please try again later."}
            self._send_json(429, message, {"Retry-After": fake.faults.retry_after})
            return
        try:
            if route is None:
                raise _HttpError(404, f"Page not found - {parts.path}", body_key="message")
            fake._check_auth(resource, headers)
            if body is None:
                raise _HttpError(400, "Unexpected token in JSON")
            if fake.hostile is not None and self._hostile(fake, resource, route["action"], headers):
                return
            seen = Seen(request, self._opened)
            answer = fake.answer(resource, route["action"], route["id"], params, body, seen=seen)
        except _HttpError as error:
            self._send_json(error.status, {error.body_key: error.message})
            return
        if fault == "malformed":
            encoded = json.dumps(answer).encode()
            self._send(200, encoded[: max(1, len(encoded) // 2)], "application/json")
            return
        self._send_json(200, answer)

    def _hostile(self, fake: FakeOneUptime, resource: str, action: str, headers: Mapping[str, str]) -> bool:
        """Answer as a hostile or broken server would (HOSTILE_MODES); False to answer normally.

        Only incident requests misbehave, so that the one failing request is always the same one.
        """
        mode = fake.hostile if resource == "incident" else None
        skip = int(parse_qs(urlsplit(self.path).query).get("skip", ["0"])[0] or 0)
        if mode == "redirect":
            self._send(301, b"", "text/plain", {"Location": "https://elsewhere.example/api/"})
        elif mode == "echo-key":
            key = headers.get("apikey", "")
            half = len(key) // 2
            disguised = [key.upper(), key[:half] + "\u200b" + key[half:], key[:half] + "\n" + key[half:]]
            message = "Bad key: " + " / ".join(disguised) + " \x1b[31mred\x1b[0m \u202eevil"
            self._send_json(400, {"error": message})
        elif mode == "huge-count" and action == "get-list":
            self._send_json(200, {"data": _hostile_rows(skip), "count": 1_000_000_000, "skip": skip, "limit": 100})
        elif mode == "no-count-forever" and action == "get-list":
            self._send_json(200, {"data": _hostile_rows(skip), "skip": skip, "limit": 100})
        elif mode == "same-page" and action == "get-list":
            self._send_json(200, {"data": _hostile_rows(0), "count": 500_000, "skip": skip, "limit": 100})
        elif mode == "trickle":
            body = json.dumps({"data": [], "count": 0}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            for byte in body:
                try:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    break
                time.sleep(fake.trickle_seconds)
        elif mode == "huge-body":
            self._send_huge_body(fake.huge_body_mb)
        else:
            return False
        self.close_connection = True
        return True

    def _send_huge_body(self, megabytes: int) -> None:
        """A valid but huge list answer, streamed without holding it (no Content-Length: chunked)."""
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b'{"_id": "x", "title": "' + b"a" * 65536 + b'"},'
            for data in [b'{"count": 1, "data": [', *([chunk] * (megabytes * 16)), b'{"_id": "y"}]}']:
                self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _send_json(self, status: int, payload: Any, headers: Mapping[str, str] | None = None) -> None:
        self._send(status, json.dumps(payload).encode(), "application/json; charset=utf-8", headers)

    def _send(self, status: int, body: bytes, content_type: str, headers: Mapping[str, str] | None = None) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up (a timeout): nothing to do


def _hostile_rows(skip: int) -> list[Row]:
    """A full page of distinct, harmless rows for the rows at `skip`."""
    return [{"_id": f"hostile-{skip + n}", "isVisibleOnStatusPage": False} for n in range(100)]


# --- synthetic projects -----------------------------------------------------------


class _Ids:
    """Seeded uuids, so a project is the same for the same seed."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng

    def new(self) -> str:
        return str(uuid.UUID(int=self._rng.getrandbits(128), version=4))

    def ref(self) -> ObjectID:
        return ObjectID(self.new())


class _Private:
    """Text for private fields: a unique CANARY-<n> when canaries are on."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.issued: list[str] = []

    def text(self, plain: str) -> str:
        if not self.enabled:
            return plain
        canary = f"CANARY-{len(self.issued) + 1}"
        self.issued.append(canary)
        return f"{plain} {canary}"


STATES = (
    ("Created", "#e11d48", 1, "isCreatedState"),
    ("Acknowledged", "#f59e0b", 2, "isAcknowledgedState"),
    ("Resolved", "#16a34a", 3, "isResolvedState"),
)
SEVERITIES = (("Critical", "#b91c1c", 1), ("Major", "#ea580c", 2), ("Minor", "#ca8a04", 3))
SERVICES = ("API", "Website", "Database", "Payments", "Search", "Email", "CDN", "Auth")
BASE_TIME = datetime(2024, 1, 1, tzinfo=UTC)
PROJECT_REF = ObjectID("project")  # replaced by the project's id once the rows exist


def make_project(
    n_incidents: int = 20,
    notes_per_incident: int = 2,
    seed: int = 0,
    *,
    private_canaries: bool = False,
    n_monitors: int = 8,
    n_episodes: int | None = None,
    hidden_share: float = 0.1,
    private_share: float = 0.03,
    episode_notes: bool = True,
    older_server: bool = False,
    release: str = "current",
    project_id: str = "5f8b9c0d-e1a2-4b3c-8d5e-6f7a8b9c0d1e",
    api_key: str = "7c1f9e3a-5b2d-4c6e-8f0a-1b3d5e7f9a2c",
    status_page: bool = False,
    now: datetime | None = None,
    bar_color_rules: bool = False,
    maintenance: bool = True,
) -> FakeProject:
    """A realistic project with every kind of private data a real one has.

    Every incident has exactly `notes_per_incident` public notes; about
    `hidden_share` of incidents and episodes are not visible on the status
    page and `private_share` are visible but marked private (newer servers);
    some postmortems are unpublished; every incident has an internal note,
    a root cause and custom fields. With `private_canaries`, every private
    text carries a unique "CANARY-<n>" (listed in project.canaries).
    `older_server` leaves out what newer versions added: isPrivate,
    Incident.incidentEpisodeId and the episode public-note resource.
    `release` is one of RELEASES: what an older OneUptime lacks is left out.
    The API key is a UUID, as ProjectAuthorization.ts requires.
    `status_page` adds a public status page (STATUS_PAGE_ID) and a private one,
    monitor statuses and 100 days of status timelines up to `now` (see
    _add_status_pages); monitor names are private then, as a page names its
    services itself. It draws from its own random, so the rest of the project
    is the same as without it.
    """
    assert release in RELEASES
    rng = random.Random(seed)  # noqa: S311 (test data)
    if older_server or release in ("before-10.2.0", "no-episodes"):
        private_share = 0.0  # older servers cannot mark rows private
    ids = _Ids(rng)
    private = _Private(private_canaries)
    tables: dict[str, list[Row]] = {name: [] for name in _RESOURCES}
    states = _add_lookup_tables(tables, ids, private, n_monitors)
    episodes = _add_episodes(tables, ids, private, rng, n_episodes, n_incidents, hidden_share)
    for number in range(1, n_incidents + 1):
        _add_incident(
            tables,
            ids,
            private,
            rng,
            number,
            states,
            episodes,
            notes_per_incident,
            hidden_share,
            private_share,
        )
    _add_episode_rows(tables, ids, private, rng)
    if status_page:
        _add_status_pages(tables, private, random.Random(f"status-page-{seed}"), now, bar_color_rules)  # noqa: S311
    if maintenance:
        from tests.fake_maintenance import add_maintenance

        monitors = [row["_id"] for row in tables["monitor"]]
        moment = (now or datetime.now(tz=UTC)).replace(microsecond=0)
        add_maintenance(tables, private, moment, STATUS_PAGE_ID, PRIVATE_STATUS_PAGE_ID, monitors)
    for rows in tables.values():
        for row in rows:
            if row.get("projectId") is PROJECT_REF:
                row["projectId"] = ObjectID(project_id)
    if older_server:
        for row in tables["incident"] + tables["incident-episode"]:
            row.pop("isPrivate", None)
            row.pop("incidentEpisodeId", None)
    if not episode_notes or older_server:
        del tables["incident-episode-public-note"]
    _as_release(tables, release)
    return FakeProject(project_id, api_key, tables, private.issued)


# --- a status page (Common/Models/DatabaseModels/StatusPage*.ts, Monitor*.ts) ------------

STATUS_PAGE_ID = "2b0f6c1e-8d4a-4f6b-9c3e-5a7d9e1f3b20"
PRIVATE_STATUS_PAGE_ID = "9e4d2a7c-1b3f-4e5d-8a6c-0f2e4d6b8a91"
# Monitor statuses as ProjectService.addDefaultMonitorStatus creates them (BrandColors.ts).
MONITOR_STATUSES = (
    ("Operational", "#2ab57d", 1, "isOperationalState"),
    ("Degraded", "#ffbf53", 2, None),
    ("Offline", "#fd625e", 3, "isOfflineState"),
)
# Display names of the public page's direct resources, in order; the last resource is a monitor group.
PUBLIC_NAMES = ("Website", "Public API", "Dashboard", "Sign-in", "Search", "Payments", "Email", "CDN")
HISTORY_DAYS = 100  # of status timelines, more than the page's 90-day window


def _add_status_pages(
    tables: dict[str, list[Row]],
    private: _Private,
    rng: random.Random,
    now: datetime | None,
    bar_color_rules: bool,
) -> None:
    """A public status page over all monitors but the last two, and a private page over those two.

    The public page has an ungrouped service, two groups (the second collapsed,
    with a nested group), a monitor-group resource, one service showing its
    status only, and its downtime statuses Degraded and Offline (the default,
    StatusPageService.onBeforeCreate). Every private field carries a canary:
    the monitors' names, both pages' private settings, the private page's
    display names, the timelines' rootCause and statusChangeLog, and every
    text of incidents and episodes OneUptime's page would not show: those on
    no monitor of the page (StatusPageAPI.ts, getIncidents and getEpisodes).
    Three such incidents (one ongoing and critical) and an episode of them are added.
    """
    now = (now or datetime.now(tz=UTC)).replace(microsecond=0)
    statuses = _add_monitor_statuses(tables, private)
    monitors = tables["monitor"]
    for monitor in monitors:
        monitor["name"] = private.text(f"prod-{monitor['name'].lower().replace(' ', '-')}-eu1")
    on_page = [m["_id"] for m in monitors[: max(1, len(monitors) - 2)]]
    off_page = [m["_id"] for m in monitors if m["_id"] not in on_page]
    for index, monitor in enumerate(monitors):
        current = _add_timeline(tables, private, rng, monitor["_id"], statuses, now, index)
        monitor["currentMonitorStatusId"] = ObjectID(current)
    page_ids = {STATUS_PAGE_ID: on_page, PRIVATE_STATUS_PAGE_ID: off_page}
    for page_id, is_public in ((STATUS_PAGE_ID, True), (PRIVATE_STATUS_PAGE_ID, False)):
        tables["status-page"].append(_status_page_row(page_id, is_public, statuses, private))
        _add_page_resources(tables, private, page_id, page_ids[page_id], is_public)
    if bar_color_rules:
        for order, (color, threshold) in enumerate((("#1a7f37", 99.9), ("#e3b341", 98), ("#cf222e", 0)), 1):
            tables["status-page-history-chart-bar-color-rule"].append(
                {
                    "_id": f"rule-{order}",
                    "statusPageId": ObjectID(STATUS_PAGE_ID),
                    "barColor": Color(color),
                    "uptimePercentGreaterThanOrEqualTo": threshold,
                    "order": order,
                    "createdAt": BASE_TIME,
                    "projectId": PROJECT_REF,
                }
            )
    _add_off_page_incidents(tables, off_page, now)
    _canary_what_the_page_hides(tables, private, set(on_page))


def _add_monitor_statuses(tables: dict[str, list[Row]], private: _Private) -> dict[str, str]:
    ids = {}
    for name, color, priority, flag in MONITOR_STATUSES:
        row: Row = {
            "_id": f"status-{name.lower()}",
            "name": name,
            "slug": name.lower(),
            "color": Color(color),
            "priority": priority,
            "isOperationalState": flag == "isOperationalState",
            "isOfflineState": flag == "isOfflineState",
            "description": private.text(f"Monitor is {name.lower()}."),
            "createdAt": BASE_TIME,
            "projectId": PROJECT_REF,
        }
        tables["monitor-status"].append(row)
        ids[name] = row["_id"]
    return ids


def _add_timeline(
    tables: dict[str, list[Row]],
    private: _Private,
    rng: random.Random,
    monitor_id: str,
    statuses: dict[str, str],
    now: datetime,
    index: int,
) -> str:
    """HISTORY_DAYS of status rows up to `now`; returns the current status.

    Mostly operational, with a short degradation or outage every ten days or so;
    the first monitor had a 2.5-hour outage a month ago, the second is degraded
    now. Some monitors have what real data has too: a row overlapping another
    (the worse one counts, UptimeUtil.getNonOverlappingMonitorEvents) and an
    open row followed by a later one (it ends where the next begins).
    """
    spans: list[tuple[str, datetime, datetime | None]] = []
    at = now - timedelta(days=HISTORY_DAYS, minutes=rng.randrange(600))
    while at < now - timedelta(days=2):
        calm = timedelta(days=rng.uniform(4, 16), minutes=rng.randrange(60))
        spans.append(("Operational", at, min(at + calm, now - timedelta(days=2))))
        at += calm
        if at >= now - timedelta(days=2):
            break
        trouble = timedelta(minutes=rng.randrange(5, 400), seconds=rng.randrange(60))
        spans.append((rng.choice(("Degraded", "Offline", "Degraded")), at, at + trouble))
        at += trouble
    if index == 0:  # an outage last month
        outage = now - timedelta(days=31, hours=5)
        spans = [span for span in spans if not (span[1] < outage + timedelta(hours=2.5) and (span[2] or now) > outage)]
        spans.append(("Offline", outage, outage + timedelta(hours=2, minutes=30)))
        spans.append(("Operational", outage + timedelta(hours=2, minutes=30), None))
        spans.sort(key=lambda span: span[1])
    last = spans[-1][2] or now
    final = "Degraded" if index == 1 else "Operational"
    spans.append((final, last, None))
    if index == 2:  # an offline row overlapping an operational one
        middle = now - timedelta(days=20, hours=3)
        spans.append(("Offline", middle, middle + timedelta(minutes=50)))
    for position, (status, starts, ends) in enumerate(spans):
        if index == 3 and position == 2:
            ends = None  # left open although a later row follows
        # Whole milliseconds, as the server sends a date (toISOString): what a client sees is what is stored.
        starts, ends = _whole_ms(starts), None if ends is None else _whole_ms(ends)
        tables["monitor-status-timeline"].append(
            {
                "_id": f"{monitor_id}-t{position:03d}",
                "monitorId": ObjectID(monitor_id),
                "monitorStatusId": ObjectID(statuses[status]),
                "startsAt": starts,
                "endsAt": ends,
                "createdAt": starts,
                "updatedAt": ends or starts,
                "rootCause": private.text(f"Probe from 10.0.0.{position % 250} failed"),
                "statusChangeLog": {"probe": private.text("status change log")},
                "isOwnerNotified": True,
                "projectId": PROJECT_REF,
            }
        )
    return statuses[final]


def _whole_ms(moment: datetime) -> datetime:
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def _status_page_row(page_id: str, is_public: bool, statuses: dict[str, str], private: _Private) -> Row:
    title = "Acme Cloud status" if is_public else private.text("Internal status")
    return {
        "_id": page_id,
        "name": title if is_public else private.text("internal-page"),
        "pageTitle": title,
        "pageDescription": "Live status of Acme Cloud services." if is_public else private.text("Internal"),
        "overviewPageDescription": "Subscribe to updates **by feed**." if is_public else private.text("Overview"),
        "isPublicStatusPage": is_public,
        "showIncidentsOnStatusPage": True,
        "showEpisodesOnStatusPage": True,
        "showScheduledMaintenanceEventsOnStatusPage": True,
        "showAnnouncementsOnStatusPage": True,
        "showScheduledEventHistoryInDays": 14,
        "showAnnouncementHistoryInDays": 14,
        "showIncidentHistoryInDays": 14,
        "showEpisodeHistoryInDays": 14,
        "showUptimeHistoryInDays": 90,
        "showOverallUptimePercentOnStatusPage": True,
        "overallUptimePercentPrecision": "99.99% (Two Decimal)",
        "defaultBarColor": Color("#2ab57d"),
        "downtimeMonitorStatuses": [ObjectID(statuses["Degraded"]), ObjectID(statuses["Offline"])],
        "slug": "acme" if is_public else "internal",
        "createdAt": BASE_TIME,
        "projectId": PROJECT_REF,
        # Private settings (never selected).
        "description": private.text("Status page for the on-call team"),
        "masterPassword": private.text("hashed-master-password"),
        "enableMasterPassword": not is_public,
        "ipWhitelist": private.text("10.0.0.0/8"),
        "embeddedOverallStatusToken": private.text("embed-token"),
        "customJavaScript": private.text("<script>track()</script>"),
        "customCSS": private.text("body { color: red }"),
        "headerHTML": private.text("<b>header</b>"),
        "footerHTML": private.text("<b>footer</b>"),
        "smtpConfigId": ObjectID(private.text("smtp-config")),
        "subscriberEmailNotificationFooterText": private.text("Unsubscribe here"),
    }


def _add_page_resources(
    tables: dict[str, list[Row]], private: _Private, page_id: str, monitor_ids: list[str], is_public: bool
) -> None:
    """Groups and resources: an ungrouped one, then groups in order; the last two monitors as one monitor group."""
    groups = []
    for key, name, order, expanded, parent in (
        ("core", "Core services", 1, True, None),
        ("integrations", "Integrations", 2, False, None),
        ("regional", "Regional endpoints", 1, True, "integrations"),
    ):
        group_id = f"{page_id[:8]}-group-{key}"
        groups.append(group_id)
        tables["status-page-group"].append(
            {
                "_id": group_id,
                "statusPageId": ObjectID(page_id),
                "name": name if is_public else private.text(name),
                "slug": key,
                "description": f"The {name.lower()}." if is_public else private.text("group"),
                "order": order,
                "isExpandedByDefault": expanded,
                "showCurrentStatus": True,
                "showUptimePercent": key != "regional",
                "uptimePercentPrecision": "99.99% (Two Decimal)",
                "parentStatusPageGroupId": ObjectID(f"{page_id[:8]}-group-{parent}") if parent else None,
                "viewMode": "List",
                "createdAt": BASE_TIME,
                "projectId": PROJECT_REF,
            }
        )
    direct = monitor_ids[:-2] if len(monitor_ids) > 2 else monitor_ids
    grouped = monitor_ids[len(direct) :]
    precisions = ("99.9% (One Decimal)", "99.99% (Two Decimal)", "99% (No Decimal)", "99.999% (Three Decimal)")
    targets: list[tuple[str | None, str | None]] = [(m, None) for m in direct]
    if grouped:
        monitor_group = f"{page_id[:8]}-monitor-group"
        for member in grouped:
            tables["monitor-group-resource"].append(
                {
                    "_id": f"{monitor_group}-{member[:8]}",
                    "monitorGroupId": ObjectID(monitor_group),
                    "monitorId": ObjectID(member),
                    "createdAt": BASE_TIME,
                    "projectId": PROJECT_REF,
                }
            )
        targets.append((None, monitor_group))
    for position, (monitor_id, monitor_group_id) in enumerate(targets):
        name = "Webhooks" if monitor_group_id else PUBLIC_NAMES[position % len(PUBLIC_NAMES)]
        group = None if position == 0 else groups[(position - 1) % len(groups)]
        status_only = position == 3
        tables["status-page-resource"].append(
            {
                "_id": f"{page_id[:8]}-resource-{position}",
                "statusPageId": ObjectID(page_id),
                "monitorId": ObjectID(monitor_id) if monitor_id else None,
                "monitorGroupId": ObjectID(monitor_group_id) if monitor_group_id else None,
                "statusPageGroupId": ObjectID(group) if group else None,
                "displayName": name if is_public else private.text(name),
                "displayDescription": f"What customers use of *{name}*." if is_public else private.text("desc"),
                "displayTooltip": f"{name} in every region" if is_public else private.text("tip"),
                "showCurrentStatus": True,
                "showUptimePercent": not status_only,
                "uptimePercentPrecision": precisions[position % len(precisions)],
                "showStatusHistoryChart": not status_only,
                "order": position + 1,
                "rowAxisValue": None,
                "columnAxisValue": None,
                "createdAt": BASE_TIME,
                "projectId": PROJECT_REF,
            }
        )


def _add_off_page_incidents(tables: dict[str, list[Row]], off_page: list[str], now: datetime) -> None:
    """Visible incidents on monitors of no public page (one ongoing and critical) and a visible episode of them."""
    if not off_page:
        return
    states = {row["name"]: row["_id"] for row in tables["incident-state"]}
    severities = [row["_id"] for row in tables["incident-severity"]]
    episode_id = "off-page-episode"
    tables["incident-episode"].append(
        {
            "_id": episode_id,
            "title": "Internal tooling wave",
            "description": "Internal.",
            "episodeNumber": 9000,
            "episodeNumberWithPrefix": "IE-9000",
            "currentIncidentStateId": ObjectID(states["Created"]),
            "incidentSeverityId": ObjectID(severities[0]),
            "declaredAt": now - timedelta(hours=5),
            "createdAt": now - timedelta(hours=5),
            "resolvedAt": None,
            "incidentCount": 3,
            "isVisibleOnStatusPage": True,
            "isPrivate": False,
            "projectId": PROJECT_REF,
        }
    )
    for number in range(3):
        incident_id = f"off-page-{number}"
        declared = now - timedelta(hours=4 - number)
        tables["incident"].append(
            {
                "_id": incident_id,
                "title": "Internal tooling down",
                "description": "The build farm is down.",
                "declaredAt": declared,
                "createdAt": declared,
                "updatedAt": declared,
                "incidentNumber": 9000 + number,
                "incidentNumberWithPrefix": f"INC-{9000 + number}",
                "currentIncidentStateId": ObjectID(states["Created" if number == 0 else "Resolved"]),
                "incidentSeverityId": ObjectID(severities[0]),
                "isVisibleOnStatusPage": True,
                "isPrivate": False,
                "showPostmortemOnStatusPage": False,
                "monitors": [ObjectID(m) for m in off_page],
                "incidentEpisodeId": ObjectID(episode_id),
                "projectId": PROJECT_REF,
            }
        )
        tables["incident-episode-member"].append(
            {
                "_id": f"{incident_id}-member",
                "incidentEpisodeId": ObjectID(episode_id),
                "incidentId": ObjectID(incident_id),
            }
        )
        tables["incident-public-note"].append(
            {
                "_id": f"{incident_id}-note",
                "incidentId": ObjectID(incident_id),
                "note": "The build farm is back.",
                "postedAt": declared + timedelta(minutes=10),
                "createdAt": declared + timedelta(minutes=10),
                "projectId": PROJECT_REF,
            }
        )
        tables["incident-state-timeline"].append(
            {
                "_id": f"{incident_id}-state",
                "incidentId": ObjectID(incident_id),
                "incidentStateId": ObjectID(states["Created"]),
                "startsAt": declared,
                "endsAt": None,
                "createdAt": declared,
                "projectId": PROJECT_REF,
            }
        )


def _canary_what_the_page_hides(tables: dict[str, list[Row]], private: _Private, on_page: set[str]) -> None:
    """Incidents on no monitor of the public page, and episodes with no member on one, are private to it."""
    monitors_of = {row["_id"]: {str(m) for m in row.get("monitors") or []} for row in tables["incident"]}
    hidden = {incident_id for incident_id, monitors in monitors_of.items() if not monitors & on_page}
    shown_episodes = {
        str(member["incidentEpisodeId"])
        for member in tables["incident-episode-member"]
        if str(member["incidentId"]) not in hidden
    }
    for row in tables["incident"]:
        if row["_id"] in hidden:
            row["title"] = private.text(row["title"])
            row["description"] = private.text(row.get("description") or "")
    for resource in ("incident-public-note", "incident-episode-public-note"):
        for row in tables.get(resource, []):
            owner = str(row.get("incidentId") or row.get("incidentEpisodeId"))
            if owner in hidden or (resource.startswith("incident-episode") and owner not in shown_episodes):
                row["note"] = private.text(row["note"])
    for row in tables["incident-episode"]:
        if row["_id"] not in shown_episodes:
            row["title"] = private.text(row["title"])
            row["description"] = private.text(row.get("description") or "")


def _as_release(tables: dict[str, list[Row]], release: str) -> None:
    """Leave out what `release` lacks: Incident.isPrivate came in 10.2.0 and Incident.incidentEpisodeId
    with the episode models in 9.4.13 (Common/Models/DatabaseModels/Incident.ts, IncidentEpisode*.ts)."""
    if release in ("before-10.2.0", "no-episodes"):
        for row in tables["incident"] + tables.get("incident-episode", []):
            row.pop("isPrivate", None)
    if release in ("no-episode-link", "no-episodes"):
        for row in tables["incident"]:
            row.pop("incidentEpisodeId", None)
    if release == "no-episodes":
        for resource in [name for name in tables if name.startswith("incident-episode")]:
            del tables[resource]


_RESOURCES = (
    "incident",
    "incident-episode",
    "incident-episode-member",
    "incident-public-note",
    "incident-internal-note",
    "incident-state-timeline",
    "incident-state",
    "incident-severity",
    "monitor",
    "incident-episode-public-note",
    "incident-episode-state-timeline",
    "incident-episode-internal-note",
    "incident-feed",
    "incident-episode-feed",
    "incident-owner-user",
    "incident-owner-team",
    "status-page",
    "status-page-resource",
    "status-page-group",
    "status-page-history-chart-bar-color-rule",
    "monitor-status",
    "monitor-status-timeline",
    "monitor-group-resource",
)


def _add_lookup_tables(tables: dict[str, list[Row]], ids: _Ids, private: _Private, n_monitors: int) -> list[str]:
    states = []
    for name, color, order, flag in STATES:
        row: Row = {
            "_id": ids.new(),
            "name": name,
            "color": Color(color),
            "order": order,
            "slug": name.lower(),
            "description": f"The incident is {name.lower()}.",
            "isCreatedState": False,
            "isAcknowledgedState": False,
            "isResolvedState": False,
            "createdAt": BASE_TIME,
            "projectId": PROJECT_REF,
        }
        row[flag] = True
        tables["incident-state"].append(row)
        states.append(row["_id"])
    for name, color, order in SEVERITIES:
        tables["incident-severity"].append(
            {
                "_id": ids.new(),
                "name": name,
                "color": Color(color),
                "order": order,
                "description": f"{name} impact.",
                "createdAt": BASE_TIME,
                "projectId": PROJECT_REF,
            }
        )
    for index in range(n_monitors):
        name = SERVICES[index % len(SERVICES)] + ("" if index < len(SERVICES) else f" {index}")
        tables["monitor"].append(
            {
                "_id": ids.new(),
                "name": name,
                "createdAt": BASE_TIME,
                "description": private.text(f"Checks {name} at an internal address."),
                "monitorSteps": {"url": private.text("https://10.0.0.1/health")},
            }
        )
    return states


def _add_episodes(
    tables: dict[str, list[Row]],
    ids: _Ids,
    private: _Private,
    rng: random.Random,
    n_episodes: int | None,
    n_incidents: int,
    hidden_share: float,
) -> list[Row]:
    count = n_incidents // 10 if n_episodes is None else n_episodes
    severities = [row["_id"] for row in tables["incident-severity"]]
    states = [row["_id"] for row in tables["incident-state"]]
    for number in range(1, count + 1):
        visible = rng.random() >= hidden_share
        declared = BASE_TIME + timedelta(hours=number * 30, minutes=rng.randrange(60))
        title = f"Degraded service, wave {number}"
        resolved = rng.random() < 0.8
        tables["incident-episode"].append(
            {
                "_id": ids.new(),
                "title": title if visible else private.text("Hidden episode"),
                "description": f"Several related incidents, wave {number}."
                if visible
                else private.text("Hidden description"),
                "episodeNumber": number,
                "episodeNumberWithPrefix": f"IE-{number}",
                "currentIncidentStateId": ObjectID(states[2] if resolved else states[0]),
                "incidentSeverityId": ObjectID(rng.choice(severities)) if rng.random() < 0.9 else None,
                "declaredAt": declared,
                "createdAt": declared,
                "resolvedAt": declared + timedelta(hours=3) if resolved else None,
                "incidentCount": 0,
                "isVisibleOnStatusPage": visible,
                "isPrivate": False,
                "rootCause": private.text("Episode root cause"),
                "remediationNotes": private.text("Episode remediation"),
                "postmortemNote": private.text("Episode postmortem (no publish switch)"),
                "groupingKey": private.text("grouping"),
                "labels": [{"name": private.text("label")}],
                "projectId": PROJECT_REF,
                # Private columns added for issue 8's leak tests (no random draws: seeds keep their projects).
                "customFields": {"ticket": private.text("Episode custom field")},
                "createdByUser": {"name": private.text("Episode creator")},
                "assignedToUser": {"name": private.text("Episode assignee")},
                "assignedToTeam": {"name": private.text("Episode team")},
                "createdStateLog": {"probe": private.text("Episode created state log")},
                "subscriberNotificationStatusMessage": private.text("Episode subscribers notified"),
            }
        )
    return tables["incident-episode"]


def _add_incident(
    tables: dict[str, list[Row]],
    ids: _Ids,
    private: _Private,
    rng: random.Random,
    number: int,
    states: list[str],
    episodes: list[Row],
    notes_per_incident: int,
    hidden_share: float,
    private_share: float,
) -> None:
    roll = rng.random()
    hidden = roll < hidden_share
    marked_private = hidden_share <= roll < hidden_share + private_share
    public = not hidden and not marked_private
    declared = BASE_TIME + timedelta(hours=number * 3, minutes=rng.randrange(180), milliseconds=rng.randrange(1000))
    stage = rng.choice((0, 1, 2, 2, 2))
    monitors = rng.sample([m["_id"] for m in tables["monitor"]], k=min(2, len(tables["monitor"])))
    service = next(m["name"] for m in tables["monitor"] if m["_id"] == monitors[0])
    title = f"{service} errors #{number}" if public else private.text(f"Private incident {number}")
    incident_id = ids.new()
    episode = rng.choice(episodes) if episodes and rng.random() < 0.3 else None
    row: Row = {
        "_id": incident_id,
        "title": title,
        "description": f"Some requests to **{service}** fail." if public else private.text("Private description"),
        "declaredAt": declared,
        "createdAt": declared + timedelta(seconds=5),
        "updatedAt": declared + timedelta(hours=2),
        "slug": f"incident-{number}",
        "incidentNumber": number,
        "incidentNumberWithPrefix": f"INC-{number}",
        "currentIncidentStateId": ObjectID(states[stage]),
        "incidentSeverityId": ObjectID(rng.choice(tables["incident-severity"])["_id"]),
        "isVisibleOnStatusPage": not hidden,
        "isPrivate": marked_private,
        "monitors": [ObjectID(m) for m in monitors],
        "rootCause": private.text("Root cause"),
        "remediationNotes": private.text("Remediation"),
        "customFields": {"ticket": private.text("JIRA-1")},
        "labels": [{"name": private.text("team-infra")}],
        "createdByUserId": ObjectID(ids.new()),
        "createdByUser": {"name": private.text("Jane Operator"), "email": "jane@example.com"},
        "telemetryQuery": {"query": private.text("service.name = db")},
        "projectId": PROJECT_REF,
        "incidentEpisodeId": ObjectID(episode["_id"]) if episode else None,
        # Private columns added for issue 8's leak tests (no random draws: seeds keep their projects).
        "createdStateLog": {"monitorResponse": private.text("Created state log")},
        "onCallDutyPolicies": [{"name": private.text("On-call policy")}],
        "subscriberNotificationStatusMessage": private.text("Incident subscribers notified"),
    }
    _add_postmortem(row, private, rng, public, stage)
    if rng.random() < 0.1:  # absent, not null: older rows and older servers
        del row["incidentEpisodeId"]
    tables["incident"].append(row)
    if episode is not None:
        episode["incidentCount"] += 1
        tables["incident-episode-member"].append(
            {
                "_id": ids.new(),
                "incidentEpisodeId": ObjectID(episode["_id"]),
                "incidentId": ObjectID(incident_id),
                "addedAt": declared,
                "addedBy": "rule",
                "projectId": PROJECT_REF,
            }
        )
    for index in range(notes_per_incident):
        posted = declared + timedelta(minutes=20 * (index + 1))
        text = f"Update {index + 1}: we are working on it." if public else private.text("Private update")
        tables["incident-public-note"].append(
            {
                "_id": ids.new(),
                "incidentId": ObjectID(incident_id),
                "note": text,
                "postedAt": posted if rng.random() < 0.95 else None,
                "createdAt": posted,
                "projectId": PROJECT_REF,
                "createdByUserId": ObjectID(ids.new()),
                "subscriberNotificationStatusMessage": private.text("sent to 120 subscribers"),
            }
        )
    tables["incident-internal-note"].append(
        {
            "_id": ids.new(),
            "incidentId": ObjectID(incident_id),
            "note": private.text("Internal note"),
            "createdAt": declared,
        }
    )
    tables["incident-feed"].append(
        {
            "_id": ids.new(),
            "incidentId": ObjectID(incident_id),
            "feedInfoInMarkdown": private.text("Feed item"),
            "createdAt": declared,
        }
    )
    _add_assignments(tables, private, incident_id, declared)
    for step in range(stage + 1):
        starts = declared + timedelta(minutes=45 * step)
        tables["incident-state-timeline"].append(
            {
                "_id": ids.new(),
                "incidentId": ObjectID(incident_id),
                "incidentStateId": ObjectID(states[step]),
                "startsAt": starts,
                "endsAt": declared + timedelta(minutes=45 * (step + 1)) if step < stage else None,
                "createdAt": starts,
                "rootCause": private.text("Timeline root cause"),
                "stateChangeLog": {"by": private.text("state log")},
                "projectId": PROJECT_REF,
            }
        )


def _add_assignments(tables: dict[str, list[Row]], private: _Private, incident_id: str, declared: datetime) -> None:
    """Who owns an incident (private); ids derive from the incident's, so no random draw is spent."""
    for resource, kind in (("incident-owner-user", "user"), ("incident-owner-team", "team")):
        tables[resource].append(
            {
                "_id": f"{incident_id}-{kind}",
                "incidentId": ObjectID(incident_id),
                kind: {"name": private.text(f"Owner {kind}")},
                "createdAt": declared,
            }
        )


def _add_postmortem(row: Row, private: _Private, rng: random.Random, public: bool, stage: int) -> None:
    if stage != 2 or rng.random() < 0.5:
        row["showPostmortemOnStatusPage"] = False
        if rng.random() < 0.5:
            row["postmortemNote"] = None
            row["postmortemPostedAt"] = None
        return
    kind = rng.choice(("published", "published", "hidden", "unposted"))
    posted_at = row["declaredAt"] + timedelta(days=2)
    if kind == "published" and public:
        row.update(
            showPostmortemOnStatusPage=True,
            postmortemPostedAt=posted_at,
            postmortemNote=f"## What happened\n\n{row['title']} was caused by a bad deploy.",
        )
    elif kind == "unposted":
        row.update(
            showPostmortemOnStatusPage=True,
            postmortemPostedAt=None,
            postmortemNote=private.text("Draft postmortem"),
        )
    else:
        row.update(
            showPostmortemOnStatusPage=False,
            postmortemPostedAt=posted_at,
            postmortemNote=private.text("Unpublished postmortem"),
        )


def _add_episode_rows(tables: dict[str, list[Row]], ids: _Ids, private: _Private, rng: random.Random) -> None:
    for episode in tables["incident-episode"]:
        public = episode["isVisibleOnStatusPage"] is True
        posted = episode["declaredAt"] + timedelta(minutes=30)
        tables["incident-episode-public-note"].append(
            {
                "_id": ids.new(),
                "incidentEpisodeId": ObjectID(episode["_id"]),
                "note": "We are looking into a wider problem." if public else private.text("Hidden episode note"),
                "postedAt": posted,
                "createdAt": posted,
                "projectId": PROJECT_REF,
                "subscriberNotificationStatusMessage": private.text("notified"),
            }
        )
        tables["incident-episode-internal-note"].append(
            {
                "_id": ids.new(),
                "incidentEpisodeId": ObjectID(episode["_id"]),
                "note": private.text("Episode internal note"),
                "createdAt": posted,
            }
        )
        # Common/Models/DatabaseModels/IncidentEpisodeStateTimeline.ts (9.4.13): rootCause and
        # stateChangeLog are private, so each carries a canary.
        tables["incident-episode-state-timeline"].append(
            {
                "_id": f"{episode['_id']}-state",
                "incidentEpisodeId": ObjectID(episode["_id"]),
                "incidentStateId": episode["currentIncidentStateId"],
                "startsAt": episode["declaredAt"] + timedelta(minutes=10),
                "endsAt": None,
                "createdAt": episode["declaredAt"] + timedelta(minutes=10),
                "rootCause": private.text("Episode timeline root cause"),
                "stateChangeLog": {"by": private.text("episode state log")},
                "projectId": PROJECT_REF,
            }
        )
        tables["incident-episode-feed"].append(
            {
                "_id": f"{episode['_id']}-feed",
                "incidentEpisodeId": ObjectID(episode["_id"]),
                "feedInfoInMarkdown": private.text("Episode feed item"),
                "createdAt": posted,
            }
        )
    rng.shuffle(tables["incident-episode-member"])


def visible_ids(project: FakeProject, resource: str) -> set[str]:
    """Ids of rows OneUptime's own status page would show (visible and not private)."""
    return {
        row["_id"]
        for row in project.rows(resource)
        if row.get("isVisibleOnStatusPage") is True and row.get("isPrivate") is not True
    }


def iter_strings(value: Any) -> Iterator[str]:
    """Every string inside a nested value, for grepping an output for canaries."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield str(key)
            yield from iter_strings(item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from iter_strings(item)


def config_for(fake: FakeOneUptime, **overrides: Any) -> Config:
    """Settings pointing at a running fake, with fast retries unless told otherwise."""
    settings: dict[str, Any] = {
        "url": fake.url,
        "project_id": fake.project.project_id,
        "api_key": fake.project.api_key,
        "timeout": 15.0,  # generous: a loaded CI machine must not turn into retries
        "retries": 3,
        "backoff": 0.01,
    }
    settings.update(overrides)
    return Config(**settings)


def page_monitors(project: FakeProject, page_id: str = STATUS_PAGE_ID) -> set[str]:
    """The monitors a status page shows: its resources' own and their monitor groups' members (for expectations)."""
    resources = [row for row in project.rows("status-page-resource") if row["statusPageId"] == page_id]
    groups = {row["monitorGroupId"] for row in resources if row.get("monitorGroupId")}
    members = {row["monitorId"] for row in project.rows("monitor-group-resource") if row["monitorGroupId"] in groups}
    return {row["monitorId"] for row in resources if row.get("monitorId")} | members


def shown_on_page(project: FakeProject, page_id: str = STATUS_PAGE_ID) -> tuple[set[str], set[str]]:
    """Ids of the incidents and episodes OneUptime's own status page shows (StatusPageAPI.ts), all time."""
    monitors = page_monitors(project, page_id)
    on_page = {row["_id"] for row in project.rows("incident") if {str(m) for m in row.get("monitors") or []} & monitors}
    incidents = visible_ids(project, "incident") & on_page
    with_member = {
        row["incidentEpisodeId"] for row in project.rows("incident-episode-member") if row["incidentId"] in on_page
    }
    return incidents, visible_ids(project, "incident-episode") & with_member
