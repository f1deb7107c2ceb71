"""All the deliberations of a meeting as PDF, made one item at a time.

Each decided item gets the PDF of its « Délibération » with its SHA-256, kept on the item
(the copy that is signed and sent to the supervising authority). The meeting's page makes
them one request per item, so the clerk sees the progress; a ZIP gives them all at once.
Only the meeting managers make them, once the meeting is decided.
"""

from communesplone import _
from communesplone.core import documents
from communesplone.meetings import agenda
from communesplone.meetings.content.assembly import assembly_of
from communesplone.meetings.minutes import DECIDED_STATES
from plone import api
from plone.namedfile.file import NamedBlobFile

import hashlib
import io
import logging
import zipfile


logger = logging.getLogger(__name__)

TEMPLATE = "deliberation"
READY_MEETING_STATES = ("decided", "closed")
# Who manages the assembly's meetings manages their deliberations.
MANAGE = "communesplone.meetings: Add meeting"


class DeliberationError(ValueError):
    """Deliberations cannot be made now; the message says why."""


def _say(message) -> DeliberationError:
    return DeliberationError(api.portal.translate(message))


def may_make(meeting) -> bool:
    return api.content.get_state(meeting) in READY_MEETING_STATES and api.user.has_permission(
        MANAGE, obj=assembly_of(meeting)
    )


def require_may_make(meeting) -> None:
    if api.content.get_state(meeting) not in READY_MEETING_STATES:
        raise _say(_("Les délibérations se génèrent quand la séance est décidée ou clôturée."))
    if not api.user.has_permission(MANAGE, obj=assembly_of(meeting)):
        raise _say(_("Seuls les gestionnaires des séances génèrent les délibérations."))


def decided_brains(meeting) -> list:
    """The decided items the user may see, in agenda order (one catalog query)."""
    return [b for b in agenda.agenda_brains(meeting) if b.review_state in DECIDED_STATES]


def row(meeting, item) -> dict:
    file = item.deliberation_file
    return {
        "uid": item.UID(),
        "number": meeting.number_of(item.UID()),
        "title": item.Title(),
        "url": f"{item.absolute_url()}/@@download/deliberation_file" if file else None,
        "size": f"{file.getSize() / 1024:.0f}" if file else "",
        "sha256": item.deliberation_sha256 or "",
    }


def rows(meeting) -> list[dict]:
    return [row(meeting, brain.getObject()) for brain in decided_brains(meeting)]


def _file_name(meeting, item) -> str:
    return f"deliberation-{meeting.number_of(item.UID()) or 0:02d}-{item.getId()}.pdf"


def make(meeting, uid: str) -> dict:
    """Make and keep one decided item's deliberation; return its row."""
    require_may_make(meeting)
    found = [b for b in decided_brains(meeting) if uid == b.UID]
    if not found:
        raise _say(_("Ce point n'est pas un point décidé de cette séance."))
    item = found[0].getObject()
    try:
        data = documents.generate(item, TEMPLATE, "pdf")
    except Exception as exc:  # appy, uno and the template may each fail in their own way
        logger.exception("Délibération de %s", item.absolute_url())
        raise DeliberationError(
            api.portal.translate(
                _(
                    "La délibération du point ${number} n'a pas pu être produite (${reason}).",
                    mapping={"number": meeting.number_of(uid), "reason": exc.__class__.__name__},
                )
            )
        ) from exc
    item.deliberation_file = NamedBlobFile(
        data=data, contentType="application/pdf", filename=_file_name(meeting, item)
    )
    item.deliberation_sha256 = hashlib.sha256(data).hexdigest()
    return row(meeting, item)


def make_all(meeting) -> list[dict]:
    require_may_make(meeting)
    return [make(meeting, brain.UID) for brain in decided_brains(meeting)]


def zip_bytes(meeting) -> tuple[int, bytes]:
    """The deliberations made so far that the user may read, as one ZIP, and their count."""
    buffer = io.BytesIO()
    count = 0
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for brain in decided_brains(meeting):
            file = brain.getObject().deliberation_file
            if file:
                archive.writestr(file.filename, file.data)
                count += 1
    return count, buffer.getvalue()
