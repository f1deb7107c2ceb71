"""Registration: the number at creation, the fingerprint of every original."""

from communesplone.core.groups import user_service_codes
from communesplone.core.lookup import object_of
from communesplone.core.naming import assign_reference
from communesplone.mail import history
from communesplone.mail.content.mail import IIncomingMail
from communesplone.mail.content.mail import IMail
from communesplone.mail.content.mail import IOutgoingMail
from communesplone.mail.naming import IncomingReference
from communesplone.mail.naming import OutgoingReference
from plone import api

import hashlib


def _changed_fields(event) -> list[str]:
    """Titles of the fields an edit changed (forms and REST say which)."""
    names = []
    for description in getattr(event, "descriptions", ()) or ():
        names.extend(getattr(description, "attributes", ()) or ())
    titles = []
    for name in names:
        field_name = name.split(".")[-1]
        field = IIncomingMail.get(field_name) or IOutgoingMail.get(field_name)
        title = str(field.title) if field is not None else field_name
        if title not in titles:
            titles.append(title)
    return titles


def file_fingerprint(file) -> str | None:
    """SHA-256 of a file's bytes, read in chunks (scans can be large)."""
    if file is None:
        return None
    digest = hashlib.sha256()
    with file.open() as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def fingerprint(mail) -> str | None:
    return file_fingerprint(getattr(mail, "original", None))


def sender_title(mail) -> str | None:
    """The sender's name, kept on the mail for listings (read here, never in an indexer)."""
    sender = object_of(getattr(mail, "sender", None))
    return sender.Title() if sender is not None else None


def mail_added(mail, event):
    if IOutgoingMail.providedBy(mail) and not mail.sender_service:
        # Its author's service: without one, the author could not read the draft.
        own = user_service_codes(kinds=("agents", "managers"))
        mail.sender_service = own[0] if own else None
        if not mail.sender_agent and mail.sender_service:
            mail.sender_agent = api.user.get_current().getId()
    if not mail.reference:
        name = IncomingReference if IIncomingMail.providedBy(mail) else OutgoingReference
        assign_reference(mail, name(mail))
    mail.original_sha256 = fingerprint(mail)
    history.keep_replaced(mail, "original", file_fingerprint)
    mail.sender_title = sender_title(mail)
    history.record(mail, "Enregistrement")
    mail.reindexObject()


def mail_modified(mail, event):
    """Log what changed; a new original gets its fingerprint, the former one is kept."""
    changed = _changed_fields(event)
    kept = history.keep_replaced(mail, "original", file_fingerprint)
    sha = fingerprint(mail)
    if sha != mail.original_sha256:
        mail.original_sha256 = sha
    if kept is not None:
        history.record(mail, "Nouvel original", f"SHA-256 {sha} (le précédent : {kept['sha256']})")
    elif changed:
        history.record(mail, "Modification", ", ".join(changed))
    name = sender_title(mail)
    if name != getattr(mail, "sender_title", None):
        mail.sender_title = name
        mail.reindexObject(idxs=["mail_sender", "SearchableText"])
    mail.reindexObjectSecurity()


def _mail_of(annex):
    parent = getattr(annex, "__parent__", None)
    return parent if IMail.providedBy(parent) else None


def annex_added(annex, event):
    mail = _mail_of(annex)
    if mail is not None:
        history.keep_replaced(annex, "file", file_fingerprint)
        sha = file_fingerprint(getattr(annex, "file", None))
        history.record(mail, "Annexe ajoutée", f"{annex.Title()} (SHA-256 {sha})")


def annex_modified(annex, event):
    """An annex of a mail is never silently replaced: the former file is kept."""
    mail = _mail_of(annex)
    if mail is None:
        return
    kept = history.keep_replaced(annex, "file", file_fingerprint)
    if kept is not None:
        sha = file_fingerprint(getattr(annex, "file", None))
        history.record(
            mail,
            "Annexe remplacée",
            f"{annex.Title()} : SHA-256 {sha} (la précédente : {kept['sha256']})",
        )
