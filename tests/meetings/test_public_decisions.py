"""The public decisions page: closed meetings of publishing assemblies, public decided
items only, read by an anonymous visitor over HTTP."""

from plone.app.textfield.value import RichTextValue

import pytest
import requests
import transaction


def closed_council_meeting(world):
    """A Conseil meeting with a public, a huis clos and a withdrawn item, then closed."""
    world.login("clerk")
    world.meeting = world.add_meeting(days=3, assembly=world.council)
    items = {}
    for title, fields in (
        ("Budget 2027", {"decision": RichTextValue("<p>Le budget 2027 est approuvé.</p>")}),
        ("Dossier disciplinaire", {"privacy": "secret"}),
        ("Motion retirée", {}),
    ):
        items[title] = world.presented_item(
            title, assembly=world.council, category="Finances", **fields
        )
    world.transition(world.meeting, "freeze", "start_session")
    world.transition(items["Motion retirée"], "withdraw")
    world.transition(world.meeting, "decide", "close")  # closing accepts the rest
    return items


def page(world):
    response = requests.get(f"{world.url}/@@decisions-publiques", timeout=30)
    assert response.status_code == 200
    return response.text


@pytest.mark.office
def test_anonymous_read_the_councils_public_decisions_only(http_world, office_ready):
    world = http_world
    world.council.publish_decisions = True
    closed_council_meeting(world)
    # An open Collège meeting, not published.
    world.presented_item("Marché de voirie")
    transaction.commit()
    html = page(world)
    assert "Conseil communal" in html
    assert "Budget 2027" in html and "Le budget 2027 est approuvé." in html
    assert "Adopté" in html
    assert "Dossier disciplinaire" not in html  # huis clos: never
    assert "Motion retirée" not in html  # withdrawn: nothing was decided
    assert "Marché de voirie" not in html and "Collège communal" not in html


@pytest.mark.office
def test_nothing_before_the_meeting_is_closed_nor_when_not_published(http_world, office_ready):
    world = http_world
    world.council.publish_decisions = True
    world.login("clerk")
    world.meeting = world.add_meeting(days=3, assembly=world.council)
    world.presented_item("Budget 2027", assembly=world.council, category="Finances")
    world.transition(world.meeting, "freeze", "start_session", "decide")
    transaction.commit()
    assert "Budget 2027" not in page(world)  # decided, not yet closed
    world.transition(world.meeting, "close")
    transaction.commit()
    assert "Budget 2027" in page(world)
    world.council.publish_decisions = False
    transaction.commit()
    html = page(world)
    assert "Budget 2027" not in html and "Aucune assemblée ne publie" in html
