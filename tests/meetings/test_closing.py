"""Closing a meeting archives its minutes as PDF (full and public) or is refused, then
seals the meeting and its items."""

from communesplone.core import documents
from communesplone.meetings import closing
from plone import api
from ports import free_port
from Products.CMFCore.WorkflowCore import WorkflowException
from test_minutes import conducted

import hashlib
import pytest
import subprocess


pytestmark = pytest.mark.office

DECIDED = ("accepted", "accepted_amended", "refused", "postponed", "withdrawn")


def pdf_text(data: bytes, tmp_path) -> str:
    pdf = tmp_path / "document.pdf"
    pdf.write_bytes(data)
    result = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(result.stdout.split())


def decided(world):
    first, second = conducted(world)
    world.transition(world.meeting, "decide")
    return first, second


def can(world, userid, permission, obj):
    world.login(userid)
    return api.user.has_permission(permission, obj=obj)


def test_closing_stores_the_full_and_the_public_minutes(world, office_ready, tmp_path):
    first, second = decided(world)
    world.transition(world.meeting, "close")

    meeting = world.meeting
    assert api.content.get_state(meeting) == "closed"
    full = meeting.minutes_file.data
    assert full.startswith(b"%PDF")
    assert meeting.minutes_file.contentType == "application/pdf"
    assert meeting.minutes_sha256 == hashlib.sha256(full).hexdigest()
    text = pdf_text(full, tmp_path)
    assert "Marché de voirie 2027" in text and "Dossier disciplinaire" in text
    assert "le marché est attribué" in text
    public = pdf_text(meeting.minutes_public_file.data, tmp_path)
    assert "Marché de voirie 2027" in public and "le marché est attribué" in public
    assert "Dossier disciplinaire" not in public
    assert "Huis clos" not in public


def test_closing_without_libreoffice_is_refused_and_changes_nothing(world, monkeypatch):
    first, second = decided(world)
    world.transition(second, "back_to_frozen")  # left undecided: closing would accept it
    monkeypatch.setenv("OO_PORT", str(free_port()))  # nothing listens there
    documents.configure_office()

    with pytest.raises(WorkflowException) as refused:
        world.transition(world.meeting, "close")

    assert "La séance n'est pas clôturée" in str(refused.value)
    assert "LibreOffice ne répond pas" in str(refused.value)
    assert api.content.get_state(world.meeting) == "decided"
    assert api.content.get_state(second) == "frozen"
    assert world.meeting.minutes_file is None and world.meeting.minutes_sha256 is None
    assert not getattr(first, "sealed", False)


def test_a_failed_generation_rolls_back_the_decisions_taken_by_closing(
    world, office_ready, monkeypatch
):
    first, second = decided(world)
    world.transition(second, "back_to_frozen")

    def broken(*args, **kwargs):
        raise RuntimeError("conversion failed")

    monkeypatch.setattr(documents, "generate", broken)
    with pytest.raises(closing.MinutesError) as refused:
        world.transition(world.meeting, "close")
    assert "RuntimeError" in str(refused.value)
    assert api.content.get_state(world.meeting) == "decided"
    assert api.content.get_state(second) == "frozen"  # the accept of the cascade undone
    assert world.meeting.minutes_file is None


def test_closed_meeting_and_its_items_are_read_only(world, office_ready):
    first, second = decided(world)
    assert can(world, "clerk", "Modify portal content", first)  # a decision is corrected
    assert can(world, "clerk", "Add portal content", first)  # before closing
    assert not can(world, "agent", "Modify portal content", first)

    world.login("clerk")
    world.transition(world.meeting, "close")

    for item in (first, second):
        assert api.content.get_state(item) in DECIDED
        for userid in ("clerk", "agent", "chef", "echevin"):
            assert not can(world, userid, "Modify portal content", item), userid
            assert not can(world, userid, "Add portal content", item), userid
    assert not can(world, "clerk", "Modify portal content", world.meeting)
    world.login("clerk")
    assert [t["id"] for t in api.portal.get_tool("portal_workflow").getTransitionsFor(first)] == []


def test_reopening_lifts_the_seal(world, office_ready):
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID
    from plone.app.testing import TEST_USER_NAME

    first, _second = decided(world)
    world.transition(world.meeting, "close")
    setRoles(world.portal, TEST_USER_ID, ["Manager"])
    world.login(TEST_USER_NAME)
    world.transition(world.meeting, "back_to_decided")
    assert can(world, "clerk", "Modify portal content", first)


def test_the_minutes_files_are_read_by_members_and_managers_only(world, office_ready):
    decided(world)
    world.transition(world.meeting, "close")
    for userid, allowed in (
        ("clerk", True),
        ("echevin", True),  # a member of the Collège
        ("councillor", False),
        ("agent", False),
        ("member", False),
    ):
        assert can(world, userid, "View", world.meeting) is allowed, userid


def test_upgrade_seals_the_items_of_meetings_closed_before(world, office_ready):
    first, _second = decided(world)
    world.transition(world.meeting, "close")
    first.sealed = False
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile("communesplone.meetings:default", "20261128003")

    setup.upgradeProfile("communesplone.meetings:default")

    assert first.sealed is True
    assert not can(world, "clerk", "Modify portal content", first)


def test_the_meeting_page_links_the_archived_minutes(world, office_ready):
    decided(world)
    world.transition(world.meeting, "close")
    world.login("echevin")
    html = api.content.get_view("seance", world.meeting, world.portal.REQUEST)()
    assert f"{world.meeting.absolute_url()}/@@download/minutes_file" in html
    assert f"{world.meeting.absolute_url()}/@@download/minutes_public_file" in html
    assert world.meeting.minutes_sha256 in html
