"""Registration: the number at creation, the fingerprint of every original."""

from communesplone.core.naming import assign_reference
from communesplone.mail.content.mail import IIncomingMail
from communesplone.mail.naming import IncomingReference
from communesplone.mail.naming import OutgoingReference

import hashlib


def fingerprint(mail) -> str | None:
    """SHA-256 of the original's bytes, read in chunks (scans can be large)."""
    original = getattr(mail, "original", None)
    if original is None:
        return None
    digest = hashlib.sha256()
    with original.open() as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def mail_added(mail, event):
    if not mail.reference:
        name = IncomingReference if IIncomingMail.providedBy(mail) else OutgoingReference
        assign_reference(mail, name(mail))
    mail.original_sha256 = fingerprint(mail)
    mail.reindexObject()


def mail_modified(mail, event):
    """A new original gets its own fingerprint; the former one stays in the versions."""
    sha = fingerprint(mail)
    if sha != mail.original_sha256:
        mail.original_sha256 = sha
    mail.reindexObjectSecurity()
