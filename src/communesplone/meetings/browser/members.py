"""« Mes séances » on « Mon tableau de bord »: for the members of the Collège and Conseil.

The next meetings whose agenda is frozen (with how many items are new or changed since
the member last marked the agenda read) and the last closed ones with their minutes.
One catalog query per assembly the user sits in, and one per listed meeting.
"""

from communesplone.meetings import visits
from communesplone.meetings.content.assembly import IAssembly
from DateTime import DateTime
from datetime import datetime
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


UPCOMING_STATES = ("frozen", "in_session")
PAST = 3


class MyMeetingsViewlet(ViewletBase):
    order = 30
    index = ViewPageTemplateFile("templates/dashboard_meetings.pt")

    def update(self):
        super().update()
        self.upcoming, self.closed = [], []
        user = api.user.get_current()
        groups = set(user.getGroups()) if hasattr(user, "getGroups") else set()
        portal = api.portal.get()
        catalog = api.portal.get_tool("portal_catalog")
        for assembly in portal.objectValues():
            if not IAssembly.providedBy(assembly) or assembly.member_group not in groups:
                continue
            path = "/".join(assembly.getPhysicalPath())
            for brain in catalog(
                path=path,
                portal_type="Meeting",
                review_state=list(UPCOMING_STATES),
                start={"query": DateTime(datetime.now().date().isoformat()), "range": "min"},
                sort_on="start",
            ):
                meeting = brain.getObject()
                visit = visits.last_visit(meeting, user.getId())
                agenda = catalog(UID=list(meeting.agenda), portal_type="MeetingItem")
                changed = sum(1 for b in agenda if visits.changed_since(b.modified, visit))
                self.upcoming.append(
                    {"title": brain.Title, "url": brain.getURL(), "changed": changed}
                )
            for brain in catalog(
                path=path,
                portal_type="Meeting",
                review_state="closed",
                sort_on="start",
                sort_order="descending",
            )[:PAST]:
                self.closed.append(
                    {"title": brain.Title, "url": f"{brain.getURL()}/@@proces-verbal"}
                )

    @property
    def available(self):
        return bool(self.upcoming or self.closed)
