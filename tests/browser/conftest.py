"""Playwright driving Debian's Chromium (never a downloaded browser)."""

from pathlib import Path

import pytest


CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).parents[2] / "var" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(locale="fr-BE", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot():
    """Save a screenshot under var/screenshots (`make docs` copies chosen ones to docs/)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=False)
        return path

    return take


@pytest.fixture
def server(tenants):
    return f"http://{tenants['host']}:{tenants['port']}"


def log_in(page, server, userid, password="demodemo"):
    """Log in to the demo commune through its login form."""
    page.goto(f"{server}/valmont/login")
    page.fill("#__ac_name", userid)
    page.fill("#__ac_password", password)
    page.click("button[name='buttons.login']")
    page.wait_for_load_state("networkidle")


@pytest.fixture
def login():
    return log_in


@pytest.fixture
def valmont_office(tenants, office_port, monkeypatch):
    """Valmont converts its documents through the test LibreOffice."""
    from communesplone.core import documents
    from zope.component.hooks import setSite

    import transaction

    setSite(tenants["app"]["valmont"])
    monkeypatch.setenv("OO_PORT", str(office_port))
    documents.configure_office()
    transaction.commit()
