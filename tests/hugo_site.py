"""The benchmark's Hugo twin of a snapshot: the same pages from the same Markdown, built by Hugo.

`write_hugo_source` turns a Snapshot into a Hugo project using the small theme
in tests/hugo_theme/: a page per incident and episode (its description, every
public note under its time, the postmortem), a term page per month (the
history) and per service, the home page, and Hugo's RSS feeds (site, months,
services, and each incident's and episode's own, as statusgen makes a feed
per incident and episode: layouts/_default/single.rss.xml). Names of states
and severities and the durations are written into each page's front matter,
as a converter feeding Hugo would; the Markdown is left for Hugo to render,
as statusgen renders it.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from pathlib import Path

from generator.model import Episode, Incident, Snapshot, Update, UpdateKind

THEME = Path(__file__).resolve().parent / "hugo_theme"
STYLESHEET = Path(__file__).resolve().parents[1] / "themes" / "default" / "static" / "style.css"


def write_hugo_source(snapshot: Snapshot, folder: Path, base_url: str) -> None:
    """A Hugo project in `folder` (emptied first) with the snapshot's public pages."""
    shutil.rmtree(folder, ignore_errors=True)
    content = folder / "content"
    (content / "incidents").mkdir(parents=True)
    (content / "episodes").mkdir()
    shutil.copytree(THEME, folder / "themes" / "statusgen")
    (folder / "static").mkdir()
    shutil.copy(STYLESHEET, folder / "static" / "style.css")  # statusgen's own, so both sites carry the same
    (folder / "config.json").write_text(json.dumps(_site_config(snapshot, base_url), indent=1), encoding="utf-8")
    names = _Names(snapshot)
    for incident in snapshot.incidents:
        write_page(folder, _incident_page(incident, names))
    for episode in snapshot.episodes:
        text = _page(_episode_front_matter(episode, names), _timeline(episode.description, episode.updates, names))
        (content / "episodes" / f"{_number(episode)}.md").write_text(text, encoding="utf-8")


def incident_page(snapshot: Snapshot, incident_id: str) -> tuple[str, str]:
    """One incident's content file: its path in the Hugo project and its text."""
    incident = next(incident for incident in snapshot.incidents if incident.id == incident_id)
    return _incident_page(incident, _Names(snapshot))


def write_page(folder: Path, page: tuple[str, str]) -> None:
    (folder / page[0]).write_text(page[1], encoding="utf-8")


def _incident_page(incident: Incident, names: _Names) -> tuple[str, str]:
    text = _page(_incident_front_matter(incident, names), _incident_body(incident, names))
    return f"content/incidents/{_number(incident)}.md", text


def _site_config(snapshot: Snapshot, base_url: str) -> dict[str, object]:
    return {
        "baseURL": base_url + "/",
        "title": "Benchmark status",
        "theme": "statusgen",
        "disableKinds": ["section"],
        "taxonomies": {"month": "months", "service": "services"},
        "permalinks": {"incidents": "/incidents/:filename/", "episodes": "/episodes/:filename/"},
        "services": {"rss": {"limit": 50}},
        # Each incident and episode page has its own feed, as statusgen's have (their notes' HTML).
        "outputs": {"page": ["HTML", "RSS"]},
        "params": {"footer": "Benchmark", "status": "All systems operational", "level": "operational"},
        "markup": {"goldmark": {"renderer": {"unsafe": False}}},
        "enableRobotsTXT": True,
        "buildFuture": True,  # the synthetic project's dates may lie ahead of this machine's clock
    }


class _Names:
    """Display names of states, severities and monitors (or a status page's services)."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.states = {state.id: state for state in snapshot.states}
        self.severities = {severity.id: severity.name for severity in snapshot.severities}
        self.monitors = {monitor.id: monitor.name for monitor in snapshot.monitors}
        page = snapshot.status_page
        for service in page.services if page is not None else ():
            for monitor_id in service.monitor_ids:
                self.monitors.setdefault(monitor_id, service.name)

    def state(self, state_id: str | None) -> str:
        state = self.states.get(state_id or "")
        return state.name if state is not None else "Unknown state"

    def resolved(self, state_id: str) -> bool:
        state = self.states.get(state_id)
        return state is not None and state.is_resolved


def _number(item: Incident | Episode) -> str:
    return str(item.number) if item.number is not None else item.id


def _incident_front_matter(incident: Incident, names: _Names) -> dict[str, object]:
    ends = max((update.at for update in incident.updates), default=incident.declared_at)
    lasted = int((ends - incident.declared_at).total_seconds())
    return {
        **_front_matter(incident, names),
        "duration": _duration(lasted) if names.resolved(incident.state_id) else "",
        "services": sorted({names.monitors.get(m, m) for m in incident.monitor_ids}),
    }


def _episode_front_matter(episode: Episode, names: _Names) -> dict[str, object]:
    return {**_front_matter(episode, names), "members": list(episode.incident_ids)}


def _front_matter(item: Incident | Episode, names: _Names) -> dict[str, object]:
    return {
        "title": item.title,
        "date": item.declared_at.isoformat(),
        "label": item.number_label or f"#{_number(item)}",
        "state": names.state(item.state_id),
        "severity": names.severities.get(item.severity_id, "Unknown severity"),
        "resolved": names.resolved(item.state_id),
        "months": [f"{item.declared_at:%Y-%m}"],
        "impact": "minor",
    }


def _incident_body(incident: Incident, names: _Names) -> str:
    body = _timeline(incident.description, incident.updates, names)
    if incident.postmortem is not None:
        body += f"\n\n## Postmortem\n\n{incident.postmortem.note}\n"
    return body


def _timeline(description: str, updates: Iterable[Update], names: _Names) -> str:
    parts = [description, "## Updates"]
    for update in sorted(updates, key=lambda u: (u.at, u.id), reverse=True):
        heading = f"### {update.at:%d %b %Y, %H:%M} UTC"
        if update.kind == UpdateKind.NOTE:
            parts.append(f"{heading}\n\n{update.note}")
        else:
            parts.append(f"{heading}\n\nState changed to {names.state(update.state_id)}.")
    return "\n\n".join(parts) + "\n"


def _page(front_matter: dict[str, object], body: str) -> str:
    return json.dumps(front_matter, ensure_ascii=False) + "\n\n" + body


def _duration(seconds: int) -> str:
    hours, minutes = divmod(seconds // 60, 60)
    return f"{hours} h {minutes} min" if hours else f"{minutes} min"
