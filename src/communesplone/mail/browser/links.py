"""« Créer un point » and « Créer un permis » on an incoming mail (POST with the token)."""

from communesplone import _
from communesplone.mail import links
from communesplone.mail.browser.create import CreateFromMail
from communesplone.meetings.content.assembly import site_college


class CreateItemView(CreateFromMail):
    open_view = "edit"

    def create(self):
        item = links.create_item(self.context, site_college())
        return item, _(
            "Point « ${title} » créé à partir du courrier : complétez-le.",
            mapping={"title": item.Title()},
        )


class CreatePermitView(CreateFromMail):
    open_view = "edit"

    def create(self):
        permit = links.create_permit(self.context, self.request.form.get("procedure", ""))
        return permit, _(
            "Permis « ${title} » créé à partir du courrier : complétez-le.",
            mapping={"title": permit.Title()},
        )
