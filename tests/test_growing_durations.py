"""An ongoing incident's duration grows with the build time: a cron run rewrites only where pages show it."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from generator.clock_ledger import ledger_file_for, read_ledger
from generator.formats import Formats
from generator.growing import GrowingSpan
from generator.growing_text import duration_filter, marking, rewrite, unmark
from generator.i18n import load_language
from generator.model import Snapshot
from tests import factories as f
from tests.test_clock_rebuild import Site, quiet_project, run_cron_steps

INCIDENT_PAGE = "incidents/6/index.html"
EPISODE_PAGE = "episodes/1/index.html"


def ongoing_project(taken_at: datetime = f.TAKEN_AT, episode: bool = False) -> Snapshot:
    """The quiet project with incident 6 declared 54 minutes before the fetch and still investigated
    (one more minute after five and its duration reads "1 h"), and, if asked, the episode of incident 1 ongoing."""
    project = quiet_project(taken_at=taken_at)
    incidents = list(project.incidents)
    incidents[-1] = dataclasses.replace(
        incidents[-1],
        declared_at=f.at(0.9),
        state_id=f.CREATED.id,
        updates=(f.state_change("c6", 0.9, f.CREATED), f.note("n6", 0.5, "Looking **into** it.")),
    )
    episodes = project.episodes
    if episode:
        episodes = (dataclasses.replace(episodes[0], state_id=f.CREATED.id, resolved_at=None),)
    return dataclasses.replace(project, incidents=tuple(incidents), episodes=episodes)


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site.built(tmp_path, ongoing_project())


def page(site: Site, path: str) -> str:
    return (site.config.output / path).read_text(encoding="utf-8")


def test_the_ledger_records_where_each_page_shows_the_duration(site: Site) -> None:
    ledger = read_ledger(site.config.output)
    assert ledger is not None and ledger.horizon is not None
    spans = {entry.path: entry.spans for entry in ledger.remade if entry.spans}
    assert set(spans) >= {"incidents/6/", ""}  # its own page, and its card on the home page
    [(start, end, since, kind)] = spans["incidents/6/"]
    html = (site.config.output / INCIDENT_PAGE).read_bytes()
    assert html[start:end] == b"54 min" and since == f.at(0.9).isoformat() and kind == "duration"


@pytest.mark.parametrize("minutes", [5, 6, 65, 60 * 11])
def test_a_cron_run_rewrites_the_durations_and_gives_what_a_whole_build_gives(site: Site, minutes: int) -> None:
    later = f.TAKEN_AT + timedelta(minutes=minutes)
    report = site.cron(later)
    assert report is not None
    assert INCIDENT_PAGE in report.write.changed and "index.html" in report.write.changed
    assert "incidents/5/index.html" not in report.write.changed  # resolved: the same bytes, kept
    site.assert_as_fresh(later)
    shown = {5: "59 min so far", 6: "1 h so far", 65: "1 h 59 min so far", 60 * 11: "11 h 54 min so far"}[minutes]
    assert shown in page(site, INCIDENT_PAGE)


def test_cron_runs_one_after_another_keep_rewriting(site: Site) -> None:
    for minutes in (5, 10, 70, 75):
        assert site.cron(f.TAKEN_AT + timedelta(minutes=minutes)) is not None
        site.assert_as_fresh(f.TAKEN_AT + timedelta(minutes=minutes))


def test_the_incident_resolved_goes_through_the_whole_build(site: Site) -> None:
    project = ongoing_project(taken_at=f.TAKEN_AT + timedelta(minutes=5))
    incidents = list(project.incidents)
    resolution = f.state_change("r6", -0.05, f.RESOLVED)
    incidents[-1] = dataclasses.replace(
        incidents[-1], state_id=f.RESOLVED.id, updates=(*incidents[-1].updates, resolution)
    )
    site.write(dataclasses.replace(project, incidents=tuple(incidents)))
    assert site.cron() is None
    site.build()
    site.assert_as_fresh()
    assert "<dd>57 min</dd>" in page(site, INCIDENT_PAGE)  # resolved 3 minutes after the fetch: it stopped growing


def test_the_banner_keeps_the_ongoing_incident_s_level(site: Site) -> None:
    ledger = read_ledger(site.config.output)
    assert ledger is not None and ledger.ongoing == ["partial"]  # the most severe of the project's severities in use
    assert site.cron(f.TAKEN_AT + timedelta(minutes=5)) is not None
    site.assert_as_fresh(f.TAKEN_AT + timedelta(minutes=5))


def test_an_ongoing_episode_s_duration_is_rewritten_too(tmp_path: Path) -> None:
    site = Site.built(tmp_path, ongoing_project(episode=True))
    later = f.TAKEN_AT + timedelta(minutes=30)
    report = site.cron(later)
    assert report is not None and EPISODE_PAGE in report.write.changed
    site.assert_as_fresh(later)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("spans", [[5, 2, "2026-11-20T11:06:00+00:00", "duration"]]),
        ("spans", [[0, 2, "not a time", "duration"]]),
        ("spans", [[0, 2]]),
        ("spans", [[0, 2, "2026-11-20T11:06:00+00:00"]]),  # no kind
        ("spans", [[0, 2, "2026-11-20T11:06:00+00:00", "uptime"]]),  # no such kind
        ("spans", [[0, 2, "2026-11-20T11:06:00", "duration"]]),  # no zone
    ],
)
def test_a_malformed_span_declines_the_ledger(site: Site, field: str, value: object) -> None:
    ledger_file = ledger_file_for(site.config.output)
    document = json.loads(ledger_file.read_bytes())
    entry = next(entry for entry in document["remade"] if entry["spans"])
    entry[field] = value
    ledger_file.write_text(json.dumps(document), encoding="utf-8")
    assert read_ledger(site.config.output) is None
    assert site.cron(f.TAKEN_AT + timedelta(minutes=5)) is None


def test_a_span_that_no_longer_holds_its_text_declines(site: Site) -> None:
    """A ledger whose span points elsewhere in the page (hand edited, or off by a byte) is never acted on."""
    ledger_file = ledger_file_for(site.config.output)
    document = json.loads(ledger_file.read_bytes())
    entry = next(entry for entry in document["remade"] if entry["path"] == "incidents/6/")
    entry["spans"][0][0] -= 1
    ledger_file.write_text(json.dumps(document), encoding="utf-8")
    assert site.cron(f.TAKEN_AT + timedelta(minutes=5)) is None


def theme_replacing(tmp_path: Path, name: str, old: str, new: str) -> Path:
    """A theme of one's own whose `name` is the default template with `old` replaced by `new`."""
    theme = tmp_path / "theme"
    theme.mkdir(exist_ok=True)
    default = (Path(__file__).parent.parent / "themes" / "default" / name).read_text(encoding="utf-8")
    assert old in default
    (theme / name).write_text(default.replace(old, new), encoding="utf-8")
    return theme


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        pytest.param(
            "incident.html",
            "{{ view.duration|duration }}",
            "{{ view.duration.seconds }}",
            id="reads the span itself",
        ),
        pytest.param(
            "incident.html",
            "{{ view.duration|duration }}",
            "{% set d = view.duration|duration %}{% if 'h' in d %}long{% endif %}{{ d }}",
            id="branches on the text",
        ),
        pytest.param(
            "_ongoing.html",
            "{{ incident_card(view, show_latest=true) }}",
            "{{ incident_card(view, show_latest=true)|upper }}",
            id="filters a macro's output",
        ),
        pytest.param(
            "_ongoing.html",
            "{{ incident_card(view, show_latest=true) }}",
            "{% set card = incident_card(view, show_latest=true) %}{{ card }}<!-- {{ card|length }} -->",
            id="measures a macro's output",
        ),
    ],
)
def test_a_theme_that_shows_the_duration_otherwise_builds_whole(tmp_path: Path, name: str, old: str, new: str) -> None:
    site = Site.built(tmp_path, ongoing_project(), theme=theme_replacing(tmp_path, name, old, new))
    assert not ledger_file_for(site.config.output).exists()
    later = f.TAKEN_AT + timedelta(minutes=6)
    assert not site.cron_or_build(later)
    site.assert_as_fresh(later)


