"""Creating and upgrading commune sites through the Zope root's REST services."""

from communesplone.core.tenants.demo_users import create_demo_users
from communesplone.core.tenants.demo_users import DemoRefused
from communesplone.testing import second_commune_profile
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from zope.component.hooks import setSite

import pytest
import requests
import transaction


OPERATOR = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)


def post(server, path, payload, auth=OPERATOR):
    return requests.post(
        f"{server}/{path}",
        json=payload,
        auth=auth,
        headers={"Accept": "application/json"},
        timeout=120,
    )


def new_profile(site_id="bellecombe"):
    profile = second_commune_profile()
    profile.update(
        site_id=site_id, title="Commune de Bellecombe", commune_name="Bellecombe", nis_code="93097"
    )
    return profile


class TestCreate:
    def test_operator_creates_a_commune(self, server, tenants):
        response = post(server, "@commune-sites", new_profile())
        assert response.status_code == 201, response.text
        body = response.json()
        assert body["id"] == "bellecombe"
        assert body["commune_name"] == "Bellecombe"
        assert body["installed"] is True
        assert body["pending_upgrades"] == 0
        transaction.begin()  # see what the server committed
        site = tenants["app"]["bellecombe"]
        assert site.portal_registry["plone.default_language"] == "fr"
        assert site.portal_registry["plone.portal_timezone"] == "Europe/Brussels"
        setup = site.portal_setup
        assert setup.getLastVersionForProfile("plone.restapi:default") != "unknown"
        assert "fiche-commune" in site["modeles"]
        # A real commune gets no demo users.
        assert list(site.acl_users.source_users.getUserIds()) == []

    def test_invalid_profile_is_refused_in_french_and_changes_nothing(self, server, tenants):
        profile = new_profile()
        profile["nis_code"] = "12"
        profile["services"] = [{"code": "Travaux!", "title": "Travaux"}]
        response = post(server, "@commune-sites", profile)
        assert response.status_code == 400
        errors = response.json()["errors"]
        assert (
            "« nis_code » (Code INS (NIS)) : le code INS compte exactement cinq chiffres." in errors
        )
        assert any(error.startswith("« services[1].code »") for error in errors)
        transaction.begin()
        assert "bellecombe" not in tenants["app"].objectIds()

    def test_existing_site_id_is_refused(self, server):
        response = post(server, "@commune-sites", new_profile("valmont"))
        assert response.status_code == 400
        assert response.json()["errors"] == [
            "« site_id » : un site « valmont » existe déjà dans cette instance."
        ]

    def test_not_json(self, server):
        response = requests.post(
            f"{server}/@commune-sites",
            data="site_id=x",
            auth=OPERATOR,
            headers={"Accept": "application/json", "Content-Type": "application/json"},
            timeout=30,
        )
        assert response.status_code == 400

    @pytest.mark.parametrize("auth", [None, ("bourgmestre", "demodemo"), ("admin", "demodemo")])
    def test_only_the_operator_creates_sites(self, server, tenants, auth):
        response = post(server, "@commune-sites", new_profile(), auth=auth)
        assert response.status_code == 401
        transaction.begin()
        assert "bellecombe" not in tenants["app"].objectIds()

    def test_listing_needs_the_operator(self, server):
        anonymous = requests.get(
            f"{server}/@commune-sites", headers={"Accept": "application/json"}, timeout=30
        )
        assert anonymous.status_code == 401

    def test_a_commune_site_can_be_deleted(self, server, tenants):
        assert post(server, "@commune-sites", new_profile()).status_code == 201
        transaction.begin()
        app = tenants["app"]
        app.manage_delObjects(["bellecombe"])
        transaction.commit()
        assert "bellecombe" not in app.objectIds()


class TestDemoUsers:
    def test_refused_on_a_real_commune(self, tenants):
        site = tenants["app"]["autreville"]
        setSite(site)
        with pytest.raises(DemoRefused, match="démonstration"):
            create_demo_users(site)
        assert list(site.acl_users.source_users.getUserIds()) == []

    def test_demo_commune_has_every_demo_user(self, tenants):
        site = tenants["app"]["valmont"]
        ids = set(site.acl_users.source_users.getUserIds())
        expected = {
            "admin",
            "dg",
            "secretariat",
            "bourgmestre",
            "echevin1",
            "conseiller1",
            "conseiller2",
            "agent.travaux",
            "chef.travaux",
            "agent.urbanisme",
            "chef.urbanisme",
            "courrier",
            "agent.finances",
        }
        assert ids == expected
        assert site.acl_users.authenticate("dg", "demodemo", site.REQUEST) is not None
        roles = site.acl_users.getUserById("admin").getRoles()
        assert "Site Administrator" in roles and "Manager" not in roles


class TestUpgrade:
    def test_upgrade_all(self, server):
        response = post(server, "@commune-sites-upgrade", {"all": True})
        assert response.status_code == 200
        ids = sorted(item["id"] for item in response.json()["items"])
        assert ids == ["autreville", "plone", "valmont"]
        valmont = [item for item in response.json()["items"] if item["id"] == "valmont"][0]
        assert valmont["profiles"]["communesplone:default"] == {
            "from": "20261128001",
            "to": "20261128001",
        }

    def test_unknown_site(self, server):
        response = post(server, "@commune-sites-upgrade", {"sites": ["nulle-part"]})
        assert response.status_code == 400
        assert response.json()["errors"] == ["Aucun site « nulle-part » dans cette instance."]
