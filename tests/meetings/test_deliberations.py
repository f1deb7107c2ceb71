"""All the deliberations of a meeting: made one by one by the meeting managers once the
meeting is decided, kept with their SHA-256, given together as a ZIP to who may read."""

from communesplone.meetings import deliberations
from httphelpers import browser_login
from httphelpers import form_fields
from plone import api
from test_closing import decided
from test_closing import pdf_text
from test_minutes import conducted
from test_seance_rest import url

import hashlib
import io
import pytest
import re
import transaction
import zipfile


pytestmark = pytest.mark.office


def test_the_clerk_makes_every_deliberation(world, office_ready, tmp_path):
    first, second = decided(world)
    made = deliberations.make_all(world.meeting)

    assert [row["title"] for row in made] == ["Marché de voirie 2027", "Dossier disciplinaire"]
    assert [row["number"] for row in made] == [1, 2]
    for item in (first, second):
        data = item.deliberation_file.data
        assert data.startswith(b"%PDF")
        assert item.deliberation_sha256 == hashlib.sha256(data).hexdigest()
    text = pdf_text(first.deliberation_file.data, tmp_path)
    assert "Marché de voirie 2027" in text and "le marché est attribué" in text
    assert "Dossier disciplinaire" not in text
    assert first.deliberation_file.filename == "deliberation-01-marche-de-voirie-2027.pdf"
    html = api.content.get_view("point", first, world.portal.REQUEST)()
    assert f"{first.absolute_url()}/@@download/deliberation_file" in html
    assert first.deliberation_sha256 in html


def test_the_zip_holds_what_the_reader_may_read(world, office_ready):
    decided(world)
    deliberations.make_all(world.meeting)
    count, data = deliberations.zip_bytes(world.meeting)
    assert count == 2
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert names == [
        "deliberation-01-marche-de-voirie-2027.pdf",
        "deliberation-02-dossier-disciplinaire.pdf",
    ]
    world.login("other_agent")  # another service's agent reads neither item
    assert deliberations.zip_bytes(world.meeting)[0] == 0


def test_refused_before_the_meeting_is_decided_and_to_others(world, office_ready):
    first, _second = conducted(world)  # in session
    with pytest.raises(deliberations.DeliberationError, match="séance est décidée"):
        deliberations.make_all(world.meeting)
    world.transition(world.meeting, "decide")
    world.login("echevin")
    with pytest.raises(deliberations.DeliberationError, match="gestionnaires des séances"):
        deliberations.make(world.meeting, first.UID())
    world.login("clerk")
    with pytest.raises(deliberations.DeliberationError, match="pas un point décidé"):
        deliberations.make(world.meeting, world.meeting.UID())
    assert first.deliberation_file is None


def test_they_are_made_after_closing_too(world, office_ready):
    first, _second = decided(world)
    world.transition(world.meeting, "close")
    (made, _) = deliberations.make_all(world.meeting)
    assert made["url"].endswith("/@@download/deliberation_file")
    assert first.deliberation_file.data.startswith(b"%PDF")


def test_the_page_makes_them_one_request_per_item(http_world, office_ready):
    world = http_world
    first, second = decided(world)
    transaction.commit()
    session = browser_login(world.url, "clerk", "password1")
    page_url = url(world, world.meeting, "@@deliberations")
    page = session.get(page_url, timeout=30).text
    assert "pas encore générée" in page and 'id="deliberations-zip"' not in page
    fields = form_fields(page, "deliberations-form")
    action = url(world, world.meeting, "@@deliberations-generer")

    assert session.get(action, timeout=30).status_code == 405
    response = session.post(action, data={**fields, "uid": second.UID()}, timeout=30)
    assert response.status_code == 200
    row = response.json()
    assert row["number"] == 2 and row["title"] == "Dossier disciplinaire"
    transaction.begin()
    assert row["sha256"] == second.deliberation_sha256
    assert first.deliberation_file is None

    refused = session.post(action, data={**fields, "uid": "nothing"}, timeout=30)
    assert refused.status_code == 400
    assert "pas un point décidé" in refused.json()["message"]

    session.post(action, data=fields, timeout=30)  # the form without JavaScript: all
    transaction.begin()
    assert first.deliberation_file is not None
    archive = session.get(url(world, world.meeting, "@@deliberations.zip"), timeout=30)
    assert archive.headers["Content-Type"] == "application/zip"
    assert len(zipfile.ZipFile(io.BytesIO(archive.content)).namelist()) == 2


def test_a_member_cannot_make_them(http_world, office_ready):
    world = http_world
    first, _second = decided(world)
    transaction.commit()
    session = browser_login(world.url, "echevin", "password1")
    page = session.get(url(world, world.meeting, "@@deliberations"), timeout=30).text
    assert 'id="deliberations-form"' not in page
    # Even with a token of their own, the request is refused.
    meeting_page = session.get(url(world, world.meeting, ""), timeout=30).text
    token = re.search(r'name="_authenticator" value="([^"]+)"', meeting_page).group(1)
    response = session.post(
        url(world, world.meeting, "@@deliberations-generer"),
        data={"_authenticator": token, "uid": first.UID()},
        timeout=30,
    )
    assert response.status_code == 400
    transaction.begin()
    assert api.content.get(UID=first.UID()).deliberation_file is None
