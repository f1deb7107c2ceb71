"""College → Council: an accepted item « à transmettre » becomes a validated Conseil item."""

from communesplone.meetings import transmission
from plone import api
from plone.dexterity.utils import createContentInContainer
from plone.namedfile.file import NamedBlobFile

import pytest


def accept_all(world, *items, transition="accept"):
    world.login("clerk")
    world.transition(world.meeting, "freeze", "start_session")
    for item in items:
        world.transition(item, transition)


def test_an_accepted_item_goes_to_the_council_once_with_its_annexes(world):
    item = world.validated_item(
        "Budget 2027 : modification n° 1", category="Finances", to_council=True
    )
    world.login("agent")
    createContentInContainer(
        item,
        "Annex",
        checkConstraints=False,
        title="Tableau de la modification",
        annex_type="to_print",
        file=NamedBlobFile(data=b"%PDF-1.4 budget", filename="mb1.pdf"),
    )
    world.login("clerk")
    world.transition(item, "present")
    kept = world.presented_item("Réfection du trottoir")  # not to the council
    accept_all(world, item, kept)

    sent = transmission.transmitted_item(item)
    assert sent is not None and sent.__parent__.getId() == world.council.getId()
    assert sent.title == "Budget 2027 : modification n° 1"
    assert sent.category == "Finances"  # the Conseil has this category
    assert sent.stored_service == "travaux"
    assert api.content.get_state(sent) == "validated"
    assert sent.linked_items == [item.UID()] and sent.UID() in item.linked_items
    annexes = [obj for obj in sent.objectValues() if obj.portal_type == "Annex"]
    assert [(a.title, a.file.data, a.file.filename) for a in annexes] == [
        ("Tableau de la modification", b"%PDF-1.4 budget", "mb1.pdf")
    ]
    assert transmission.transmitted_item(kept) is None
    # Once only: asked again, the same Conseil item.
    assert transmission.transmit(item).UID() == sent.UID()
    council_items = api.content.find(portal_type="MeetingItem", path="/plone/conseil")
    assert [brain.Title for brain in council_items] == ["Budget 2027 : modification n° 1"]


def test_an_unknown_category_is_left_to_choose_and_amended_decisions_go_too(world):
    item = world.presented_item(
        "Convention avec l'ASBL", category="Administration générale", to_council=True
    )
    accept_all(world, item, transition="accept_amended")
    sent = transmission.transmitted_item(item)
    assert sent is not None and sent.category is None  # not a category of the Conseil


def test_the_council_agents_see_it_as_their_service_item(world):
    item = world.presented_item("Règlement taxe déchets", category="Finances", to_council=True)
    accept_all(world, item)
    sent = transmission.transmitted_item(item)
    world.login("agent")  # the proposing service's agent
    assert api.content.find(UID=sent.UID())
    world.login("other_agent")
    assert not api.content.find(UID=sent.UID())


@pytest.mark.office
def test_closing_the_meeting_accepts_and_transmits_what_is_left(world, office_ready):
    item = world.presented_item("Compte 2026", category="Finances", to_council=True)
    world.login("clerk")
    world.transition(world.meeting, "freeze", "start_session", "decide", "close")
    assert api.content.get_state(item) == "accepted"
    sent = transmission.transmitted_item(item)
    assert sent is not None and sent.title == "Compte 2026"
