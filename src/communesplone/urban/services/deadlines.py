"""`GET {permit}/@deadlines?on=YYYY-MM-DD`: the file's legal deadlines, explained."""

from communesplone.urban.deadlines import permit_deadlines
from datetime import date
from plone.restapi.services import Service


class DeadlinesGet(Service):
    def reply(self):
        raw = self.request.form.get("on")
        on = None
        if raw:
            try:
                on = date.fromisoformat(raw)
            except (TypeError, ValueError):
                self.request.response.setStatus(400)
                return {
                    "type": "BadRequest",
                    "message": (
                        f"Date « {raw} » invalide : attendu AAAA-MM-JJ, par exemple 2026-03-12."
                    ),
                }
        deadlines = permit_deadlines(self.context, on)
        return {
            "@id": f"{self.context.absolute_url()}/@deadlines",
            "on": (on or date.today()).isoformat(),
            "items": [deadline.as_dict() for deadline in deadlines],
        }
