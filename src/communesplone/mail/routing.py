"""Who should treat a new incoming mail, judging by where similar mail went before.

The suggestion is the treating service most often given to earlier mails of the same
sender (else of the same mail type), then that service's most frequent agent. It is
only ever proposed: the mail office applies it with a click, or not.

Read from the catalog's metadata (`mail_service`, `mail_agent`), as the user (mail they
may not read, confidential mail among others, is not counted): one query on the sender's
mail, a second on the type's only when the sender has no history. Only the most recent
HISTORY_DEPTH mails count, which keeps the answer fast and current.
"""

from collections import Counter
from communesplone import _
from communesplone.core import groups
from communesplone.mail.content.mail import IIncomingMail
from plone import api
from zope.event import notify
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent


HISTORY_DEPTH = 200
# States in which a mail's treating service was really given.
ROUTED_STATES = ("assigned", "in_treatment", "closed")


def _history(mail, criteria: dict) -> list[tuple[str, str | None]]:
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog(
        portal_type="IncomingMail",
        review_state=list(ROUTED_STATES),
        sort_on="mail_date",
        sort_order="descending",
        sort_limit=HISTORY_DEPTH + 1,
        **criteria,
    )
    uid = mail.UID()
    return [
        (brain.mail_service, brain.mail_agent or None)
        for brain in brains[: HISTORY_DEPTH + 1]
        if uid != brain.UID and brain.mail_service
    ][:HISTORY_DEPTH]


def suggestion(mail) -> dict | None:
    """The suggested service and agent with what supports them, or None without history."""
    if not IIncomingMail.providedBy(mail):
        return None
    for basis, index, value in (
        ("sender", "mail_sender", getattr(mail, "sender", None)),
        ("type", "mail_type", getattr(mail, "mail_type", None)),
    ):
        if not value:
            continue
        routed = _history(mail, {index: value})
        if routed:
            return _most_frequent(routed, basis)
    return None


def _most_frequent(routed, basis: str) -> dict:
    # Counter keeps first-seen order on ties, and the history is newest first.
    service, count = Counter(service for service, _agent in routed).most_common(1)[0]
    members = groups.members(groups.service_group_id(service, "agents")) | groups.members(
        groups.service_group_id(service, "managers")
    )
    agents = Counter(
        agent for code, agent in routed if code == service and agent and agent in members
    )
    agent = agents.most_common(1)[0][0] if agents else None
    brains = api.content.find(portal_type="Service", service_code=service)
    user = api.user.get(userid=agent) if agent else None
    return {
        "basis": basis,
        "service": service,
        "service_title": brains[0].Title if brains else service,
        "count": count,
        "agent": agent,
        "agent_title": ((user.getProperty("fullname") if user else "") or agent) if agent else "",
    }


def label(found: dict):
    """« Suggestion : Travaux (8 courriers de cet expéditeur) »."""
    mapping = {"service": found["service_title"], "count": found["count"]}
    if found["basis"] == "sender":
        if found["count"] == 1:
            return _("Suggestion : ${service} (1 courrier de cet expéditeur)", mapping=mapping)
        return _("Suggestion : ${service} (${count} courriers de cet expéditeur)", mapping=mapping)
    if found["count"] == 1:
        return _("Suggestion : ${service} (1 courrier de ce type)", mapping=mapping)
    return _("Suggestion : ${service} (${count} courriers de ce type)", mapping=mapping)


def is_applied(mail, found: dict) -> bool:
    return mail.treating_service == found["service"] and (
        not found["agent"] or mail.assigned_agent == found["agent"]
    )


def may_apply(mail) -> bool:
    """Before assignment, by whoever may edit the mail (mail office, DG)."""
    return api.content.get_state(mail, default=None) == "registered" and (
        api.user.has_permission("Modify portal content", obj=mail)
    )


class RoutingError(ValueError):
    """Why a suggestion is not applied; the argument is a French message id."""


def apply(mail) -> dict:
    """Put the suggested service and agent on the mail (not assigning it: the user does)."""
    if not may_apply(mail):
        raise RoutingError(_("La suggestion ne s'applique qu'à un courrier pas encore attribué."))
    found = suggestion(mail)
    if found is None:
        raise RoutingError(_("Aucune suggestion pour ce courrier."))
    mail.treating_service = found["service"]
    changed = ["treating_service"]
    if found["agent"]:
        mail.assigned_agent = found["agent"]
        changed.append("assigned_agent")
    notify(ObjectModifiedEvent(mail, Attributes(IIncomingMail, *changed)))
    return found
