"""« Créer un point » and « Créer un permis » on an incoming mail (POST with the token)."""

from communesplone import _
from communesplone.core.browser.actions import PostOnlyView
from communesplone.mail import links
from communesplone.meetings.content.assembly import site_college
from plone import api

import transaction


class _CreateFromMail(PostOnlyView):
    """Create the linked content and open its edit form; a refusal changes nothing."""

    def create(self):
        """The new content and the message saying so."""
        raise NotImplementedError

    def handle(self):
        request = self.request
        try:
            created, done = self.create()
        except links.LinkRefused as refused:
            transaction.abort()
            api.portal.show_message(
                api.portal.translate(refused.message), request=request, type="error"
            )
            request.response.redirect(self.context.absolute_url())
            return ""
        api.portal.show_message(
            api.portal.translate(done),
            request=request,
        )
        request.response.redirect(f"{created.absolute_url()}/edit")
        return ""


class CreateItemView(_CreateFromMail):
    def create(self):
        item = links.create_item(self.context, site_college())
        return item, _(
            "Point « ${title} » créé à partir du courrier : complétez-le.",
            mapping={"title": item.Title()},
        )


class CreatePermitView(_CreateFromMail):
    def create(self):
        permit = links.create_permit(self.context, self.request.form.get("procedure", ""))
        return permit, _(
            "Permis « ${title} » créé à partir du courrier : complétez-le.",
            mapping={"title": permit.Title()},
        )
