"""« Répondre » on an incoming mail, and the registration sticker of a mail."""

from communesplone import _
from communesplone.mail import reply
from communesplone.mail import sticker
from communesplone.mail.browser.create import CreateFromMail
from Products.Five.browser import BrowserView


class ReplyView(CreateFromMail):
    """Create the answer's draft and open it."""

    def create(self):
        answer = reply.create_reply(self.context)
        return answer, _(
            "Réponse ${reference} créée : complétez-la, puis générez la lettre.",
            mapping={"reference": answer.reference},
        )


class StickerView(BrowserView):
    """The 62 × 29 mm label stuck on the paper original: a PDF, made on each request."""

    def __call__(self):
        mail = self.context
        data = sticker.sticker_pdf(
            sticker.commune_name(), mail.reference or "", sticker.date_label(mail)
        )
        filename = (mail.reference or mail.getId()).replace("/", "-")
        response = self.request.response
        response.setHeader("Content-Type", "application/pdf")
        response.setHeader("Content-Disposition", f'inline; filename="etiquette-{filename}.pdf"')
        response.setHeader("Content-Length", str(len(data)))
        return data
