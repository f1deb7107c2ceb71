"""Mail numbers: `E2026/000123` incoming, `S2026/000045` outgoing, per year and direction."""

from communesplone.core.naming import NameFromNextNumber
from communesplone.mail.content.mail import IIncomingMail
from communesplone.mail.content.mail import IOutgoingMail
from zope.component import adapter


class _MailReference(NameFromNextNumber):
    letter = ""

    def series(self) -> str:
        return f"mail-{self.letter.lower()}"

    def reference(self, year: int, number: int) -> str:
        return f"{self.letter}{year}/{number:06d}"


@adapter(IIncomingMail)
class IncomingReference(_MailReference):
    letter = "E"


@adapter(IOutgoingMail)
class OutgoingReference(_MailReference):
    letter = "S"
