"""Static files in the shape of Atlassian Statuspage's public API v2, for existing widgets and scripts.

`api/v2/status.json`, `summary.json`, `components.json`, `incidents.json` and
`incidents/unresolved.json`, with the keys and value types Statuspage sends.
How OneUptime's states and severities become Statuspage's statuses, impacts
and indicator is documented in docs/statuspage-api.md; it follows the page's
own banner, so the JSON never says something the HTML does not.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from generator.config import SiteSettings
from generator.dates import format_datetime
from generator.json_text import indented_json
from generator.levels import COMPONENT_STATUS, IMPACT_LEVEL, INDICATOR, MAINTENANCE, OPERATIONAL, worst
from generator.model import Monitor, Severity, State, UpdateKind
from generator.output import Output, Sources
from generator.restamp import CANNOT
from generator.services import GroupView, ServicesPlan, ServiceView
from generator.statuspage_maintenance import (
    MAINTENANCE_DOCUMENTS,
    incident_update,
    maintenance_documents,
    summary_maintenances,
)
from generator.views import UNKNOWN_STATE, IncidentView, SitePlan

API_FOLDER = "api/v2/"
RECENT_INCIDENT_LIMIT = 50  # Statuspage's incidents.json lists the 50 most recent

# Severity rank among the project's severities (by `order`, most severe first).
IMPACTS_BY_RANK = ("critical", "major")
LEAST_IMPACT = "minor"

Json = dict[str, Any]


@dataclass(frozen=True, slots=True)
class ApiContext:
    """What every document shares: the page object, how to name states, severities and monitors."""

    page: Json
    base_url: str
    states: dict[str, State]
    statuses: dict[str, str]  # state id -> investigating / identified / monitoring / resolved
    impacts: dict[int, str]  # severity order -> critical / major / minor
    components: list[Json]  # in position order
    affected: Callable[[tuple[str, ...]], list[Json]]  # the components these monitors are


API_PATHS = tuple(
    API_FOLDER + name
    for name in (
        "status.json",
        "summary.json",
        "incidents.json",
        "incidents/unresolved.json",
        "components.json",
        *MAINTENANCE_DOCUMENTS,
    )
)


def api_outputs(sources: Sources) -> list[Output]:
    """The JSON documents, rendered on every build; none without a base_url (they carry absolute URLs)."""
    plan, settings = sources.plan, sources.settings
    if not settings.base_url:
        return []
    render = functools.partial(statuspage_files, plan, settings, settings.base_url)
    # Dated by the newest incident's change, or by the build when there is none (restamp.py).
    return [Output(API_PATHS, None, render, restamp=None if plan.incidents else CANNOT)]


def statuspage_files(plan: SitePlan, settings: SiteSettings, base_url: str) -> dict[str, bytes]:
    """The JSON documents, keyed by path."""
    context = _context(plan, settings, base_url)
    unresolved = [_incident(view, context) for view in plan.incidents if not view.is_resolved]
    events = plan.maintenance.events if plan.maintenance is not None else ()
    maintenance = maintenance_documents(events, context.page, base_url, context.affected)
    # The banner's own level, so the indicator and the description never disagree (levels.py).
    status = {"indicator": INDICATOR[plan.status.level], "description": plan.status.label}
    documents: dict[str, Json] = {
        "status.json": {"page": context.page, "status": status},
        "summary.json": {
            "page": context.page,
            "status": status,
            "components": context.components,
            "incidents": unresolved,
            "scheduled_maintenances": summary_maintenances(maintenance),
        },
        "incidents.json": {"page": context.page, "incidents": [_incident(v, context) for v in _recent(plan.incidents)]},
        "incidents/unresolved.json": {"page": context.page, "incidents": unresolved},
        "components.json": {"page": context.page, "components": context.components},
        **maintenance,
    }
    return {API_FOLDER + name: _encode(document) for name, document in documents.items()}


def incident_status(state: State, states: Iterable[State]) -> str:
    """Statuspage's status for a OneUptime state: by its flags, a custom state by its order.

    A custom state ordered after the acknowledged state is "monitoring" (such
    as a "Monitoring" state between Acknowledged and Resolved), one before it
    "investigating"; in a project without an acknowledged state, a custom state
    after the created state is "identified".
    """
    if state.is_resolved:
        return "resolved"
    if state.is_acknowledged:
        return "identified"
    if state.is_created or not state.id:
        return "investigating"
    known = list(states)
    acknowledged = [s.order for s in known if s.is_acknowledged]
    if acknowledged:
        return "monitoring" if state.order > max(acknowledged) else "investigating"
    created = [s.order for s in known if s.is_created]
    return "identified" if created and state.order > max(created) else "investigating"


def severity_impacts(severities: Iterable[Severity]) -> dict[int, str]:
    """Impact by severity order: the most severe is "critical", the next "major", the rest "minor".

    Ranked like the banner, which calls an ongoing incident of the most severe
    severity a major outage: that is exactly a "critical" indicator here.
    """
    orders = sorted({severity.order for severity in severities})
    ranked = [*IMPACTS_BY_RANK, *[LEAST_IMPACT] * max(len(orders) - len(IMPACTS_BY_RANK), 0)]
    return dict(zip(orders, ranked, strict=False))


def impact_of(severity: Severity, impacts: dict[int, str]) -> str:
    return impacts.get(severity.order, LEAST_IMPACT)


def ongoing_level(incidents: Iterable[IncidentView], impacts: dict[int, str]) -> str:
    """The worst level of the ongoing incidents (levels.IMPACT_LEVEL), operational when none is ongoing."""
    return worst(IMPACT_LEVEL[impact_of(view.severity, impacts)] for view in incidents if not view.is_resolved)


def page_id(base_url: str) -> str:
    """A stable 12-character page id (Statuspage's length) derived from the public URL, not the project id."""
    return hashlib.sha256(base_url.encode("utf-8")).hexdigest()[:12]


def last_changed(view: IncidentView) -> datetime:
    """When anything public about the incident last happened (derived once, in the page plan)."""
    return view.last_changed or view.incident.declared_at


def _context(plan: SitePlan, settings: SiteSettings, base_url: str) -> ApiContext:
    updated = max((last_changed(view) for view in plan.incidents), default=plan.build_time)
    pid = page_id(base_url)
    page = {
        "id": pid,
        "name": settings.title,
        "url": base_url,
        "time_zone": settings.timezone,
        "updated_at": format_datetime(updated),
    }
    impacts = severity_impacts(plan.severities)
    states = {state.id: state for state in plan.states}
    statuses = {state.id: incident_status(state, plan.states) for state in plan.states}
    if plan.services is not None:
        components, affected = page_components(plan.services, pid)
    else:
        by_monitor = _components(plan.incidents, plan.monitors, impacts, pid)
        components = sorted(by_monitor.values(), key=lambda component: component["position"])

        def affected(monitor_ids: tuple[str, ...]) -> list[Json]:
            return [by_monitor[m] for m in dict.fromkeys(monitor_ids) if m in by_monitor]

    return ApiContext(page, base_url, states, statuses, impacts, components, affected)


def page_components(services: ServicesPlan, pid: str) -> tuple[list[Json], Callable[[tuple[str, ...]], list[Json]]]:
    """A mirrored status page's services and groups as components, in the page's order.

    Statuspage has one level of groups: a nested group's services belong to
    its top group. A component's status is its current monitor status's level
    (levels.py); a group's is its worst service's.
    """
    components: list[Json] = []
    by_service: dict[str, Json] = {}

    def add(view: ServiceView, group_id: str | None) -> None:
        component = _service_component(view, pid, group_id, len(components) + 1)
        components.append(component)
        by_service[view.service.id] = component

    for view in services.ungrouped:
        add(view, None)
    for group in services.groups:
        component = _group_component(group, pid, len(components) + 1)
        components.append(component)
        for view in _all_services(group):
            add(view, group.group.id)
            component["components"].append(view.service.id)
            component["created_at"] = min(component["created_at"], by_service[view.service.id]["created_at"])
            component["updated_at"] = max(component["updated_at"], by_service[view.service.id]["updated_at"])
    monitors = {view.service.id: set(view.service.monitor_ids) for view in services.all}

    def affected(monitor_ids: tuple[str, ...]) -> list[Json]:
        on = set(monitor_ids)
        return [c for c in components if not c["group"] and monitors[c["id"]] & on]

    return components, affected


def _all_services(group: GroupView) -> list[ServiceView]:
    return [*group.services, *(view for child in group.groups for view in _all_services(child))]


def _service_component(view: ServiceView, pid: str, group_id: str | None, position: int) -> Json:
    since = view.since or view.created
    return {
        "id": view.service.id,
        "name": view.service.name,
        # Statuspage's "under_maintenance" while an ongoing event affects it and nothing is worse.
        "status": COMPONENT_STATUS[worst([view.current.level, MAINTENANCE if view.under_maintenance else OPERATIONAL])],
        "created_at": format_datetime(view.created),
        "updated_at": format_datetime(since),
        "position": position,
        "description": view.service.description or None,
        "showcase": view.service.show_history_chart,
        "start_date": None,
        "group_id": group_id,
        "page_id": pid,
        "group": False,
        "only_show_if_degraded": False,
    }


def _group_component(group: GroupView, pid: str, position: int) -> Json:
    return {
        "id": group.group.id,
        "name": group.group.name,
        "status": COMPONENT_STATUS[group.current.level],
        "created_at": "9999-12-31T23:59:59Z",  # lowered to its services' earliest below
        "updated_at": "0001-01-01T00:00:00Z",  # raised to its services' latest below
        "position": position,
        "description": group.group.description or None,
        "showcase": False,
        "start_date": None,
        "group_id": None,
        "page_id": pid,
        "group": True,
        "only_show_if_degraded": False,
        "components": [],
    }


def _components(
    incidents: Sequence[IncidentView], monitors: Sequence[Monitor], impacts: dict[int, str], pid: str
) -> dict[str, Json]:
    """A component per monitor named by an incident; its status is the worst ongoing impact on it."""
    affecting: dict[str, list[IncidentView]] = {monitor.id: [] for monitor in monitors}
    for view in incidents:
        for monitor_id in dict.fromkeys(view.incident.monitor_ids):
            if monitor_id in affecting:
                affecting[monitor_id].append(view)
    ordered = sorted((m for m in monitors if affecting[m.id]), key=lambda m: (m.name.casefold(), m.name, m.id))
    components = {}
    for position, monitor in enumerate(ordered, start=1):
        views = affecting[monitor.id]
        level = ongoing_level(views, impacts)
        components[monitor.id] = {
            "id": monitor.id,
            "name": monitor.name,
            "status": COMPONENT_STATUS[level],
            "created_at": format_datetime(min(view.incident.declared_at for view in views)),
            "updated_at": format_datetime(max(last_changed(view) for view in views)),
            "position": position,
            "description": None,
            "showcase": True,
            "start_date": None,
            "group_id": None,
            "page_id": pid,
            "group": False,
            "only_show_if_degraded": False,
        }
    return components


def _recent(incidents: Sequence[IncidentView]) -> list[IncidentView]:
    """The 50 most recent incidents, and every ongoing one however old (plan order: newest first)."""
    return [view for index, view in enumerate(incidents) if index < RECENT_INCIDENT_LIMIT or not view.is_resolved]


def _incident(view: IncidentView, context: ApiContext) -> Json:
    incident = view.incident
    updates = _updates(view, context)
    status = _status(view, context.statuses)
    if status == "resolved" and view.postmortem is not None:
        status = "postmortem"
    monitoring = [update["created_at"] for update in updates if update["status"] == "monitoring"]
    resolved_at = (view.resolved_at or last_changed(view)) if view.is_resolved else None
    return {
        "id": incident.id,
        "name": incident.title,
        "status": status,
        "impact": impact_of(view.severity, context.impacts),
        "created_at": format_datetime(incident.declared_at),
        "started_at": format_datetime(incident.declared_at),
        "updated_at": format_datetime(last_changed(view)),
        "monitoring_at": min(monitoring) if monitoring else None,
        "resolved_at": format_datetime(resolved_at) if resolved_at is not None else None,
        "shortlink": f"{context.base_url}/{view.url}",
        "page_id": context.page["id"],
        "incident_updates": updates[::-1],  # newest first, as Statuspage lists them
        "components": context.affected(incident.monitor_ids),
    }


def _status(view: IncidentView, statuses: dict[str, str]) -> str:
    if view.is_resolved:
        return "resolved"
    return statuses.get(view.state.id, "investigating")


def _updates(view: IncidentView, context: ApiContext) -> list[Json]:
    """The incident's updates oldest first: its declaration, each note and state change.

    A note carries the status in force when it was posted (a state change at
    the same moment counts as before it). The first state change, when it only
    records the incident's creation, is the declaration rather than an update
    of its own (as in the feeds: the plan decides which, once).
    """
    incident = view.incident
    chronological = sorted(incident.updates, key=lambda u: (u.at, u.kind is not UpdateKind.STATE, u.id))
    current = "investigating"
    declaration = incident.description or "Incident declared."
    updates = [incident_update(incident.id, f"{incident.id}-declared", current, declaration, incident.declared_at)]
    for update in chronological:
        if update.kind is UpdateKind.STATE:
            state = context.states.get(update.state_id or "", UNKNOWN_STATE)
            current = context.statuses.get(state.id, current)
            if update.id == view.declaration_id:
                continue
            body = f"Status changed to {state.name}."
            updates.append(incident_update(incident.id, update.id, current, body, update.at))
        else:
            updates.append(incident_update(incident.id, update.id, current, update.note, update.at))
    return updates


def _encode(document: Json) -> bytes:
    # Sorted keys and a fixed layout: the same data always gives the same bytes.
    return (indented_json(document, 2) + "\n").encode("utf-8")
