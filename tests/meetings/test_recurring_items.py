"""Recurring items: each new meeting gets them, validated and presented, in its agenda."""

from communesplone.core.calendar import french_date
from communesplone.meetings import agenda
from communesplone.meetings.recurring import resolve
from plone import api

import pytest


MINUTES = "Approbation du procès-verbal de la séance du {date_precedente}"


def agenda_titles(meeting):
    return [b.Title for b in agenda.agenda_brains(meeting, restricted=False)]


def agenda_items(meeting):
    return [b._unrestrictedGetObject() for b in agenda.agenda_brains(meeting, restricted=False)]


@pytest.fixture
def recurring(world):
    world.college.recurring_items = [
        {
            "title": MINUTES,
            "category": "Administration générale",
            "service": "travaux",
            "privacy": "public",
            "decision": "Le procès-verbal est approuvé.\n\nIl est signé séance tenante.",
        },
        {
            "title": "Communications du Bourgmestre",
            "category": "Administration générale",
            "service": "travaux",
            "privacy": "public",
            "decision": None,
        },
        {
            "title": "Situation du personnel",
            "category": "Finances",
            "service": "finances",
            "privacy": "secret",
        },
    ]
    return world


def test_a_new_meeting_gets_its_recurring_items_presented_in_order(recurring):
    world = recurring
    world.login("clerk")
    meeting = world.add_meeting(days=14)
    previous = french_date(world.meeting.start)
    assert agenda_titles(meeting) == [
        f"Approbation du procès-verbal de la séance du {previous}",
        "Communications du Bourgmestre",
        "Situation du personnel",
    ]
    minutes, communications, personnel = agenda_items(meeting)
    for number, item in enumerate((minutes, communications, personnel), start=1):
        assert api.content.get_state(item) == "presented"
        assert item.meeting_uid == meeting.UID()
        assert item.preferred_meeting == meeting.UID()
        assert meeting.number_of(item.UID()) == number
    assert minutes.stored_service == "travaux"
    assert personnel.stored_service == "finances"
    assert minutes.category == "Administration générale"
    assert personnel.privacy == "secret"
    assert minutes.decision.raw == (
        "<p>Le procès-verbal est approuvé.</p><p>Il est signé séance tenante.</p>"
    )
    assert communications.decision is None
    # Validated by the system, then presented: both steps in the history.
    history = minutes.workflow_history["communesplone_item_workflow"]
    assert [entry["review_state"] for entry in history][-2:] == ["validated", "presented"]
    # The previous meeting keeps its agenda.
    assert list(world.meeting.agenda) == []


def test_recurring_items_follow_the_assembly_rules_among_other_items(recurring):
    world = recurring
    # Listed first, but the Finances category comes after the others on the agenda.
    world.college.recurring_items.insert(
        0,
        {"title": "Tableau de bord des finances", "category": "Finances", "service": "finances"},
    )
    world.login("clerk")
    meeting = world.add_meeting(days=14)
    works = world.validated_item("Voirie", category="Travaux", preferred_meeting=meeting.UID())
    world.login("clerk")
    world.transition(works, "present")
    assert agenda_titles(meeting)[1:] == [
        "Communications du Bourgmestre",
        "Voirie",
        "Tableau de bord des finances",
        "Situation du personnel",  # huis clos, last
    ]
    assert meeting.number_of(works.UID()) == 3


def test_the_service_agents_see_their_recurring_item(recurring):
    world = recurring
    world.login("clerk")
    meeting = world.add_meeting(days=14)
    minutes = agenda_items(meeting)[0]
    world.login("agent")
    assert api.user.has_permission("View", obj=minutes)
    assert not api.user.has_permission("Modify portal content", obj=minutes)


def test_the_first_meeting_has_no_date_to_give(recurring):
    world = recurring
    world.login("clerk")
    meeting = world.add_meeting(days=14, assembly=world.council)
    assert list(meeting.agenda) == []  # the council has no recurring items
    world.council.recurring_items = [
        {"title": MINUTES, "service": "travaux", "privacy": "public"},
        {"title": "Procès-verbal ({date_precedente})", "service": "travaux"},
    ]
    world.login("clerk")
    earlier = world.add_meeting(days=3, assembly=world.council)
    # The first meeting by date: no previous one, whatever was created before.
    assert agenda_titles(earlier) == [
        "Approbation du procès-verbal de la séance",
        "Procès-verbal",
    ]
    later = world.add_meeting(days=21, assembly=world.council)
    assert agenda_titles(later)[0].endswith(f"séance du {french_date(meeting.start)}")


def test_a_meeting_without_recurring_items_gets_none(world):
    world.login("clerk")
    assert world.college.recurring_rows() == []
    meeting = world.add_meeting(days=14)
    assert list(meeting.agenda) == []
    found = api.content.find(
        portal_type="MeetingItem", path="/".join(world.college.getPhysicalPath())
    )
    assert len(found) == 0


def test_an_assembly_made_before_the_setting_reads_empty_rows(world):
    for name in ("recurring_items", "item_templates"):
        world.college.__dict__.pop(name, None)
        assert getattr(world.college, name) == []
    assert world.college.recurring_rows() == []
    assert world.college.template_rows() == []


@pytest.mark.parametrize(
    "text, date, expected",
    [
        (MINUTES, "3 mars 2026", "Approbation du procès-verbal de la séance du 3 mars 2026"),
        (MINUTES, None, "Approbation du procès-verbal de la séance"),
        ("Procès-verbal du {date_precedente} : approbation", None, "Procès-verbal : approbation"),
        ("PV [{date_precedente}]", None, "PV"),
        ("Communications", None, "Communications"),
    ],
)
def test_the_placeholder(text, date, expected):
    assert resolve(text, date) == expected


def test_the_rows_are_checked_like_any_field(world):
    from communesplone.meetings.content.assembly import IAssembly
    from zope.schema.interfaces import ValidationError

    field = IAssembly["recurring_items"].bind(world.college)
    row = {
        "title": MINUTES,
        "category": None,
        "service": "travaux",
        "privacy": "public",
        "decision": None,
    }
    field.validate([row])
    with pytest.raises(ValidationError):
        field.validate([{**row, "service": "urbanisme"}])  # no such service
    with pytest.raises(ValidationError):
        field.validate([{**row, "privacy": "confidential"}])
    templates = IAssembly["item_templates"].bind(world.college)
    template = dict.fromkeys(("category", "service", "motivation", "decision"))
    templates.validate([{**template, "title": "Marché", "privacy": "public"}])


def test_the_assembly_form_shows_both_grids(world, http_request):
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID
    from plone.app.testing import TEST_USER_NAME

    world.college.recurring_items = [
        {"title": MINUTES, "category": "Travaux", "service": "travaux", "privacy": "public"}
    ]
    world.login(TEST_USER_NAME)
    setRoles(world.portal, TEST_USER_ID, ["Manager"])
    html = api.content.get_view("edit", world.college, http_request)()
    assert "Points récurrents" in html and "Modèles de points" in html
    assert 'name="form.widgets.recurring_items.0.widgets.title"' in html
    assert 'name="form.widgets.item_templates.count"' in html
