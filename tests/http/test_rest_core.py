"""The core's types through plone.restapi, with their permissions and rules."""

from httphelpers import rest
from plone import api
from zope.component.hooks import setSite

import requests
import transaction


ADMIN = ("admin", "demodemo")
COUNCILLOR = ("conseiller1", "demodemo")


def patch(url, payload, auth):
    return requests.patch(
        url, json=payload, auth=auth, headers={"Accept": "application/json"}, timeout=30
    )


def test_service_reads_with_its_code(server):
    body = rest(f"{server}/valmont", "organigramme/travaux", auth=COUNCILLOR).json()
    assert body["@type"] == "Service"
    assert body["code"] == "travaux"
    assert body["title"] == "Travaux"


def test_service_code_cannot_change_through_rest(server, tenants):
    response = patch(f"{server}/valmont/organigramme/travaux", {"code": "voirie"}, ADMIN)
    assert response.status_code == 400
    assert "ne change pas" in response.text
    transaction.begin()
    assert tenants["app"]["valmont"]["organigramme"]["travaux"].code == "travaux"


def test_renaming_a_service_through_rest_retitles_its_groups(server, tenants):
    response = patch(
        f"{server}/valmont/organigramme/travaux", {"title": "Travaux et voiries"}, ADMIN
    )
    assert response.status_code == 204
    transaction.begin()
    setSite(tenants["app"]["valmont"])
    assert (
        api.group.get(groupname="travaux_agents").getProperty("title")
        == "Travaux et voiries — agents"
    )


def test_councillors_read_but_do_not_edit_the_directory(server):
    person = rest(f"{server}/valmont", "annuaire/francoise-lambert", auth=COUNCILLOR)
    assert person.status_code == 200
    assert person.json()["lastname"] == "Lambert"
    refused = patch(f"{server}/valmont/annuaire/francoise-lambert", {"phone": "0"}, COUNCILLOR)
    assert refused.status_code in (401, 403)


def test_the_directory_is_closed_to_anonymous(server):
    assert rest(f"{server}/valmont", "annuaire/francoise-lambert").status_code == 401
    search = rest(f"{server}/valmont", "@search", params={"portal_type": "Person"}).json()
    assert search["items_total"] == 0


def test_the_secretariat_adds_a_person_and_a_mandate(server):
    created = requests.post(
        f"{server}/valmont/annuaire",
        json={"@type": "Person", "firstname": "Zoé", "lastname": "Nouvelle"},
        auth=("secretariat", "demodemo"),
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert created.status_code == 201, created.text
    mandate = requests.post(
        created.json()["@id"],
        json={
            "@type": "Mandate",
            "body": "council",
            "role": "conseiller",
            "mandate_start": "2026-01-05",
        },
        auth=("secretariat", "demodemo"),
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert mandate.status_code == 201, mandate.text
    assert mandate.json()["mandate_start"] == "2026-01-05"
    assert mandate.json()["title"] == "Conseiller communal (05/01/2026 – …)"
    assert created.json()["title"] == "Zoé Nouvelle"
    person = rest(created.json()["@id"], auth=("secretariat", "demodemo")).json()
    assert [item["title"] for item in person["items"]] == ["Conseiller communal (05/01/2026 – …)"]
