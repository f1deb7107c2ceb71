"""The exports of « Mes points » and of the follow-up of decisions over HTTP: the CSV and
the ODS hold the rows the page shows to that user with that filter, nothing the user may
not read, and a bad parameter is a 400."""

from datetime import date
from datetime import timedelta
from exporthelpers import csv_rows
from exporthelpers import ods_rows
from exporthelpers import page_rows
from httphelpers import assert_bad_parameter
from httphelpers import browser_login
from httphelpers import page_as
from plone import api

import html as htmllib
import pytest
import re
import requests
import transaction


PASSWORD = "password1"
TODAY = date.today()


def proposed(world, title, userid="agent", **fields):
    world.login(userid)
    item = world.add_item(title, **fields)
    world.transition(item, "propose")
    return item


def link(html: str, link_id: str) -> str:
    found = re.search(rf'<a[^>]*id="{link_id}"[^>]*>', html)
    assert found, link_id
    return htmllib.unescape(re.search(r'href="([^"]+)"', found.group(0)).group(1))


def exports(session, html: str, prefix: str):
    """The page's CSV and ODS exports, followed from its links."""
    csv_link, ods_link = link(html, f"{prefix}-csv"), link(html, f"{prefix}-ods")
    assert "format=csv" in csv_link and "format=ods" in ods_link
    return csv_rows(session.get(csv_link, timeout=30)), ods_rows(session.get(ods_link, timeout=30))


@pytest.fixture
def desk(http_world):
    world = http_world
    world.login("agent")
    world.add_item("Éclairage du parc", category="Travaux")
    proposed(world, "Voirie rue Haute", category="Travaux")
    proposed(world, "Trottoirs", category="Administration générale")
    proposed(
        world,
        "Modification budgétaire",
        userid="other_agent",
        proposing_service="finances",
        category="Finances",
    )
    world.validated_item("Égouttage", category="Travaux", preferred_meeting=world.meeting.UID())
    transaction.commit()
    return world


def worklist_page(world, userid, **params):
    return page_as(world.url, userid, "@@mes-points", PASSWORD, **params)


def shown(html, table_id, checkbox=True):
    """The page's rows without the checkbox column."""
    return [row[1:] if checkbox else row for row in page_rows(html, table_id)]


@pytest.mark.parametrize(
    "userid, params, titles",
    [
        ("chef", {"liste": "a-valider"}, {"Voirie rue Haute", "Trottoirs"}),
        ("directeur", {"liste": "a-valider", "service": "finances"}, {"Modification budgétaire"}),
        (
            "directeur",
            {"liste": "a-valider", "category": "Travaux", "text": "voirie"},
            {"Voirie rue Haute"},
        ),
        (
            "agent",
            {"liste": "mes-points"},
            {"Éclairage du parc", "Voirie rue Haute", "Trottoirs", "Égouttage"},
        ),
        ("other_agent", {"liste": "mes-points"}, {"Modification budgétaire"}),
        ("clerk", {"liste": "a-presenter"}, {"Égouttage"}),
    ],
)
def test_worklist_exports_hold_the_rows_of_the_page(desk, userid, params, titles):
    session, html = worklist_page(desk, userid, **params)
    rows = shown(html, "worklists-table", checkbox=params["liste"] != "avis-a-donner")
    assert {row[0] for row in rows} == titles

    csv, ods = exports(session, html, "worklists-export")

    assert csv[0] == ["Titre", "Service", "Catégorie", "État", "Séance"]
    assert csv == ods
    assert csv[1:] == rows


def test_the_wished_meeting_is_marked_as_on_the_page(desk):
    session, html = worklist_page(desk, "clerk", liste="a-presenter")
    csv, _ods = exports(session, html, "worklists-export")
    (row,) = csv[1:]
    assert row[0] == "Égouttage" and row[-1].endswith("(souhaitée)")


def test_an_agent_of_another_service_never_exports_the_items_of_others(desk):
    session, html = worklist_page(desk, "other_agent", liste="mes-points")
    for liste in ("mes-points", "a-valider", "a-presenter"):
        for fmt, read in (("csv", csv_rows), ("ods", ods_rows)):
            response = session.get(
                f"{desk.url}/@@mes-points-export",
                params={"liste": liste, "format": fmt},
                timeout=30,
            )
            text = " ".join(" ".join(row) for row in read(response))
            assert "Voirie" not in text and "Égouttage" not in text and "Trottoirs" not in text


def test_the_meetings_tab_exports_its_meetings(desk):
    session, html = worklist_page(desk, "clerk", liste="prochaines-seances")
    rows = shown(html, "worklists-meetings", checkbox=False)
    assert len(rows) == 1
    csv, ods = exports(session, html, "worklists-export")
    assert csv[0] == ["Séance", "Début", "État"]
    assert csv == ods and csv[1:] == rows


