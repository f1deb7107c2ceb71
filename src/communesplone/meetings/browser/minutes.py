"""The minutes online: the whole meeting (`@@proces-verbal`) and one decision
(`@@deliberation` on an item, its stable address)."""

from communesplone.meetings import minutes
from Products.Five.browser import BrowserView
from zExceptions import NotFound


class MinutesView(BrowserView):
    def minutes(self) -> dict:
        return minutes.minutes(self.context)


class DeliberationView(BrowserView):
    """One item's decision, with the meeting's heading and signatories."""

    def __call__(self):
        if self.context.meeting() is None:
            raise NotFound("Ce point n'a pas été présenté à une séance.")
        return self.index()

    def minutes(self) -> dict:
        return minutes.deliberation(self.context)
