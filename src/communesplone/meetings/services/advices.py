"""`@advices` of an item: the advices asked and given; a service gives its advice."""

from communesplone.meetings import advices
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from zope.interface import alsoProvides


class AdvicesGet(Service):
    def reply(self):
        return {
            "@id": f"{self.context.absolute_url()}/@advices",
            "items": advices.rows(self.context),
        }


class AdvicesPost(Service):
    """{"service": code, "type": favorable|favorable_remarks|unfavorable, "comment"}."""

    def reply(self):
        # A JSON call, authenticated like every REST call; `give` checks who may.
        alsoProvides(self.request, IDisableCSRFProtection)
        try:
            data = json_body(self.request)
        except Exception:
            data = None
        if not isinstance(data, dict):
            self.request.response.setStatus(400)
            return {"type": "BadRequest", "message": "Corps JSON attendu : service, type, comment."}
        try:
            given = advices.give(
                self.context,
                str(data.get("service") or ""),
                str(data.get("type") or ""),
                str(data.get("comment") or ""),
            )
        except advices.AdviceError as exc:
            self.request.response.setStatus(400)
            return {"type": "BadRequest", "message": str(exc)}
        return given
