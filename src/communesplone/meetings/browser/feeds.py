"""Public feeds: the meetings' calendar and the published decisions, for anyone.

They read only what `meetings.publication` lets out: the meetings whose agenda is public
(never one in creation, never an assembly that does not publish) and the decisions of
the public items of closed meetings.
"""

from communesplone.core.feeds import add_event
from communesplone.core.feeds import ics_response
from communesplone.core.feeds import new_calendar
from communesplone.core.feeds import rss_response
from communesplone.core.params import form_text
from communesplone.meetings.oparl.objects import plain_text
from communesplone.meetings.publication import public_agenda_meetings
from communesplone.meetings.publication import public_decisions
from DateTime import DateTime
from datetime import datetime
from datetime import timedelta
from plone import api
from Products.Five.browser import BrowserView


PAST = timedelta(days=366)
DEFAULT_LENGTH = timedelta(hours=2)


class PublicMeetingsCalendar(BrowserView):
    """`@@seances-publiques.ics[?assemblee=conseil]`: a year back and what is announced."""

    def __call__(self):
        assembly_id = form_text(self.request, "assemblee") or None
        portal = api.portal.get()
        site = portal.absolute_url()
        calendar = new_calendar(f"Séances publiques – {portal.Title()}", "Séances publiques")
        for brain in public_agenda_meetings(assembly_id, since=DateTime(datetime.now() - PAST)):
            meeting = brain._unrestrictedGetObject()
            if meeting.start is None:
                continue
            agenda = f"{site}/@@ordre-du-jour-public?seance={brain.UID}"
            add_event(
                calendar,
                f"seance-{brain.UID}@communesplone",
                meeting.Title(),
                meeting.start,
                meeting.end or meeting.start + DEFAULT_LENGTH,
                location=meeting.place,
                url=agenda,
                description=f"Ordre du jour : {agenda}",
            )
        return ics_response(self.request, calendar, "seances-publiques.ics")


class PublicDecisionsFeed(BrowserView):
    """`@@decisions-publiques.rss`: one entry per published decision, newest first."""

    def __call__(self):
        portal = api.portal.get()
        page = f"{portal.absolute_url()}/@@decisions-publiques"
        entries = []
        for assembly in public_decisions():
            for meeting in assembly["meetings"]:
                for decision in meeting["decisions"]:
                    entries.append(
                        {
                            "title": f"{decision['title']} — {decision['state']}",
                            "link": f"{page}#point-{decision['uid']}",
                            "guid": f"decision-{decision['uid']}",
                            "description": (
                                f"{meeting['title']}, point {decision['number']}. "
                                + plain_text(decision["decision"])
                            ).strip(),
                            "published": meeting["start"],
                        }
                    )
        entries.sort(key=lambda entry: entry["published"] or datetime.min, reverse=True)
        return rss_response(
            self.request,
            f"Décisions publiques – {portal.Title()}",
            page,
            "Les décisions des points publics des séances clôturées.",
            entries,
        )