def german_site(tmp_path: Path, theme: Path, messages: dict[str, str]) -> Site:
    """The ongoing project built in German, with `theme` holding a German catalog of these messages."""
    catalog = theme / "locales" / "de" / "LC_MESSAGES" / "messages.po"
    catalog.parent.mkdir(parents=True)
    entries = "".join(f'msgid "{msgid}"\nmsgstr "{msgstr}"\n' for msgid, msgstr in messages.items())
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
    catalog.write_text(header + entries, encoding="utf-8")
    site = Site(tmp_path, theme=theme)
    site.config = dataclasses.replace(site.config, language="de")
    site.fresh = dataclasses.replace(site.fresh, language="de")
    site.write(ongoing_project())
    site.build()
    return site


def test_a_theme_of_one_s_own_builds_whole_during_an_incident(tmp_path: Path) -> None:
    """Even a footer of one's own: any template of a page holding a duration could use it in ways no check
    follows (red team: a macro's text measured, the view printed with |pprint), so only the bundled
    theme's pages are rewritten."""
    theme = theme_replacing(tmp_path, "_footer.html", "</footer>", "<p>Our own footer</p></footer>")
    site = Site.built(tmp_path, ongoing_project(), theme=theme)
    assert not ledger_file_for(site.config.output).exists()
    (tmp_path / "quiet").mkdir()
    quiet = Site.built(tmp_path / "quiet", quiet_project(), theme=theme)
    assert read_ledger(quiet.config.output) is not None  # nothing ongoing: the theme is no matter


