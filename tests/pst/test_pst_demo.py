"""The demo commune's PST: a published plan whose tree, roll-ups and dashboards have content."""

from communesplone.core.mandates import mandates_in_force
from communesplone.pst.listing import is_late
from communesplone.pst.listing import is_late_start
from communesplone.pst.tree import walk
from plone import api
from plone.app.testing import login
from plone.app.testing import logout

import pytest


@pytest.fixture
def valmont(tenants):
    from communesplone.core.tenants.sites import on_site

    with on_site(tenants["app"]["valmont"]) as site:
        login(site, "admin")  # the commune's administrator sees every node
        try:
            yield site
        finally:
            logout()


@pytest.fixture
def plan(valmont):
    plans = valmont["pst"].objectValues()
    assert len(plans) == 1
    return plans[0]


def nodes(plan, portal_type):
    return [node for node, _numbers in walk(plan) if node.portal_type == portal_type]


def brains(plan, **query):
    return api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        path="/".join(plan.getPhysicalPath()), **query
    )


def test_the_plan_is_published_with_its_five_objectives(plan):
    assert plan.title == "Programme stratégique transversal 2024-2030"
    assert (plan.legislature_start, plan.legislature_end, plan.entity) == (2024, 2030, "commune")
    assert plan.college_adoption.year == 2025 <= plan.council_acknowledgement.year
    assert plan.college_adoption <= plan.council_acknowledgement
    assert api.content.get_state(plan) == "published"
    (evaluation,) = [obj for obj in plan.objectValues() if obj.portal_type == "PSTEvaluation"]
    assert evaluation.evaluation_type == "yearly" and evaluation.synergies
    assert len(evaluation.figures) == len(list(walk(plan)))
    strategic = nodes(plan, "StrategicObjective")
    assert [node.reference for node in strategic] == [f"OS.{n}" for n in range(1, 6)]
    assert len(nodes(plan, "OperationalObjective")) == 14
    assert 40 <= len(nodes(plan, "Action")) <= 50
    assert len(nodes(plan, "SubAction")) >= 5
    # The volet interne has its own objective.
    assert {node.volet for node in strategic} == {"internal", "external"}


def test_references_follow_the_tree(plan):
    for node, numbers in walk(plan):
        prefix = {
            "StrategicObjective": "OS",
            "OperationalObjective": "OO",
            "Action": "A",
            "SubAction": "SA",
        }[node.portal_type]
        assert node.reference == f"{prefix}.{'.'.join(map(str, numbers))}"
    # The catalog has them too (the dashboards read them there).
    catalogued = {b.pst_reference for b in brains(plan, portal_type="OperationalObjective")}
    assert {"OO.1.1", "OO.5.3"} <= catalogued


def test_fields_come_from_the_commune(plan):
    """Échevins with a college mandate, the profile's services, categories of the plan."""
    college = {
        brain.getObject().__parent__.UID() for brain in mandates_in_force(mandate_body="college")
    }
    services = {brain.service_code for brain in api.content.find(portal_type="Service")}
    for node, _numbers in walk(plan):
        assert node.responsible_alderman in college
        assert set(node.managing_services) <= services
        assert set(node.categories) <= set(plan.categories)
        if node.portal_type in ("Action", "SubAction"):
            assert node.managing_services
    aldermen = {node.responsible_alderman for node, _n in walk(plan)}
    assert len(aldermen) >= 5


def test_progress_and_budgets_are_rolled_up(plan):
    budget = plan.budget
    assert budget["planned"] > 0 and 0 < budget["spent"] < budget["planned"]
    assert len(budget["by_year"]) >= 3
    assert {"wallonia", "commune", "europe", "fwb"} <= set(budget["by_source"])
    assert 0 < plan.progress < 100
    for node in nodes(plan, "StrategicObjective"):
        assert 0 < node.progress < 100 and node.progress_source == "children"
    # Each action is counted once in the plan, whichever objectives it serves.
    actions = nodes(plan, "Action")
    assert sum(action.budget["planned"] for action in actions) == pytest.approx(
        budget["planned"], abs=1
    )
    sources = {action.progress_source for action in actions}
    assert {"entered", "indicators", "children", "override"} <= sources
    (overridden,) = [node for node, _n in walk(plan) if node.progress_source == "override"]
    assert overridden.progress == overridden.progress_override != overridden.progress_computed
    assert overridden.progress_override_reason.strip()
    measured = [action for action in actions if action.measurements]
    assert len(measured) >= 5
    assert all(0 < action.progress <= 100 for action in measured)


def test_states_healths_and_late_actions(plan):
    actions = brains(plan, portal_type=["Action", "SubAction"])
    assert {b.review_state for b in actions} == {
        "created",
        "to_be_scheduled",
        "ongoing",
        "terminated",
        "stopped",
        "abandoned",
    }
    assert {b.pst_health for b in actions} == {"good", "at_risk", "blocked", "paused"}
    late = [b for b in actions if is_late(b)]
    assert 3 <= len(late) <= 10
    assert all(b.review_state == "ongoing" for b in late)
    assert any(is_late_start(b) for b in actions)
    for brain in actions:
        action = brain.getObject()
        if brain.review_state == "terminated":
            assert action.effective_end and action.progress == 100
        if action.health != "good":
            assert action.health_comment
    objectives = brains(plan, portal_type=["StrategicObjective", "OperationalObjective"])
    assert {b.review_state for b in objectives} == {"created", "ongoing"}


def test_one_action_serves_two_objectives(plan):
    (action,) = [node for node in nodes(plan, "Action") if node.transversal]
    (row,) = action.transversal
    assert (action.own_share, row["share"]) == (60, 40)
    other = api.content.get(UID=row["objective"])
    assert other.portal_type == "OperationalObjective" and other is not action.__parent__
    # The other objective counts 40 % of the action's budget.
    served = brains(plan, pst_serves=row["objective"])
    assert [b.UID for b in served] == [action.UID()]
    own = sum(line["planned"] for line in action.budget_lines)
    others = sum(child.budget["planned"] for child in other.objectValues() if child is not action)
    assert other.budget["planned"] == pytest.approx(others + own * 0.4, abs=1)


def test_demo_users_have_actions_to_update(plan):
    for userid in ("agent.travaux", "chef.travaux", "agent.urbanisme", "agent.finances"):
        assert brains(plan, portal_type="Action", pst_agent=userid), userid
    mine = brains(plan, portal_type=["Action", "SubAction"], pst_agent="agent.travaux")
    assert len(mine) >= 8
    action = mine[0].getObject()
    assert "PSTEditor" in api.user.get_roles(username="agent.travaux", obj=action)
    # Through the Travaux service, the head of service edits them too.
    assert "PSTEditor" in api.user.get_roles(username="chef.travaux", obj=action)


def test_no_demo_pst_in_a_real_commune(tenants):
    from communesplone.core.tenants.sites import on_site

    with on_site(tenants["app"]["autreville"]) as site:
        assert site["pst"].objectIds() == []
