"""`@agenda` of a meeting: read it in order, reorder it (meeting managers)."""

from communesplone.core.services.base import JsonService
from communesplone.meetings import agenda
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


class AgendaPatch(JsonService):
    def reply(self):
        data = self.json_object()
        order = data.get("order") if data is not None else None
        try:
            agenda.reorder(self.context, order)
        except agenda.AgendaError as exc:
            return self.refuse(str(exc))
        return self.reply_no_content()
