"""The registration sticker: a small PDF whose barcode reads back as the mail's reference,
which the search box finds (a hand scanner types it there)."""

from datetime import date
from plone import api
from plone.app.testing import logout
from zExceptions import Unauthorized

import pytest
import subprocess


def read_sticker(data: bytes, tmp_path) -> dict:
    """The sticker's page size (mm), its text and the barcodes decoded from its picture."""
    from PIL import Image
    from pyzbar.pyzbar import decode

    pdf = tmp_path / "etiquette.pdf"
    pdf.write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "300", "-singlefile", str(pdf), str(tmp_path / "etiquette")],
        check=True,
    )
    image = Image.open(tmp_path / "etiquette.png")
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return {
        "size_mm": tuple(round(pixels / 300 * 25.4) for pixels in image.size),
        "text": text,
        "barcodes": [(code.type, code.data.decode()) for code in decode(image)],
    }


def sticker_of(mail_obj) -> bytes:
    view = api.content.get_view("etiquette", mail_obj, mail_obj.REQUEST)
    data = view()
    assert mail_obj.REQUEST.response.getHeader("Content-Type") == "application/pdf"
    return data


def test_the_sticker_of_an_incoming_mail(mail, tmp_path):
    mail.login("registrar")
    letter = mail.incoming(reception_date=date(2026, 3, 12))
    sticker = read_sticker(sticker_of(letter), tmp_path)
    assert sticker["size_mm"] == (62, 29)
    assert sticker["barcodes"] == [("CODE128", letter.reference)]
    for part in ("Valmont", letter.reference, "Reçu le 12/03/2026"):
        assert part in sticker["text"], part
    disposition = letter.REQUEST.response.getHeader("Content-Disposition")
    assert letter.reference.replace("/", "-") in disposition


def test_the_sticker_of_an_outgoing_mail(mail, tmp_path):
    mail.login("agent")
    answer = mail.outgoing(mail_date=date(2026, 4, 2))
    sticker = read_sticker(sticker_of(answer), tmp_path)
    assert sticker["barcodes"] == [("CODE128", answer.reference)]
    assert "Daté du 02/04/2026" in sticker["text"]


def test_the_sticker_is_for_who_reads_the_mail(mail):
    mail.login("registrar")
    letter = mail.incoming()
    for userid in ("other_agent", None):
        mail.login(userid) if userid else logout()
        assert not api.user.has_permission("View", obj=letter)
        with pytest.raises(Unauthorized):
            letter.restrictedTraverse("@@etiquette")


def test_the_sticker_writes_nothing(mail):
    """A GET: printing a sticker leaves the mail as it was."""
    mail.login("registrar")
    letter = mail.incoming()
    before = dict(letter.__dict__)
    sticker_of(letter)
    assert letter.__dict__ == before


def _search(portal, text):
    """What the site's search box gives for `text`, as the reader."""
    request = portal.REQUEST
    request.form["SearchableText"] = text
    view = api.content.get_view("search", portal, request)
    return [brain.UID for brain in view.results(batch=False, use_content_listing=False)]


def test_scanning_the_sticker_in_the_search_box_finds_the_mail(mail):
    mail.login("registrar")
    letter = mail.incoming("Coupure de courant")
    mail.incoming("Autre courrier")
    mail.login("agent")
    same_number = mail.outgoing(sender_service="travaux")
    assert same_number.reference[1:] == letter.reference[1:]  # S2026/000001, E2026/000001
    mail.login("registrar")
    assert _search(mail.portal, letter.reference) == [letter.UID()]
    assert _search(mail.portal, same_number.reference) == [same_number.UID()]
    # And the mail list's own search, by number.
    found = api.content.find(portal_type="IncomingMail", SearchableText=letter.reference)
    assert [brain.UID for brain in found] == [letter.UID()]


def test_the_search_finds_only_what_the_reader_may_read(mail):
    mail.login("registrar")
    letter = mail.incoming()
    mail.login("other_agent")
    assert _search(mail.portal, letter.reference) == []
