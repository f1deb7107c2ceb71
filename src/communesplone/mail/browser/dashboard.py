"""The mail dashboards: one page, lists per role, filters, counts, batch actions, CSV.

Every list is one catalog query read as the user (who sees only what the workflows and
the confidentiality rule allow) and rendered from metadata: no mail is woken up per row.
"""

from communesplone import _
from communesplone.core.browser.actions import PostOnlyView
from communesplone.core.groups import user_service_codes
from communesplone.core.params import form_text
from communesplone.core.spreadsheet import export_response
from communesplone.core.structure import service_options
from communesplone.mail import copies
from communesplone.mail.content.mail import MAIL_TYPES
from datetime import date
from datetime import timedelta
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from Products.Five.browser import BrowserView

import transaction


OPEN_STATES = ("assigned", "in_treatment")
PAGE_SIZE = 100
LISTS = (
    ("to_assign", _("À attribuer")),
    ("to_treat", _("Mes courriers à traiter")),
    ("service", _("Courriers de mes services")),
    ("copy", _("En copie")),
    ("late", _("En retard")),
    ("outgoing", _("Courrier sortant")),
    ("all", _("Tous")),
)


class MailDashboard(BrowserView):
    def __call__(self):
        # Bad parameters are refused (400) before the page starts.
        self.current_list()
        self._filters()
        return self.index()

    def current_list(self) -> str:
        wanted = form_text(self.request, "list")
        return wanted if wanted in dict(LISTS) else "to_treat"

    def lists(self):
        current = self.current_list()
        return [
            {
                "id": key,
                "title": title,
                "count": self._count(key, filters=False),
                "unread": len(self.unread_in_copy()) if key == "copy" else 0,
                "current": key == current,
            }
            for key, title in LISTS
        ]

    def _base(self) -> dict:
        return {"path": "/".join(self.context.getPhysicalPath())}

    def _list_query(self, key: str) -> dict:
        # Late means past the due date (the due date itself is still on time).
        yesterday = (date.today() - timedelta(days=1)).isoformat()
        userid = api.user.get_current().getId()
        services = user_service_codes() or ["-"]
        incoming = {"portal_type": "IncomingMail"}
        return {
            "to_assign": {**incoming, "review_state": "registered"},
            "to_treat": {**incoming, "review_state": list(OPEN_STATES), "mail_agent": userid},
            "service": {**incoming, "review_state": list(OPEN_STATES), "mail_service": services},
            "copy": {**incoming, "mail_copy_services": services},
            "late": {
                **incoming,
                "review_state": list(OPEN_STATES),
                "mail_due": {"query": yesterday, "range": "max"},
            },
            "outgoing": {"portal_type": "OutgoingMail"},
            "all": {"portal_type": ["IncomingMail", "OutgoingMail"]},
        }[key]

    def _filters(self) -> dict:
        query = {}
        start, end = form_text(self.request, "date_from"), form_text(self.request, "date_to")
        if start or end:
            query["mail_date"] = {
                "query": [value for value in (start, end) if value],
                "range": "min:max" if start and end else ("min" if start else "max"),
            }
        text = form_text(self.request, "text")
        if text:
            query["SearchableText"] = text
        for name, index in (
            ("type", "mail_type"),
            ("state", "review_state"),
            ("service", "mail_service"),
        ):
            value = form_text(self.request, name)
            if value:
                query[index] = value
        return query

    def _query(self, key: str, filters: bool = True) -> dict:
        query = {**self._base(), **self._list_query(key)}
        if filters:
            query.update(self._filters())
        return query

    def _brains(self, key: str, filters: bool = True):
        catalog = api.portal.get_tool("portal_catalog")
        return catalog(sort_on="mail_date", sort_order="descending", **self._query(key, filters))

    def _count(self, key: str, filters: bool = True) -> int:
        """How many, without sorting them: « Tous » holds every mail of the registry."""
        catalog = api.portal.get_tool("portal_catalog")
        return len(catalog(**self._query(key, filters)))

    def rows(self, limit: int = PAGE_SIZE):
        workflow = api.portal.get_tool("portal_workflow")
        types = {term.value: term.title for term in MAIL_TYPES}
        services = {b.service_code: b.Title for b in api.content.find(portal_type="Service")}
        today = date.today().isoformat()
        rows = []
        unread = self.unread_in_copy() if self.current_list() == "copy" else set()
        for brain in self._brains(self.current_list())[:limit]:
            rows.append(
                {
                    "uid": brain.UID,
                    "url": brain.getURL(),
                    "reference": brain.mail_reference,
                    "title": brain.Title,
                    "date": _french(brain.mail_date),
                    "sender": brain.mail_sender_title or "",
                    "type": types.get(brain.mail_type or "", ""),
                    "service": services.get(brain.mail_service, brain.mail_service or ""),
                    "state": workflow.getTitleForStateOnType(brain.review_state, brain.portal_type),
                    "due": _french(brain.mail_due),
                    "late": bool(
                        brain.mail_due
                        and brain.mail_due < today
                        and brain.review_state in OPEN_STATES
                    ),
                    "confidential": bool(brain.mail_confidential),
                    "unread": brain.UID in unread,
                }
            )
        return rows

    def total(self) -> int:
        return self._count(self.current_list())

    def unread_in_copy(self) -> set:
        """UIDs of the mails in copy the user has not opened yet: one query, memoized."""
        if getattr(self, "_unread_in_copy", None) is None:
            query = {
                **self._base(),
                **self._list_query("copy"),
                **copies.unread_query(api.user.get_current().getId()),
            }
            catalog = api.portal.get_tool("portal_catalog")
            self._unread_in_copy = {brain.UID for brain in catalog(**query)}
        return self._unread_in_copy

    def services(self):
        return service_options()

    def states(self):
        """The states of both mail workflows, for the state filter."""
        workflow = api.portal.get_tool("portal_workflow")
        found = {}
        for workflow_id in ("communesplone_incoming_workflow", "communesplone_outgoing_workflow"):
            definition = workflow.getWorkflowById(workflow_id)
            for state in definition.states.objectValues() if definition else ():
                found.setdefault(state.getId(), api.portal.translate(state.title, "plone"))
        return [{"id": key, "title": title} for key, title in found.items()]

    def mail_types(self):
        return [{"value": term.value, "title": term.title} for term in MAIL_TYPES]

    def can_register(self):
        return api.user.has_permission("communesplone.mail: Add incoming mail", obj=self.context)

    def can_write(self):
        return api.user.has_permission("communesplone.mail: Add outgoing mail", obj=self.context)


