"""The public page of a published PST and its open data, read by an anonymous visitor.

Only a published plan shows; of it only its public nodes, never under a node kept
internal, and of each node only what a citizen may read (no health comment, observation,
override reason, agent, nor spent amounts unless the plan publishes them).
"""

from communesplone.core import structure
from datetime import date
from plone import api
from plone.dexterity.utils import createContentInContainer
from pstworld import budget

import csv
import io
import pytest
import re
import requests
import transaction


HEALTH_COMMENT = "Marché public infructueux, recours du soumissionnaire"
OBSERVATIONS = "Observation interne : le fournisseur est en litige"
OVERRIDE_REASON = "Justification interne : chiffres du cabinet"
HIDDEN = "Renforcer la sécurité informatique"
HIDDEN_SUB = "Auditer les serveurs du CPAS"
SPENT = 12345.67  # spent on the cameras: never shown unless the plan publishes it
# The spent amount as the page, the CSV and the JSON would write it.
SPENT_TEXTS = ("12\u202f345,67", "12345,67", "12345.67", "12 345,67")
INTERNAL = (HEALTH_COMMENT, OBSERVATIONS, OVERRIDE_REASON, HIDDEN, HIDDEN_SUB, "Agent_travaux")
PLAN_KEYS = {
    "uid",
    "title",
    "description",
    "legislature_start",
    "legislature_end",
    "entity",
    "entity_title",
    "college_adoption",
    "council_acknowledgement",
    "progress",
    "planned",
    "budget_by_year",
    "url",
}
ELEMENT_KEYS = {
    "uid",
    "reference",
    "level",
    "level_title",
    "title",
    "description",
    "state",
    "state_title",
    "progress",
    "planned",
    "alderman",
    "services",
    "planned_start",
    "planned_end",
    "parent_reference",
    "url",
}


def build_public_plan(world):
    """The published plan and a second one only adopted.

    PST 2024-2030 (published)
      OS.1 Être une commune propre
        OO.1.1 Réduire les dépôts clandestins (progress fixed at 50 %, with a reason)
          A.1.1.1 Installer des caméras: indicator 4/10, Marie Dupont, travaux, agent,
                  health comment, observations, 30 000 € planned, 12 345,67 € spent
          A.1.1.2 Placer des poubelles publiques: 60 % entered
          A.1.1.3 (hidden) Renforcer la sécurité informatique
            SA.1.1.3.1 Auditer les serveurs du CPAS
    PST CPAS 2024-2030 (adopted, not published): OS.1 Accueillir les aînés
    """
    with api.env.adopt_roles(["Manager"]):
        world.alderman = createContentInContainer(
            structure.directory(), "Person", firstname="Marie", lastname="Dupont"
        )
    world.login("pst_manager")
    world.plan.description = "Le programme de la commune pour la législature."
    world.os1 = world.objective("Être une commune propre", description="Propreté publique.")
    world.oo = world.operational(
        world.os1,
        "Réduire les dépôts clandestins",
        progress_override=50,
        progress_override_reason=OVERRIDE_REASON,
    )
    world.cameras = world.action(
        world.oo,
        "Installer des caméras",
        description="Aux endroits de dépôts fréquents.",
        managing_services=["travaux"],
        agent="agent_travaux",
        administrative_responsible="chef_travaux",
        responsible_alderman=world.alderman.UID(),
        health="blocked",
        health_comment=HEALTH_COMMENT,
        observations=OBSERVATIONS,
        indicators=[
            {"label": "Caméras posées", "unit": "caméras", "baseline": 0.0, "target": 10.0}
        ],
        measurements=[
            {"indicator": "Caméras posées", "year": 2025, "value": 2.0},
            {"indicator": "Caméras posées", "year": 2026, "value": 4.0},
        ],
        budget_lines=[budget(2025, 30000, SPENT, "wallonia")],
        planned_start=date(2025, 1, 1),
        planned_end=date(2026, 6, 30),
    )
    world.bins = world.action(
        world.oo,
        "Placer des poubelles publiques",
        managing_services=["finances"],
        progress_entered=60,
        budget_lines=[budget(2026, 10000)],
    )
    world.hidden = world.action(
        world.oo,
        HIDDEN,
        public=False,
        budget_lines=[budget(2026, 5000)],
        progress_entered=10,
    )
    world.hidden_sub = world.sub_action(world.hidden, HIDDEN_SUB, progress_entered=10)
    api.content.transition(obj=world.plan, transition="adopt")
    api.content.transition(obj=world.plan, transition="publish")
    world.other = createContentInContainer(
        world.folder,
        "StrategicPlan",
        title="PST CPAS 2024-2030",
        legislature_start=2024,
        legislature_end=2030,
        entity="cpas",
    )
    world.other_os = world.add(world.other, "StrategicObjective", "Accueillir les aînés")
    api.content.transition(obj=world.other, transition="adopt")
    return world


