"""A final answer of the server as one line that says what to fix.

The hints follow what the server means by each status (../shared/ONEUPTIME_SOURCE_NOTES.md, A1):
400 "Invalid API Key" and 401 are the key (ProjectAuthorization.ts, PublicPermission.ts),
422 a missing permission (TablePermission.ts: NotAuthorizedException), 402 the plan
(BillingPermission.ts), 404 a route the server does not have (StartServer.ts catch-all).
"""

from __future__ import annotations

import re

from generator.errors import ApiError, AuthenticationError
from generator.oneuptime.rows import READ_PERMISSION

KEY_HINT = (
    "set ONEUPTIME_API_KEY (or --api-key-file) to an API key of this project (OneUptime: Project Settings > API Keys)"
)
_KEY_MESSAGES = ("invalid api key", "api key not found", "apikey not found", "valid api key is needed")
_UNKNOWN_COLUMN = re.compile(r'Cannot select on "([^"]+)"\. This column does not exist')


class ResourceMissing(ApiError):
    """The server has no such resource (404): an older OneUptime, for optional resources."""


class PermissionMissing(AuthenticationError):
    """The key may not read this resource (422)."""


class UnknownColumn(ApiError):
    """A selected column does not exist on this server version (400); `column` is the one it names."""

    def __init__(self, message: str, column: str | None) -> None:
        super().__init__(message)
        self.column = column


def refusal(resource: str, status: int, message: str) -> ApiError:
    """The error for a final (non-retryable) answer; `message` is the server's text, already made safe."""
    said = f"OneUptime refused the {resource} request ({status})" + (f": {message}" if message else "")
    lowered = message.lower()
    if status == 401 or any(text in lowered for text in _KEY_MESSAGES):
        # Every request is refused alike, so the resource that happened to answer first is not named.
        return AuthenticationError(f"OneUptime refused the API key ({status}): {message}; {KEY_HINT}")
    if status in (403, 422):
        return PermissionMissing(f"{said}; {permission_hint(resource)}")
    if status == 402:
        return ApiError(f"{said}; the project's OneUptime plan does not include this: upgrade it in Project Settings")
    if status == 404:
        return ResourceMissing(f"OneUptime has no {resource} resource (404); check ONEUPTIME_URL")
    column = _UNKNOWN_COLUMN.search(message)
    if status == 400 and column:
        return UnknownColumn(said, column.group(1))
    return ApiError(said)


def permission_hint(resource: str) -> str:
    """Which role or permission lets a key read `resource`."""
    permission = READ_PERMISSION.get(resource)
    older = f' (before OneUptime 10.0.65: the "{permission}" permission)' if permission else ""
    return f"give the API key the Viewer role{older}"
