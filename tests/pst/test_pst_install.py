"""The PST profile: its reports, and its folder on a commune site that predates it."""

from plone import api


def test_a_commune_site_upgraded_to_the_pst_gets_its_folder_and_reports(portal):
    setup = api.portal.get_tool("portal_setup")
    assert "pst" not in portal.objectIds()  # a bare site, not a commune's: nothing made
    api.portal.set_registry_record("communesplone.commune.commune_name", "Valmont")
    setup.runAllImportStepsFromProfile("profile-communesplone.pst:default")
    assert portal["pst"].portal_type == "PSTFolder"
    table = portal["modeles"]["pst-tableau-de-suivi"]
    assert table.odt_file.contentType == "application/vnd.oasis.opendocument.spreadsheet"
    # Run again (another upgrade): nothing is duplicated or replaced.
    uid = portal["pst"].UID()
    setup.runAllImportStepsFromProfile("profile-communesplone.pst:default")
    assert portal["pst"].UID() == uid
    assert [i for i in portal["modeles"].objectIds() if i.startswith("pst-")] == [
        "pst-detaille",
        "pst-tableau-de-suivi",
        "pst-etat-avancement",
        "pst-evaluation",
    ]
