"""Directory: people and mandates, groups that follow the mandates, listing, CSV import."""

from communesplone.core import mandates
from communesplone.core import structure
from communesplone.core.content.directory import IMandate
from communesplone.core.directory_import import parse_csv
from datetime import date
from datetime import timedelta
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.dexterity.utils import createContentInContainer
from zope.event import notify
from zope.interface import Invalid
from zope.lifecycleevent import ObjectModifiedEvent

import pytest


@pytest.fixture
def directory(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    return structure.directory()


def add_person(directory, firstname, lastname, **extra):
    return createContentInContainer(
        directory, "Person", firstname=firstname, lastname=lastname, **extra
    )


def add_mandate(person, body, role, start, end=None, **extra):
    return createContentInContainer(
        person,
        "Mandate",
        body=body,
        role=role,
        mandate_start=start,
        mandate_end=end,
        **extra,
    )


def test_person_title_and_id(directory):
    person = add_person(directory, "Émilie", "Wéry")
    assert person.Title() == "Émilie Wéry"
    assert person.getId() == "emilie-wery"


def test_groups_follow_mandates_in_force(directory):
    api.user.create(email="m@valmont.example", username="marc.x", password="secret-pass")
    person = add_person(directory, "Marc", "X", userid="marc.x")
    council = add_mandate(person, "council", "conseiller", date(2024, 12, 2))
    assert "marc.x" in api.group.get(groupname="council").getGroupMemberIds()
    assert "marc.x" not in api.group.get(groupname="college").getGroupMemberIds()

    college = add_mandate(person, "college", "echevin", date(2024, 12, 2))
    assert "marc.x" in api.group.get(groupname="college").getGroupMemberIds()

    college.mandate_end = date.today() - timedelta(days=1)
    notify(ObjectModifiedEvent(college))
    assert "marc.x" not in api.group.get(groupname="college").getGroupMemberIds()
    assert "marc.x" in api.group.get(groupname="council").getGroupMemberIds()

    api.content.delete(obj=council)
    assert "marc.x" not in api.group.get(groupname="council").getGroupMemberIds()


def test_a_mandate_starting_later_counts_from_its_first_day(directory):
    person = add_person(directory, "Futur", "Élu", userid="futur")
    start = date.today() + timedelta(days=10)
    add_mandate(person, "council", "conseiller", start)
    assert [b.Title for b in mandates.mandates_in_force(date.today())] == []
    assert len(mandates.mandates_in_force(start)) == 1
    assert mandates.wanted_assembly_members(start)["council"] == {"futur"}


def test_mandate_rules():
    class Data:
        body = "council"
        role = "bourgmestre"
        mandate_start = date(2024, 12, 2)
        mandate_end = None

    with pytest.raises(Invalid):
        IMandate.validateInvariants(Data())
    Data.body = "college"
    IMandate.validateInvariants(Data())
    Data.mandate_end = date(2020, 1, 1)
    with pytest.raises(Invalid):
        IMandate.validateInvariants(Data())


def test_directory_listing_filters(directory, http_request):
    group = api.content.create(
        container=directory,
        type="Organization",
        id="ve",
        title="Valmont Ensemble",
        kind="political_group",
    )
    anna = add_person(directory, "Anna", "Lambert")
    add_mandate(anna, "council", "conseiller", date(2024, 12, 2), political_group=group.UID())
    add_person(directory, "Bruno", "Lemaire")
    view = api.content.get_view("annuaire", directory, http_request)
    assert [p["title"] for p in view.people()] == ["Anna Lambert", "Bruno Lemaire"]
    http_request.form["q"] = "lamb"
    assert [p["title"] for p in view.people()] == ["Anna Lambert"]
    http_request.form.update(q="", body="council")
    people = view.people()
    assert [p["title"] for p in people] == ["Anna Lambert"]
    assert people[0]["mandates"] == ["Conseiller communal (02/12/2024 – …)"]
    http_request.form.update(body="", group=group.UID())
    assert [p["title"] for p in view.people()] == ["Anna Lambert"]
    assert "Anna Lambert" in view()


def test_directory_is_not_public(directory):
    from plone.app.testing import logout

    add_person(directory, "Anna", "Lambert")
    logout()
    assert not api.user.has_permission("View", obj=directory["anna-lambert"])


CSV = (
    "prenom;nom;genre;email;telephone\n"
    "Anne;Dumont;F;anne.dumont@valmont.example;081 00 00 01\n"
    ";Sansprenom;;;\n"
    "Paul;Martin;Q;paul@;\n"
    "Anne;Dumont;F;;\n"
    "Luc;Noël;M;;\n"
).encode("cp1252")


def test_csv_preview_reports_rejected_rows(directory):
    preview = parse_csv(CSV, directory)
    assert [item["row"]["lastname"] for item in preview.accepted] == ["Dumont", "Noël"]
    reasons = {item["line"]: item["reasons"] for item in preview.rejected}
    assert reasons[3] == ["prénom et nom obligatoires"]
    assert reasons[4] == [
        "genre « Q » inconnu (F, M ou X)",
        "adresse électronique « paul@ » invalide",
    ]
    assert reasons[5] == ["personne en double dans le fichier"]


def test_csv_without_required_columns(directory):
    preview = parse_csv(b"name,email\nx,y\n", directory)
    assert preview.errors == [
        "L'en-tête doit contenir au moins les colonnes « prenom » et « nom »."
    ]
    assert preview.accepted == []


def test_csv_import_through_the_view(directory, http_request):
    from io import BytesIO
    from plone.protect.authenticator import createToken

    class Upload(BytesIO):
        filename = "personnes.csv"

    http_request.method = "POST"
    http_request.form.update({"_authenticator": createToken(), "csvfile": Upload(CSV)})
    view = api.content.get_view("importer-csv", directory, http_request)
    html = view()
    assert "Lignes rejetées" in html and "paul@" in html
    assert "anne-dumont" not in directory  # a preview writes nothing
    http_request.form = {
        "_authenticator": createToken(),
        "form.buttons.confirm": "1",
        "data": view.data,
    }
    view = api.content.get_view("importer-csv", directory, http_request)
    view()
    people = [o.Title() for o in directory.objectValues() if o.portal_type == "Person"]
    assert sorted(people) == ["Anne Dumont", "Luc Noël"]
    # The same file again: everyone is already there.
    again = parse_csv(CSV, directory)
    assert again.accepted == []


def test_csv_import_refused_without_token(directory, http_request):
    from zExceptions import Forbidden

    http_request.method = "POST"
    http_request.form.update({"form.buttons.confirm": "1", "data": ""})
    view = api.content.get_view("importer-csv", directory, http_request)
    with pytest.raises(Forbidden):
        view()
