"""The PST's reports: detailed PST, follow-up table and progress state, as their reader
may see them."""

from communesplone.core import documents
from communesplone.core import structure
from communesplone.pst.documents import ODS_MIMETYPE
from communesplone.pst.documents import PST_TEMPLATES
from datetime import date
from plone import api
from plone.dexterity.utils import createContentInContainer
from pstworld import budget
from zExceptions import Unauthorized

import html
import io
import pytest
import re
import zipfile


pytestmark = pytest.mark.office

OVERRIDE = "Campagne déjà menée dans trois écoles"


def xml_text(xml: str) -> str:
    """The text of an ODF fragment, one line per paragraph, spaces normalised."""
    xml = re.sub(r"</text:(p|h)>", "\n", xml)
    xml = re.sub(r"<text:(tab|s|line-break)\b[^>]*/>", " ", xml)
    text = html.unescape(re.sub(r"<[^>]+>", "", xml))
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def content(data: bytes) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read("content.xml").decode("utf-8")


def report(context, template_id) -> str:
    text = xml_text(content(documents.generate(context, template_id, "odt")))
    # Every appy statement and expression was understood.
    for code in ("do text", "do section", "view.", "node.", "Error"):
        assert code not in text
    return text


def sheets(data: bytes) -> dict:
    """{sheet name: [[(text, value-type, value), …] per row]} of a spreadsheet."""
    result = {}
    for name, body in re.findall(
        r'<table:table table:name="([^"]+)"[^>]*>(.*?)</table:table>', content(data), re.S
    ):
        rows = []
        for row in re.findall(r"<table:table-row\b[^>]*>(.*?)</table:table-row>", body, re.S):
            cells = []
            for attrs, inner in re.findall(
                r"<table:table-cell\b([^>]*?)(?:/>|>(.*?)</table:table-cell>)", row, re.S
            ):
                repeat = re.search(r'table:number-columns-repeated="(\d+)"', attrs)
                kind = re.search(r'office:value-type="(\w+)"', attrs)
                value = re.search(r'office:value="([^"]+)"', attrs)
                cell = (
                    " ".join(xml_text(inner or "").split()),
                    kind.group(1) if kind else "",
                    float(value.group(1)) if value else None,
                )
                cells.extend([cell] * min(int(repeat.group(1)) if repeat else 1, 30))
            if any(text for text, _kind, _value in cells):
                rows.append(cells)
        result[name] = rows
    return result


def first_column_width(data: bytes) -> float:
    """The width (cm) of the first sheet's first column."""
    xml = content(data)
    style = re.search(r'<table:table-column table:style-name="([^"]+)"', xml).group(1)
    width = re.search(
        rf'style:name="{style}"[^>]*>\s*<style:table-column-properties[^>]*'
        r'style:column-width="([\d.]+)(cm|in)"',
        xml,
    )
    return float(width.group(1)) * (2.54 if width.group(2) == "in" else 1)


def find_row(rows, first: str) -> list:
    return next(row for row in rows if row and row[0][0] == first)


@pytest.fixture
def reports(pst, office_port, monkeypatch):
    """Two objectives; three actions: one late and blocked, measured by an indicator; one
    whose progress was fixed by hand; one without money."""
    monkeypatch.setenv("OO_PORT", str(office_port))
    documents.configure_office()
    with api.env.adopt_roles(["Manager"]):
        alderman = createContentInContainer(
            structure.directory(), "Person", firstname="Marie", lastname="Dupont"
        )
    pst.os1 = pst.objective("Être une commune propre")
    pst.oo1 = pst.operational(pst.os1, "Réduire les dépôts clandestins")
    pst.cameras = pst.action(
        pst.oo1,
        "Installer des caméras",
        budget_lines=[budget(2025, 3000, 1000)],
        indicators=[
            {"label": "Caméras installées", "unit": "caméras", "baseline": 0, "target": 10}
        ],
        measurements=[{"indicator": "Caméras installées", "year": 2025, "value": 4}],
        health="blocked",
        health_comment="Marché public infructueux",
        responsible_alderman=alderman.UID(),
        managing_services=["travaux"],
        agent="agent_travaux",
        planned_start=date(2025, 1, 1),
        planned_end=date(2025, 6, 30),
    )
    pst.schools = pst.action(
        pst.oo1,
        "Sensibiliser les écoles",
        progress_entered=20,
        progress_override=60,
        progress_override_reason=OVERRIDE,
        budget_lines=[budget(2026, 1000, source="wallonia")],
        health="at_risk",
    )
    pst.os2 = pst.objective("Être une commune mobile")
    pst.oo2 = pst.operational(pst.os2, "Moins de voitures en centre-ville")
    pst.bikes = pst.action(pst.oo2, "Créer des pistes cyclables", progress_entered=10)
    return pst


