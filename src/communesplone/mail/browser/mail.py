"""A mail's page: where it stands, its original and fingerprint, its whole history."""

from communesplone import _
from communesplone.core.browser.actions import PostOnlyView
from communesplone.core.params import form_text
from communesplone.core.structure import service_options
from communesplone.core.workflow import available_transitions
from communesplone.mail import history
from communesplone.mail import links
from communesplone.mail import reply
from communesplone.mail.content.mail import CHANNELS
from communesplone.mail.content.mail import IIncomingMail
from communesplone.mail.content.mail import MAIL_TYPES
from communesplone.mail.content.mail import PRIORITIES
from communesplone.meetings.content.assembly import site_college
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from Products.Five.browser import BrowserView

import transaction


def _title(vocabulary, value):
    return vocabulary.getTerm(value).title if value in vocabulary else ""


class MailView(BrowserView):
    def is_incoming(self):
        return IIncomingMail.providedBy(self.context)

    def state_title(self):
        workflow = api.portal.get_tool("portal_workflow")
        return workflow.getTitleForStateOnType(
            api.content.get_state(self.context), self.context.portal_type
        )

    def facts(self):
        context = self.context
        services = {b.service_code: b.Title for b in api.content.find(portal_type="Service")}
        contacts = self._contact_titles()
        if self.is_incoming():
            agent = context.assigned_agent
            return {
                "date": _date(context.reception_date),
                "original_date": _date(context.original_date),
                "channel": _title(CHANNELS, context.channel),
                "type": _title(MAIL_TYPES, context.mail_type),
                "people": contacts.get(context.sender, ""),
                "service": services.get(context.treating_service, ""),
                "agent": _fullname(agent),
                "copies": ", ".join(
                    services.get(code, code) for code in context.copy_services or ()
                ),
                "due": _date(context.due_date),
                "priority": _title(PRIORITIES, context.priority),
            }
        return {
            "date": _date(context.mail_date),
            "people": ", ".join(contacts.get(uid, "") for uid in context.recipients or ()),
            "service": services.get(context.sender_service, ""),
            "agent": _fullname(context.sender_agent),
        }

    def _contact_titles(self) -> dict:
        context = self.context
        uids = [getattr(context, "sender", None), *(getattr(context, "recipients", None) or ())]
        uids = [uid for uid in uids if uid]
        return {b.UID: b.Title for b in api.content.find(UID=uids)} if uids else {}

    def original(self):
        file = self.context.original
        if file is None:
            return None
        return {
            "url": f"{self.context.absolute_url()}/@@download/original",
            "name": file.filename,
            "size": file.getSize(),
            "sha256": self.context.original_sha256,
        }

    def transitions(self):
        """The transitions the user may take now, as buttons."""
        return available_transitions(self.context)

    def services(self):
        return service_options()

    def annexes(self):
        """The mail's annexes (one query, as the reader)."""
        return [
            {"title": brain.Title, "url": f"{brain.getURL()}/@@download/file"}
            for brain in api.content.find(context=self.context, portal_type="Annex", depth=1)
        ]

    def can_add_annex(self):
        return api.user.has_permission("Add portal content", obj=self.context)

    def can_reply(self):
        """« Répondre » is offered to who treats the incoming mail (reply.py decides)."""
        return self.is_incoming() and reply.may_reply(self.context)

    def can_create_item(self):
        """« Créer un point » for who treats the mail and may add items to the Collège."""
        return self.is_incoming() and links.may_create_item(self.context, site_college())

    def permit_procedures(self):
        """The permit types offered by « Créer un permis » (none: no button)."""
        if not self.is_incoming():
            return []
        return links.permit_procedures(self.context, links.permit_folder())

    def created_from(self):
        """Items and permits made from the mail, that the reader may see."""
        return links.created_from(self.context) if self.is_incoming() else []

    def former_originals(self):
        """Originals replaced since registration, newest first, with their fingerprint."""
        rows = []
        for number, kept in enumerate(history.original_versions(self.context)):
            rows.append(
                {
                    "name": kept["file"].filename,
                    "sha256": kept["sha256"],
                    "replaced": kept["replaced"].strftime("%d/%m/%Y %H:%M"),
                    "url": f"{self.context.absolute_url()}/@@ancien-original?version={number}",
                }
            )
        return list(reversed(rows))

    def history(self):
        """Transitions and versions, newest first: who, when, what, comment."""
        workflow = api.portal.get_tool("portal_workflow")
        entries = []
        for entry in workflow.getInfoFor(self.context, "review_history", []) or []:
            action = entry.get("action")
            entries.append(
                {
                    "when": entry["time"],
                    "who": _fullname(entry.get("actor")),
                    "what": workflow.getTitleForTransitionOnType(action, self.context.portal_type)
                    if action
                    else workflow.getTitleForStateOnType(
                        entry.get("review_state"), self.context.portal_type
                    ),
                    "comment": entry.get("comments") or "",
                }
            )
        for entry in history.entries(self.context):
            entries.append(
                {
                    "when": entry["when"],
                    "who": _fullname(entry.get("actor")),
                    "what": entry["what"],
                    "comment": entry.get("comment") or "",
                }
            )
        entries.sort(key=lambda entry: entry["when"], reverse=True)
        for entry in entries:
            entry["when"] = entry["when"].strftime("%d/%m/%Y %H:%M")
        return entries


def _date(value):
    return value.strftime("%d/%m/%Y") if value else ""


def _fullname(userid):
    if not userid:
        return ""
    user = api.user.get(userid=userid)
    return (user.getProperty("fullname") if user else "") or userid


class MailActions(PostOnlyView):
    """The buttons of a mail's page: its transitions, with a comment (a reason where the
    workflow asks one) and, to assign, the treating service. POST with the token."""

    def handle(self):
        request = self.request
        workflow = api.portal.get_tool("portal_workflow")
        transition = form_text(request, "transition")
        comment = form_text(request, "comment")
        available = {t["id"] for t in workflow.getTransitionsFor(self.context)}
        try:
            if transition not in available:
                raise WorkflowException(
                    api.portal.translate(_("Cette action n'est pas possible sur ce courrier."))
                )
            service = form_text(request, "treating_service")
            if transition == "assign" and service:
                self.context.treating_service = service
                self.context.reindexObject()
            api.content.transition(obj=self.context, transition=transition, comment=comment)
        except WorkflowException as exc:
            transaction.abort()
            api.portal.show_message(str(exc), request=request, type="error")
        else:
            api.portal.show_message(
                api.portal.translate(
                    _(
                        "Le courrier est maintenant : ${state}.",
                        mapping={"state": MailView(self.context, request).state_title()},
                    )
                ),
                request=request,
            )
        request.response.redirect(self.context.absolute_url())
        return ""


class FormerOriginal(BrowserView):
    """Download a replaced original (same rights as the mail itself)."""

    def __call__(self):
        from plone.namedfile.utils import set_headers
        from plone.namedfile.utils import stream_data
        from zExceptions import NotFound

        try:
            kept = history.original_versions(self.context)[int(self.request.form.get("version"))]
        except (TypeError, ValueError, IndexError):
            raise NotFound("version") from None
        set_headers(kept["file"], self.request.response, filename=kept["file"].filename)
        return stream_data(kept["file"])
