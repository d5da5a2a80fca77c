"""RSS 2.0 and Atom feeds: valid by the specs, stable ids, the right events, hostile text intact."""

from __future__ import annotations

import random
import re
import uuid
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
import lxml.etree
import lxml.html
import pytest
from click.testing import CliRunner

from generator.build import render_site
from generator.cli import main
from generator.config import Config
from generator.feeds import FEED_EVENT_LIMIT, entry_id, episode_events, incident_events, latest_events
from generator.model import Snapshot
from generator.site import plan_site
from generator.sitemap import NOT_FOUND_PATH, root_path
from generator.snapshot import demo_snapshot
from tests import factories as f
from tests.output_fixtures import (
    BASE_URL,
    CONFIG,
    ODD_NOTE,
    ODD_STATE,
    ODD_TITLE_CLEAN,
    empty_snapshot,
    have_xmllint,
    many_incidents,
    odd_snapshot,
    render,
    xmllint,
)

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
DAYS = "Mon|Tue|Wed|Thu|Fri|Sat|Sun"
MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
RFC822 = re.compile(rf"^({DAYS}), \d{{2}} ({MONTHS}) \d{{4}} \d{{2}}:\d{{2}}:\d{{2}} [+-]\d{{4}}$")


def feeds_of(files: dict[str, bytes]) -> dict[str, bytes]:
    return {path: content for path, content in files.items() if path.endswith(("feed.rss", "feed.atom"))}


def check_rss(content: bytes, page_url: str) -> list[lxml.etree._Element]:
    """The RSS 2.0 rules a reader relies on; returns the items."""
    rss = lxml.etree.fromstring(content)
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    (channel,) = rss.findall("channel")
    for required in ("title", "link", "description"):
        assert (channel.findtext(required) or "").strip(), required
    assert channel.findtext("link") == page_url
    assert RFC822.match(channel.findtext("lastBuildDate") or "")
    self_links = channel.findall(f"{ATOM}link[@rel='self']")
    assert len(self_links) == 1 and self_links[0].get("href", "").endswith("feed.rss")
    items = channel.findall("item")
    for item in items:
        assert item.findtext("title") or item.findtext("description")
        guid = item.find("guid")
        assert guid is not None and guid.text and guid.get("isPermaLink") == "false"
        assert RFC822.match(item.findtext("pubDate") or ""), item.findtext("pubDate")
        assert (item.findtext("link") or "").startswith(page_url.split("/", 3)[0] + "//")
    return items


def check_atom(content: bytes, page_url: str) -> list[lxml.etree._Element]:
    """RFC 4287's required elements and date format; returns the entries."""
    feed = lxml.etree.fromstring(content)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert (feed.findtext(f"{ATOM}{required}") or "").strip(), required
    assert RFC3339.match(feed.findtext(f"{ATOM}updated") or "")
    assert feed.findtext(f"{ATOM}author/{ATOM}name")  # stands in for every entry's author
    assert [link.get("href") for link in feed.findall(f"{ATOM}link[@rel='alternate']")] == [page_url]
    assert feed.find(f"{ATOM}link[@rel='self']").get("href").endswith("feed.atom")  # type: ignore[union-attr]
    entries = feed.findall(f"{ATOM}entry")
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{required}") or "").strip(), required
        assert RFC3339.match(entry.findtext(f"{ATOM}updated") or "")
        assert RFC3339.match(entry.findtext(f"{ATOM}published") or "")
        assert entry.find(f"{ATOM}content").get("type") == "html"  # type: ignore[union-attr]
        assert entry.find(f"{ATOM}link").get("href", "").startswith("https://")  # type: ignore[union-attr]
    return entries


