"""Answering an incoming mail: the pre-filled draft, linked both ways, for who treats the
mail only; the letter it is written on; sending it closes the question (a site setting)."""

from communesplone.core import documents
from communesplone.core.calendar import french_date
from communesplone.mail import reply
from communesplone.mail.documents import MAIL_TEMPLATES
from datetime import date
from httphelpers import browser_login
from httphelpers import form_fields
from plone import api
from plone.dexterity.utils import createContentInContainer
from plone.registry import field
from plone.registry import Record

import html
import io
import pytest
import re
import subprocess
import transaction
import zipfile


def organisation(world, title="Bureau d'architecture Lemaire", address=""):
    return createContentInContainer(
        world.portal, "Organization", checkConstraints=False, title=title, address=address
    )


def assigned(world, *, take=False, **fields):
    """An incoming mail assigned to `travaux` (and taken by its agent if `take`)."""
    world.login("registrar")
    fields = {"treating_service": "travaux", **fields}
    letter = world.incoming("Demande de permis de stationnement", **fields)
    api.content.transition(letter, transition="assign")
    if take:
        world.login("agent")
        api.content.transition(letter, transition="take")
    return letter


def answer_to(world, letter, userid="agent"):
    world.login(userid)
    return reply.create_reply(letter)


def history_whats(letter):
    from communesplone.mail import history

    return [(entry["what"], entry["comment"]) for entry in history.entries(letter)]


def set_close_on_reply(value: bool) -> None:
    """The profile declares the record; a site installed before it reads the default."""
    registry = api.portal.get_tool("portal_registry")
    if reply.CLOSE_ON_REPLY in registry.records:
        registry[reply.CLOSE_ON_REPLY] = value
    else:
        registry.records[reply.CLOSE_ON_REPLY] = Record(field.Bool(title="test"), value)


# --- The answer --------------------------------------------------------------------


def test_the_answer_is_pre_filled_and_linked_both_ways(mail):
    sender = organisation(mail)
    letter = assigned(mail, sender=sender.UID(), take=True)
    answer = answer_to(mail, letter)

    assert answer.portal_type == "OutgoingMail"
    assert answer.aq_parent == mail.folder
    assert answer.title == "Réponse : Demande de permis de stationnement"
    assert answer.recipients == [sender.UID()]
    assert (answer.sender_service, answer.sender_agent) == ("travaux", "agent")
    assert answer.reference.startswith("S") and api.content.get_state(answer) == "draft"
    assert answer.in_reply_to == [letter.UID()]
    assert answer.linked_mails == [letter.UID()]
    assert letter.linked_mails == [answer.UID()]
    # Created as the agent: the agent's draft, which the agent may write.
    assert api.user.has_permission("Modify portal content", obj=answer)
    assert answer.Creator() == "agent"
    assert ("Réponse en rédaction", answer.reference) in history_whats(letter)


def test_a_second_answer_keeps_the_first_link(mail):
    letter = assigned(mail, sender=organisation(mail).UID())
    first = answer_to(mail, letter)
    second = answer_to(mail, letter, "chef")
    assert letter.linked_mails == [first.UID(), second.UID()]
    assert second.sender_agent == "chef"


def test_an_answer_to_confidential_mail_is_confidential(mail):
    letter = assigned(mail, sender=organisation(mail).UID(), confidential=True)
    answer = answer_to(mail, letter)
    assert answer.confidential is True
    mail.login("registrar")
    assert not api.user.has_permission("View", obj=answer)


def test_a_long_subject_is_cut_to_the_field_s_length(mail):
    letter = assigned(mail, sender=organisation(mail).UID())
    letter.title = "x" * 500
    assert len(answer_to(mail, letter).title) == 500


@pytest.mark.parametrize(
    "userid, allowed",
    [
        ("agent", True),
        ("chef", True),
        ("observer", False),  # reads the service's mail, does not treat it
        ("other_agent", False),  # copy service
        ("registrar", False),
        ("directeur", False),  # treats nothing itself: the service answers
        ("member", False),
    ],
)
def test_who_may_answer(mail, userid, allowed):
    letter = assigned(mail, sender=organisation(mail).UID(), copy_services=["finances"])
    mail.login(userid)
    assert reply.may_reply(letter) is allowed
    if allowed:
        assert reply.create_reply(letter).in_reply_to == [letter.UID()]
    else:
        with pytest.raises(reply.ReplyRefused) as refused:
            reply.create_reply(letter)
        assert "Seul le service traitant" in refused.value.message
        mail.login("registrar")
        assert not api.content.find(portal_type="OutgoingMail")
        assert letter.linked_mails == []


