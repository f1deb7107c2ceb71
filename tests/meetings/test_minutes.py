"""The minutes online: attendance, items in order with texts and votes, huis clos only for
those who may read it, one decision at its own address, signatories from the mandates."""

from communesplone.core import structure
from datetime import date
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.dexterity.utils import createContentInContainer
from test_seance_rest import college_of_five

import re


def signatory(world, first, last, role, body):
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID
    from plone.app.testing import TEST_USER_NAME

    setRoles(world.portal, TEST_USER_ID, ["Manager"])
    world.login(TEST_USER_NAME)
    person = createContentInContainer(
        structure.directory(), "Person", firstname=first, lastname=last
    )
    createContentInContainer(
        person, "Mandate", body=body, role=role, mandate_start=date(2024, 12, 2)
    )
    world.login("clerk")


def conducted(world):
    people = college_of_five(world)
    signatory(world, "Paul", "Martin", "directeur_general", "administration")
    first = world.presented_item(
        "Marché de voirie 2027",
        motivation=RichTextValue("<p>Considérant l'état de la rue Haute ;</p>"),
        decision=RichTextValue("<p>Article 1er : le marché est attribué.</p>"),
    )
    second = world.presented_item("Dossier disciplinaire", privacy="secret")
    world.transition(world.meeting, "freeze", "start_session")
    from communesplone.meetings import attendance
    from communesplone.meetings import votes

    attendance.update_meeting(world.meeting, [{"person": people["Luc"], "status": "excused"}])
    attendance.update_item(first, [{"person": people["Marc"], "status": "absent"}])
    votes.record(
        first,
        {
            "label": "Point",
            "poll_type": "out_loud",
            "votes": {people["Anne"]: "yes", people["Sara"]: "yes"},
        },
    )
    world.transition(first, "accept")
    world.transition(second, "accept")
    return first, second


def test_the_minutes_read_in_order(world):
    first, _second = conducted(world)
    html = api.content.get_view("proces-verbal", world.meeting, world.portal.REQUEST)()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "Présents Anne Dumont, Sara Lambert, Marc Petit, Julie Renard" in text
    assert "Excusés Luc Noël" in text
    assert "Marc Petit ( absent )" in text or "Marc Petit (absent)" in text
    assert "Considérant l'état de la rue Haute" in text and "le marché est attribué" in text
    assert "2 oui, 0 non, 0 abstention(s) — adopté" in text
    assert text.index("Marché de voirie 2027") < text.index("Huis clos")
    assert text.index("Huis clos") < text.index("Dossier disciplinaire")
    assert "Paul Martin" in text and "Anne Dumont" in text.split("Ainsi fait")[1]
    assert f"{first.absolute_url()}/@@deliberation" in html
    page = api.content.get_view("seance", world.meeting, world.portal.REQUEST)()
    assert f"{world.meeting.absolute_url()}/@@proces-verbal" in page


def test_the_minutes_list_only_what_the_reader_may_see(world):
    conducted(world)
    # Another service's agent may not open the meeting (the publisher refuses the page);
    # even asked directly, the minutes name none of its items.
    world.login("other_agent")
    assert not api.user.has_permission("View", obj=world.meeting)
    html = api.content.get_view("proces-verbal", world.meeting, world.portal.REQUEST)()
    assert "Marché de voirie 2027" not in html and "Dossier disciplinaire" not in html
    assert 'id="minutes-huis-clos"' not in html


def test_one_decision_at_its_own_address(world):
    first, second = conducted(world)
    html = api.content.get_view("deliberation", first, world.portal.REQUEST)()
    assert "Marché de voirie 2027" in html and "le marché est attribué" in html
    assert "Dossier disciplinaire" not in html


def test_signatories_chosen_for_the_meeting(world):
    conducted(world)
    from communesplone.meetings.minutes import signatories
    from zope.component import getUtility
    from zope.schema.interfaces import IVocabularyFactory

    assert [s["name"] for s in signatories(world.meeting)] == ["Paul Martin", "Anne Dumont"]
    vocabulary = getUtility(IVocabularyFactory, "communesplone.meetings.Signatories")(world.meeting)
    by_title = {term.title: term.value for term in vocabulary}
    assert {"Paul Martin", "Anne Dumont", "Luc Noël"} <= set(by_title)
    assert "Julie Renard" not in by_title  # présidente du CPAS: not a signatory of minutes
    # The bourgmestre is away: an échevin signs in her place.
    world.meeting.signatories = [by_title["Paul Martin"], by_title["Luc Noël"]]
    assert signatories(world.meeting) == [
        {"label": "Le Directeur général", "name": "Paul Martin"},
        {"label": "L'Échevin", "name": "Luc Noël"},
    ]
    html = api.content.get_view("proces-verbal", world.meeting, world.portal.REQUEST)()
    signed = html.split('id="minutes-signatories"')[1]
    assert "Luc Noël" in signed and "Anne Dumont" not in signed
