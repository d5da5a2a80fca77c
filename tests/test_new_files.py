"""A first build's workers write the files they render themselves, and send back only what the build reads."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from generator import parallel
from generator.build import build_site, render_site
from generator.config import Config
from generator.errors import OutputError, ThemeError
from generator.model import Snapshot
from generator.site_listing import existing_files
from generator.site_swap import WORK_PREFIX
from generator.writer import SiteWriter, open_site, write_site
from tests import factories as f

BASE_URL = "https://status.example.com"
DEFAULT_INCIDENT = Path(__file__).resolve().parents[1] / "themes" / "default" / "incident.html"


def many_incidents(count: int = 160) -> Snapshot:
    """Enough incidents for a page and a feed each to be rendered by forked workers (parallel.PARALLEL_THRESHOLD)."""
    incidents = [f.incident(n, updates=(f.note(f"n{n}", n - 0.5, f"Note **{n}**."),)) for n in range(1, count + 1)]
    return f.snapshot(*incidents)


def site_files(folder: Path) -> dict[str, bytes]:
    return {path: (folder / path).read_bytes() for path in existing_files(folder) if path != ".statusgen-site"}


def leftovers(folder: Path) -> list[str]:
    """The work folders a build left beside its output folder (site_swap.WORK_PREFIX), if any."""
    return sorted(entry.name for entry in folder.parent.iterdir() if WORK_PREFIX in entry.name)


def test_a_first_build_writes_its_pages_in_the_workers_and_gives_what_render_site_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # forked workers even on a one-core machine
    written_here: list[str] = []
    write = SiteWriter._write

    def spy(self: SiteWriter, path: str, content: bytes) -> None:  # in this process only: workers send nothing back
        written_here.append(path)
        write(self, path, content)

    monkeypatch.setattr(SiteWriter, "_write", spy)
    snapshot, config = many_incidents(), Config(output=tmp_path / "site", base_url=BASE_URL)
    report = build_site(snapshot, config, f.TAKEN_AT)
    expected = render_site(snapshot, Config(base_url=BASE_URL), f.TAKEN_AT)
    assert len(expected) > parallel.PARALLEL_THRESHOLD  # files; outputs too: a page and a feed per incident
    assert site_files(tmp_path / "site") == expected
    assert sorted(report.write.added) == sorted(expected) and report.write.changed == ()
    # Only outputs without a key (the home page, the site's feeds, the API...) came back through the pipe.
    incident_files = [path for path in expected if path.startswith("incidents/")]
    assert len(incident_files) == 320
    assert set(written_here).isdisjoint(incident_files)
    assert 0 < len(written_here) < len(expected) / 4
    assert leftovers(tmp_path / "site") == []
    assert {oct(os.stat(tmp_path / "site" / path).st_mode & 0o777) for path in incident_files} == {
        oct(0o666 & ~_umask())
    }


def test_a_build_over_a_site_writes_here_what_differs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    output = tmp_path / "site"
    build_site(many_incidents(), Config(output=output, base_url=BASE_URL), f.TAKEN_AT)
    written_here: list[str] = []
    write = SiteWriter._write

    def spy(self: SiteWriter, path: str, content: bytes) -> None:
        written_here.append(path)
        write(self, path, content)

    monkeypatch.setattr(SiteWriter, "_write", spy)
    changed = many_incidents(161)  # one more incident: its page and feed are new, the lists changed
    report = build_site(changed, Config(output=output, base_url=BASE_URL), f.TAKEN_AT, use_cache=False)
    assert site_files(output) == render_site(changed, Config(base_url=BASE_URL), f.TAKEN_AT)
    assert {"incidents/161/index.html", "incidents/161/feed.atom"} <= set(report.write.added)
    assert sorted(written_here) == sorted([*report.write.added, *report.write.changed])


def test_only_an_output_folder_without_files_gets_a_staging_folder_for_the_workers(tmp_path: Path) -> None:
    with open_site(tmp_path / "new") as site:
        staging = site.staging_for_new_files()
        assert staging is not None and Path(staging).is_dir()
        assert site.staging_for_new_files() is None  # asked once, before anything is added
    assert not Path(staging).exists()  # nothing was committed: the writer removed it
    write_site({"index.html": b"old"}, tmp_path / "old")
    with open_site(tmp_path / "old") as site:
        assert site.staging_for_new_files() is None


def test_a_first_build_that_fails_part_way_leaves_no_files_anywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A template error in a worker, as the whole build gives up."""
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    theme = tmp_path / "theme"
    theme.mkdir()
    failing = "{% if incident.incident.number == 20 %}{{ 1 / 0 }}{% endif %}"
    (theme / "incident.html").write_text(failing + DEFAULT_INCIDENT.read_text(encoding="utf-8"), encoding="utf-8")
    output = tmp_path / "site"
    with pytest.raises(ThemeError, match="ZeroDivisionError"):
        build_site(many_incidents(), Config(output=output, base_url=BASE_URL, theme=theme), f.TAKEN_AT)
    assert not output.exists()
    assert leftovers(output) == []


def test_when_this_process_fails_to_write_the_workers_end_before_the_staging_folder_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The home page, written here first, finds the disk full while the workers still write incidents."""
    monkeypatch.setattr(os, "cpu_count", lambda: 2)

    def disk_full(self: SiteWriter, path: str, content: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(SiteWriter, "_write", disk_full)
    output = tmp_path / "site"
    for _ in range(5):  # a worker writing after the staging folder was removed would make it again, now and then
        with pytest.raises(OutputError, match="No space left on device; the previous site is unchanged"):
            build_site(many_incidents(), Config(output=output, base_url=BASE_URL), f.TAKEN_AT)
        assert not output.exists()
        assert leftovers(output) == []


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
