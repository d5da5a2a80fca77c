"""The only module that talks to an object store (through boto3, imported on first use).

Every error the store library can raise becomes one PublishError line that
names the destination and the fix, and is written here from the error's code:
a library message is never passed on, so no credential can ride along.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from generator import __version__
from generator.errors import PublishError
from generator.publish.destination import Destination
from generator.publish.headers import Headers
from generator.publish.manifest import MANIFEST_KEY, Listed
from generator.publish.settings import PublishSettings

EXTRA_MISSING = "publishing needs boto3, which is not installed: pip install 'statusgen[s3]'"
_CREDENTIAL_CODES = {
    "InvalidAccessKeyId",
    "SignatureDoesNotMatch",
    "ExpiredToken",
    "InvalidToken",
    "TokenRefreshRequired",
    "AuthorizationHeaderMalformed",
    "InvalidClientTokenId",
}


class ObjectStore(Protocol):
    """One destination's objects, by key below its prefix. The manifest object is not listed."""

    def list_objects(self) -> dict[str, Listed]: ...

    def read_manifest(self) -> bytes | None: ...

    def write_manifest(self, body: bytes) -> None: ...

    def put(self, key: str, body: bytes, headers: Headers) -> str:
        """Upload one object; returns its ETag."""
        ...

    def delete(self, key: str) -> None: ...


def open_store(destination: Destination, settings: PublishSettings) -> ObjectStore:
    """A client for `destination`, with credentials from the standard chain (environment, profile, OIDC, role)."""
    boto3, botocore = _library()
    try:
        session = boto3.session.Session(profile_name=destination.profile, region_name=destination.region)
        credentials = session.get_credentials()
    except botocore.exceptions.ProfileNotFound:
        raise PublishError(f"{destination}: there is no AWS profile {destination.profile!r}") from None
    except botocore.exceptions.BotoCoreError as exc:
        raise PublishError(f"{destination}: cannot load the credentials ({type(exc).__name__})") from None
    if credentials is None:
        raise PublishError(
            f"{destination}: no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
            "AWS_PROFILE, or a web identity (OIDC) role"
        )
    config = botocore.config.Config(
        retries={"mode": "standard", "max_attempts": settings.retries + 1},
        connect_timeout=settings.timeout,
        read_timeout=settings.timeout,
        max_pool_connections=settings.concurrency,
        # Only the checksums a request needs: R2, Ceph and older MinIO refuse boto3's new default ones.
        request_checksum_calculation="when_required",
        response_checksum_validation="when_required",
        user_agent_extra=f"statusgen/{__version__}",
    )
    client = session.client("s3", endpoint_url=destination.endpoint_url, config=config)
    return S3Store(destination, client, botocore.exceptions)


def check_library() -> None:
    """One clear line, before any destination is tried, when the s3 extra is not installed."""
    _library()


def _library() -> tuple[Any, Any]:
    try:
        import boto3
        import botocore.config
        import botocore.exceptions
    except ImportError:
        raise PublishError(EXTRA_MISSING) from None
    return boto3, botocore


class S3Store:
    """A bucket and prefix of any S3-compatible store."""

    def __init__(self, destination: Destination, client: Any, exceptions: Any) -> None:
        self.destination = destination
        self._client = client
        self._exceptions = exceptions

    def list_objects(self) -> dict[str, Listed]:
        found: dict[str, Listed] = {}
        prefix = self.destination.prefix
        with self._translated("list", prefix or "the bucket"):
            pages = self._client.get_paginator("list_objects_v2").paginate(
                Bucket=self.destination.bucket, Prefix=prefix
            )
            for page in pages:
                for item in page.get("Contents", ()):
                    key = str(item["Key"])[len(prefix) :]
                    if key != MANIFEST_KEY:
                        found[key] = Listed(int(item["Size"]), str(item.get("ETag", "")))
        return found

    def read_manifest(self) -> bytes | None:
        with self._translated("read", MANIFEST_KEY):
            try:
                answer = self._client.get_object(Bucket=self.destination.bucket, Key=self._key(MANIFEST_KEY))
            except self._exceptions.ClientError as exc:
                if _code(exc) in {"NoSuchKey", "404"}:
                    return None
                raise
            return bytes(answer["Body"].read())

    def write_manifest(self, body: bytes) -> None:
        self.put(MANIFEST_KEY, body, Headers("application/gzip", "no-store"))

    def put(self, key: str, body: bytes, headers: Headers) -> str:
        with self._translated("upload", key):
            answer = self._client.put_object(
                Bucket=self.destination.bucket,
                Key=self._key(key),
                Body=body,
                ContentType=headers.content_type,
                CacheControl=headers.cache_control,
            )
        return str(answer.get("ETag", ""))

    def delete(self, key: str) -> None:
        with self._translated("delete", key):
            self._client.delete_object(Bucket=self.destination.bucket, Key=self._key(key))

    def _key(self, key: str) -> str:
        return self.destination.prefix + key

    @contextmanager
    def _translated(self, operation: str, key: str) -> Iterator[None]:
        """Any library error as one line: what failed, where, and what to do."""
        where = f"{self.destination}: {operation} {key or '(the folder key of the home page)'}"
        try:
            yield
        except self._exceptions.ClientError as exc:
            raise PublishError(self._refusal(where, exc)) from None
        except self._exceptions.ReadTimeoutError:
            raise PublishError(f"{where} failed: {self._endpoint()} did not answer in time") from None
        except self._exceptions.ConnectionError:
            raise PublishError(f"{where} failed: cannot reach {self._endpoint()}") from None
        except self._exceptions.NoCredentialsError:
            raise PublishError(f"{where} failed: no credentials") from None
        except self._exceptions.BotoCoreError as exc:
            raise PublishError(f"{where} failed ({type(exc).__name__})") from None

    def _refusal(self, where: str, exc: Any) -> str:
        code, status = _code(exc), exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        if code == "NoSuchBucket":
            return f"{self.destination}: the bucket {self.destination.bucket} does not exist at {self._endpoint()}"
        if code in _CREDENTIAL_CODES:
            return (
                f"{where} failed: the store refused the credentials ({code}); check AWS_ACCESS_KEY_ID and "
                "AWS_SECRET_ACCESS_KEY (or the profile), or renew the session token"
            )
        if code in {"AccessDenied", "Forbidden", "403"}:
            return (
                f"{where} failed: access denied; the credentials need permission to list, read, "
                f"write and delete objects in {self.destination}"
            )
        return f"{where} failed: the store answered {code or 'an error'} (HTTP {status})"

    def _endpoint(self) -> str:
        return str(self.destination.endpoint_url or self._client.meta.endpoint_url)


def _code(exc: Any) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))