def test_a_catalog_of_one_s_own_for_the_site_s_language_builds_whole_during_an_incident(tmp_path: Path) -> None:
    """A catalog may pad or reword the duration's sentence ("%(duration)7s"): only the bundled one is trusted."""
    site = german_site(tmp_path, tmp_path / "theme", {"Duration": "Dauer"})  # nothing about the duration's text
    assert not ledger_file_for(site.config.output).exists()


def built_in_german(folder: Path, project: Snapshot) -> Site:
    """The project built in German with the bundled theme."""
    site = Site(folder)
    site.config = dataclasses.replace(site.config, language="de")
    site.fresh = dataclasses.replace(site.fresh, language="de")
    site.write(project)
    site.build()
    return site


def test_in_german_the_bundled_theme_s_durations_are_rewritten(tmp_path: Path) -> None:
    site = built_in_german(tmp_path, ongoing_project())
    later = f.TAKEN_AT + timedelta(minutes=6)
    assert site.cron(later) is not None
    site.assert_as_fresh(later)
    assert "1 Std." in page(site, INCIDENT_PAGE)


def test_a_note_that_holds_the_marks_characters_is_printed_as_written(tmp_path: Path) -> None:
    """The marks are private-use characters with a random token: a note cannot forge or break one."""
    forged = "\ue0000\ue001 54 min \ue002\ue003 and \ue000"
    project = ongoing_project()
    incidents = list(project.incidents)
    incidents[-1] = dataclasses.replace(incidents[-1], updates=(*incidents[-1].updates, f.note("odd", 0.2, forged)))
    site = Site.built(tmp_path, dataclasses.replace(project, incidents=tuple(incidents)))
    assert "\ue0000\ue001 54 min \ue002\ue003" in page(site, INCIDENT_PAGE)
    later = f.TAKEN_AT + timedelta(minutes=6)
    assert site.cron(later) is not None
    site.assert_as_fresh(later)


STEPS = st.tuples(st.sampled_from([0, 1, 5, 6, 59, 60 * 5, 60 * 13]), st.booleans(), st.booleans())


@pytest.mark.slow
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(STEPS, min_size=1, max_size=4), episode=st.booleans())
def test_any_run_of_cron_jobs_during_an_incident_gives_what_a_fresh_build_gives(
    tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[int, bool, bool]], episode: bool
) -> None:
    """Cron runs minutes to days apart while an incident (and an episode) is ongoing, with the snapshot
    renewed or not, some with a new note: after each, the folder is what a whole build gives."""
    folder = tmp_path_factory.mktemp("ongoing")
    run_cron_steps(folder, lambda at: ongoing_project(taken_at=at, episode=episode), steps)


def _formats() -> Formats:
    from zoneinfo import ZoneInfo

    return Formats(load_language("en", []), ZoneInfo("UTC"))


def test_the_filter_marks_only_while_marking_and_only_growing_spans() -> None:
    shown = duration_filter(_formats().duration)
    span = GrowingSpan(f.at(1), f.TAKEN_AT)
    assert shown(span) == "1 h"
    with marking() as marks:
        marked = shown(span)
        assert shown(timedelta(hours=1)) == "1 h"
    assert isinstance(marked, Markup) and marks.token in marked and "1 h" in marked
    assert marks.made == [("duration", f.at(1), "1 h")]


