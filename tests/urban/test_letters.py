"""The urbanism letters: what each one says of the file, and only to who may read it."""

from communesplone.core import documents
from communesplone.core import structure
from communesplone.core.calendar import french_date
from communesplone.urban.deadlines import permit_deadlines
from communesplone.urban.documents import MISSING_NOTE
from communesplone.urban.documents import PERMIT_TEMPLATES
from datetime import date
from plone import api
from plone.dexterity.utils import createContentInContainer
from zExceptions import Unauthorized

import html
import io
import pytest
import re
import zipfile


pytestmark = pytest.mark.office

PLACE = "Service de l'urbanisme, rue de la Station 1, du lundi au vendredi, 9 h – 12 h"


def odt_text(data: bytes) -> str:
    """The letter's text, one line per paragraph, spaces normalised."""
    xml = zipfile.ZipFile(io.BytesIO(data)).read("content.xml").decode("utf-8")
    xml = re.sub(r"</text:(p|h)>", "\n", xml)
    xml = re.sub(r"<text:(tab|s|line-break)\b[^>]*/>", " ", xml)
    text = html.unescape(re.sub(r"<[^>]+>", "", xml))
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def letter(permit, template_id) -> str:
    text = odt_text(documents.generate(permit, template_id, "odt"))
    # Every appy statement and expression was understood.
    assert "do text" not in text
    assert "view." not in text
    return text


def deadline(permit, deadline_id):
    return next(d for d in permit_deadlines(permit) if d.id == deadline_id)


@pytest.fixture
def letters(urban, office_port, monkeypatch):
    """A building permit from deposit to decision, with an inquiry and the FD's opinion."""
    monkeypatch.setenv("OO_PORT", str(office_port))
    documents.configure_office()
    with api.env.adopt_roles(["Manager"]):
        applicants = [
            createContentInContainer(
                structure.directory(), "Person", firstname=first, lastname=last
            ).UID()
            for first, last in (("Marie", "Dupont"), ("Luc", "Martin"))
        ]
    permit = urban.add_permit(
        "Construction d'une maison unifamiliale",
        applicants=applicants,
        work_locations=["Rue Haute, 12 ; 1234"],
        parcels=["62063B0421/02C000"],
    )
    urban.add_event(permit, "deposit", date(2025, 3, 3))
    urban.add_event(
        permit, "incomplete", date(2025, 3, 10), missing_documents=["photos", "drawings"]
    )
    urban.add_event(permit, "complements", date(2025, 3, 20))
    urban.add_event(
        permit,
        "acknowledgement",
        date(2025, 4, 1),
        publicity="inquiry",
        fd_opinion_required=True,
    )
    urban.add_event(
        permit, "inquiry", date(2025, 4, 10), start=date(2025, 4, 14), place=PLACE, claims=2
    )
    urban.add_event(permit, "decision", date(2025, 7, 10), outcome="granted")
    urban.permit = permit
    return urban


def test_the_profile_installs_the_letters(portal):
    folder = documents.templates_folder()
    for template_id, title, _path, formats, portal_types in PERMIT_TEMPLATES:
        template = folder[template_id]
        assert template.Title() == title
        assert template.pod_portal_types == portal_types == ["Permit"]
        assert template.pod_formats == formats
    assert [row[0] for row in PERMIT_TEMPLATES] == [
        "accuse-de-reception",
        "pieces-manquantes",
        "notification-decision",
        "avis-enquete",
    ]


