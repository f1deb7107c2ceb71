"""Mail workflow consequences: checks before a transition, field changes after it.

Refusals raise a WorkflowException with a French message before anything changes.
Who holds which role depends on the mail's services and, for confidential mail, on its
state (localroles.py): every transition and every edit reindexes the mail's security and
forgets the roles borg.localrole cached for the request.
"""

from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from zope.annotation.interfaces import IAnnotations


COMMENT_REQUIRED = {
    "refuse": "Indiquez pourquoi le service refuse ce courrier.",
    "send_back": "Indiquez pourquoi le courrier est renvoyé en rédaction.",
}
# plone.memoize's key prefix for borg.localrole's per-request answers.
LOCAL_ROLES_CACHE = "borg.localrole.workspace.checkLocalRolesAllowed:"


def _transition(event):
    return event.transition.id if event.transition is not None else None


def _comment(event) -> str:
    return ((event.kwargs or {}).get("comment") or "").strip()


def forget_cached_local_roles(mail) -> None:
    """borg.localrole remembers, for the rest of the request, whether a user holds a role
    on an object; after the roles changed (the registrar of a confidential mail loses
    them at dispatch), the rest of the request must ask again."""
    annotations = IAnnotations(getattr(mail, "REQUEST", None), None)
    if annotations is None:
        return
    for key in [k for k in annotations if isinstance(k, str) and k.startswith(LOCAL_ROLES_CACHE)]:
        del annotations[key]


def mail_before_transition(mail, event):
    transition = _transition(event)
    if transition in COMMENT_REQUIRED and not _comment(event):
        raise WorkflowException(COMMENT_REQUIRED[transition])
    if transition == "assign" and not mail.treating_service:
        raise WorkflowException(
            "Choisissez d'abord le service traitant : un courrier s'attribue à un service."
        )


def mail_after_transition(mail, event):
    transition = _transition(event)
    if transition == "take" and not mail.assigned_agent:
        mail.assigned_agent = api.user.get_current().getId()
    elif transition == "refuse":
        # Back to the mail office for another dispatch: the service gives it up.
        mail.treating_service = None
        mail.assigned_agent = None
    if transition in ("take", "refuse"):
        mail.reindexObject()
    forget_cached_local_roles(mail)
    mail.reindexObjectSecurity()


def mail_modified(mail, event):
    """Services and confidentiality decide the roles: an edit may change them."""
    forget_cached_local_roles(mail)
