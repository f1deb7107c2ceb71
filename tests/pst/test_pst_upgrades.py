"""A site made before PST II gets evaluations, the published state, the public flag of its
nodes and the evaluation report on upgrade."""

from communesplone.core import documents
from plone import api
from plone.dexterity.utils import createContentInContainer


PROFILE = "communesplone.pst:default"


def test_pst_ii_upgrade(pst):
    action = pst.action(pst.operational(pst.objective()))
    catalog = api.portal.get_tool("portal_catalog")
    setup = api.portal.get_tool("portal_setup")
    types = api.portal.get_tool("portal_types")
    workflow = api.portal.get_tool("portal_workflow")["communesplone_pst_plan_workflow"]
    with api.env.adopt_roles(["Manager"]):
        types.manage_delObjects(["PSTEvaluation"])
        api.content.delete(documents.templates_folder()["pst-evaluation"])
        workflow.states.deleteStates(["published"])
        workflow.transitions.deleteTransitions(["publish", "unpublish"])
        catalog.delColumn("pst_public")
        setup.setLastVersionForProfile(PROFILE, "20261128001")

        setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == (setup.getVersionForProfile(PROFILE),)
    assert "PSTEvaluation" in types.objectIds()
    assert "pst-evaluation" in documents.templates_folder().objectIds()
    assert "published" in workflow.states.objectIds()
    (brain,) = catalog.unrestrictedSearchResults(UID=action.UID())
    assert brain.pst_public is True
    assert api.user.has_permission("communesplone.pst: Add evaluation", obj=pst.plan)
    api.content.transition(pst.plan, "adopt")
    api.content.transition(pst.plan, "publish")
    assert api.content.get_state(pst.plan) == "published"
    evaluation = createContentInContainer(pst.plan, "PSTEvaluation")
    assert [row["uid"] for row in evaluation.figures][-1] == action.UID()