def get(url, **params):
    return requests.get(url, params=params, timeout=30, allow_redirects=False)


def public_page(world, **params):
    return get(f"{world.url}/@@pst-public", **params)


def assert_nothing_internal(text: str):
    for secret in INTERNAL + SPENT_TEXTS:
        assert secret not in text, secret


@pytest.fixture
def public_world(http_pst):
    world = build_public_plan(http_pst)
    transaction.commit()
    return world


def test_the_list_shows_the_published_plan_only(public_world):
    world = public_world
    response = public_page(world)
    assert response.status_code == 200
    html = response.text
    assert "PST 2024-2030" in html and "Commune" in html and "2024–2030" in html
    assert f"plan={world.plan.UID()}" in html
    assert "PST CPAS 2024-2030" not in html and world.other.UID() not in html


def test_the_plan_page_shows_the_public_tree_and_its_progress(public_world):
    world = public_world
    response = public_page(world, plan=world.plan.UID())
    assert response.status_code == 200
    html = response.text
    assert world.cameras.progress == 40 and world.oo.progress == 50
    for text in (
        "PST 2024-2030",
        "Le programme de la commune pour la législature.",
        "12/05/2025",
        "OS.1",
        "OO.1.1",
        "A.1.1.1",
        "A.1.1.2",
        "Installer des caméras",
        "Placer des poubelles publiques",
        "Marie Dupont",
        "30\u202f000,00 €",
    ):
        assert text in html, text
    assert re.search(r'aria-valuenow="40"[^>]*>\s*<div class="progress-bar"[^>]*>40 %', html)
    assert re.search(r'aria-valuenow="60"', html) and re.search(r'aria-valuenow="50"', html)
    assert 'class="pst-chart pst-chart-progress"' in html
    assert 'class="pst-chart pst-chart-budget"' in html
    # Each element links to its own public page.
    assert f"element={world.cameras.UID()}" in html
    assert "A.1.1.3" not in html and "SA.1.1.3.1" not in html
    assert "Dépensé" not in html
    assert_nothing_internal(html)


def test_an_element_page_shows_what_a_citizen_may_read(public_world):
    world = public_world
    response = public_page(world, plan=world.plan.UID(), element=world.cameras.UID())
    assert response.status_code == 200
    html = response.text
    for text in (
        "A.1.1.1",
        "Installer des caméras",
        "Aux endroits de dépôts fréquents.",
        "Créée",  # its state
        "Marie Dupont",
        "Travaux",
        "01/01/2025",
        "30/06/2026",
        "Caméras posées",
        "(2026)",
    ):
        assert text in html, text
    indicators = html[html.index('id="pst-public-indicators"') :]
    assert re.search(r"<td[^>]*>\s*4\s*<span[^>]*>\(2026\)", indicators)
    # The path back up: the plan, OS.1 and OO.1.1.
    path = html[html.index('id="pst-public-path"') :]
    assert "OS.1" in path and "OO.1.1" in path
    assert_nothing_internal(html)
    assert "Chef_travaux" not in html  # the administrative responsible
    # The operational objective: its public actions, not the hidden one.
    html = public_page(world, plan=world.plan.UID(), element=world.oo.UID()).text
    assert "A.1.1.1" in html and "A.1.1.2" in html
    assert_nothing_internal(html)


