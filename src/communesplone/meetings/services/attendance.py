"""`@attendance` of a meeting or an item: read it, merge changes (meeting managers)."""

from communesplone.core.services.base import JsonService
from communesplone.meetings import attendance
from communesplone.meetings.content.meeting import IMeeting
from plone import api
from plone.restapi.services import Service
from zExceptions import Unauthorized


def _body(entries) -> list[dict]:
    return [
        {"person": entry["person"], "title": entry["title"], "status": entry["status"]}
        for entry in entries
    ]


class AttendanceGet(Service):
    def reply(self):
        if IMeeting.providedBy(self.context):
            entries = attendance.meeting_attendance(self.context)
        else:
            entries = attendance.item_attendance(self.context)
        return {
            "@id": f"{self.context.absolute_url()}/@attendance",
            "items": _body(entries),
            "quorum": attendance.quorum(entries),
        }


class AttendancePatch(JsonService):
    def reply(self):
        meeting = self.context if IMeeting.providedBy(self.context) else self.context.meeting()
        try:
            attendance.require_open(meeting)
        except attendance.AttendanceError as exc:
            return self.refuse(str(exc))
        if not api.user.has_permission("communesplone.meetings: Manage agenda", obj=meeting):
            raise Unauthorized("Seul le secrétariat de la séance note les présences.")
        data = self.json_object()
        changes = data.get("items") if data is not None else None
        try:
            if IMeeting.providedBy(self.context):
                attendance.update_meeting(self.context, changes)
            else:
                attendance.update_item(self.context, changes)
        except attendance.AttendanceError as exc:
            return self.refuse(str(exc))
        return self.reply_no_content()
