"""A clerk logs in to the demo commune in a real browser."""

import pytest


pytestmark = pytest.mark.browser


def test_secretariat_logs_in(page, server, screenshot):
    page.goto(f"{server}/valmont/login")
    assert page.locator("html").get_attribute("lang") == "fr"
    page.fill("#__ac_name", "secretariat")
    page.fill("#__ac_password", "demodemo")
    page.click("button[name='buttons.login']")
    page.wait_for_load_state("networkidle")
    assert "Secrétariat des assemblées" in page.content()
    path = screenshot(page, "valmont-secretariat")
    assert path.stat().st_size > 10_000


def test_wrong_password_is_refused_in_french(page, server):
    page.goto(f"{server}/valmont/login")
    page.fill("#__ac_name", "secretariat")
    page.fill("#__ac_password", "mauvais-mot-de-passe")
    page.click("button[name='buttons.login']")
    page.wait_for_load_state("networkidle")
    assert "L'identification a échoué" in page.inner_text(".statusmessage")
    assert page.locator("#__ac_name").count() == 1
