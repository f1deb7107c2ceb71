"""The buttons that make something from a mail (« Répondre », « Créer un point »…)."""

from communesplone.core.browser.actions import PostOnlyView
from communesplone.mail.refusal import MailActionRefused
from plone import api

import transaction


class CreateFromMail(PostOnlyView):
    """POST with the token: create, then open what was made; a refusal changes nothing,
    says why and goes back to the mail.

    Each button's view gives `create()`: the new content and the message saying so.
    """

    # Where the new content opens: its page, or its edit form.
    open_view = ""

    def handle(self):
        request = self.request
        try:
            created, done = self.create()
        except MailActionRefused as refused:
            transaction.abort()
            api.portal.show_message(
                api.portal.translate(refused.message), request=request, type="error"
            )
            request.response.redirect(self.context.absolute_url())
            return ""
        api.portal.show_message(api.portal.translate(done), request=request)
        suffix = f"/{self.open_view}" if self.open_view else ""
        request.response.redirect(f"{created.absolute_url()}{suffix}")
        return ""
