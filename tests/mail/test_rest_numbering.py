"""Mail numbers under concurrent REST registrations, and at the turn of the year; a
mail registered, routed and treated over REST."""

from apiexamples import record_example
from communesplone.core import numbering
from concurrent.futures import ThreadPoolExecutor
from email.message import EmailMessage
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from ZPublisher.HTTPRequest import HTTPRequest

import base64
import pytest
import requests


JSON = {"Accept": "application/json"}
INCOMING = 40
OUTGOING = 10
CLIENTS = 8


def register(folder, portal_type, index):
    return requests.post(
        folder,
        json={"@type": portal_type, "title": f"Courrier {portal_type} {index}"},
        auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
        headers=JSON,
        timeout=120,
    )


@pytest.fixture
def production_like_server(functional, monkeypatch):
    """Conflicting requests are retried and objects stay cached, as our zope.conf says
    (`max-conflict-retries 10`, `cache-size 50000`). With the test database's 400
    objects, closing a connection after a mail's creation ghosts the site's component
    registry, which Zope still asks once the connection is closed (EndRequestEvent):
    a 500 after a successful commit."""
    monkeypatch.setattr(HTTPRequest, "retry_max_count", 10)
    database = functional["zodbDB"]
    size = database.getCacheSize()
    database.setCacheSize(50000)
    yield
    database.setCacheSize(size)


def test_eight_concurrent_clients_never_share_or_skip_a_number(http_mail, production_like_server):
    folder = f"{http_mail.url}/courrier"
    jobs = [("IncomingMail", i) for i in range(INCOMING)]
    jobs += [("OutgoingMail", i) for i in range(OUTGOING)]
    # Interleaved, so incoming and outgoing registrations run at the same time.
    jobs.sort(key=lambda job: job[1])

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        responses = list(pool.map(lambda job: register(folder, *job), jobs))

    assert [r.status_code for r in responses] == [201] * len(jobs), [
        r.text for r in responses if r.status_code != 201
    ]
    year = numbering.current_year()
    created = [r.json() for r in responses]
    incoming = sorted(c["reference"] for c in created if c["@type"] == "IncomingMail")
    outgoing = sorted(c["reference"] for c in created if c["@type"] == "OutgoingMail")
    assert incoming == [f"E{year}/{n:06d}" for n in range(1, INCOMING + 1)]
    assert outgoing == [f"S{year}/{n:06d}" for n in range(1, OUTGOING + 1)]
    # Each mail's address follows its reference.
    for item in created:
        assert item["@id"].endswith("/courrier/" + item["reference"].lower().replace("/", "-"))
    assert len({c["@id"] for c in created}) == len(jobs)
    assert all(c["review_state"] in ("registered", "draft") for c in created)


def test_numbers_start_again_at_the_turn_of_the_year(mail, monkeypatch):
    year = numbering.current_year()
    assert mail.incoming().reference == f"E{year}/000001"
    assert mail.incoming().reference == f"E{year}/000002"
    # naming.py asks `numbering.current_year()` both for the id and for the reference.
    monkeypatch.setattr(numbering, "current_year", lambda: year + 1)
    first = mail.incoming("Vœux de nouvel an")
    assert first.reference == f"E{year + 1}/000001"
    assert first.getId() == f"e{year + 1}-000001"
    assert mail.outgoing().reference == f"S{year + 1}/000001"
    assert mail.incoming().reference == f"E{year + 1}/000002"
    # The former year's counter stays where it was.
    assert numbering.peek("mail-e", year) == 2


def test_the_mail_office_and_the_services_register_over_rest(http_mail):
    folder = f"{http_mail.url}/courrier"

    def post(userid, **payload):
        return requests.post(
            folder, json=payload, auth=(userid, "password1"), headers=JSON, timeout=60
        )

    letter = post("registrar", **{"@type": "IncomingMail", "title": "Demande de subside"})
    assert letter.status_code == 201, letter.text
    assert letter.json()["review_state"] == "registered"
    reply = post(
        "agent", **{"@type": "OutgoingMail", "title": "Réponse", "sender_service": "travaux"}
    )
    assert reply.status_code == 201, reply.text
    assert reply.json()["review_state"] == "draft"
    # A service does not register incoming mail; a member adds nothing.
    refused = post("agent", **{"@type": "IncomingMail", "title": "Intrus"})
    assert refused.status_code in (401, 403)
    assert post("member", **{"@type": "OutgoingMail", "title": "Intrus"}).status_code in (401, 403)


