"""The suite's REST writes take their body as `application/json` only.

They take no CSRF token, as plone.restapi's own writes: a cross-site page could still
make a logged-in browser send a JSON text as `text/plain` (or as a form, or with no type
at all) without asking the server first. Such a body is refused with a 415 and a French
message, and nothing is written (core/services/base.py).
"""

from communesplone.testing import second_commune_profile
from email.message import EmailMessage
from httphelpers import browser_login
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from zope.component.hooks import setSite

import base64
import json
import pytest
import requests
import transaction


PASSWORD = "demodemo"
OPERATOR = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
REFUSAL = (
    "Corps de requête refusé : envoyez du JSON avec l'en-tête « Content-Type: application/json »."
)
# What a cross-site page can make a browser send without a preflight.
NOT_JSON = ["text/plain;charset=UTF-8", "application/x-www-form-urlencoded", None]


def _eml() -> bytes:
    message = EmailMessage()
    message["From"] = "Marie Lemoine <marie.lemoine@example.be>"
    message["To"] = "courrier@valmont.be"
    message["Subject"] = "Demande de prêt de la salle des fêtes"
    message.set_content("Bonjour,\n\nPourrions-nous louer la salle le 4 avril ?\n")
    return bytes(message)


def _new_profile() -> dict:
    return second_commune_profile() | {
        "site_id": "bellecombe",
        "title": "Commune de Bellecombe",
        "commune_name": "Bellecombe",
        "nis_code": "93097",
    }


@pytest.fixture
def valmont(tenants):
    app = tenants["app"]
    site = app["valmont"]
    setSite(site)
    login(app, SITE_OWNER_NAME)  # to find the demo's objects
    yield site
    logout()


def _created_meeting(valmont):
    brains = api.content.find(
        context=valmont["college"], portal_type="Meeting", review_state="created"
    )
    return brains[0].getObject()


def _cases(valmont, server):
    """(auth, method, address, JSON payload) of each of our REST writes."""
    meeting = _created_meeting(valmont)
    order = list(reversed(meeting.agenda))
    meeting_url = meeting.absolute_url().replace("http://nohost", server)
    eml = {"data": base64.b64encode(_eml()).decode(), "filename": "demande.eml"}
    return {
        "@import-eml": (
            ("courrier", PASSWORD),
            "POST",
            f"{server}/valmont/courrier/@import-eml",
            eml,
        ),
        "@agenda": (("secretariat", PASSWORD), "PATCH", f"{meeting_url}/@agenda", {"order": order}),
        "@commune-sites": (OPERATOR, "POST", f"{server}/@commune-sites", _new_profile()),
        "@commune-sites-upgrade": (
            OPERATOR,
            "POST",
            f"{server}/@commune-sites-upgrade",
            {"all": True},
        ),
        "@commune-mail-daily": (OPERATOR, "POST", f"{server}/@commune-mail-daily", {"all": True}),
    }


SERVICES = ["@import-eml", "@agenda", "@commune-sites", "@commune-sites-upgrade"]
SERVICES += ["@commune-mail-daily"]


@pytest.mark.parametrize("content_type", NOT_JSON, ids=str)
@pytest.mark.parametrize("service", SERVICES)
def test_a_body_not_sent_as_json_is_refused_and_changes_nothing(
    service, content_type, valmont, tenants, server
):
    auth, method, url, payload = _cases(valmont, server)[service]
    agenda = list(_created_meeting(valmont).agenda)
    mails = len(api.content.find(context=valmont["courrier"], portal_type="IncomingMail"))
    headers = {"Accept": "application/json", "Accept-Language": "fr-BE,fr"}
    if content_type:
        headers["Content-Type"] = content_type
    # The Zope root makes its keyring (plone.protect's) at its first authenticated request.
    requests.get(f"{server}/@commune-sites", auth=OPERATOR, headers=headers, timeout=60)
    database = tenants["zodbDB"]
    before = database.lastTransaction()

    response = requests.request(
        method, url, data=json.dumps(payload).encode(), auth=auth, headers=headers, timeout=120
    )

    assert response.status_code == 415, (response.status_code, response.text[:300])
    assert response.json() == {"type": "UnsupportedMediaType", "message": REFUSAL}
    assert database.lastTransaction() == before
    transaction.begin()  # see what the server committed
    assert "bellecombe" not in tenants["app"].objectIds()
    assert list(_created_meeting(valmont).agenda) == agenda
    assert len(api.content.find(context=valmont["courrier"], portal_type="IncomingMail")) == mails


@pytest.mark.parametrize("service", ["@import-eml", "@agenda"])
def test_the_same_body_sent_as_json_is_taken(service, valmont, tenants, server):
    auth, method, url, payload = _cases(valmont, server)[service]
    database = tenants["zodbDB"]
    before = database.lastTransaction()
    response = requests.request(
        method,
        url,
        json=payload,
        auth=auth,
        headers={"Accept": "application/json"},
        timeout=120,
    )
    assert response.status_code in (201, 204), response.text[:300]
    assert database.lastTransaction() != before


def test_what_a_cross_site_page_can_send_with_the_cookie_is_refused(valmont, tenants, server):
    """`fetch(…, {method: "POST", mode: "no-cors", credentials: "include"})` from another
    site: the session cookie, `Accept: application/json` (a header any page may set) and
    a JSON text as `text/plain`. plone.rest dispatches it to the service; it is refused."""
    session = browser_login(f"{server}/valmont", "courrier", PASSWORD)
    mails = len(api.content.find(context=valmont["courrier"], portal_type="IncomingMail"))
    database = tenants["zodbDB"]
    before = database.lastTransaction()
    body = {"data": base64.b64encode(_eml()).decode(), "filename": "demande.eml"}

    response = session.post(
        f"{server}/valmont/courrier/@import-eml",
        data=json.dumps(body),
        headers={
            "Accept": "application/json",
            "Content-Type": "text/plain;charset=UTF-8",
            "Origin": "https://ailleurs.example",
        },
        timeout=60,
    )

    assert response.status_code == 415
    assert response.json()["message"] == REFUSAL
    assert database.lastTransaction() == before
    transaction.begin()
    assert len(api.content.find(context=valmont["courrier"], portal_type="IncomingMail")) == mails
