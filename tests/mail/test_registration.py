"""Registering mail: numbers per year and direction, ids, fingerprints of the originals."""

from communesplone.core import numbering
from plone.namedfile.file import NamedBlobFile

import hashlib


def test_numbers_per_direction_and_year(mail):
    year = numbering.current_year()
    first = mail.incoming()
    second = mail.incoming("Facture d'électricité")
    reply = mail.outgoing()
    assert first.reference == f"E{year}/000001"
    assert second.reference == f"E{year}/000002"
    assert reply.reference == f"S{year}/000001"
    assert first.getId() == f"e{year}-000001"
    assert reply.getId() == f"s{year}-000001"


def test_the_original_is_fingerprinted(mail):
    data = b"%PDF-1.4 lettre scannee"
    letter = mail.incoming(original=NamedBlobFile(data, filename="lettre.pdf"))
    assert letter.original_sha256 == hashlib.sha256(data).hexdigest()
    assert mail.incoming("Sans original").original_sha256 is None
