"""REST: `POST {folder}/@import-eml` registers an e-mail; `GET {mail}/@routing-suggestion`
says where similar mail went (capture.py, routing.py)."""

from communesplone.core.services.base import JsonService
from communesplone.mail import capture
from communesplone.mail import routing
from plone import api
from plone.restapi.services import Service

import base64
import binascii
import transaction


class EmlImportPost(JsonService):
    """{"data": the .eml in base64, "filename": "message.eml"} → 201 with the new mail,
    its annexes and, when the sender is not in the directory, the contact to propose."""

    def reply(self):
        data = self.json_object()  # capture() checks who may
        try:
            raw = base64.b64decode(str(data["data"]), validate=True)
        except (TypeError, KeyError, ValueError, binascii.Error):
            return self.refuse("Corps JSON attendu : data (le fichier .eml en base64), filename.")
        try:
            result = capture.capture(self.context, raw, str(data.get("filename") or ""))
        except capture.CaptureError as exc:
            transaction.abort()
            return self.refuse(api.portal.translate(exc.message))
        mail = result.mail
        self.request.response.setStatus(201)
        self.request.response.setHeader("Location", mail.absolute_url())
        return {
            "@id": mail.absolute_url(),
            "reference": mail.reference,
            "title": mail.title,
            "sender": mail.sender,
            "sender_proposal": result.proposal(),
            "annexes": [
                {
                    "title": annex.filename,
                    "content_type": annex.content_type,
                    "size": len(annex.data),
                }
                for annex in result.email.attachments
            ],
        }


class RoutingSuggestionGet(Service):
    def reply(self):
        found = routing.suggestion(self.context)
        return {
            "@id": f"{self.context.absolute_url()}/@routing-suggestion",
            "suggestion": (
                {**found, "label": api.portal.translate(routing.label(found))} if found else None
            ),
        }
