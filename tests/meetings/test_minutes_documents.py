"""The minutes as documents: the procès-verbal in order, one decision on its own, the
attendance list; never for who may not read the meeting; added to existing sites."""

from communesplone.core import documents
from plone import api
from test_agenda_document import odt_text
from test_minutes import conducted
from zExceptions import Unauthorized

import pytest
import re


pytestmark = pytest.mark.office

MINUTES_TEMPLATES = ("proces-verbal", "liste-presences", "deliberation")


@pytest.fixture
def minutes_ready(world, office_port, monkeypatch):
    monkeypatch.setenv("OO_PORT", str(office_port))
    documents.configure_office()
    first, second = conducted(world)
    world.first, world.second = first, second
    return world


def text_of(data: bytes) -> str:
    """The document's text, without its markup (appy's annotations are gone)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", odt_text(data)))


def in_order(text: str, *parts: str) -> None:
    at = -1
    for part in parts:
        found = text.find(part, at + 1)
        assert found > at, f"{part!r} not after position {at}"
        at = found


def test_templates_installed_for_meetings_and_items(portal):
    folder = documents.templates_folder()
    assert folder["proces-verbal"].pod_portal_types == ["Meeting"]
    assert folder["liste-presences"].pod_portal_types == ["Meeting"]
    assert folder["deliberation"].pod_portal_types == ["MeetingItem"]


def test_the_minutes_read_in_order(minutes_ready):
    world = minutes_ready
    world.login("clerk")
    text = text_of(documents.generate(world.meeting, "proces-verbal", "odt"))
    in_order(
        text,
        "Procès-verbal",
        world.meeting.Title(),
        "séance du",
        "Présents : Anne Dumont, Sara Lambert, Marc Petit, Julie Renard",
        "Excusés : Luc Noël",
        "Absents : —",
        "Séance publique",
        "1. Marché de voirie 2027",
        "Marc Petit (absent)",
        "Considérant l'état de la rue Haute",
        "DÉCIDE",
        "Article 1er : le marché est attribué.",
        "Point : 2 oui, 0 non, 0 abstention(s) — adopté",
        "Huis clos",
        "2. Dossier disciplinaire",
        "Ainsi fait en séance, date que dessus.",
        "Le Directeur général",
        "Paul Martin",
        "Le Bourgmestre",
        "Anne Dumont",
    )
    # No appy statement or expression is left in the document.
    assert "do text" not in text and "item['" not in text


def test_the_minutes_pdf(minutes_ready):
    minutes_ready.login("clerk")
    data = documents.generate(minutes_ready.meeting, "proces-verbal", "pdf")
    assert data.startswith(b"%PDF")


def test_one_decision_holds_only_its_item(minutes_ready):
    world = minutes_ready
    world.login("clerk")
    text = text_of(documents.generate(world.first, "deliberation", "odt"))
    in_order(
        text,
        "Délibération",
        "Présents : Anne Dumont",
        "1. Marché de voirie 2027",
        "Article 1er : le marché est attribué.",
        "Ainsi fait en séance, date que dessus.",
        "Paul Martin",
    )
    assert "Dossier disciplinaire" not in text
    assert "Huis clos" not in text
    secret = text_of(documents.generate(world.second, "deliberation", "odt"))
    in_order(secret, "Huis clos", "2. Dossier disciplinaire")
    assert "Marché de voirie 2027" not in secret
    assert documents.generate(world.first, "deliberation", "pdf").startswith(b"%PDF")


def test_the_attendance_list(minutes_ready):
    world = minutes_ready
    world.login("clerk")
    text = text_of(documents.generate(world.meeting, "liste-presences", "odt"))
    in_order(
        text,
        "Liste des présences",
        "Présents (4)",
        "Anne Dumont",
        "Sara Lambert",
        "Marc Petit",
        "Julie Renard",
        "Excusés (1)",
        "Luc Noël",
        "Absents (0)",
        "—",
        "Quorum atteint",
    )
    assert "Marché de voirie" not in text
    data = documents.generate(world.meeting, "liste-presences", "pdf")
    assert data.startswith(b"%PDF")


def test_no_minutes_for_who_may_not_read_the_meeting(minutes_ready):
    world = minutes_ready
    world.login("other_agent")
    for template_id in ("proces-verbal", "liste-presences"):
        with pytest.raises(Unauthorized):
            documents.generate(world.meeting, template_id, "odt")
    with pytest.raises(Unauthorized):
        documents.generate(world.first, "deliberation", "odt")


def test_an_existing_site_gets_the_minutes_templates_on_upgrade(portal):
    folder = documents.templates_folder()
    edited = folder["ordre-du-jour"]
    edited.title = "Ordre du jour (modifié)"
    setup = api.portal.get_tool("portal_setup")
    # Upgrades run as the site's manager (`communesplone sites upgrade`).
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(objects=[folder[template_id] for template_id in MINUTES_TEMPLATES])
        setup.setLastVersionForProfile("communesplone.meetings:default", "20261128002")

        setup.upgradeProfile("communesplone.meetings:default")

    assert setup.getLastVersionForProfile("communesplone.meetings:default") == (
        setup.getVersionForProfile("communesplone.meetings:default"),
    )
    assert set(MINUTES_TEMPLATES) <= set(folder.objectIds())
    assert folder["deliberation"].pod_portal_types == ["MeetingItem"]
    assert folder["ordre-du-jour"].title == "Ordre du jour (modifié)"


def test_an_item_never_presented_offers_no_deliberation(world):
    template = documents.templates_folder()["deliberation"]
    world.login("agent")
    draft = world.add_item("Pas encore présenté")
    assert not template.can_be_generated(draft)
    first, _second = conducted(world)
    assert template.can_be_generated(first)
