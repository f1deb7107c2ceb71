"""The mail module's document template, « Lettre », and what it may ask of an outgoing mail.

The letter carries the commune's letterhead (commune settings), the recipient's name and
address (window envelope), the place and date, our reference with its Code 128 barcode,
the incoming mail it answers and « Concerne : … ». The template is written by
scripts/make_mail_templates.py.
"""

from collective.documentgenerator.helper import DXDocumentGenerationHelperView
from communesplone.core import documents
from communesplone.core.calendar import french_date
from communesplone.mail import sticker
from pathlib import Path
from plone import api


TEMPLATES = Path(__file__).parent / "templates"
MAIL_TEMPLATES = (
    (
        "lettre",
        "Lettre",
        TEMPLATES / "lettre.odt",
        ["odt", "pdf", "docx"],
        ["OutgoingMail"],
    ),
)


def install_letter_templates(context=None):
    """The letter among the site's templates (new and existing sites); an edited one stays."""
    documents.install_templates(MAIL_TEMPLATES)


class LetterDocumentHelper(DXDocumentGenerationHelperView):
    """`view` in the letter: the commune, the recipients, the references, as text."""

    def _commune(self, name: str) -> str:
        value = api.portal.get_registry_record(f"communesplone.commune.{name}", default=None)
        return "" if value is None else str(value)

    def commune_name(self) -> str:
        return sticker.commune_name()

    def commune_address(self) -> str:
        return self._commune("address")

    def commune_email(self) -> str:
        return self._commune("email")

    def reference(self) -> str:
        return self.real_context.reference or ""

    def subject(self) -> str:
        return self.real_context.title or ""

    def place_and_date(self) -> str:
        """« Valmont, le 12 mars 2026 »: the letter's own date."""
        day = self.real_context.mail_date
        return f"{self.commune_name()}, le {french_date(day)}" if day else self.commune_name()

    def recipients(self) -> list[dict]:
        """Name and address lines of each recipient, in the mail's order (one query)."""
        uids = list(self.real_context.recipients or ())
        if not uids:
            return []
        found = {brain.UID: brain for brain in api.content.find(UID=uids)}
        rows = []
        for uid in uids:
            brain = found.get(uid)
            if brain is None:
                continue
            address = getattr(brain.getObject(), "address", None) or ""
            lines = [line.strip() for line in address.splitlines() if line.strip()]
            rows.append({"name": brain.Title, "lines": lines})
        return rows

    def answered_letters(self) -> list[str]:
        """« Votre courrier du 10 mars 2026 (enregistré sous le n° E2026/000123) »."""
        uids = list(self.real_context.in_reply_to or ())
        # What the reader may read only (one query): a document never shows more.
        brains = api.content.find(UID=uids, portal_type="IncomingMail") if uids else []
        texts = []
        for brain in brains:
            incoming = brain.getObject()
            if incoming.original_date:
                text = f"Votre courrier du {french_date(incoming.original_date)}"
            elif incoming.reception_date:
                text = f"Votre courrier reçu le {french_date(incoming.reception_date)}"
            else:
                text = "Votre courrier"
            texts.append(f"{text} (enregistré sous le n° {incoming.reference})")
        return texts

    def barcode_svg(self) -> bytes:
        return sticker.barcode_svg(self.reference())
