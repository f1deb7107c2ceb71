"""A meeting's page: date, place and the agenda the reader may see."""

from communesplone.meetings.content.meeting import convocation_deadline
from communesplone.meetings.services.agenda import agenda_items
from datetime import date
from plone import api
from Products.Five.browser import BrowserView


class MeetingView(BrowserView):
    def items(self):
        rows = agenda_items(self.context)
        public = [row for row in rows if row["privacy"] != "secret"]
        secret = [row for row in rows if row["privacy"] == "secret"]
        return {"public": public, "secret": secret}

    def convocation(self):
        """« Convocation à envoyer au plus tard le … » for the council (CDLD)."""
        deadline = convocation_deadline(self.context)
        if deadline is None:
            return None
        return {
            "date": deadline.strftime("%d/%m/%Y"),
            "late": deadline < date.today() and api.content.get_state(self.context) == "created",
        }

    def static_url(self):
        return f"{api.portal.get().absolute_url()}/++resource++communesplone.meetings"

    def can_manage_agenda(self):
        return api.user.has_permission("communesplone.meetings: Manage agenda", obj=self.context)
