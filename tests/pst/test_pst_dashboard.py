"""The plan's follow-up dashboard: its lists and counts, filters, groups, exports, and what
each user finds in it."""

from datetime import date
from datetime import timedelta
from httphelpers import browser_login
from plone import api
from plone.dexterity.utils import createContentInContainer
from pstworld import budget

import io
import pytest
import re
import transaction
import zipfile


TODAY = date.today()


def days(count):
    return TODAY + timedelta(days=count)


def person(firstname, lastname):
    from communesplone.core import structure

    with api.env.adopt_roles(["Manager"]):
        return createContentInContainer(
            structure.directory(), "Person", firstname=firstname, lastname=lastname
        )


def build_plan(pst):
    """Four actions and a sub-action, as the PST managers fill a plan:

    A.1.1.1  Caméras       travaux, agent_travaux, Alice; ongoing, ended 10 days ago: late
    SA.1.1.1.1 Sites       travaux; created, ends yesterday: late
    A.1.1.2  Balayeuse     travaux + finances, Bob; created, started 5 days ago: late start
    A.1.1.3  Budget part.  finances; terminated, ended 3 days ago: not late
    A.1.1.4  Inventaire    no service, agent_finances, no échevin; starts in 10 days
    """
    alice = person("Alice", "Dupont")
    bob = person("Bob", "Martin")
    pst.login("pst_manager")
    oo = pst.operational(pst.objective())
    cameras = pst.action(
        oo,
        "Installer des caméras",
        managing_services=["travaux"],
        agent="agent_travaux",
        responsible_alderman=alice.UID(),
        health="good",
        planned_start=days(-60),
        planned_end=days(-10),
        budget_lines=[budget(TODAY.year, 1000, 250)],
    )
    api.content.transition(obj=cameras, transition="start")
    sites = pst.sub_action(
        cameras,
        "Choisir les sites",
        managing_services=["travaux"],
        health="paused",
        planned_end=days(-1),
    )
    sweeper = pst.action(
        oo,
        "Acheter une balayeuse",
        managing_services=["travaux", "finances"],
        responsible_alderman=bob.UID(),
        health="at_risk",
        planned_start=days(-5),
        planned_end=days(100),
        budget_lines=[budget(TODAY.year, 45000)],
    )
    participative = pst.action(
        oo,
        "Budget participatif",
        managing_services=["finances"],
        health="blocked",
        planned_start=days(-90),
        planned_end=days(-3),
    )
    api.content.transition(obj=participative, transition="start")
    api.content.transition(obj=participative, transition="terminate")
    inventory = pst.action(
        oo, "Inventaire des dépôts", agent="agent_finances", health="good", planned_start=days(10)
    )
    return {
        "alice": alice,
        "bob": bob,
        "cameras": cameras,
        "sites": sites,
        "sweeper": sweeper,
        "participative": participative,
        "inventory": inventory,
    }


def dashboard(pst, request, name="suivi", **form):
    request.form.clear()
    request.form.update(form)
    return api.content.get_view(name, pst.plan, request)


def titles(view, key=None):
    return [row["title"] for row in view.rows(key)]


def grouped(view):
    return [
        (group["title"], group["count"], [row["title"] for row in group["rows"]])
        for group in view.groups()
    ]


