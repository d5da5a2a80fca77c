"""What the client asks OneUptime for, and the rows it hands on: plain data, no HTTP.

Every select names public fields only (../shared/ONEUPTIME_SOURCE_NOTES.md, A2);
a field that is not selected never reaches the rest of the program.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from generator.oneuptime.maintenance_rows import MAINTENANCE_READ_PERMISSION, RawMaintenance

Row = dict[str, Any]
Select = Mapping[str, Any]

PAGE_SIZE = 100
"""Rows per request: the published maximum, which every server version accepts (LimitMax.ts allows 10000)."""

IDS_PER_QUERY = 500
"""Ids in one Includes query: about 20 kB of request body, sent again with every
page. Consecutive batches are paged as one list (see chain.py), so their
number adds no requests; larger batches would only make every request bigger."""

# Ascending by creation, then id: a stable order, so concurrent pages neither
# overlap nor miss rows while nothing is being written.
SORT: Mapping[str, str] = {"createdAt": "ASC", "_id": "ASC"}

# Selected on the listings of whole tables so that rows of another project (a key
# copied from the wrong project: the server takes the project from the key and
# ignores the ProjectID header, ProjectAuthorization.ts) are noticed.
PROJECT_COLUMN = "projectId"

INCIDENT_SELECT: Select = {
    "_id": True,
    "title": True,
    "description": True,
    "declaredAt": True,
    "createdAt": True,
    "updatedAt": True,
    "slug": True,
    "incidentNumber": True,
    "incidentNumberWithPrefix": True,
    "currentIncidentStateId": True,
    "incidentSeverityId": True,
    "isVisibleOnStatusPage": True,
    "isPrivate": True,
    "showPostmortemOnStatusPage": True,
    "postmortemNote": True,
    "postmortemPostedAt": True,
    "incidentEpisodeId": True,
    "projectId": True,
    "monitors": {"_id": True, "name": True},
}
EPISODE_SELECT: Select = {
    "_id": True,
    "title": True,
    "description": True,
    "episodeNumber": True,
    "episodeNumberWithPrefix": True,
    "currentIncidentStateId": True,
    "incidentSeverityId": True,
    "declaredAt": True,
    "resolvedAt": True,
    "incidentCount": True,
    "isVisibleOnStatusPage": True,
    "isPrivate": True,
    "projectId": True,
}
EPISODE_MEMBER_SELECT: Select = {"_id": True, "incidentEpisodeId": True, "incidentId": True}
PUBLIC_NOTE_SELECT: Select = {"_id": True, "incidentId": True, "note": True, "postedAt": True, "createdAt": True}
EPISODE_PUBLIC_NOTE_SELECT: Select = {
    "_id": True,
    "incidentEpisodeId": True,
    "note": True,
    "postedAt": True,
    "createdAt": True,
}
STATE_TIMELINE_SELECT: Select = {
    "_id": True,
    "incidentId": True,
    "incidentStateId": True,
    "startsAt": True,
    "endsAt": True,
}
# rootCause and stateChangeLog of these rows are private and never selected.
EPISODE_STATE_TIMELINE_SELECT: Select = {
    "_id": True,
    "incidentEpisodeId": True,
    "incidentStateId": True,
    "startsAt": True,
    "endsAt": True,
}
STATE_SELECT: Select = {
    "_id": True,
    "name": True,
    "color": True,
    "order": True,
    "isCreatedState": True,
    "isAcknowledgedState": True,
    "isResolvedState": True,
    "projectId": True,
}
SEVERITY_SELECT: Select = {"_id": True, "name": True, "color": True, "order": True, "projectId": True}
MONITOR_SELECT: Select = {"_id": True, "name": True}
# What the incremental fetch asks for to learn which items exist and which rows moved:
# ids and the columns that decide visibility, nothing else.
LISTING_SELECT: Select = {"_id": True, "isVisibleOnStatusPage": True, "isPrivate": True, "projectId": True}
INCIDENT_KEY_SELECT: Select = {"_id": True, "incidentId": True}
EPISODE_KEY_SELECT: Select = {"_id": True, "incidentEpisodeId": True}
VISIBLE_QUERY: Mapping[str, Any] = {"isVisibleOnStatusPage": True}

# --- A status page (../shared/ONEUPTIME_SOURCE_NOTES.md, B3-B5) ---------------------------
# Each select names what OneUptime's own page reads (StatusPageAPI.ts,
# getStatusPageResourcesAndTimelines) and nothing private: never masterPassword,
# ipWhitelist, embeddedOverallStatusToken, customJavaScript, customCSS, headerHTML,
# footerHTML or smtpConfig of the page, never a monitor's name (a page names its
# services by the resource's displayName), never rootCause or statusChangeLog of a timeline row.

# On an incident of a status page only the monitors' ids are read: the page names them.
SCOPED_INCIDENT_SELECT: Select = {**INCIDENT_SELECT, "monitors": {"_id": True}}
# The incremental fetch's listing of a page's incidents: with their monitors, to check they are on it.
SCOPED_LISTING_SELECT: Select = {**LISTING_SELECT, "monitors": {"_id": True}}
# Of an episode's member incidents that are not published, only their monitors' ids.
INCIDENT_MONITORS_SELECT: Select = {"_id": True, "monitors": {"_id": True}}
STATUS_PAGE_SELECT: Select = {
    "_id": True,
    "name": True,  # the public title when pageTitle is empty (StatusPageAPI.ts: pageTitle || name)
    "pageTitle": True,
    "pageDescription": True,
    "overviewPageDescription": True,
    "isPublicStatusPage": True,
    "showIncidentsOnStatusPage": True,
    "showEpisodesOnStatusPage": True,
    "showScheduledMaintenanceEventsOnStatusPage": True,
    "showAnnouncementsOnStatusPage": True,
    "showIncidentHistoryInDays": True,
    "showUptimeHistoryInDays": True,
    "showOverallUptimePercentOnStatusPage": True,
    "overallUptimePercentPrecision": True,
    "defaultBarColor": True,
    "downtimeMonitorStatuses": {"_id": True},
    "projectId": True,
}
STATUS_PAGE_RESOURCE_SELECT: Select = {
    "_id": True,
    "statusPageId": True,
    "monitorId": True,
    "monitorGroupId": True,
    "statusPageGroupId": True,
    "displayName": True,
    "displayDescription": True,
    "displayTooltip": True,
    "showCurrentStatus": True,
    "showUptimePercent": True,
    "uptimePercentPrecision": True,
    "showStatusHistoryChart": True,
    "order": True,
    "projectId": True,
}
STATUS_PAGE_GROUP_SELECT: Select = {
    "_id": True,
    "statusPageId": True,
    "name": True,
    "description": True,
    "order": True,
    "parentStatusPageGroupId": True,
    "isExpandedByDefault": True,
    "showCurrentStatus": True,
    "showUptimePercent": True,
    "uptimePercentPrecision": True,
    "projectId": True,
}
BAR_COLOR_RULE_SELECT: Select = {
    "_id": True,
    "statusPageId": True,
    "barColor": True,
    "uptimePercentGreaterThanOrEqualTo": True,
    "order": True,
    "projectId": True,
}
MONITOR_GROUP_MEMBER_SELECT: Select = {"_id": True, "monitorGroupId": True, "monitorId": True}
MONITOR_STATUS_SELECT: Select = {
    "_id": True,
    "name": True,
    "color": True,
    "priority": True,
    "isOperationalState": True,
    "isOfflineState": True,
    "projectId": True,
}
# A monitor's current status, never its name.
MONITOR_CURRENT_SELECT: Select = {"_id": True, "currentMonitorStatusId": True}
MONITOR_TIMELINE_SELECT: Select = {
    "_id": True,
    "monitorId": True,
    "monitorStatusId": True,
    "startsAt": True,
    "endsAt": True,
}
# Set by the client on an episode row of a status page: the monitors of all its member
# incidents, visible or not, for OneUptime's rule of which episodes a page shows.
EPISODE_MONITORS = "statusgen:memberMonitorIds"

# What a column the server says it does not have means for every row. A server
# without isPrivate (before 10.2.0) cannot mark anything private, so its rows are
# explicitly not private; any other missing column is simply absent.
ABSENT_COLUMN_MEANS: Mapping[str, Any] = {"isPrivate": False}

# The permission that lets an API key read each resource on servers older than the
# Viewer role (10.0.65), by its title in OneUptime's Common/Types/Permission.ts.
READ_PERMISSION: Mapping[str, str] = {
    "incident": "Read Incident",
    "incident-episode": "Read Incident Episode",
    "incident-public-note": "Read Incident Status Page Note",
    "incident-state-timeline": "Read Incident State Timeline",
    "incident-state": "Read Incident State",
    "incident-severity": "Read Incident Severity",
    "incident-episode-member": "Read Incident Episode Member",
    "incident-episode-public-note": "Read Incident Episode Public Note",
    "incident-episode-state-timeline": "Read Incident Episode State Timeline",
    "monitor": "Read Monitor",
    "status-page": "Read Status Page",
    "status-page-resource": "Read Status Page Resource",
    "status-page-group": "Read Status Page Group",
    "status-page-history-chart-bar-color-rule": "Read Status Page History Chart Bar Color Rule",
    "monitor-status": "Read Monitor Status",
    "monitor-status-timeline": "Read Monitor Status Timeline",
    "monitor-group-resource": "Read Monitor Group Resource",
    **MAINTENANCE_READ_PERMISSION,
}


@dataclass(frozen=True, slots=True)
class RawProject:
    """Rows as the API sent them, typed wire values decoded.

    Only public fields of visible incidents and episodes, and rows that belong
    to them, are kept; visibility.py still makes every publishing decision.
    """

    incidents: list[Row]
    episodes: list[Row]
    episode_members: list[Row]
    public_notes: list[Row]
    state_timelines: list[Row]
    states: list[Row]
    severities: list[Row]
    monitors: list[Row]
    # Newer servers only (/api/incident-episode-public-note, 9.5.3): empty where the resource is missing.
    episode_public_notes: list[Row] = field(default_factory=list)
    # Newer servers only (/api/incident-episode-state-timeline, 9.4.13): likewise.
    episode_state_timelines: list[Row] = field(default_factory=list)
    # Set when the site mirrors one status page: then only what that page shows is published.
    status_page: RawStatusPage | None = None
    # Scheduled maintenance and announcements, read in full by every fetch; None when not fetched.
    maintenance: RawMaintenance | None = None


@dataclass(frozen=True, slots=True)
class RawStatusPage:
    """A status page's rows: its settings, services, groups, statuses and the window of status timelines.

    `window_start`..`window_end` is the time the timelines were asked for, for
    the monitors of resources that show a chart or an uptime figure
    (StatusPageAPI.ts). For the monitors in `changed_only` (an incremental
    fetch), `timelines` holds only the rows changed since the last snapshot.
    """

    page: Row
    resources: list[Row]
    groups: list[Row]
    group_members: list[Row]
    statuses: list[Row]
    monitors: list[Row]
    timelines: list[Row]
    bar_rules: list[Row]
    window_start: datetime
    window_end: datetime
    changed_only: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class RawChanges:
    """What an incremental fetch learned: which items are visible now, and fresh rows of those that changed.

    `fresh` holds the complete rows of every touched incident (all its notes and
    state changes) and touched episode (all its members, notes and state
    changes), plus every state and severity. `monitors` are the current rows of
    the monitors asked about, or None when the server has no monitor resource
    or the key may not read it.
    """

    incident_ids: frozenset[str]
    episode_ids: frozenset[str]
    touched_incident_ids: frozenset[str]
    touched_episode_ids: frozenset[str]
    fresh: RawProject
    monitors: list[Row] | None