def test_unmark_records_the_byte_place_of_each_text_after_multibyte_text() -> None:
    shown = duration_filter(_formats().duration)
    span = GrowingSpan(f.at(0.5), f.TAKEN_AT)
    with marking() as marks:
        text = unmark(lambda: f"<p>Ça dure {shown(span)}, et encore</p>", "t.html", lambda: True)
    assert text == "<p>Ça dure 30 min, et encore</p>"
    [(template, [(start, end, since, kind)])] = marks.pages
    assert template == "t.html" and text.encode()[start:end] == b"30 min" and since == f.at(0.5).isoformat()
    assert kind == "duration"
    assert marks.growth(("t/index.html",)).known


def test_unmark_falls_back_to_the_plain_page_when_a_mark_is_lost() -> None:
    shown = duration_filter(_formats().duration)
    span = GrowingSpan(f.at(0.5), f.TAKEN_AT)
    with marking() as marks:
        text = unmark(lambda: str(shown(span))[:5], "t.html", lambda: True)  # a theme that cut the text
    assert marks.spoiled and not marks.growth(("t/index.html",)).known
    assert text == "30 mi"


def test_unmark_renders_a_page_of_one_s_own_templates_again_without_marks() -> None:
    shown = duration_filter(_formats().duration)
    span = GrowingSpan(f.at(0.5), f.TAKEN_AT)
    with marking() as marks:
        text = unmark(lambda: f"<p>{shown(span)}</p>", "own.html", lambda: False)
    assert text == "<p>30 min</p>" and marks.spoiled and not marks.growth(("own/index.html",)).known


def test_rewrite_checks_the_old_text_before_replacing_it() -> None:
    text_at = _formats().growing
    since = f.at(0.5)
    html = b"<p>30 min</p>"
    span = (3, 9, since.isoformat(), "duration")
    later = f.TAKEN_AT + timedelta(minutes=31)
    moved = [(3, 12, since.isoformat(), "duration")]
    assert rewrite(html, [span], text_at, f.TAKEN_AT, later) == (b"<p>1 h 1 min</p>", moved)
    assert rewrite(html, [span], text_at, f.TAKEN_AT + timedelta(minutes=1), f.TAKEN_AT) is None
    assert rewrite(html, [(3, 99, since.isoformat(), "duration")], text_at, f.TAKEN_AT, f.TAKEN_AT) is None


def test_rewrite_says_how_soon_an_event_starts_at_the_new_time() -> None:
    text_at = _formats().growing
    starts = f.TAKEN_AT + timedelta(days=28, hours=11)  # "in 28 days" until 23 hours have passed
    html = b"<span>in 28 days</span><span>12 min</span>"
    spans = [(6, 16, starts.isoformat(), "starts_in"), (29, 35, f.at(0.2).isoformat(), "duration")]
    later = f.TAKEN_AT + timedelta(hours=23, minutes=1)
    done = rewrite(html, spans, text_at, f.TAKEN_AT, later)
    assert done is not None and done[0] == b"<span>in 27 days</span><span>23 h 13 min</span>"
    assert [(start, end) for start, end, _, _ in done[1]] == [(6, 16), (29, 40)]
    assert rewrite(html, spans, text_at, f.TAKEN_AT - timedelta(days=2), later) is None  # "in 28 days" was not there


def test_a_growing_span_survives_pickling_with_its_start() -> None:
    import pickle

    span = GrowingSpan(f.at(2), f.TAKEN_AT)
    again = pickle.loads(pickle.dumps(span))  # noqa: S301 - our own bytes
    assert type(again) is GrowingSpan and again == span == timedelta(hours=2) and again.since == f.at(2)


def test_a_growing_value_printed_as_python_writes_it_spoils_the_render() -> None:
    """`{{ view }}` or `|pprint` shows a GrowingSpan or StartsIn in a text no span records: the page cannot
    be rewritten. Outside a render nothing listens."""
    from generator.growing import StartsIn

    span, soon = GrowingSpan(f.at(1), f.TAKEN_AT), StartsIn.before(f.TAKEN_AT + timedelta(days=3), f.TAKEN_AT)
    for printed in (repr, str):
        for value in (span, soon):
            with marking() as marks:
                assert printed(value)
            assert marks.spoiled and not marks.growth(("t/index.html",)).known
    assert repr(soon) == f"StartsIn(at={soon.at!r}, count=3, unit='day')" and str(span) == "1:00:00"
