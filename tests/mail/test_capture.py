"""Capturing an e-mail (.eml) as an incoming mail: fields, original, annexes, sender
matched in the directory or proposed, refused files, who may."""

from communesplone.core import structure
from datetime import date
from email.message import EmailMessage
from httphelpers import browser_login
from httphelpers import form_fields
from plone import api
from plone.dexterity.utils import createContentInContainer

import base64
import hashlib
import pytest
import requests
import transaction


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


def build_eml(
    sender="Marie Lemoine <Marie.Lemoine@Example.BE>",
    subject="Demande de prêt de la salle des fêtes",
    plain=True,
) -> bytes:
    """A real multipart e-mail: text, its HTML alternative and a PDF attachment."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "courrier@valmont.be"
    message["Subject"] = subject
    message["Date"] = "Tue, 10 Mar 2026 09:15:00 +0100"
    message["Message-ID"] = "<demande-42@example.be>"
    html = (
        "<html><head><style>p {color: red}</style></head><body><p>Bonjour,</p>"
        "<p>Pourrions-nous <b>louer</b> la salle le 4 avril&nbsp;? Merci pour l'&eacute;t&eacute;."
        "</p><script>alert(1)</script></body></html>"
    )
    if plain:
        message.set_content("Bonjour,\n\nPourrions-nous louer la salle le 4 avril ?\n")
        message.add_alternative(html, subtype="html")
    else:
        message.set_content(html, subtype="html")
    message.add_attachment(
        PDF, maintype="application", subtype="pdf", filename="plan de la salle.pdf"
    )
    return message.as_bytes()


def directory_person(firstname, lastname, email):
    return createContentInContainer(
        structure.directory(), "Person", firstname=firstname, lastname=lastname, email=email
    )


def incoming_count():
    return len(api.content.find(portal_type="IncomingMail", unrestricted=True))


def test_an_email_becomes_an_incoming_mail_with_its_annexes(mail):
    from communesplone.mail import capture
    from communesplone.mail import history

    marie = directory_person("Marie", "Lemoine", "marie.lemoine@example.be")
    raw = build_eml()
    mail.login("registrar")
    result = capture.capture(mail.folder, raw, "demande.eml")
    letter = result.mail
    assert letter.title == "Demande de prêt de la salle des fêtes"
    assert letter.reference.startswith("E")
    assert letter.channel == "email"
    assert letter.original_date == date(2026, 3, 10)
    # Matched by address whatever its case, in the directory.
    assert letter.sender == marie.UID() and letter.sender_title == "Marie Lemoine"
    assert result.proposal() is None and capture.sender_to_propose(letter) is None
    # The .eml is the original, fingerprinted like a scan.
    assert letter.original.data == raw and letter.original.filename == "demande.eml"
    assert letter.original.contentType == "message/rfc822"
    assert letter.original_sha256 == hashlib.sha256(raw).hexdigest()
    # The plain text is preferred to its HTML alternative.
    assert capture.captured(letter)["body"] == (
        "Bonjour,\n\nPourrions-nous louer la salle le 4 avril ?"
    )
    (annex,) = letter.objectValues()
    assert annex.portal_type == "Annex" and annex.title == "plan de la salle.pdf"
    assert annex.file.data == PDF and annex.file.contentType == "application/pdf"
    assert annex.file.filename == "plan de la salle.pdf"
    whats = [entry["what"] for entry in history.entries(letter)]
    assert whats == ["Enregistrement", "Courriel importé", "Annexe ajoutée"]
    found = api.content.find(portal_type="IncomingMail", mail_sender=marie.UID())
    assert [brain.UID for brain in found] == [letter.UID()]


def test_an_html_email_from_an_unknown_sender(mail):
    from communesplone.mail import capture

    directory_person("Marie", "Lemoine", "marie.lemoine@example.be")
    mail.login("registrar")
    raw = build_eml(sender='"Dupont, Jean" <Jean.Dupont@exemple.be>', subject="", plain=False)
    result = capture.capture(mail.folder, raw)
    letter = result.mail
    assert letter.title == "(Sans objet)"
    assert letter.sender is None
    body = capture.captured(letter)["body"]
    assert body == "Bonjour,\n\nPourrions-nous louer la salle le 4 avril ? Merci pour l'été."
    expected = {
        "name": "Dupont, Jean",
        "firstname": "Jean",
        "lastname": "Dupont",
        "email": "Jean.Dupont@exemple.be",
    }
    assert result.proposal() == expected
    assert capture.sender_to_propose(letter) == expected
    assert letter.original.filename == "courriel.eml"
    assert [annex.file.data for annex in letter.objectValues()] == [PDF]


def test_the_proposed_sender_is_created_only_on_request(mail):
    from communesplone.mail import capture

    mail.login("registrar")
    letter = capture.capture(mail.folder, build_eml(sender="jean.dupont@exemple.be")).mail
    assert len(api.content.find(portal_type="Person", unrestricted=True)) == 0
    assert capture.sender_to_propose(letter)["lastname"] == "jean.dupont"
    form = {"kind": "Person", "firstname": "Jean", "lastname": "Dupont"}
    # The mail office does not keep the directory.
    with pytest.raises(capture.CaptureError):
        capture.create_sender(letter, {**form, "email": "jean.dupont@exemple.be"})
    mail.login("directeur")
    with pytest.raises(capture.CaptureError) as refused:
        capture.create_sender(letter, {**form, "email": "pas une adresse"})
    assert str(refused.value) == "Adresse électronique invalide."
    contact = capture.create_sender(letter, {**form, "email": "jean.dupont@exemple.be"})
    assert contact.getPhysicalPath()[:-1] == structure.directory().getPhysicalPath()
    assert letter.sender == contact.UID() and letter.sender_title == "Jean Dupont"
    assert capture.sender_to_propose(letter) is None
    # The next e-mail from this address finds him.
    found = capture.find_contact("JEAN.DUPONT@exemple.be")
    assert contact.UID() == found.UID


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"", "Le fichier est vide."),
        (PDF, "Ce fichier n'est pas un courriel"),
        (b"Bonjour,\nceci est un simple texte.\n", "Ce fichier n'est pas un courriel"),
        (b"\x00\x01\x02\xff\xfe binaire", "Ce fichier n'est pas un courriel"),
        (b"Subject: Sans expediteur\n\nTexte\n", "pas d'expéditeur lisible"),
        (b"From: personne\nSubject: x\n\nTexte\n", "pas d'expéditeur lisible"),
        (
            b"From: a@example.be\nContent-Type: multipart/mixed; boundary=XYZ\n\n"
            b"aucune partie ici\n",
            "Ce courriel est mal formé",
        ),
    ],
)
def test_what_is_not_a_readable_email_is_refused(mail, raw, message):
    from communesplone.mail import capture

    mail.login("registrar")
    with pytest.raises(capture.CaptureError) as refused:
        capture.capture(mail.folder, raw, "courriel.eml")
    assert message in str(refused.value)
    assert incoming_count() == 0


def test_only_the_mail_office_captures(mail):
    from communesplone.mail import capture

    for userid in ("agent", "directeur", "member"):
        mail.login(userid)
        with pytest.raises(capture.CaptureError):
            capture.capture(mail.folder, build_eml())
    assert incoming_count() == 0


def test_import_page_rest_and_the_sender_proposal(http_mail):
    world = http_mail
    folder = f"{world.url}/courrier"
    registrar = browser_login(world.url, "registrar", "password1")
    html = registrar.get(f"{folder}/@@importer-eml").text
    token = form_fields(html, "eml-form")
    assert 'id="mail-import-eml"' in registrar.get(folder).text

    def upload(session, raw, data=token):
        return session.post(
            f"{folder}/@@importer-eml",
            data=data,
            files={"eml": ("message.eml", raw, "message/rfc822")},
        )

    assert upload(registrar, build_eml(), data={}).status_code == 403  # no token
    refused = upload(registrar, PDF)
    assert refused.status_code == 400 and "n'est pas un courriel" in refused.text
    transaction.begin()
    assert incoming_count() == 0

    done = upload(registrar, build_eml())
    assert done.status_code == 200 and "Courriel enregistré sous le numéro" in done.text
    assert "plan de la salle.pdf" in done.text and "mail-email-body" in done.text
    # Unknown sender: shown, not created; the mail office cannot add to the directory.
    assert "L'expéditeur n'est pas dans l'annuaire." in done.text
    assert 'id="mail-sender-create"' not in done.text
    transaction.begin()
    (brain,) = api.content.find(portal_type="IncomingMail", unrestricted=True)
    letter = brain._unrestrictedGetObject()
    assert letter.sender is None and len(letter.objectIds()) == 1

    # The DG confirms the pre-filled contact: created and linked.
    url = letter.absolute_url().replace("http://nohost/plone", world.url)
    director = browser_login(world.url, "directeur", "password1")
    html = director.get(url).text
    assert 'value="Marie"' in html and 'value="Lemoine"' in html
    assert 'value="Marie.Lemoine@Example.BE"' in html
    fields = {
        **form_fields(html, "mail-sender-create"),
        "kind": "Person",
        "firstname": "Marie",
        "lastname": "Lemoine",
        "email": "marie.lemoine@example.be",
    }
    created = director.post(f"{url}/@@creer-expediteur", data=fields)
    assert "Marie Lemoine ajouté à l'annuaire" in created.text
    transaction.begin()
    (person,) = api.content.find(portal_type="Person", unrestricted=True)
    assert letter.sender == person.UID

    # Agents do not register mail: no form, nothing created.
    agent = browser_login(world.url, "agent", "password1")
    assert 'id="eml-form"' not in agent.get(f"{folder}/@@importer-eml").text
    upload(agent, build_eml(), data=form_fields(agent.get(folder).text, "mail-batch"))
    transaction.begin()
    assert incoming_count() == 1

    # REST: the same, now matched by address (any case).
    body = {"data": base64.b64encode(build_eml()).decode(), "filename": "demande.eml"}
    response = requests.post(
        f"{folder}/@import-eml",
        json=body,
        auth=("registrar", "password1"),
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert response.status_code == 201, response.text
    answer = response.json()
    assert answer["sender"] == person.UID and answer["sender_proposal"] is None
    assert answer["annexes"] == [
        {"title": "plan de la salle.pdf", "content_type": "application/pdf", "size": len(PDF)}
    ]
    bad = requests.post(
        f"{folder}/@import-eml",
        json={"data": base64.b64encode(b"pas un courriel").decode()},
        auth=("registrar", "password1"),
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert bad.status_code == 400 and "n'est pas un courriel" in bad.json()["message"]
    forbidden = requests.post(
        f"{folder}/@import-eml",
        json=body,
        auth=("agent", "password1"),
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert forbidden.status_code in (401, 403)
    transaction.begin()
    assert incoming_count() == 2
