"""What a feed entry and a feed are called, in the site's language: a reader tells the entries apart by their titles.

"Resolved: …", "Update: …", "Postmortem: …", "New incident (Major, affects
Public API): …": an incident's eight entries no longer share four identical
"update" titles. The state and severity names are the project's own, as on
the pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from generator.i18n import Language

if TYPE_CHECKING:
    from generator.model import Maintenance


def declared_title(words: Language, title: str, severity: str, affected: tuple[str, ...]) -> str:
    if affected:
        message = words.gettext("New incident (%(severity)s, affects %(affected)s): %(title)s")
        return message % {"severity": severity, "affected": ", ".join(affected), "title": title}
    return words.gettext("New incident (%(severity)s): %(title)s") % {"severity": severity, "title": title}


def update_title(words: Language, title: str) -> str:
    return words.gettext("Update: %(title)s") % {"title": title}


def state_title(words: Language, title: str, state: str, is_resolution: bool) -> str:
    if is_resolution:
        return words.gettext("Resolved: %(title)s") % {"title": title}
    return words.gettext("%(state)s: %(title)s") % {"state": state, "title": title}


def postmortem_title(words: Language, title: str) -> str:
    return words.gettext("Postmortem: %(title)s") % {"title": title}


def state_change_html(words: Language, state: str) -> str:
    return "<p>" + escape(words.gettext("State changed to %(state)s.") % {"state": state}, quote=False) + "</p>"


def declared_html(words: Language) -> str:
    return "<p>" + escape(words.gettext("Incident declared."), quote=False) + "</p>"


def site_subtitle(words: Language, site: str) -> str:
    return words.gettext("Incidents and updates from %(site)s") % {"site": site}


def item_subtitle(words: Language, title: str) -> str:
    return words.gettext("Updates on %(title)s") % {"title": title}


def service_subtitle(words: Language, service: str) -> str:
    return words.gettext("Incidents affecting %(service)s") % {"service": service}


def page_feed_title(words: Language) -> str:
    """The title of a page's own feed in its <link rel="alternate">."""
    return words.gettext("This page's updates (Atom)")


def maintenance_scheduled_title(words: Language, title: str) -> str:
    return words.gettext("Maintenance scheduled: %(title)s") % {"title": title}


def maintenance_change_title(words: Language, title: str, change: str) -> str:
    """A maintenance event's state change by what it meant (maintenance_views.change_words), else its state's name."""
    titles = {
        "started": words.gettext("Maintenance started: %(title)s"),
        "verifying": words.gettext("Maintenance verifying: %(title)s"),
        "completed": words.gettext("Maintenance completed: %(title)s"),
        "cancelled": words.gettext("Maintenance cancelled: %(title)s"),
        "ended": words.gettext("Maintenance ended: %(title)s"),
    }
    if change in titles:
        return titles[change] % {"title": title}
    return words.gettext("%(state)s: %(title)s") % {"state": change, "title": title}


def maintenance_change_html(words: Language, change: str) -> str:
    said = {
        "started": words.gettext("Maintenance started."),
        "verifying": words.gettext("Maintenance is being verified."),
        "completed": words.gettext("Maintenance completed."),
        "cancelled": words.gettext("Maintenance cancelled."),
        "ended": words.gettext("Maintenance ended."),
    }
    text = said.get(change) or words.gettext("State changed to %(state)s.") % {"state": change}
    return "<p>" + escape(text, quote=False) + "</p>"


def maintenance_scheduled_html(words: Language, event: Maintenance, services: Sequence[str]) -> str:
    window = {"start": f"{event.starts_at:%Y-%m-%d %H:%M}", "end": f"{event.ends_at:%Y-%m-%d %H:%M}"}
    text = words.gettext("Maintenance scheduled from %(start)s to %(end)s UTC.") % window
    if services:
        text += " " + affects(words, services)
    return "<p>" + escape(text, quote=False) + "</p>"


def affects(words: Language, services: Sequence[str]) -> str:
    return words.gettext("Affects %(services)s.") % {"services": ", ".join(services)}


def calendar_name(words: Language, site: str) -> str:
    return words.gettext("%(site)s: maintenance") % {"site": site}


def service_calendar_name(words: Language, site: str, service: str) -> str:
    return words.gettext("%(site)s: %(service)s maintenance") % {"site": site, "service": service}


def announcement_title(words: Language, title: str) -> str:
    return words.gettext("Announcement: %(title)s") % {"title": title}
