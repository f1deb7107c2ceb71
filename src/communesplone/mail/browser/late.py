"""« En retard par service »: the late open incoming mails the user may read, per service.

One catalog query as the user (confidential mail stays hidden from who may not read it),
rendered from metadata: no mail is woken up. The export lists the same rows, service first.
"""

from communesplone import _
from communesplone.core.browser.export import export_rows
from communesplone.core.browser.export import export_url
from communesplone.core.params import form_text
from communesplone.mail.deadlines import OPEN_STATES
from communesplone.mail.tenant import FOLDER_ID
from datetime import date
from datetime import timedelta
from plone import api
from Products.Five.browser import BrowserView


class LateByService(BrowserView):
    def _brains(self):
        yesterday = date.today() - timedelta(days=1)
        return api.content.find(
            context=self.context,
            portal_type="IncomingMail",
            review_state=list(OPEN_STATES),
            mail_due={"query": yesterday.isoformat(), "range": "max"},
            sort_on="mail_due",
        )

    def groups(self) -> list[dict]:
        """One group per treating service, by title; oldest due date first in each."""
        today = date.today()
        services = {b.service_code: b.Title for b in api.content.find(portal_type="Service")}
        workflow = api.portal.get_tool("portal_workflow")
        names = _Names()
        groups: dict[str, dict] = {}
        for brain in self._brains():
            code = brain.mail_service or ""
            group = groups.setdefault(
                code,
                {
                    "code": code,
                    "title": services.get(code, code) or api.portal.translate(_("Sans service")),
                    "rows": [],
                },
            )
            due = date.fromisoformat(brain.mail_due)
            group["rows"].append(
                {
                    "url": brain.getURL(),
                    "reference": brain.mail_reference or "",
                    "title": brain.Title,
                    "due": due.strftime("%d/%m/%Y"),
                    "days_late": (today - due).days,
                    "agent": names.fullname(brain.mail_agent),
                    "state": workflow.getTitleForStateOnType(brain.review_state, "IncomingMail"),
                }
            )
        for group in groups.values():
            group["count"] = len(group["rows"])
        return sorted(groups.values(), key=lambda group: group["title"].lower())

    def dashboard_url(self) -> str:
        return f"{api.portal.get().absolute_url()}/{FOLDER_ID}"

    def export_url(self, fmt: str) -> str:
        return export_url(self.context.absolute_url(), "courriers-en-retard-export", {}, fmt)


class LateByServiceExport(LateByService):
    """@@courriers-en-retard-export: the page's rows, one line each, as CSV or ODS."""

    COLUMNS = (
        ("service", _("Service")),
        ("reference", _("Numéro")),
        ("title", _("Objet")),
        ("due", _("Échéance")),
        ("days_late", _("Retard (jours)")),
        ("agent", _("Agent traitant")),
        ("state", _("État")),
    )

    def __call__(self):
        form_text(self.request, "format")  # a bad format is refused (400) before the query
        rows = [
            {**row, "service": group["title"]} for group in self.groups() for row in group["rows"]
        ]
        return export_rows(
            self, "courriers-en-retard", self.COLUMNS, rows, _("Courriers en retard par service")
        )


class _Names:
    """Agents' full names, looked up once each."""

    def __init__(self):
        self._known = {}

    def fullname(self, userid: str | None) -> str:
        if not userid:
            return ""
        if userid not in self._known:
            user = api.user.get(userid=userid)
            self._known[userid] = (user.getProperty("fullname", "") if user else "") or userid
        return self._known[userid]
