"""An urbanism agent opens a file, records its first steps and reads the deadlines."""

from datetime import date
from datetime import timedelta

import pytest


pytestmark = pytest.mark.browser


def record(page, kind, day, **fields):
    page.click(f"#add-event-{kind}")
    page.wait_for_load_state("networkidle")
    assert page.input_value("#form-widgets-event_type") == kind
    page.fill("#form-widgets-date", day.isoformat())
    for selector, value in fields.items():
        page.locator(selector).select_option(value) if selector.endswith("publicity") else (
            page.fill(selector, value)
        )
    page.click("#form-buttons-save")
    page.wait_for_load_state("networkidle")


def test_an_agent_records_deposit_acknowledgement_and_inquiry(page, server, login, screenshot):
    login(page, server, "agent.urbanisme")
    page.goto(f"{server}/valmont/urbanisme")
    assert page.locator("#permits-overdue tbody tr").count() >= 1
    screenshot(page, "urbanisme-tableau-de-bord")
    page.click("#permit-add")
    page.wait_for_load_state("networkidle")
    page.select_option("#form-widgets-procedure", "pu")
    page.fill("#form-widgets-title", "Construction d'une maison rue du Tilleul")
    page.fill("#form-widgets-parcels", "93099A0999/00_000")
    page.click("#form-buttons-save")
    page.wait_for_load_state("networkidle")
    facts = page.inner_text("#permit-facts")
    assert "PU/" in facts and "Nouveau" in facts

    today = date.today()
    deposit = today - timedelta(days=20)
    acknowledgement = today - timedelta(days=5)
    record(page, "deposit", deposit)
    assert "Déposé" in page.inner_text("#permit-facts")
    record(
        page,
        "acknowledgement",
        acknowledgement,
        **{"#form-widgets-publicity": "inquiry"},
    )
    record(
        page,
        "inquiry",
        today,
        **{"#form-widgets-start": today.isoformat(), "#form-widgets-place": "Hôtel de ville"},
    )
    assert "En instruction" in page.inner_text("#permit-facts")
    rows = page.locator("#permit-deadlines tbody tr")
    by_id = {
        rows.nth(i).get_attribute("data-deadline"): rows.nth(i).inner_text()
        for i in range(rows.count())
    }
    assert "Respecté" in by_id["completeness"]
    assert "En cours" in by_id["inquiry_end"] and "15 jours" in by_id["inquiry_end"]
    assert "75 jours" in by_id["decision"]
    assert f"AR envoyé le {acknowledgement.isoformat()}" in by_id["decision"]
    screenshot(page, "urbanisme-dossier")


def test_statistics_and_the_public_register(page, server, login, screenshot):
    page.goto(f"{server}/valmont/@@registre-urbanisme")
    assert "Enquête publique" in page.inner_text("#register-inquiries")
    assert page.locator("#register-granted tbody tr").count() >= 1
    calendar = page.locator("a.register-calendar")
    feed = page.request.get(calendar.get_attribute("href"))
    assert feed.ok and b"BEGIN:VEVENT" in feed.body()
    screenshot(page, "urbanisme-registre-public")
    login(page, server, "chef.urbanisme")
    page.goto(f"{server}/valmont/urbanisme/@@statistiques")
    assert page.locator("#urban-statistics tbody tr").count() >= 1
    assert page.locator("#chart-deposits svg").count() == 1
    screenshot(page, "urbanisme-statistiques")
