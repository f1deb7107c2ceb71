"""The daily pass over open PST actions nobody has updated for the plan's `reminder_days`.

"Last update" is the catalog's `modified`: an edit or a « Mettre à jour » bumps it, the
roll-up of the tree does not (it reindexes named indexes only). Per plan, one unrestricted
catalog query finds the stale actions and sub-actions; their metadata says who would be
told and when they were reminded, so only those that get a message are woken up.

`stale_reminded_on` holds the day of the last reminder: once per period, again only when a
full period passed since without an update. Writing it reindexes named indexes only, so
`modified` stays the date of the last real update. The messages leave at commit (core
notifications): an aborted or retried transaction sends nothing twice.
"""

from communesplone.core.daily import IDailyTask
from communesplone.core.notifications import GroupMembers
from communesplone.pst import notifications
from communesplone.pst.listing import ACTION_TYPES
from dataclasses import dataclass
from DateTime import DateTime
from datetime import date
from datetime import timedelta
from plone import api
from zope.interface import implementer


OPEN_STATES = ("created", "to_be_scheduled", "ongoing")
DEFAULT_DAYS = 90  # what the dashboard's list uses when the plan sends no reminder


@dataclass
class PassResult:
    reminders: int = 0

    def summary(self) -> str:
        return f"{self.reminders} rappel(s)"


def last_update(brain) -> date:
    """The day of the node's last update, from the catalog (local time)."""
    return date.fromtimestamp(brain.modified.timeTime())


def stale_query(days: int, today: date | None = None) -> dict:
    """Catalog criteria of the open actions and sub-actions not updated for `days` days.

    Stale when the last update is on or before today − days; the modified index counts in
    minutes, so the bound is the last minute of that day.
    """
    today = today or date.today()
    first_fresh = today - timedelta(days=days - 1)
    bound = DateTime(first_fresh.year, first_fresh.month, first_fresh.day) - 1 / 1440
    return {
        "portal_type": list(ACTION_TYPES),
        "review_state": list(OPEN_STATES),
        "modified": {"query": bound, "range": "max"},
    }


class _Recipients:
    """Who is reminded of an action; each group is looked up once for the whole pass."""

    def __init__(self):
        self.group = GroupMembers()

    def of(self, brain) -> set[str]:
        """The agent in charge, else the managers of the managing services."""
        if brain.pst_agent:
            return {brain.pst_agent}
        userids = set()
        for code in brain.pst_services or ():
            userids |= self.group(f"{code}_managers")
        return userids


def is_due(brain, today: date, days: int) -> bool:
    """Never reminded, or reminded a full period ago.

    An update after the reminder needs no test of its own: the node is stale again only
    `days` after that update, hence more than `days` after the reminder.
    """
    reminded = brain.pst_stale_reminded
    return not reminded or (today - reminded).days >= days


def plans():
    """The plans that send reminders, with their period: not in preparation, not 0 days."""
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="StrategicPlan"):
        if brain.review_state == "draft":
            continue
        plan = brain._unrestrictedGetObject()
        if plan.reminder_days:
            yield plan, plan.reminder_days


def run(today: date | None = None) -> PassResult:
    """Send today's reminders of the current site; return the counts."""
    today = today or date.today()
    catalog = api.portal.get_tool("portal_catalog")
    recipients = _Recipients()
    result = PassResult()
    for plan, days in plans():
        query = stale_query(days, today)
        query["path"] = "/".join(plan.getPhysicalPath())
        for brain in catalog.unrestrictedSearchResults(**query):
            if not is_due(brain, today, days):
                continue
            userids = recipients.of(brain)
            if not userids:
                continue
            updated = last_update(brain)
            node = brain._unrestrictedGetObject()
            notifications.stale_action(node, userids, updated, (today - updated).days)
            node.stale_reminded_on = today
            # Naming an index refreshes the metadata without touching `modified`.
            node.reindexObject(idxs=["pst_agent"])
            result.reminders += 1
    return result


@implementer(IDailyTask)
class StaleActionReminders:
    """The PST's share of `communesplone sites daily`."""

    def __call__(self, site):
        return run().summary()
