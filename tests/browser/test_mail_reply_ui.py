"""The mail office registers a letter; the Works agent answers it from the letter template,
the answer is validated and signed, the agent sends it and the letter is closed."""

from conftest import SCREENSHOTS
from test_meetings_ui import api_call

import pytest
import subprocess


pytestmark = [pytest.mark.browser, pytest.mark.office]


def click(page, selector):
    page.click(selector)
    page.wait_for_load_state("networkidle")


def test_answer_a_letter_from_the_template(
    page, server, login, screenshot, valmont_office, tmp_path
):
    found = api_call(
        "GET",
        f"{server}/valmont/@search?portal_type=Organization&sort_on=sortable_title&metadata_fields=UID",
        "courrier",
    )
    organisation = found["items"][0]

    login(page, server, "courrier")
    page.goto(f"{server}/valmont/courrier")
    click(page, "#mail-register")
    page.fill("#form-widgets-title", "Demande d'autorisation pour une brocante")
    click(page, "#form-buttons-save")
    letter_url = page.url.split("?")[0].removesuffix("/view")
    assert "E20" in page.inner_text("#mail-facts"), letter_url
    api_call("PATCH", letter_url, "courrier", sender=organisation["UID"])
    page.reload()
    page.select_option("#mail-service", "travaux")
    click(page, "#mail-transition-assign")
    reference = page.inner_text("#mail-facts").split("\n")[1].split()[0]

    page.context.clear_cookies()
    login(page, server, "agent.travaux")
    page.goto(letter_url)
    click(page, "#mail-transition-take")
    click(page, "#mail-reply")
    assert "Réponse : Demande d'autorisation pour une brocante" in page.inner_text("#content")
    answer_url = page.url.removesuffix("/edit")
    screenshot(page, "courrier-reponse")

    # The letter from the template: its PDF names the answered letter and the recipient.
    pdf_link = page.locator("a[href*='document-generation'][href*='output_format=pdf']").first
    response = page.request.get(pdf_link.get_attribute("href"))
    assert response.status == 200 and response.body().startswith(b"%PDF")
    pdf = tmp_path / "lettre.pdf"
    pdf.write_bytes(response.body())
    text = " ".join(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split()
    )
    assert "Concerne : Réponse : Demande d'autorisation pour une brocante" in text
    assert reference in text and organisation["title"] in text
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-singlefile", str(pdf), str(SCREENSHOTS / "lettre")],
        check=True,
    )

    page.goto(answer_url)
    click(page, "#mail-transition-submit")
    api_call("POST", f"{answer_url}/@workflow/validate", "chef.travaux")
    api_call("POST", f"{answer_url}/@workflow/sign", "dg")
    page.goto(answer_url)
    click(page, "#mail-transition-send")
    assert api_call("GET", answer_url, "agent.travaux")["review_state"] == "sent"
    assert api_call("GET", letter_url, "agent.travaux")["review_state"] == "closed"
    page.goto(letter_url)
    assert "Clôturé par l'envoi de la réponse" in page.inner_text("#mail-history")
    screenshot(page, "courrier-clos-par-la-reponse")
