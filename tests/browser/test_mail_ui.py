"""The mail office registers a letter and assigns it to Travaux; the agent takes and closes it."""

import pytest


pytestmark = pytest.mark.browser


def test_register_assign_take_and_close(page, server, login, screenshot):
    login(page, server, "courrier")
    page.goto(f"{server}/valmont/courrier")
    page.click("#mail-register")
    page.wait_for_load_state("networkidle")
    page.fill("#form-widgets-title", "Demande de réparation de l'éclairage rue Haute")
    page.click("#form-buttons-save")
    page.wait_for_load_state("networkidle")
    facts = page.inner_text("#mail-facts")
    assert "E20" in facts and "Enregistré" in facts
    page.select_option("#mail-service", "travaux")
    screenshot(page, "courrier-attribution")
    page.click("#mail-transition-assign")
    page.wait_for_load_state("networkidle")
    assert "Attribué" in page.inner_text("#mail-facts")
    reference = page.inner_text("#mail-facts").split("\n")[1].split()[0]
    url = page.url

    page.context.clear_cookies()
    login(page, server, "agent.travaux")
    page.goto(f"{server}/valmont/courrier?list=service")
    assert reference in page.inner_text("#mail-table")
    screenshot(page, "courrier-tableau-de-bord")
    page.goto(url)
    page.click("#mail-transition-take")
    page.wait_for_load_state("networkidle")
    assert "En traitement" in page.inner_text("#mail-facts")
    page.fill("#mail-comment", "Réparation commandée.")
    page.click("#mail-transition-close")
    page.wait_for_load_state("networkidle")
    assert "Clôturé" in page.inner_text("#mail-facts")
    assert "Réparation commandée." in page.inner_text("#mail-history")
    screenshot(page, "courrier-cloture")
