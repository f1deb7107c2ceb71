"""Capture an e-mail (.eml) as an incoming mail: subject, sender, date, text, attachments.

Only the standard library reads the message (`email`, policy=default). A file that is not
an e-mail, or a broken one, is refused before anything is created. The .eml itself
becomes the mail's original (fingerprinted like a scan, events.py); its attachments become
annexes. The sender is looked up in the directory by address; an unknown one is only
proposed (the user confirms the new contact), never created silently.
"""

from communesplone import _
from communesplone.core import structure
from communesplone.core.content.directory import IOrganization
from communesplone.core.content.directory import IPerson
from communesplone.mail import history
from communesplone.mail.content.mail import IIncomingMail
from dataclasses import dataclass
from email import errors as email_errors
from email import policy
from email.parser import BytesParser
from html.parser import HTMLParser
from plone import api
from plone.dexterity.utils import createContentInContainer
from plone.indexer import indexer
from plone.namedfile.file import NamedBlobFile
from zope.event import notify
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent

import datetime
import mimetypes
import re


MAX_SIZE = 30 * 1024 * 1024
TITLE_LENGTH = 500
CONTACT_TYPES = ("Person", "Organization")
EML_TYPE = "message/rfc822"
# Defects that leave a multipart message without readable parts.
BROKEN_STRUCTURE = (
    email_errors.StartBoundaryNotFoundDefect,
    email_errors.NoBoundaryInMultipartDefect,
    email_errors.MultipartInvariantViolationDefect,
)
NOT_AN_EMAIL = _(
    "Ce fichier n'est pas un courriel : enregistrez le message au format .eml depuis votre "
    "messagerie."
)


class CaptureError(ValueError):
    """Why an upload or a contact is refused; `message` is a French message id."""

    @property
    def message(self):
        return self.args[0]


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class CapturedEmail:
    subject: str
    from_name: str
    from_address: str
    sent: datetime.date | None
    message_id: str
    body: str
    attachments: tuple[Attachment, ...]


# Reading the message ------------------------------------------------------------------


def parse(raw: bytes) -> CapturedEmail:
    """The e-mail in `raw`, or CaptureError saying why it cannot be read."""
    if not raw or not raw.strip():
        raise CaptureError(_("Le fichier est vide."))
    if len(raw) > MAX_SIZE:
        raise CaptureError(_("Courriel trop volumineux (30 Mo au plus)."))
    try:
        message = BytesParser(policy=policy.default).parsebytes(raw)
        return _read(message)
    except CaptureError:
        raise
    except (
        email_errors.MessageError,
        LookupError,
        ValueError,
        IndexError,
        TypeError,
        AttributeError,
    ) as exc:
        # Untrusted input: whatever the parser trips on is a malformed message.
        raise CaptureError(_("Ce courriel est mal formé : il ne peut pas être lu.")) from exc


def _read(message) -> CapturedEmail:
    if not message.keys() or any(
        isinstance(defect, email_errors.MissingHeaderBodySeparatorDefect)
        for defect in message.defects
    ):
        raise CaptureError(NOT_AN_EMAIL)
    from_name, from_address = _sender(message)
    for part in message.walk():
        if any(isinstance(defect, BROKEN_STRUCTURE) for defect in part.defects):
            raise CaptureError(_("Ce courriel est mal formé : il ne peut pas être lu."))
    body_part = message.get_body(preferencelist=("plain", "html"))
    return CapturedEmail(
        subject=_one_line(str(message["Subject"] or ""))[:TITLE_LENGTH],
        from_name=from_name,
        from_address=from_address,
        sent=_sent_date(message),
        message_id=str(message["Message-ID"] or "").strip(),
        body=_body_text(body_part) if body_part is not None else "",
        attachments=tuple(_attachments(message, body_part)),
    )


