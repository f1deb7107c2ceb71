"""Upgrade steps of the meetings profile, run by `communesplone sites upgrade`."""

from plone import api


def add_preferred_meeting_index(context):
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile("profile-communesplone.meetings:default", "catalog")
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="MeetingItem"):
        # With the index named, the catalog refreshes the item's metadata as well.
        brain._unrestrictedGetObject().reindexObject(idxs=["preferred_meeting"])
