"""XSS: titles, descriptions, names and rich text holding scripts, event handlers or
`javascript:` links are shown as text (or cleaned) in our pages, listings, charts, REST
answers and in what document templates read, on the demo commune over HTTP.

A page is checked by parsing it: no script element of ours, no `on…` attribute and no
`javascript:` link built from the planted values, and the planted marker is on the page
(so the page does show the object).
"""

from communesplone.meetings import minutes
from communesplone.pst import charts
from datetime import date
from httphelpers import browser_login
from lxml import html as lxml_html
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import SITE_OWNER_NAME
from plone.app.textfield.value import RichTextValue
from types import SimpleNamespace
from zope.component.hooks import setSite

import html
import pytest
import requests
import transaction


PASSWORD = "demodemo"
MARK = "XSSPROBE"
TITLE = (
    f"{MARK} <script>alert('xss-title')</script>"
    "<img src=x onerror=\"alert('xss-img')\"> "
    "<a href=\"javascript:alert('xss-link')\">lien</a>"
)
RICH = (
    f"<p>{MARK} riche</p><script>alert('xss-rich')</script>"
    '<img src="x" onerror="alert(\'xss-rich-img\')">'
    "<a href=\"javascript:alert('xss-rich-link')\">lien</a>"
)
EVIL_URL = "javascript:alert('xss-url')"
LINKS = ("href", "src", "action", "formaction")


def leaks(text: str) -> list[str]:
    """What in an HTML (or SVG) text would run the planted scripts."""
    found = []
    if "<script>alert('xss" in text:
        found.append("a raw <script> of the planted values")
    tree = lxml_html.fromstring(text)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.rsplit("}", 1)[-1].lower()
        if tag == "script" and "alert('xss" in (element.text or "").split("\n", 1)[0][:40]:
            found.append(f"script: {element.text[:60]}")
        for name, value in element.attrib.items():
            name = name.rsplit("}", 1)[-1].lower()
            if name.startswith("on") and "xss" in value:
                found.append(f"<{tag} {name}={value!r}>")
            link = value.strip().lower()
            if name in LINKS and link.startswith("javascript:") and "xss" in link:
                found.append(f"<{tag} {name}={value!r}>")
    return found


def assert_safe(response, marker: str = MARK):
    assert response.status_code == 200, (response.status_code, response.url)
    assert marker in response.text, f"the planted value is not on {response.url}"
    assert leaks(response.text) == [], response.url


def test_the_check_sees_a_leak():
    assert leaks(f"<div>{TITLE}</div>")
    assert leaks(f"<div>{RICH}</div>")
    assert leaks(f"<div>{html.escape(TITLE)}</div>") == []


# The charts alone ----------------------------------------------------------------------


def test_charts_escape_their_labels():
    label = TITLE[:200]
    svgs = [
        charts.progress_chart(label, [(label, 40), (EVIL_URL, 10)]),
        charts.budget_chart(label, {2025: {"planned": 10.0, "spent": 5.0}}),
        charts.health_chart(label, {"good": 2, "blocked": 1}),
        charts.timeline_chart(
            label,
            [
                {
                    "label": label,
                    "url": EVIL_URL,
                    "planned_start": date(2025, 1, 1),
                    "planned_end": date(2025, 6, 30),
                }
            ],
            date(2025, 3, 1),
        ),
    ]
    for svg in svgs:
        assert MARK in svg
        assert leaks(svg) == []


def test_attendance_chart_escapes_names():
    from communesplone.meetings.statistics import attendance_chart

    rows = [{"name": TITLE, "present": 3, "excused": 1, "absent": 0}]
    titles = {"present": "présent", "excused": "excusé", "absent": "absent"}
    svg = attendance_chart("Présences", rows, titles)
    assert MARK in svg
    assert leaks(svg) == []


# The pages -----------------------------------------------------------------------------


def _rich(value: str) -> RichTextValue:
    return RichTextValue(value, "text/html", "text/x-html-safe")


def _first(site, container, **query):
    brains = api.content.find(context=container, **query)
    assert brains, query
    return brains[0].getObject()


def _in_treatment(site, service):
    for brain in api.content.find(
        context=site["courrier"], portal_type="IncomingMail", review_state="in_treatment"
    ):
        mail = brain.getObject()
        if mail.treating_service == service and not mail.confidential:
            return mail
    raise AssertionError(service)


def _url(obj, server):
    return obj.absolute_url().replace("http://nohost", server)


