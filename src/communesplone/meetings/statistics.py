"""Attendance of each member of an assembly over a period, for the clerk's yearly reports.

Only the meetings actually held count (in session, decided or closed): a meeting still in
preparation has no attendance yet. A member counts only the meetings held while in office,
as `meeting_attendance` lists only them: a councillor sworn in mid-year is not « absent »
from the meetings before.
"""

from communesplone import _
from communesplone.meetings.attendance import meeting_attendance
from communesplone.meetings.attendance import STATUSES
from datetime import date
from datetime import datetime
from datetime import time
from plone import api

import pygal
import unicodedata


HELD_STATES = ("in_session", "decided", "closed")
MAX_YEARS = 10
COLOURS = {"present": "#2e7d32", "excused": "#f9a825", "absent": "#c62828"}


class PeriodError(ValueError):
    """A period the statistics cannot cover; the message is French, for the page."""


def _say(message) -> PeriodError:
    return PeriodError(api.portal.translate(message))


def parse_day(value: str) -> date:
    """A day from a form's `type=date` field (AAAA-MM-JJ)."""
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        raise _say(
            _(
                "Date invalide : « ${value} ». Indiquez une date au format AAAA-MM-JJ.",
                mapping={"value": value},
            )
        )


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def check_period(start: date, end: date) -> None:
    if end < start:
        raise _say(_("La fin de la période doit suivre son début."))
    if end > _years_after(start, MAX_YEARS):
        raise _say(
            _(
                "La période ne peut pas dépasser ${years} ans.",
                mapping={"years": MAX_YEARS},
            )
        )


def held_meetings(assembly, start: date, end: date) -> list:
    """The assembly's meetings held from `start` to `end` included, in date order.

    Unrestricted: the page is for the meeting managers, who answer for every meeting.
    """
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="Meeting",
        path="/".join(assembly.getPhysicalPath()),
        review_state=list(HELD_STATES),
        start={
            "query": (datetime.combine(start, time.min), datetime.combine(end, time.max)),
            "range": "min:max",
        },
        sort_on="start",
    )
    return [brain._unrestrictedGetObject() for brain in brains]


def _name_key(name: str) -> str:
    """« Émile » between « Dumont » and « Fabre », not after « Zoé »."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return plain.casefold()


def rate(present: int, meetings: int) -> float | None:
    """The presence rate in %, one decimal; None without any meeting."""
    return round(present * 100 / meetings, 1) if meetings else None


def attendance_statistics(assembly, start: date, end: date) -> dict:
    """Per member: meetings held while in office, present / excused / absent, rate.

    {"meetings": number of meetings held, "members": [{person, name, meetings, present,
    excused, absent, rate}] sorted by name, "totals": {meetings, present, excused, absent,
    rate}}, where the totals add up the members' figures (one per member and meeting).
    """
    check_period(start, end)
    meetings = held_meetings(assembly, start, end)
    by_person = {}
    for meeting in meetings:
        for entry in meeting_attendance(meeting):
            figures = by_person.setdefault(
                entry["person"],
                {
                    "person": entry["person"],
                    "name": entry["title"],
                    "meetings": 0,
                    **dict.fromkeys(STATUSES, 0),
                },
            )
            figures["meetings"] += 1
            figures[entry["status"]] += 1
    rows = sorted(by_person.values(), key=lambda row: (_name_key(row["name"]), row["person"]))
    for row in rows:
        row["rate"] = rate(row["present"], row["meetings"])
    totals = {key: sum(row[key] for row in rows) for key in ("meetings", *STATUSES)}
    totals["rate"] = rate(totals["present"], totals["meetings"])
    return {"meetings": len(meetings), "members": rows, "totals": totals}


def french_rate(value: float | None) -> str:
    """66,7 — the French decimal comma; empty without a rate."""
    return "" if value is None else f"{value:.1f}".replace(".", ",")


def attendance_chart(title: str, rows: list[dict], series_titles: dict) -> str:
    """A horizontal stacked bar per member (present, excused, absent), as standalone SVG.

    `series_titles` gives the legend of each status, already translated.
    """
    style = pygal.style.LightStyle(colors=tuple(COLOURS[status] for status in STATUSES))
    # Whole meetings on the axis (pygal would mark 0.2, 0.4…), ten marks at most.
    most = max((sum(row[status] for status in STATUSES) for row in rows), default=0)
    step = max(1, -(-most // 10))
    chart = pygal.HorizontalStackedBar(
        title=title,
        width=720,
        # One line per member: a council of 25 stays readable.
        height=160 + 28 * len(rows),
        legend_at_bottom=True,
        js=[],  # no script fetched from elsewhere: the SVG stands alone
        disable_xml_declaration=True,
        style=style,
        y_labels=list(range(0, most + step, step)),
    )
    # pygal draws the first bar at the bottom: reversed, the chart reads top-down by name.
    ordered = list(reversed(rows))
    chart.x_labels = [row["name"] for row in ordered]
    for status in STATUSES:
        chart.add(series_titles[status], [row[status] for row in ordered])
    return chart.render(is_unicode=True)