def test_the_profile_installs_the_reports(portal):
    folder = documents.templates_folder()
    for template_id, title, path, formats, portal_types in PST_TEMPLATES:
        template = folder[template_id]
        assert template.Title() == title
        assert template.pod_formats == formats
        assert template.pod_portal_types == portal_types
        assert template.odt_file.filename == path.name
    assert [row[1] for row in PST_TEMPLATES] == [
        "PST détaillé",
        "Tableau de suivi",
        "État d'avancement",
        "Évaluation du PST",
    ]
    table = folder["pst-tableau-de-suivi"]
    assert table.odt_file.contentType == ODS_MIMETYPE
    assert table.column_modifier == "disabled"  # the columns keep the template's widths


def test_the_figures_the_reports_print(reports):
    """What the roll-up stored, and so what every report must show."""
    assert (reports.cameras.progress, reports.schools.progress) == (40, 60)
    assert reports.oo1.progress == 45  # (40 × 3 000 + 60 × 1 000) / 4 000
    assert reports.plan.progress == 28  # 45 and 10: OS.2 has no budget, a plain mean
    assert reports.plan.budget["planned"] == 4000
    assert reports.plan.budget["spent"] == 1000


def test_detailed_pst(reports):
    text = report(reports.plan, "pst-detaille")
    assert "Commune de Valmont" in text
    assert "Programme stratégique transversal\nPST 2024-2030\n" in text
    for line in (
        "Législature 2024-2030",
        "Entité Commune",
        "Adoption par le Collège 12/05/2025",
        "Avancement 28 %",
        "Budget prévu 4 000,00 €",
        "Budget dépensé 1 000,00 €",
        "Taux de dépense 25 %",
        "Contenu 2 objectifs stratégiques, 2 objectifs opérationnels et 3 actions",
    ):
        assert f"\n{line}\n" in text
    assert "Prise d'acte par le Conseil" not in text  # not yet
    # The tree in plan order, each node under the title of its level.
    titles = [
        "Objectif stratégique\nOS.1 – Être une commune propre",
        "Objectif opérationnel\nOO.1.1 – Réduire les dépôts clandestins",
        "Action\nA.1.1.1 – Installer des caméras",
        "Action\nA.1.1.2 – Sensibiliser les écoles",
        "Objectif stratégique\nOS.2 – Être une commune mobile",
        "Action\nA.2.1.1 – Créer des pistes cyclables",
    ]
    positions = [text.index(title) for title in titles]
    assert positions == sorted(positions)
    cameras = text[positions[2] : positions[3]]
    for line in (
        "État Créée",
        "Avancement 40 %",
        "Santé Bloqué (Marché public infructueux)",
        "Mandataire responsable Marie Dupont",
        "Services gestionnaires Travaux",
        "Agent en charge Agent_travaux",
        "Période prévue du 01/01/2025 au 30/06/2025",
        "Échéance En retard",
        "Budget prévu 3 000,00 €, dépensé 1 000,00 €",
        "Indicateurs",
        "– Caméras installées : 4 caméras en 2025 (cible : 10 caméras)",
    ):
        assert f"\n{line}\n" in cameras
    schools = text[positions[3] : positions[4]]
    assert f"\nAvancement 60 % (fixé : {OVERRIDE})\n" in schools
    assert "\nSanté À risque\n" in schools
    objective = text[positions[0] : positions[1]]
    assert "\nÉtat Créé\n" in objective  # an objective's workflow says it in the masculine
    assert "\nAvancement 45 %\n" in text[positions[1] : positions[2]]