def test_acknowledgement(letters):
    permit = letters.permit
    text = letter(permit, "accuse-de-reception")
    due = deadline(permit, "decision").due
    assert due == date(2025, 7, 25)  # 1 April + 115 days: inquiry and FD opinion
    assert "Commune de Valmont" in text
    assert permit.reference in text
    assert "Marie Dupont\nLuc Martin" in text
    assert f"Valmont, le {french_date(date.today())}" in text
    assert "Objet : Permis d'urbanisme – accusé de réception de votre demande" in text
    # The street code kept after « ; » is not for the citizen.
    assert "Bien : Rue Haute, 12 (parcelle cadastrale 62063B0421/02C000)" in text
    assert "« Construction d'une maison unifamiliale », déposée le 3 mars 2025" in text
    assert "Procédure Permis d'urbanisme" in text
    assert "Accusé de réception établi le 1er avril 2025" in text
    assert "– une enquête publique de 15 jours" in text
    assert "– l'avis obligatoire du fonctionnaire délégué" in text
    assert f"au plus tard le {french_date(due)}." in text
    assert "AR envoyé le 1er avril 2025 + 115 jours" in text  # the derivation, written out
    assert "Pour le Collège communal," in text
    assert "Le Directeur général, Le Bourgmestre," in text


def test_missing_documents_named_by_the_step(letters):
    text = letter(letters.permit, "pieces-manquantes")
    assert "En date du 10 mars 2025, nous constatons que le dossier est incomplet." in text
    # In the checklist's order, only the ones the step names.
    assert (
        "– Plans, coupes et élévations du projet\n"
        "– Reportage photographique du bien et de ses abords\n"
    ) in text
    assert "Plan de situation du bien" not in text
    assert MISSING_NOTE not in text


def test_missing_documents_default_to_the_whole_checklist(urban, office_port, monkeypatch):
    monkeypatch.setenv("OO_PORT", str(office_port))
    documents.configure_office()
    # A contact the reader cannot find (here: removed from the directory) is not named.
    permit = urban.add_permit(
        "Certificat pour une parcelle", procedure="cu1", applicants=["no-such-contact"]
    )
    urban.add_event(permit, "deposit", date(2025, 5, 5))
    urban.add_event(permit, "incomplete", date(2025, 5, 12), comment="Plan illisible.")
    text = letter(permit, "pieces-manquantes")
    assert "Objet : Certificat d'urbanisme n° 1 – dossier incomplet, pièces manquantes" in text
    assert f"{MISSING_NOTE} : cette liste reprend toutes les pièces" in text
    for label in (
        "Demande écrite mentionnant l'identité du demandeur",
        "Références cadastrales du bien (division, section, numéro)",
        "Plan de situation ou extrait du plan cadastral",
    ):
        assert f"– {label}" in text
    assert "Remarques : Plan illisible." in text
    assert "Au demandeur" in text


def test_decision_notification(letters):
    permit = letters.permit
    text = letter(permit, "notification-decision")
    end = french_date(deadline(permit, "inquiry_end").due)
    assert permit.reference in text
    assert "la décision du Collège communal de Valmont sur votre demande" in text
    assert (
        "En séance du 10 juillet 2025, le Collège communal a décidé d'accorder votre demande."
    ) in text
    assert (
        f"Organisée du 14 avril 2025 au {end}, l'enquête publique a donné lieu à 2 réclamations."
    ) in text
    assert "l'affichage sur le terrain" in text
    assert "recours auprès du Gouvernement wallon" in text


def test_inquiry_notice(letters):
    permit = letters.permit
    text = letter(permit, "avis-enquete")
    end = deadline(permit, "inquiry_end").due
    assert end == date(2025, 4, 28)  # 15 days counted from the first day
    assert "Avis d'enquête publique" in text
    assert "qu'une enquête publique est organisée" in text
    assert "Demandeurs Marie Dupont et Luc Martin" in text
    assert "Objet Construction d'une maison unifamiliale" in text
    assert f"Référence {permit.reference}" in text
    assert f"L'enquête publique se déroule du 14 avril 2025 au {french_date(end)} inclus." in text
    assert f"Consultation du dossier : {PLACE}." in text
    assert f"au plus tard le {french_date(end)}, par courrier postal" in text


def test_a_letter_as_pdf(letters):
    data = documents.generate(letters.permit, "notification-decision", "pdf")
    assert data.startswith(b"%PDF")


def test_no_letter_for_who_may_not_read_the_file(letters):
    letters.login("other_agent")
    for template_id in ("accuse-de-reception", "avis-enquete"):
        with pytest.raises(Unauthorized):
            documents.generate(letters.permit, template_id, "odt")
