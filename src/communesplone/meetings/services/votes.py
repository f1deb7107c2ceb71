"""`@votes` of an item: the votes and their results; a new vote (meeting managers)."""

from communesplone.meetings import votes
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from zExceptions import Unauthorized
from zope.interface import alsoProvides


class VotesGet(Service):
    def reply(self):
        return {
            "@id": f"{self.context.absolute_url()}/@votes",
            "items": votes.summaries(self.context),
        }


class VotesPost(Service):
    def reply(self):
        try:
            meeting = votes.require_session(self.context)
        except votes.VoteError as exc:
            self.request.response.setStatus(400)
            return {"type": "BadRequest", "message": str(exc)}
        if not api.user.has_permission("communesplone.meetings: Manage agenda", obj=meeting):
            raise Unauthorized("Seul le secrétariat de la séance enregistre les votes.")
        # A JSON call, authenticated like every REST call (as plone.restapi's own additions).
        alsoProvides(self.request, IDisableCSRFProtection)
        try:
            data = json_body(self.request)
        except Exception:
            data = None
        try:
            votes.record(self.context, data)
        except votes.VoteError as exc:
            self.request.response.setStatus(400)
            return {"type": "BadRequest", "message": str(exc)}
        self.request.response.setStatus(201)
        return {
            "@id": f"{self.context.absolute_url()}/@votes",
            "items": votes.summaries(self.context),
        }
