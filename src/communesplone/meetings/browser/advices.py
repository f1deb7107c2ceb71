"""`@@donner-avis`: the adviser's form on the item page."""

from communesplone import _
from communesplone.core.browser.actions import PostOnlyView
from communesplone.meetings import advices
from plone import api

import transaction


class GiveAdvice(PostOnlyView):
    def handle(self):
        form = self.request.form
        try:
            advices.give(
                self.context,
                str(form.get("service") or ""),
                str(form.get("type") or ""),
                str(form.get("comment") or ""),
            )
        except advices.AdviceError as exc:
            transaction.abort()
            api.portal.show_message(str(exc), request=self.request, type="error")
        else:
            api.portal.show_message(
                api.portal.translate(_("Avis enregistré.")), request=self.request
            )
        self.request.response.redirect(self.context.absolute_url())
        return ""
