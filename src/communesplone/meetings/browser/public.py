"""`@@decisions-publiques`: the page where anyone reads the published decisions."""

from communesplone.meetings.publication import public_decisions
from Products.Five.browser import BrowserView


class PublicDecisions(BrowserView):
    def assemblies(self) -> list[dict]:
        return public_decisions()