class MailExport(MailDashboard):
    """The current list with its filters, as CSV or ODS (`format=ods`)."""

    COLUMNS = (
        ("reference", "Numéro"),
        ("date", "Date"),
        ("title", "Objet"),
        ("sender", "Expéditeur"),
        ("type", "Type"),
        ("service", "Service"),
        ("state", "État"),
        ("due", "Échéance"),
    )

    def __call__(self):
        header = [title for _key, title in self.COLUMNS]
        rows = [[row[key] for key, _title in self.COLUMNS] for row in self.rows(limit=None)]
        return export_response(
            self.request.response,
            f"courriers-{self.current_list()}",
            header,
            rows,
            form_text(self.request, "format"),
            sheet="Courriers",
        )


class BatchActions(PostOnlyView):
    """Assign or close several mails at once (POST with the token); all or nothing."""

    def handle(self):
        request = self.request
        uids = request.form.get("uids") or []
        uids = [uids] if isinstance(uids, str) else list(uids)
        action = form_text(request, "action")
        back = form_text(request, "came_from_list")
        try:
            count = self.apply(action, uids, form_text(request, "service"))
        except (ValueError, WorkflowException) as exc:
            transaction.abort()
            api.portal.show_message(str(exc), request=request, type="error")
        else:
            api.portal.show_message(
                api.portal.translate(
                    _("${count} courrier(s) traité(s).", mapping={"count": count})
                ),
                request=request,
            )
        request.response.redirect(f"{self.context.absolute_url()}?list={back}")
        return ""

    def apply(self, action, uids, service) -> int:
        if action not in ("assign", "close"):
            raise ValueError(api.portal.translate(_("Choisissez une action.")))
        if not uids:
            raise ValueError(api.portal.translate(_("Cochez au moins un courrier.")))
        if action == "assign" and not service:
            raise ValueError(api.portal.translate(_("Choisissez le service à qui attribuer.")))
        workflow = api.portal.get_tool("portal_workflow")
        mails = [brain.getObject() for brain in api.content.find(UID=uids)]
        if len(mails) != len(set(uids)):
            raise ValueError(
                api.portal.translate(_("Un des courriers cochés ne vous est pas accessible."))
            )
        for mail in mails:
            if action not in {t["id"] for t in workflow.getTransitionsFor(mail)}:
                raise ValueError(
                    api.portal.translate(
                        _(
                            "Le courrier ${reference} ne permet pas cette action : rien n'a "
                            "été fait.",
                            mapping={"reference": mail.reference},
                        )
                    )
                )
        for mail in mails:
            if action == "assign":
                mail.treating_service = service
                mail.reindexObject()
            api.content.transition(obj=mail, transition=action)
        return len(mails)


def _french(iso):
    return date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""
