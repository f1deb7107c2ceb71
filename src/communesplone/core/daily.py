"""Daily tasks of a commune site, run once a day by `communesplone sites daily --all`.

A module adds its own (reminders, deadlines…) by registering a named utility that
provides IDailyTask; the core's is the membership of the assembly groups, since a
mandate can begin or end on any day.
"""

from zope.component import getUtilitiesFor
from zope.interface import implementer
from zope.interface import Interface


class IDailyTask(Interface):
    def __call__(site) -> str:
        """Do the day's work on the current site; return one line for the log."""


@implementer(IDailyTask)
class SyncAssemblyGroups:
    def __call__(self, site):
        from communesplone.core.mandates import sync_assembly_groups

        wanted = sync_assembly_groups()
        return ", ".join(f"{group}: {len(members)}" for group, members in sorted(wanted.items()))


def run_daily_tasks(site) -> dict[str, str]:
    return {name: task(site) for name, task in sorted(getUtilitiesFor(IDailyTask))}
