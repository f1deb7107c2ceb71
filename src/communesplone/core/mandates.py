"""Membership of the `college` and `council` groups follows the mandates in force.

Both groups are computed, never edited by hand: any change to a mandate, or to the user
linked to a person, recomputes them from one catalog query. Mandates that begin or end
on a later day take effect when `sync_assembly_groups` runs that day (see the CLI).
"""

from communesplone.core import groups
from datetime import date
from plone import api
from plone.base.interfaces import IPloneSiteRoot


ASSEMBLY_GROUPS = {"college": "college", "council": "council"}


def mandates_in_force(on: date | None = None, **query):
    on = on or date.today()
    return api.content.find(
        portal_type="Mandate",
        mandate_start={"query": on, "range": "max"},
        mandate_end={"query": on, "range": "min"},
        **query,
    )


def wanted_assembly_members(on: date | None = None) -> dict[str, set[str]]:
    wanted = {group_id: set() for group_id in ASSEMBLY_GROUPS.values()}
    for brain in mandates_in_force(on, mandate_body=list(ASSEMBLY_GROUPS)):
        if brain.mandate_userid:
            wanted[ASSEMBLY_GROUPS[brain.mandate_body]].add(brain.mandate_userid)
    return wanted


def sync_assembly_groups(on: date | None = None) -> dict[str, set[str]]:
    wanted = wanted_assembly_members(on)
    for group_id, userids in wanted.items():
        if api.group.get(groupname=group_id) is not None:
            groups.set_members(group_id, userids)
    return wanted


def mandate_changed(obj, event):
    if IPloneSiteRoot.providedBy(getattr(event, "object", None)):
        return  # the whole site is being deleted
    sync_assembly_groups()
