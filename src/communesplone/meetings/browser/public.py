"""The public pages: the published decisions and the public minutes' PDF."""

from communesplone.meetings.public_agenda import public_agenda_html
from communesplone.meetings.publication import public_agenda_meeting
from communesplone.meetings.publication import public_decisions
from communesplone.meetings.publication import public_minutes
from plone.namedfile.utils import set_headers
from plone.namedfile.utils import stream_data
from plone.transformchain.interfaces import DISABLE_TRANSFORM_REQUEST_KEY
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


class PublicAgenda(BrowserView):
    """`@@ordre-du-jour-public?seance=UID`: the public items of a frozen or later meeting."""

    def __call__(self):
        meeting = public_agenda_meeting(self.request.form.get("seance"))
        if meeting is None:
            raise NotFound("Aucun ordre du jour public pour cette séance.")
        # Served as the very bytes OParl announced: no theme, no rewriting.
        self.request.environ[DISABLE_TRANSFORM_REQUEST_KEY] = True
        self.request.response.setHeader("Content-Type", "text/html; charset=utf-8")
        return public_agenda_html(meeting)