def test_detailed_pst_of_one_objective(reports):
    text = report(reports.os1, "pst-detaille")
    assert "Programme stratégique transversal\nOS.1 Être une commune propre\n" in text
    assert "\nProgramme PST 2024-2030\n" in text
    assert "\nAvancement 45 %\n" in text
    assert "OO.1.1 – Réduire les dépôts clandestins" in text
    assert "A.1.1.2 – Sensibiliser les écoles" in text
    assert "OS.2" not in text
    assert "pistes cyclables" not in text


def test_detailed_pst_as_pdf(reports):
    assert documents.generate(reports.plan, "pst-detaille", "pdf").startswith(b"%PDF")


def test_follow_up_table(reports):
    data = documents.generate(reports.plan, "pst-tableau-de-suivi", "ods")
    assert zipfile.ZipFile(io.BytesIO(data)).read("mimetype") == ODS_MIMETYPE.encode()
    assert round(first_column_width(data), 1) == 2.2  # the template's, not the title's
    tables = sheets(data)
    assert list(tables) == ["Suivi", "Budget"]
    rows = tables["Suivi"]
    assert rows[0][0][0] == "Tableau de suivi – PST 2024-2030"
    assert rows[1][0][0].startswith("Commune de Valmont – situation au ")
    header = [text for text, _kind, _value in rows[2]]
    assert header[:7] == [
        "Référence",
        "Niveau",
        "Intitulé",
        "État",
        "Santé",
        "Avancement (%)",
        "Avancement fixé : justification",
    ]
    column = {title: index for index, title in enumerate(header)}
    assert [row[0][0] for row in rows[3:-1]] == [
        "OS.1",
        "OO.1.1",
        "A.1.1.1",
        "A.1.1.2",
        "OS.2",
        "OO.2.1",
        "A.2.1.1",
    ]

    def cell(reference, title):
        return find_row(rows, reference)[column[title]]

    assert cell("A.1.1.1", "Niveau")[0] == "Action"
    assert cell("A.1.1.1", "Intitulé")[0] == "Installer des caméras"
    assert cell("A.1.1.1", "État")[0] == "Créée"
    assert cell("A.1.1.1", "Santé")[0] == "Bloqué"
    # Numbers stay numbers: the commune sorts and adds them in its spreadsheet.
    assert cell("A.1.1.1", "Avancement (%)")[1:] == ("float", 40.0)
    assert cell("OO.1.1", "Avancement (%)")[1:] == ("float", 45.0)
    assert cell("A.1.1.2", "Avancement (%)")[1:] == ("float", 60.0)
    assert cell("A.1.1.2", "Avancement fixé : justification")[0] == OVERRIDE
    assert cell("A.1.1.1", "Avancement fixé : justification")[0] == ""
    assert cell("A.1.1.1", "Mandataire responsable")[0] == "Marie Dupont"
    assert cell("A.1.1.1", "Services gestionnaires")[0] == "Travaux"
    assert cell("A.1.1.1", "Agent en charge")[0] == "Agent_travaux"
    assert cell("A.1.1.1", "Début prévu")[0] == "01/01/2025"
    assert cell("A.1.1.1", "Fin prévue")[0] == "30/06/2025"
    assert cell("A.1.1.1", "Échéance")[0] == "En retard"
    assert cell("A.1.1.1", "Budget prévu (€)")[1:] == ("float", 3000.0)
    assert cell("A.1.1.1", "Dépensé (€)")[1:] == ("float", 1000.0)
    assert cell("OS.1", "Budget prévu (€)")[1:] == ("float", 4000.0)
    assert cell("A.1.1.1", "Indicateurs")[0] == (
        "Caméras installées : 4 caméras en 2025 (cible : 10 caméras)"
    )
    totals = rows[-1]
    assert totals[0][0] == "Total"
    assert totals[column["Budget prévu (€)"]][1:] == ("float", 4000.0)
    assert totals[column["Dépensé (€)"]][1:] == ("float", 1000.0)

    budget_rows = tables["Budget"]
    assert [(row[0][0], row[1][2], row[2][2]) for row in budget_rows[1:]] == [
        ("Année", None, None),
        ("2025", 3000.0, 1000.0),
        ("2026", 1000.0, 0.0),
        ("Total", 4000.0, 1000.0),
        ("Source de financement", None, None),
        ("Wallonie", 1000.0, 0.0),
        ("Commune", 3000.0, 1000.0),
        ("Total", 4000.0, 1000.0),
    ]
    # The same table for Excel.
    excel = documents.generate(reports.plan, "pst-tableau-de-suivi", "xlsx")
    xlsx = zipfile.ZipFile(io.BytesIO(excel))
    assert "xl/worksheets/sheet1.xml" in xlsx.namelist()
    assert "Installer des caméras" in xlsx.read("xl/sharedStrings.xml").decode("utf-8")


