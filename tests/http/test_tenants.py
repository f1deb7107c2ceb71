"""Two commune sites in one Zope: nothing of one is reachable with the other's users."""

from httphelpers import browser_login
from httphelpers import rest
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from zope.component.hooks import setSite

import pytest
import transaction


BOURGMESTRE = ("bourgmestre", "demodemo")
AUTREVILLE_AGENT = ("agent.autreville", "autreville-secret")


@pytest.fixture
def apps(tenants):
    return tenants["app"]


@pytest.fixture
def populated(apps):
    """A private file in Valmont and a user in Autreville, committed for the server."""
    valmont, autreville = apps["valmont"], apps["autreville"]
    login(apps, SITE_OWNER_NAME)
    try:
        setSite(valmont)
        if "budget-confidentiel" not in valmont:
            api.content.create(
                container=valmont,
                type="Document",
                id="budget-confidentiel",
                title="Budget confidentiel de Valmont",
            )
            transaction.commit()
        setSite(autreville)
        if api.user.get(userid=AUTREVILLE_AGENT[0]) is None:
            autreville.acl_users._doAddUser(
                AUTREVILLE_AGENT[0], AUTREVILLE_AGENT[1], ["Member", "Site Administrator"], []
            )
        transaction.commit()
    finally:
        logout()
    return apps


class TestTwoCommunes:
    def test_both_sites_exist_with_their_identity(self, server):
        sites = rest(server, "@commune-sites", auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD)).json()
        by_id = {item["id"]: item for item in sites["items"]}
        assert by_id["valmont"]["nis_code"] == "93099"
        assert by_id["valmont"]["demo"] is True
        assert by_id["autreville"]["nis_code"] == "93098"
        assert by_id["autreville"]["demo"] is False
        assert by_id["autreville"]["distribution"] == "communesplone"

    def test_restapi_works_for_own_users(self, server):
        response = rest(f"{server}/valmont", auth=BOURGMESTRE)
        assert response.status_code == 200
        assert response.json()["@id"].endswith("/valmont")

    def test_no_demo_users_on_a_real_commune(self, server):
        response = rest(
            f"{server}/autreville",
            "@users/bourgmestre",
            auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
        )
        assert response.status_code == 404

    def test_rest_treats_the_other_communes_user_as_anonymous(self, server, populated):
        # Each user reads their own account in their own commune…
        assert rest(f"{server}/valmont", "@users/bourgmestre", auth=BOURGMESTRE).status_code == 200
        assert (
            rest(
                f"{server}/autreville", f"@users/{AUTREVILLE_AGENT[0]}", auth=AUTREVILLE_AGENT
            ).status_code
            == 200
        )
        # …and is nobody in the other one.
        assert (
            rest(f"{server}/autreville", "@users/bourgmestre", auth=BOURGMESTRE).status_code == 401
        )
        assert (
            rest(
                f"{server}/valmont", f"@users/{AUTREVILLE_AGENT[0]}", auth=AUTREVILLE_AGENT
            ).status_code
            == 401
        )
        assert (
            rest(f"{server}/valmont", "budget-confidentiel", auth=AUTREVILLE_AGENT).status_code
            == 401
        )

    def test_login_form_refuses_the_other_communes_user(self, server):
        session = browser_login(f"{server}/autreville", *BOURGMESTRE)
        assert "__ac" not in session.cookies
        me = session.get(
            f"{server}/autreville/@@personal-information", timeout=30, allow_redirects=False
        )
        assert me.status_code in (302, 401)

    def test_session_cookie_does_not_cross_communes(self, server):
        session = browser_login(f"{server}/valmont", *BOURGMESTRE)
        assert "__ac" in session.cookies
        own = session.get(
            f"{server}/valmont/@@personal-information", timeout=30, allow_redirects=False
        )
        assert own.status_code == 200
        other = session.get(
            f"{server}/autreville/@@personal-information", timeout=30, allow_redirects=False
        )
        assert other.status_code in (302, 401)

    def test_search_never_crosses_communes(self, server, populated):
        admin = ("admin", "demodemo")
        found = rest(
            f"{server}/valmont", "@search", auth=admin, params={"SearchableText": "confidentiel"}
        )
        assert [item["title"] for item in found.json()["items"]] == [
            "Budget confidentiel de Valmont"
        ]
        other = rest(
            f"{server}/autreville",
            "@search",
            auth=AUTREVILLE_AGENT,
            params={"SearchableText": "confidentiel"},
        )
        assert other.status_code == 200
        assert other.json()["items_total"] == 0
        crossed = rest(
            f"{server}/valmont",
            "@search",
            auth=AUTREVILLE_AGENT,
            params={"SearchableText": "confidentiel"},
        )
        assert crossed.json()["items_total"] == 0

    def test_private_content_hidden_from_anonymous(self, server, populated):
        response = rest(f"{server}/valmont", "budget-confidentiel")
        assert response.status_code == 401


def test_work_on_several_sites_is_indexed_in_each_own_catalog(tenants, server):
    """Without on_site, a document of Valmont queued for indexing and committed while
    Autreville is the current site lands in Autreville's catalog (seen before the fix)."""
    from communesplone.core.tenants.sites import on_site

    app = tenants["app"]
    login(app, SITE_OWNER_NAME)
    try:
        with on_site(app["valmont"]) as site:
            api.content.create(
                container=site, type="Document", id="note-multisite", title="Note multisite"
            )
        setSite(app["autreville"])
        transaction.commit()
    finally:
        logout()
    query = {"SearchableText": "multisite"}
    own = rest(f"{server}/valmont", "@search", auth=("admin", "demodemo"), params=query).json()
    assert [item["title"] for item in own["items"]] == ["Note multisite"]
    other = rest(
        f"{server}/autreville", "@search", auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD), params=query
    ).json()
    assert other["items_total"] == 0
