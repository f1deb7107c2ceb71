"""The statistics page of the urbanism service, with its charts (SVG, pygal), and its
table's export."""

from communesplone import _
from communesplone.core.browser.export import export_rows
from communesplone.core.browser.export import export_url
from communesplone.core.params import form_text
from communesplone.urban.procedures import procedures
from communesplone.urban.statistics import figures
from plone import api
from Products.Five.browser import BrowserView

import pygal


class UrbanStatistics(BrowserView):
    def table(self) -> list[dict]:
        """The table's lines as the page shows them: a dash where there is no figure."""
        return [
            {
                **line,
                "to_acknowledgement": _figure(line["median_to_acknowledgement"]),
                "to_decision": _figure(line["median_to_decision"]),
                "on_time": "—"
                if line["on_time_rate"] is None
                else f"{line['on_time_rate']} % ({line['decided']})",
            }
            for line in self.lines()
        ]

    def export_url(self, fmt: str) -> str:
        return export_url(self.context.absolute_url(), "statistiques-export", {}, fmt)

    def lines(self):
        if not hasattr(self, "_lines"):
            brains = api.portal.get_tool("portal_catalog")(
                portal_type="Permit", path="/".join(self.context.getPhysicalPath())
            )
            titles = {pid: info["acronym"] for pid, info in procedures().items()}
            self._lines = [
                {**line, "label": titles.get(line["procedure"], line["procedure"])}
                for line in figures((b.permit_procedure, b.permit_stats) for b in brains)
            ]
        return self._lines

    def _chart(self, chart_class, title, values_of):
        lines = self.lines()
        years = sorted({line["year"] for line in lines})
        chart = chart_class(
            title=title,
            height=320,
            width=720,
            legend_at_bottom=True,
            js=[],  # no script fetched from elsewhere: the SVG stands alone
            disable_xml_declaration=True,
            style=pygal.style.LightStyle,
        )
        chart.x_labels = [str(year) for year in years]
        for label in sorted({line["label"] for line in lines}):
            by_year = {line["year"]: values_of(line) for line in lines if line["label"] == label}
            chart.add(label, [by_year.get(year) for year in years])
        return chart.render(is_unicode=True)

    def deposits_chart(self):
        return self._chart(
            pygal.StackedBar, "Dossiers déposés par année", lambda line: line["deposited"]
        )

    def on_time_chart(self):
        return self._chart(
            pygal.Bar, "Décisions dans le délai légal (%)", lambda line: line["on_time_rate"]
        )


class UrbanStatisticsExport(UrbanStatistics):
    """@@statistiques-export: the page's table, as CSV or ODS."""

    COLUMNS = (
        ("year", _("Année de dépôt")),
        ("label", _("Procédure")),
        ("deposited", _("Dossiers déposés")),
        ("to_acknowledgement", _("Jours jusqu'à l'accusé de réception (médiane)")),
        ("to_decision", _("Jours jusqu'à la décision (médiane)")),
        ("on_time", _("Décisions dans le délai")),
    )

    def __call__(self):
        form_text(self.request, "format")  # a bad format is refused (400) before the query
        return export_rows(
            self, "statistiques-urbanisme", self.COLUMNS, self.table(), _("Statistiques")
        )


def _figure(value) -> str:
    return "—" if value is None else str(value)
