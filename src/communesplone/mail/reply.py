"""Answering an incoming mail: the outgoing draft, and what sending it does to the question.

« Répondre » creates, as the user, an outgoing mail addressed to the incoming's sender,
from the same service, linked both ways (`linked_mails`, and `in_reply_to` on the answer).
Sending the answer closes the incoming mails it answers, unless the site keeps them open
(registry record `communesplone.mail.close_incoming_on_reply`).
"""

from Acquisition import aq_parent
from communesplone import _
from communesplone.mail import history
from communesplone.mail.refusal import MailActionRefused
from plone import api
from plone.dexterity.utils import createContentInContainer


CLOSE_ON_REPLY = "communesplone.mail.close_incoming_on_reply"
ADD_OUTGOING = "communesplone.mail: Add outgoing mail"
# The states in which the treating service works on the mail (and may answer it).
TREATING_STATES = ("assigned", "in_treatment")
ENDED_STATES = ("closed", "cancelled")
REPLY_PREFIX = "Réponse : "
TITLE_MAX = 500  # IMail.title's max_length


class ReplyRefused(MailActionRefused):
    """No answer was created, nothing was changed."""


def may_reply(incoming) -> bool:
    """Who treats the mail answers it: its treating service once it is assigned (who may
    change it and write outgoing mail), not the copy services nor the mail office."""
    return (
        api.content.get_state(incoming, default=None) in TREATING_STATES
        and api.user.has_permission("Modify portal content", obj=incoming)
        and api.user.has_permission(ADD_OUTGOING, obj=aq_parent(incoming))
    )


def refusal(incoming) -> str | None:
    """Why the current user may not answer `incoming` now, or None."""
    if api.content.get_state(incoming, default=None) in ENDED_STATES:
        return _("Ce courrier est clôturé ou annulé : on n'y répond plus.")
    if not may_reply(incoming):
        return _("Seul le service traitant répond à ce courrier, une fois qu'il lui est attribué.")
    if not incoming.sender:
        return _("Indiquez d'abord l'expéditeur du courrier : la réponse lui est adressée.")
    return None


def create_reply(incoming):
    """The outgoing draft answering `incoming`, created as the current user.

    Raises ReplyRefused (nothing changed) when the user may not answer it.
    """
    reason = refusal(incoming)
    if reason is not None:
        raise ReplyRefused(reason)
    answer = createContentInContainer(
        aq_parent(incoming),
        "OutgoingMail",
        title=f"{REPLY_PREFIX}{incoming.title}"[:TITLE_MAX],
        recipients=[incoming.sender],
        sender_service=incoming.treating_service,
        sender_agent=api.user.get_current().getId(),
        in_reply_to=[incoming.UID()],
        linked_mails=[incoming.UID()],
        # An answer tells what the question told: it stays as confidential.
        confidential=bool(incoming.confidential),
    )
    links = list(incoming.linked_mails or ())
    incoming.linked_mails = [*links, answer.UID()]  # a new list: the change is persisted
    history.record(
        incoming,
        api.portal.translate(_("Réponse en rédaction")),
        answer.reference or "",
    )
    return answer


def answered_mails(outgoing) -> list:
    """The incoming mails `outgoing` answers, whoever may read them (one query)."""
    uids = list(getattr(outgoing, "in_reply_to", None) or ())
    if not uids:
        return []
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(UID=uids, portal_type="IncomingMail")
    return [brain._unrestrictedGetObject() for brain in brains]


def close_answered(outgoing, event) -> None:
    """Sending an answer closes the incoming mails it answers (a site setting).

    The system does it, not the sender: the mail office sends letters it may not close,
    so the transition is executed past its guard, with the answer named in the history.
    """
    if event.transition is None or event.transition.id != "send":
        return
    if not api.portal.get_registry_record(CLOSE_ON_REPLY, default=True):
        return
    comment = api.portal.translate(
        _(
            "Clôturé par l'envoi de la réponse ${reference}.",
            mapping={"reference": outgoing.reference},
        )
    )
    workflow_tool = api.portal.get_tool("portal_workflow")
    for incoming in answered_mails(outgoing):
        if api.content.get_state(incoming, default=None) not in TREATING_STATES:
            continue
        (workflow,) = workflow_tool.getWorkflowsFor(incoming)
        workflow._changeStateOf(incoming, workflow.transitions["close"], {"comment": comment})
        incoming.reindexObject()
