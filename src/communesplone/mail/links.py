"""From an incoming mail to the file that treats it: a Collège item or an urbanism permit.

The treating service turns a request into the content that answers it, pre-filled from
the mail and linked both ways: the mail lists what was made from it (`linked_content`,
UIDs), the item or permit names its origin (`source_mail`, a UID). Created as the
current user, so the target's own rights (may this user add there?) still decide.
"""

from communesplone import _
from communesplone.core.groups import user_service_codes
from communesplone.mail import history
from communesplone.mail.refusal import MailActionRefused
from communesplone.mail.reply import ENDED_STATES
from communesplone.mail.reply import TREATING_STATES
from html import escape
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.dexterity.utils import createContentInContainer


ADD_ITEM = "communesplone.meetings: Add item"
ADD_PERMIT = "communesplone.urban: Add permit"
TITLE_MAX = 500  # the items' and permits' title max_length
LINKED_TYPES = ("MeetingItem", "Permit")


class LinkRefused(MailActionRefused):
    """No item nor permit was created, nothing was changed."""


def _treats(mail) -> bool:
    """Only the treating service, once the mail is assigned to it, turns it into a file."""
    return (
        api.content.get_state(mail, default=None) in TREATING_STATES
        and bool(mail.treating_service)
        and mail.treating_service in user_service_codes(("agents", "managers"))
        and api.user.has_permission("Modify portal content", obj=mail)
    )


def mail_refusal(mail) -> str | None:
    """Why the current user may not make anything from `mail` now, or None."""
    if api.content.get_state(mail, default=None) in ENDED_STATES:
        return _("Ce courrier est clôturé ou annulé : on n'en fait plus de dossier.")
    if not _treats(mail):
        return _(
            "Seul le service traitant crée un point ou un permis à partir de ce courrier, "
            "une fois qu'il lui est attribué."
        )
    return None


def permit_folder():
    """The site's urbanism folder, if the user sees it."""
    found = api.content.find(portal_type="PermitFolder")
    return found[0].getObject() if found else None


def may_create_item(mail, assembly) -> bool:
    return (
        assembly is not None
        and mail_refusal(mail) is None
        and api.user.has_permission(ADD_ITEM, obj=assembly)
    )


def permit_procedures(mail, folder) -> list[dict]:
    """The permit types (procedures) the user may open from `mail`: none if refused."""
    from communesplone.urban.procedures import procedures

    if folder is None or mail_refusal(mail) is not None:
        return []
    if not api.user.has_permission(ADD_PERMIT, obj=folder):
        return []
    return [{"id": key, "title": info["title"]} for key, info in procedures().items()]


def _link(mail, target, what) -> None:
    target.source_mail = mail.UID()
    mail.linked_content = [*(getattr(mail, "linked_content", None) or ()), target.UID()]
    history.record(mail, api.portal.translate(what), target.Title())


def _motivation(mail) -> RichTextValue:
    received = mail.reception_date.strftime("%d/%m/%Y") if mail.reception_date else ""
    text = api.portal.translate(
        _(
            "Vu le courrier ${reference} reçu le ${date} : « ${subject} » ;",
            mapping={"reference": mail.reference or "", "date": received, "subject": mail.title},
        )
    )
    return RichTextValue(
        f"<p>{escape(text)}</p>", mimeType="text/html", outputMimeType="text/x-html-safe"
    )


def create_item(mail, assembly):
    """A draft item of `assembly` about `mail`, proposed by its treating service.

    Raises LinkRefused (nothing changed) when the user may not.
    """
    reason = mail_refusal(mail)
    if reason is not None:
        raise LinkRefused(reason)
    if assembly is None or not api.user.has_permission(ADD_ITEM, obj=assembly):
        raise LinkRefused(_("Vous ne pouvez pas ajouter de point dans cette assemblée."))
    item = createContentInContainer(
        assembly,
        "MeetingItem",
        title=mail.title[:TITLE_MAX],
        proposing_service=mail.treating_service,
        motivation=_motivation(mail),
    )
    _link(mail, item, _("Point créé"))
    return item


def create_permit(mail, procedure):
    """A permit of the given procedure (permit type) in the urbanism folder, about `mail`;
    its sender becomes the applicant. Raises LinkRefused (nothing changed) when not."""
    reason = mail_refusal(mail)
    if reason is not None:
        raise LinkRefused(reason)
    folder = permit_folder()
    if folder is None or not api.user.has_permission(ADD_PERMIT, obj=folder):
        raise LinkRefused(_("Vous ne pouvez pas ouvrir de permis d'urbanisme."))
    if procedure not in {row["id"] for row in permit_procedures(mail, folder)}:
        raise LinkRefused(_("Choisissez le type de permis."))
    permit = createContentInContainer(
        folder,
        "Permit",
        title=mail.title[:TITLE_MAX],
        procedure=procedure,
        applicants=[mail.sender] if mail.sender else [],
    )
    _link(mail, permit, _("Permis créé"))
    return permit


def created_from(mail) -> list[dict]:
    """What was made from `mail`, that the reader may see (one query)."""
    uids = [uid for uid in getattr(mail, "linked_content", None) or () if uid]
    if not uids:
        return []
    return [
        {
            "kind": "item" if brain.portal_type == "MeetingItem" else "permit",
            "title": brain.Title,
            "url": brain.getURL(),
        }
        for brain in api.content.find(UID=uids, portal_type=list(LINKED_TYPES))
    ]


def source_of(obj) -> dict | None:
    """The incoming mail `obj` was made from, if the reader may see it (one query)."""
    uid = getattr(obj, "source_mail", None)
    if not uid:
        return None
    found = api.content.find(UID=uid, portal_type="IncomingMail")
    if not found:
        return None
    return {"reference": found[0].mail_reference or found[0].Title, "url": found[0].getURL()}