@pytest.fixture
def planted(tenants, server):
    """The demo commune with the planted values in an item, a mail, a contact and the PST."""
    app = tenants["app"]
    site = app["valmont"]
    setSite(site)
    login(app, SITE_OWNER_NAME)
    try:
        college = site["college"]
        meeting = _first(site, college, portal_type="Meeting", review_state="frozen")
        item = _first(
            site, college, portal_type="MeetingItem", review_state="frozen", sort_on="created"
        )
        assert item.meeting() == meeting
        item.title = TITLE
        item.description = TITLE
        item.motivation = _rich(RICH)
        item.decision = _rich(RICH)
        item.reindexObject()

        proposed = _first(site, college, portal_type="MeetingItem", review_state="proposed")
        assert proposed.proposing_service == "travaux"
        proposed.title = TITLE
        proposed.reindexObject()

        person = _first(site, site["annuaire"], portal_type="Person")
        person.firstname = f"{MARK} <script>alert('xss-name')</script>"
        person.lastname = "<img src=x onerror=\"alert('xss-name')\">"
        person.reindexObject()

        mail = _in_treatment(site, "travaux")
        mail.title = TITLE
        mail.description = TITLE
        mail.sender = person.UID()
        mail.reindexObject()

        plan = _first(site, site["pst"], portal_type="StrategicPlan")
        plan.publication_url = EVIL_URL
        objective = _first(
            site, plan, portal_type="StrategicObjective", sort_on="getObjPositionInParent"
        )
        objective.title = TITLE
        objective.reindexObject()
        operational = _first(site, objective, portal_type="OperationalObjective")
        action = _first(site, operational, portal_type="Action", review_state="ongoing")
        action.title = TITLE
        action.description = TITLE
        action.reindexObject()
        transaction.commit()
        yield SimpleNamespace(
            site=site,
            base=f"{server}/valmont",
            meeting=_url(meeting, server),
            item=_url(item, server),
            item_obj=item,
            proposed=_url(proposed, server),
            person=_url(person, server),
            mail=_url(mail, server),
            plan=_url(plan, server),
            plan_uid=plan.UID(),
            objective=_url(objective, server),
            objective_uid=objective.UID(),
            operational=_url(operational, server),
            operational_uid=operational.UID(),
            action=_url(action, server),
        )
    finally:
        logout()


def test_meeting_pages(planted):
    clerk = browser_login(planted.base, "secretariat", PASSWORD)
    assert_safe(clerk.get(f"{planted.item}/@@point", timeout=30))
    assert_safe(clerk.get(f"{planted.meeting}/@@seance", timeout=30))
    assert_safe(clerk.get(f"{planted.meeting}/@@conduite", timeout=30))
    # The minutes online render the rich text with `structure`: safe_html made it safe.
    for page in (f"{planted.meeting}/@@proces-verbal", f"{planted.item}/@@deliberation"):
        response = clerk.get(page, timeout=30)
        assert_safe(response)
        assert f"{MARK} riche" in response.text
        assert "xss-rich" not in response.text


def test_item_rich_text_is_cleaned(planted):
    clerk = browser_login(planted.base, "secretariat", PASSWORD)
    page = clerk.get(f"{planted.item}/@@point", timeout=30)
    assert f"{MARK} riche" in page.text  # the rich text is shown…
    assert "xss-rich" not in page.text  # …without what safe_html removes


def test_worklist(planted):
    chef = browser_login(planted.base, "chef.travaux", PASSWORD)
    assert_safe(chef.get(f"{planted.base}/@@mes-points?liste=a-valider", timeout=30))


def test_rest_answers_json_with_clean_rich_text(planted):
    response = requests.get(
        planted.item,
        auth=("secretariat", PASSWORD),
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    body = response.json()
    assert body["title"] == TITLE  # data, not markup: shown by whoever renders it
    for name in ("motivation", "decision"):
        assert f"{MARK} riche" in body[name]["data"]
        assert "xss-rich" not in body[name]["data"]


def test_what_document_templates_read_is_cleaned(planted):
    """The deliberation and the minutes are generated from minutes.py's HTML."""
    setSite(planted.site)
    login(planted.site.aq_parent, SITE_OWNER_NAME)
    try:
        entry = minutes.deliberation(planted.item_obj)
    finally:
        logout()
    joined = " ".join(
        row[name] for row in entry["public_items"] for name in ("motivation", "decision")
    )
    assert f"{MARK} riche" in joined
    assert "xss-rich" not in joined


def test_mail_pages(planted):
    dg = browser_login(planted.base, "dg", PASSWORD)
    assert_safe(dg.get(planted.mail, timeout=30))
    assert_safe(dg.get(f"{planted.base}/courrier/@@courriers?list=all&text={MARK}", timeout=30))
    agent = browser_login(planted.base, "agent.travaux", PASSWORD)
    assert_safe(agent.get(f"{planted.base}/courrier/@@courriers?list=service", timeout=30))


def test_contact_pages(planted):
    dg = browser_login(planted.base, "dg", PASSWORD)
    assert_safe(dg.get(f"{planted.base}/annuaire/@@annuaire?q={MARK}", timeout=30))
    assert_safe(dg.get(planted.person, timeout=30))


def test_pst_pages(planted):
    dg = browser_login(planted.base, "dg", PASSWORD)
    assert_safe(dg.get(planted.plan, timeout=30))  # tree, progress chart, publication link
    assert_safe(dg.get(planted.objective, timeout=30))
    assert_safe(dg.get(planted.operational, timeout=30))  # the actions' timeline
    assert_safe(dg.get(planted.action, timeout=30))
    assert_safe(dg.get(f"{planted.plan}/@@suivi", timeout=30))


def test_pst_public_pages(planted):
    public = requests.Session()
    url = f"{planted.base}/@@pst-public?plan={planted.plan_uid}"
    assert_safe(public.get(url, timeout=30))
    assert_safe(public.get(f"{url}&element={planted.objective_uid}", timeout=30))
    assert_safe(public.get(f"{url}&element={planted.operational_uid}", timeout=30))