def test_progress_state(reports):
    data = documents.generate(reports.plan, "pst-etat-avancement", "odt")
    xml = content(data)
    # The three charts are in the document, as pictures of its package.
    assert xml.count("<draw:frame") >= 3
    assert "<draw:image" in xml
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    pictures = [name for name in names if name.startswith("Pictures/")]
    assert len(pictures) >= 3
    flat = xml_text(xml).replace("\n", " ")  # a table's row on one line
    for line in (
        "État d'avancement",
        "Avancement 28 %",
        "Budget prévu 4 000,00 €",
        "Budget dépensé 1 000,00 €",
        "Avancement des objectifs stratégiques",
        "OS.1 Être une commune propre 45 % Bon 4 000,00 € 1 000,00 €",
        "OS.2 Être une commune mobile 10 % Bon 0,00 € 0,00 €",
        "2025 3 000,00 € 1 000,00 €",
        "2026 1 000,00 € 0,00 €",
        "Wallonie 1 000,00 € 0,00 €",
        "Total 4 000,00 € 1 000,00 €",
        "Créée 3",
        "Bon 1",
        "À risque 1",
        "Bloqué 1",
        "Actions bloquées ou à risque",
        "A.1.1.1 Installer des caméras Bloqué Marché public infructueux",
        "A.1.1.2 Sensibiliser les écoles À risque",
        "Actions en retard",
        "A.1.1.1 Installer des caméras 30/06/2025 Agent_travaux",
    ):
        assert line in flat, line
    assert documents.generate(reports.plan, "pst-etat-avancement", "pdf").startswith(b"%PDF")


def test_progress_state_of_one_objective(reports):
    text = report(reports.os1, "pst-etat-avancement").replace("\n", " ")
    assert "Avancement des objectifs opérationnels" in text
    assert "OO.1.1 Réduire les dépôts clandestins 45 %" in text
    assert "OS.2" not in text


def close(node, *permissions):
    """Keep the node for the managers (as a workflow state would) and reindex its rights."""
    for permission in permissions:
        node.manage_permission(permission, ["Manager"], acquire=False)
    node.reindexObjectSecurity()


def test_reports_show_only_what_the_reader_may_see(reports):
    # Searches leave out what the reader may not access: an objective and its actions.
    close(reports.oo2, "View", "Access contents information")
    # What they may access but not view is left out by the report.
    close(reports.schools, "View")
    reports.login("echevin")  # reads the plan as a member of the Collège
    text = report(reports.plan, "pst-detaille")
    assert "A.1.1.1 – Installer des caméras" in text
    assert "OS.2 – Être une commune mobile" in text
    for hidden in ("OO.2.1", "Moins de voitures", "A.2.1.1", "pistes cyclables"):
        assert hidden not in text
    for hidden in ("A.1.1.2", "Sensibiliser les écoles", OVERRIDE):
        assert hidden not in text
    rows = sheets(documents.generate(reports.plan, "pst-tableau-de-suivi", "ods"))["Suivi"]
    assert [row[0][0] for row in rows[3:-1]] == ["OS.1", "OO.1.1", "A.1.1.1", "OS.2"]
    progress = report(reports.plan, "pst-etat-avancement")
    assert "Sensibiliser les écoles" not in progress
    assert "pistes cyclables" not in progress
    # A member of staff does not read a plan the Collège has not adopted yet.
    reports.login("member")
    for template_id, _title, _path, formats, _types in PST_TEMPLATES:
        with pytest.raises(Unauthorized):
            documents.generate(reports.plan, template_id, formats[0])
