"""The objects a built site folder becomes: one per file, plus folder keys for stores without index documents.

A link to `incidents/112/` asks an S3 REST endpoint (or a CDN in front of one)
for the key `incidents/112/`, which answers 404 unless it exists. So each
`…/index.html` is also published under its folder key, with the same bytes,
and the folder's name without the slash (`incidents/112`, what a visitor types)
holds a tiny page that sends the browser on to `incidents/112/`: the page's own
relative links only work under the address with the slash.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from generator.errors import PublishError
from generator.publish.headers import Headers, headers_for
from generator.publish.settings import PublishSettings
from generator.writer import MARKER_NAME, existing_files

INDEX = "index.html"


@dataclass(frozen=True, slots=True)
class SiteObject:
    """One object to publish, by its key below the destination's prefix."""

    key: str
    source: str  # the site file it is made from, e.g. "incidents/112/index.html"
    sha256: str
    md5: str  # what S3 reports as the ETag of a plain upload: how a half-finished run is recognised
    size: int
    headers: Headers
    body: bytes | None = None  # the bytes of a made-up object (a redirect); None: the source file's

    @property
    def is_redirect(self) -> bool:
        return self.body is not None


def site_objects(site: Path, settings: PublishSettings, rooted: bool) -> dict[str, SiteObject]:
    """Every object of the site in folder `site`, by key.

    `rooted`: whether the destination has a prefix, so that the site's own
    root has a folder key too (the bucket's root has none).
    """
    check_site_folder(site)
    objects: dict[str, SiteObject] = {}
    for path in sorted(existing_files(site) - {MARKER_NAME}):
        headers = headers_for(path, settings.content_type, settings.cache_control)
        sha256, md5, size = file_digest(site / path)
        objects[path] = SiteObject(path, path, sha256, md5, size, headers)
        if settings.folder_keys:
            for alias in folder_keys(path, rooted, objects[path]):
                objects[alias.key] = alias
    return objects


def folder_keys(path: str, rooted: bool, page: SiteObject) -> Iterator[SiteObject]:
    """The folder key (same bytes) and the slashless redirect of an index page; none for other files."""
    posix = PurePosixPath(path)
    if posix.name != INDEX:
        return
    folder = "" if posix.parent == PurePosixPath(".") else str(posix.parent)
    if folder or rooted:
        yield SiteObject(folder + "/" if folder else "", path, page.sha256, page.md5, page.size, page.headers)
    if folder:
        body = redirect_page(posix.parent.name + "/")
        sha256, md5 = hashlib.sha256(body).hexdigest(), hashlib.md5(body, usedforsecurity=False).hexdigest()
        yield SiteObject(folder, path, sha256, md5, len(body), page.headers, body)


def redirect_page(folder: str) -> bytes:
    """A page that sends the browser to the relative address `folder` at once."""
    target = html.escape(quote(folder))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Moved</title>'
        f'<meta http-equiv="refresh" content="0; url={target}"><link rel="canonical" href="{target}"></head>'
        f'<body><p><a href="{target}">{target}</a></p></body></html>\n'
    ).encode()


def check_site_folder(site: Path) -> None:
    """Publish only a folder statusgen built: never a home directory by a typo."""
    if not site.is_dir():
        raise PublishError(f"there is no site to publish at {site}; build it first with `statusgen build`")
    if not (site / MARKER_NAME).is_file():
        raise PublishError(
            f"{site} was not built by statusgen (it has no {MARKER_NAME} marker); refusing to publish it"
        )


def file_digest(path: Path) -> tuple[str, str, int]:
    """The SHA-256 and MD5 (hex) and the size of a file. SHA-256 decides; MD5 only recognises an ETag."""
    sha256, md5 = hashlib.sha256(), hashlib.md5(usedforsecurity=False)
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            sha256.update(chunk)
            md5.update(chunk)
            size += len(chunk)
    return sha256.hexdigest(), md5.hexdigest(), size


def object_body(site: Path, item: SiteObject) -> bytes:
    """The bytes to upload; refuses a file that changed since it was digested (a build ran meanwhile)."""
    if item.body is not None:
        return item.body
    try:
        body = (site / item.source).read_bytes()
    except OSError:
        body = b""
    if hashlib.sha256(body).hexdigest() != item.sha256:
        raise PublishError(f"{item.source} changed while it was being published (a build ran meanwhile); run again")
    return body
