"""« Répondre » on an incoming mail, and the registration sticker of a mail."""

from communesplone import _
from communesplone.core.browser.actions import PostOnlyView
from communesplone.mail import reply
from communesplone.mail import sticker
from plone import api
from Products.Five.browser import BrowserView

import transaction


class ReplyView(PostOnlyView):
    """Create the answer's draft and open it; a refusal changes nothing and says why."""

    def handle(self):
        request = self.request
        try:
            answer = reply.create_reply(self.context)
        except reply.ReplyRefused as refused:
            transaction.abort()
            api.portal.show_message(
                api.portal.translate(refused.message), request=request, type="error"
            )
            request.response.redirect(self.context.absolute_url())
            return ""
        api.portal.show_message(
            api.portal.translate(
                _(
                    "Réponse ${reference} créée : complétez-la, puis générez la lettre.",
                    mapping={"reference": answer.reference},
                )
            ),
            request=request,
        )
        request.response.redirect(answer.absolute_url())
        return ""


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
