"""The meetings module's document templates and what they may ask of a meeting."""

from collective.documentgenerator.helper import DXDocumentGenerationHelperView
from communesplone.core.documents import today_text
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
)


class MeetingDocumentHelper(DXDocumentGenerationHelperView):
    """`view` in meeting templates: the agenda as the reader may see it, never more."""

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
