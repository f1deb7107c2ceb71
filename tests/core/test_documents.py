"""Documents through collective.documentgenerator and a LibreOffice server of the tests' own."""

from communesplone.core import documents
from communesplone.core.instance import default_uno_python
from pathlib import Path
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import io
import pytest
import subprocess
import zipfile


SCREENSHOTS = Path(__file__).parents[2] / "var" / "screenshots"


@pytest.fixture
def wired(portal, office_port, monkeypatch):
    monkeypatch.setenv("OO_PORT", str(office_port))
    documents.configure_office()
    setRoles(portal, TEST_USER_ID, ["Member"])
    return portal


def test_core_template_is_installed(portal):
    template = documents.templates_folder()["fiche-commune"]
    assert template.portal_type == "ConfigurablePODTemplate"
    assert set(template.pod_formats) == {"odt", "pdf", "docx"}


@pytest.mark.parametrize(
    "roles, view, modify, add",
    [
        (["Member"], False, False, False),
        (["Member", "Owner"], False, False, False),
        (["Editor", "Contributor"], False, False, False),
        (["Site Administrator"], True, False, False),
        (["Manager"], True, True, True),
    ],
)
def test_only_the_operator_changes_templates(portal, roles, view, modify, add):
    """Templates are code: a commune administrator reads them, only a Manager edits."""
    template = documents.templates_folder()["fiche-commune"]
    template.manage_setLocalRoles(TEST_USER_ID, ["Owner"]) if "Owner" in roles else None
    setRoles(portal, TEST_USER_ID, [role for role in roles if role != "Owner"])
    assert api.content.get_state(template) == "protected"
    assert api.user.has_permission("View", obj=template) is view
    assert api.user.has_permission("Modify portal content", obj=template) is modify
    assert api.user.has_permission("communesplone: Manage document templates", obj=portal) is add


def test_registry_points_at_the_office_server(wired, office_port):
    prefix = documents.SETTINGS
    assert api.portal.get_registry_record(prefix + "oo_port_list") == str(office_port)
    assert api.portal.get_registry_record(prefix + "uno_path") == default_uno_python()


@pytest.mark.office
def test_odt_carries_the_commune(wired):
    data = documents.generate(wired, "fiche-commune", "odt")
    content = zipfile.ZipFile(io.BytesIO(data)).read("content.xml").decode("utf-8")
    assert "Valmont" in content
    assert "93099" in content
    assert "Identité de la commune" in content


@pytest.mark.office
def test_pdf_through_libreoffice(wired, tmp_path):
    data = documents.generate(wired, "fiche-commune", "pdf")
    assert data.startswith(b"%PDF")
    pdf = tmp_path / "fiche.pdf"
    pdf.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Valmont" in text
    assert "Code INS : 93099" in text
    # A picture of the first page, for the documentation (`make docs`).
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "50",
            "-singlefile",
            str(pdf),
            str(SCREENSHOTS / "fiche-commune"),
        ],
        check=True,
    )
    assert (SCREENSHOTS / "fiche-commune.png").stat().st_size > 5_000


def test_anonymous_visitors_get_no_document(portal):
    from plone.app.testing import logout

    template = documents.templates_folder()["fiche-commune"]
    assert template.can_be_generated(portal)
    logout()
    assert not template.can_be_generated(portal)


def test_templates_installed_before_the_rule_get_it_on_upgrade(portal):
    from communesplone.core.upgrades import templates_for_members_only

    template = documents.templates_folder()["fiche-commune"]
    template.tal_condition = ""
    templates_for_members_only(None)
    assert template.tal_condition == documents.MEMBERS_ONLY
