"""Permit files: references, states that follow events, sharing and who sees what."""

from AccessControl import Unauthorized
from communesplone.core import numbering
from datetime import date
from plone import api
from zope.interface import Invalid

import pytest


def state(obj):
    return api.content.get_state(obj)


def test_references_follow_a_yearly_counter_per_procedure(urban):
    year = numbering.current_year()
    first = urban.add_permit()
    second = urban.add_permit("Extension d'une grange")
    certificate = urban.add_permit("Certificat pour une parcelle", procedure="cu1")
    assert first.reference == f"PU/{year}/0001"
    assert second.reference == f"PU/{year}/0002"
    assert certificate.reference == f"CU1/{year}/0001"
    # The id follows the reference, so a file's address says what it is.
    assert first.getId() == f"pu-{year}-0001"
    assert certificate.getId() == f"cu1-{year}-0001"
    assert state(first) == "new"
    # The agent who opened them handles them.
    assert first.folder_manager == "agent"


def test_a_manager_outside_the_service_assigns_nobody(urban):
    urban.login("manager")
    assert urban.add_permit().folder_manager is None


def test_the_reference_is_found_by_search(urban):
    permit = urban.add_permit(parcels=["62063B0421/02C000"], work_locations=["Rue Haute, 12"])
    for text in (permit.reference, "62063B0421/02C000", "Haute"):
        found = api.content.find(SearchableText=f'"{text}"', portal_type="Permit")
        assert [b.UID for b in found] == [permit.UID()], text


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        ([], "new"),
        ([("deposit", 1)], "deposited"),
        ([("deposit", 1), ("incomplete", 10)], "incomplete"),
        ([("deposit", 1), ("incomplete", 10), ("complements", 20)], "deposited"),
        ([("deposit", 1), ("acknowledgement", 12)], "instruction"),
        (
            [("deposit", 1), ("incomplete", 10), ("complements", 20), ("incomplete", 25)],
            "inadmissible",
        ),
        ([("deposit", 1), ("acknowledgement", 12), ("decision", 28)], "granted"),
    ],
)
def test_the_state_follows_the_events(urban, steps, expected):
    permit = urban.add_permit()
    for event_type, day in steps:
        extra = {}
        if event_type == "acknowledgement":
            extra["publicity"] = "none"
        if event_type == "decision":
            extra["outcome"] = "granted"
        urban.add_event(permit, event_type, date(2025, 3, day), **extra)
    assert state(permit) == expected


def test_a_refusal_and_a_corrected_event(urban):
    permit = urban.add_permit()
    urban.add_event(permit, "deposit", date(2025, 3, 3))
    urban.add_event(permit, "acknowledgement", date(2025, 3, 20), publicity="none")
    decision = urban.add_event(permit, "decision", date(2025, 4, 15), outcome="refused")
    assert state(permit) == "refused"
    # A decision recorded by mistake is removed: the file is back in instruction.
    urban.login("chef")
    api.content.delete(decision)
    assert state(permit) == "instruction"


def test_closing_by_hand_holds_until_reopened(urban):
    permit = urban.add_permit()
    urban.add_event(permit, "deposit", date(2025, 3, 3))
    urban.add_event(permit, "incomplete", date(2025, 3, 10))
    api.content.transition(permit, transition="abandon")
    assert state(permit) == "abandoned"
    assert permit.tracking_next_due is None  # no deadline runs on a closed file
    # A closed file takes no new step.
    with pytest.raises(Unauthorized):
        urban.add_event(permit, "complements", date(2025, 3, 20))
    api.content.transition(permit, transition="reopen")
    assert state(permit) == "incomplete"
    assert permit.tracking_decision_status == "open"  # waiting for the complements


def test_event_titles_are_computed(urban):
    permit = urban.add_permit()
    event = urban.add_event(permit, "deposit", date(2026, 3, 1), title="ignoré")
    assert event.Title() == "Dépôt de la demande du 1er mars 2026"


