"""Upgrade steps of the PST profile, run by `communesplone sites upgrade`."""

from plone import api


PROFILE = "profile-communesplone.pst:default"


def add_evaluations_and_publication(context):
    """Evaluations, the published state, the public-page and reminder settings.

    The new metadata (`pst_public`) is filled by reindexing one index of each node:
    naming an index refreshes the metadata too.
    """
    from communesplone.core import documents
    from communesplone.pst.documents import PST_TEMPLATES
    from communesplone.pst.listing import NODE_TYPES

    setup = api.portal.get_tool("portal_setup")
    for step in ("rolemap", "typeinfo", "workflow", "catalog"):
        setup.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
    documents.install_templates(PST_TEMPLATES)
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type=list(NODE_TYPES)):
        brain._unrestrictedGetObject().reindexObject(idxs=["pst_reference"])
