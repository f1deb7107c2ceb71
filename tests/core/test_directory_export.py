"""The directory's export over HTTP: the CSV and the ODS hold the people the listing shows
with its filters, never anything to anonymous visitors, and a bad parameter is a 400."""

from communesplone.core import structure
from datetime import date
from exporthelpers import csv_rows
from exporthelpers import ods_rows
from exporthelpers import page_rows
from httphelpers import assert_bad_parameter
from httphelpers import browser_login
from plone import api
from plone.dexterity.utils import createContentInContainer
from worlds import populate

import html as htmllib
import pytest
import re
import requests
import transaction


PASSWORD = "password1"


def link(html: str, link_id: str) -> str:
    found = re.search(rf'<a[^>]*id="{link_id}"[^>]*>', html)
    assert found, link_id
    return htmllib.unescape(re.search(r'href="([^"]+)"', found.group(0)).group(1))


class People:
    """The directory with a political group, a councillor and a person without mandate."""


def build(portal):
    populate(portal, (("travaux", "Travaux"),), {"agent": ("travaux_agents",)})
    world = People()
    directory = structure.directory()
    world.group = api.content.create(
        container=directory,
        type="Organization",
        id="ve",
        title="Valmont Ensemble",
        kind="political_group",
    )
    anna = createContentInContainer(directory, "Person", firstname="Anna", lastname="Lambert")
    createContentInContainer(
        anna,
        "Mandate",
        body="council",
        role="conseiller",
        mandate_start=date(2024, 12, 2),
        political_group=world.group.UID(),
    )
    createContentInContainer(directory, "Person", firstname="Bruno", lastname="Lemaire")
    return world


@pytest.fixture
def people(functional):
    from httphelpers import committed_world

    world = committed_world(functional, build)
    world.directory_url = f"{world.url}/{structure.DIRECTORY_ID}"
    transaction.commit()
    return world


@pytest.mark.parametrize(
    "params, names",
    [
        ({}, ["Anna Lambert", "Bruno Lemaire"]),
        ({"q": "lamb"}, ["Anna Lambert"]),
        ({"body": "council"}, ["Anna Lambert"]),
        ({"q": "bruno"}, ["Bruno Lemaire"]),
        ({"body": "college"}, []),
    ],
)
def test_the_export_holds_the_people_listed(people, params, names):
    session = browser_login(people.url, "agent", PASSWORD)
    response = session.get(f"{people.directory_url}/@@annuaire", params=params, timeout=30)
    assert response.status_code == 200
    html = response.text
    rows = page_rows(html, "directory-people")
    assert [row[0] for row in rows] == names
    csv_link, ods_link = link(html, "directory-export-csv"), link(html, "directory-export-ods")
    for name, value in params.items():
        assert f"{name}={value}" in csv_link and f"{name}={value}" in ods_link
    csv = csv_rows(session.get(csv_link, timeout=30))
    ods = ods_rows(session.get(ods_link, timeout=30))
    assert csv[0] == ["Personne", "Mandats en cours"]
    assert csv == ods and csv[1:] == rows


def test_the_political_group_filter(people):
    session = browser_login(people.url, "agent", PASSWORD)
    response = session.get(
        f"{people.directory_url}/@@annuaire-export",
        params={"group": people.group.UID()},
        timeout=30,
    )
    assert csv_rows(response)[1:] == [["Anna Lambert", "Conseiller communal (02/12/2024 – …)"]]


def test_anonymous_visitors_export_nobody(people):
    for fmt in ("csv", "ods"):
        response = requests.get(
            f"{people.directory_url}/@@annuaire-export",
            params={"format": fmt},
            allow_redirects=False,
            timeout=30,
        )
        assert response.status_code in (302, 401, 403)
        assert b"Lambert" not in response.content


@pytest.mark.parametrize(
    "query, name",
    [
        ("q:list=a&q:list=b", "q"),
        ("body.kind:record=college", "body"),
        ("format:list=ods", "format"),
    ],
)
def test_a_bad_parameter_is_a_400(people, query, name):
    session = browser_login(people.url, "agent", PASSWORD)
    response = session.get(f"{people.directory_url}/@@annuaire-export?{query}", timeout=30)
    assert_bad_parameter(response, name)
