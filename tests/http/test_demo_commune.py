"""The demo commune: its organisation chart, council, groups and each user's dashboard."""

from communesplone.core import mandates
from conftest import browser_login
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
    from conftest import form_fields

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
