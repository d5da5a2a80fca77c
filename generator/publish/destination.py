"""Where to publish: `s3://bucket/prefix`, optionally with its own endpoint, profile and region.

    s3://status-acme-com
    s3://acme-web/status?endpoint_url=https://ACCOUNT.r2.cloudflarestorage.com&profile=r2

Credentials never belong here: a destination is printed in summaries and errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl

from generator.errors import PublishError

_BUCKET = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{1,254}")
_PARAMETERS = ("endpoint_url", "profile", "region")


@dataclass(frozen=True, slots=True)
class Destination:
    """One bucket and the folder in it that holds the site ("" for the bucket's root)."""

    bucket: str
    prefix: str  # "" or ends with "/"
    endpoint_url: str | None = None
    profile: str | None = None
    region: str | None = None

    def __str__(self) -> str:
        return f"s3://{self.bucket}/{self.prefix}"


def parse_destination(text: str, endpoint_url: str | None = None) -> Destination:
    """A destination from the command line; `endpoint_url` applies unless the destination names its own."""
    scheme, separator, rest = text.partition("://")
    if not separator or scheme != "s3":
        raise PublishError(
            f"cannot publish to {_shown(text)}: a destination is s3://bucket or s3://bucket/folder "
            "(any S3-compatible store: AWS, R2, MinIO, Ceph, Google Cloud Storage's XML API)"
        )
    location, _, query = rest.partition("?")
    if "@" in location:
        raise PublishError(
            "credentials do not belong in a destination (it is printed in summaries): "
            "use AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile, or OIDC"
        )
    bucket, _, prefix = location.partition("/")
    if not _BUCKET.fullmatch(bucket):
        raise PublishError(f"{_shown(text)} names no valid bucket (letters, digits, '.', '-' and '_')")
    parts = [part for part in prefix.split("/") if part]
    if any(part in {".", ".."} for part in parts):
        raise PublishError(f"{_shown(text)}: a folder may not contain '.' or '..'")
    options = _options(text, query)
    return Destination(
        bucket=bucket,
        prefix="".join(f"{part}/" for part in parts),
        endpoint_url=options.get("endpoint_url") or endpoint_url,
        profile=options.get("profile"),
        region=options.get("region"),
    )


def check_endpoint_url(url: str) -> str:
    """An endpoint is an http(s) URL without credentials in it."""
    scheme, separator, rest = url.partition("://")
    if scheme not in {"http", "https"} or not separator or not rest:
        raise PublishError(f"endpoint {_shown(url)} is not an http(s) URL")
    if "@" in rest.split("/")[0]:
        raise PublishError("credentials do not belong in an endpoint URL; use the environment or a profile")
    return url.rstrip("/")


def _options(text: str, query: str) -> dict[str, str]:
    options: dict[str, str] = {}
    for name, value in parse_qsl(query, keep_blank_values=True):
        if name not in _PARAMETERS:
            raise PublishError(
                f"{_shown(text)}: unknown option {name!r} (a destination takes {', '.join(_PARAMETERS)})"
            )
        options[name] = check_endpoint_url(value) if name == "endpoint_url" else value
    return options


def _shown(text: str) -> str:
    """A destination as an error may show it: never past an '@', where a pasted secret would be."""
    return repr(text.split("@")[0] + ("@…" if "@" in text else ""))
