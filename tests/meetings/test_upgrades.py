"""Upgrade steps bring a site made by an older version to the current profile."""

from plone import api


def test_preferred_meeting_index_upgrade(world):
    item = world.validated_item(preferred_meeting=world.meeting.UID())
    catalog = api.portal.get_tool("portal_catalog")
    setup = api.portal.get_tool("portal_setup")
    catalog.delIndex("preferred_meeting")
    catalog.delColumn("preferred_meeting")
    setup.setLastVersionForProfile("communesplone.meetings:default", "20261128001")

    setup.upgradeProfile("communesplone.meetings:default")

    assert setup.getLastVersionForProfile("communesplone.meetings:default") == (
        setup.getVersionForProfile("communesplone.meetings:default"),
    )
    (brain,) = catalog.unrestrictedSearchResults(preferred_meeting=world.meeting.UID())
    assert item.UID() == brain.UID
    assert brain.preferred_meeting == world.meeting.UID()


def test_a_site_made_before_a_module_existed_gets_it_on_upgrade(portal):
    from communesplone.core.tenants import sites

    setup = api.portal.get_tool("portal_setup")
    setup.unsetLastVersionForProfile("communesplone.meetings:default")
    assert sites.missing_modules(portal) == ["communesplone.meetings:default"]
    assert sites.pending_upgrades(portal) >= 1

    report = sites.upgrade_site(portal)

    assert report["profiles"]["communesplone.meetings:default"]["from"] == ""
    assert setup.getLastVersionForProfile("communesplone.meetings:default") == (
        setup.getVersionForProfile("communesplone.meetings:default"),
    )
    assert sites.missing_modules(portal) == []
    assert sites.pending_upgrades(portal) == 0
