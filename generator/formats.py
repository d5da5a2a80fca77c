"""Dates, times, durations, "in 3 days" and numbers in the site's language, for the templates' filters and the feeds.

Babel knows each language's month names, date order and decimal sign; the
few words of our own (a duration's units, how a date and a time are joined)
are messages in the theme's catalogs. A page shows hundreds of times, so
each day's text is worked out once per build and remembered.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal, InvalidOperation

from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal
from markupsafe import Markup

from generator.dates import in_zone
from generator.growing import STARTS_IN, StartsIn, span_at
from generator.i18n import Language

FULL_DATE = "full"  # the language's full date format, not a skeleton


class Formats:
    """The text forms of one build's dates and numbers: in its language, dates and times in its zone."""

    def __init__(self, language: Language, zone: tzinfo) -> None:
        self.language = language
        self.zone = zone
        self._days: dict[tuple[str, date], str] = {}
        self._figures: dict[str, str] = {}
        self._date_and_time = language.gettext("%(date)s, %(time)s")

    def _day(self, skeleton: str, day: date) -> str:
        key = (skeleton, day)
        text = self._days.get(key)
        if text is None:
            locale = self.language.locale
            full = skeleton == FULL_DATE
            text = format_date(day, "full", locale) if full else format_skeleton(skeleton, day, locale=locale)
            self._days[key] = text
        return text

    def local_time(self, moment: datetime) -> str:
        """'9 Nov 2026, 06:42 CET' ('9. Nov. 2026, 06:42 CET'): the zone's abbreviation says which clock it is."""
        local = in_zone(moment, self.zone)
        clock = f"{local.hour:02d}:{local.minute:02d} {local.tzname() or ''}".rstrip()
        return self._date_and_time % {"date": self._day("yMMMd", local.date()), "time": clock}

    def local_clock(self, moment: datetime) -> str:
        local = in_zone(moment, self.zone)
        return f"{local.hour:02d}:{local.minute:02d}"

    def local_date(self, moment: datetime) -> str:
        return self._day("yMMMd", in_zone(moment, self.zone).date())

    def medium_date(self, day: date) -> str:
        """'9 Nov 2026'."""
        return self._day("yMMMd", day)

    def short_date(self, day: date) -> str:
        """'Mon, 9 Nov 2026'."""
        return self._day("yMMMEd", day)

    def long_date(self, day: date) -> str:
        """'Monday, 9 November 2026'."""
        return self._day(FULL_DATE, day)

    def month_name(self, day: date) -> str:
        """'November 2026'."""
        return self._day("yMMMM", day)

    def day_and_month(self, day: date) -> str:
        """'9 Nov': the first day of a range within one year."""
        return self._day("MMMd", day)

    def weekdays(self) -> tuple[tuple[str, str], ...]:
        """Monday to Sunday as (short, full) names: a calendar's column heads."""
        names = self.language.locale.days["format"]
        return tuple((names["abbreviated"][day], names["wide"][day]) for day in range(7))

    def duration(self, span: timedelta) -> str:
        """'2 h 5 min', '3 d 4 h', '45 min', '< 1 min': short and unambiguous, in the site's language."""
        minutes = int(span.total_seconds() // 60)
        days, minutes = divmod(minutes, 24 * 60)
        hours, minutes = divmod(minutes, 60)
        language = self.language
        values = {"days": days, "hours": hours, "minutes": minutes}
        if days:
            text = language.gettext("%(days)d d %(hours)d h") if hours else language.gettext("%(days)d d")
        elif hours:
            text = language.gettext("%(hours)d h %(minutes)d min") if minutes else language.gettext("%(hours)d h")
        else:
            text = language.gettext("%(minutes)d min") if minutes else language.gettext("< 1 min")
        return text % values

    def starts_in(self, soon: StartsIn) -> Markup:
        """'in 3 days', 'in 5 hours', 'in 1 minute': how soon an upcoming event starts, in the site's language."""
        language, count = self.language, soon.count
        if soon.unit == "day":
            text = language.ngettext("in %(num)d day", "in %(num)d days", count)
        elif soon.unit == "hour":
            text = language.ngettext("in %(num)d hour", "in %(num)d hours", count)
        else:
            text = language.ngettext("in %(num)d minute", "in %(num)d minutes", count)
        # A catalog's text is markup, as every message of the theme is (render._fast_gettext).
        return Markup(text) % {"num": count}  # noqa: S704

    def growing(self, kind: str, since: datetime, moment: datetime) -> str:
        """The text of a growing value of `kind` (growing.DURATION...) at `moment`: what its filter prints then."""
        if kind == STARTS_IN:
            return self.starts_in(StartsIn.before(since, moment))
        return self.duration(span_at(since, moment))

    def decimal(self, figure: str) -> str:
        """A figure such as "99.90" as the language writes it ("99,90"), with exactly its decimals.

        Remembered by figure: most of a service's ninety days read "100".
        """
        text = self._figures.get(figure)
        if text is None:
            text = self._figures[figure] = self._decimal(figure)
        return text

    def _decimal(self, figure: str) -> str:
        try:
            value = Decimal(figure)
        except InvalidOperation:
            return figure
        decimals = len(figure.partition(".")[2])
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return format_decimal(value, format=pattern, locale=self.language.locale)

    def percent(self, figure: str) -> str:
        """'99.90%' ('99,90 %'): the language says where the sign goes."""
        return self.language.gettext("%(number)s%%") % {"number": self.decimal(figure)}
