"""A person's page: contact details and mandates, current first."""

from communesplone.core.content.directory import BODY_TITLES
from datetime import date
from plone import api
from Products.Five.browser import BrowserView


class PersonView(BrowserView):
    def mandates(self):
        """One catalog query for the person's mandates, in force first, then past."""
        today = date.today()
        rows = []
        for brain in api.content.find(
            context=self.context, portal_type="Mandate", depth=1, sort_on="mandate_start"
        ):
            # Metadata keep the indexers' values: dates, the open end being OPEN_END.
            start, end = brain.mandate_start, brain.mandate_end
            in_force = bool(start and start <= today and (end is None or end >= today))
            rows.append(
                {
                    "title": brain.Title,
                    "url": brain.getURL(),
                    "body": BODY_TITLES.get(brain.mandate_body, brain.mandate_body),
                    "in_force": in_force,
                }
            )
        return sorted(rows, key=lambda row: not row["in_force"])

    def can_add_mandate(self):
        return api.user.has_permission("Add portal content", obj=self.context)
