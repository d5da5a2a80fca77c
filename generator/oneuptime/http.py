"""The one module that speaks HTTP: headers, deadlines, size limits, retries and safe error text.

`timeout` bounds a whole request (connect, send, every byte of the answer), not
each socket read, so a server that trickles a byte every few seconds cannot
keep a run alive; an answer larger than the size limit is refused while it
streams in, before it can fill the memory.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import json
import math
import random
import socket
import ssl
from collections.abc import AsyncIterator, Mapping
from typing import Any
from urllib.parse import urlsplit

import httpx

from generator.config import Config
from generator.errors import ApiError
from generator.oneuptime.refusals import refusal
from generator.oneuptime.server_text import error_message, shown

MAX_BACKOFF_SECONDS = 30.0
UNREACHABLE_TRIES = 2  # tries for a refused connection, an unknown host or TLS to a plain port
MAX_RETRY_AFTER_SECONDS = 60.0
ERROR_BODY_LIMIT = 64 * 1024  # bytes of an error answer read for its message


class _RetryableProblem(Exception):
    """One failed attempt that is worth repeating; its text names no secret."""

    def __init__(self, problem: str, retry_after: float | None = None) -> None:
        super().__init__(problem)
        self.retry_after = retry_after


class _Unreachable(Exception):
    """A connection problem that retrying rarely fixes: refused, unknown host, TLS to a plain port."""


class _TooLarge(Exception):
    """The answer grew past the limit while it streamed in."""


@contextlib.asynccontextmanager
async def open_session(
    config: Config, project_id: str, api_key: str, transport: httpx.AsyncBaseTransport | None
) -> AsyncIterator[HttpSession]:
    """A session for one fetch; the whole fetch must end within config.fetch_deadline."""
    async with httpx.AsyncClient(
        base_url=config.url,
        headers={"ApiKey": api_key, "ProjectID": project_id, "Accept": "application/json"},
        timeout=config.timeout,
        transport=transport,
        limits=httpx.Limits(max_connections=config.concurrency),
        follow_redirects=False,  # the key is never sent anywhere but ONEUPTIME_URL
    ) as client:
        try:
            async with asyncio.timeout(config.fetch_deadline):
                yield HttpSession(client, config, api_key)
        except TimeoutError:
            raise ApiError(
                f"the fetch from {config.url} did not finish within {config.fetch_deadline:g} s "
                f"(fetch_deadline under [oneuptime] in statusgen.toml)"
            ) from None


class HttpSession:
    """POSTs JSON and returns the decoded answer, repeating what is worth repeating."""

    def __init__(self, client: httpx.AsyncClient, config: Config, api_key: str) -> None:
        self._client = client
        self._config = config
        self._api_key = api_key
        self._slots = _Slots(config.concurrency)
        self._random = random.Random()  # noqa: S311 (jitter, not cryptography)
        self._size_limit = config.max_response_mb * 1024 * 1024

    def __repr__(self) -> str:
        return f"<HttpSession {self._config.url}>"

    async def post(
        self,
        resource: str,
        path: str,
        body: Mapping[str, Any],
        params: Mapping[str, int],
        *,
        urgent: bool = False,
        item: bool = False,
    ) -> dict[str, Any]:
        """One request, repeated on 429, 5xx, network trouble, timeouts and unreadable answers.

        The answer is a list answer ({"data": [...]}), or with `item` one object (get-item).
        """
        tries = self._config.retries + 1
        problem = "no answer"
        for attempt in range(tries):
            try:
                async with self._slots.slot(urgent=urgent):
                    return await self._attempt(resource, path, body, params, item)
            except _RetryableProblem as exc:
                problem = str(exc)
                if attempt + 1 < tries:
                    await asyncio.sleep(self._delay(attempt, exc.retry_after))
            except _Unreachable as exc:
                # One more try, soon, for a server that is just restarting; past that it needs a person.
                if attempt + 1 >= min(tries, UNREACHABLE_TRIES):
                    raise ApiError(str(exc)) from None
                await asyncio.sleep(self._delay(0, None))
        raise ApiError(f"OneUptime did not answer {resource} after {tries} tries: {problem}")

    async def _attempt(
        self, resource: str, path: str, body: Mapping[str, Any], params: Mapping[str, int], item: bool = False
    ) -> dict[str, Any]:
        try:
            async with asyncio.timeout(self._config.timeout):
                status, headers, content = await self._exchange(path, body, params)
        except (TimeoutError, httpx.TimeoutException):
            raise _RetryableProblem(f"no complete answer within {self._config.timeout:g} s") from None
        except _TooLarge:
            raise ApiError(
                f"OneUptime's answer to the {resource} request is larger than {self._config.max_response_mb} MB "
                f"(max_response_mb under [oneuptime] in statusgen.toml)"
            ) from None
        except httpx.ConnectError as exc:
            unreachable = _unreachable(exc, self._shown(_site_of(self._config.url)))
            if unreachable is not None:
                raise _Unreachable(unreachable) from None
            raise _RetryableProblem(f"connection failed ({self._shown(_describe(exc))})") from None
        except httpx.RequestError as exc:
            raise _RetryableProblem(f"connection failed ({self._shown(_describe(exc))})") from None
        if status == 429:
            raise _RetryableProblem("too many requests (429)", _retry_after(headers.get("Retry-After")))
        if status >= 500:
            message = self._shown(error_message(content))
            raise _RetryableProblem(f"server error {status}" + (f": {message}" if message else ""))
        if 300 <= status < 400:
            location = self._shown(headers.get("Location") or "") or "an unnamed address"
            raise ApiError(
                f"OneUptime answered the {resource} request with a redirect ({status}) to {location}; "
                f"set ONEUPTIME_URL to the address the API really has (the API key was not sent there)"
            )
        if not 200 <= status < 300:
            raise refusal(resource, status, self._shown(error_message(content)))
        if content.lstrip()[:1] == b"<":
            raise ApiError(
                f"{self._shown(_site_of(self._config.url))} answered the {resource} request with a web page, "
                "not OneUptime's JSON; check ONEUPTIME_URL: it must be the OneUptime address itself "
                "(the API is under /api)"
            )
        return _list_answer(content, item)

    async def _exchange(
        self, path: str, body: Mapping[str, Any], params: Mapping[str, int]
    ) -> tuple[int, httpx.Headers, bytes]:
        """Status, headers and body, the body read in chunks up to the size limit."""
        async with self._client.stream("POST", path, json=body, params=dict(params)) as response:
            limit = self._size_limit if response.is_success else ERROR_BODY_LIMIT
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > limit and response.is_success:
                raise _TooLarge
            chunks: list[bytes] = []
            size = 0
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > limit:
                    if response.is_success:
                        raise _TooLarge
                    break  # an error's message is at its start
                chunks.append(chunk)
            return response.status_code, response.headers, b"".join(chunks)

    def _shown(self, text: str) -> str:
        return shown(text, self._api_key)

    def _delay(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(retry_after, MAX_RETRY_AFTER_SECONDS)
        ceiling = min(MAX_BACKOFF_SECONDS, self._config.backoff * 2.0**attempt)
        # "Equal jitter": at least half the step, so retries never bunch up at zero.
        return ceiling / 2 + self._random.uniform(0, ceiling / 2)


def _list_answer(content: bytes, item: bool = False) -> dict[str, Any]:
    try:
        answer = json.loads(content)
    except (ValueError, UnicodeDecodeError):  # JSONDecodeError, or a number past Python's digit limit
        raise _RetryableProblem("the answer was not valid JSON") from None
    except RecursionError:
        raise _RetryableProblem("the answer was nested too deeply to read") from None
    if item and isinstance(answer, dict):
        return answer  # Response.sendEntityResponse: the item's JSON, {} when there is none
    if not isinstance(answer, dict) or not isinstance(answer.get("data"), list):
        raise _RetryableProblem("the answer did not have the shape of a list answer")
    return answer


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


def _unreachable(exc: httpx.ConnectError, site: str) -> str | None:
    """One line saying what is wrong with the address, for the connection errors a retry will not fix."""
    causes: list[BaseException] = []
    cause: BaseException | None = exc
    while cause is not None and len(causes) < 10:
        causes.append(cause)
        cause = cause.__cause__ or cause.__context__
    if any(isinstance(c, ssl.SSLError) for c in causes):
        return (
            f"cannot talk TLS to {site}: that port does not answer https:// (is it a plain http:// port, "
            "or a proxy in front?); check ONEUPTIME_URL"
        )
    if any(isinstance(c, socket.gaierror) for c in causes):
        return f"cannot find the host of {site} (name lookup failed); check ONEUPTIME_URL and the network's DNS"
    if any(isinstance(c, ConnectionRefusedError) for c in causes):
        return f"{site} refused the connection: nothing listens there; check ONEUPTIME_URL (host and port)"
    return None


def _site_of(url: str) -> str:
    """The URL's scheme, host and port: never a user name or password written into it."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    host = f"[{host}]" if ":" in host else host
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}"


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
