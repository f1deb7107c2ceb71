"""The plan's page and the nodes' pages: figures, charts, tree, and the agent's update form."""

from datetime import date
from httphelpers import browser_login
from plone import api
from pstworld import budget

import re
import transaction


def build_plan(world):
    """OS.1 > OO.1.1 > A.1.1.1 (travaux, with an indicator) and A.1.1.2 (finances)."""
    world.os1 = world.objective("Être une commune propre")
    world.oo = world.operational(world.os1, "Réduire les dépôts clandestins")
    world.cameras = world.action(
        world.oo,
        "Installer des caméras",
        managing_services=["travaux"],
        indicators=[
            {"label": "Caméras posées", "unit": "caméras", "baseline": 0.0, "target": 10.0}
        ],
        measurements=[{"indicator": "Caméras posées", "year": 2025, "value": 2.0}],
        budget_lines=[budget(2025, 30000, 12000, "wallonia"), budget(2026, 10000)],
        health="good",
    )
    world.bins = world.action(
        world.oo,
        "Placer des poubelles publiques",
        managing_services=["finances"],
        progress_entered=60,
        budget_lines=[budget(2025, 10000, 10000)],
        health="at_risk",
        planned_end=date(2025, 1, 31),
    )
    api.content.transition(obj=world.plan, transition="adopt")


def test_plan_page_shows_the_tree_figures_and_charts(pst):
    build_plan(pst)
    html = api.content.get_view("plan", pst.plan, pst.portal.REQUEST)()
    for text in ("OS.1", "OO.1.1", "A.1.1.1", "A.1.1.2", "Installer des caméras"):
        assert text in html
    # Cameras 20 % (indicator 2 of 10) weighing 40 000 €, bins 60 % weighing 10 000 €.
    assert pst.cameras.progress == 20 and pst.bins.progress == 60
    assert pst.plan.progress == 28
    assert re.search(r'id="pst-progress"[^>]*>\s*28 %', html)
    assert "50\u202f000,00 €" in html and "22\u202f000,00 €" in html
    assert html.count('class="pst-chart ') == 3  # progress, budget per year, health
    assert "en retard" in html  # the bins ended in January 2025


def test_node_page_explains_the_progress(pst):
    build_plan(pst)
    pst.oo.progress_override = 50
    pst.oo.progress_override_reason = "Les caméras sont commandées."
    from zope.event import notify
    from zope.lifecycleevent import ObjectModifiedEvent

    notify(ObjectModifiedEvent(pst.oo))
    html = api.content.get_view("fiche", pst.oo, pst.portal.REQUEST)()
    assert pst.oo.progress == 50 and pst.oo.progress_computed == 28
    assert "fixé manuellement" in html and "Les caméras sont commandées." in html
    assert "A.1.1.1" in html and "A.1.1.2" in html
    html = api.content.get_view("fiche", pst.cameras, pst.portal.REQUEST)()
    assert "calculé d'après les indicateurs" in html
    assert "Caméras posées" in html and "2025 : 2.0" in html
    sub = pst.sub_action(pst.cameras, "Choisir les sites", progress_entered=30)
    html = api.content.get_view("fiche", sub, pst.portal.REQUEST)()
    assert "SA.1.1.1.1" in html and "Choisir les sites" in html and "encodé" in html


def update_form(world, userid, page_of):
    """A browser session of `userid` and the token read on the page of `page_of`."""
    session = browser_login(world.url, userid, "password1")
    page = session.get(page_of.absolute_url(), timeout=30)
    assert page.status_code == 200
    found = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', page.text)
    return session, page.text, found.group(1) if found else None


def test_agent_updates_health_and_indicator(http_pst):
    world = http_pst
    build_plan(world)
    transaction.commit()
    session, html, token = update_form(world, "agent_travaux", world.cameras)
    assert 'id="pst-update"' in html
    response = session.post(
        f"{world.cameras.absolute_url()}/@@pst-mise-a-jour",
        data={
            "_authenticator": token,
            "health": "blocked",
            "health_comment": "Marché infructueux",
            "year": "2026",
            "indicator-0": "5",
        },
        timeout=30,
    )
    assert response.status_code == 200
    transaction.begin()
    cameras = world.cameras
    assert cameras.health == "blocked" and cameras.health_comment == "Marché infructueux"
    assert {"indicator": "Caméras posées", "year": 2026, "value": 5.0} in cameras.measurements
    assert cameras.progress == 50
    assert world.oo.progress == round((50 * 40000 + 60 * 10000) / 50000)


def test_bad_update_changes_nothing(http_pst):
    world = http_pst
    build_plan(world)
    transaction.commit()
    session, _html, token = update_form(world, "agent_travaux", world.cameras)
    url = f"{world.cameras.absolute_url()}/@@pst-mise-a-jour"
    for data, message in (
        ({"health": "blocked", "indicator-0": "beaucoup"}, "un nombre est attendu"),
        ({"health": "blocked", "progress_entered": "140"}, "de 0 à 100"),
        ({"health": "blocked", "year": "2019"}, "hors de la législature"),
        ({"health": "ruined"}, "Santé inconnue"),
    ):
        response = session.post(url, data={"_authenticator": token, **data}, timeout=30)
        assert message in response.text
        transaction.begin()
        assert world.cameras.health == "good"
        assert len(world.cameras.measurements) == 1
    # Without the token, or by GET, nothing either.
    assert session.post(url, data={"health": "blocked"}, timeout=30).status_code == 403
    assert session.get(url, timeout=30).status_code == 405


def test_agent_of_another_service_cannot_update(http_pst):
    world = http_pst
    build_plan(world)
    transaction.commit()
    # The adopted plan is read by all staff; the token comes from the page of their action.
    session, html, _token = update_form(world, "agent_finances", world.cameras)
    assert 'id="pst-update"' not in html
    session, _html, token = update_form(world, "agent_finances", world.bins)
    response = session.post(
        f"{world.cameras.absolute_url()}/@@pst-mise-a-jour",
        data={"_authenticator": token, "health": "blocked"},
        timeout=30,
        allow_redirects=False,
    )
    assert response.status_code in (302, 401, 403)
    assert "require_login" in response.headers.get("Location", "require_login")
    transaction.begin()
    assert world.cameras.health == "good"


def test_my_open_actions_on_the_home_dashboard(http_pst):
    world = http_pst
    build_plan(world)
    world.login("pst_manager")
    done = world.action(world.oo, "Action terminée", managing_services=["travaux"])
    api.content.transition(obj=done, transition="start")
    api.content.transition(obj=done, transition="terminate")
    transaction.commit()
    html = (
        browser_login(world.url, "agent_travaux", "password1")
        .get(f"{world.url}/tableau-de-bord", timeout=30)
        .text
    )
    section = html[html.index('id="dashboard-pst"') :]
    assert "Installer des caméras" in section
    assert "Placer des poubelles" not in section  # finances'
    assert "Action terminée" not in section
    html = (
        browser_login(world.url, "member", "password1")
        .get(f"{world.url}/tableau-de-bord", timeout=30)
        .text
    )
    assert 'id="dashboard-pst"' not in html
