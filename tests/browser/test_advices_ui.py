"""An item asks the Finances' advice; the finance agent finds it in « Mes points » and
answers from the item page; the head of Works then validates it from his list."""

from test_meetings_ui import api_call

import pytest


pytestmark = pytest.mark.browser


def test_an_advice_asked_found_and_given_in_the_browser(page, server, login, screenshot):
    college = f"{server}/valmont/college"
    item = api_call(
        "POST",
        college,
        "agent.travaux",
        **{
            "@type": "MeetingItem",
            "title": "Achat d'une balayeuse de voirie",
            "category": "Travaux",
            "advice_services": ["finances"],
        },
    )
    api_call("POST", f"{item['@id']}/@workflow/propose", "agent.travaux")

    login(page, server, "agent.finances")
    page.goto(f"{server}/valmont/@@mes-points?liste=avis-a-donner")
    assert "Achat d'une balayeuse de voirie" in page.inner_text("#worklists-table")
    screenshot(page, "mes-points-avis")
    page.click("#worklists-table a:has-text('balayeuse')")
    page.wait_for_load_state("networkidle")
    advice = page.locator("#advice-finances")
    advice.locator("select[name='type']").select_option("favorable_remarks")
    advice.locator("input[name='comment']").fill("Crédit inscrit à l'article 421/744-51.")
    advice.locator("button[type='submit']").click()
    page.wait_for_load_state("networkidle")
    assert "Avis enregistré." in page.inner_text("#global_statusmessage")
    assert "Favorable avec remarques" in page.inner_text("#advice-finances")
    page.locator("#item-advices").scroll_into_view_if_needed()
    screenshot(page, "point-avis")

    page.context.clear_cookies()
    login(page, server, "chef.travaux")
    page.goto(f"{server}/valmont/@@mes-points?liste=a-valider")
    row = page.locator("#worklists-table tr", has_text="balayeuse")
    row.locator("input[type='checkbox']").check()
    page.select_option("#worklists-transition", "validate")
    page.click("#worklists-batch-submit")
    page.wait_for_load_state("networkidle")
    assert "1 point(s) traité(s)" in page.inner_text("#global_statusmessage")
    state = api_call("GET", item["@id"], "agent.travaux")["review_state"]
    assert state == "validated"
