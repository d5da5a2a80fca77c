"""A real S3 API on 127.0.0.1 for the publish tests: moto's standalone server, spoken to over a socket."""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass
from typing import Any

import boto3
from botocore.config import Config
from moto.server import ThreadedMotoServer

REGION = "us-east-1"
# Credentials moto accepts; a test that checks for leaks looks for the secret in every output.
ACCESS_KEY_ID = "AKIATESTPUBLISH0001"
SECRET_ACCESS_KEY = "sekrit-9f2c1e7d-publish-test-key"  # noqa: S105 - a test value moto accepts
_names = itertools.count(1)


@dataclass
class S3Server:
    """One moto server for the session; each test gets fresh buckets on it."""

    server: ThreadedMotoServer
    url: str

    @classmethod
    def start(cls) -> S3Server:
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        server.start()
        host, port = server.get_host_and_port()
        return cls(server, f"http://{host}:{port}")

    def stop(self) -> None:
        self.server.stop()

    def client(self) -> Any:
        """A plain boto3 client: how a test looks into the bucket, independently of statusgen's store."""
        return boto3.client(
            "s3",
            endpoint_url=self.url,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY_ID,
            aws_secret_access_key=SECRET_ACCESS_KEY,
            config=Config(request_checksum_calculation="when_required"),
        )

    def new_bucket(self) -> str:
        name = f"status-test-{next(_names)}"
        self.client().create_bucket(Bucket=name)
        return name


def listing(client: Any, bucket: str, prefix: str = "") -> dict[str, str]:
    """Every key below `prefix` (relative to it) and its ETag."""
    found = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for item in page.get("Contents", ()):
            found[item["Key"][len(prefix) :]] = item["ETag"]
    return found


class BucketReader:
    """The bucket's objects and their bytes, fetching only what changed since the last look (by ETag)."""

    def __init__(self, client: Any, bucket: str, prefix: str = "") -> None:
        self.client, self.bucket, self.prefix = client, bucket, prefix
        self._cache: dict[tuple[str, str], bytes] = {}

    def objects(self) -> dict[str, bytes]:
        contents = {}
        for key, etag in listing(self.client, self.bucket, self.prefix).items():
            if (key, etag) not in self._cache:
                answer = self.client.get_object(Bucket=self.bucket, Key=self.prefix + key)
                self._cache[(key, etag)] = answer["Body"].read()
            contents[key] = self._cache[(key, etag)]
        return contents


def headers(client: Any, bucket: str, key: str) -> tuple[str, str]:
    """An object's Content-Type and Cache-Control, as the store serves them."""
    answer = client.head_object(Bucket=bucket, Key=key)
    return answer["ContentType"], answer.get("CacheControl", "")
