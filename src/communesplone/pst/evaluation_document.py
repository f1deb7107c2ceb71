"""`view` in the evaluation report: the evaluation's texts, its figures, and its comparison.

The report compares the evaluation with the snapshot named in the request (`compare_to`:
another evaluation of the plan, or `aujourdhui`), else with the plan's previous evaluation;
the first evaluation of a plan is printed alone. Every figure comes from the snapshots.
"""

from communesplone.pst import evaluation as snapshots
from communesplone.pst import listing
from communesplone.pst.browser.evaluation import day_of
from communesplone.pst.browser.evaluation import health_of
from communesplone.pst.browser.evaluation import paragraphs
from communesplone.pst.browser.evaluation import percent
from communesplone.pst.browser.evaluation import state_of
from communesplone.pst.documents import PSTDocumentHelper
from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class FigureRow:
    reference: str
    title: str
    state: str
    health: str
    progress: str
    planned: str
    spent: str


@dataclass(frozen=True)
class ChangeRow:
    reference: str
    title: str
    status: str
    progress: str  # « 20 % → 45 % (+25) »
    health: str  # « Bon → À risque »
    state: str


class EvaluationDocumentHelper(PSTDocumentHelper):
    @property
    def evaluation(self):
        return self.real_context

    def scope_title(self) -> str:
        return self.plan_title()

    def evaluation_title(self) -> str:
        return self.evaluation.Title()

    def evaluation_type(self) -> str:
        return snapshots.type_title(self.evaluation, self.request)

    def taken_on(self) -> str:
        return day_of(self.evaluation.taken_on)

    def narrative(self) -> list[str]:
        return paragraphs(self.evaluation.narrative)

    def synergies(self) -> list[str]:
        return paragraphs(self.evaluation.synergies)

    def _totals(self) -> dict:
        return self.evaluation.totals or {}

    def progress(self) -> str:
        return percent(self._totals().get("progress"))

    def budget_planned(self) -> str:
        return listing.euros(self._totals().get("planned"))

    def budget_spent(self) -> str:
        return listing.euros(self._totals().get("spent"))

    def _state(self, row: dict | None) -> str:
        return state_of(row, self._state_titles)

    def _health(self, row: dict | None) -> str:
        return health_of(row, self.request)

    def figure_rows(self) -> list[FigureRow]:
        return [
            FigureRow(
                row["reference"],
                row["title"],
                self._state(row),
                self._health(row),
                percent(row["progress"]),
                listing.euros(row["planned"]),
                listing.euros(row["spent"]),
            )
            for row in self.evaluation.figures
        ]

    # The comparison ---------------------------------------------------------------

    @cached_property
    def _sides(self):
        """(before, after) or None: the snapshot asked for, else the previous evaluation."""
        plan = self.plan
        wanted = self.request.form.get("compare_to")
        mine = snapshots.side(plan, self.evaluation.UID())
        if isinstance(wanted, str) and wanted and wanted != self.evaluation.UID():
            try:
                return snapshots.in_order(mine, snapshots.side(plan, wanted))
            except snapshots.UnknownSnapshot:
                return None
        earlier = [
            other
            for other in snapshots.evaluations_of(plan)
            if (other.taken_on or "") < (self.evaluation.taken_on or "")
        ]
        if not earlier:
            return None
        return snapshots.in_order(mine, snapshots.side(plan, earlier[-1].UID()))

    def has_comparison(self) -> bool:
        return self._sides is not None

    def comparison_title(self) -> str:
        if self._sides is None:
            return ""
        before, after = self._sides
        return (
            f"{before.label} ({day_of(before.taken_on)}) → {after.label} ({day_of(after.taken_on)})"
        )

    @cached_property
    def _lines(self) -> list:
        if self._sides is None:
            return []
        before, after = self._sides
        return snapshots.compare(before.figures, after.figures)

    def comparison_summary(self) -> str:
        counts = snapshots.summary(self._lines)
        return (
            f"{counts['progressed']} élément(s) ont avancé, {counts['regressed']} ont reculé ; "
            f"santé meilleure pour {counts['better']}, moins bonne pour {counts['worse']} ; "
            f"{counts['new']} nouveau(x), {counts['removed']} retiré(s), "
            f"{counts['same']} inchangé(s)."
        )

    def change_rows(self) -> list[ChangeRow]:
        """Only what moved: unchanged nodes would drown the changes in a printed report."""
        statuses = {"new": "nouveau", "removed": "retiré", "changed": "modifié"}
        rows = []
        for line in self._lines:
            if line.status == "same":
                continue
            before, after = line.before or {}, line.after or {}
            progress = f"{percent(before.get('progress'))} → {percent(after.get('progress'))}"
            if line.progress_delta:
                progress += f" ({line.progress_delta:+d})"
            rows.append(
                ChangeRow(
                    line.reference,
                    line.title,
                    statuses[line.status],
                    progress,
                    f"{self._health(before) or '—'} → {self._health(after) or '—'}",
                    f"{self._state(before) or '—'} → {self._state(after) or '—'}",
                )
            )
        return rows