def _nothing_changed(world, letter):
    world.login("agent")
    assert len(api.content.find(portal_type="OutgoingMail")) == 0
    assert letter.linked_mails == []


def test_refused_without_a_sender(mail):
    letter = assigned(mail)
    mail.login("agent")
    with pytest.raises(reply.ReplyRefused) as refused:
        reply.create_reply(letter)
    assert "Indiquez d'abord l'expéditeur" in refused.value.message
    _nothing_changed(mail, letter)


@pytest.mark.parametrize("ended", ["close", "cancel"])
def test_refused_once_the_mail_is_closed(mail, ended):
    letter = assigned(mail, sender=organisation(mail).UID())
    mail.login("directeur")
    api.content.transition(letter, transition=ended)
    mail.login("agent")
    with pytest.raises(reply.ReplyRefused) as refused:
        reply.create_reply(letter)
    assert "clôturé ou annulé" in refused.value.message
    _nothing_changed(mail, letter)


def test_refused_before_the_mail_is_assigned(mail):
    mail.login("registrar")
    letter = mail.incoming(sender=organisation(mail).UID(), treating_service="travaux")
    mail.login("agent")
    assert not reply.may_reply(letter)
    with pytest.raises(reply.ReplyRefused):
        reply.create_reply(letter)


# --- Sending the answer closes the question ---------------------------------------


def send(world, answer):
    """Through validation and signature, sent by the mail office."""
    for userid, name in (
        ("agent", "submit"),
        ("chef", "validate"),
        ("directeur", "sign"),
        ("registrar", "send"),
    ):
        world.login(userid)
        api.content.transition(answer, transition=name)


def test_sending_the_answer_closes_the_incoming_mail(mail):
    letter = assigned(mail, sender=organisation(mail).UID(), take=True)
    answer = answer_to(mail, letter)
    send(mail, answer)
    assert api.content.get_state(answer) == "sent"
    assert api.content.get_state(letter) == "closed"
    last = api.portal.get_tool("portal_workflow").getInfoFor(letter, "review_history")[-1]
    assert last["action"] == "close"
    assert last["comments"] == f"Clôturé par l'envoi de la réponse {answer.reference}."
    assert last["actor"] == "registrar"
    # The catalog knows it: the mail left the lists of mail to treat.
    mail.login("agent")
    assert [b.review_state for b in api.content.find(UID=letter.UID())] == ["closed"]


def test_the_setting_off_leaves_it_open(mail):
    set_close_on_reply(False)
    letter = assigned(mail, sender=organisation(mail).UID())
    answer = answer_to(mail, letter)
    send(mail, answer)
    assert api.content.get_state(answer) == "sent"
    assert api.content.get_state(letter) == "assigned"


def test_the_setting_is_on_by_default(mail):
    assert api.portal.get_registry_record(reply.CLOSE_ON_REPLY, default=True) is True


def test_an_incoming_mail_closed_meanwhile_stays_as_it_is(mail):
    letter = assigned(mail, sender=organisation(mail).UID())
    answer = answer_to(mail, letter)
    mail.login("chef")
    api.content.transition(letter, transition="close")
    workflow = api.portal.get_tool("portal_workflow")
    before = workflow.getInfoFor(letter, "review_history")
    send(mail, answer)
    mail.login("chef")
    assert workflow.getInfoFor(letter, "review_history") == before


def test_an_outgoing_mail_answering_nothing_is_sent_alone(mail):
    mail.login("agent")
    alone = mail.outgoing(sender_service="travaux")
    other = assigned(mail, sender=organisation(mail).UID())
    send(mail, alone)
    assert api.content.get_state(alone) == "sent"
    assert api.content.get_state(other) == "assigned"


# --- The button -------------------------------------------------------------------


def test_the_reply_button_creates_and_opens_the_answer(http_mail):
    world = http_mail
    sender = organisation(world)
    letter = assigned(world, sender=sender.UID())
    transaction.commit()
    url = f"{world.url}/courrier/{letter.getId()}"

    agent = browser_login(world.url, "agent", "password1")
    page = agent.get(url).text
    assert 'id="mail-reply"' in page and 'id="mail-sticker"' in page
    assert agent.get(f"{url}/@@repondre").status_code == 405  # GET never writes
    done = agent.post(f"{url}/@@repondre", data=form_fields(page, "mail-reply-form"))
    transaction.begin()
    (answer,) = [b.getObject() for b in api.content.find(portal_type="OutgoingMail")]
    assert done.url.rstrip("/").endswith(f"/courrier/{answer.getId()}")
    assert f"Réponse {answer.reference} créée" in html.unescape(done.text)
    # The answer's page offers the letter.
    letter_uid = documents.templates_folder()["lettre"].UID()
    assert "document-generation" in done.text and letter_uid in done.text

    # The copy service and the mail office get no button; a forced POST changes nothing.
    registrar = browser_login(world.url, "registrar", "password1")
    page = registrar.get(url).text
    assert 'id="mail-reply"' not in page
    token = re.search(r'name="_authenticator" value="([^"]+)"', page).group(1)
    refused = registrar.post(f"{url}/@@repondre", data={"_authenticator": token})
    assert "Seul le service traitant" in html.unescape(refused.text)
    transaction.begin()
    assert len(api.content.find(portal_type="OutgoingMail")) == 1
    # Without the token, nothing either.
    forged = agent.post(f"{url}/@@repondre", data={})
    assert forged.status_code == 403
    transaction.begin()
    assert len(api.content.find(portal_type="OutgoingMail")) == 1


