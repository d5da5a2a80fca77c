"""The output folder's listing: what os.walk gives, in a tree with every kind of entry a folder can hold."""

from __future__ import annotations

import os
from pathlib import Path

from generator.site_listing import existing_entries
from generator.site_swap import INSIDE_STAGING_PREFIX


def walked(output: Path) -> set[str]:
    """The listing as statusgen made it with os.walk, before it walked with os.scandir."""
    found: set[str] = set()
    root = str(output)
    for folder, subfolders, names in os.walk(root):
        if folder == root:
            subfolders[:] = [name for name in subfolders if not name.startswith(INSIDE_STAGING_PREFIX)]
        prefix = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        found.update(prefix + name for name in names)
        if prefix and not names and not subfolders:
            found.add(prefix)
    return found


def test_the_listing_is_what_os_walk_gives(tmp_path: Path) -> None:
    out = tmp_path / "site"
    (out / "incidents" / "1").mkdir(parents=True)
    (out / "incidents" / "1" / "index.html").write_text("page", encoding="utf-8")
    (out / "index.html").write_text("home", encoding="utf-8")
    (out / ".statusgen-site").write_text("{}", encoding="utf-8")
    (out / "empty" / "deeper").mkdir(parents=True)  # an empty folder inside a folder holding only it
    (out / "gone").mkdir()
    (out / f"{INSIDE_STAGING_PREFIX}x").mkdir()  # a staging folder at the top is not the site's
    (out / f"{INSIDE_STAGING_PREFIX}x" / "page.html").write_text("staged", encoding="utf-8")
    (out / "incidents" / f"{INSIDE_STAGING_PREFIX}y").mkdir()  # one further down is
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("not the site's", encoding="utf-8")
    (out / "linked-folder").symlink_to(outside, target_is_directory=True)  # neither followed nor listed
    (out / "only-a-link").mkdir()
    (out / "only-a-link" / "to-folder").symlink_to(outside, target_is_directory=True)
    (out / "linked-file.html").symlink_to(out / "index.html")
    (out / "dangling.html").symlink_to(tmp_path / "nowhere")

    listing = existing_entries(out)

    assert listing == walked(out)
    assert listing == {
        ".statusgen-site",
        "index.html",
        "incidents/1/index.html",
        f"incidents/{INSIDE_STAGING_PREFIX}y/",
        "empty/deeper/",
        "gone/",
        "linked-file.html",
        "dangling.html",
    }


def test_no_folder_has_no_entries(tmp_path: Path) -> None:
    assert existing_entries(tmp_path / "missing") == set()
