"""OParl: what is published, what never is, and how changes and deletions are told."""

from communesplone.core import structure
from communesplone.meetings.oparl import registry
from communesplone.meetings.oparl.lists import answer
from communesplone.meetings.oparl.lists import ListError
from communesplone.meetings.oparl.objects import OParl
from communesplone.meetings.oparl.objects import term_start
from communesplone.meetings.oparl.objects import term_years
from datetime import date
from datetime import timedelta
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.dexterity.utils import createContentInContainer

import json
import pytest


def council_meeting(world, frozen=True):
    """A Conseil meeting with a public and a huis clos item (the clerk stays logged in)."""
    world.council.publish_decisions = True
    world.login("clerk")
    meeting = world.add_meeting(days=3, assembly=world.council)
    world.meeting = meeting
    public = world.presented_item("Budget 2027", assembly=world.council, category="Finances")
    secret = world.presented_item(
        "Dossier disciplinaire", assembly=world.council, category="Finances", privacy="secret"
    )
    if frozen:
        world.transition(meeting, "freeze")
    return meeting, public, secret


def councillor(portal, firstname="Anne", lastname="Lambert", group=None, **mandate):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    person = createContentInContainer(
        structure.directory(),
        "Person",
        firstname=firstname,
        lastname=lastname,
        gender="F",
        email=f"{firstname.lower()}@example.org",
        phone="081 00 00 00",
    )
    createContentInContainer(
        person,
        "Mandate",
        checkConstraints=False,
        body=mandate.get("body", "council"),
        role=mandate.get("role", "conseiller"),
        political_group=group,
        mandate_start=mandate.get("start", date(2024, 12, 2)),
        voting=True,
    )
    return person


def dump(data) -> str:
    return json.dumps(data, ensure_ascii=False)


def test_a_frozen_council_meeting_is_published_without_its_huis_clos_item(world):
    meeting, public, secret = council_meeting(world)
    oparl = OParl()
    data = oparl.build(f"meeting/{meeting.UID()}")
    assert data["type"] == "https://schema.oparl.org/1.1/Meeting"
    assert data["meetingState"] == "convoquée"
    names = [entry["name"] for entry in data["agendaItem"]]
    assert names == ["Budget 2027"]
    assert "Dossier disciplinaire" not in dump(data)
    assert oparl.build(f"agendaitem/{secret.UID()}") is None
    assert oparl.build(f"paper/{secret.UID()}") is None
    assert oparl.build(f"consultation/{secret.UID()}") is None
    item = oparl.build(f"agendaitem/{public.UID()}")
    assert item["number"] == "1" and item["order"] == 1 and item["public"] is True
    # Decisions wait for the closing.
    assert "result" not in item and "resolutionText" not in item
    # The invitation is the public agenda, announced with its size and checksum.
    invitation = data["invitation"]
    assert invitation["mimeType"] == "text/html"
    assert invitation["size"] > 0 and len(invitation["sha512Checksum"]) == 128
    assert "resultsProtocol" not in data  # no minutes before the closing


def test_meetings_in_creation_and_of_assemblies_that_do_not_publish_are_not(world):
    meeting, public, _secret = council_meeting(world, frozen=False)
    oparl = OParl()
    assert oparl.build(f"meeting/{meeting.UID()}") is None
    assert oparl.build(f"agendaitem/{public.UID()}") is None
    # A frozen Collège meeting: the Collège does not publish.
    college_item = world.presented_item("Marché de voirie")
    college_meeting = college_item.meeting()
    world.transition(college_meeting, "freeze")
    oparl = OParl()
    assert oparl.build(f"meeting/{college_meeting.UID()}") is None
    listed = answer(oparl, "meetings", {})
    assert listed["data"] == [] and listed["pagination"]["totalElements"] == 0


def test_people_are_those_with_a_mandate_and_only_their_public_facts(world, portal):
    group = createContentInContainer(
        structure.directory(), "Organization", title="Liste du Bourgmestre", kind="political_group"
    )
    anne = councillor(portal, group=group.UID())
    contact = createContentInContainer(
        structure.directory(), "Person", firstname="Paul", lastname="Citoyen"
    )
    oparl = OParl()
    person = oparl.build(f"person/{anne.UID()}")
    assert person["name"] == "Anne Lambert" and person["familyName"] == "Lambert"
    assert person["status"] == ["Conseiller communal"]
    assert "anne@example.org" not in dump(person) and "081" not in dump(person)
    (membership,) = person["membership"]
    assert membership["organization"].endswith(f"/organization/{world.council.UID()}")
    assert membership["onBehalfOf"].endswith(f"/organization/{group.UID()}")
    assert membership["votingRight"] is True and membership["startDate"] == "2024-12-02"
    assert oparl.build(f"person/{contact.UID()}") is None  # a contact, not an official
    ids = [entry["id"] for entry in answer(oparl, "persons", {})["data"]]
    assert ids == [person["id"]]
    kinds = {
        entry["name"]: entry["organizationType"]
        for entry in answer(oparl, "organizations", {})["data"]
    }
    assert kinds["Conseil communal"] == "Gremium"
    assert kinds["Liste du Bourgmestre"] == "Fraktion"
    assert kinds["Travaux"] == "Verwaltungsbereich"


