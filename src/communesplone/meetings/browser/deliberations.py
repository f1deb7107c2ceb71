"""A meeting's deliberations: the list, their making with progress, the ZIP of them all."""

from communesplone import _
from communesplone.core.browser.actions import PostOnlyView
from communesplone.meetings import deliberations
from plone import api
from Products.Five.browser import BrowserView
from zExceptions import NotFound

import json
import transaction


class DeliberationsView(BrowserView):
    """`@@deliberations`: each decided item, its PDF if made, and the button to make them."""

    def rows(self) -> list[dict]:
        if not hasattr(self, "_rows"):
            self._rows = deliberations.rows(self.context)
        return self._rows

    def may_make(self) -> bool:
        return deliberations.may_make(self.context)

    def made(self) -> int:
        return sum(1 for row in self.rows() if row["url"])

    def static_url(self):
        return f"{api.portal.get().absolute_url()}/++resource++communesplone.meetings"


class MakeDeliberations(PostOnlyView):
    """POST `uid`: make one deliberation, answer its row as JSON (the page's progress).
    POST without `uid` (no JavaScript): make them all, then back to the list."""

    def handle(self):
        uid = self.request.form.get("uid")
        try:
            if uid:
                result = deliberations.make(self.context, uid)
            else:
                result = deliberations.make_all(self.context)
        except deliberations.DeliberationError as exc:
            transaction.abort()
            return self._refuse(str(exc), as_json=bool(uid))
        if uid:
            self.request.response.setHeader("Content-Type", "application/json")
            return json.dumps(result)
        api.portal.show_message(
            api.portal.translate(
                _("${count} délibération(s) générée(s).", mapping={"count": len(result)})
            ),
            request=self.request,
        )
        self.request.response.redirect(f"{self.context.absolute_url()}/@@deliberations")
        return ""

    def _refuse(self, message: str, as_json: bool):
        if as_json:
            self.request.response.setStatus(400)
            self.request.response.setHeader("Content-Type", "application/json")
            return json.dumps({"message": message})
        api.portal.show_message(message, request=self.request, type="error")
        self.request.response.redirect(f"{self.context.absolute_url()}/@@deliberations")
        return ""


class DeliberationsZip(BrowserView):
    """`@@deliberations.zip`: the deliberations made so far that the reader may read."""

    def __call__(self):
        count, data = deliberations.zip_bytes(self.context)
        if not count:
            raise NotFound("Aucune délibération générée pour cette séance.")
        response = self.request.response
        response.setHeader("Content-Type", "application/zip")
        response.setHeader(
            "Content-Disposition",
            f'attachment; filename="deliberations-{self.context.getId()}.zip"',
        )
        return data
