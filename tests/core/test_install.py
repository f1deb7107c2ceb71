"""The suite installs, exposes its browser layer and uninstalls cleanly."""

from communesplone.core.interfaces import ICommunesPloneCoreLayer
from plone import api

import pytest


PACKAGE = "communesplone"


class TestInstall:
    def test_installed(self, portal):
        installer = api.content.get_view("installer", portal, portal.REQUEST)
        assert installer.is_product_installed(PACKAGE)

    def test_browser_layer(self, browser_layers):
        assert ICommunesPloneCoreLayer in browser_layers

    def test_restapi_installed(self, portal):
        setup = portal.portal_setup
        assert setup.getLastVersionForProfile("plone.restapi:default") != "unknown"

    def test_profile_versions(self, portal):
        setup = portal.portal_setup
        # Installed at the version each profile's metadata.xml declares.
        for profile in (
            "communesplone:default",
            "communesplone.core:default",
            "communesplone.meetings:default",
            "communesplone.urban:default",
        ):
            wanted = setup.getVersionForProfile(profile)
            assert setup.getLastVersionForProfile(profile) == (wanted,), profile

    def test_module_profiles_hidden(self, portal):
        installer = api.content.get_view("installer", portal, portal.REQUEST)
        ids = (
            [p["id"] for p in installer.get_available()]
            if hasattr(installer, "get_available")
            else []
        )
        assert "communesplone.core" not in ids

    def test_document_engine_settings(self, portal):
        from communesplone.core.documents import SETTINGS as prefix

        assert api.portal.get_registry_record(prefix + "oo_server") == "127.0.0.1"
        assert api.portal.get_registry_record(prefix + "oo_port_list")


class TestUninstall:
    @pytest.fixture(autouse=True)
    def uninstalled(self, portal):
        installer = api.content.get_view("installer", portal, portal.REQUEST)
        installer.uninstall_product(PACKAGE)
        return installer

    def test_not_installed(self, uninstalled):
        assert not uninstalled.is_product_installed(PACKAGE)

    def test_browser_layer_removed(self, browser_layers):
        assert ICommunesPloneCoreLayer not in browser_layers

    def test_commune_settings_removed(self, portal):
        assert "communesplone.commune.nis_code" not in portal.portal_registry