def check_all_feeds(files: dict[str, bytes], tmp_path: Path) -> None:
    """Every feed: no feedparser bozo, xmllint clean, the RSS and Atom rules, ids unique; every page links its feeds."""
    feeds = feeds_of(files)
    assert feeds
    for path, content in feeds.items():
        parsed = feedparser.parse(content)
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        page_url = f"{BASE_URL}/{path.rsplit('/', 1)[0]}/" if "/" in path else f"{BASE_URL}/"
        (check_rss if path.endswith(".rss") else check_atom)(content, page_url)
        ids = [entry.id for entry in parsed.entries]
        assert len(ids) == len(set(ids)), f"{path}: an entry id appears twice"
    for path, content in files.items():
        if path.endswith(".html"):
            # The 404 page is served at any missing path, so it links from the site's root path.
            root = root_path(BASE_URL) if path == NOT_FOUND_PATH else "../" * path.count("/")
            linked = lxml.html.fromstring(content).xpath('//link[@rel="alternate"]/@href')
            assert linked[:2] == [f"{root}feed.rss", f"{root}feed.atom"], path
            own_feed = path.removesuffix("index.html") + "feed.atom"  # an incident's or episode's own
            assert linked[2:] == (["feed.atom"] if "/" in path and own_feed in files else []), path
    if have_xmllint():
        written = []
        for path, content in feeds.items():
            target = tmp_path / path.replace("/", "__")
            target.write_bytes(content)
            written.append(str(target))
        result = xmllint(written)
        assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def demo_files() -> dict[str, bytes]:
    return render(demo_snapshot(), Config(base_url=BASE_URL, title="Example Cloud status"))


def test_demo_feeds_are_valid_rss_and_atom(demo_files: dict[str, bytes], tmp_path: Path) -> None:
    check_all_feeds(demo_files, tmp_path)


def test_xmllint_is_really_run_and_rejects_broken_xml(tmp_path: Path) -> None:
    if not have_xmllint():
        pytest.skip("xmllint (libxml2-utils) is not installed")
    broken = tmp_path / "broken.xml"
    broken.write_text("<feed><entry></feed>")
    assert xmllint([str(broken)]).returncode != 0


def test_every_incident_and_episode_has_its_feed_pair(demo_files: dict[str, bytes]) -> None:
    snapshot = demo_snapshot()
    for incident in snapshot.incidents:
        assert f"incidents/{incident.number}/feed.atom" in demo_files
    for episode in snapshot.episodes:
        assert f"episodes/{episode.number}/feed.atom" in demo_files


def test_site_feed_lists_each_kind_of_event_newest_first(demo_files: dict[str, bytes]) -> None:
    parsed = feedparser.parse(demo_files["feed.atom"])
    titles = [entry.title for entry in parsed.entries]
    assert titles[:2] == [
        "Update: SM-6 Database (EU) failover test",
        "Update: INC-112 Elevated error rates on the public API",
    ]
    # Each title says what happened: declared (with severity and services), a resolution, a postmortem.
    assert "New incident (Major, affects Public API): INC-112 Elevated error rates on the public API" in titles
    assert "Resolved: INC-111 Delayed webhook deliveries" in titles
    assert any(title.startswith("Postmortem: INC-") for title in titles)
    assert any(title.startswith("Identified: INC-") for title in titles)  # another state change, by its name
    assert "Maintenance started: SM-6 Database (EU) failover test" in titles
    assert "Maintenance cancelled: SM-8 Storage migration for webhooks" in titles
    assert "Maintenance scheduled: SM-7 Network upgrade in Frankfurt" in titles
    assert "Announcement: New address for this status page" in titles
    dates = [entry.updated_parsed for entry in parsed.entries]
    assert dates == sorted(dates, reverse=True)
    # The creation state change is the declaration itself, not a second entry.
    assert not any(title.startswith("Investigating: ") for title in titles)


def test_incident_feed_holds_exactly_that_incidents_events_at_their_own_times(demo_files: dict[str, bytes]) -> None:
    incident = next(i for i in demo_snapshot().incidents if i.number == 111)
    parsed = feedparser.parse(demo_files["incidents/111/feed.atom"])
    assert all(entry.title.endswith(": INC-111 Delayed webhook deliveries") for entry in parsed.entries)
    # declared + every note + every state change except the one that declared it
    assert len(parsed.entries) == 1 + len(incident.updates) - 1
    times = {parsed_time(entry.published) for entry in parsed.entries}
    assert times == {incident.declared_at} | {update.at for update in incident.updates}


