"""`@@nouveau-point` on an assembly: start an item from one of its templates."""

from communesplone import _
from communesplone.core.browser.actions import PostOnlyView
from communesplone.meetings import item_templates
from communesplone.meetings.content.item import PRIVACY
from plone import api
from Products.Five.browser import BrowserView


class ItemTemplatesView(BrowserView):
    """The templates the user's services may start from, one button each."""

    def templates(self) -> list[dict]:
        services = item_templates.user_service_titles(self.context)
        everyone = api.portal.translate(_("Tous les services"))
        return [
            {
                "title": row["title"],
                "service": services.get(row.get("service"), everyone),
                "category": row.get("category") or "",
                "secret": row.get("privacy") == "secret",
            }
            for row in item_templates.available_templates(self.context, services)
        ]

    def privacy_title(self, secret: bool) -> str:
        return api.portal.translate(PRIVACY.getTerm("secret" if secret else "public").title)

    def blank_url(self) -> str:
        return f"{self.context.absolute_url()}/++add++MeetingItem"


class CreateFromTemplate(PostOnlyView):
    """POST `template` (its title): the draft item, then its edit form; refused, back."""

    def handle(self):
        try:
            item = item_templates.create_from_template(
                self.context, self.request.form.get("template", "")
            )
        except item_templates.TemplateError as exc:
            api.portal.show_message(str(exc), request=self.request, type="error")
            self.request.response.redirect(f"{self.context.absolute_url()}/@@nouveau-point")
            return ""
        api.portal.show_message(
            api.portal.translate(_("Point créé à partir du modèle : complétez-le.")),
            request=self.request,
        )
        self.request.response.redirect(f"{item.absolute_url()}/edit")
        return ""
