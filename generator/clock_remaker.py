"""Remaking what shows the time, for a cron run on the clock path (clock_rebuild.py).

A page that shows the build time has the partials that show it rendered at
the last build's time and at the new one and spliced (stamp_splice.py); its
growing texts (an ongoing duration, "in 3 days") are rewritten in place
(growing_text.py); a feed dated by the build is made again from its channel.
Anything it cannot remake answers None, and the build proper runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from generator.byte_edits import Edit
from generator.clock_ledger import Remade
from generator.config import SiteSettings
from generator.formats import Formats
from generator.growing_text import Span, rewrite, same_texts
from generator.restamp import FEED, PAGE
from generator.site import ClockParts, common_context, restamp_context, status_of


class Remaker:
    """Remakes the outputs that show the build time, at the ledger's time (to find them) and at the new one."""

    def __init__(
        self,
        settings: SiteSettings,
        parts: ClockParts,
        ongoing: list[str],
        search_path: list[Path],
        assets: Any,
        formats: Formats,
    ) -> None:
        self.settings, self.parts, self._ongoing = settings, parts, ongoing
        self._search_path, self._assets, self._formats = search_path, assets, formats
        self._environment: Any = None

    def common(self, build_time: datetime) -> dict[str, Any]:
        """The context every page shares, at `build_time`: the incidents' part of the banner from the ledger."""
        levels = self.parts.services.levels if self.parts.services is not None else ()
        status = status_of([*self._ongoing, *levels], under_maintenance=bool(self.parts.maintenance.ongoing))
        return common_context(self.settings, status, build_time, self.parts.maintenance)

    def remake(
        self, entry: Remade, old: Mapping[str, bytes], built: datetime, now: datetime
    ) -> tuple[dict[str, bytes], list[Span]] | None:
        """The entry's files at `now`, and where its page's growing texts are then; None if it cannot be remade."""
        if entry.kind == FEED and self.settings.base_url:
            from generator.feeds import restamped_feed  # feedgen: only when a feed has no events

            files = restamped_feed(tuple(entry.channel), now, self.settings.base_url)
            return (files, []) if files.keys() == old.keys() else None
        path = entry.path + "index.html"
        if entry.kind != PAGE or list(old) != [path]:
            return None
        html = old[path]
        spliced: list[Edit] | None = []
        if entry.partials:  # the page shows the build time
            from generator.stamp_splice import splice_edits

            stamps = self._stamps(entry, built, now)
            spliced = splice_edits(html, *stamps) if stamps is not None else None
        done = (
            rewrite(html, ledger_spans(entry), self._formats.growing, built, now, spliced)
            if spliced is not None
            else None
        )
        return ({path: done[0]}, done[1]) if done is not None else None

    def reads_the_same(self, entry: Remade, built: datetime, now: datetime) -> bool:
        """Whether the entry is a page that shows no build time and whose growing texts read at `now` as at
        `built`: nothing of it to remake."""
        return (
            entry.kind == PAGE
            and not entry.partials
            and same_texts(ledger_spans(entry), self._formats.growing, built, now)
        )

    def _stamps(self, entry: Remade, built: datetime, now: datetime) -> tuple[list[bytes], list[bytes]] | None:
        """The entry's partials that show the build time, rendered at `built` and at `now`."""
        from generator.stamp_splice import render_stamps

        environment = self.theme()
        before = restamp_context(entry.path, entry.template, self.common(built))
        after = restamp_context(entry.path, entry.template, self.common(now))
        try:
            return render_stamps(environment, entry.partials, before), render_stamps(environment, entry.partials, after)
        except Exception:  # noqa: BLE001 - the build proper renders the page, and tells what went wrong
            return None

    def theme(self) -> Any:
        """The site's Jinja environment, made once for all the run renders."""
        if self._environment is None:
            from generator.render import make_environment

            self._environment = make_environment(self._search_path, self._assets, self._formats)
        return self._environment


def ledger_spans(entry: Remade) -> list[Span]:
    """The entry's growing texts as the ledger holds them (checked by clock_ledger when read)."""
    return [(int(start), int(end), str(since), str(kind)) for start, end, since, kind in entry.spans]
