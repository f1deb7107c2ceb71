"""`@advices` of an item: the advices asked and given; a service gives its advice."""

from communesplone.core.services.base import JsonService
from communesplone.meetings import advices
from plone.restapi.services import Service


class AdvicesGet(Service):
    def reply(self):
        return {
            "@id": f"{self.context.absolute_url()}/@advices",
            "items": advices.rows(self.context),
        }


class AdvicesPost(JsonService):
    """{"service": code, "type": favorable|favorable_remarks|unfavorable, "comment"}."""

    def reply(self):
        data = self.json_object()  # `give` checks who may
        if data is None:
            return self.refuse("Corps JSON attendu : service, type, comment.")
        try:
            given = advices.give(
                self.context,
                str(data.get("service") or ""),
                str(data.get("type") or ""),
                str(data.get("comment") or ""),
            )
        except advices.AdviceError as exc:
            return self.refuse(str(exc))
        return given