def test_lists_and_their_counts(pst, http_request):
    nodes = build_plan(pst)
    assert [nodes[k].reference for k in ("cameras", "sites", "sweeper")] == [
        "A.1.1.1",
        "SA.1.1.1.1",
        "A.1.1.2",
    ]
    view = dashboard(pst, http_request)
    assert titles(view, "late") == ["Installer des caméras", "Choisir les sites"]
    assert titles(view, "late_start") == ["Acheter une balayeuse"]
    # The PST manager belongs to no service and is nobody's agent.
    assert titles(view, "mine") == []
    counts = {tab["id"]: tab["count"] for tab in view.lists()}
    assert counts == {
        "mine": 0,
        "late": 2,
        "late_start": 1,
        "alderman": 5,
        "service": 5,
        "health": 5,
        "stale": 0,  # every action was just created
    }
    row = view.rows("late")[0]
    assert row["reference"] == "A.1.1.1" and row["late"]
    assert row["planned_text"] == "1\u202f000,00 €" and row["spent_text"] == "250,00 €"
    assert row["services_text"] == "Travaux" and row["alderman"] == "Alice Dupont"
    assert row["agent"] == "Agent_travaux" and row["state"] == "ongoing"

    html = dashboard(pst, http_request, list="late")()
    assert "Tableau de suivi du PST" in html
    assert "Installer des caméras" in html and "Choisir les sites" in html
    assert "Acheter une balayeuse" not in html
    assert html.count('class="text-danger fw-bold"') == 2  # both planned ends are passed
    for tab, label, count in (("late", "En retard", 2), ("health", "Par santé", 5)):
        badge = rf'id="pst-list-{tab}"\s*>{label}\s*<span class="badge bg-secondary"\s*>{count}<'
        assert re.search(badge, html)
    assert f'href="{nodes["cameras"].absolute_url()}"' in html
    assert "1\u202f000,00 €" in html and "Alice Dupont" in html


def test_my_actions_by_agent_or_service(pst, http_request):
    build_plan(pst)
    pst.login("agent_travaux")
    view = dashboard(pst, http_request, list="mine")
    assert titles(view) == ["Installer des caméras", "Choisir les sites", "Acheter une balayeuse"]
    pst.login("chef_travaux")
    assert titles(dashboard(pst, http_request), "mine") == [
        "Installer des caméras",
        "Choisir les sites",
        "Acheter une balayeuse",
    ]
    # An observer reads the service's actions but has none of their own.
    pst.login("observer_travaux")
    view = dashboard(pst, http_request)
    assert titles(view, "mine") == []
    assert titles(view, "late") == ["Installer des caméras", "Choisir les sites"]
    pst.login("agent_finances")
    view = dashboard(pst, http_request)
    assert titles(view, "mine") == [
        "Acheter une balayeuse",
        "Budget participatif",
        "Inventaire des dépôts",
    ]
    assert {tab["id"]: tab["count"] for tab in view.lists()}["mine"] == 3


def test_group_lists(pst, http_request):
    build_plan(pst)
    view = dashboard(pst, http_request, list="alderman")
    assert view.is_grouped()
    assert grouped(view) == [
        ("Alice Dupont", 1, ["Installer des caméras"]),
        ("Bob Martin", 1, ["Acheter une balayeuse"]),
        (
            "Sans mandataire",
            3,
            ["Choisir les sites", "Budget participatif", "Inventaire des dépôts"],
        ),
    ]
    # An action with two services is in both groups; the tab counts it once.
    view = dashboard(pst, http_request, list="service")
    assert grouped(view) == [
        ("Finances", 2, ["Acheter une balayeuse", "Budget participatif"]),
        ("Travaux", 3, ["Installer des caméras", "Choisir les sites", "Acheter une balayeuse"]),
        ("Sans service", 1, ["Inventaire des dépôts"]),
    ]
    assert view.total() == 5
    view = dashboard(pst, http_request, list="health")
    assert [(g["id"], g["count"], [r["title"] for r in g["rows"]]) for g in view.groups()] == [
        ("good", 2, ["Installer des caméras", "Inventaire des dépôts"]),
        ("at_risk", 1, ["Acheter une balayeuse"]),
        ("blocked", 1, ["Budget participatif"]),
        ("paused", 1, ["Choisir les sites"]),
    ]
    html = view()
    assert 'id="pst-group-health-at_risk"' in html and "À risque" in html
    html = dashboard(pst, http_request, list="service")()
    assert html.count("Acheter une balayeuse") == 2
    assert 'id="pst-group-service-none"' in html and "Sans service" in html


