"""Annexes follow their item: same readers, huis clos included; added while it is editable."""

from plone import api
from plone.dexterity.utils import createContentInContainer
from plone.namedfile.file import NamedBlobFile

import pytest


def add_annex(item, title="Plan des travaux", annex_type="to_print"):
    return createContentInContainer(
        item,
        "Annex",
        title=title,
        annex_type=annex_type,
        file=NamedBlobFile(data=b"%PDF-1.4 plan", filename="plan.pdf"),
    )


def annexes_found(world, userid):
    world.login(userid)
    return {brain.Title for brain in api.content.find(portal_type="Annex")}


@pytest.mark.parametrize("privacy", ["public", "secret"])
def test_annexes_are_read_as_their_item(world, privacy):
    world.login("agent")
    item = world.add_item("Voirie", privacy=privacy)
    annex = add_annex(item, "Devis confidentiel", "confidential")
    assert annexes_found(world, "agent") == {"Devis confidentiel"}
    assert annexes_found(world, "other_agent") == set()
    world.login("agent")
    world.transition(item, "propose")
    world.login("chef")
    world.transition(item, "validate")
    world.login("clerk")
    world.transition(item, "present")
    assert annexes_found(world, "echevin") == set()
    world.login("clerk")
    world.transition(world.meeting, "freeze")
    assert annexes_found(world, "echevin") == {"Devis confidentiel"}
    for outsider in ("councillor", "member", "other_agent"):
        assert annexes_found(world, outsider) == set(), outsider
        assert not api.user.has_permission("View", obj=annex)
    from plone.app.testing import logout

    logout()
    assert not api.user.has_permission("View", obj=annex)


def test_annexes_are_added_while_the_item_is_editable(world):
    world.login("agent")
    item = world.add_item()
    assert api.user.has_permission("Add portal content", obj=item)
    add_annex(item)
    world.transition(item, "propose")
    assert not api.user.has_permission("Add portal content", obj=item)
    world.login("chef")
    world.transition(item, "validate")
    assert not api.user.has_permission("Add portal content", obj=item)
    world.login("clerk")
    assert api.user.has_permission("Add portal content", obj=item)
    world.login("echevin")
    assert not api.user.has_permission("Add portal content", obj=item)


def test_item_page_lists_annexes(world, http_request):
    world.login("agent")
    item = world.add_item("Voirie", category="Travaux")
    add_annex(item)
    html = api.content.get_view("point", item, http_request)()
    assert "Plan des travaux" in html
    assert "À imprimer" in html
    assert "En création" in html
    assert "Ajouter une annexe" in html


def test_linked_items_show_only_what_the_reader_may_see(world, http_request):
    world.login("agent")
    mine = world.add_item("Voirie : phase 1")
    world.login("other_agent")
    theirs = world.add_item("Budget des finances", proposing_service="finances")
    world.login("agent")
    item = world.add_item("Voirie : phase 2", linked_items=[mine.UID(), theirs.UID()])
    html = api.content.get_view("point", item, http_request)()
    assert "Voirie : phase 1" in html
    assert "Budget des finances" not in html
    world.login("other_agent")
    assert not api.user.has_permission("View", obj=item)
