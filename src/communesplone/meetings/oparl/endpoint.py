"""`{site}/@oparl`: JSON whatever the Accept header says.

A browser view, not a plone.rest service: plone.rest dispatches a service only for an
exact media type, and an OParl client or a browser sends `*/*` or `text/html`. With an
`application/json` Accept, plone.rest finds no service of that name and falls back to
this same view, so every client gets the same answer.
"""

from communesplone.meetings.oparl.lists import answer
from communesplone.meetings.oparl.lists import ListError
from communesplone.meetings.oparl.lists import LISTS
from communesplone.meetings.oparl.objects import OParl
from communesplone.meetings.oparl.objects import TYPES
from Products.Five.browser import BrowserView
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse

import json


@implementer(IPublishTraverse)
class OParlEndpoint(BrowserView):
    def __init__(self, context, request):
        super().__init__(context, request)
        self.segments = []

    def publishTraverse(self, request, name):
        self.segments.append(name)
        return self

    def __call__(self):
        status, data = self.reply()
        response = self.request.response
        response.setStatus(status)
        response.setHeader("Content-Type", "application/json; charset=utf-8")
        response.setHeader("Access-Control-Allow-Origin", "*")
        return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")

    def reply(self) -> tuple[int, dict]:
        if self.request.get("REQUEST_METHOD", "GET") not in ("GET", "HEAD"):
            return 405, {"error": "OParl se lit : seules les requêtes GET sont acceptées."}
        oparl = OParl()
        segments = self.segments
        if not segments:
            return 200, oparl.build_system()
        if len(segments) == 1 and segments[0] in LISTS:
            try:
                return 200, answer(oparl, segments[0], self.request.form)
            except ListError as error:
                return 400, {"error": str(error)}
        if len(segments) == 2 and segments[0] in TYPES:
            path = "/".join(segments)
            found = oparl.build(path) or oparl.tombstone(path)
            if found is not None:
                return 200, found
        return 404, {"error": "Aucun objet OParl publié à cette adresse."}
