"""Red-team pass on the clock path's acceptance of a restored site (its marker named by its bytes, 84b5d82).

Each test here is a sequence a CI job can run into, ending in a site that must be what a fresh build gives.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from generator.config import Config
from generator.seal import seal_file_for
from tests import factories as f
from tests.test_clock_rebuild import BASE, Site, quiet_project, restored


def _theme(folder: Path, name: str, text: str) -> Path:
    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_restore_into_a_job_with_another_theme_of_the_same_digest_is_not_trusted(tmp_path: Path) -> None:
    """build_inputs._digest_folder feeds each theme file's name and bytes to the hash with nothing between them,
    so a theme whose `_footer.html` holds "<footer>..." and one whose `_footer.htm` holds "l<footer>..." have
    the same theme digest, hence the same settings digest and marker key. The second theme does not override the
    footer at all: a fresh build shows the bundled footer. Copied (or restored) with its ledger into a job that
    uses the second theme, the first theme's site is accepted by its marker's bytes and its custom footer stays
    published, on every page, for as long as the data does not change."""
    (tmp_path / "a").mkdir()
    ours = _theme(tmp_path / "theme-a", "_footer.html", "<footer>Ours</footer>\n")
    renamed = _theme(tmp_path / "theme-b", "_footer.htm", "l<footer>Ours</footer>\n")
    site = Site.built(tmp_path / "a", quiet_project(), theme=ours)
    copy = restored(site, tmp_path / "b")
    copy.config = Config(output=copy.config.output, base_url=BASE, theme=renamed)
    copy.fresh = Config(output=copy.fresh.output, base_url=BASE, theme=renamed)
    later = f.TAKEN_AT + timedelta(minutes=5)
    copy.cron_or_build(later)
    copy.assert_as_fresh(later)


LATER = f.TAKEN_AT + timedelta(minutes=5)


def test_a_restored_site_with_a_stray_symlinked_folder_is_not_sealed_with_it(tmp_path: Path) -> None:
    """The walk that stands in for the seal (site_listing.existing_entries) does not see a symlink to a folder:
    os.walk lists it among the subfolders and does not enter it. So a restored site with such a stray entry
    (here `extra` -> a private folder beside it) has "exactly the files the last build recorded", the clock path
    replaces three files in place, and then seals the folder, stray entry and all. Before 84b5d82 this case
    (no seal to vouch) swapped in a tree staged from the listed files, as a whole build still does: the entry went.
    Now it stays (the same in place, once the entry has made the seal stale), and a host that serves the folder
    itself (and follows symlinks, as nginx and Apache do by default) serves whatever it points to; site_listing's
    own docstring promises trusted trees free of entries it does not know about."""
    site = Site.built(tmp_path, quiet_project())
    copy = restored(site, tmp_path / "restored")
    private = tmp_path / "private"
    private.mkdir()
    (private / "notes.txt").write_text("not for the public\n", encoding="utf-8")
    os.symlink(private, copy.config.output / "extra")
    copy.cron_or_build(LATER)
    assert not os.path.lexists(copy.config.output / "extra")
    copy.assert_as_fresh(LATER)


def test_a_seal_that_cannot_be_written_is_left_out_and_the_next_run_lists_the_site(tmp_path: Path) -> None:
    """_replace_listed called seal.write_seal outside any handler: an OSError there (here a folder left where its
    temporary file goes; a full disk or a read-only parent does the same) escaped as a bare IsADirectoryError,
    which the command reports as an "internal error ... please report it", after the remade files and the marker
    were already replaced. The seal is only evidence for the next run: now the run ends as committed, with no
    seal (as write_ledger does with its ledger), and the next run lists the site again."""
    site = Site.built(tmp_path, quiet_project())
    copy = restored(site, tmp_path / "restored")
    seal = seal_file_for(copy.config.output)
    seal.with_name(seal.name + ".tmp").mkdir()
    assert copy.cron(LATER) is not None
    assert not seal.exists()
    copy.assert_as_fresh(LATER)
    seal.with_name(seal.name + ".tmp").rmdir()
    assert copy.cron(LATER + timedelta(minutes=5)) is not None
    assert seal.exists()
    copy.assert_as_fresh(LATER + timedelta(minutes=5))


def test_a_restored_site_does_not_keep_an_output_the_page_cache_never_keeps(tmp_path: Path) -> None:
    """_replace_listed says the restored site's files are "trusted as the page cache trusts kept files", but the
    page cache only ever keeps an output whose key the marker holds: the API's JSON, the site feeds, badges,
    calendars, robots.txt, sitemap.xml and 404.html have none and are rendered by every build. Before 84b5d82 a
    restored site went through the build, which rendered them again; now every file but the remade ones is kept
    from the cache as it is. Here the cache holds a status.json that says "major outage" (what a step after the
    build, a hand fix or a damaged cache leaves): it stays published for as long as the data does not change."""
    site = Site.built(tmp_path, quiet_project())
    copy = restored(site, tmp_path / "restored")
    status = copy.config.output / "api" / "v2" / "status.json"
    status.write_bytes(status.read_bytes().replace(b'"none"', b'"major"'))
    assert b'"major"' in status.read_bytes()
    copy.cron_or_build(LATER)
    copy.assert_as_fresh(LATER)
