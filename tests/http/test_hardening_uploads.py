"""Uploads: our file fields take 50 Mo at most, of the kinds a commune exchanges.

Through the add form of an annex and through REST (the annex of an item, a mail's scanned
original), on the demo commune: a refused file gets a clear French message, a 400 in REST,
and nothing is stored (no transaction is committed at all).
"""

from communesplone.core import uploads
from httphelpers import browser_login
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import SITE_OWNER_NAME
from zope.component.hooks import setSite

import base64
import html
import pytest
import re
import transaction


PASSWORD = "demodemo"
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.mark.parametrize(
    "filename, content_type",
    [
        ("decision.pdf", "application/pdf"),
        ("scan.PDF", "application/octet-stream"),
        ("note.odt", "application/vnd.oasis.opendocument.text"),
        ("budget.xlsx", ""),
        ("plan.jpg", "image/jpeg"),
        ("courriel.eml", "message/rfc822"),
        ("liste.csv", "application/vnd.ms-excel"),  # what Windows browsers send
        ("plans.zip", "application/x-zip-compressed"),
        (None, "application/pdf"),  # REST may send no name
    ],
)
def test_accepted_files(filename, content_type):
    assert uploads.refusal(filename, content_type, 1000) is None


@pytest.mark.parametrize(
    "filename, content_type",
    [
        ("page.html", "text/html"),
        ("logo.svg", "image/svg+xml"),  # may hold scripts
        ("outil.exe", "application/octet-stream"),
        ("decision.pdf", "text/html"),  # a declared type that is not the extension's kind
        ("sans-extension", "application/octet-stream"),
        (None, ""),
    ],
)
def test_refused_kinds(filename, content_type):
    message = uploads.refusal(filename, content_type, 1000)
    assert message is not None
    assert "Types acceptés" in str(message)


def test_refused_size():
    message = uploads.refusal("gros.pdf", "application/pdf", uploads.MAX_SIZE + 1)
    assert message.mapping["max"] == 50
    assert uploads.refusal("juste.pdf", "application/pdf", uploads.MAX_SIZE) is None


@pytest.fixture
def small_limit(monkeypatch):
    """1 Mo instead of 50: the same rule without sending 50 Mo in each test."""
    monkeypatch.setattr(uploads, "MAX_SIZE_MB", 1)
    monkeypatch.setattr(uploads, "MAX_SIZE", 1024 * 1024)


@pytest.fixture
def valmont(tenants):
    app = tenants["app"]
    site = app["valmont"]
    setSite(site)
    login(app, SITE_OWNER_NAME)
    yield site
    logout()


def _draft_item(site):
    """A draft item of Urbanisme: its agents add annexes to it."""
    for brain in api.content.find(context=site, portal_type="MeetingItem", review_state="draft"):
        item = brain.getObject()
        if item.proposing_service == "urbanisme":
            return item
    raise AssertionError("no draft item of Urbanisme in the demo commune")


def _url(obj, server) -> str:
    return obj.absolute_url().replace("http://nohost", server)


def _annexes(tenants, item_path) -> list[str]:
    """The annexes the server stored, read afresh from the database."""
    transaction.begin()
    item = tenants["app"].unrestrictedTraverse(item_path)
    return [obj.getId() for obj in item.objectValues() if obj.portal_type == "Annex"]


def _add_annex_by_form(session, item_url, filename, data, content_type):
    form = session.get(f"{item_url}/++add++Annex", timeout=30)
    assert form.status_code == 200
    token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', form.text).group(1)
    return session.post(
        f"{item_url}/++add++Annex",
        data={
            "form.widgets.title": "Annexe de l'essai",
            "form.widgets.annex_type:list": "other",
            "form.widgets.annex_type-empty-marker": "1",
            "form.buttons.save": "Enregistrer",
            "_authenticator": token,
        },
        files={"form.widgets.file": (filename, data, content_type)},
        timeout=60,
        allow_redirects=False,
    )


def _page_text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", response.text))


