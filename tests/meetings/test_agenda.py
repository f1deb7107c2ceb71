"""Presenting items, late items, ordering rules, the cascade, postponing, huis clos."""

from plone import api

import pytest


def agenda_titles(meeting):
    from communesplone.meetings import agenda

    return [b.Title for b in agenda.agenda_brains(meeting, restricted=False)]


def present(world, item):
    world.login("clerk")
    world.transition(item, "present")
    return item


def test_present_goes_to_the_preferred_meeting(world):
    world.login("clerk")
    later = world.add_meeting(days=14)
    item = world.validated_item(preferred_meeting=later.UID())
    present(world, item)
    assert item.meeting_uid == later.UID()
    assert later.number_of(item.UID()) == 1
    assert list(world.meeting.agenda) == []


def test_present_falls_back_to_the_next_open_meeting(world):
    world.login("clerk")
    later = world.add_meeting(days=14)
    world.transition(later, "freeze")
    world.transition(later, "start_session")  # no longer takes items
    item = world.validated_item(preferred_meeting=later.UID())
    present(world, item)
    assert item.meeting_uid == world.meeting.UID()
    assert api.content.get_state(item) == "presented"


def test_present_without_any_meeting_is_refused(world):
    from Products.CMFCore.WorkflowCore import WorkflowException

    item = world.validated_item()
    world.login("clerk")
    world.transition(world.meeting, "freeze", "start_session")
    with pytest.raises(WorkflowException, match="Aucune séance"):
        world.transition(item, "present")
    assert api.content.get_state(item) == "validated"


def test_agenda_rules_public_first_then_categories_then_service(world):
    finances = world.validated_item("Budget 2027", category="Finances")
    secret = world.validated_item("Situation d'un agent", privacy="secret", category="Travaux")
    works = world.validated_item("Voirie", category="Travaux")
    general = world.validated_item("Procès-verbal", category="Administration générale")
    for item in (finances, secret, works, general):
        present(world, item)
    assert agenda_titles(world.meeting) == [
        "Procès-verbal",
        "Voirie",
        "Budget 2027",
        "Situation d'un agent",
    ]
    assert [world.meeting.number_of(i.UID()) for i in (general, works, finances, secret)] == [
        1,
        2,
        3,
        4,
    ]


def test_freezing_cascades_and_late_items_follow(world):
    first = world.presented_item("Point A", category="Travaux")
    secret = world.presented_item("Point B", privacy="secret")
    world.transition(world.meeting, "freeze")
    assert api.content.get_state(first) == "frozen"
    assert api.content.get_state(secret) == "frozen"
    late = world.validated_item("Point urgent", category="Administration générale")
    present(world, late)
    assert api.content.get_state(late) == "frozen"
    assert late.list_type == "late"
    # Late public items come after the public ones, before huis clos.
    assert agenda_titles(world.meeting) == ["Point A", "Point urgent", "Point B"]


def test_back_to_created_unfreezes_and_unpresent_renumbers(world):
    first = world.presented_item("Point A")
    second = world.presented_item("Point B")
    world.transition(world.meeting, "freeze", "back_to_created")
    assert api.content.get_state(first) == "presented"
    world.transition(first, "unpresent")
    assert api.content.get_state(first) == "validated"
    assert first.meeting_uid is None
    assert world.meeting.number_of(second.UID()) == 1


@pytest.mark.office
def test_closing_accepts_undecided_items(world, office_ready):
    decided = world.presented_item("Point A")
    undecided = world.presented_item("Point B")
    world.transition(world.meeting, "freeze", "start_session")
    world.transition(decided, "refuse")
    world.transition(world.meeting, "decide", "close")
    assert api.content.get_state(decided) == "refused"
    assert api.content.get_state(undecided) == "accepted"
    assert "back_to_frozen" not in [
        t["id"] for t in api.portal.get_tool("portal_workflow").getTransitionsFor(decided)
    ]


def test_postponing_copies_the_item_for_the_next_meeting(world):
    world.login("clerk")
    following = world.add_meeting(days=21)
    item = world.presented_item("Point reporté")
    world.transition(world.meeting, "freeze", "start_session")
    world.transition(item, "postpone")
    assert api.content.get_state(item) == "postponed"
    copies = [
        brain.getObject()
        for brain in api.content.find(portal_type="MeetingItem", Title="reporté")
        if item.UID() != brain.UID
    ]
    assert len(copies) == 1
    copy = copies[0]
    assert api.content.get_state(copy) == "validated"
    assert copy.preferred_meeting == following.UID()
    assert copy.linked_items == [item.UID()]
    assert copy.meeting_uid is None
    # The copy keeps its service: its agents see it, the college does not yet.
    world.login("agent")
    assert api.user.has_permission("View", obj=copy)
    world.login("echevin")
    assert not api.user.has_permission("View", obj=copy)


def test_huis_clos_never_reaches_non_members(world):
    public = world.presented_item("Point public")
    secret = world.presented_item("Point secret", privacy="secret")
    world.transition(world.meeting, "freeze")
    for userid, sees in (
        ("echevin", {"Point public", "Point secret"}),
        ("councillor", set()),
        ("member", set()),
        ("other_agent", set()),
    ):
        world.login(userid)
        found = {b.Title for b in api.content.find(portal_type="MeetingItem")}
        assert found == sees, userid
    assert public.privacy == "public" and secret.privacy == "secret"


def test_council_convocation_deadline(world):
    from communesplone.meetings.content.meeting import convocation_deadline
    from datetime import date
    from datetime import datetime

    world.login("clerk")
    meeting = world.add_meeting(assembly=world.council)
    meeting.start = datetime(2026, 3, 20, 19, 30)
    # Seven full days: neither the 20th nor the day of sending count.
    assert convocation_deadline(meeting) == date(2026, 3, 12)
    assert convocation_deadline(world.meeting) is None  # the college has no such rule


def test_council_meeting_page_shows_the_convocation_deadline(world, http_request):
    world.login("clerk")
    meeting = world.add_meeting(days=30, assembly=world.council)
    html = api.content.get_view("seance", meeting, http_request)()
    assert "Convocation à envoyer au plus tard le" in html
    college = api.content.get_view("seance", world.meeting, http_request)()
    assert "Convocation à envoyer" not in college
