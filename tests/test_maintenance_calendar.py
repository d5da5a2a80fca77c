"""maintenance.ics: valid iCalendar by two independent parsers, stable UIDs, a SEQUENCE that only grows."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import icalendar
import vobject

from generator.build import render_site
from generator.config import Config
from generator.maintenance_calendar import CALENDAR_NAME, event_uid, sequence_of
from generator.snapshot import demo_snapshot
from tests.output_fixtures import BASE_URL

CONFIG = Config(base_url=BASE_URL, title="Example Cloud status")


def demo_calendars(**changes: object) -> dict[str, bytes]:
    snapshot = replace(demo_snapshot(), **changes)  # type: ignore[arg-type]
    files = render_site(snapshot, CONFIG, snapshot.taken_at)
    return {path: content for path, content in files.items() if path.endswith(CALENDAR_NAME)}


def events(data: bytes) -> dict[str, icalendar.Event]:
    return {str(event["UID"]): event for event in icalendar.Calendar.from_ical(data).walk("VEVENT")}


def test_the_demo_calendars_are_the_same_bytes_every_time_and_read_alike_by_both_parsers() -> None:
    first, again = demo_calendars(), demo_calendars()
    assert first == again and len(first) == 1 + len(demo_snapshot().status_page.services)  # type: ignore[union-attr]
    for data in first.values():
        parsed = events(data)
        other = vobject.readOne(data.decode("utf-8"))
        assert {str(event.uid.value): event.summary.value for event in other.contents.get("vevent", [])} == {
            uid: str(event["SUMMARY"]) for uid, event in parsed.items()
        }
        assert str(icalendar.Calendar.from_ical(data)["METHOD"]) == "PUBLISH"


def test_every_event_of_the_demo_has_its_window_in_utc_and_its_last_change_as_its_stamp() -> None:
    snapshot = demo_snapshot()
    parsed = events(demo_calendars()[CALENDAR_NAME])
    by_uid = {event_uid(item): item for item in snapshot.maintenance}
    assert set(parsed) == set(by_uid)  # all six are upcoming or ended within 90 days
    for uid, event in parsed.items():
        changed = [by_uid[uid].created_at or by_uid[uid].starts_at, *(u.at for u in by_uid[uid].updates)]
        if by_uid[uid].updated_at is not None:
            changed.append(by_uid[uid].updated_at)
        assert event.decoded("DTSTAMP") == min(max(changed), snapshot.taken_at)
        assert event.decoded("DTSTART") == by_uid[uid].starts_at
        assert event.decoded("DTEND") == by_uid[uid].ends_at
        assert int(event["SEQUENCE"]) == sequence_of(by_uid[uid])
        assert str(event["TRANSP"]) == "TRANSPARENT"
    cancelled = [str(e["SUMMARY"]) for e in parsed.values() if str(e["STATUS"]) == "CANCELLED"]
    assert cancelled == ["Storage migration for webhooks (Example Cloud status)"]


def test_a_service_calendar_holds_only_the_events_that_affect_it() -> None:
    calendars = demo_calendars()
    summaries = [str(e["SUMMARY"]) for e in events(calendars["components/cdn/maintenance.ics"]).values()]
    assert summaries == ["Network upgrade in Frankfurt (Example Cloud status)"]
    assert events(calendars["components/sign-in/maintenance.ics"]) != {}


def test_sequence_grows_with_each_change_and_the_uid_never_changes() -> None:
    snapshot = demo_snapshot()
    event = snapshot.maintenance[0]
    moved = replace(
        event, starts_at=event.starts_at + timedelta(hours=1), updated_at=event.updated_at + timedelta(minutes=5)
    )  # type: ignore[operator]
    assert event_uid(moved) == event_uid(event)
    assert sequence_of(moved) > sequence_of(event)
    assert sequence_of(replace(event, updated_at=None)) == 0
    assert sequence_of(replace(event, updated_at=event.created_at - timedelta(days=1))) == 0  # type: ignore[operator]
    assert sequence_of(replace(event, updated_at=event.created_at + timedelta(days=100 * 365))) == 2**31 - 1  # type: ignore[operator]


def test_hostile_text_is_escaped_and_read_back_as_written() -> None:
    snapshot = demo_snapshot()
    title = 'Upgrade; part 1, "now"\\ 🚧'
    description = "Line one\nBEGIN:VEVENT\r\nUID:forged\n\nA, b; c\\ d"
    hostile = replace(
        snapshot.maintenance[0], title=title, description=description, ends_at=snapshot.maintenance[0].starts_at
    )
    data = demo_calendars(maintenance=(hostile,))[CALENDAR_NAME]
    (event,) = events(data).values()
    assert str(event["SUMMARY"]) == f"{title} (Example Cloud status)"
    assert str(event["DESCRIPTION"]).startswith("Line one\nBEGIN:VEVENT\nUID:forged") or "forged" in str(
        event["DESCRIPTION"]
    )
    assert "DTEND" not in event  # a window of no length is a moment
    (other,) = vobject.readOne(data.decode("utf-8")).contents["vevent"]
    assert other.summary.value == f"{title} (Example Cloud status)"
    assert other.description.value == str(event["DESCRIPTION"])
    assert data.split(b"\r\n").count(b"BEGIN:VEVENT") == 1


def test_without_a_base_url_the_events_have_no_url_and_without_maintenance_there_is_no_calendar() -> None:
    snapshot = demo_snapshot()
    files = render_site(snapshot, Config(title="Example Cloud status"), snapshot.taken_at)
    assert all("URL" not in event for event in events(files[CALENDAR_NAME]).values())
    hidden = render_site(
        snapshot, Config(title="x", show_maintenance=False, explicit=frozenset({"show_maintenance"})), snapshot.taken_at
    )
    assert not any(path.endswith(CALENDAR_NAME) for path in hidden)
    assert not any(path.startswith("maintenance/") for path in hidden)


def test_a_later_build_of_the_same_data_gives_the_same_calendars() -> None:
    """A cron run that finds nothing new must not rewrite (and re-upload) the calendars."""
    snapshot = demo_snapshot()
    now = render_site(snapshot, CONFIG, snapshot.taken_at)
    later = render_site(snapshot, CONFIG, snapshot.taken_at + timedelta(minutes=5))
    calendars = [path for path in now if path.endswith(CALENDAR_NAME)]
    assert len(calendars) > 1
    assert {path: later[path] for path in calendars} == {path: now[path] for path in calendars}
    stamps = {event.decoded("DTSTAMP") for event in events(now[CALENDAR_NAME]).values()}
    assert len(stamps) > 1 and max(stamps) < snapshot.taken_at  # each event's own change, not the build's
