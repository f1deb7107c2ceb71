"""`@votes` of an item: the votes and their results; a new vote (meeting managers)."""

from communesplone.core.services.base import JsonService
from communesplone.meetings import votes
from plone import api
from plone.restapi.services import Service
from zExceptions import Unauthorized


class VotesGet(Service):
    def reply(self):
        return {
            "@id": f"{self.context.absolute_url()}/@votes",
            "items": votes.summaries(self.context),
        }


class VotesPost(JsonService):
    def reply(self):
        try:
            meeting = votes.require_session(self.context)
        except votes.VoteError as exc:
            return self.refuse(str(exc))
        if not api.user.has_permission("communesplone.meetings: Manage agenda", obj=meeting):
            raise Unauthorized("Seul le secrétariat de la séance enregistre les votes.")
        try:
            votes.record(self.context, self.json_object())
        except votes.VoteError as exc:
            return self.refuse(str(exc))
        self.request.response.setStatus(201)
        return {
            "@id": f"{self.context.absolute_url()}/@votes",
            "items": votes.summaries(self.context),
        }
