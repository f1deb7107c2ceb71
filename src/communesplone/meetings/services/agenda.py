"""`@agenda` of a meeting: read it in order, reorder it (meeting managers)."""

from communesplone.meetings import agenda
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service


def agenda_items(meeting) -> list[dict]:
    """The items the reader may see, numbered by their place in the whole agenda."""
    return [
        {
            "@id": brain.getURL(),
            "UID": brain.UID,
            "number": meeting.number_of(brain.UID),
            "title": brain.Title,
            "review_state": brain.review_state,
            "privacy": brain.item_privacy,
            "list_type": brain.item_list_type,
            "category": brain.item_category,
            "proposing_service": brain.proposing_service,
            "modified": brain.modified.ISO8601(),
        }
        for brain in agenda.agenda_brains(meeting)
    ]


class AgendaGet(Service):
    def reply(self):
        return {
            "@id": f"{self.context.absolute_url()}/@agenda",
            "items": agenda_items(self.context),
        }


class AgendaPatch(Service):
    def reply(self):
        try:
            data = json_body(self.request)
        except Exception:
            data = None
        order = data.get("order") if isinstance(data, dict) else None
        try:
            agenda.reorder(self.context, order)
        except agenda.AgendaError as exc:
            self.request.response.setStatus(400)
            return {"type": "BadRequest", "message": str(exc)}
        return self.reply_no_content()
