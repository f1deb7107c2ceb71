"""What the suite's REST services share: the JSON body and the refusal they answer."""

from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from zope.interface import alsoProvides


class JsonService(Service):
    def json_object(self) -> dict | None:
        """The request's JSON object, or None when the body is not one.

        A JSON call is authenticated like every REST call: the CSRF check, meant for
        forms, is lifted (as plone.restapi does for its own writes). Call it once the
        service has checked who may write.
        """
        alsoProvides(self.request, IDisableCSRFProtection)
        try:
            data = json_body(self.request)
        except Exception:
            return None
        return data if isinstance(data, dict) else None

    def refuse(self, message: str, status: int = 400) -> dict:
        self.request.response.setStatus(status)
        return {"type": "BadRequest", "message": message}