@pytest.mark.parametrize(
    "filename, data, content_type, expected",
    [
        ("script.html", b"<html><script>alert(1)</script></html>", "text/html", "Types acceptés"),
        ("dessin.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml", "acceptés"),
        ("gros.pdf", PDF + b"0" * (1024 * 1024), "application/pdf", "la limite est de 1 Mo"),
    ],
    ids=["html", "svg", "too-big"],
)
def test_form_refuses_and_stores_nothing(
    filename, data, content_type, expected, valmont, tenants, server, small_limit
):
    item = _draft_item(valmont)
    item_path = "/".join(item.getPhysicalPath())
    transaction.commit()
    session = browser_login(f"{server}/valmont", "agent.urbanisme", PASSWORD)
    database = tenants["zodbDB"]
    before = database.lastTransaction()

    response = _add_annex_by_form(session, _url(item, server), filename, data, content_type)

    assert response.status_code == 200  # the form again, with the error
    text = _page_text(response)
    assert f"Fichier « {filename} » refusé" in text
    assert expected in text
    assert database.lastTransaction() == before, "a refused upload was stored"
    assert _annexes(tenants, item_path) == []


def test_form_accepts_a_pdf(valmont, tenants, server, small_limit):
    item = _draft_item(valmont)
    item_path = "/".join(item.getPhysicalPath())
    transaction.commit()
    session = browser_login(f"{server}/valmont", "agent.urbanisme", PASSWORD)

    response = _add_annex_by_form(session, _url(item, server), "avis.pdf", PDF, "application/pdf")

    assert response.status_code == 302
    assert len(_annexes(tenants, item_path)) == 1


def _file(filename, data, content_type) -> dict:
    return {
        "data": base64.b64encode(data).decode("ascii"),
        "encoding": "base64",
        "filename": filename,
        "content-type": content_type,
    }


def _rest(method, url, user, body):
    import requests

    return requests.request(
        method,
        url,
        json=body,
        auth=(user, PASSWORD),
        headers={"Accept": "application/json"},
        timeout=60,
    )


def test_rest_refuses_an_annex_with_400(valmont, tenants, server, small_limit):
    item = _draft_item(valmont)
    item_path = "/".join(item.getPhysicalPath())
    transaction.commit()
    database = tenants["zodbDB"]
    before = database.lastTransaction()

    response = _rest(
        "POST",
        _url(item, server),
        "agent.urbanisme",
        {
            "@type": "Annex",
            "title": "Annexe REST",
            "annex_type": "other",
            "file": _file("page.html", b"<script>alert(1)</script>", "text/html"),
        },
    )

    assert response.status_code == 400
    assert "Fichier « page.html » refusé" in response.json()["message"]
    assert database.lastTransaction() == before
    assert _annexes(tenants, item_path) == []


def test_rest_accepts_an_annex(valmont, tenants, server, small_limit):
    item = _draft_item(valmont)
    item_path = "/".join(item.getPhysicalPath())
    transaction.commit()

    response = _rest(
        "POST",
        _url(item, server),
        "agent.urbanisme",
        {
            "@type": "Annex",
            "title": "Annexe REST",
            "annex_type": "other",
            "file": _file("avis.pdf", PDF, "application/pdf"),
        },
    )

    assert response.status_code == 201, response.text
    assert len(_annexes(tenants, item_path)) == 1


def test_rest_refuses_a_too_big_original(valmont, tenants, server, small_limit):
    mail = api.content.find(
        context=valmont["courrier"], portal_type="IncomingMail", review_state="registered"
    )[0].getObject()
    mail_path = "/".join(mail.getPhysicalPath())
    kept = mail.original.filename if mail.original else None
    transaction.commit()
    database = tenants["zodbDB"]
    before = database.lastTransaction()

    response = _rest(
        "PATCH",
        _url(mail, server),
        "courrier",
        {"original": _file("scan.pdf", PDF + b"0" * (1024 * 1024), "application/pdf")},
    )

    assert response.status_code == 400
    assert "la limite est de 1 Mo" in response.json()["message"]
    assert database.lastTransaction() == before
    transaction.begin()
    stored = tenants["app"].unrestrictedTraverse(mail_path).original
    assert (stored.filename if stored else None) == kept
