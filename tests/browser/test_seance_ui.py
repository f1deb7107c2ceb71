"""A séance conducted in the browser: three items, attendance changes, a vote, the
decisions, closing, and the archived minutes PDF."""

from conftest import SCREENSHOTS
from datetime import datetime
from datetime import timedelta
from test_meetings_ui import api_call
from test_meetings_ui import validated_item

import pytest
import subprocess


pytestmark = [pytest.mark.browser, pytest.mark.office]

# In agenda order: the Collège puts Finances before Travaux, huis clos last.
TITLES = (
    ("Subside à l'école de musique", "public", "Finances"),
    ("Marché de travaux : égouttage de la rue du Moulin", "public", "Travaux"),
    ("Situation disciplinaire d'un agent", "secret", "Personnel"),
)


def meeting_in_session(server) -> dict:
    college = f"{server}/valmont/college"
    start = datetime.now().replace(hour=9, minute=0, second=0) + timedelta(days=1)
    meeting = api_call(
        "POST", college, "secretariat", **{"@type": "Meeting", "start": start.isoformat()}
    )
    for title, privacy, category in TITLES:
        item = validated_item(college, meeting, title, privacy, category)
        api_call("POST", f"{item['@id']}/@workflow/present", "secretariat")
    for transition in ("freeze", "start_session"):
        api_call("POST", f"{meeting['@id']}/@workflow/{transition}", "secretariat")
    return meeting


def submit(page, selector):
    page.click(selector)
    page.wait_for_load_state("networkidle")


def test_a_seance_from_attendance_to_the_minutes_pdf(
    page, server, login, screenshot, valmont_office, tmp_path
):
    meeting = meeting_in_session(server)
    login(page, server, "secretariat")
    page.goto(meeting["@id"])
    submit(page, "#meeting-cockpit")
    assert "Subside" in page.inner_text("#seance-current")

    # The first member is excused for the whole séance.
    rows = page.locator("#seance-attendance tr")
    members = rows.count()
    assert members >= 3
    excused = rows.nth(0).inner_text().split("\n")[0].strip()
    rows.nth(0).locator("input[value='excused']").check()
    submit(page, "#seance-attendance-meeting")
    assert (
        page.locator("#seance-attendance tr").nth(0).locator("input[value='excused']").is_checked()
    )

    # A public vote on the first item: everyone present votes yes but one, who abstains.
    page.select_option("#seance-vote-type", "out_loud")
    voters = page.locator("#seance-vote tbody tr")
    assert voters.count() == members - 1  # the excused member does not vote
    for index in range(voters.count()):
        value = "abstain" if index == 0 else "yes"
        voters.nth(index).locator(f"input[value='{value}']").check()
    submit(page, "#seance-vote-submit")
    votes_text = " ".join(page.inner_text("#seance-votes").split())
    assert f"{members - 2} oui, 0 non, 1 abstention(s) adopté" in votes_text
    page.locator("#seance-votes").scroll_into_view_if_needed()
    screenshot(page, "seance-conduite-vote")
    submit(page, "#seance-decide-accept")

    # The second member leaves before the second item.
    assert "égouttage" in page.inner_text("#seance-current")
    leaving = page.locator("#seance-attendance tr").nth(1)
    leaver = leaving.inner_text().split("\n")[0].strip()
    leaving.locator("input[value='absent']").check()
    submit(page, "#seance-attendance-item")
    screenshot(page, "seance-conduite-sortie")
    submit(page, "#seance-decide-accept")

    assert "disciplinaire" in page.inner_text("#seance-current")
    submit(page, "#seance-decide-refuse")

    # Back to the meeting: decided, then closed; the minutes are archived.
    page.goto(meeting["@id"])
    submit(page, "#meeting-transition-decide")
    submit(page, "#meeting-transition-close")
    assert "La séance est maintenant" in page.inner_text("#global_statusmessage")
    assert page.locator("#meeting-minutes-pdf").count() == 1
    sha256 = page.inner_text("#meeting-minutes-sha256").strip()
    assert len(sha256) == 64
    screenshot(page, "seance-cloturee")

    response = page.request.get(page.get_attribute("#meeting-minutes-pdf", "href"))
    assert response.status == 200
    pdf = response.body()
    assert pdf.startswith(b"%PDF")
    path = tmp_path / "proces-verbal.pdf"
    path.write_bytes(pdf)
    text = " ".join(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split()
    )
    for title, _privacy, _category in TITLES:
        assert title in text
    assert excused in text and leaver in text
    # A picture of the minutes' first page, for the documentation (`make docs`).
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-singlefile",
            str(path),
            str(SCREENSHOTS / "proces-verbal"),
        ],
        check=True,
    )
