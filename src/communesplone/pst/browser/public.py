"""The public page of the published PSTs and their open data (CSV, JSON).

Anyone may call these views: what they read comes only from pst/public.py, which filters
explicitly. Templates get plain dicts, never a brain nor an object.
"""

from communesplone import _
from communesplone.core.spreadsheet import export_response
from communesplone.pst import charts
from communesplone.pst import listing
from communesplone.pst import public
from functools import cached_property
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import NotFound
from zope.i18n import translate


class PublicBase(BrowserView):
    """The published plan named by `?plan=UID`; 404 for anything else."""

    def t(self, message) -> str:
        return translate(message, context=self.request)

    @cached_property
    def base(self) -> str:
        return self.context.absolute_url()

    @cached_property
    def plan(self):
        """The published plan, or None: the caller refuses before rendering anything."""
        return public.published_plan(self.request.form.get("plan"))

    def require_plan(self) -> None:
        if self.plan is None:
            raise NotFound("Aucun programme publié à cette adresse.")

    @cached_property
    def info(self) -> dict:
        return public.plan_info(self.plan, self.base, self.request)

    @cached_property
    def rows(self) -> list[dict]:
        return public.public_rows(self.plan, self.base, self.request)


class PublicPST(PublicBase):
    """`@@pst-public`: the published plans; `?plan=UID` one plan; `&element=UID` one node."""

    plans_template = ViewPageTemplateFile("templates/public_plans.pt")
    plan_template = ViewPageTemplateFile("templates/public_plan.pt")
    element_template = ViewPageTemplateFile("templates/public_element.pt")
    macros_template = ViewPageTemplateFile("templates/public_macros.pt")

    def __call__(self):
        form = self.request.form
        if "plan" not in form:
            return self.plans_template()
        self.require_plan()
        if "element" not in form:
            return self.plan_template()
        if self.element is None:
            raise NotFound("Aucun élément public à cette adresse.")
        return self.element_template()

    @property
    def macros(self):
        return self.macros_template.macros

    def plans(self) -> list[dict]:
        return public.published_plans(self.base, self.request)

    @cached_property
    def element(self) -> dict | None:
        """The row of `?element=UID` if it is one of the plan's public nodes, else None."""
        uid = self.request.form.get("element")
        for row in self.rows:
            if isinstance(uid, str) and row["uid"] == uid:
                return row
        return None

    def top_rows(self) -> list[dict]:
        return [row for row in self.rows if row["parent_uid"] is None]

    def children(self) -> list[dict]:
        return [row for row in self.rows if row["parent_uid"] == self.element["uid"]]

    def ancestors(self) -> list[dict]:
        """From the strategic objective down to the element's parent."""
        by_uid = {row["uid"]: row for row in self.rows}
        chain = []
        parent = by_uid.get(self.element["parent_uid"])
        while parent is not None:
            chain.insert(0, parent)
            parent = by_uid.get(parent["parent_uid"])
        return chain

    def indicators(self) -> list[dict]:
        return public.element_indicators(self.plan, self.element)

    def children_title(self) -> str:
        titles = {
            "strategic_objective": _("Objectifs opérationnels"),
            "operational_objective": _("Actions"),
            "action": _("Sous-actions"),
        }
        title = titles.get(self.element["level"])  # a sub-action has no children
        return self.t(title) if title else ""

    def export_url(self, extension: str) -> str:
        return self.info["url"].replace("@@pst-public?", f"@@pst-public.{extension}?", 1)

    # Formatting ---------------------------------------------------------------------

    def euros(self, value) -> str:
        return listing.euros(value)

    def day(self, value) -> str:
        return listing.french_day(value)

    def number(self, value) -> str:
        """10 rather than 10.0, 2,5 rather than 2.5."""
        if value is None:
            return "—"
        if float(value).is_integer():
            return str(int(value))
        return f"{value}".replace(".", ",")

    # Charts -------------------------------------------------------------------------

    def progress_svg(self) -> str:
        bars = [
            (f"{row['reference']} {row['title']}"[:60], row["progress"]) for row in self.top_rows()
        ]
        if not bars:
            return ""
        return charts.progress_chart(self.t(_("Avancement des objectifs stratégiques (%)")), bars)

    def budget_svg(self) -> str:
        by_year = self.info["budget_by_year"]
        if not by_year:
            return ""
        if self.info["shows_spent"]:
            return charts.budget_chart(self.t(_("Budget prévu et dépensé par année")), by_year)
        return charts.budget_chart(self.t(_("Budget prévu par année")), by_year, spent=False)


class PublicPSTCSV(PublicBase):
    """`@@pst-public.csv?plan=UID`: one line per public element, for a spreadsheet."""

    def __call__(self):
        self.require_plan()
        header, lines = public.csv_table(self.info, self.rows, self.request)
        return export_response(
            self.request.response,
            public.file_name(self.plan),
            header,
            lines,
            "csv",
            sheet="PST",  # the CSV has no sheet; export_response names the ODS one
        )


class PublicPSTJSON(PublicBase):
    """`@@pst-public.json?plan=UID`: {plan, elements} (shape documented in pst/public.py)."""

    def __call__(self):
        self.require_plan()
        body = public.as_json(self.info, self.rows)
        response = self.request.response
        response.setHeader("Content-Type", "application/json; charset=utf-8")
        response.setHeader(
            "Content-Disposition", f'attachment; filename="{public.file_name(self.plan)}.json"'
        )
        # Open data: any site may read it from a browser (no cookie is ever involved).
        response.setHeader("Access-Control-Allow-Origin", "*")
        return body