# --- The letter -------------------------------------------------------------------


def test_the_letter_template_is_installed_for_outgoing_mail(portal):
    template = documents.templates_folder()["lettre"]
    assert template.pod_portal_types == ["OutgoingMail"]
    assert set(template.pod_formats) == {"odt", "pdf", "docx"}


def test_the_upgrade_adds_the_letter_and_keeps_an_edited_one(portal):
    from communesplone.mail.documents import install_letter_templates
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID

    setRoles(portal, TEST_USER_ID, ["Manager"])
    folder = documents.templates_folder()
    api.content.delete(folder["lettre"])
    install_letter_templates(None)
    assert folder["lettre"].pod_portal_types == ["OutgoingMail"]
    folder["lettre"].title = "Lettre de la commune"
    install_letter_templates(None)
    assert folder["lettre"].title == "Lettre de la commune"
    assert MAIL_TEMPLATES[0][2].exists()


def odt_text(data: bytes) -> str:
    content = zipfile.ZipFile(io.BytesIO(data)).read("content.xml").decode("utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", " ", content)).replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def answered(mail):
    """An answer to a letter of 10 March 2026, with the commune's address set."""
    api.portal.set_registry_record(
        "communesplone.commune.address", "Place communale 1, 5000 Valmont"
    )
    sender = organisation(mail, address="Rue Haute 12\n5000 Valmont")
    letter = assigned(mail, sender=sender.UID(), original_date=date(2026, 3, 10))
    mail.letter = letter
    mail.answer = answer_to(mail, letter)
    return mail


@pytest.mark.office
def test_the_letter(answered, office_ready):
    world = answered
    answer = world.answer
    text = odt_text(documents.generate(answer, "lettre", "odt"))
    for part in (
        "Administration communale de Valmont",
        "Place communale 1, 5000 Valmont",
        "Bureau d'architecture Lemaire",
        "Rue Haute 12",
        "5000 Valmont",
        f"Valmont, le {french_date(date.today())}",
        f"Notre référence : {answer.reference}",
        f"Votre courrier du 10 mars 2026 (enregistré sous le n° {world.letter.reference})",
        "Concerne : Réponse : Demande de permis de stationnement",
        "Madame, Monsieur,",
        "Le Bourgmestre",
    ):
        assert part in text, part
    assert text.index("Rue Haute 12") < text.index("Notre référence")
    # No appy statement or expression is left; the barcode is an image of the document.
    assert "view." not in text and "do text" not in text
    archive = zipfile.ZipFile(io.BytesIO(documents.generate(answer, "lettre", "odt")))
    assert "<draw:image" in archive.read("content.xml").decode("utf-8")


@pytest.mark.office
def test_the_letter_pdf_carries_a_readable_barcode(answered, office_ready, tmp_path):
    from PIL import Image
    from pyzbar.pyzbar import decode

    answer = answered.answer
    pdf = tmp_path / "lettre.pdf"
    pdf.write_bytes(documents.generate(answer, "lettre", "pdf"))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "300", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    (image,) = tmp_path.glob("page*.png")
    codes = decode(Image.open(image))
    assert [(code.type, code.data.decode()) for code in codes] == [("CODE128", answer.reference)]


@pytest.mark.office
def test_the_letter_tells_only_what_its_reader_may_read(answered, office_ready):
    """Whoever reads the answer but not the question gets no « Votre courrier du »."""
    world = answered
    world.answer.confidential = False
    world.letter.confidential = True
    world.letter.reindexObjectSecurity()
    world.answer.reindexObjectSecurity()
    world.login("registrar")
    text = odt_text(documents.generate(world.answer, "lettre", "odt"))
    assert world.answer.reference in text
    assert "Votre courrier" not in text and world.letter.reference not in text
