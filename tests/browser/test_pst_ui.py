"""An agent updates an action of the demo PST; its objective's progress and chart follow."""

import pytest
import re


pytestmark = pytest.mark.browser

OBJECTIVE = "Réduire les dépôts clandestins et améliorer la propreté publique"
ACTION = "Installer des caméras mobiles sur les sites de dépôts récurrents"


def progress(page) -> int:
    return int(re.search(r"(\d+) %", page.inner_text("#pst-progress")).group(1))


def test_an_agent_updates_indicator_and_health(page, server, login, screenshot):
    login(page, server, "agent.travaux")
    page.goto(f"{server}/valmont/pst")
    page.click("#pst-plans a")
    page.wait_for_load_state("networkidle")
    assert page.locator(".pst-tree tbody tr").count() > 60
    assert page.locator(".pst-chart svg").count() == 3
    screenshot(page, "pst-plan")
    page.locator(".pst-chart-budget").scroll_into_view_if_needed()
    screenshot(page, "pst-graphiques")
    plan_url = page.url
    page.goto(f"{plan_url}/@@suivi?list=late")
    page.wait_for_load_state("networkidle")
    late = int(page.inner_text("#pst-total"))
    assert late >= 3 and page.locator(".pst-table tbody tr").count() == late
    screenshot(page, "pst-suivi-en-retard")
    page.goto(plan_url)

    page.click(f".pst-tree a:text-is('{OBJECTIVE}')")
    page.wait_for_load_state("networkidle")
    before = progress(page)
    chart_before = page.inner_html(".pst-chart-progress")
    page.click(f".pst-tree a:text-is('{ACTION}')")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("#pst-reference") == "A.1.1.1"
    action_before = progress(page)

    # 180 dumps at the start, 90 aimed at: 95 this year is 94 % of the way.
    page.select_option("#pst-update-health", "at_risk")
    page.fill("#pst-update-comment", "Deux caméras en panne depuis octobre")
    page.fill("#pst-update-indicator-0", "95")
    page.locator("#pst-update").scroll_into_view_if_needed()
    screenshot(page, "pst-action-mise-a-jour")
    page.click("#pst-update-submit")
    page.wait_for_load_state("networkidle")
    assert "Action mise à jour" in page.inner_text("#global_statusmessage")
    assert page.inner_text("#pst-health") == "À risque"
    assert progress(page) == 94 and progress(page) > action_before
    assert "95" in page.inner_text("#pst-indicators")

    page.click(f"#portal-breadcrumbs a:text-is('{OBJECTIVE}')")
    page.wait_for_load_state("networkidle")
    assert progress(page) > before
    assert page.inner_html(".pst-chart-progress") != chart_before
    row = page.locator(".pst-tree tr", has_text=ACTION)
    assert "94 %" in row.inner_text() and "À risque" in row.inner_text()
    screenshot(page, "pst-objectif")


def test_the_dg_compares_the_evaluation_with_today_and_the_public_reads_the_plan(
    page, chromium, server, login, screenshot
):
    login(page, server, "dg")
    page.goto(f"{server}/valmont/pst")
    page.click("#pst-plans a")
    page.wait_for_load_state("networkidle")
    plan_url = page.url
    # Something moves after the evaluation: an action is paused.
    page.click(f".pst-tree a:text-is('{ACTION}')")
    page.wait_for_load_state("networkidle")
    action_url = page.url
    page.select_option("#pst-update-health", "paused")
    page.fill("#pst-update-comment", "Marché suspendu")
    page.click("#pst-update-submit")
    page.wait_for_load_state("networkidle")

    page.goto(plan_url)
    page.click("#pst-evaluations a")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("h1").startswith("Évaluation annuelle du ")
    assert "Le CPAS et la commune partagent" in page.inner_text("#content-core")
    page.select_option("#pst-compare-with", "aujourdhui")
    page.click("#content-core form button[type='submit']")
    page.wait_for_load_state("networkidle")
    row = page.locator(f"#pst-compare-table tr:has-text('{ACTION}')")
    assert row.get_attribute("data-status") == "changed"
    assert "En pause" in row.inner_text()
    assert page.locator(".pst-compare-document").count() == 2  # ODT and PDF
    page.locator("#pst-compare-summary").evaluate("node => node.scrollIntoView()")
    screenshot(page, "pst-comparaison")

    page.goto(action_url)
    page.click(f"#portal-breadcrumbs a:text-is('{OBJECTIVE}')")
    page.wait_for_load_state("networkidle")
    timeline = page.locator("#pst-timeline svg")
    assert timeline.locator("rect.planned").count() >= 2
    # Each bar is drawn at its own size, whatever the site's stylesheets say of `rect`.
    chart_width = timeline.evaluate("svg => svg.getBBox().width")
    for width in timeline.locator("rect.effective").evaluate_all(
        "rects => rects.map(rect => rect.getBBox().width)"
    ):
        assert width < chart_width / 2
    page.locator("#pst-timeline").scroll_into_view_if_needed()
    screenshot(page, "pst-calendrier")

    page.goto(plan_url)
    public_url = page.get_attribute("#pst-public-link", "href")
    visitor = chromium.new_context(locale="fr-BE", viewport={"width": 1280, "height": 800})
    public = visitor.new_page()
    public.goto(public_url)
    public.wait_for_load_state("networkidle")
    text = public.inner_text("#content")
    assert "Programme stratégique transversal 2024-2030" in text
    assert "Marché suspendu" not in text and "Dépensé" not in text
    screenshot(public, "pst-page-publique")
    public.goto(plan_url)
    assert "login" in public.url or public.locator("#__ac_name").count() == 1
    visitor.close()
