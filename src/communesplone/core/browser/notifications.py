"""« Mes notifications »: each user switches the categories of e-mail on or off."""

from communesplone import _
from communesplone.core import notifications
from communesplone.core.browser.actions import PostOnlyView
from plone import api
from Products.Five.browser import BrowserView
from zExceptions import Unauthorized


MODULE_TITLES = {
    "meetings": _("Réunions"),
    "mail": _("Courrier"),
    "pst": _("Programme stratégique transversal"),
    "urban": _("Urbanisme"),
}


def _userid() -> str:
    if api.user.is_anonymous():
        raise Unauthorized("Connectez-vous pour régler vos notifications.")
    return api.user.get_current().getId()


class NotificationPreferences(BrowserView):
    def groups(self) -> list[dict]:
        off = notifications.switched_off(_userid())
        by_module: dict[str, list] = {}
        for category in sorted(notifications.CATEGORIES.values(), key=lambda c: c.id):
            by_module.setdefault(category.module, []).append(
                {"id": category.id, "title": category.title, "on": category.id not in off}
            )
        return [
            {"title": MODULE_TITLES.get(module, module), "categories": rows}
            for module, rows in sorted(by_module.items())
        ]


class SaveNotificationPreferences(PostOnlyView):
    def handle(self):
        userid = _userid()
        wanted = self.request.form.get("on") or []
        if isinstance(wanted, str):
            wanted = [wanted]
        unknown = set(wanted) - set(notifications.CATEGORIES)
        if unknown:
            api.portal.show_message(
                api.portal.translate(_("Catégorie de notification inconnue.")),
                request=self.request,
                type="error",
            )
        else:
            notifications.set_switched_off(userid, set(notifications.CATEGORIES) - set(wanted))
            api.portal.show_message(
                api.portal.translate(_("Vos notifications sont enregistrées.")),
                request=self.request,
            )
        self.request.response.redirect(f"{api.portal.get().absolute_url()}/@@mes-notifications")
        return ""
