"""The page plan: URLs, status, timelines and grouping are computed once, correctly."""

from __future__ import annotations

import hashlib
import logging
from datetime import timedelta

import pytest

from generator.config import Config
from generator.model import Episode, Incident, Severity
from generator.notices import LOGGER
from generator.site import plan_site
from tests import factories as f


def plan(*incidents, episodes=(), config: Config | None = None, build_time=f.TAKEN_AT, **fields):  # type: ignore[no-untyped-def]
    return plan_site(f.snapshot(*incidents, episodes=episodes, **fields), (config or Config()).public(), build_time)


def test_every_incident_and_episode_has_one_page_at_a_stable_url() -> None:
    result = plan(f.incident(1), f.incident(2), f.incident(3, number=None, id="abc"), episodes=(f.episode(4),))
    paths = [page.path for page in result.pages]
    assert {"incidents/1/", "incidents/2/", "incidents/abc/", "episodes/4/", "", "history/"} <= set(paths)
    assert len(paths) == len(set(paths))


def test_duplicate_numbers_and_unsafe_ids_never_share_or_escape_a_url() -> None:
    result = plan(f.incident(5, id="b"), f.incident(5, id="a"), f.incident(6, id="../../etc", number=None))
    urls = {view.incident.id: view.url for view in result.incidents}
    assert urls["a"] == "incidents/5/"
    assert urls["b"] == "incidents/b/"
    assert urls["../../etc"].startswith("incidents/id-") and ".." not in urls["../../etc"]


def warned_plan(
    caplog: pytest.LogCaptureFixture, *incidents: Incident, episodes: tuple[Episode, ...] = ()
) -> list[str]:
    """The plan's warnings, after checking that it gives every page its own path."""
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger=LOGGER.name):
        paths = [page.path for page in plan(*incidents, episodes=episodes).pages]
    assert len(paths) == len(set(paths))
    return [record.getMessage() for record in caplog.records if record.name == LOGGER.name]


def urls(*incidents: Incident, episodes: tuple[Episode, ...] = ()) -> dict[str, str]:
    result = plan(*incidents, episodes=episodes)
    return {view.incident.id: view.url for view in result.incidents} | {
        view.episode.id: view.url for view in result.episodes
    }


def test_a_number_used_twice_names_the_smallest_ids_page_and_the_others_get_their_ids(
    caplog: pytest.LogCaptureFixture,
) -> None:
    incidents = (f.incident(7, id="c"), f.incident(7, id="a"), f.incident(7, id="b"))
    assert urls(*incidents) == {"a": "incidents/7/", "b": "incidents/b/", "c": "incidents/c/"}
    assert warned_plan(caplog, *incidents) == [
        "incident 'b': number 7 is taken by incident 'a'; its page is incidents/b/",
        "incident 'c': number 7 is taken by incident 'a'; its page is incidents/c/",
    ]


def test_incidents_and_episodes_may_share_a_number(caplog: pytest.LogCaptureFixture) -> None:
    assert urls(f.incident(3), episodes=(f.episode(3),)) == {"inc-3": "incidents/3/", "ep-3": "episodes/3/"}
    assert warned_plan(caplog, f.incident(3), episodes=(f.episode(3),)) == []


def test_no_id_or_number_can_take_another_items_url(caplog: pytest.LogCaptureFixture) -> None:
    digest_of_x = "id-" + hashlib.sha256(b"../x").hexdigest()
    incidents = (
        f.incident(5, id="z"),
        f.incident(1, id="5", number=None),  # an id of digits: hashed, never a number's URL
        f.incident(2, id="../x", number=None),  # unsafe: named by its digest
        f.incident(3, id=digest_of_x[:19], number=None),  # the same digest, given as an id
        f.incident(4, id="-5", number=-5),  # out of range: by its id
    )
    found = urls(*incidents)
    assert found["z"] == "incidents/5/" and found["-5"] == "incidents/-5/"
    assert found["5"] == "incidents/id-" + hashlib.sha256(b"5").hexdigest()[:16] + "/"
    assert found["../x"] == f"incidents/{digest_of_x[:19]}/"  # sorted first, it keeps its digest
    hostile = "id-" + hashlib.sha256(digest_of_x[:19].encode()).hexdigest()
    assert found[digest_of_x[:19]] == f"incidents/{hostile}/"  # so the id that copies it gets its own whole digest
    assert warned_plan(caplog, *incidents) == [
        "incident '-5': its number is not from 1 to 999999999999; its page is incidents/-5/"
    ]


def test_an_id_seen_twice_is_published_once(caplog: pytest.LogCaptureFixture) -> None:
    first, second = f.incident(1, title="First"), f.incident(2, id="inc-1", title="Second")
    episode = f.episode(1)
    result = plan(first, second, episodes=(episode, episode))
    assert [view.incident.title for view in result.incidents] == ["First"]
    assert len(result.episodes) == 1
    assert warned_plan(caplog, first, second, episodes=(episode, episode)) == [
        "incident 'inc-1' appears twice; only the first is published",
        "episode 'ep-1' appears twice; only the first is published",
    ]