@pytest.mark.parametrize(
    "query, name",
    [
        ("liste:list=a-valider", "liste"),
        ("text:list=a&text:list=b", "text"),
        ("format:list=ods", "format"),
    ],
)
def test_a_bad_worklist_parameter_is_a_400(desk, query, name):
    session = browser_login(desk.url, "chef", PASSWORD)
    assert_bad_parameter(session.get(f"{desk.url}/@@mes-points-export?{query}", timeout=30), name)


def test_anonymous_gets_no_worklist_export(desk):
    response = requests.get(
        f"{desk.url}/@@mes-points-export?liste=a-valider", allow_redirects=False, timeout=30
    )
    assert response.status_code in (302, 401, 403)
    assert "Voirie" not in response.text


# The follow-up of decisions


def follow(service, due_in_days):
    return {"execution_service": service, "execution_due": TODAY + timedelta(due_in_days)}


@pytest.fixture
def decisions(http_world):
    """Late (travaux), to execute (finances), executed (travaux), refused."""
    world = http_world
    specs = (
        ("Voirie", follow("travaux", -1), "accept"),
        ("Budget", follow("finances", 30), "accept"),
        ("Éclairage", follow("travaux", -2), "accept"),
        ("Refusé", follow("travaux", -5), "refuse"),
    )
    items = [world.presented_item(title, **fields) for title, fields, _t in specs]
    world.transition(world.meeting, "freeze", "start_session")
    for item, (_title, _fields, transition) in zip(items, specs, strict=True):
        world.transition(item, transition)
    world.login("agent")
    from communesplone.meetings import followup

    followup.report(items[2], TODAY, "Luminaires posés.")
    transaction.commit()
    return world


def followup_page(world, userid, **params):
    return page_as(world.url, userid, "@@decisions-a-executer", PASSWORD, **params)


@pytest.mark.parametrize(
    "userid, params, titles",
    [
        ("clerk", {}, ["Voirie", "Budget"]),
        ("clerk", {"tab": "late"}, ["Voirie"]),
        ("clerk", {"tab": "done"}, ["Éclairage"]),
        ("clerk", {"tab": "todo", "service": "finances"}, ["Budget"]),
        ("other_agent", {"tab": "todo"}, ["Budget"]),
        ("other_agent", {"tab": "done"}, []),
    ],
)
def test_followup_exports_hold_the_rows_of_the_page(decisions, userid, params, titles):
    session, html = followup_page(decisions, userid, **params)
    rows = page_rows(html, "followup-table")
    assert [row[0] for row in rows] == titles

    csv, ods = exports(session, html, "followup-export")

    assert csv[0] == ["Décision", "Service chargé de l'exécution", "Échéance", "Exécutée le"]
    assert csv == ods
    # The page adds a « En retard » badge beside the due date; the export has the date.
    assert [row[:2] + row[3:] for row in csv[1:]] == [row[:2] + row[3:] for row in rows]
    assert [row[2] for row in csv[1:]] == [row[2].split(" ")[0] for row in rows]


def test_the_other_service_never_exports_the_decisions_of_others(decisions):
    session = browser_login(decisions.url, "other_agent", PASSWORD)
    for tab in ("todo", "late", "done"):
        for fmt, read in (("csv", csv_rows), ("ods", ods_rows)):
            response = session.get(
                f"{decisions.url}/@@decisions-a-executer-export",
                params={"tab": tab, "service": "travaux", "format": fmt},
                timeout=30,
            )
            assert read(response)[1:] == []


@pytest.mark.parametrize(
    "query, name",
    [("tab:list=late", "tab"), ("service:list=travaux", "service"), ("format:list=csv", "format")],
)
def test_a_bad_followup_parameter_is_a_400(decisions, query, name):
    session = browser_login(decisions.url, "clerk", PASSWORD)
    # The page refuses its own bad filters as well; only the export reads `format`.
    views = ["decisions-a-executer-export"] + (["decisions-a-executer"] if name != "format" else [])
    for view in views:
        assert_bad_parameter(session.get(f"{decisions.url}/@@{view}?{query}", timeout=30), name)


def test_anonymous_gets_no_followup_export(decisions):
    response = requests.get(
        f"{decisions.url}/@@decisions-a-executer-export", allow_redirects=False, timeout=30
    )
    assert response.status_code in (302, 401, 403)
    assert "Voirie" not in response.text
    transaction.begin()
    assert api.content.find(portal_type="MeetingItem", Title="Voirie")