def test_back_to_creation_and_deletion_leave_deleted_records(world, portal):
    meeting, public, _secret = council_meeting(world)
    uid, item_uid = meeting.UID(), public.UID()
    oparl = OParl()
    assert oparl.build(f"meeting/{uid}") is not None
    world.transition(meeting, "back_to_created")
    oparl = OParl()
    assert oparl.build(f"meeting/{uid}") is None
    gone = oparl.tombstone(f"meeting/{uid}")
    assert gone["deleted"] is True and gone["id"].endswith(f"/meeting/{uid}")
    assert oparl.tombstone(f"agendaitem/{item_uid}")["order"] == 0
    listed = answer(oparl, "meetings", {})["data"]
    assert [entry["id"] for entry in listed] == [gone["id"]]
    assert listed[0]["deleted"] is True
    # Published again: the record goes.
    world.transition(meeting, "freeze")
    oparl = OParl()
    assert oparl.tombstone(f"meeting/{uid}") is None
    assert oparl.build(f"meeting/{uid}")["meetingState"] == "convoquée"
    # Deleted for good.
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(obj=meeting, check_linkintegrity=False)
    assert OParl().tombstone(f"meeting/{uid}")["deleted"] is True


def test_a_transition_is_a_change_for_modified_since(world):
    meeting, public, _secret = council_meeting(world)
    before = registry.stamp_of(meeting.UID())
    world.transition(meeting, "start_session")
    after = registry.stamp_of(meeting.UID())
    assert before is not None and after > before
    since = after.isoformat()
    changed = answer(OParl(), "meetings", {"modified_since": since})["data"]
    assert [entry["id"].rsplit("/", 1)[1] for entry in changed] == [meeting.UID()]
    later = (after + timedelta(seconds=1)).isoformat()
    assert answer(OParl(), "meetings", {"modified_since": later})["data"] == []


def test_lists_page_with_links_and_refuse_bad_filters(world, portal):
    for index in range(5):
        councillor(portal, firstname=f"Membre{index}", lastname=f"N{index}")
    oparl = OParl()
    first = answer(oparl, "memberships", {"limit": "2"})
    assert first["pagination"] == {
        "totalElements": 5,
        "elementsPerPage": 2,
        "currentPage": 1,
        "totalPages": 3,
    }
    assert "page=2" in first["links"]["next"] and "limit=2" in first["links"]["next"]
    seen = [entry["id"] for entry in first["data"]]
    for page in ("2", "3"):
        seen += [
            e["id"] for e in answer(oparl, "memberships", {"limit": "2", "page": page})["data"]
        ]
    assert len(seen) == len(set(seen)) == 5
    last = answer(oparl, "memberships", {"limit": "2", "page": "3"})
    assert "next" not in last["links"]
    for form in (
        {"modified_since": "hier"},
        {"limit": "0"},
        {"limit": "beaucoup"},
        {"page": "-1"},
        {"created_until": ["2026-01-01", "2026-01-02"]},
    ):
        with pytest.raises(ListError):
            answer(oparl, "memberships", form)


def test_legislatures_follow_the_six_year_cycle():
    assert term_start(2024) == date(2024, 12, 2)  # the first Monday of December
    assert term_start(2018) == date(2018, 12, 3)
    assert term_years(date(2019, 5, 1), date(2026, 11, 29)) == [2018, 2024]
    assert term_years(date(2024, 11, 30), date(2024, 12, 1)) == [2018]
    assert term_years(date(2012, 12, 3), date(2013, 1, 1)) == [2012]


def test_omit_internal_leaves_out_embedded_objects_and_organization_filters(world, portal):
    meeting, _public, _secret = council_meeting(world)
    anne = councillor(portal)
    oparl = OParl()
    full = answer(oparl, "meetings", {})["data"][0]
    assert full["agendaItem"] and full["invitation"] and full["location"]
    light = answer(oparl, "meetings", {"omit_internal": "true"})["data"][0]
    assert {"agendaItem", "invitation", "location"}.isdisjoint(light)
    assert light["id"] == full["id"] and light["meetingState"] == full["meetingState"]
    person = answer(oparl, "persons", {"omit_internal": "true"})["data"][0]
    assert person["id"].endswith(anne.UID()) and "membership" not in person
    council = oparl.build(f"organization/{world.council.UID()}")
    assert council["meeting"].endswith(f"meetings?organization={world.council.UID()}")
    of_council = answer(oparl, "meetings", {"organization": world.council.UID()})["data"]
    assert [entry["id"] for entry in of_council] == [full["id"]]
    assert answer(oparl, "meetings", {"organization": world.college.UID()})["data"] == []


def test_only_the_publication_setting_of_an_assembly_touches_its_meetings(world, monkeypatch):
    from communesplone.meetings.content.assembly import IAssembly
    from communesplone.meetings.oparl import changes
    from zope.event import notify
    from zope.lifecycleevent import Attributes
    from zope.lifecycleevent import ObjectModifiedEvent

    meeting, _public, _secret = council_meeting(world)
    touched = []
    original = changes.refresh_meeting
    monkeypatch.setattr(changes, "refresh_meeting", lambda m, **kw: touched.append(m.UID()))
    # An item added to the assembly, an edit of its place: its meetings are left alone.
    world.validated_item("Encore un point", assembly=world.council, category="Finances")
    notify(ObjectModifiedEvent(world.council, Attributes(IAssembly, "default_place")))
    assert touched == []
    monkeypatch.setattr(changes, "refresh_meeting", original)
    # It stops publishing: its meeting is withdrawn from OParl, and OParl says so.
    world.council.publish_decisions = False
    notify(ObjectModifiedEvent(world.council, Attributes(IAssembly, "publish_decisions")))
    oparl = OParl()
    assert oparl.build(f"meeting/{meeting.UID()}") is None
    assert oparl.tombstone(f"meeting/{meeting.UID()}")["deleted"] is True
