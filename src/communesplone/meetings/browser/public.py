"""The public pages: the published decisions and the public minutes' PDF."""

from communesplone.meetings.publication import public_decisions
from communesplone.meetings.publication import public_minutes
from plone.namedfile.utils import set_headers
from plone.namedfile.utils import stream_data
from Products.Five.browser import BrowserView
from zExceptions import NotFound


class PublicDecisions(BrowserView):
    def assemblies(self) -> list[dict]:
        return public_decisions()


class PublicMinutes(BrowserView):
    """`@@proces-verbal-public?seance=UID`: the PDF archived without huis clos items."""

    def __call__(self):
        file = public_minutes(self.request.form.get("seance"))
        if file is None:
            raise NotFound("Aucun procès-verbal public pour cette séance.")
        set_headers(file, self.request.response, filename=file.filename)
        return stream_data(file)
