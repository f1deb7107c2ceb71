"""`{assembly}/meetings.ics`: the assembly's meetings as an iCalendar feed, for its members.

A councillor subscribes once in their agenda application (with their login); each event
gives the meeting's place, times and the address of its agenda. Only the meetings the
reader may see are listed (the catalog filters by the workflows), from a year back.
"""

from communesplone.core.groups import current_group_ids
from communesplone.core.workflow import roles_here
from communesplone.meetings.content.assembly import assembly_of
from DateTime import DateTime
from datetime import datetime
from datetime import timedelta
from plone import api
from Products.Five.browser import BrowserView
from zExceptions import Unauthorized
from zoneinfo import ZoneInfo

import icalendar


ZONE = ZoneInfo("Europe/Brussels")
PAST = timedelta(days=366)


def _local(value: datetime) -> datetime:
    return value.replace(tzinfo=ZONE) if value.tzinfo is None else value.astimezone(ZONE)


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
        calendar = icalendar.Calendar()
        calendar.add("prodid", "-//CommunesPlone//Séances//FR")
        calendar.add("version", "2.0")
        calendar.add("x-wr-calname", self.context.Title())
        for brain in brains:
            meeting = brain.getObject()
            if meeting.start is None or assembly_of(meeting) is None:
                continue
            start = _local(meeting.start)
            end = _local(meeting.end) if meeting.end else start + timedelta(hours=2)
            event = icalendar.Event()
            event.add("uid", f"{brain.UID}@communesplone")
            event.add("dtstamp", _local(datetime.now()))
            event.add("dtstart", start)
            event.add("dtend", end)
            event.add("summary", meeting.Title())
            if meeting.place:
                event.add("location", meeting.place)
            event.add("url", brain.getURL())
            event.add("description", f"Ordre du jour : {brain.getURL()}")
            calendar.add_component(event)
        response = self.request.response
        response.setHeader("Content-Type", "text/calendar; charset=utf-8")
        response.setHeader("Content-Disposition", 'inline; filename="seances.ics"')
        return calendar.to_ical()
