"""« Mes actions du PST » on « Mon tableau de bord »: the open actions the user updates."""

from communesplone.pst import listing
from communesplone.pst.browser.dashboard import PSTDashboard
from datetime import date
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


SHOWN = 8
OPEN_STATES = ("created", "to_be_scheduled", "ongoing")


class MyActionsViewlet(ViewletBase):
    """The user's open actions of the latest plan they may read, late ones first."""

    order = 40
    index = ViewPageTemplateFile("templates/home_actions.pt")

    def update(self):
        super().update()
        self.rows, self.total, self.plan_url = [], 0, None
        plans = api.content.find(
            portal_type="StrategicPlan", sort_on="created", sort_order="descending"
        )
        if not plans:
            return
        plan = plans[0].getObject()
        mine = PSTDashboard(plan, self.request).brains("mine")
        rows = [row for row in listing.rows(mine) if row["state"] in OPEN_STATES]
        rows.sort(key=lambda row: (not row["late"], row["planned_end"] or date.max))
        self.total = len(rows)
        self.rows = rows[:SHOWN]
        self.plan_url = plan.absolute_url()

    @property
    def available(self):
        return bool(self.rows)
