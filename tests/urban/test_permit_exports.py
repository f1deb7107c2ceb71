"""The exports of the urbanism dashboard (each list) and of its statistics over HTTP: the
CSV and the ODS hold the rows the page shows to that user with those filters, nothing an
outsider may not read, and a bad parameter is a 400."""

from datetime import date
from datetime import timedelta
from exporthelpers import csv_rows
from exporthelpers import ods_rows
from exporthelpers import page_rows
from httphelpers import assert_bad_parameter
from httphelpers import browser_login

import html as htmllib
import pytest
import re
import transaction


PASSWORD = "password1"
HEADER = [
    "Référence",
    "Objet",
    "Procédure",
    "État",
    "Agent traitant",
    "Prochaine échéance",
    "Prochaine étape",
    "Décision au plus tard",
]


def link(html: str, link_id: str) -> str:
    found = re.search(rf'<a[^>]*id="{link_id}"[^>]*>', html)
    assert found, link_id
    return htmllib.unescape(re.search(r'href="([^"]+)"', found.group(0)).group(1))


@pytest.fixture
def files(http_urban):
    world = http_urban
    today = date.today()
    late = world.add_permit("Dossier en retard", folder_manager="agent")
    world.add_event(late, "deposit", today - timedelta(days=60))
    world.add_event(late, "acknowledgement", today - timedelta(days=45), publicity="none")
    soon = world.add_permit("Dossier à risque")
    world.add_event(soon, "deposit", today - timedelta(days=30))
    world.add_event(soon, "acknowledgement", today - timedelta(days=27), publicity="none")
    world.add_permit("Grange", procedure="cu1")
    transaction.commit()
    return world


def dashboard(world, userid, **params):
    session = browser_login(world.url, userid, PASSWORD)
    response = session.get(f"{world.url}/urbanisme/@@dossiers", params=params, timeout=30)
    assert response.status_code == 200
    return session, response.text


def page_and_exports(world, userid, table_id, **params):
    session, html = dashboard(world, userid, **params)
    csv_link = link(html, f"{table_id}-export-csv")
    ods_link = link(html, f"{table_id}-export-ods")
    for name, value in params.items():
        assert f"{name}={value}" in csv_link and f"{name}={value}" in ods_link
    csv = csv_rows(session.get(csv_link, timeout=30))
    ods = ods_rows(session.get(ods_link, timeout=30))
    return page_rows(html, table_id), csv, ods


def without_extra_columns(row):
    """An exported row as the page's table shows it (no procedure; the next step under
    its date)."""
    reference, title, _procedure, state, manager, due, step, decision = row
    return [reference, title, state, manager, " ".join(filter(None, (due, step))), decision]


@pytest.mark.parametrize(
    "table_id, params, titles",
    [
        ("permits-overdue", {}, ["Dossier en retard"]),
        ("permits-at-risk", {}, ["Dossier à risque"]),
        ("permits-inquiries", {}, []),
        ("permits-recent", {}, ["Grange", "Dossier à risque", "Dossier en retard"]),
        ("permits-recent", {"permit_procedure": "cu1"}, ["Grange"]),
        (
            "permits-recent",
            {"review_state": "instruction"},
            ["Dossier à risque", "Dossier en retard"],
        ),
        ("permits-overdue", {"permit_procedure": "cu1"}, []),
    ],
)
def test_each_list_exports_the_rows_of_the_page(files, table_id, params, titles):
    rows, csv, ods = page_and_exports(files, "agent", table_id, **params)
    assert [row[1] for row in rows] == titles
    assert csv[0] == HEADER
    assert csv == ods
    assert [without_extra_columns(row) for row in csv[1:]] == rows


def test_an_outsider_exports_nothing(files):
    session = browser_login(files.url, "other_agent", PASSWORD)
    for liste in ("en-retard", "a-risque", "enquetes", "derniers"):
        for fmt, read in (("csv", csv_rows), ("ods", ods_rows)):
            response = session.get(
                f"{files.url}/urbanisme/@@dossiers-export",
                params={"liste": liste, "format": fmt},
                timeout=30,
            )
            assert read(response) == [HEADER]


@pytest.mark.parametrize(
    "query, name",
    [
        ("liste:list=derniers", "liste"),
        ("review_state:list=instruction", "review_state"),
        ("format:list=ods", "format"),
    ],
)
def test_a_bad_dashboard_parameter_is_a_400(files, query, name):
    session = browser_login(files.url, "agent", PASSWORD)
    response = session.get(f"{files.url}/urbanisme/@@dossiers-export?{query}", timeout=30)
    assert_bad_parameter(response, name)


def test_the_statistics_table_exports_as_shown(files):
    session = browser_login(files.url, "agent", PASSWORD)
    html = session.get(f"{files.url}/urbanisme/@@statistiques", timeout=30).text
    rows = page_rows(html, "urban-statistics")
    assert rows and {row[1] for row in rows} == {"PU"}
    csv = csv_rows(session.get(link(html, "urban-statistics-export-csv"), timeout=30))
    ods = ods_rows(session.get(link(html, "urban-statistics-export-ods"), timeout=30))
    assert csv[0][:3] == ["Année de dépôt", "Procédure", "Dossiers déposés"]
    assert csv == ods and csv[1:] == rows
    # The finances agent reads no file: no line.
    outsider = browser_login(files.url, "other_agent", PASSWORD)
    for fmt, read in (("csv", csv_rows), ("ods", ods_rows)):
        response = outsider.get(
            f"{files.url}/urbanisme/@@statistiques-export", params={"format": fmt}, timeout=30
        )
        assert read(response) == [csv[0]]
    refused = session.get(f"{files.url}/urbanisme/@@statistiques-export?format:list=ods")
    assert refused.status_code == 400 and "Paramètre « format » invalide" in refused.text