def test_filters(pst, http_request):
    nodes = build_plan(pst)
    view = dashboard(pst, http_request, list="service", service="finances")
    assert grouped(view) == [("Finances", 2, ["Acheter une balayeuse", "Budget participatif"])]
    view = dashboard(pst, http_request, list="alderman", alderman=nodes["alice"].UID())
    assert grouped(view) == [("Alice Dupont", 1, ["Installer des caméras"])]
    assert [a["title"] for a in view.aldermen()] == ["Alice Dupont", "Bob Martin"]
    assert titles(dashboard(pst, http_request, list="late_start", health="at_risk")) == [
        "Acheter une balayeuse"
    ]
    assert titles(dashboard(pst, http_request, list="late_start", health="good")) == []
    assert titles(dashboard(pst, http_request, list="late", state="ongoing")) == [
        "Installer des caméras"
    ]
    # A closed state is never late: the filter and the list agree on nothing.
    assert titles(dashboard(pst, http_request, list="late", state="terminated")) == []
    assert titles(dashboard(pst, http_request, list="late", type="SubAction")) == [
        "Choisir les sites"
    ]
    view = dashboard(pst, http_request, list="health", type="Action", state="created")
    assert [r["title"] for g in view.groups() for r in g["rows"]] == [
        "Inventaire des dépôts",
        "Acheter une balayeuse",
    ]
    # The tabs count with the filters and keep them in their addresses.
    view = dashboard(pst, http_request, list="late", service="travaux", type="Action")
    tabs = {tab["id"]: tab for tab in view.lists()}
    assert tabs["late"]["count"] == 1 and tabs["service"]["count"] == 2
    assert "service=travaux" in tabs["health"]["url"] and "type=Action" in tabs["health"]["url"]
    assert "list=health" in tabs["health"]["url"]
    html = view()
    assert re.search(r'<option value="travaux" selected="selected"\s*>Travaux</option>', html)
    assert "format=ods" in view.export_url("ods") and "service=travaux" in view.export_url()


@pytest.mark.parametrize(
    "form",
    [
        {"health": "excellent"},
        {"type": "Document"},
        {"type": "StrategicObjective"},
        {"state": "published"},
        {"service": ["travaux", "finances"]},
        {"alderman": "no-such-uid"},
    ],
)
def test_bad_filters_give_empty_lists(pst, http_request, form):
    build_plan(pst)
    for key in ("mine", "late", "late_start", "alderman", "service", "health"):
        view = dashboard(pst, http_request, list=key, **form)
        assert view.rows() == [] and all(not group["rows"] for group in view.groups())
    assert "Aucune action dans cette liste." in view()
    csv = dashboard(pst, http_request, "suivi-export", list="late", **form)()
    assert len(csv.lstrip("\ufeff").splitlines()) == 1


def test_unknown_list_is_my_actions(pst, http_request):
    build_plan(pst)
    pst.login("agent_travaux")
    view = dashboard(pst, http_request, list="everything")
    assert view.current_list() == "mine" and len(view.rows()) == 3


def test_lists_wake_no_object(pst, http_request, monkeypatch):
    from Products.ZCatalog.CatalogBrains import AbstractCatalogBrain

    build_plan(pst)

    def forbidden(self, *args):
        raise AssertionError("an object was woken up")

    monkeypatch.setattr(AbstractCatalogBrain, "getObject", forbidden)
    monkeypatch.setattr(AbstractCatalogBrain, "_unrestrictedGetObject", forbidden)
    for key in ("mine", "late", "late_start", "alderman", "service", "health"):
        view = dashboard(pst, http_request, list=key)
        assert view.groups() is not None
    assert dashboard(pst, http_request, list="service").total() == 5


def test_csv_export(pst, http_request):
    build_plan(pst)
    view = dashboard(pst, http_request, "suivi-export", list="late")
    text = view()
    assert text.startswith("\ufeff")
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0] == (
        "Référence;Intitulé;État;Santé;Avancement (%);Fin prévue;Budget prévu (€);"
        "Budget dépensé (€);Services gestionnaires;Mandataire responsable;Agent en charge"
    )
    assert len(lines) == 3
    cells = lines[1].split(";")
    assert cells[:4] == ["A.1.1.1", "Installer des caméras", "En cours", "Bon"]
    assert cells[5:] == [
        days(-10).strftime("%d/%m/%Y"),
        "1000,00",
        "250,00",
        "Travaux",
        "Alice Dupont",
        "Agent_travaux",
    ]
    assert lines[2].startswith("SA.1.1.1.1;Choisir les sites;Créée;En pause;")
    response = http_request.response
    assert response.getHeader("Content-Type").startswith("text/csv")
    assert "pst-suivi-late.csv" in response.getHeader("Content-Disposition")


