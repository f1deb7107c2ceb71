"""Closing a meeting: its minutes archived as PDF, then its items sealed.

Closing decides what is left on the agenda (accepted), then stores on the meeting the
PDF of the full minutes with its SHA-256, readable by those who read the meeting (its
members and managers), and a public version without any huis clos item. When LibreOffice
cannot produce them, nothing of this happens and the meeting stays open: closing is all
or nothing.

A closed meeting's items are sealed: the workflow gives the right to edit a decided item
to the DecisionEditor role, which the meeting managers hold on an item only while it is
not sealed. Reopening the meeting (administrators only) lifts the seal.
"""

from communesplone import _
from communesplone.core import documents
from communesplone.core.workflow import set_state
from communesplone.meetings import agenda
from communesplone.meetings import minutes
from plone import api
from plone.namedfile.file import NamedBlobFile
from Products.CMFCore.WorkflowCore import WorkflowException
from zope.annotation.interfaces import IAnnotations

import hashlib
import logging
import transaction


logger = logging.getLogger(__name__)

MINUTES_TEMPLATE = "proces-verbal"
PDF = "application/pdf"


class MinutesError(WorkflowException):
    """The minutes could not be produced: the meeting is not closed."""


def _refusal(reason: str) -> MinutesError:
    return MinutesError(
        api.portal.translate(
            _(
                "La séance n'est pas clôturée : le procès-verbal n'a pas pu être produit "
                "en PDF (${reason}). Réessayez quand le service de documents répond.",
                mapping={"reason": reason},
            )
        )
    )


def check_engine() -> None:
    """Refuse early, before anything changed, when the minutes cannot be made at all."""
    if MINUTES_TEMPLATE not in documents.templates_folder().objectIds():
        raise _refusal(api.portal.translate(_("le modèle « Procès-verbal » manque")))
    if not documents.office_reachable():
        raise _refusal(api.portal.translate(_("LibreOffice ne répond pas")))


def render_minutes(meeting, public: bool = False) -> bytes:
    """The minutes' PDF, full or public; MinutesError when LibreOffice cannot make it."""
    check_engine()
    request = meeting.REQUEST
    try:
        if public:
            with minutes.public_version(request):
                data = documents.generate(meeting, MINUTES_TEMPLATE, "pdf")
        else:
            data = documents.generate(meeting, MINUTES_TEMPLATE, "pdf")
    except Exception as exc:  # appy, uno and the template may each fail in their own way
        logger.exception("Procès-verbal de %s", meeting.absolute_url())
        raise _refusal(exc.__class__.__name__) from exc
    if not data.startswith(b"%PDF"):
        raise _refusal(api.portal.translate(_("le fichier produit n'est pas un PDF")))
    return data


def _file_name(meeting, suffix: str = "") -> str:
    day = meeting.start.strftime("%Y-%m-%d") if meeting.start else meeting.getId()
    return f"proces-verbal-{meeting.getId()}-{day}{suffix}.pdf"


def archive_minutes(meeting) -> str:
    """Store the full and the public minutes on the meeting; return the full one's SHA-256."""
    full = render_minutes(meeting)
    public = render_minutes(meeting, public=True)
    meeting.minutes_file = NamedBlobFile(data=full, contentType=PDF, filename=_file_name(meeting))
    meeting.minutes_sha256 = hashlib.sha256(full).hexdigest()
    meeting.minutes_public_file = NamedBlobFile(
        data=public, contentType=PDF, filename=_file_name(meeting, "-public")
    )
    # OParl announces the public file's SHA-512 before anyone downloads it.
    meeting.minutes_public_sha512 = hashlib.sha512(public).hexdigest()
    return meeting.minutes_sha256


def decide_remaining(meeting) -> None:
    """Items still frozen when the meeting closes are accepted, as the assembly left them."""
    for brain in agenda.agenda_brains(meeting, restricted=False):
        if brain.review_state == "frozen":
            api.content.transition(obj=brain._unrestrictedGetObject(), transition="accept")


def before_close(meeting) -> None:
    """Decide the rest and archive the minutes, or change nothing and say why."""
    check_engine()
    savepoint = transaction.savepoint()
    try:
        decide_remaining(meeting)
        archive_minutes(meeting)
    except MinutesError:
        savepoint.rollback()
        raise


# borg.localrole keeps the local roles it computed for the rest of the request.
LOCAL_ROLES_CACHE = "borg.localrole.workspace.checkLocalRolesAllowed:"


def seal(meeting, sealed: bool = True) -> None:
    """Make the meeting's items read-only (or editable again when it reopens)."""
    for brain in agenda.agenda_brains(meeting, restricted=False):
        item = brain._unrestrictedGetObject()
        if bool(getattr(item, "sealed", False)) != sealed:
            item.sealed = sealed
    # What this request does next (a REST answer, a page) sees the new rights.
    annotations = IAnnotations(meeting.REQUEST)
    for key in [key for key in annotations if str(key).startswith(LOCAL_ROLES_CACHE)]:
        del annotations[key]


def close_unarchived(meeting, reason: str) -> None:
    """Close without archived minutes: only for demo data made where no LibreOffice runs.

    The history says so; a clerk's closing always goes through the workflow.
    """
    decide_remaining(meeting)
    set_state(meeting, "closed", comment=f"Clôturée sans procès-verbal archivé : {reason}")
    seal(meeting)
