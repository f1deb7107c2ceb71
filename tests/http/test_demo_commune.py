"""The demo commune: its organisation chart, council, groups and each user's dashboard."""

from communesplone.core import mandates
from httphelpers import browser_login
from httphelpers import rest
from plone import api
from zope.component.hooks import setSite

import pytest
import requests


@pytest.fixture
def valmont(tenants):
    site = tenants["app"]["valmont"]
    setSite(site)
    return site


def members(group_id):
    return set(api.group.get(groupname=group_id).getGroupMemberIds())


def test_services_and_their_groups(valmont):
    codes = {b.service_code for b in api.content.find(portal_type="Service")}
    assert {"secretariat", "finances", "travaux", "urbanisme", "environnement"} <= codes
    environment = api.content.find(portal_type="Service", service_code="environnement")[0]
    assert environment.service_parent == "urbanisme"
    for code in codes:
        assert api.group.get(groupname=f"{code}_managers") is not None


def test_council_and_college(valmont):
    in_force = mandates.mandates_in_force()
    council = [b for b in in_force if b.mandate_body == "council"]
    college = sorted(b.mandate_role for b in in_force if b.mandate_body == "college")
    assert len(council) == 21
    assert college == ["bourgmestre", "echevin", "echevin", "echevin", "echevin", "president_cpas"]
    groups = api.content.find(portal_type="Organization", organization_kind="political_group")
    assert len(groups) == 3
    # Henri Bodart resigned: his mandate exists but is no longer in force.
    bodart = api.content.find(
        portal_type="Mandate", path="/".join(valmont["annuaire"]["henri-bodart"].getPhysicalPath())
    )
    assert len(bodart) == 1 and bodart[0].getPath() not in {b.getPath() for b in in_force}


def test_demo_users_are_in_their_groups(valmont):
    assert members("college") == {"bourgmestre", "echevin1"}
    assert {"bourgmestre", "echevin1", "conseiller1", "conseiller2"} == members("council")
    assert "dg" in members("direction")
    assert "secretariat" in members("meeting_managers")
    assert "courrier" in members("mail_registrars")
    assert "agent.travaux" in members("travaux_agents")
    assert "chef.travaux" in members("travaux_managers")
    assert "chef.urbanisme" in members("urbanisme_managers")
    assert "agent.finances" in members("finances_agents")


def test_login_leads_to_the_dashboard(server):
    session = browser_login(f"{server}/valmont", "bourgmestre", "demodemo")
    dashboard = session.get(f"{server}/valmont/tableau-de-bord", timeout=30)
    assert "Mon tableau de bord" in dashboard.text
    assert "Mes mandats" in dashboard.text
    assert "Bourgmestre (02/12/2024" in dashboard.text
    assert "Mes services" not in dashboard.text


def test_redirect_after_login_goes_to_the_dashboard(server):
    session = requests.Session()
    from httphelpers import form_fields

    page = session.get(f"{server}/valmont/login", timeout=30)
    data = form_fields(page.text, "LoginForm")
    data.update(
        {"__ac_name": "agent.travaux", "__ac_password": "demodemo", "buttons.login": "Log in"}
    )
    response = session.post(f"{server}/valmont/login", data=data, timeout=30)
    assert response.url.endswith("/valmont/tableau-de-bord")
    assert "Mes services" in response.text
    assert "Travaux" in response.text and "(agents)" in response.text
    assert "Mes mandats" not in response.text


def test_anonymous_has_no_dashboard_nor_directory(server):
    dashboard = requests.get(f"{server}/valmont/tableau-de-bord", timeout=30, allow_redirects=False)
    assert dashboard.status_code in (302, 401)
    directory = requests.get(f"{server}/valmont/annuaire", timeout=30, allow_redirects=False)
    assert directory.status_code in (302, 401)


def test_the_other_commune_has_none_of_valmont(tenants):
    site = tenants["app"]["autreville"]
    setSite(site)
    assert len(api.content.find(portal_type="Person")) == 0
    assert [b.service_code for b in api.content.find(portal_type="Service")] == ["secretariat"]
    assert members("council") == set()


def test_assemblies_of_the_demo_commune(valmont):
    college, council = valmont["college"], valmont["conseil"]
    assert (college.portal_type, college.kind, college.Title()) == (
        "Assembly",
        "college",
        "Collège communal",
    )
    assert council.kind == "council"
    assert council.category_titles()[0] == "Approbation du procès-verbal"
    assert "Finances" in college.category_titles()
    assert college.send_to == "conseil"
    assert council.send_to is None


def test_demo_meetings_and_items_in_every_state(valmont):
    search = valmont.portal_catalog.unrestrictedSearchResults
    meetings = search(portal_type="Meeting")
    states = sorted(b.review_state for b in meetings if "/college/" in b.getPath())
    assert states == ["closed", "created", "decided", "frozen"]
    items = search(portal_type="MeetingItem")
    assert 38 <= len(items) <= 45
    item_states = {b.review_state for b in items}
    assert item_states == {
        "draft",
        "proposed",
        "validated",
        "presented",
        "frozen",
        "accepted",
        "accepted_amended",
        "refused",
        "postponed",
        "withdrawn",
    }
    late = [b for b in items if b.item_list_type == "late"]
    assert [b.Title for b in late] == ["Intempéries : mesures urgentes rue du Ruisseau"]
    assert any(b.item_privacy == "secret" for b in items)


def test_demo_agendas_follow_the_members(server):
    college_meetings = rest(
        f"{server}/valmont",
        "@search",
        auth=("echevin1", "demodemo"),
        params={"portal_type": "Meeting", "path": "/valmont/college"},
    ).json()
    # The échevin sees the college's frozen, decided and closed meetings, not the new one.
    assert college_meetings["items_total"] == 3
    councillor = rest(
        f"{server}/valmont",
        "@search",
        auth=("conseiller1", "demodemo"),
        params={"portal_type": "MeetingItem", "item_privacy": "secret"},
    ).json()
    # A councillor sees the council's closed huis clos item, none of the college's.
    assert [i["title"] for i in councillor["items"]] == [
        "Désignation d'un directeur d'école à titre temporaire"
    ]
