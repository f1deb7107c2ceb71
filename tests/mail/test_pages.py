"""The mail pages: dashboard lists per role, filters, CSV, batch actions, bulk registration,
the mail's page with its actions and history."""

from datetime import date
from datetime import timedelta
from httphelpers import browser_login
from httphelpers import form_fields
from httphelpers import page_as
from plone import api
from plone.namedfile.file import NamedBlobFile

import io
import transaction
import zipfile


def page(world, userid, path="courrier", **params):
    return page_as(world.url, userid, path, "password1", **params)


def assigned(world, title, service="travaux", **fields):
    world.login("registrar")
    mail = world.incoming(title, **fields)
    mail.treating_service = service
    api.content.transition(mail, transition="assign")
    return mail


def test_each_role_sees_its_lists(http_mail):
    world = http_mail
    world.login("registrar")
    world.incoming("Courrier à attribuer")
    assigned(world, "Voirie rue Haute", due_date=date.today() - timedelta(days=2))
    assigned(world, "Facture ORES n° 117", service="finances", copy_services=["travaux"])
    assigned(world, "Dossier du personnel", confidential=True)
    transaction.commit()

    _, html = page(world, "registrar", list="to_assign")
    assert "Courrier à attribuer" in html and 'id="mail-register"' in html
    _, html = page(world, "agent", list="service")
    assert "Voirie rue Haute" in html and "Dossier du personnel" in html
    assert "Facture ORES" not in html
    _, html = page(world, "agent", list="copy")
    assert "Facture ORES" in html
    _, html = page(world, "agent", list="late")
    assert "Voirie rue Haute" in html and "text-danger" in html
    # Confidential: the copy service and the registrars, once dispatched, see nothing.
    _, html = page(world, "registrar", list="all")
    assert "Dossier du personnel" not in html
    _, html = page(world, "other_agent", list="all")
    assert "Voirie rue Haute" not in html and "Dossier du personnel" not in html
    assert "Facture ORES" in html


