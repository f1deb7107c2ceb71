"""A councillor's dashboard and the directory, seen in a real browser."""

import pytest


pytestmark = pytest.mark.browser


def test_dashboard_after_login(page, server, login, screenshot):
    login(page, server, "bourgmestre")
    assert page.url.endswith("/valmont/tableau-de-bord")
    assert page.inner_text("h1") == "Mon tableau de bord"
    mandates = page.inner_text("#dashboard-mandates")
    assert "Bourgmestre" in mandates and "Conseiller communal" in mandates
    screenshot(page, "tableau-de-bord-bourgmestre")


def test_directory_search_and_filters(page, server, login, screenshot):
    login(page, server, "secretariat")
    page.fill("#dashboard-directory-q", "lamb")
    page.click("#dashboard-directory button")
    page.wait_for_load_state("networkidle")
    rows = page.locator("#directory-people tbody tr")
    assert rows.count() == 1
    assert "Françoise Lambert" in rows.first.inner_text()
    page.fill("#directory-q", "")
    page.select_option("#directory-body", "college")
    page.click("#directory-filters button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("#directory-people tbody tr").count() == 6
    assert "6 personne(s)" in page.inner_text("#directory-count")
    screenshot(page, "annuaire-college")


def test_csv_import_preview(page, server, login, screenshot, tmp_path):
    csv_file = tmp_path / "personnes.csv"
    csv_file.write_text(
        "prenom;nom;genre;email\nNadia;Collard;F;nadia.collard@valmont.example\n;Anonyme;;\n",
        encoding="utf-8",
    )
    login(page, server, "secretariat")
    page.goto(f"{server}/valmont/annuaire/@@importer-csv")
    page.set_input_files("#csvfile", str(csv_file))
    page.click("button[name='form.buttons.preview']")
    page.wait_for_load_state("networkidle")
    assert "Nadia" in page.inner_text("#csv-accepted")
    assert "prénom et nom obligatoires" in page.inner_text("#csv-rejected")
    screenshot(page, "import-csv-previsualisation")
    page.click("button[name='form.buttons.confirm']")
    page.wait_for_load_state("networkidle")
    assert "1 personne(s) importée(s)." in page.content()
    assert "1 ligne(s) rejetée(s)" in page.content()


def test_a_councillor_cannot_import(page, server, login):
    login(page, server, "conseiller1")
    response = page.goto(f"{server}/valmont/annuaire/@@importer-csv")
    assert "csvfile" not in page.content()
    assert response.status in (200, 302, 401, 403)
    assert "Importer des personnes (CSV)" not in page.content()


def test_orgchart_tree(page, server, login, screenshot):
    login(page, server, "agent.travaux")
    page.goto(f"{server}/valmont/organigramme")
    chart = page.inner_text(".communesplone-orgchart")
    assert "Urbanisme et aménagement du territoire" in chart
    # Environnement hangs under Urbanisme.
    nested = page.locator(".communesplone-orgchart .communesplone-orgchart").all_inner_texts()
    assert any("Environnement" in text for text in nested)
    assert any("Informatique" in text and "Ressources humaines" in text for text in nested)
    assert "Agent du service Travaux" in chart
    screenshot(page, "organigramme")


def test_adding_a_service_with_a_used_code_is_refused_in_the_form(page, server, login):
    login(page, server, "dg")
    page.goto(f"{server}/valmont/organigramme/++add++Service")
    page.fill("#form-widgets-IBasic-title", "Travaux bis")
    page.fill("#form-widgets-code", "travaux")
    page.click("#form-buttons-save")
    page.wait_for_load_state("networkidle")
    assert "Le code de service « travaux » est déjà utilisé." in page.content()
    assert "++add++Service" in page.url
    page.goto(f"{server}/valmont/organigramme")
    assert "Travaux bis" not in page.content()


def test_a_mandate_outside_its_body_is_refused_in_the_form(page, server, login, screenshot):
    login(page, server, "secretariat")
    page.goto(f"{server}/valmont/annuaire/julie-leclercq/++add++Mandate")
    page.select_option("#form-widgets-body", "council")
    page.select_option("#form-widgets-role", "bourgmestre")
    page.fill("#form-widgets-mandate_start", "2026-01-05")
    page.click("#form-buttons-save")
    page.wait_for_load_state("networkidle")
    assert "Cette fonction n'existe pas dans cet organe." in page.content()
    screenshot(page, "mandat-refuse")
    page.goto(f"{server}/valmont/annuaire/julie-leclercq")
    assert "Bourgmestre" not in page.inner_text("#content")


def test_person_page_lists_current_and_past_mandates(page, server, login, screenshot):
    login(page, server, "conseiller2")
    page.goto(f"{server}/valmont/annuaire/henri-bodart")
    rows = page.locator("#person-mandates tbody tr")
    assert rows.count() == 1
    assert "hors période" in rows.first.inner_text()
    page.goto(f"{server}/valmont/annuaire/francoise-lambert")
    text = page.inner_text("#person-mandates")
    assert "Bourgmestre" in text and "en cours" in text
    assert "francoise.lambert@valmont.example" in page.inner_text("#person-contact")
    assert page.locator("text=Ajouter un mandat").count() == 0  # councillors do not edit
    screenshot(page, "personne-bourgmestre")
