"""Upgrade steps of the meetings profile, run by `communesplone sites upgrade`."""

from communesplone.core import documents
from communesplone.meetings.documents import MEETING_TEMPLATES
from plone import api


PROFILE = "profile-communesplone.meetings:default"


def _index_items(*names):
    """Import the catalog's new indexes and fill them for the items that exist."""
    api.portal.get_tool("portal_setup").runImportStepFromProfile(PROFILE, "catalog")
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="MeetingItem"):
        # With the indexes named, the catalog refreshes the item's metadata as well.
        brain._unrestrictedGetObject().reindexObject(idxs=list(names))


def add_preferred_meeting_index(context):
    _index_items("preferred_meeting")


def install_minutes_templates(context):
    """The minutes' documents (procès-verbal, délibération, présences); edited ones stay."""
    documents.install_templates(MEETING_TEMPLATES)


def refresh_item_security(context=None):
    """New roles in the items' workflow: import roles and workflow, remap every item."""
    setup = api.portal.get_tool("portal_setup")
    for step in ("rolemap", "workflow"):
        setup.runImportStepFromProfile(PROFILE, step)
    workflow = api.portal.get_tool("portal_workflow")["communesplone_item_workflow"]
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="MeetingItem"):
        item = brain._unrestrictedGetObject()
        workflow.updateRoleMappingsFor(item)
        item.reindexObjectSecurity()


def seal_closed_meetings(context):
    """Decided items are edited through the DecisionEditor role; closed meetings' items
    are sealed (read-only)."""
    from communesplone.meetings import closing

    refresh_item_security()
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Meeting", review_state="closed"):
        closing.seal(brain._unrestrictedGetObject())


def add_follow_up_indexes(context):
    """The decisions to execute are listed from the catalog: index what items already say."""
    from communesplone.meetings.followup import FOLLOW_UP_INDEXES

    _index_items(*FOLLOW_UP_INDEXES)


def add_advices_index(context):
    """« Avis à donner » lists come from the catalog: index the advices not given yet."""
    _index_items("advices_pending")


def import_actions(context):
    """« Nouveau point », « Statistiques de présence » and « Suivi des décisions » links."""
    context.runImportStepFromProfile(PROFILE, "actions")
