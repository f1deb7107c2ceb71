"""The routing suggestion on a registered mail's page, and its « Appliquer » button."""

from communesplone import _
from communesplone.core.browser.actions import PostOnlyView
from communesplone.mail import routing
from plone import api
from Products.Five.browser import BrowserView

import transaction


class RoutingSuggestionPanel(BrowserView):
    """Shown to whoever may still route the mail, while the suggestion is not applied."""

    def __call__(self):
        self.found = None
        if routing.may_apply(self.context):
            found = routing.suggestion(self.context)
            if found is not None and not routing.is_applied(self.context, found):
                self.found = found
        return self.index() if self.found else ""

    def label(self):
        return api.portal.translate(routing.label(self.found))


class ApplySuggestion(PostOnlyView):
    """Put the suggested service and agent on the mail; assigning stays the user's act."""

    def handle(self):
        try:
            found = routing.apply(self.context)
        except routing.RoutingError as exc:
            transaction.abort()
            api.portal.show_message(
                api.portal.translate(exc.args[0]), request=self.request, type="error"
            )
        else:
            api.portal.show_message(
                api.portal.translate(
                    _(
                        "Suggestion appliquée : ${service}. Attribuez le courrier pour le "
                        "transmettre au service.",
                        mapping={"service": found["service_title"]},
                    )
                ),
                request=self.request,
            )
        self.request.response.redirect(self.context.absolute_url())
        return ""
