"""An upcoming maintenance event's "in 28 days" moves with the clock: a cron run rewrites it where pages show it."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import growing_check
from generator.clock_ledger import read_ledger
from generator.formats import Formats
from generator.growing import StartsIn
from generator.i18n import load_language
from generator.model import Snapshot
from generator.render import make_environment
from tests import factories as f
from tests.test_cache_property import MAINTENANCE_STATES
from tests.test_clock_rebuild import Site, _maintenance, quiet_project, restored, run_cron_steps
from tests.test_growing_durations import built_in_german, page, theme_replacing

DEFAULT = Path(__file__).parent.parent / "themes" / "default"
# At f.TAKEN_AT (12:00 UTC) each reads as below; an hour later the first three read otherwise:
# "in 28 days" becomes "in 27 days", "in 2 days" becomes "in 35 hours", "in 2 hours" becomes "in 40 minutes".
SOON = {
    3: timedelta(days=27, hours=12, minutes=30),  # in 28 days
    4: timedelta(hours=36, minutes=20),  # in 2 days
    5: timedelta(minutes=100),  # in 2 hours
    6: timedelta(days=60),  # in 60 days, all day
}
PAGES_THAT_SAY_HOW_SOON = ("components/database-eu/index.html", "index.html", "maintenance/index.html")


def upcoming_project(taken_at: datetime = f.TAKEN_AT) -> Snapshot:
    """The quiet project with events starting in minutes, hours and days, on the EU database."""
    project = quiet_project(taken_at=taken_at)
    events = [_starting(n, ahead) for n, ahead in SOON.items()]
    return dataclasses.replace(project, maintenance=(*project.maintenance, *events))


def _starting(n: int, ahead: timedelta) -> object:
    event = _maintenance(n, 1)
    starts = f.TAKEN_AT + ahead
    return dataclasses.replace(event, starts_at=starts, ends_at=starts + timedelta(hours=1))


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site.built(tmp_path, upcoming_project())


def test_the_ledger_records_where_each_page_says_how_soon(site: Site) -> None:
    ledger = read_ledger(site.config.output)
    assert ledger is not None and not ledger.counting
    spans = {entry.path + "index.html": entry.spans for entry in ledger.remade if entry.spans}
    assert set(spans) == set(PAGES_THAT_SAY_HOW_SOON)
    html = (site.config.output / "maintenance/index.html").read_bytes()
    shown = sorted(html[start:end].decode() for start, end, _, kind in spans["maintenance/index.html"])
    assert shown == ["in 2 days", "in 2 hours", "in 28 days", "in 40 days", "in 60 days"]
    assert {kind for entries in spans.values() for _, _, _, kind in entries} == {"starts_in"}


def test_an_hour_later_the_texts_are_rewritten_and_equal_a_whole_build(site: Site) -> None:
    later = f.TAKEN_AT + timedelta(hours=1)
    report = site.cron(later)
    assert report is not None
    assert set(PAGES_THAT_SAY_HOW_SOON) <= set(report.write.changed)
    site.assert_as_fresh(later)
    shown = page(site, "maintenance/index.html")
    assert "in 27 days" in shown and "in 35 hours" in shown and "in 40 minutes" in shown
    assert "in 28 days" not in shown and "in 2 days" not in shown


def test_runs_one_after_another_rewrite_where_the_last_one_left_the_texts(site: Site) -> None:
    for minutes in (5, 35, 65, 95):
        later = f.TAKEN_AT + timedelta(minutes=minutes)
        assert site.cron(later) is not None, minutes
        site.assert_as_fresh(later)


def test_a_restored_site_with_a_page_not_as_built_builds_whole(site: Site, tmp_path: Path) -> None:
    """Five minutes later no "in N days" reads otherwise, so no page is rewritten; in a site the seal cannot
    vouch for, each such page must still have the bytes it was built with."""
    copy = restored(site, tmp_path / "restored")
    page_file = copy.config.output / PAGES_THAT_SAY_HOW_SOON[0]
    page_file.write_bytes(page_file.read_bytes() + b"<!-- not as built -->")
    later = f.TAKEN_AT + timedelta(minutes=5)
    assert copy.cron(later) is None
    copy.build(later)
    copy.assert_as_fresh(later)
    assert site.cron(later) is not None  # the original, untouched: the clock path


def test_past_its_start_an_event_still_scheduled_says_in_1_minute_as_a_whole_build_does(site: Site) -> None:
    """Its stage follows its state (maintenance_views.py): until the project moves it on, it is upcoming."""
    later = f.TAKEN_AT + timedelta(minutes=101)
    assert site.cron(later) is not None
    site.assert_as_fresh(later)
    assert "in 1 minute<" in page(site, "maintenance/index.html")


def test_the_event_started_goes_through_the_whole_build(site: Site) -> None:
    """Moved to its ongoing state, the event is no longer upcoming: the plan differs, not only a text."""
    later = f.TAKEN_AT + timedelta(minutes=101)
    project = upcoming_project()
    started = dataclasses.replace(project.maintenance[-2], state_id=MAINTENANCE_STATES[1].id)
    site.write(dataclasses.replace(project, maintenance=(*project.maintenance[:-2], started, project.maintenance[-1])))
    assert site.cron(later) is None
    site.build(later)
    site.assert_as_fresh(later)


def _own_footer(tmp_path: Path) -> Path:
    return theme_replacing(tmp_path, "_footer.html", "</footer>", "<p>Our own footer</p></footer>")


def test_a_theme_of_one_s_own_takes_the_clock_path_only_while_every_text_stays(tmp_path: Path) -> None:
    """No page of a theme of one's own is rewritten (growing_check.py): the ledger counts each "in 3 days",
    so a run takes the clock path while none changed, as before such texts were rewritten."""
    site = Site.built(tmp_path, upcoming_project(), theme=_own_footer(tmp_path))
    ledger = read_ledger(site.config.output)
    assert ledger is not None and ledger.counting
    assert not any(entry.spans for entry in ledger.remade)
    five = f.TAKEN_AT + timedelta(minutes=5)
    assert site.cron(five) is not None
    site.assert_as_fresh(five)
    hour = f.TAKEN_AT + timedelta(hours=1)
    assert site.cron(hour) is None  # "in 28 days" would read "in 27 days"
    site.build(hour)
    site.assert_as_fresh(hour)


def test_in_german_the_texts_are_rewritten_in_german(tmp_path: Path) -> None:
    site = built_in_german(tmp_path, upcoming_project())
    later = f.TAKEN_AT + timedelta(hours=1)
    assert site.cron(later) is not None
    site.assert_as_fresh(later)
    assert "in 27 Tagen" in page(site, "maintenance/index.html")


STEPS = st.tuples(st.sampled_from([0, 1, 5, 29, 31, 60, 60 * 9]), st.booleans(), st.booleans())


@pytest.mark.slow
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(STEPS, min_size=1, max_size=4))
def test_any_run_of_cron_jobs_before_events_start_gives_what_a_fresh_build_gives(
    tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[int, bool, bool]]
) -> None:
    """Cron runs minutes to hours apart while events start in minutes, hours and days, across each unit's
    boundary and the start itself, with the snapshot renewed or not, some with a new note."""
    run_cron_steps(tmp_path_factory.mktemp("upcoming"), lambda at: upcoming_project(taken_at=at), steps)


def test_the_filter_says_it_in_the_site_s_language() -> None:
    from zoneinfo import ZoneInfo

    start = f.TAKEN_AT + timedelta(days=3)
    english = Formats(load_language("en", []), ZoneInfo("UTC"))
    french = Formats(load_language("fr", [DEFAULT]), ZoneInfo("UTC"))
    assert english.starts_in(StartsIn.before(start, f.TAKEN_AT)) == "in 3 days"
    assert english.starts_in(StartsIn.before(start, start - timedelta(minutes=1))) == "in 1 minute"
    assert french.starts_in(StartsIn.before(start, f.TAKEN_AT)) == "dans 3 jours"
    assert english.growing("starts_in", start, f.TAKEN_AT + timedelta(days=1)) == "in 2 days"


CARD = "{{ view.starts_in|starts_in }}"


def bundled_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, new: str) -> Path:
    """A copy of the bundled theme, its card's "in 3 days" replaced by `new`, taken for the bundled theme:
    what a later edit of the bundled card would give."""
    bundled = tmp_path / "default"
    shutil.copytree(DEFAULT, bundled)
    card = bundled / "_maintenance_card.html"
    source = card.read_text(encoding="utf-8")
    assert CARD in source
    card.write_text(source.replace(CARD, new), encoding="utf-8")
    monkeypatch.setattr(growing_check, "default_theme_dir", lambda: bundled)
    return bundled


@pytest.mark.parametrize(
    ("new", "plain"),
    [
        pytest.param(CARD, True, id="the filter, printed"),
        pytest.param('{{ _("Starts %(when)s", when=view.starts_in|starts_in) }}', True, id="in a message"),
        pytest.param("{{ view.starts_in.count }}", False, id="the count read itself"),
        pytest.param("{% set s = view.starts_in|starts_in %}{{ s }}{{ s|length }}", False, id="the text kept"),
        pytest.param('{{ view["starts_in"]|starts_in }}', False, id="read by subscript"),
        pytest.param("{% if view.starts_in %}{{ view.starts_in|starts_in }}{% endif %}", False, id="tested"),
        pytest.param("{{ view.starts_in|starts_in|upper }}", False, id="filtered again"),
    ],
)
def test_the_bundled_templates_say_how_soon_only_through_the_filter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, new: str, plain: bool
) -> None:
    """The syntax check that holds the bundled templates to printing the text as it is (growing_check.py),
    on a copy of the bundled theme taken for the bundled one."""
    from zoneinfo import ZoneInfo

    bundled = bundled_copy(tmp_path, monkeypatch, new)
    formats = Formats(load_language("en", [bundled]), ZoneInfo("UTC"))
    environment = make_environment([bundled], {}, formats)
    assert growing_check.shows_growth_plainly(environment, "maintenance_list.html") is plain
    assert growing_check.shows_growth_plainly(environment, "incident.html")  # no card: unaffected