def parsed_time(text: str) -> datetime:
    """An RSS date (RFC 822) or an Atom one (RFC 3339)."""
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return parsedate_to_datetime(text)


def test_entry_links_point_at_anchors_that_exist_on_the_incident_page(demo_files: dict[str, bytes]) -> None:
    for entry in feedparser.parse(demo_files["feed.atom"]).entries:
        pages = ("incidents", "maintenance", "announcements")
        assert entry.link.startswith(tuple(f"{BASE_URL}/{kind}/" for kind in pages))
        path, _, anchor = entry.link.removeprefix(f"{BASE_URL}/").partition("#")
        page = lxml.html.fromstring(demo_files[path + "index.html"])
        if anchor:
            assert page.xpath(f'//*[@id="{anchor}"]'), entry.link


def test_episode_feed_holds_its_members_events(demo_files: dict[str, bytes]) -> None:
    episode = demo_snapshot().episodes[0]
    members = {i.id: i for i in demo_snapshot().incidents if i.id in episode.incident_ids}
    labels = {f": INC-{i.number} " for i in members.values()}
    entries = feedparser.parse(demo_files[f"episodes/{episode.number}/feed.atom"]).entries
    assert entries and all(any(label in entry.title for label in labels) for entry in entries)


def test_site_feed_stops_at_the_latest_50_events() -> None:
    files = render(many_incidents(500, notes_per_incident=3))
    entries = feedparser.parse(files["feed.atom"]).entries
    assert len(entries) == FEED_EVENT_LIMIT
    # The newest incident is #1 (declared 3 h before the snapshot): its events come first.
    assert entries[0].title.endswith(": #1 Incident 1")
    assert len(feeds_of(files)) == 2 + 500  # the site's RSS and Atom, and one Atom feed per incident


def test_site_feed_finds_the_newest_events_wherever_they_are() -> None:
    """Old incidents with late notes, late postmortems and ties: the same 50 as sorting every event."""
    rng = random.Random(7)
    incidents = []
    for n in range(1, 301):
        start = rng.choice((3.0 * n, 2.0))  # some declared at the same moment
        updates = [f.state_change(f"u{n}-created", start, f.CREATED)]
        late_note = rng.random() < 0.05
        updates += [f.note(f"u{n}-n{k}", 1.0 if late_note else start - k / 3, f"Note {k}") for k in range(3)]
        late = f.postmortem(rng.choice((0.25, 1.5, start - 1))) if n % 9 == 0 else None
        incidents.append(f.incident(n, declared_at=f.at(start), updates=tuple(updates), postmortem=late))
    episode = f.episode(1, incident_ids=("inc-3",), updates=(f.note("ep-note", 0.5, "Episode news"),))
    plan = plan_site(f.snapshot(*incidents, episodes=(episode,)), CONFIG.public(), f.TAKEN_AT)
    every_event = [event for view in plan.incidents for event in incident_events(view)]
    every_event += [event for view in plan.episodes for event in episode_events(view)]
    expected = sorted(every_event, key=lambda event: (event.at, event.key), reverse=True)[:FEED_EVENT_LIMIT]
    assert [event.key for event in latest_events(plan)] == [event.key for event in expected]


def test_entry_ids_are_the_uuid5_urns_of_their_keys() -> None:
    keys = ["incident/inc-1", "incident/inc-1/update-a", "", "ü/<&>/\u2028", "x" * 500]
    assert [entry_id(key) for key in keys] == [uuid.uuid5(uuid.NAMESPACE_URL, f"statusgen:{k}").urn for k in keys]


def test_500_incidents_give_valid_feeds(tmp_path: Path) -> None:
    check_all_feeds(render(many_incidents(500, notes_per_incident=3)), tmp_path)