def test_only_usable_numbers_make_labels() -> None:
    labels = {view.incident.id: view.label for view in plan(f.incident(1), f.incident(2, number=-2)).incidents}
    assert labels == {"inc-1": "#1", "inc-2": ""}


def test_status_is_operational_when_nothing_is_ongoing() -> None:
    assert plan(f.incident(1)).status.level == "operational"


def test_status_is_major_for_an_ongoing_incident_of_the_most_severe_kind() -> None:
    critical = f.incident(1, state_id=f.ACKNOWLEDGED.id, severity_id=f.CRITICAL.id)
    minor = f.incident(2, state_id=f.CREATED.id)
    assert plan(critical, minor).status.level == "major"
    # The second severity of the project's two is a partial outage.
    assert plan(minor).status.level == "partial"


def test_each_severity_rank_has_its_level_and_statuspage_wording() -> None:
    major = Severity("sev-major", "Major", order=2)
    severities = (f.CRITICAL, major, f.MINOR)
    wording = {}
    for severity in severities:
        ongoing = f.incident(1, state_id=f.CREATED.id, severity_id=severity.id)
        status = plan(ongoing, severities=severities).status
        wording[severity.name] = (status.level, status.label)
    assert wording == {
        "Critical": ("major", "Major outage"),
        "Major": ("partial", "Partial outage"),
        "Minor": ("degraded", "Degraded performance"),
    }


def test_timeline_is_newest_first_and_interleaves_notes_and_state_changes() -> None:
    incident = f.incident(
        1,
        declared_at=f.at(6),
        updates=(
            f.state_change("s1", 5, f.CREATED),
            f.note("n1", 4, "looking"),
            f.state_change("s2", 3, f.RESOLVED),
            f.note("n2", 2, "done"),
        ),
    )
    (view,) = plan(incident).incidents
    assert [entry.anchor for entry in view.timeline] == ["update-n2", "update-s2", "update-n1", "update-s1"]
    assert view.timeline[1].state == f.RESOLVED
    assert view.resolved_at == f.at(3)
    assert view.duration == f.at(3) - incident.declared_at


def test_ongoing_duration_runs_to_the_build_time() -> None:
    (view,) = plan(f.incident(2, state_id=f.CREATED.id)).incidents
    assert not view.is_resolved and view.duration == timedelta(hours=2)


def test_postmortem_dated_after_the_build_time_is_not_shown() -> None:
    later = f.incident(1, postmortem=f.postmortem(-1))
    earlier = f.incident(2, postmortem=f.postmortem(1))
    views = {v.incident.id: v for v in plan(later, earlier).incidents}
    assert views["inc-1"].postmortem is None
    assert views["inc-2"].postmortem is not None


def test_episode_lists_its_members_and_takes_their_worst_severity() -> None:
    members = (f.incident(1, episode_id="ep-9", severity_id=f.CRITICAL.id), f.incident(2, episode_id="ep-9"))
    result = plan(*members, episodes=(f.episode(9, incident_ids=("inc-1", "inc-2", "inc-private")),))
    (episode,) = result.episodes
    assert [m.incident.id for m in episode.incidents] == ["inc-2", "inc-1"]  # oldest first
    assert episode.severity == f.CRITICAL
    assert all(view.episode is episode for view in result.incidents)


def test_home_page_days_cover_the_window_with_quiet_days() -> None:
    result = plan(f.incident(1), f.incident(24 * 5), config=Config(history_days=3))
    home = next(page for page in result.pages if page.path == "")
    days = home.context["days"]
    assert [len(day.incidents) for day in days] == [1, 0, 0]
    assert days[0].day == f.TAKEN_AT.date()


def test_history_has_one_page_per_month_with_neighbours() -> None:
    result = plan(f.incident(1), f.incident(24 * 40), f.incident(24 * 80))
    months = [page for page in result.pages if page.template == "history_month.html"]
    assert [page.path for page in months] == ["history/2026-11/", "history/2026-10/", "history/2026-09/"]
    assert months[0].context["newer"] is None and months[0].context["older"].key == "2026-10"
    assert months[2].context["older"] is None


def test_pages_know_their_way_back_to_the_root() -> None:
    result = plan(f.incident(1))
    roots = {page.path: page.context["root"] for page in result.pages}
    assert roots[""] == "" and roots["history/"] == "../" and roots["incidents/1/"] == "../../"


def test_an_episode_of_thousands_of_updates_finds_its_declaration_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Its timeline is made in one pass: the declaration was looked for again for each update (quadratic)."""
    from generator import item_views

    notes = tuple(f.note(f"n{k}", 1 + k / 1000, f"Note {k}") for k in range(3000))
    declared = f.state_change("s0", 5, f.CREATED)
    episode = f.episode(1, updates=(*notes, declared, f.state_change("s1", 0.5, f.RESOLVED)))
    calls = []
    real = item_views.declaring_update
    monkeypatch.setattr(item_views, "declaring_update", lambda *args: calls.append(1) or real(*args))
    (view,) = plan_site(f.snapshot(episodes=(episode,)), Config().public(), f.TAKEN_AT).episodes
    assert len(calls) == 1
    assert [entry.anchor for entry in view.timeline if entry.is_declaration] == ["update-s0"]
    assert len(view.timeline) == 3002 and view.timeline[0].is_resolution
