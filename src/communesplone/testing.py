"""Test layers: one Plone site with the suite installed, and two commune sites in one Zope."""

from communesplone.core.tenants.demo_users import create_demo_users
from communesplone.core.tenants.profile import demo_profile_path
from communesplone.core.tenants.profile import load_profile
from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import PLONE_FIXTURE
from plone.app.testing import PloneSandboxLayer
from plone.app.testing import SITE_OWNER_NAME
from plone.testing.zope import WSGI_SERVER_FIXTURE
from zope.component.hooks import setSite

import os


# Compile the .po catalogs when the translation domains are registered.
os.environ.setdefault("zope_i18n_compile_mo_files", "true")


def second_commune_profile() -> dict:
    """A small, non-demo commune for tests that need two tenants."""
    return {
        "site_id": "autreville",
        "title": "Commune d'Autreville",
        "commune_name": "Autreville",
        "nis_code": "93098",
        "population": 3400,
        "default_language": "fr",
        "portal_timezone": "Europe/Brussels",
        "setup_content": False,
        "services": [{"code": "secretariat", "title": "Secrétariat communal"}],
    }


class CommunesPloneLayer(PloneSandboxLayer):
    """Plone's test site with the suite installed as on a demo commune."""

    defaultBases = (PLONE_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        import communesplone

        self.loadZCML(package=communesplone)
        self.loadZCML(name="testing.zcml", package=communesplone)

    def setUpPloneSite(self, portal):
        applyProfile(portal, "communesplone:default")
        # Commune sites speak French, as the distribution sets them up.
        portal.portal_registry["plone.default_language"] = "fr"
        portal.portal_registry["plone.available_languages"] = ["fr"]
        portal.portal_registry["communesplone.commune.commune_name"] = "Valmont"
        portal.portal_registry["communesplone.commune.nis_code"] = "93099"
        portal.portal_registry["communesplone.commune.demo"] = True
        create_demo_users(portal)


COMMUNESPLONE_FIXTURE = CommunesPloneLayer()
INTEGRATION_TESTING = IntegrationTesting(
    bases=(COMMUNESPLONE_FIXTURE,), name="CommunesPlone:Integration"
)
FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(COMMUNESPLONE_FIXTURE, WSGI_SERVER_FIXTURE), name="CommunesPlone:Functional"
)


class TenantsLayer(PloneSandboxLayer):
    """Two commune sites created through the distribution: Valmont (demo) and Autreville."""

    defaultBases = (COMMUNESPLONE_FIXTURE,)

    def setUpPloneSite(self, portal):
        from communesplone.core.tenants.sites import create_site

        app = portal.aq_parent
        # Sites are created by the Zope root's Manager, as the operator does.
        login(app, SITE_OWNER_NAME)
        create_site(app, load_profile(demo_profile_path()))
        create_site(app, second_commune_profile())
        logout()
        setSite(portal)


TENANTS_FIXTURE = TenantsLayer()
TENANTS_FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(TENANTS_FIXTURE, WSGI_SERVER_FIXTURE), name="CommunesPlone:Tenants"
)