def test_event_fields_each_type_needs(urban):
    from communesplone.urban.content.event import IPermitEvent

    class Data:
        event_type = "decision"
        outcome = None
        body = None
        publicity = None

    with pytest.raises(Invalid, match="octroi ou un refus"):
        IPermitEvent.validateInvariants(Data())
    Data.event_type = "opinion_request"
    with pytest.raises(Invalid, match="instance consultée"):
        IPermitEvent.validateInvariants(Data())
    # An acknowledgement without publicity means none (created from its type and date).
    Data.event_type = "acknowledgement"
    IPermitEvent.validateInvariants(Data())  # nothing raised


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("62063B0421/02C000", True),
        ("62063B0421/00_000", True),
        ("62063b0421/02C000", False),
        ("62063B421/02C000", False),
        ("62063B0421-02C000", False),
        ("", False),
    ],
)
def test_capakeys_are_checked(value, valid):
    from communesplone.urban.content.permit import check_capakey

    if valid:
        assert check_capakey(value)
    else:
        with pytest.raises(Invalid):
            check_capakey(value)


def test_capakey_from_its_cadastral_fields():
    from communesplone.urban.content.permit import capakey
    from communesplone.urban.content.permit import parcel_parts

    assert capakey(62063, "b", 421, 2, "c", 0) == "62063B0421/02C000"
    assert capakey(62063, "B", 421) == "62063B0421/00_000"
    assert parcel_parts("62063B0421/02C000")["radical"] == "0421"


# Who sees and who changes a file, in every state.
STATES = ("new", "deposited", "incomplete", "instruction", "granted", "abandoned")
INSTRUCTORS = ("agent", "chef", "manager")
READERS = ("observer", "directeur")
OUTSIDERS = ("other_agent", "member")


def permit_in(urban, wanted):
    permit = urban.add_permit()
    steps = {
        "deposited": [("deposit", {})],
        "incomplete": [("deposit", {}), ("incomplete", {})],
        "instruction": [("deposit", {}), ("acknowledgement", {"publicity": "none"})],
        "granted": [
            ("deposit", {}),
            ("acknowledgement", {"publicity": "none"}),
            ("decision", {"outcome": "granted"}),
        ],
        "abandoned": [("deposit", {})],
    }.get(wanted, [])
    for day, (event_type, extra) in enumerate(steps, start=1):
        urban.add_event(permit, event_type, date(2025, 3, day), **extra)
    if wanted == "abandoned":
        api.content.transition(permit, transition="abandon")
    assert state(permit) == wanted
    return permit


@pytest.mark.parametrize("wanted", STATES)
def test_permission_matrix(urban, wanted):
    permit = permit_in(urban, wanted)
    for userid in INSTRUCTORS + READERS + OUTSIDERS:
        urban.login(userid)
        can = lambda permission: api.user.has_permission(permission, obj=permit)  # noqa: E731
        sees = bool(api.content.find(UID=permit.UID()))
        if userid in OUTSIDERS:
            assert not can("View") and not sees, userid
            continue
        assert can("View") and sees, userid
        writes = userid in INSTRUCTORS and wanted != "abandoned"
        assert can("Modify portal content") == writes, (userid, wanted)
        assert can("communesplone.urban: Add event") == writes, (userid, wanted)
        transitions = {
            t["id"] for t in api.portal.get_tool("portal_workflow").getTransitionsFor(permit)
        }
        expected = set()
        if userid in INSTRUCTORS:
            expected = {"reopen"} if wanted == "abandoned" else {"abandon"}
        assert transitions == expected, (userid, wanted)


def test_sharing_with_a_service_lets_it_read_only(urban):
    permit = urban.add_permit(readers=["finances"])
    urban.login("other_agent")
    assert api.user.has_permission("View", obj=permit)
    assert not api.user.has_permission("Modify portal content", obj=permit)
    assert [b.UID for b in api.content.find(portal_type="Permit")] == [permit.UID()]
    urban.login("member")
    assert not api.content.find(portal_type="Permit")


def test_only_the_urbanism_service_adds_files(urban):
    for userid, allowed in (("agent", True), ("manager", True), ("other_agent", False)):
        urban.login(userid)
        assert (
            api.user.has_permission("communesplone.urban: Add permit", obj=urban.folder) == allowed
        ), userid


def test_the_missing_documents_come_from_the_procedure_checklist(urban):
    from communesplone.urban.vocabularies import checklist

    permit = urban.add_permit()
    labels = [term.title for term in checklist(permit)]
    assert "Plans, coupes et élévations du projet" in labels
    certificate = urban.add_permit("Terrain", procedure="cu1")
    assert [term.value for term in checklist(certificate)] == ["request", "cadastre", "site_plan"]
    event = urban.add_event(permit, "incomplete", date(2025, 3, 10), missing_documents=["photos"])
    # The edit form of the step asks the same list (its file is found from the step).
    assert "photos" in [term.value for term in checklist(event)]
    assert event.missing_documents == ["photos"]