def test_ods_export_of_a_group_list(pst, http_request):
    build_plan(pst)
    data = dashboard(pst, http_request, "suivi-export", list="service", format="ods")()
    assert http_request.response.getHeader("Content-Type") == (
        "application/vnd.oasis.opendocument.spreadsheet"
    )
    assert "pst-suivi-service.ods" in http_request.response.getHeader("Content-Disposition")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        content = archive.read("content.xml").decode("utf-8")
    assert content.count("<table:table-row>") == 7  # header, and 6 rows in 3 groups
    assert "<text:p>Groupe : service</text:p>" in content
    assert content.count("<text:p>Acheter une balayeuse</text:p>") == 2
    assert "<text:p>Sans service</text:p>" in content
    assert "<text:p>Inventaire des dépôts</text:p>" in content
    assert 'table:name="Suivi du PST"' in content


def test_members_see_the_plan_once_adopted(pst, http_request):
    build_plan(pst)
    pst.login("member")
    view = dashboard(pst, http_request)
    assert {tab["count"] for tab in view.lists()} == {0}
    assert view.rows("service") == [] and view.aldermen() == []
    pst.login("pst_manager")
    api.content.transition(obj=pst.plan, transition="adopt")
    pst.login("member")
    view = dashboard(pst, http_request)
    assert titles(view, "late") == ["Installer des caméras", "Choisir les sites"]
    assert view.total() == 0  # « Mes actions »: a member has none
    assert {tab["id"]: tab["count"] for tab in view.lists()}["service"] == 5
    by_alderman = grouped(dashboard(pst, http_request, list="alderman"))
    assert [(title, count) for title, count, _rows in by_alderman] == [
        ("Alice Dupont", 1),
        ("Bob Martin", 1),
        ("Sans mandataire", 3),
    ]
    # Once adopted, agent_finances reads the travaux actions, which are not theirs.
    pst.login("agent_finances")
    view = dashboard(pst, http_request)
    assert "Installer des caméras" in titles(view, "late")
    assert titles(view, "mine") == [
        "Acheter une balayeuse",
        "Budget participatif",
        "Inventaire des dépôts",
    ]


def test_over_http(http_pst):
    world = http_pst
    build_plan(world)
    transaction.commit()
    url = f"{world.url}/pst/{world.plan.getId()}"
    member = browser_login(world.url, "member", "password1")
    page = member.get(f"{url}/@@suivi", params={"list": "late"}, timeout=30)
    # A draft plan is not the staff's to read: Plone shows its "insufficient privileges".
    assert page.url.endswith("/insufficient-privileges")
    assert "Installer des caméras" not in page.text
    export = member.get(f"{url}/@@suivi-export", params={"list": "late"}, timeout=30)
    assert export.url.endswith("/insufficient-privileges")
    assert "Installer des caméras" not in export.text

    world.login("pst_manager")
    api.content.transition(obj=world.plan, transition="adopt")
    transaction.commit()
    page = member.get(f"{url}/@@suivi", params={"list": "late"}, timeout=30)
    assert page.status_code == 200
    assert "Installer des caméras" in page.text and 'id="pst-list-late"' in page.text
    export = member.get(
        f"{url}/@@suivi-export", params={"list": "late", "health": "paused"}, timeout=30
    )
    assert export.headers["Content-Type"].startswith("text/csv")
    lines = export.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 2 and lines[1].startswith("SA.1.1.1.1;Choisir les sites;")
    # Bad values in the address are no server error.
    page = member.get(
        f"{url}/@@suivi", params={"list": "late", "health": "x", "type": "Folder"}, timeout=30
    )
    assert page.status_code == 200 and "Aucune action dans cette liste." in page.text