def _sender(message) -> tuple[str, str]:
    header = message["From"]
    for address in getattr(header, "addresses", ()) if header is not None else ():
        if address.username and address.domain:
            return _one_line(address.display_name or ""), address.addr_spec
    raise CaptureError(
        _("Ce courriel n'a pas d'expéditeur lisible (en-tête « From ») : il ne peut pas être lu.")
    )


def _sent_date(message) -> datetime.date | None:
    """The date the sender wrote (in their time zone); an unreadable Date is left out."""
    when = getattr(message["Date"], "datetime", None) if message["Date"] is not None else None
    return when.date() if when else None


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _text_content(part) -> str:
    try:
        return part.get_content()
    except LookupError:  # an unknown charset: keep what can be read
        return (part.get_payload(decode=True) or b"").decode("utf-8", "replace")


def _body_text(part) -> str:
    text = _text_content(part)
    if part.get_content_subtype() == "html":
        text = html_to_text(text)
    return text.strip()


def _attachments(message, body_part):
    """Every attached file, in order; the text of the body and its HTML alternative, and
    the inline images of an HTML body, are not attachments."""
    found = []

    def visit(part):
        if part is body_part:
            return
        content_type = part.get_content_type()
        if part.is_multipart() and content_type != EML_TYPE:
            for sub_part in part.iter_parts():
                visit(sub_part)
            return
        filename = _safe_filename(part.get_filename() or "")
        inline = part.get_content_disposition() == "inline" or part["Content-ID"] is not None
        is_body_like = part.get_content_maintype() == "text" or inline
        if not filename and not part.is_attachment() and is_body_like:
            return
        if content_type == EML_TYPE:
            inner = part.get_payload(0)
            data = inner.as_bytes()
            filename = filename or f"{_safe_filename(str(inner['Subject'] or '')) or 'message'}.eml"
        else:
            data = part.get_payload(decode=True) or b""
        if content_type == "application/octet-stream" and filename:
            content_type = mimetypes.guess_type(filename)[0] or content_type
        if not filename:
            extension = mimetypes.guess_extension(content_type) or ".bin"
            filename = f"piece-jointe-{len(found) + 1}{extension}"
        found.append(Attachment(filename=filename, content_type=content_type, data=data))

    visit(message)
    return found


def _safe_filename(name: str) -> str:
    """The last path segment, without control characters: names come from the sender."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    return re.sub(r"[\x00-\x1f\x7f]", "", name).strip()[:200]


class _TextOfHtml(HTMLParser):
    BLOCKS = frozenset(
        ("p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre")
        + ("table", "ul", "ol", "section", "article")
    )
    SKIPPED = frozenset(("script", "style", "head", "title"))

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIPPED:
            self.skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")
        elif tag in self.BLOCKS:
            self.parts.append("\n")
            if tag == "li":
                self.parts.append("- ")

    def handle_endtag(self, tag):
        if tag in self.SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS and tag not in ("li", "tr"):  # a list stays one block
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Readable text of an HTML body: one line per block, no markup, no scripts."""
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).splitlines()]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# The directory ------------------------------------------------------------------------


def _normalized(address: str) -> str:
    return (address or "").strip().lower()


@indexer(IPerson)
def person_email(contact):
    return _normalized(getattr(contact, "email", None)) or None


@indexer(IOrganization)
def organization_email(contact):
    return _normalized(getattr(contact, "email", None)) or None


def find_contact(address: str):
    """The directory's contact with this address (any case): one query, as the user."""
    catalog = api.portal.get_tool("portal_catalog")
    if not address or "contact_email" not in catalog.indexes():
        # Without the index (profile not upgraded yet) the query would match everyone.
        return None
    brains = api.content.find(
        portal_type=list(CONTACT_TYPES),
        contact_email=_normalized(address),
        sort_on="sortable_title",
    )
    return brains[0] if brains else None


def contact_proposal(name: str, address: str) -> dict:
    """A new contact's fields guessed from the From header (« Dupont, Jean » too)."""
    name = _one_line(name) or address.split("@", 1)[0]
    if "," in name:
        lastname, firstname = (part.strip() for part in name.split(",", 1))
    else:
        words = name.split()
        firstname = words[0] if len(words) > 1 else ""
        lastname = " ".join(words[1:]) if len(words) > 1 else name
    return {
        "name": name,
        "firstname": firstname,
        "lastname": lastname,
        "email": address,
    }


