"""What a feed entry and a feed are called, in the site's language: a reader tells the entries apart by their titles.

"Resolved: …", "Update: …", "Postmortem: …", "New incident (Major, affects
Public API): …": an incident's eight entries no longer share four identical
"update" titles. The state and severity names are the project's own, as on
the pages.
"""

from __future__ import annotations

from html import escape

from generator.i18n import Language


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
