"""What the suite's REST services share: the JSON body and the refusal they answer.

A write (POST, PUT, PATCH) takes a JSON body sent as such (`Content-Type:
application/json`), or is refused with a 415 before anything is read or changed. That is
what makes lifting plone.protect's token safe: a cross-site page can make a browser send
a body as `text/plain` (or with no type), with the user's cookie and even
`Accept: application/json`, without asking the server first (no CORS preflight); it cannot
send `application/json` that way.
"""

from communesplone import _
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from zope.i18n import translate
from zope.interface import alsoProvides

import json


WRITE_METHODS = ("POST", "PUT", "PATCH")


def sends_json(request) -> bool:
    """Whether the request's body is declared JSON (`application/json`, `…+json`)."""
    media_type = (request.getHeader("Content-Type") or "").split(";")[0].strip().lower()
    return media_type == "application/json" or (
        media_type.startswith("application/") and media_type.endswith("+json")
    )


class JsonService(Service):
    def render(self):
        """A write whose body is not declared JSON is refused before `reply` runs."""
        if self.request.get("REQUEST_METHOD", "GET") in WRITE_METHODS and not sends_json(
            self.request
        ):
            self.check_permission()
            refusal = self.refuse(
                translate(
                    _(
                        "Corps de requête refusé : envoyez du JSON avec l'en-tête "
                        "« Content-Type: application/json »."
                    ),
                    context=self.request,
                ),
                status=415,
            )
            refusal["type"] = "UnsupportedMediaType"
            self.request.response.setHeader("Content-Type", self.content_type)
            return json.dumps(refusal, indent=2, sort_keys=True)
        return super().render()

    def json_object(self) -> dict | None:
        """The request's JSON object, or None when the body is not one.

        A JSON call is authenticated like every REST call: the CSRF check, meant for
        forms, is lifted (as plone.restapi does for its own writes); `render` made sure
        the body was sent as JSON. Call it once the service has checked who may write.
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