# Creating the mail --------------------------------------------------------------------


@dataclass(frozen=True)
class Capture:
    mail: object
    email: CapturedEmail
    contact: object  # the matching directory brain, or None

    def proposal(self) -> dict | None:
        if self.contact is not None:
            return None
        return contact_proposal(self.email.from_name, self.email.from_address)


def capture(folder, raw: bytes, filename: str = "") -> Capture:
    """Register the e-mail in `raw` as an incoming mail of `folder`, with its annexes.

    Everything is checked first: a refused file leaves nothing behind.
    """
    if not api.user.has_permission("communesplone.mail: Add incoming mail", obj=folder):
        raise CaptureError(_("Vous ne pouvez pas enregistrer de courrier."))
    email = parse(raw)
    contact = find_contact(email.from_address)
    mail = createContentInContainer(
        folder,
        "IncomingMail",
        title=email.subject or api.portal.translate(_("(Sans objet)")),
        channel="email",
        original_date=email.sent,
        sender=contact.UID if contact is not None else None,
        original=NamedBlobFile(
            raw, filename=_safe_filename(filename) or "courriel.eml", contentType=EML_TYPE
        ),
    )
    mail.captured_email = {
        "from_name": email.from_name,
        "from_address": email.from_address,
        "message_id": email.message_id,
        "body": email.body,
    }
    history.record(
        mail,
        "Courriel importé",
        f"De {email.from_address}, {len(email.attachments)} pièce(s) jointe(s)",
    )
    for attachment in email.attachments:
        createContentInContainer(
            mail,
            "Annex",
            title=attachment.filename,
            file=NamedBlobFile(
                attachment.data,
                filename=attachment.filename,
                contentType=attachment.content_type,
            ),
        )
    return Capture(mail=mail, email=email, contact=contact)


def captured(mail) -> dict | None:
    """What was read from the e-mail a mail was captured from (None for paper mail)."""
    return getattr(mail, "captured_email", None)


def sender_to_propose(mail) -> dict | None:
    """The unknown sender of a captured mail still without one, as a contact to create."""
    email = captured(mail)
    if not email or getattr(mail, "sender", None) or not email.get("from_address"):
        return None
    return contact_proposal(email.get("from_name") or "", email["from_address"])


def create_sender(mail, form: dict):
    """Create the contact the user confirmed in the directory and make it the sender."""
    directory = structure.directory()
    if not api.user.has_permission("Modify portal content", obj=mail) or not (
        api.user.has_permission("Add portal content", obj=directory)
    ):
        raise CaptureError(_("Vous ne pouvez pas ajouter de contact à l'annuaire."))
    if not IIncomingMail.providedBy(mail) or getattr(mail, "sender", None):
        raise CaptureError(_("Ce courrier a déjà un expéditeur."))
    email = (form.get("email") or "").strip()
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+", email):
        raise CaptureError(_("Adresse électronique invalide."))
    if form.get("kind") == "Organization":
        title = _one_line(form.get("title") or "")
        if not title:
            raise CaptureError(_("Donnez le nom de l'organisation."))
        fields = {"title": title, "email": email or None}
    else:
        firstname = _one_line(form.get("firstname") or "")
        lastname = _one_line(form.get("lastname") or "")
        if not firstname or not lastname:
            raise CaptureError(_("Donnez le prénom et le nom de la personne."))
        fields = {"firstname": firstname, "lastname": lastname, "email": email or None}
    kind = "Organization" if form.get("kind") == "Organization" else "Person"
    contact = createContentInContainer(directory, kind, **fields)
    mail.sender = contact.UID()
    notify(ObjectModifiedEvent(mail, Attributes(IIncomingMail, "sender")))
    return contact
