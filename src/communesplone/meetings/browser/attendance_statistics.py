"""`@@statistiques-presences` on an assembly: each member's attendance over a period, the
chart, and the same table as an ODS file (`@@statistiques-presences.ods`).

For the meeting managers only: the figures name each member's absences.
"""

from communesplone import _
from communesplone.core.calendar import french_date
from communesplone.core.params import form_text
from communesplone.core.spreadsheet import export_response
from communesplone.meetings import statistics
from datetime import date
from functools import cached_property
from plone import api
from Products.Five.browser import BrowserView
from urllib.parse import urlencode
from zExceptions import Unauthorized


MANAGE = "communesplone.meetings: Add meeting"
SERIES_TITLES = {"present": _("Présents"), "excused": _("Excusés"), "absent": _("Absents")}
COLUMNS = (
    _("Membre"),
    _("Séances tenues"),
    _("Présents"),
    _("Excusés"),
    _("Absents"),
    _("Taux de présence (%)"),
)


def _text(message) -> str:
    return api.portal.translate(message)


class AttendanceStatisticsBase(BrowserView):
    """The period read from the form (`debut`, `fin`), this year so far by default."""

    def require_manager(self) -> None:
        if not api.user.has_permission(MANAGE, obj=self.context):
            raise Unauthorized("Les statistiques de présence sont réservées aux gestionnaires.")

    @property
    def debut(self) -> str:
        return form_text(self.request, "debut") or date(date.today().year, 1, 1).isoformat()

    @property
    def fin(self) -> str:
        return form_text(self.request, "fin") or date.today().isoformat()

    def compute(self) -> dict:
        """The statistics, or statistics.PeriodError for a bad or too long period."""
        start = statistics.parse_day(self.debut)
        end = statistics.parse_day(self.fin)
        self.period = (start, end)
        return statistics.attendance_statistics(self.context, start, end)

    def table_rows(self, figures: dict) -> list[list]:
        """The members then the totals, as the cells of the page and of the file."""
        lines = [
            [
                row["name"],
                row["meetings"],
                row["present"],
                row["excused"],
                row["absent"],
                statistics.french_rate(row["rate"]),
            ]
            for row in figures["members"]
        ]
        totals = figures["totals"]
        lines.append(
            [
                _text(_("Total")),
                totals["meetings"],
                totals["present"],
                totals["excused"],
                totals["absent"],
                statistics.french_rate(totals["rate"]),
            ]
        )
        return lines


class AttendanceStatisticsView(AttendanceStatisticsBase):
    error = None
    figures = None

    def __call__(self):
        self.require_manager()
        try:
            self.figures = self.compute()
        except statistics.PeriodError as exc:
            self.error = str(exc)
        return self.index()

    def header(self) -> list[str]:
        return [_text(title) for title in COLUMNS]

    @cached_property
    def lines(self) -> list[list]:
        return self.table_rows(self.figures)

    def members(self) -> list[list]:
        return self.lines[:-1]

    def totals(self) -> list:
        return self.lines[-1]

    def period_title(self) -> str:
        start, end = self.period
        return _text(
            _(
                "Du ${start} au ${end} : ${count} séance(s) tenue(s).",
                mapping={
                    "start": french_date(start),
                    "end": french_date(end),
                    "count": self.figures["meetings"],
                },
            )
        )

    @cached_property
    def chart_svg(self) -> str:
        if not self.figures or not self.figures["members"]:
            return ""
        return statistics.attendance_chart(
            _text(_("Présences par membre")),
            self.figures["members"],
            {status: _text(title) for status, title in SERIES_TITLES.items()},
        )

    def ods_url(self) -> str:
        query = urlencode({"debut": self.debut, "fin": self.fin})
        return f"{self.context.absolute_url()}/@@statistiques-presences.ods?{query}"


class AttendanceStatisticsOds(AttendanceStatisticsBase):
    """The page's table as a spreadsheet; a bad period answers 400 with the reason."""

    def __call__(self):
        self.require_manager()
        try:
            figures = self.compute()
        except statistics.PeriodError as exc:
            self.request.response.setStatus(400)
            self.request.response.setHeader("Content-Type", "text/plain; charset=utf-8")
            return str(exc)
        start, end = self.period
        return export_response(
            self.request.response,
            f"presences-{self.context.getId()}-{start.isoformat()}-{end.isoformat()}",
            [_text(title) for title in COLUMNS],
            self.table_rows(figures),
            "ods",
            sheet=_text(_("Présences")),
        )
