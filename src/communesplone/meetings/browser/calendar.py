"""`{assembly}/meetings.ics`: the assembly's meetings as an iCalendar feed, for its members.

A councillor subscribes once in their agenda application (with their login); each event
gives the meeting's place, times and the address of its agenda. Only the meetings the
reader may see are listed (the catalog filters by the workflows), from a year back.
"""

from communesplone.core.feeds import add_event
from communesplone.core.feeds import ics_response
from communesplone.core.feeds import new_calendar
from communesplone.core.groups import current_group_ids
from communesplone.core.workflow import roles_here
from communesplone.meetings.content.assembly import assembly_of
from DateTime import DateTime
from datetime import datetime
from datetime import timedelta
from plone import api
from Products.Five.browser import BrowserView
from zExceptions import Unauthorized


PAST = timedelta(days=366)


class MeetingsFeed(BrowserView):
    def may_subscribe(self) -> bool:
        """The assembly's members, its clerks and the site's administrators."""
        assembly = self.context
        if api.user.is_anonymous():
            return False
        if assembly.member_group in current_group_ids():
            return True
        clerks = {"MeetingManager", "Manager", "Site Administrator"}
        return bool(clerks & roles_here(assembly))  # the Zope root's operator too

    def __call__(self):
        if not self.may_subscribe():
            raise Unauthorized("Le calendrier des séances est réservé aux membres.")
        since = DateTime(datetime.now() - PAST)
        brains = api.content.find(
            context=self.context,
            portal_type="Meeting",
            start={"query": since, "range": "min"},
            sort_on="start",
        )
        calendar = new_calendar(self.context.Title(), "Séances")
        for brain in brains:
            meeting = brain.getObject()
            if meeting.start is None or assembly_of(meeting) is None:
                continue
            add_event(
                calendar,
                f"{brain.UID}@communesplone",
                meeting.Title(),
                meeting.start,
                meeting.end or meeting.start + timedelta(hours=2),
                location=meeting.place,
                url=brain.getURL(),
                description=f"Ordre du jour : {brain.getURL()}",
            )
        return ics_response(self.request, calendar, "seances.ics")
