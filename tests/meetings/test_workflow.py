"""Items and meetings: who sees, edits and moves what, in every state."""

from plone import api

import pytest


def can(userid, permission, obj, world):
    world.login(userid)
    return api.user.has_permission(permission, obj=obj)


def transitions(userid, obj, world):
    world.login(userid)
    workflow = api.portal.get_tool("portal_workflow")
    return sorted(t["id"] for t in workflow.getTransitionsFor(obj))


ITEM_MATRIX = {
    # state: {user: (view, edit, transitions)}
    "draft": {
        "agent": (True, True, ["propose"]),
        "chef": (True, True, ["propose", "validate"]),
        "observer": (True, False, []),
        "directeur": (True, True, ["propose", "validate"]),
        "other_agent": (False, False, []),
        "clerk": (False, False, []),
        "echevin": (False, False, []),
        "councillor": (False, False, []),
        "member": (False, False, []),
    },
    "proposed": {
        "agent": (True, False, []),
        "chef": (True, True, ["send_back", "validate"]),
        "observer": (True, False, []),
        "other_agent": (False, False, []),
        "clerk": (False, False, []),
        "echevin": (False, False, []),
        "member": (False, False, []),
    },
    "validated": {
        "agent": (True, False, []),
        "chef": (True, False, ["send_back"]),
        "clerk": (True, True, ["present", "send_back"]),
        "echevin": (False, False, []),
        "councillor": (False, False, []),
        "other_agent": (False, False, []),
    },
    "presented": {
        "agent": (True, False, []),
        "clerk": (True, True, ["freeze", "unpresent"]),
        "echevin": (False, False, []),
        "councillor": (False, False, []),
    },
    "frozen": {
        "agent": (True, False, []),
        "observer": (True, False, []),
        "clerk": (True, True, []),  # decisions wait for the session
        "echevin": (True, False, []),
        "councillor": (False, False, []),
        "other_agent": (False, False, []),
        "member": (False, False, []),
    },
}


def item_in_state(world, state):
    item = world.validated_item() if state != "draft" else None
    if state == "draft":
        world.login("agent")
        return world.add_item()
    if state == "proposed":
        world.login("agent")
        item = world.add_item()
        world.transition(item, "propose")
        return item
    if state in ("presented", "frozen"):
        world.login("clerk")
        world.transition(item, "present")
        if state == "frozen":
            world.transition(world.meeting, "freeze")
    return item


@pytest.mark.parametrize("state", list(ITEM_MATRIX))
def test_item_permission_matrix(world, state):
    item = item_in_state(world, state)
    assert api.content.get_state(item) == state
    for userid, (view, edit, moves) in ITEM_MATRIX[state].items():
        assert can(userid, "View", item, world) is view, (state, userid, "view")
        assert can(userid, "Modify portal content", item, world) is edit, (state, userid, "edit")
        assert transitions(userid, item, world) == moves, (state, userid, "transitions")


def test_decisions_need_a_session(world):
    item = item_in_state(world, "frozen")
    assert "accept" not in transitions("clerk", item, world)
    world.transition(world.meeting, "start_session")
    assert transitions("clerk", item, world) == [
        "accept",
        "accept_amended",
        "postpone",
        "refuse",
        "withdraw",
    ]
    world.transition(item, "accept_amended")
    assert api.content.get_state(item) == "accepted_amended"
    assert transitions("clerk", item, world) == ["back_to_frozen"]
    assert can("echevin", "View", item, world) is True
    assert can("councillor", "View", item, world) is False


MEETING_MATRIX = {
    "created": {
        "clerk": (True, True, ["freeze"]),
        "echevin": (False, False, []),
        "councillor": (False, False, []),
        "agent": (False, False, []),
        "member": (False, False, []),
    },
    "frozen": {
        "clerk": (True, True, ["back_to_created", "start_session"]),
        "echevin": (True, False, []),
        "councillor": (False, False, []),
        "agent": (False, False, []),
    },
    "in_session": {
        "clerk": (True, True, ["back_to_frozen", "decide"]),
        "echevin": (True, False, []),
    },
    "decided": {
        "clerk": (True, True, ["back_to_in_session", "close"]),
        "echevin": (True, False, []),
    },
    "closed": {"clerk": (True, False, []), "echevin": (True, False, [])},
}


@pytest.mark.office
def test_meeting_permission_matrix(world, office_ready):
    path = ["freeze", "start_session", "decide", "close"]
    for step, state in enumerate(MEETING_MATRIX):
        if step:
            world.login("clerk")
            world.transition(world.meeting, path[step - 1])
        assert api.content.get_state(world.meeting) == state
        for userid, (view, edit, moves) in MEETING_MATRIX[state].items():
            assert can(userid, "View", world.meeting, world) is view, (state, userid)
            assert can(userid, "Modify portal content", world.meeting, world) is edit, (
                state,
                userid,
            )
            assert transitions(userid, world.meeting, world) == moves, (state, userid)
            agenda = can(userid, "communesplone.meetings: Manage agenda", world.meeting, world)
            assert agenda is (userid == "clerk" and state in ("created", "frozen", "in_session"))


def test_only_service_people_and_clerks_add_items_and_meetings(world):
    for userid, allowed in (
        ("agent", True),
        ("chef", True),
        ("clerk", True),
        ("echevin", False),
        ("member", False),
        ("observer", False),
    ):
        assert can(userid, "communesplone.meetings: Add item", world.college, world) is allowed, (
            userid
        )
    assert can("clerk", "communesplone.meetings: Add meeting", world.college, world)
    assert not can("agent", "communesplone.meetings: Add meeting", world.college, world)


def test_send_back_needs_a_comment(world):
    from Products.CMFCore.WorkflowCore import WorkflowException

    world.login("agent")
    item = world.add_item()
    world.transition(item, "propose")
    world.login("chef")
    with pytest.raises(WorkflowException, match="pourquoi"):
        world.transition(item, "send_back")
    assert api.content.get_state(item) == "proposed"
    world.transition(item, "send_back", comment="Joindre le devis.")
    assert api.content.get_state(item) == "draft"


def test_the_zope_root_manager_sends_an_item_back(world):
    """The guard asks the roles of the user itself: the Zope root's « admin » is not the
    site's « admin » (a Site Administrator), whose roles a lookup by name found."""
    from plone.app.testing import login
    from plone.app.testing import SITE_OWNER_NAME

    world.login("agent")
    item = world.add_item()
    world.transition(item, "propose")
    login(world.portal.aq_parent, SITE_OWNER_NAME)
    assert item.may_send_back()
    world.transition(item, "send_back", comment="Joindre le devis.")
    assert api.content.get_state(item) == "draft"


def test_the_default_service_is_stored_for_the_creator_not_the_reader(world):
    """Left to the field's default, the service (and so the roles) followed the reader."""
    from plone.dexterity.utils import createContentInContainer

    world.login("agent")
    item = createContentInContainer(world.college, "MeetingItem", title="Sans service donné")
    assert item.stored_service == "travaux"
    world.login("other_agent")
    assert item.proposing_service == "travaux"
    assert not api.user.has_permission("View", obj=item)
    world.login("clerk")
    assert item.proposing_service == "travaux"


def test_assemblies_name_where_decided_items_go(world):
    from zope.component import getUtility
    from zope.schema.interfaces import IVocabularyFactory

    factory = getUtility(IVocabularyFactory, "communesplone.meetings.OtherAssemblies")
    assert [(t.value, t.title) for t in factory(world.college)] == [("conseil", "Conseil communal")]
    assert [t.value for t in factory(world.council)] == ["college"]