def test_ids_are_identical_across_builds_and_do_not_move_when_things_happen() -> None:
    before = many_incidents(30)
    first, second = render(before), render(before)
    assert feeds_of(first) == feeds_of(second)
    # A later build with a new incident and a new note keeps every existing id.
    newer_incident = f.incident(
        9999, declared_at=f.at(0.5), state_id=f.CREATED.id, updates=(f.note("fresh", 0.2, "new"),)
    )
    later = f.snapshot(newer_incident, *before.incidents)
    third = render_site_at(later, hours_later=2)
    old_ids = {entry.id for entry in feedparser.parse(first["incidents/5/feed.atom"]).entries}
    new_ids = {entry.id for entry in feedparser.parse(third["incidents/5/feed.atom"]).entries}
    assert old_ids == new_ids and len(old_ids) == 7
    site_old = {e.id: e.title for e in feedparser.parse(first["feed.rss"]).entries}
    site_new = {e.id: e.title for e in feedparser.parse(third["feed.rss"]).entries}
    assert all(site_new[key] == title for key, title in site_old.items() if key in site_new)


def render_site_at(snapshot: Snapshot, hours_later: float) -> dict[str, bytes]:
    return render_site(snapshot, CONFIG, f.TAKEN_AT + timedelta(hours=hours_later))


def test_an_unchanged_incidents_feed_is_byte_identical_in_a_later_build() -> None:
    snapshot = many_incidents(5)
    assert render_site_at(snapshot, 0)["incidents/4/feed.atom"] == render_site_at(snapshot, 48)["incidents/4/feed.atom"]


def test_markup_characters_emoji_and_control_characters_in_titles(tmp_path: Path) -> None:
    files = render(odd_snapshot())
    check_all_feeds(files, tmp_path)
    rss = feedparser.parse(files["feed.rss"])
    atom = feedparser.parse(files["incidents/1/feed.atom"])
    for parsed in (rss, atom):
        titles = [entry.title for entry in parsed.entries]
        declared = f"): #1 {ODD_TITLE_CLEAN}"
        assert any(title.startswith("New incident (") and title.endswith(declared) for title in titles)
        assert f"{ODD_STATE}: #1 {ODD_TITLE_CLEAN}" in titles
    assert atom.feed.title == f"{ODD_TITLE_CLEAN} · {CONFIG.title}"
    assert rss.feed.title == CONFIG.title
    note = next(e for e in atom.entries if e.title.startswith("Update: "))
    assert "a &lt; b &amp;&amp; c &gt; d" in note.content[0].value and "🚀" in note.content[0].value
    assert "<script>" not in note.content[0].value
    assert ODD_NOTE not in files["incidents/1/feed.atom"].decode()
    assert not any(ch in content.decode() for content in feeds_of(files).values() for ch in "\x00\x07\x08\x0c\x1b")


def test_an_empty_project_has_valid_empty_feeds_dated_by_the_build(tmp_path: Path) -> None:
    files = render(empty_snapshot())
    assert set(feeds_of(files)) == {"feed.rss", "feed.atom"}
    check_all_feeds(files, tmp_path)
    parsed = feedparser.parse(files["feed.atom"])
    assert parsed.entries == [] and parsed.feed.updated == "2026-11-20T12:00:00+00:00"


def test_no_feeds_without_a_base_url_and_the_cli_says_what_was_skipped(tmp_path: Path) -> None:
    assert not feeds_of(render(odd_snapshot(), Config()))
    snapshot_file = Path(__file__).parents[1] / "generator" / "demo" / "snapshot.json"
    result = CliRunner().invoke(main, ["build", "--snapshot", str(snapshot_file), "--out", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    notes = [line for line in result.output.splitlines() if line.startswith("note:")]
    assert notes == [
        "note: base_url is not set, so RSS/Atom feeds, the api/v2 JSON and sitemap.xml were not written "
        "(use --base-url)"
    ]
    assert not (tmp_path / "site" / "feed.rss").exists() and not (tmp_path / "site" / "api").exists()
