"""The export of « Courriers en retard par service » over HTTP: the CSV and the ODS hold the
late mails the page shows to that user, never a confidential mail or another service's
mail the user may not read, and a bad parameter is a 400."""

from datetime import date
from datetime import timedelta
from exporthelpers import csv_rows
from exporthelpers import ods_rows
from exporthelpers import page_rows
from httphelpers import browser_login
from plone import api

import html as htmllib
import pytest
import re
import transaction


PASSWORD = "password1"
HEADER = ["Service", "Numéro", "Objet", "Échéance", "Retard (jours)", "Agent traitant", "État"]


def assigned(world, title, service="travaux", **fields):
    world.login("registrar")
    mail = world.incoming(title, **fields)
    mail.treating_service = service
    api.content.transition(mail, transition="assign")
    return mail


@pytest.fixture
def late(http_mail):
    world = http_mail
    overdue = date.today() - timedelta(days=4)
    assigned(world, "Voirie rue Haute", assigned_agent="agent", due_date=overdue)
    assigned(world, "Dossier du personnel", due_date=overdue, confidential=True)
    assigned(world, "Facture ORES", service="finances", due_date=overdue)
    assigned(world, "Échéance aujourd'hui", due_date=date.today())
    transaction.commit()
    return world


def link(html: str, link_id: str) -> str:
    found = re.search(rf'<a[^>]*id="{link_id}"[^>]*>', html)
    assert found, link_id
    return htmllib.unescape(re.search(r'href="([^"]+)"', found.group(0)).group(1))


def shown(html: str) -> list[list[str]]:
    """The page's rows, each with its service's title first."""
    rows = []
    for section in re.findall(r'<section[^>]*id="late-service-[^"]*".*?</section>', html, re.S):
        title = re.search(r"<h2[^>]*>\s*(.*?)\s*<span", section, re.S).group(1)
        rows += [[htmllib.unescape(title), *row] for row in page_rows(section, None)]
    return rows


@pytest.mark.parametrize(
    "userid, titles",
    [
        ("directeur", {"Voirie rue Haute", "Dossier du personnel", "Facture ORES"}),
        ("agent", {"Voirie rue Haute", "Dossier du personnel"}),
        ("other_agent", {"Facture ORES"}),
        ("registrar", {"Voirie rue Haute", "Facture ORES"}),
        ("member", set()),
    ],
)
def test_the_export_holds_the_late_mails_of_the_page(late, userid, titles):
    session = browser_login(late.url, userid, PASSWORD)
    html = session.get(f"{late.url}/@@courriers-en-retard", timeout=30).text
    rows = shown(html)
    assert {row[2] for row in rows} == titles

    csv = csv_rows(session.get(link(html, "late-export-csv"), timeout=30))
    ods = ods_rows(session.get(link(html, "late-export-ods"), timeout=30))

    assert csv[0] == HEADER
    assert csv == ods and csv[1:] == rows
    # Never the confidential mail to who may not read it, nor a mail not yet late.
    text = " ".join(" ".join(row) for row in csv)
    assert "Échéance aujourd" not in text
    if "Dossier du personnel" not in titles:
        assert "Dossier du personnel" not in text


def test_a_bad_parameter_is_a_400(late):
    session = browser_login(late.url, "directeur", PASSWORD)
    response = session.get(f"{late.url}/@@courriers-en-retard-export?format:list=ods", timeout=30)
    assert response.status_code == 400
    assert "Paramètre « format » invalide" in response.text
