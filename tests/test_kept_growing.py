"""A build keeps the pages that say "in 28 days" while each such text reads as the last ledger knows it.

Until December 2026 every page holding an upcoming event's "in 28 days" was
rendered at every build. Now it is kept when its key (by the event's start)
holds and the ledger of the very site lists its texts, each reading now as
it did (kept_growing.py); whatever is kept must equal a whole build.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from generator import jobs
from generator.clock_ledger import read_ledger
from generator.output import Output
from tests import factories as f
from tests.test_clock_rebuild import Site, with_note
from tests.test_growing_starts_in import PAGES_THAT_SAY_HOW_SOON, upcoming_project

# The event pages hold their "in N days" without showing it; their feeds are made without it.
EVENT_PAGE, EVENT_FEED = "maintenance/3/index.html", "maintenance/3/feed.atom"


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site.built(tmp_path, upcoming_project())


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The first path of every output the builds render (they run in this process: under 200 outputs)."""
    paths: list[str] = []
    render = jobs._rendered

    def recording(output: Output, key: str | None, always: bool, new_files: jobs.NewFiles | None) -> jobs.Outcome:
        paths.append(output.paths[0])
        return render(output, key, always, new_files)

    monkeypatch.setattr(jobs, "_rendered", recording)
    yield paths


def noted(site: Site, number: int = 0) -> None:
    site.write(with_note(upcoming_project(), number, f"late-{number}"))


def test_a_new_note_five_minutes_later_keeps_the_pages_that_say_how_soon(site: Site, rendered: list[str]) -> None:
    later = f.TAKEN_AT + timedelta(minutes=5)
    noted(site)
    site.build(later)
    assert "index.html" in rendered  # it shows the build time
    assert not {EVENT_PAGE, EVENT_FEED, "maintenance/index.html", "components/database-eu/index.html"} & set(rendered)
    site.assert_as_fresh(later)
    ledger = read_ledger(site.config.output)
    assert ledger is not None
    assert {entry.path + "index.html" for entry in ledger.remade} >= {*PAGES_THAT_SAY_HOW_SOON, EVENT_PAGE}


def test_a_day_later_the_pages_whose_texts_read_otherwise_are_rendered(site: Site, rendered: list[str]) -> None:
    later = f.TAKEN_AT + timedelta(days=1)
    noted(site)
    site.build(later)
    assert {*PAGES_THAT_SAY_HOW_SOON} <= set(rendered)
    assert EVENT_PAGE not in rendered and EVENT_FEED not in rendered  # nothing of theirs moved
    site.assert_as_fresh(later)


def test_a_page_changed_by_hand_since_the_ledger_is_rendered_again(site: Site, rendered: list[str]) -> None:
    later = f.TAKEN_AT + timedelta(minutes=5)
    for path in (EVENT_PAGE, "maintenance/index.html"):
        changed = site.config.output / path
        changed.write_bytes(changed.read_bytes() + b"<!-- by hand -->")
    noted(site)
    site.build(later)
    assert {EVENT_PAGE, "maintenance/index.html"} <= set(rendered)
    site.assert_as_fresh(later)


def test_a_text_a_cron_run_rewrote_is_rendered_by_a_build_at_any_later_or_earlier_time(
    site: Site, rendered: list[str]
) -> None:
    """The cron run drops the rewritten pages' keys from the marker: no later build keeps them by key alone."""
    assert site.cron(f.TAKEN_AT + timedelta(hours=1)) is not None
    noted(site)
    earlier = f.TAKEN_AT + timedelta(minutes=5)  # "in 28 days" again, where the page now says "in 27 days"
    site.build(earlier)
    assert "maintenance/index.html" in rendered
    site.assert_as_fresh(earlier)


def test_without_the_ledger_every_page_that_holds_one_is_rendered(site: Site, rendered: list[str]) -> None:
    later = f.TAKEN_AT + timedelta(minutes=5)
    (site.config.output.parent / f".{site.config.output.name}.statusgen.clock").unlink()
    noted(site)
    site.build(later)
    assert {*PAGES_THAT_SAY_HOW_SOON, EVENT_PAGE} <= set(rendered)
    assert EVENT_FEED not in rendered  # made without its "in N days", it needs no ledger
    site.assert_as_fresh(later)
