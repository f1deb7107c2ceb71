"""The follow-up of decisions in the browser: the report's button, the dashboard and its
export."""

from communesplone import _
from communesplone.core.browser.actions import PostOnlyView
from communesplone.core.browser.export import export_rows
from communesplone.core.browser.export import export_url
from communesplone.core.params import form_text
from communesplone.core.structure import service_options
from communesplone.meetings import followup
from datetime import date
from datetime import datetime
from plone import api
from plone.memoize.instance import memoize
from Products.Five.browser import BrowserView
from urllib.parse import urlencode
from zExceptions import Unauthorized


TABS = (
    ("todo", _("À exécuter"), {"done": False}),
    ("late", _("En retard"), {"late": True}),
    ("done", _("Exécutées"), {"done": True}),
)


def short_date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def parse_date(text) -> date:
    """A date typed in the form: ISO (the date input) or dd/mm/yyyy (typed by hand)."""
    text = (text or "").strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise followup.FollowUpError(
        api.portal.translate(_("Indiquez la date d'exécution (jj/mm/aaaa)."))
    )


class ReportExecution(PostOnlyView):
    """The executing service (or the clerk) reports that the decision was executed."""

    def handle(self):
        form = self.request.form
        try:
            done = parse_date(form.get("done"))
            followup.report(self.context, done, form.get("note") or "")
        except followup.FollowUpError as refusal:
            api.portal.show_message(str(refusal), request=self.request, type="error")
        else:
            api.portal.show_message(
                api.portal.translate(_("Exécution de la décision enregistrée.")),
                request=self.request,
            )
        self.request.response.redirect(self.context.absolute_url())
        return ""


class DecisionsToExecute(BrowserView):
    """Tabs (to execute, late, executed) with their counts, a service filter, the table:
    all from one catalog query of the decisions the user may see."""

    def __call__(self):
        self.prepare()
        return self.index()

    def prepare(self):
        if api.user.is_anonymous():
            raise Unauthorized("Connectez-vous pour suivre les décisions.")
        # Bad parameters are refused (400) before the page starts.
        self.current_tab()
        self.current_service()

    def current_tab(self) -> str:
        wanted = form_text(self.request, "tab")
        return wanted if wanted in {key for key, _title, _filters in TABS} else "todo"

    def page_url(self) -> str:
        return f"{self.context.absolute_url()}/@@decisions-a-executer"

    def current_service(self) -> str:
        return form_text(self.request, "service")

    def export_url(self, fmt: str) -> str:
        """The current tab with its service filter, as CSV or ODS."""
        params = {"tab": self.current_tab(), "service": self.current_service()}
        return export_url(self.context.absolute_url(), "decisions-a-executer-export", params, fmt)

    @memoize
    def services(self) -> list[dict]:
        return service_options()

    @memoize
    def _all_rows(self) -> list[dict]:
        titles = {option["code"]: option["title"] for option in self.services()}
        return followup.decisions_to_execute(service=self.current_service() or None, titles=titles)

    def tabs(self) -> list[dict]:
        rows = self._all_rows()
        current = self.current_tab()
        service = self.current_service()
        return [
            {
                "id": key,
                "title": title,
                "url": f"{self.page_url()}?"
                + urlencode({"tab": key, **({"service": service} if service else {})}),
                "count": sum(1 for row in rows if followup.matches(row, **filters)),
                "current": key == current,
            }
            for key, title, filters in TABS
        ]

    def rows(self) -> list[dict]:
        filters = {key: wanted for key, _title, wanted in TABS}[self.current_tab()]
        return [
            {**row, "due_text": short_date(row["due"]), "done_text": short_date(row["done"])}
            for row in self._all_rows()
            if followup.matches(row, **filters)
        ]


class DecisionsToExecuteExport(DecisionsToExecute):
    """@@decisions-a-executer-export: the current tab's rows with the filter, CSV or ODS."""

    COLUMNS = (
        ("title", _("Décision")),
        ("service_title", _("Service chargé de l'exécution")),
        ("due_text", _("Échéance")),
        ("done_text", _("Exécutée le")),
    )

    def __call__(self):
        self.prepare()
        tab = self.current_tab()
        title = {key: title for key, title, _filters in TABS}[tab]
        return export_rows(self, f"decisions-{tab}", self.COLUMNS, self.rows(), title)