def test_the_open_data_has_the_public_rows_only(public_world):
    world = public_world
    response = get(f"{world.url}/@@pst-public.csv", plan=world.plan.UID())
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert 'filename="pst-2024-2030.csv"' in response.headers["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    assert_nothing_internal(text)
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    header, rows = lines[0], lines[1:]
    assert header[:3] == ["Référence", "Niveau", "Intitulé"]
    assert "Budget dépensé (€)" not in header
    assert [row[0] for row in rows] == ["OS.1", "OO.1.1", "A.1.1.1", "A.1.1.2"]
    cameras = dict(zip(header, rows[2], strict=True))
    assert cameras["Avancement (%)"] == "40"
    assert cameras["Budget prévu (€)"] == "30000,00"
    assert cameras["Mandataire responsable"] == "Marie Dupont"
    assert cameras["Services gestionnaires"] == "Travaux"
    assert cameras["Début prévu"] == "2025-01-01"
    assert cameras["Référence du parent"] == "OO.1.1"
    assert f"element={world.cameras.UID()}" in cameras["Page publique"]

    response = get(f"{world.url}/@@pst-public.json", plan=world.plan.UID())
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    assert 'filename="pst-2024-2030.json"' in response.headers["Content-Disposition"]
    assert_nothing_internal(response.text)
    data = response.json()
    assert set(data) == {"plan", "elements"}
    assert set(data["plan"]) == PLAN_KEYS
    assert data["plan"]["title"] == "PST 2024-2030"
    assert data["plan"]["college_adoption"] == "2025-05-12"
    assert data["plan"]["budget_by_year"]["2025"] == {"planned": 30000.0}
    elements = {element["reference"]: element for element in data["elements"]}
    assert list(elements) == ["OS.1", "OO.1.1", "A.1.1.1", "A.1.1.2"]
    for element in data["elements"]:
        assert set(element) == ELEMENT_KEYS
    cameras = elements["A.1.1.1"]
    assert cameras["level"] == "action" and cameras["parent_reference"] == "OO.1.1"
    assert cameras["progress"] == 40 and cameras["planned"] == 30000.0
    assert cameras["services"] == ["Travaux"] and cameras["alderman"] == "Marie Dupont"
    assert cameras["planned_end"] == "2026-06-30"
    assert elements["OS.1"]["parent_reference"] == ""


def test_spent_shows_once_the_plan_publishes_it(public_world):
    world = public_world
    world.login("pst_manager")
    world.plan.public_spent = True
    transaction.commit()
    html = public_page(world, plan=world.plan.UID()).text
    assert "12\u202f345,67 €" in html
    assert 'id="pst-public-spent"' in html
    html = public_page(world, plan=world.plan.UID(), element=world.cameras.UID()).text
    assert "12\u202f345,67 €" in html
    text = get(f"{world.url}/@@pst-public.csv", plan=world.plan.UID()).content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert "Budget dépensé (€)" in lines[0]
    assert "12345,67" in text
    data = get(f"{world.url}/@@pst-public.json", plan=world.plan.UID()).json()
    assert "spent" in data["plan"]
    assert data["plan"]["budget_by_year"]["2025"] == {"planned": 30000.0, "spent": SPENT}
    cameras = next(e for e in data["elements"] if e["reference"] == "A.1.1.1")
    assert cameras["spent"] == SPENT
    # The rest stays internal.
    for secret in INTERNAL:
        assert secret not in html and secret not in text


def test_what_is_not_published_is_not_found(public_world):
    world = public_world
    plan, other = world.plan.UID(), world.other.UID()
    for view in ("@@pst-public", "@@pst-public.csv", "@@pst-public.json"):
        url = f"{world.url}/{view}"
        assert get(url, plan=other).status_code == 404  # adopted, not published
        assert get(url, plan="no-such-plan").status_code == 404
        assert get(url, plan="").status_code == 404
        assert get(url, plan=world.cameras.UID()).status_code == 404  # not a plan
    assert get(f"{world.url}/@@pst-public.csv").status_code == 404
    for element in (world.other_os, world.hidden, world.hidden_sub):
        assert public_page(world, plan=plan, element=element.UID()).status_code == 404
    assert public_page(world, plan=other, element=world.other_os.UID()).status_code == 404
    assert public_page(world, plan=plan, element="").status_code == 404
    # Unpublished, the plan leaves the public page.
    world.login("pst_manager")
    api.content.transition(obj=world.plan, transition="unpublish")
    transaction.commit()
    assert public_page(world, plan=plan).status_code == 404
    assert get(f"{world.url}/@@pst-public.json", plan=plan).status_code == 404
    assert "PST 2024-2030" not in public_page(world).text


def test_anonymous_still_cannot_open_the_plan_itself(public_world):
    world = public_world
    for obj in (world.plan, world.cameras):
        response = get(obj.absolute_url())
        assert response.status_code in (302, 401)
        assert "require_login" in response.headers.get("Location", "require_login")
        assert "Installer des caméras" not in response.text


def test_the_tree_comes_from_the_catalog_without_waking_nodes(pst, monkeypatch):
    """One catalog query for the tree; only the element shown in detail is woken up."""
    from communesplone.pst import public
    from Products.ZCatalog.CatalogBrains import AbstractCatalogBrain

    build_public_plan(pst)
    woken = []
    real = AbstractCatalogBrain._unrestrictedGetObject

    def wake(brain, *args, **kwargs):
        obj = real(brain, *args, **kwargs)
        woken.append(obj.portal_type)
        return obj

    monkeypatch.setattr(AbstractCatalogBrain, "_unrestrictedGetObject", wake)
    monkeypatch.setattr(AbstractCatalogBrain, "getObject", wake)
    request = pst.portal.REQUEST
    rows = public.public_rows(pst.plan, "http://nohost/plone", request)
    assert woken == []
    assert [row["reference"] for row in rows] == ["OS.1", "OO.1.1", "A.1.1.1", "A.1.1.2"]
    cameras = rows[2]
    assert public.element_indicators(pst.plan, cameras) == [
        {
            "label": "Caméras posées",
            "unit": "caméras",
            "baseline": 0.0,
            "target": 10.0,
            "latest": 4.0,
            "latest_year": 2026,
        }
    ]
    assert woken == ["Action"]
