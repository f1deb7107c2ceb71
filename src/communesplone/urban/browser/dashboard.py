"""The urbanism dashboard: files by state and agent, at risk, overdue, inquiries, and
each list's export.

Every list comes from one catalog query on stored deadlines (tracking.py): no file is
woken up and nothing is computed per row.
"""

from communesplone import _
from communesplone.core.browser.export import export_rows
from communesplone.core.browser.export import export_url
from communesplone.core.calendar import WorkingCalendar
from communesplone.core.params import form_text
from communesplone.urban.procedures import procedures
from communesplone.urban.tracking import OPEN_STATES
from datetime import date
from plone import api
from Products.Five.browser import BrowserView


AT_RISK_WORKING_DAYS = 10
# The page's lists: (key in the address, method, title), in the page's order.
SECTIONS = (
    ("en-retard", "overdue", _("En retard : délai de décision dépassé")),
    ("a-risque", "at_risk", _("À risque : décision due dans les dix jours ouvrables")),
    ("enquetes", "inquiries", _("Enquêtes publiques et annonces de projet en cours")),
    ("derniers", "recent", _("Derniers dossiers")),
)


class UrbanDashboard(BrowserView):
    def __call__(self):
        self._filters()  # bad parameters are refused (400) before the page starts
        return self.index()

    def _filters(self) -> dict:
        filters = {}
        for name in ("review_state", "folder_manager", "permit_procedure"):
            value = form_text(self.request, name)
            if value:
                filters[name] = value
        return filters

    def _query(self, **extra):
        query = {
            "portal_type": "Permit",
            "path": "/".join(self.context.getPhysicalPath()),
            **self._filters(),
        }
        query.update(extra)
        return api.portal.get_tool("portal_catalog")(**query)

    def today(self):
        return date.today()

    def risk_limit(self) -> date:
        calendar = WorkingCalendar.for_site()
        return calendar.add_working_days(self.today(), AT_RISK_WORKING_DAYS)

    def rows(self, brains):
        titles = {pid: info["title"] for pid, info in procedures().items()}
        managers = {}
        workflow = api.portal.get_tool("portal_workflow")
        rows = []
        for brain in brains:
            manager = brain.folder_manager
            if manager and manager not in managers:
                user = api.user.get(userid=manager)
                managers[manager] = (user.getProperty("fullname") if user else "") or manager
            rows.append(
                {
                    "url": brain.getURL(),
                    "reference": brain.permit_reference,
                    "title": brain.Title,
                    "procedure": titles.get(brain.permit_procedure, brain.permit_procedure),
                    "state": workflow.getTitleForStateOnType(brain.review_state, "Permit"),
                    "manager": managers.get(manager, ""),
                    "next": _french(brain.permit_next_due),
                    "next_title": brain.permit_next_title or "",
                    "decision": _french(brain.permit_decision_due),
                    "inquiry_end": _french(brain.permit_inquiry_end),
                    "seized": bool(brain.permit_fd_seized),
                }
            )
        return rows

    def at_risk(self):
        today = self.today().isoformat()
        limit = self.risk_limit().isoformat()
        return self.rows(
            self._query(
                permit_decision_status="open",
                permit_decision_due={"query": (today, limit), "range": "min:max"},
                sort_on="permit_decision_due",
            )
        )

    def overdue(self):
        return self.rows(
            self._query(
                permit_decision_status="missed",
                review_state=list(OPEN_STATES),
                sort_on="permit_decision_due",
            )
        )

    def inquiries(self):
        today = self.today().isoformat()
        return self.rows(
            self._query(
                permit_inquiry_end={"query": today, "range": "min"},
                sort_on="permit_inquiry_end",
            )
        )

    def by_state(self):
        """Counts per state and per agent, from one query's metadata."""
        workflow = api.portal.get_tool("portal_workflow")
        states, agents = {}, {}
        for brain in self._query():
            states[brain.review_state] = states.get(brain.review_state, 0) + 1
            agents[brain.folder_manager or ""] = agents.get(brain.folder_manager or "", 0) + 1
        state_rows = [
            {
                "id": state,
                "title": workflow.getTitleForStateOnType(state, "Permit"),
                "count": count,
            }
            for state, count in sorted(states.items())
        ]
        agent_rows = []
        for userid, count in sorted(agents.items()):
            user = api.user.get(userid=userid) if userid else None
            name = (user.getProperty("fullname") if user else "") or userid
            agent_rows.append({"id": userid, "title": name or _("Sans agent"), "count": count})
        return {"states": state_rows, "agents": agent_rows}

    def recent(self):
        return self.rows(
            self._query(sort_on="created", sort_order="descending", sort_limit=50)[:50]
        )

    def export_url(self, section: str, fmt: str) -> str:
        """One list with the page's filters, as CSV or ODS."""
        params = {"liste": section, **self._filters()}
        return export_url(self.context.absolute_url(), "dossiers-export", params, fmt)

    def can_add(self):
        return api.user.has_permission("communesplone.urban: Add permit", obj=self.context)


class UrbanDashboardExport(UrbanDashboard):
    """@@dossiers-export: one list of the page (`liste`) with its filters, CSV or ODS."""

    COLUMNS = (
        ("reference", _("Référence")),
        ("title", _("Objet")),
        ("procedure", _("Procédure")),
        ("state", _("État")),
        ("manager", _("Agent traitant")),
        ("next", _("Prochaine échéance")),
        ("next_title", _("Prochaine étape")),
        ("decision", _("Décision au plus tard")),
    )

    def __call__(self):
        self._filters()  # bad parameters are refused (400) before anything is read
        wanted = form_text(self.request, "liste")
        sections = {key: (method, title) for key, method, title in SECTIONS}
        key = wanted if wanted in sections else SECTIONS[0][0]
        method, title = sections[key]
        rows = getattr(self, method)()
        return export_rows(self, f"dossiers-{key}", self.COLUMNS, rows, title)


def _french(iso: str | None) -> str:
    if not iso:
        return ""
    return date.fromisoformat(iso).strftime("%d/%m/%Y")