def test_filters_and_csv_export(http_mail):
    world = http_mail
    assigned(world, "Facture d'électricité", service="finances", mail_type="invoice")
    assigned(world, "Nid-de-poule rue Haute")
    transaction.commit()
    _, html = page(world, "directeur", list="all", type="invoice")
    assert "Facture d'électricité" in html and "Nid-de-poule" not in html
    _, html = page(world, "directeur", list="all", text="poule")
    assert "Nid-de-poule" in html and "Facture d'électricité" not in html
    world.login("agent")
    transition = api.portal.get_tool("portal_workflow").doActionFor
    transition(api.content.find(Title="Nid-de-poule rue Haute")[0].getObject(), "take")
    transaction.commit()
    _, html = page(world, "directeur", list="all", state="in_treatment")
    assert "Nid-de-poule" in html and "Facture d'électricité" not in html
    assert '<option value="in_treatment" selected="selected">En traitement</option>' in html
    session = browser_login(world.url, "directeur", "password1")
    csv = session.get(f"{world.url}/courrier/@@courriers-export", params={"list": "all"}).text
    lines = csv.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("Numéro;Date;Objet")
    assert len(lines) == 3 and any("Nid-de-poule" in line for line in lines)
    response = session.get(
        f"{world.url}/courrier/@@courriers-export", params={"list": "all", "format": "ods"}
    )
    assert response.headers["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        content = archive.read("content.xml").decode()
    assert content.count("<table:table-row>") == 3
    assert "<text:p>Numéro</text:p>" in content and "Nid-de-poule rue Haute" in content


def test_batch_assign_is_all_or_nothing(http_mail):
    world = http_mail
    world.login("registrar")
    first, second = world.incoming("Premier"), world.incoming("Second")
    done = assigned(world, "Déjà attribué")
    transaction.commit()
    session, html = page(world, "registrar", list="all")
    data = {**form_fields(html, "mail-batch"), "action": "assign", "service": "travaux"}
    refused = session.post(
        f"{world.url}/courrier/@@courriers-actions",
        data={**data, "uids:list": [first.UID(), done.UID()]},
    )
    assert "ne permet pas cette action : rien n'a été fait" in refused.text
    transaction.begin()
    assert api.content.get_state(first) == "registered"
    accepted = session.post(
        f"{world.url}/courrier/@@courriers-actions",
        data={**data, "uids:list": [first.UID(), second.UID()]},
    )
    assert "2 courrier(s) traité(s)." in accepted.text
    transaction.begin()
    assert api.content.get_state(first) == api.content.get_state(second) == "assigned"
    assert first.treating_service == "travaux"


def test_bulk_registration(http_mail):
    world = http_mail
    session, html = page(world, "registrar", path="courrier/@@enregistrement-en-serie")
    data = {
        **form_fields(html, "bulk-form"),
        "subjects": "Lettre A\n\nLettre B\nLettre C",
        "channel": "registered",
        "mail_type": "letter",
        "reception_date": "2026-03-02",
    }
    done = session.post(f"{world.url}/courrier/@@enregistrement-en-serie", data=data).text
    assert "3" in done and "courrier(s) enregistré(s)" in done
    transaction.begin()
    brains = api.content.find(portal_type="IncomingMail", sort_on="mail_reference")
    assert [b.Title for b in brains] == ["Lettre A", "Lettre B", "Lettre C"]
    assert brains[0].getObject().channel == "registered"
    # Nobody else registers, and an empty stack says why.
    session, html = page(world, "registrar", path="courrier/@@enregistrement-en-serie")
    empty = session.post(
        f"{world.url}/courrier/@@enregistrement-en-serie",
        data={**form_fields(html, "bulk-form"), "subjects": "  "},
    ).text
    assert "Donnez au moins un objet" in empty
    other, html = page(world, "agent", path="courrier/@@enregistrement-en-serie")
    refused = other.post(
        f"{world.url}/courrier/@@enregistrement-en-serie",
        data={**form_fields(html, "bulk-form"), "subjects": "Intrus"},
    ).text
    assert "Vous ne pouvez pas enregistrer de courrier." in refused
    transaction.begin()
    assert len(api.content.find(portal_type="IncomingMail")) == 3


def test_the_mail_page_acts_and_keeps_the_history(http_mail):
    world = http_mail
    world.login("registrar")
    data = b"%PDF-1.4 lettre"
    letter = world.incoming("Demande de subside", original=NamedBlobFile(data, filename="l.pdf"))
    transaction.commit()
    url = letter.absolute_url().replace("http://nohost/plone", world.url)
    session = browser_login(world.url, "registrar", "password1")
    html = session.get(url).text
    assert letter.original_sha256 in html
    fields = form_fields(html, "mail-actions")
    done = session.post(
        f"{url}/@@courrier-action",
        data={**fields, "transition": "assign", "treating_service": "travaux"},
    )
    assert "Le courrier est maintenant" in done.text
    agent = browser_login(world.url, "agent", "password1")
    html = agent.get(url).text
    fields = form_fields(html, "mail-actions")
    refused = agent.post(f"{url}/@@courrier-action", data={**fields, "transition": "refuse"})
    transaction.begin()
    assert api.content.get_state(letter) == "assigned"  # a refusal needs its reason
    assert "Le courrier est maintenant" not in refused.text
    agent.post(f"{url}/@@courrier-action", data={**fields, "transition": "take"})
    html = agent.get(url).text
    agent.post(
        f"{url}/@@courrier-action",
        data={
            **form_fields(html, "mail-actions"),
            "transition": "close",
            "comment": "Réponse envoyée par courriel.",
        },
    )
    transaction.begin()
    assert api.content.get_state(letter) == "closed"
    history = agent.get(url).text
    assert "Réponse envoyée par courriel." in history
    assert history.count("<tr>") >= 4  # header + registered, assigned, taken, closed
