"""Recording a step: a form with only that step's fields, back to the file afterwards."""

from communesplone.urban.content.event import EVENT_TYPES
from datetime import date
from plone.dexterity.browser.add import DefaultAddForm
from plone.dexterity.browser.add import DefaultAddView


COMMON = ("event_type", "date", "comment")
FIELDS_OF = {
    "incomplete": ("missing_documents",),
    "acknowledgement": ("publicity", "opinions_requested", "fd_opinion_required"),
    "announcement": ("start", "place", "claims", "claimants"),
    "inquiry": ("start", "place", "claims", "claimants"),
    "opinion_request": ("body",),
    "opinion": ("body", "opinion"),
    "fd_opinion": ("opinion",),
    "decision": ("outcome",),
}


class EventAddForm(DefaultAddForm):
    # A POST without the CSRF token is refused (403), not silently dropped.
    enableCSRFProtection = True

    def chosen_type(self) -> str | None:
        submitted = self.request.form.get("form.widgets.event_type")
        if isinstance(submitted, list | tuple):
            submitted = submitted[0] if submitted else None
        kind = submitted or self.request.form.get("event_type")
        return kind if kind in EVENT_TYPES else None

    def updateFields(self):
        super().updateFields()
        kind = self.chosen_type()
        if kind is None:
            return
        keep = set(COMMON) | set(FIELDS_OF.get(kind, ()))
        self.fields = self.fields.select(*[name for name in self.fields if name in keep])
        self.groups = []

    def updateWidgets(self, prefix=None):
        super().updateWidgets(prefix)
        if "form.widgets.event_type" in self.request.form:
            return  # submitted: the widgets hold what was sent
        kind = self.chosen_type()
        if kind:
            self.widgets["event_type"].value = [kind]
        self.widgets["date"].value = date.today().isoformat()

    def nextURL(self):
        return self.context.absolute_url()


class EventAddView(DefaultAddView):
    form = EventAddForm
