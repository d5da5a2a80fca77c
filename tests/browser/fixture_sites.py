"""The sites the theme is judged on: the demo, plus fixtures that push it to its edges."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from generator.build import render_site
from generator.cli_support import DEMO_BASE_URL, DEMO_TITLE
from generator.config import Config
from generator.model import BarColorRule, Monitor, ServiceGroup, Severity, Snapshot, State
from generator.snapshot import demo_snapshot
from tests import factories as f
from tests.status_page_fixtures import synthetic_page_snapshot

LONG_WORD = "x" * 400
# Text as hostile as an outage note can be: raw HTML, script links, a tracking image,
# a wide table, long code and words, and headings from h1 to h6.
HOSTILE_MARKDOWN = f"""# A top-level heading inside a note

<script>alert("note")</script> <img src=x onerror=alert(1)> <iframe src="https://evil.example/"></iframe>

## Links and images

[javascript link](javascript:alert(1)), [fine link](https://example.com/a?b=1&c=2),
![tracking pixel](https://tracker.example/pixel.png), <https://autolink.example/>.

### A wide table

| {LONG_WORD[:60]} | b | c | d | e | f |
|---|---|---|---|---|---|
| {LONG_WORD} | 2 | 3 | 4 | 5 | 6 |

#### Code

```
{"GET /v1/a_very_long_path_without_any_breaks?x=1 " * 6}
```

Inline `code with <b>tags</b>` and a long unbroken word: {LONG_WORD}

> A quote with **bold** and _emphasis_
>
> - and a list
>   1. nested

###### The smallest heading

---

Done.
"""


def _hostile_snapshot() -> Snapshot:
    nasty = '<script>alert("title")</script> "quoted" & <b>bold</b> '
    states = (
        State("st-created", nasty + "Investigating", order=1, is_created=True),
        State("st-resolved", "Resolved", order=2, is_resolved=True),
    )
    severities = (Severity("sev-critical", nasty + "Critical", order=1), Severity("sev-minor", "Minor", order=2))
    monitors = (Monitor("mon-1", nasty + "API"), Monitor("mon-2", LONG_WORD[:120]))
    ongoing = f.incident(
        1,
        title=nasty + LONG_WORD,
        state_id="st-created",
        severity_id="sev-critical",
        monitor_ids=("mon-1", "mon-2"),
        description=HOSTILE_MARKDOWN,
        episode_id="ep-5",
        updates=(
            f.state_change("s1", 3, states[0]),
            f.note("n1", 2.5, HOSTILE_MARKDOWN),
            f.note("n2", 2, "# Heading only"),
            f.note("n3", 1, ""),
        ),
    )
    resolved = f.incident(
        30,
        title="Resolved with a postmortem",
        state_id="st-resolved",
        updates=(f.state_change("s2", 31, states[0]), f.state_change("s3", 30, states[1])),
        postmortem=f.postmortem(5, HOSTILE_MARKDOWN),
        episode_id="ep-5",
    )
    episode = f.episode(
        5,
        title=nasty + "episode",
        state_id="st-created",
        description=HOSTILE_MARKDOWN,
        incident_ids=("inc-1", "inc-30", "inc-private"),
    )
    return Snapshot(
        taken_at=f.TAKEN_AT,
        states=states,
        severities=severities,
        monitors=monitors,
        incidents=(ongoing, resolved),
        episodes=(episode,),
    )


def _quiet_snapshot() -> Snapshot:
    """Nothing in the last two weeks; one old resolved incident with a future-dated postmortem."""
    old = f.incident(
        24 * 40,
        title="An old incident",
        updates=(
            f.state_change("s1", 24 * 40, f.CREATED),
            f.note("n1", 24 * 40 - 1, "Fixed."),
            f.state_change("s2", 24 * 40 - 2, f.RESOLVED),
        ),
        postmortem=f.postmortem(-24, "Not published yet"),
    )
    return f.snapshot(old)


@dataclass(frozen=True, slots=True)
class FixtureSite:
    name: str
    build: Callable[[Path], dict[str, bytes]]


def _demo(_: Path) -> dict[str, bytes]:
    snapshot = demo_snapshot()
    return render_site(snapshot, Config(title=DEMO_TITLE, base_url=DEMO_BASE_URL), snapshot.taken_at)


def _empty(_: Path) -> dict[str, bytes]:
    """A project with nothing at all: no states, severities, incidents or episodes."""
    return render_site(Snapshot(taken_at=datetime(2026, 1, 1, tzinfo=UTC)), Config(), f.TAKEN_AT)


def _hostile(workdir: Path) -> dict[str, bytes]:
    logo = workdir / "logo.svg"
    logo.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="14"/></svg>'
    )
    config = Config(
        title='<script>alert("site")</script> Hostile & "quoted" status',
        footer='<a href="javascript:alert(1)">footer</a> ' + LONG_WORD[:200],
        links=(("<b>Support</b>", "https://support.example.com/?a=1&b=2"), ("Main site", "https://example.com")),
        timezone="Asia/Kolkata",
        base_url="https://status.example.com",
        logo=logo,
    )
    return render_site(_hostile_snapshot(), config, f.TAKEN_AT)


def _services(_: Path) -> dict[str, bytes]:
    """A mirrored status page of 20 services over 90 days: the size the home page is held to."""
    snapshot = synthetic_page_snapshot(20, 90)
    return render_site(snapshot, Config(base_url="https://status.example.com"), snapshot.taken_at)


def _hostile_services_snapshot() -> Snapshot:
    """A status page pushed to its edges: hostile names, groups five deep, a collapsed group, colour rules
    (one with a colour that is none), names that make the same slug, a service without history."""
    base = synthetic_page_snapshot(8, 30, seed=3)
    page = base.status_page
    assert page is not None
    nasty = '<script>alert("svc")</script> "quoted" & <b>bold</b> '
    groups = tuple(
        ServiceGroup(
            f"deep-{n}",
            nasty + f"Level {n}",
            HOSTILE_MARKDOWN if n == 0 else "",
            n,
            f"deep-{n - 1}" if n else None,
            is_expanded=n != 2,
            show_uptime_percent=True,
            uptime_decimals=3,
        )
        for n in range(5)
    ) + (
        ServiceGroup("cycle-a", "Cycle A", parent_id="cycle-b"),
        ServiceGroup("cycle-b", "Cycle B", parent_id="cycle-a"),
    )
    names = [nasty + LONG_WORD[:80], "Ünïcødé ☃ service", "Unicode service", "", "Twin", "Twin", "😀", "Last"]
    services = tuple(
        replace(
            service,
            name=names[i],
            description=HOSTILE_MARKDOWN if i == 0 else service.description,
            group_id=groups[i % len(groups)].id if i else None,
            show_history_chart=i != 5,
            show_current_status=i != 6,
        )
        for i, service in enumerate(page.services)
    )
    rules = (
        BarColorRule("#1a7f37", 99.9, 1),
        BarColorRule("url(https://evil.example/x)", 99, 2),
        BarColorRule("#cf222e", 0, 3),
    )
    page = replace(
        page,
        groups=groups,
        services=services,
        bar_color_rules=rules,
        show_overall_uptime=True,
        overview=HOSTILE_MARKDOWN,
        title=nasty + "page",
        default_bar_color="javascript:alert(1)",
    )
    return replace(base, status_page=page)


def _hostile_services(_: Path) -> dict[str, bytes]:
    snapshot = _hostile_services_snapshot()
    config = Config(base_url="https://status.example.com", timezone="Pacific/Chatham")
    return render_site(snapshot, config, snapshot.taken_at)


def _quiet(_: Path) -> dict[str, bytes]:
    return render_site(_quiet_snapshot(), Config(title="Quiet status", timezone="America/New_York"), f.TAKEN_AT)


FIXTURE_SITES = (
    FixtureSite("demo", _demo),
    FixtureSite("empty", _empty),
    FixtureSite("hostile", _hostile),
    FixtureSite("quiet", _quiet),
    FixtureSite("services", _services),
    FixtureSite("hostile-services", _hostile_services),
)


def write_files(files: dict[str, bytes], folder: Path) -> Path:
    for path, content in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return folder


def build_fixture_sites(root: Path) -> dict[str, Path]:
    """Every fixture site written to root/<name>/; returns the folders by name."""
    folders = {}
    for site in FIXTURE_SITES:
        workdir = root / f"{site.name}-input"
        workdir.mkdir(parents=True, exist_ok=True)
        folders[site.name] = write_files(site.build(workdir), root / site.name)
    return folders
