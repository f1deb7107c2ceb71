"""Recording a step goes back to the file, where its deadlines show the consequence."""

from plone.dexterity.browser.add import DefaultAddForm
from plone.dexterity.browser.add import DefaultAddView


class EventAddForm(DefaultAddForm):
    def nextURL(self):
        return self.context.absolute_url()


class EventAddView(DefaultAddView):
    form = EventAddForm
