"""A permit decided by the Collège: the item prepared from the file, the decision back."""

from datetime import date
from datetime import datetime
from datetime import timedelta
from plone import api
from plone.dexterity.utils import createContentInContainer

import pytest


@pytest.fixture
def college(urban):
    from plone.app.testing import TEST_USER_NAME

    api.user.create(email="clerk@example.org", username="clerk", password="password1")
    api.group.add_user(groupname="meeting_managers", username="clerk")
    urban.login(TEST_USER_NAME)  # a Manager since the world was built
    assembly = createContentInContainer(
        urban.portal,
        "Assembly",
        checkConstraints=False,
        id="college",
        title="Collège communal",
        kind="college",
        categories=["Administration générale", "Urbanisme et environnement"],
    )
    urban.login("clerk")
    start = datetime.now().replace(hour=9, minute=0, second=0, microsecond=0)
    meeting = createContentInContainer(assembly, "Meeting", start=start + timedelta(days=3))
    urban.login("agent")
    return {"assembly": assembly, "meeting": meeting}


def permit_in_instruction(urban):
    permit = urban.add_permit("Maison", work_locations=["Rue Haute, 3"])
    urban.add_event(permit, "deposit", date.today() - timedelta(days=20))
    urban.add_event(permit, "acknowledgement", date.today() - timedelta(days=5), publicity="none")
    return permit


def decide(urban, item, meeting, transition="accept"):
    workflow = api.portal.get_tool("portal_workflow")
    urban.login("agent")
    workflow.doActionFor(item, "propose")
    urban.login("chef")
    workflow.doActionFor(item, "validate")
    urban.login("clerk")
    workflow.doActionFor(item, "present")
    workflow.doActionFor(meeting, "freeze")
    workflow.doActionFor(meeting, "start_session")
    workflow.doActionFor(item, transition)


def test_the_agent_prepares_the_item_and_the_decision_comes_back(urban, college):
    from communesplone.urban.college import create_college_item

    permit = permit_in_instruction(urban)
    item = create_college_item(permit, "granted")
    assert item.aq_parent == college["assembly"]
    assert permit.reference in item.Title() and "Rue Haute, 3" in item.Title()
    assert item.category == "Urbanisme et environnement"
    assert item.stored_service == "urbanisme"
    assert "Code du Développement Territorial" in item.motivation.raw
    assert f"{permit.reference} est octroyé" in item.decision.raw
    assert item.linked_items == [permit.UID()] and permit.college_item == item.UID()
    assert api.content.get_state(item) == "draft"

    decide(urban, item, college["meeting"])
    assert api.content.get_state(permit) == "granted"
    (decision,) = [e for e in permit.events() if e.event_type == "decision"]
    assert decision.outcome == "granted"
    assert decision.date == college["meeting"].start.date()
    assert "Point 1 de la séance" in decision.comment

    # Going back on the item's decision takes the decision off the file.
    api.portal.get_tool("portal_workflow").doActionFor(item, "back_to_frozen")
    assert not [e for e in permit.events() if e.event_type == "decision"]
    assert api.content.get_state(permit) == "instruction"


def test_a_proposed_refusal_refuses_the_permit(urban, college):
    from communesplone.urban.college import create_college_item

    permit = permit_in_instruction(urban)
    item = create_college_item(permit, "refused")
    assert "est refusé" in item.decision.raw
    decide(urban, item, college["meeting"], transition="accept_amended")
    assert api.content.get_state(permit) == "refused"


def test_refusals_with_a_reason(urban, college):
    from communesplone.urban.college import CollegeError
    from communesplone.urban.college import create_college_item

    new_permit = urban.add_permit()
    with pytest.raises(CollegeError, match="en instruction"):
        create_college_item(new_permit, "granted")
    permit = permit_in_instruction(urban)
    with pytest.raises(CollegeError, match="octroi ou refus"):
        create_college_item(permit, "maybe")
    create_college_item(permit, "granted")
    with pytest.raises(CollegeError, match="existe déjà"):
        create_college_item(permit, "granted")
    other = permit_in_instruction(urban)
    urban.login("observer")  # reads the file, may not add items
    with pytest.raises(CollegeError, match="ne pouvez pas"):
        create_college_item(other, "granted")
    assert other.college_item is None
