"""The digest of the code and theme folders: the files and order of a sorted pathlib walk, read faster."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from generator import build_inputs


def walked_digest(folder: Path, pattern: str) -> str:
    """The digest as it was read before (pathlib's rglob), which build_inputs._digest_folder must equal."""
    digest = hashlib.blake2b(digest_size=16)
    for file in sorted(folder.rglob(pattern)):
        if file.is_file() and "__pycache__" not in file.parts:
            name, data = file.relative_to(folder).as_posix().encode("utf-8", "surrogateescape"), file.read_bytes()
            digest.update(b"%d:%s%d:" % (len(name), name, len(data)))
            digest.update(data)
    return digest.hexdigest()


def awkward_tree(top: Path) -> Path:
    """Names that sort differently as strings and as paths, hidden files, caches and symbolic links."""
    folder = top / "theme"
    for name, text in {
        "a/b.html": "1",
        "a-b/x.html": "2",
        "a.html": "3",
        ".hidden.html": "4",
        "deep/er/still/page.py": "5",
        "__pycache__/stale.py": "6",
        "deep/__pycache__/stale.py": "7",
        "notes.txt": "8",
    }.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    outside = top / "outside"
    outside.mkdir()
    (outside / "private.html").write_text("not the theme's", encoding="utf-8")
    os.symlink(outside, folder / "linked-folder")  # not entered, as rglob does not
    os.symlink(outside / "private.html", folder / "linked.html")  # a file: read through the link
    return folder


def test_the_digest_reads_the_files_of_a_sorted_pathlib_walk(tmp_path: Path) -> None:
    folder = awkward_tree(tmp_path)
    assert build_inputs._digest_folder(folder, "") == walked_digest(folder, "*")
    assert build_inputs._digest_folder(folder, ".py") == walked_digest(folder, "*.py")
    names = [name for name, _ in build_inputs._files_under(str(folder), "")]
    # By parts, as Path sorts: "a" before "a-b" before "a.html", though "a-b/x.html" < "a.html" < "a/b.html" as strings.
    assert names == [
        *(".hidden.html", "a/b.html", "a-b/x.html", "a.html"),
        *("deep/er/still/page.py", "linked.html", "notes.txt"),
    ]


def test_the_digest_of_the_code_is_that_of_the_walk() -> None:
    package = Path(build_inputs.__file__).parent
    assert build_inputs._digest_folder(package, ".py") == walked_digest(package, "*.py")


def test_a_changed_byte_or_a_new_file_changes_the_digest(tmp_path: Path) -> None:
    folder = awkward_tree(tmp_path)
    before = build_inputs._digest_folder(folder, "")
    (folder / "deep/er/still/page.py").write_text("6", encoding="utf-8")
    changed = build_inputs._digest_folder(folder, "")
    (folder / "a/new.html").write_text("", encoding="utf-8")
    assert len({before, changed, build_inputs._digest_folder(folder, "")}) == 3


def test_a_link_to_itself_and_a_folder_it_may_not_list_are_passed_over_as_pathlib_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = awkward_tree(tmp_path)
    os.symlink("loop.html", folder / "loop.html")  # ELOOP: Path.is_file says False
    os.symlink("gone.html", folder / "dangling.html")
    (folder / "locked").mkdir()
    (folder / "locked" / "secret.html").write_text("9", encoding="utf-8")
    scandir = os.scandir

    def refusing(path: str) -> object:  # root reads any folder: refuse this one as the system would
        if os.path.basename(path) == "locked":
            raise PermissionError(13, "Permission denied", path)
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    names = [name for name, _ in build_inputs._files_under(str(folder), "")]
    assert "loop.html" not in names and "dangling.html" not in names and "locked/secret.html" not in names
    monkeypatch.setattr(os, "scandir", scandir)
    (folder / "locked" / "secret.html").unlink()
    (folder / "locked").rmdir()
    assert build_inputs._digest_folder(folder, "") == walked_digest(folder, "*")
