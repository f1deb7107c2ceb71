"""The meetings module's document templates and what they may ask of a meeting or an item.

The agenda (« Ordre du jour ») and the minutes' documents: « Procès-verbal » and « Liste des
présences » on a meeting, « Délibération » (one decision) on an item. The minutes' documents
print what `communesplone.meetings.minutes` gives the online pages, never more: huis clos
items only for who may read them. The templates are written by
scripts/make_meeting_templates.py.
"""

from collective.documentgenerator.helper import DXDocumentGenerationHelperView
from communesplone.core.documents import today_text
from communesplone.meetings import minutes
from communesplone.meetings.content.item import LIST_TYPES
from communesplone.meetings.services.agenda import agenda_items
from pathlib import Path


TEMPLATES = Path(__file__).parent / "templates"
MEETING_TEMPLATES = (
    (
        "ordre-du-jour",
        "Ordre du jour",
        TEMPLATES / "ordre-du-jour.odt",
        ["odt", "pdf"],
        ["Meeting"],
    ),
    (
        "proces-verbal",
        "Procès-verbal",
        TEMPLATES / "proces-verbal.odt",
        ["odt", "pdf"],
        ["Meeting"],
    ),
    (
        "liste-presences",
        "Liste des présences",
        TEMPLATES / "liste-presences.odt",
        ["odt", "pdf"],
        ["Meeting"],
    ),
    (
        "deliberation",
        "Délibération",
        TEMPLATES / "deliberation.odt",
        ["odt", "pdf"],
        ["MeetingItem"],
        # Only an item presented to a meeting has a deliberation.
        "context.meeting_uid is not None",
    ),
)
# The minutes are the commune's French text, as its letters are (see minutes.py).
STATUS_TITLES = (("present", "Présents"), ("excused", "Excusés"), ("absent", "Absents"))


class MinutesDocumentMixin:
    """`view` in the minutes' templates: the minutes' data and its wording (a meeting's
    minutes, or an item's deliberation).

    A helper is made for one generation: the minutes are read once and kept.
    """

    _minutes = None

    def minutes(self) -> dict:
        if self._minutes is None:
            self._minutes = minutes.minutes_of(
                self.real_context, public=minutes.is_public_version(self.request)
            )
        return self._minutes

    def signatories(self) -> list[dict]:
        return self.minutes()["signatories"]

    def introduction(self) -> str:
        """« Conseil communal, séance du 1er décembre 2026 à 19:30, Salle du Conseil. »"""
        data = self.minutes()
        text = f"{data['assembly']}, séance du {data['date']} à {data['hour']}"
        return f"{text}, {data['place']}." if data["place"] else f"{text}."

    def names(self, status: str) -> str:
        return ", ".join(self.minutes()[status]) or "—"

    def attendance_groups(self) -> list[dict]:
        data = self.minutes()
        return [{"title": title, "names": data[status]} for status, title in STATUS_TITLES]

    def quorum_text(self) -> str:
        quorum = self.minutes()["quorum"]
        reached = "atteint" if quorum["reached"] else "non atteint"
        return (
            f"Quorum {reached} : {quorum['present']} présent(s) sur {quorum['members']} "
            f"membre(s), {quorum['required']} requis."
        )

    def changes_text(self, item: dict) -> str:
        """Who was not there for this item as for the meeting: « Marc Petit (absent) »."""
        return ", ".join(
            f"{change['title']} ({change['status_title']})" for change in item["attendance_changes"]
        )

    def vote_text(self, vote: dict) -> str:
        counts = vote["counts"]
        return (
            f"{vote['label']} : {counts['yes']} oui, {counts['no']} non, "
            f"{counts['abstain']} abstention(s)"
        )


class MeetingDocumentHelper(MinutesDocumentMixin, DXDocumentGenerationHelperView):
    """`view` in meeting templates: the agenda and minutes as the reader may see them."""

    def today(self):
        return today_text()

    def _items(self, privacy):
        rows = [row for row in agenda_items(self.real_context) if row["privacy"] == privacy]
        for row in rows:
            row["late_label"] = f" ({LIST_TYPES['late']})" if row["list_type"] == "late" else ""
        return rows

    def public_items(self):
        return self._items("public")

    def secret_items(self):
        return self._items("secret")

    def when(self):
        meeting = self.real_context
        text = meeting.start.strftime("%d/%m/%Y à %H:%M")
        return f"{text}, {meeting.place}" if meeting.place else text


class ItemDocumentHelper(MinutesDocumentMixin, DXDocumentGenerationHelperView):
    """`view` in item templates: the meeting's minutes reduced to this item's decision."""

    def is_secret(self) -> bool:
        return any(item["secret"] for item in self.minutes()["public_items"])
