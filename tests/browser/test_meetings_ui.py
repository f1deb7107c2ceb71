"""A clerk prepares a meeting in the browser; its members read it once frozen."""

from datetime import datetime
from datetime import timedelta

import pytest
import requests


pytestmark = pytest.mark.browser


def api_call(method, url, userid, **payload):
    response = requests.request(
        method,
        url,
        json=payload or None,
        auth=(userid, "demodemo"),
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert response.status_code < 300, response.text
    return response.json() if response.content else {}


def validated_item(college, meeting, title, privacy, category) -> dict:
    """An item of the works service, meant for `meeting`, proposed and validated."""
    item = api_call(
        "POST",
        college,
        "agent.travaux",
        **{
            "@type": "MeetingItem",
            "title": title,
            "privacy": privacy,
            "category": category,
            "preferred_meeting": meeting["UID"],
        },
    )
    assert item["proposing_service"]["token"] == "travaux"
    api_call("POST", f"{item['@id']}/@workflow/propose", "agent.travaux")
    api_call("POST", f"{item['@id']}/@workflow/validate", "chef.travaux")
    return item


def test_prepare_freeze_and_read_a_college_agenda(page, server, login, screenshot):
    college = f"{server}/valmont/college"
    start = (datetime.now() + timedelta(days=3)).replace(hour=9, minute=0, second=0)
    meeting = api_call(
        "POST", college, "secretariat", **{"@type": "Meeting", "start": start.isoformat()}
    )
    assert meeting["title"].startswith("Collège communal du ")
    assert meeting["place"] == "Salle du Collège"
    items = [
        validated_item(college, meeting, title, privacy, category)
        for title, privacy, category in (
            ("Marché de travaux : réfection de la rue Haute", "public", "Travaux"),
            ("Budget participatif 2027", "public", "Finances"),
            ("Situation administrative d'un agent", "secret", "Personnel"),
        )
    ]

    # The clerk finds the validated items meant for this meeting ticked, and presents them.
    login(page, server, "secretariat")
    page.goto(meeting["@id"])
    for item in items:
        assert page.is_checked(f"#present-{item['UID']}")
    screenshot(page, "seance-a-preparer")
    page.click("#present-selected")
    page.wait_for_load_state("networkidle")
    assert "3 point(s) présenté(s)." in page.inner_text("#global_statusmessage")
    public = page.locator("#agenda-public li")
    assert public.count() == 2
    # The college's categories put Finances before Travaux.
    assert "Budget participatif 2027" in public.nth(0).inner_text()
    assert "rue Haute" in public.nth(1).inner_text()
    assert "Situation administrative" in page.inner_text("#agenda-secret")
    screenshot(page, "seance-secretariat")

    # The clerk drags the works item above the budget; the server keeps the new order.
    with page.expect_response(lambda r: "@agenda" in r.url and r.request.method == "PATCH") as sent:
        page.drag_and_drop("#agenda-public li:nth-child(2)", "#agenda-public li:nth-child(1)")
    assert sent.value.status == 204
    page.reload()
    assert "rue Haute" in page.locator("#agenda-public li").nth(0).inner_text()
    numbers = [
        (i["number"], i["title"])
        for i in api_call("GET", f"{meeting['@id']}/@agenda", "secretariat")["items"]
    ]
    assert [n for n, _ in numbers] == [1, 2, 3]
    assert "rue Haute" in numbers[0][1] and "Budget" in numbers[1][1]

    # Before the freeze, a college member does not see the meeting.
    before = requests.get(
        meeting["@id"],
        auth=("echevin1", "demodemo"),
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert before.status_code == 401
    page.click("#meeting-transition-freeze")
    page.wait_for_load_state("networkidle")
    assert "La séance est maintenant" in page.inner_text("#global_statusmessage")
    states = {
        i["title"]: i["review_state"]
        for i in api_call("GET", f"{meeting['@id']}/@agenda", "echevin1")["items"]
    }
    assert set(states.values()) == {"frozen"}

    page.context.clear_cookies()
    login(page, server, "echevin1")
    page.goto(meeting["@id"])
    assert page.locator("#agenda-public li").count() == 2
    assert "Situation administrative" in page.inner_text("#agenda-secret")
    screenshot(page, "seance-echevin")

    # A councillor who is not in the college reads nothing of it, huis clos least of all.
    councillor = requests.get(
        f"{meeting['@id']}/@agenda",
        auth=("conseiller1", "demodemo"),
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert councillor.status_code == 401
    search = requests.get(
        f"{server}/valmont/@search",
        params={"portal_type": "MeetingItem", "path": "/valmont/college"},
        auth=("conseiller1", "demodemo"),
        headers={"Accept": "application/json"},
        timeout=30,
    ).json()
    assert search["items_total"] == 0


def test_an_agent_drafts_an_item_in_the_browser(page, server, login, screenshot):
    login(page, server, "agent.travaux")
    page.goto(f"{server}/valmont/college/++add++MeetingItem")
    page.fill("#form-widgets-title", "Remplacement des châssis de l'école communale")
    page.select_option("#form-widgets-category", label="Travaux")
    service = page.locator("#form-widgets-proposing_service option[selected]")
    assert service.inner_text().strip() == "Travaux"
    screenshot(page, "point-ajout")
    page.click("#form-buttons-save")
    page.wait_for_load_state("networkidle")
    facts = page.inner_text("#item-facts")
    assert "En création" in facts and "Travaux" in facts and "Séance publique" in facts
    assert "Remplacement des châssis" in page.inner_text("h1")


def test_the_clerk_presents_and_freezes_from_the_state_menu(page, server, login, screenshot):
    college = f"{server}/valmont/college"
    start = (datetime.now() + timedelta(days=4)).replace(hour=9, minute=0, second=0)
    meeting = api_call(
        "POST", college, "secretariat", **{"@type": "Meeting", "start": start.isoformat()}
    )
    item = api_call(
        "POST",
        college,
        "agent.travaux",
        **{
            "@type": "MeetingItem",
            "title": "Entretien des espaces verts : marché 2027",
            "category": "Travaux",
            "preferred_meeting": meeting["UID"],
        },
    )
    api_call("POST", f"{item['@id']}/@workflow/propose", "agent.travaux")
    api_call("POST", f"{item['@id']}/@workflow/validate", "chef.travaux")

    login(page, server, "secretariat")
    page.goto(item["@id"])
    page.click("#plone-contentmenu-workflow > a")
    page.click("#workflow-transition-present")
    page.wait_for_load_state("networkidle")
    assert "Présenté à une séance" in page.inner_text("#item-facts")
    # The service chosen for its author, not one computed for the clerk who reads it.
    assert "Service proposant\tTravaux" in page.inner_text("#item-facts").replace("\n", "\t")
    assert "point 1" in page.inner_text("#item-facts")

    page.goto(meeting["@id"])
    page.click("#plone-contentmenu-workflow > a")
    page.click("#workflow-transition-freeze")
    page.wait_for_load_state("networkidle")
    page.goto(item["@id"])
    assert "Gelé" in page.inner_text("#item-facts")
    screenshot(page, "point-gele")


def test_an_administrator_sets_text_types_and_ordering_rules(page, server, login, screenshot):
    login(page, server, "admin")
    page.goto(f"{server}/valmont/conseil/edit")
    # Ordering rules in an ordered list, text types as category → text pairs.
    assert "Ordre des catégories" in page.inner_text("#formfield-form-widgets-ordering_rules")
    key = page.locator("#form-widgets-motivation_templates-key-0")
    assert key.input_value() == "Approbation du procès-verbal"
    screenshot(page, "assemblee-reglages")
    key.fill("Approbation du PV")
    page.click("#form-buttons-save")
    page.wait_for_load_state("networkidle")
    assert "Texte type pour une catégorie inconnue : Approbation du PV." in page.inner_text(
        "#content"
    )
    templates = api_call("GET", f"{server}/valmont/conseil", "admin")["motivation_templates"]
    assert "Approbation du procès-verbal" in templates  # nothing was saved


def test_a_visitor_finds_the_open_data_of_the_council(page, server, screenshot):
    """Anonymous: the public decisions lead to the RSS feed and the meetings' calendar;
    the OParl entry point answers the browser with JSON."""
    page.goto(f"{server}/valmont/@@decisions-publiques")
    feeds = page.locator(".public-feeds a")
    assert feeds.count() == 2
    rss = page.request.get(feeds.nth(0).get_attribute("href"))
    assert rss.ok and rss.headers["content-type"].startswith("application/rss+xml")
    calendar = page.request.get(feeds.nth(1).get_attribute("href"))
    assert calendar.ok and b"BEGIN:VCALENDAR" in calendar.body()
    screenshot(page, "decisions-publiques-flux")
    page.goto(f"{server}/valmont/@oparl/meetings?limit=2&omit_internal=true")
    listed = page.evaluate("() => JSON.parse(document.body.innerText)")
    assert listed["pagination"]["elementsPerPage"] == 2
    assert all(entry["type"].endswith("/Meeting") for entry in listed["data"])
    screenshot(page, "oparl-seances")
