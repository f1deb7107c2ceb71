"""The clerk's meeting page over HTTP: presenting, re-sorting and the meeting's buttons."""

from httphelpers import browser_login
from httphelpers import form_fields
from plone import api

import transaction


PASSWORD = "password1"


def page_url(world, obj):
    return obj.absolute_url().replace("http://nohost/plone", world.url)


def open_page(world, userid):
    session = browser_login(world.url, userid, PASSWORD)
    page = session.get(page_url(world, world.meeting), timeout=30)
    assert page.status_code == 200
    return session, page.text


def post_action(world, session, page, form_id, **data):
    fields = form_fields(page, form_id)
    fields.update(data)
    return session.post(
        f"{page_url(world, world.meeting)}/@@agenda-actions", data=fields, timeout=30
    )


def test_the_clerk_presents_checked_items_from_the_meeting_page(http_world):
    world = http_world
    world.login("clerk")
    later = world.add_meeting(days=14)
    voirie = world.validated_item(
        "Voirie", category="Travaux", preferred_meeting=world.meeting.UID()
    )
    budget = world.validated_item("Budget", category="Finances", preferred_meeting=later.UID())
    draft = world.add_item("Brouillon")
    transaction.commit()

    session, page = open_page(world, "clerk")
    assert 'id="agenda-candidates"' in page
    assert "Voirie" in page and "Budget" in page
    assert "Brouillon" not in page  # only validated items are offered
    # The item meant for this meeting comes checked; the other shows its own meeting.
    assert f'value="{voirie.UID()}" id="present-{voirie.UID()}" checked' in page
    assert later.Title() in page

    response = post_action(
        world,
        session,
        page,
        "agenda-candidates",
        present="1",
        **{"uids:list": [voirie.UID(), budget.UID()]},
    )
    assert response.status_code == 200
    assert "2 point(s) présenté(s)." in response.text
    transaction.begin()
    # Presented here, even the one first meant for a later meeting: the clerk chose.
    assert list(world.meeting.agenda) == [voirie.UID(), budget.UID()]
    assert budget.preferred_meeting == world.meeting.UID()
    assert api.content.get_state(budget) == "presented"
    assert api.content.get_state(draft) == "draft"


def test_one_item_that_cannot_be_presented_refuses_the_whole_batch(http_world):
    world = http_world
    voirie = world.validated_item("Voirie")
    draft = world.add_item("Brouillon")
    transaction.commit()
    session, page = open_page(world, "clerk")
    response = post_action(
        world,
        session,
        page,
        "agenda-candidates",
        present="1",
        **{"uids:list": [voirie.UID(), draft.UID()]},
    )
    assert "ne peut pas être présenté : rien n'a été fait" in response.text
    transaction.begin()
    assert list(world.meeting.agenda) == []
    assert api.content.get_state(voirie) == "validated"
    assert not voirie.preferred_meeting


def test_nothing_checked_is_a_clear_error(http_world):
    world = http_world
    world.validated_item("Voirie")
    transaction.commit()
    session, page = open_page(world, "clerk")
    response = post_action(world, session, page, "agenda-candidates", present="1")
    assert "Cochez au moins un point à présenter." in response.text


def test_a_post_without_the_token_is_refused(http_world):
    world = http_world
    voirie = world.validated_item("Voirie")
    transaction.commit()
    session, page = open_page(world, "clerk")
    response = session.post(
        f"{page_url(world, world.meeting)}/@@agenda-actions",
        data={"present": "1", "uids:list": [voirie.UID()]},
        timeout=30,
    )
    assert response.status_code == 403
    # Buttons act on POST only.
    assert session.get(f"{page_url(world, world.meeting)}/@@agenda-actions").status_code == 405
    transaction.begin()
    assert api.content.get_state(voirie) == "validated"


def test_members_get_no_buttons_and_their_posts_change_nothing(http_world):
    world = http_world
    voirie = world.presented_item("Voirie")
    other = world.validated_item("Éclairage")
    world.login("clerk")
    world.transition(world.meeting, "freeze")
    transaction.commit()
    session, page = open_page(world, "echevin")
    assert "Voirie" in page
    assert 'id="meeting-actions"' not in page
    assert 'id="agenda-candidates"' not in page
    # A genuine token of the member's: the refusal comes from the rights, not CSRF.
    token = session.get(f"{world.url}/@@authenticator/token", timeout=30).text
    for data in (
        {"present": "1", "uids:list": [other.UID()]},
        {"sort": "1"},
        {"transition": "start_session"},
    ):
        response = session.post(
            f"{page_url(world, world.meeting)}/@@agenda-actions",
            data={**data, "_authenticator": token},
            timeout=30,
        )
        assert response.status_code == 200
        assert (
            "Vous ne pouvez pas modifier l'ordre du jour de cette séance." in response.text
            or "Cette action n'est pas possible sur cette séance." in response.text
        ), data
    transaction.begin()
    assert api.content.get_state(world.meeting) == "frozen"
    assert api.content.get_state(other) == "validated"
    assert list(world.meeting.agenda) == [voirie.UID()]


def test_the_meeting_buttons_freeze_and_cascade(http_world):
    world = http_world
    voirie = world.presented_item("Voirie")
    transaction.commit()
    session, page = open_page(world, "clerk")
    assert 'id="meeting-transition-freeze"' in page
    response = post_action(world, session, page, "meeting-actions", transition="freeze")
    assert "La séance est maintenant" in response.text
    transaction.begin()
    assert api.content.get_state(world.meeting) == "frozen"
    assert api.content.get_state(voirie) == "frozen"
    # A transition the meeting does not offer now is refused with a message.
    page = session.get(page_url(world, world.meeting), timeout=30).text
    response = post_action(world, session, page, "meeting-actions", transition="close")
    assert "Cette action n'est pas possible sur cette séance." in response.text
    transaction.begin()
    assert api.content.get_state(world.meeting) == "frozen"


def test_resorting_applies_the_assembly_rules(http_world):
    world = http_world
    world.college.ordering_rules = ["title"]
    transaction.commit()
    for title in ("Voirie", "Budget", "Agenda 21"):
        world.presented_item(title)
    world.meeting.writable_agenda().reverse()
    transaction.commit()
    session, page = open_page(world, "clerk")
    response = post_action(world, session, page, "meeting-actions", sort="1")
    assert "Ordre du jour reclassé" in response.text
    transaction.begin()
    from communesplone.meetings.agenda import agenda_brains

    assert [b.Title for b in agenda_brains(world.meeting, restricted=False)] == [
        "Agenda 21",
        "Budget",
        "Voirie",
    ]
