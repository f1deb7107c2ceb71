"""Who may read and change the PST, role by role and state by state (DESIGN §7)."""

from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from pstworld import budget
from zope.annotation.interfaces import IAnnotations
from zope.i18n import translate
from zope.interface import Invalid

import pytest


ACTION_STATES = ("created", "to_be_scheduled", "ongoing", "terminated", "stopped", "abandoned")
# Who may change an action, by state: its services' agents and heads while it is open;
# the PST managers always; nobody else.
EDITORS_BY_STATE = {
    "created": {"pst_manager", "agent_travaux", "chef_travaux"},
    "to_be_scheduled": {"pst_manager", "agent_travaux", "chef_travaux"},
    "ongoing": {"pst_manager", "agent_travaux", "chef_travaux"},
    "terminated": {"pst_manager"},
    "stopped": {"pst_manager"},
    "abandoned": {"pst_manager"},
}
EVERYONE = (
    "pst_manager",
    "agent_travaux",
    "chef_travaux",
    "observer_travaux",
    "agent_finances",
    "echevin",
    "conseiller",
    "member",
)


def tree(world):
    os1 = world.objective()
    oo = world.operational(os1)
    action = world.action(oo, managing_services=["travaux"], budget_lines=[budget(2025, 100)])
    return os1, oo, action


def may(userid, permission, obj):
    """Asked afresh: borg.localrole keeps its answers for the request."""
    annotations = IAnnotations(obj.REQUEST)
    for key in [key for key in annotations if str(key).startswith("borg.localrole")]:
        del annotations[key]
    login(api.portal.get(), userid)
    return bool(api.user.has_permission(permission, obj=obj))


def found(userid, obj):
    login(api.portal.get(), userid)
    return bool(api.content.find(UID=obj.UID()))


@pytest.mark.parametrize("state", ACTION_STATES)
def test_action_role_by_state(pst, state):
    _os1, _oo, action = tree(pst)
    from communesplone.core.workflow import set_state

    set_state(action, state)
    for userid in EVERYONE:
        expected = userid in EDITORS_BY_STATE[state]
        assert may(userid, "Modify portal content", action) is expected, (userid, state)


def test_draft_plan_is_read_by_its_makers_only(pst):
    _os1, _oo, action = tree(pst)
    readers = {"pst_manager", "agent_travaux", "chef_travaux", "observer_travaux", "echevin"}
    for userid in EVERYONE:
        assert may(userid, "View", action) is (userid in readers), userid
        assert found(userid, action) is (userid in readers), userid
    logout()
    assert not api.user.has_permission("View", obj=action)


def test_adopted_plan_is_read_by_all_staff_not_anonymous(pst):
    _os1, oo, action = tree(pst)
    api.content.transition(obj=pst.plan, transition="adopt")
    for userid in EVERYONE:
        assert may(userid, "View", action), userid
        assert found(userid, oo), userid
    logout()
    assert not api.user.has_permission("View", obj=action)
    assert not api.content.find(UID=action.UID())


def test_objectives_are_changed_by_pst_managers_only(pst):
    os1, oo, _action = tree(pst)
    for userid in EVERYONE:
        expected = userid == "pst_manager"
        assert may(userid, "Modify portal content", oo) is expected, userid
        assert may(userid, "communesplone.pst: Add action", oo) is expected, userid
    login(api.portal.get(), "pst_manager")
    api.content.transition(obj=os1, transition="start")
    api.content.transition(obj=os1, transition="achieve")
    assert api.content.get_state(os1) == "achieved"
    login(api.portal.get(), "agent_travaux")
    with pytest.raises(api.exc.InvalidParameterError):
        api.content.transition(obj=oo, transition="start")


def test_agents_move_their_actions_but_do_not_abandon_them(pst):
    _os1, _oo, action = tree(pst)
    login(api.portal.get(), "agent_travaux")
    api.content.transition(obj=action, transition="schedule")
    api.content.transition(obj=action, transition="start")
    assert api.content.get_state(action) == "ongoing"
    with pytest.raises(api.exc.InvalidParameterError):
        api.content.transition(obj=action, transition="abandon")
    api.content.transition(obj=action, transition="terminate")
    with pytest.raises(api.exc.InvalidParameterError):
        api.content.transition(obj=action, transition="back_to_ongoing")
    login(api.portal.get(), "pst_manager")
    api.content.transition(obj=action, transition="back_to_ongoing")
    assert api.content.get_state(action) == "ongoing"


def test_changing_the_services_changes_who_edits(pst):
    _os1, _oo, action = tree(pst)
    assert not may("agent_finances", "Modify portal content", action)
    login(api.portal.get(), "pst_manager")
    action.managing_services = ["finances"]
    from zope.event import notify
    from zope.lifecycleevent import ObjectModifiedEvent

    notify(ObjectModifiedEvent(action))
    assert may("agent_finances", "Modify portal content", action)
    assert not may("agent_travaux", "Modify portal content", action)
    # The catalog follows: only the plan's makers and finances find the draft action.
    assert found("agent_finances", action)
    assert not found("agent_travaux", action)


def test_agent_in_charge_edits_even_outside_the_services(pst):
    _os1, _oo, action = tree(pst)
    login(api.portal.get(), "pst_manager")
    action.agent = "agent_finances"
    from zope.event import notify
    from zope.lifecycleevent import ObjectModifiedEvent

    notify(ObjectModifiedEvent(action))
    assert may("agent_finances", "Modify portal content", action)


def test_sub_actions_follow_their_action_and_agents_add_them(pst):
    _os1, _oo, action = tree(pst)
    assert may("agent_travaux", "communesplone.pst: Add sub-action", action)
    assert not may("agent_finances", "communesplone.pst: Add sub-action", action)
    login(api.portal.get(), "agent_travaux")
    sub = pst.sub_action(action)
    assert sub.reference == "SA.1.1.1.1"
    assert may("agent_travaux", "Modify portal content", sub)
    assert not may("agent_finances", "View", sub)


def test_override_needs_a_reason_and_shares_total_100():
    from communesplone.pst.content.node import IAction
    from communesplone.pst.content.node import INode

    class Data:
        progress_override = 40
        progress_override_reason = " "

    with pytest.raises(Invalid, match="justifié"):
        INode.getTaggedValue("invariants")[0](Data())

    class Shares:
        own_share = 60
        transversal = [{"objective": "a", "share": 30}]

    shares_check = IAction.getTaggedValue("invariants")[-1]
    with pytest.raises(Invalid) as refused:
        shares_check(Shares())
    assert "font 90 % au lieu de 100 % (objectif parent : 60 %" in translate(
        refused.value.args[0], target_language="fr"
    )
    Shares.transversal = [{"objective": "a", "share": 40}]
    shares_check(Shares())


def test_the_publication_address_is_a_web_address(pst):
    from communesplone.pst.content.plan import IStrategicPlan
    from zope.schema import ValidationError

    field = IStrategicPlan["publication_url"]
    field.validate("https://www.valmont.be/pst")
    with pytest.raises((Invalid, ValidationError)) as refused:
        field.validate("javascript:alert(1)")
    assert "http:// ou https://" in translate(refused.value.args[0], target_language="fr")