def test_the_number_is_never_edited(http_mail):
    created = requests.post(
        f"{http_mail.url}/courrier",
        json={"@type": "IncomingMail", "title": "Demande"},
        auth=("registrar", "password1"),
        headers=JSON,
        timeout=60,
    ).json()
    requests.patch(
        created["@id"],
        json={"reference": "E1999/000001", "title": "Demande de subside"},
        auth=("registrar", "password1"),
        headers=JSON,
        timeout=60,
    )
    after = requests.get(created["@id"], auth=("registrar", "password1"), headers=JSON).json()
    assert after["title"] == "Demande de subside"
    assert after["reference"] == created["reference"]


def test_an_incoming_mail_is_registered_routed_and_treated_over_rest(http_mail):
    folder = f"{http_mail.url}/courrier"
    year = numbering.current_year()

    def call(userid, url, payload=None):
        return requests.post(
            url, json=payload, auth=(userid, "password1"), headers=JSON, timeout=60
        )

    letter = call(
        "registrar",
        folder,
        {
            "@type": "IncomingMail",
            "title": "Demande de permis de stationnement",
            "mail_type": "letter",
            "channel": "post",
            "original_date": "2026-03-02",
            "reception_date": "2026-03-04",
            "treating_service": "travaux",
            "priority": "high",
        },
    )
    assert letter.status_code == 201, letter.text
    record_example("mail-incoming-create", letter)
    assert letter.json()["reference"] == f"E{year}/000001"
    assert letter.json()["due_date"] == "2026-04-03"  # 30 days for a letter
    url = letter.json()["@id"]
    assigned = call("registrar", f"{url}/@workflow/assign")
    assert assigned.status_code == 200, assigned.text
    record_example("mail-transition", assigned)
    assert assigned.json()["review_state"] == "assigned"
    taken = call("agent", f"{url}/@workflow/take")
    assert taken.status_code == 200, taken.text
    taken = requests.get(url, auth=("agent", "password1"), headers=JSON, timeout=60).json()
    assert (taken["review_state"], taken["assigned_agent"]["token"]) == ("in_treatment", "agent")

    # The next letter: no service yet, so it cannot be assigned; the earlier letters
    # suggest one.
    second = call("registrar", folder, {"@type": "IncomingMail", "title": "Demande de subside"})
    assert second.json()["reference"] == f"E{year}/000002"
    second = second.json()["@id"]
    refused = call("registrar", f"{second}/@workflow/assign")
    assert refused.status_code == 400
    record_example("mail-transition-refused", refused)
    assert "service traitant" in refused.json()["error"]["message"]
    suggested = requests.get(
        f"{second}/@routing-suggestion", auth=("registrar", "password1"), headers=JSON, timeout=60
    )
    assert suggested.status_code == 200, suggested.text
    record_example("mail-routing-suggestion", suggested)
    assert suggested.json()["suggestion"]["service"] == "travaux"
    assert suggested.json()["suggestion"]["agent"] == "agent"

    # An e-mail registered as it came (here without attachment): the next number too.
    message = EmailMessage()
    message["From"] = "Marie Lemoine <marie.lemoine@example.be>"
    message["To"] = "courrier@valmont.be"
    message["Subject"] = "Prêt de la salle des fêtes"
    message["Date"] = "Tue, 10 Mar 2026 09:15:00 +0100"
    message.set_content("Bonjour,\n\nPourrions-nous louer la salle le 4 avril ?\n")
    imported = call(
        "registrar",
        f"{folder}/@import-eml",
        {"data": base64.b64encode(message.as_bytes()).decode(), "filename": "demande.eml"},
    )
    assert imported.status_code == 201, imported.text
    record_example("mail-import-eml", imported)
    assert imported.json()["reference"] == f"E{year}/000003"
    assert imported.json()["sender_proposal"] is not None  # not in the directory yet
