"""Working days of the commune: the one place every deadline of the suite is computed.

A day is not worked on Saturdays, Sundays, Belgian public holidays (the `holidays`
library, country BE) and the commune's own closing days (registry record
`communesplone.closing_days`, edited in the « Jours de fermeture » control panel).
Importable without Zope: the legal clocks use it outside any site.
"""

from datetime import date
from datetime import timedelta
from functools import lru_cache

import holidays


CLOSING_DAYS_RECORD = "communesplone.closing_days"

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def french_date(value) -> str:
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


@lru_cache(maxsize=64)
def _belgian_holidays(year: int) -> dict:
    return dict(holidays.country_holidays("BE", years=year, language="fr"))


def public_holiday(day: date) -> str | None:
    """The name of the Belgian public holiday on `day`, or None."""
    return _belgian_holidays(day.year).get(day)


def closing_days() -> frozenset[date]:
    from plone import api

    values = api.portal.get_registry_record(CLOSING_DAYS_RECORD, default=None) or ()
    return frozenset(values)


class WorkingCalendar:
    """Working-day arithmetic with a fixed set of closing days (read once)."""

    def __init__(self, closed=None):
        self.closed = frozenset(closed or ())

    @classmethod
    def for_site(cls) -> "WorkingCalendar":
        return cls(closing_days())

    def why_closed(self, day: date) -> str | None:
        """Why `day` is not worked (in French), or None when it is."""
        if day.weekday() == 5:
            return "samedi"
        if day.weekday() == 6:
            return "dimanche"
        holiday = public_holiday(day)
        if holiday:
            return f"jour férié ({holiday})"
        if day in self.closed:
            return "jour de fermeture de la commune"
        return None

    def is_working_day(self, day: date) -> bool:
        return self.why_closed(day) is None

    def next_working_day(self, day: date) -> date:
        """`day` itself if worked, else the first worked day after it."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def add_days(self, start: date, days: int) -> date:
        """N calendar days after `start`, moved off a non-working day to the next one."""
        return self.next_working_day(start + timedelta(days=days))

    def add_working_days(self, start: date, days: int) -> date:
        """The `days`-th working day after `start` (`start` itself not counted)."""
        if days < 0:
            raise ValueError("Le nombre de jours ouvrables doit être positif.")
        day = start
        counted = 0
        while counted < days:
            day += timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end`."""
        return sum(
            1
            for offset in range(1, (end - start).days + 1)
            if self.is_working_day(start + timedelta(days=offset))
        )
