"""Parameters sent with Zope's converters (`:list`, `:record`, `:int`) where a view reads
one text: a 400 that says which parameter, in French, in the page as in JSON, and
nothing changed; never an internal error (core/params.py).
"""

from httphelpers import browser_login
from httphelpers import form_fields
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import SITE_OWNER_NAME
from zope.component.hooks import setSite

import pytest
import requests
import transaction


PASSWORD = "demodemo"
# A browser of a Walloon commune asks for French.
HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8", "Accept-Language": "fr-BE,fr"}
JSON = {"Accept": "application/json", "Accept-Language": "fr-BE,fr"}
MEETING = "{meeting}"  # the path of a frozen meeting of the Collège, found in the demo
# (who, address in Valmont, the parameter refused)
PAGES = [
    ("agent.travaux", "@@mes-points?text:list=a&text:list=b", "text"),
    ("agent.travaux", "@@mes-points?liste:list=mes-points", "liste"),
    ("agent.travaux", "annuaire/@@annuaire?q:list=a&q:list=b", "q"),
    ("agent.travaux", "annuaire/@@annuaire?body.kind:record=college", "body"),
    ("agent.travaux", "courrier/@@courriers?date_from:list=x", "date_from"),
    ("agent.travaux", "courrier/@@courriers?list:list=to_treat", "list"),
    ("agent.travaux", "courrier/@@courriers-export?text:list=a&text:list=b", "text"),
    ("agent.urbanisme", "urbanisme/@@dossiers?review_state:list=instruction", "review_state"),
    ("secretariat", "college/@@statistiques-presences?debut:list=2026-01-01", "debut"),
    ("secretariat", f"{MEETING}/@@conduite?point:int=2", "point"),
]


def refusal(name: str) -> str:
    return f"Paramètre « {name} » invalide : une seule valeur texte est attendue."


@pytest.fixture
def valmont(tenants):
    app = tenants["app"]
    site = app["valmont"]
    setSite(site)
    login(app, SITE_OWNER_NAME)  # to find the demo's objects
    yield site
    logout()


def _address(valmont, server, path: str) -> str:
    if MEETING in path:
        meeting = api.content.find(
            context=valmont["college"], portal_type="Meeting", review_state="frozen"
        )[0]
        path = path.replace(MEETING, meeting.getPath().removeprefix("/valmont/"))
    return f"{server}/valmont/{path}"


@pytest.mark.parametrize("who, path, name", PAGES, ids=[path for _who, path, _name in PAGES])
def test_a_list_where_one_text_is_read_is_a_clear_400(who, path, name, valmont, server):
    url = _address(valmont, server, path)

    page = browser_login(f"{server}/valmont", who, PASSWORD).get(url, headers=HTML, timeout=60)
    assert page.status_code == 400, (url, page.status_code)
    assert "Adresse invalide" in page.text
    assert refusal(name) in page.text
    assert "Traceback" not in page.text

    answer = requests.get(url, auth=(who, PASSWORD), headers=JSON, timeout=60)
    assert answer.status_code == 400, (url, answer.status_code)
    assert answer.json()["type"] == "BadRequest"
    assert answer.json()["message"] == refusal(name)


# The same pages with each parameter given once, as their forms send it.
SINGLE = [
    ("agent.travaux", "@@mes-points?text=a"),
    ("agent.travaux", "@@mes-points?liste=mes-points"),
    ("agent.travaux", "annuaire/@@annuaire?q=Lambert"),
    ("agent.travaux", "annuaire/@@annuaire?body=college"),
    ("agent.travaux", "courrier/@@courriers?date_from=2026-01-01"),
    ("agent.travaux", "courrier/@@courriers?list=to_treat"),
    ("agent.travaux", "courrier/@@courriers-export?text=a"),
    ("agent.urbanisme", "urbanisme/@@dossiers?review_state=instruction"),
    ("secretariat", "college/@@statistiques-presences?debut=2026-01-01"),
    ("secretariat", f"{MEETING}/@@conduite?point=2"),
]


@pytest.mark.parametrize("who, path", SINGLE, ids=[path for _who, path in SINGLE])
def test_the_same_parameters_given_once_still_work(who, path, valmont, server):
    url = _address(valmont, server, path)
    session = browser_login(f"{server}/valmont", who, PASSWORD)
    response = session.get(url, headers=HTML, timeout=60)
    assert response.status_code == 200, (url, response.status_code)


def _registered_mail(valmont):
    brains = api.content.find(
        context=valmont["courrier"], portal_type="IncomingMail", review_state="registered"
    )
    return brains[0].getObject()


def test_a_mail_action_with_a_list_changes_nothing(valmont, tenants, server):
    mail = _registered_mail(valmont)
    path, service = "/".join(mail.getPhysicalPath()), mail.treating_service
    url = mail.absolute_url().replace("http://nohost", server)
    session = browser_login(f"{server}/valmont", "courrier", PASSWORD)
    fields = form_fields(session.get(url, timeout=60).text, "mail-actions")
    before = tenants["zodbDB"].lastTransaction()

    response = session.post(
        f"{url}/@@courrier-action",
        data={**fields, "transition": "assign", "treating_service:list": ["travaux", "rh"]},
        headers=HTML,
        timeout=60,
    )

    assert response.status_code == 400
    assert refusal("treating_service") in response.text
    assert tenants["zodbDB"].lastTransaction() == before
    transaction.begin()  # see what the server committed
    mail = tenants["app"].unrestrictedTraverse(path)
    assert api.content.get_state(mail) == "registered"
    assert mail.treating_service == service


def test_a_batch_assignment_with_a_list_changes_nothing(valmont, tenants, server):
    mail = _registered_mail(valmont)
    path = "/".join(mail.getPhysicalPath())
    folder = f"{server}/valmont/courrier"
    session = browser_login(f"{server}/valmont", "courrier", PASSWORD)
    page = session.get(f"{folder}/@@courriers?list=to_assign", timeout=60).text
    token = form_fields(page, "mail-batch")["_authenticator"]
    before = tenants["zodbDB"].lastTransaction()

    response = session.post(
        f"{folder}/@@courriers-actions",
        data={
            "_authenticator": token,
            "action": "assign",
            "uids": mail.UID(),
            "service:list": ["travaux", "rh"],
            "came_from_list": "to_assign",
        },
        headers=HTML,
        timeout=60,
    )

    assert response.status_code == 400
    assert refusal("service") in response.text
    assert tenants["zodbDB"].lastTransaction() == before
    transaction.begin()
    mail = tenants["app"].unrestrictedTraverse(path)
    assert api.content.get_state(mail) == "registered"
    assert mail.treating_service is None
