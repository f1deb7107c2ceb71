"""An evaluation's page, and the comparison of two snapshots of a plan (« Comparer »).

Both read stored snapshots; « today » is taken on the fly from the nodes' stored values.
Nothing is written on read.
"""

from communesplone import _
from communesplone.core.documents import templates_folder
from communesplone.pst import evaluation as snapshots
from communesplone.pst import listing
from communesplone.pst.content.plan import plan_of
from communesplone.pst.vocabularies import HEALTH
from datetime import date
from functools import cached_property
from Products.Five.browser import BrowserView
from urllib.parse import urlencode
from zope.i18n import translate


HEALTH_TITLES = dict(HEALTH)
EVALUATION_TEMPLATE = "pst-evaluation"


def day_of(taken_on: str | None) -> str:
    taken = snapshots.taken_day(taken_on)
    return taken.strftime("%d/%m/%Y") if taken else ""


def paragraphs(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split("\n\n") if part.strip()]


def percent(value) -> str:
    return "—" if value is None else f"{value} %"


def state_of(row: dict | None, titles: dict) -> str:
    """The title of a snapshot row's state (`titles` from listing.state_titles)."""
    if not row:
        return ""
    return titles.get((row["portal_type"], row["state"]), row["state"] or "")


def health_of(row: dict | None, request) -> str:
    if not row or not row.get("health"):
        return ""
    return translate(HEALTH_TITLES.get(row["health"], row["health"]), context=request)


def document_url(evaluation, output_format: str, compare_to: str | None = None) -> str | None:
    """The evaluation's report, compared with another snapshot when one is given."""
    folder = templates_folder()
    if EVALUATION_TEMPLATE not in folder.objectIds():
        return None
    query = {
        "template_uid": folder[EVALUATION_TEMPLATE].UID(),
        "output_format": output_format,
    }
    if compare_to:
        query["compare_to"] = compare_to
    return f"{evaluation.absolute_url()}/document-generation?{urlencode(query)}"


class SnapshotPage(BrowserView):
    """What both pages share: French labels of the stored values."""

    def t(self, message) -> str:
        return translate(message, context=self.request)

    @cached_property
    def state_titles(self) -> dict:
        return listing.state_titles()

    def state_title(self, row: dict | None) -> str:
        return state_of(row, self.state_titles)

    def health_title(self, row: dict | None) -> str:
        return health_of(row, self.request)

    def health_class(self, row: dict | None) -> str:
        return listing.HEALTH_BADGES.get((row or {}).get("health"), "bg-light text-dark")

    def euros(self, value) -> str:
        return listing.euros(value)

    def progress(self, value) -> str:
        return percent(value)

    def choices(self, plan) -> list[dict]:
        """What can be compared: today, then the plan's evaluations."""
        choices = [{"key": snapshots.TODAY, "title": self.t(_("Aujourd'hui"))}]
        for evaluation in snapshots.evaluations_of(plan):
            choices.append({"key": evaluation.UID(), "title": evaluation.Title()})
        return choices


class EvaluationView(SnapshotPage):
    """An evaluation: its texts, its figures as they were, and what to compare it with."""

    def type_title(self) -> str:
        return snapshots.type_title(self.context, self.request)

    def taken_on(self) -> str:
        return day_of(self.context.taken_on)

    def narrative(self) -> list[str]:
        return paragraphs(self.context.narrative)

    def synergies(self) -> list[str]:
        return paragraphs(self.context.synergies)

    def totals(self) -> dict:
        return self.context.totals or {"progress": None, "planned": 0.0, "spent": 0.0}

    def rows(self) -> list[dict]:
        return list(self.context.figures)

    def others(self) -> list[dict]:
        """What this evaluation can be compared with: today, then the plan's others."""
        own = self.context.UID()
        return [choice for choice in self.choices(plan_of(self.context)) if choice["key"] != own]

    def compare_url(self) -> str:
        return f"{plan_of(self.context).absolute_url()}/@@comparer"


class CompareView(SnapshotPage):
    """@@comparer?avant=…&apres=… on a plan: two snapshots side by side, changes marked."""

    error = None

    def __call__(self):
        self.before, self.after = self._sides()
        return self.index()

    def _key(self, name: str, default: str | None) -> str | None:
        value = self.request.form.get(name)
        return value if isinstance(value, str) and value else default

    def _sides(self):
        evaluations = snapshots.evaluations_of(self.context)
        latest = evaluations[-1].UID() if evaluations else None
        first = self._key("avant", latest)
        second = self._key("apres", snapshots.TODAY)
        if first is None:
            self.error = self.t(
                _("Ce programme n'a pas encore d'évaluation : il n'y a rien à comparer.")
            )
            return None, None
        try:
            sides = snapshots.side(self.context, first), snapshots.side(self.context, second)
        except snapshots.UnknownSnapshot:
            self.request.response.setStatus(400)
            self.error = self.t(
                _("Cette évaluation n'existe pas, ou n'est pas une évaluation de ce programme.")
            )
            return None, None
        return snapshots.in_order(*sides)

    @cached_property
    def lines(self) -> list:
        if self.before is None:
            return []
        return snapshots.compare(self.before.figures, self.after.figures)

    def summary(self) -> dict:
        return snapshots.summary(self.lines)

    def day(self, side) -> str:
        return day_of(side.taken_on)

    def plan_choices(self) -> list[dict]:
        return self.choices(self.context)

    def delta(self, line) -> str:
        delta = line.progress_delta
        if not delta:
            return ""
        return f"{delta:+d}"

    def row_class(self, line) -> str:
        return {
            "new": "table-success",
            "removed": "table-secondary text-decoration-line-through",
            "changed": "",
            "same": "text-muted",
        }[line.status]

    def cell_class(self, line, name: str) -> str:
        """Changed values stand out: better in green, worse in red, otherwise in bold."""
        if name not in line.changes:
            return ""
        if name == "progress":
            return "table-success" if (line.progress_delta or 0) > 0 else "table-danger"
        if name == "health":
            return {"better": "table-success", "worse": "table-danger"}.get(
                line.health_trend, "fw-bold"
            )
        return "table-warning"

    def status_title(self, line) -> str:
        return self.t(
            {
                "new": _("nouveau"),
                "removed": _("retiré"),
                "changed": _("modifié"),
                "same": _("inchangé"),
            }[line.status]
        )

    def document_links(self) -> list[dict]:
        """The comparison as a report, generated on the evaluation it is about."""
        if self.before is None:
            return []
        owner, other = (
            (self.after, self.before)
            if self.after.evaluation is not None
            else (self.before, self.after)
        )
        links = []
        for output_format in ("odt", "pdf"):
            url = document_url(owner.evaluation, output_format, other.key)
            if url:
                links.append({"title": output_format.upper(), "url": url})
        return links

    def today(self) -> str:
        return date.today().strftime("%d/%m/%Y")
