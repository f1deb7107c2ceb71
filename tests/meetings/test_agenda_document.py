"""The agenda document: items in order, huis clos only for who may read it."""

from communesplone.core import documents
from zExceptions import Unauthorized

import html
import io
import pytest
import zipfile


pytestmark = pytest.mark.office


@pytest.fixture
def agenda_ready(world, office_port, monkeypatch):
    monkeypatch.setenv("OO_PORT", str(office_port))
    documents.configure_office()
    for title, privacy, category in (
        ("Voirie : rue Haute", "public", "Travaux"),
        ("Budget participatif", "public", "Finances"),
        ("Situation d'un agent", "secret", "Travaux"),
    ):
        world.presented_item(title, privacy=privacy, category=category)
    world.transition(world.meeting, "freeze")
    return world


def odt_text(data: bytes) -> str:
    return html.unescape(zipfile.ZipFile(io.BytesIO(data)).read("content.xml").decode("utf-8"))


def test_template_installed_for_meetings(portal):
    template = documents.templates_folder()["ordre-du-jour"]
    assert template.pod_portal_types == ["Meeting"]


def test_agenda_for_a_member(agenda_ready):
    agenda_ready.login("echevin")
    text = odt_text(documents.generate(agenda_ready.meeting, "ordre-du-jour", "odt"))
    public = text.index("Séance publique")
    # This college lists Travaux before Finances.
    assert text.index("1. Voirie : rue Haute") > public
    assert text.index("2. Budget participatif") > text.index("1. Voirie : rue Haute")
    assert text.index("3. Situation d'un agent") > text.index("Huis clos")
    assert agenda_ready.meeting.Title() in text


def test_agenda_pdf(agenda_ready):
    agenda_ready.login("clerk")
    data = documents.generate(agenda_ready.meeting, "ordre-du-jour", "pdf")
    assert data.startswith(b"%PDF")


def test_no_agenda_for_who_may_not_read_the_meeting(agenda_ready):
    agenda_ready.login("councillor")
    with pytest.raises(Unauthorized):
        documents.generate(agenda_ready.meeting, "ordre-du-jour", "odt")
