"""Write the urbanism letters (ODT templates): `python scripts/make_urban_templates.py`.

The letters are kept as code so that a wording change is a reviewable diff and the files
are the same bytes on every run. They use appy POD: statements (`do text if …`,
`do text for … in …`) are comments on the paragraph they act on, expressions are input
fields, as in the meetings' agenda (the building blocks are in odf_templates.py); `view`
is the permit's document helper (communesplone.urban.documents.PermitDocumentHelper).
"""

from odf_templates import BLUE
from odf_templates import default_style
from odf_templates import field
from odf_templates import GREY
from odf_templates import letterhead
from odf_templates import NBSP
from odf_templates import p
from odf_templates import page_layout
from odf_templates import paragraph_style
from odf_templates import STANDARD
from odf_templates import STRONG
from odf_templates import strong
from odf_templates import styles_xml
from odf_templates import TAB
from odf_templates import write_odt
from pathlib import Path


TARGET = Path(__file__).parents[1] / "src" / "communesplone" / "urban" / "templates"


# Blocks every letter shares


def urban_letterhead() -> list:
    return letterhead([field("view.letterhead()")], "Service de l'urbanisme")


def address_block() -> list:
    return [
        p("Recipient", field("name"), do="do text for name in view.recipients()"),
        p("Date_20_line", field("view.place_and_date()")),
        p("Reference", strong(f"Nos références{NBSP}: "), field("view.reference()")),
        p(
            "Reference",
            strong(f"Agent traitant{NBSP}: "),
            field("view.folder_manager_name()"),
            do="do text if view.folder_manager_name()",
        ),
    ]


def subject(what: str) -> list:
    return [
        p("Subject", f"Objet{NBSP}: ", field("view.procedure_title()"), f" – {what}"),
        p("Property", strong(f"Bien{NBSP}: "), field("view.property_text()")),
        p("Salutation", "Madame, Monsieur,"),
    ]


def the_request() -> list:
    """« votre demande de permis d'urbanisme relative à « … », déposée le … »."""
    return [
        "votre demande de ",
        field("view.procedure_name()"),
        f" relative à «{NBSP}",
        field("view.subject()"),
        f"{NBSP}», déposée le ",
        field("view.deposit_date()"),
    ]


def closing() -> list:
    return [
        p(
            "Text_20_body",
            "Nous vous remercions de rappeler la référence ci-dessus dans toute correspondance "
            "relative à ce dossier. Le service de l'urbanisme se tient à votre disposition pour "
            "tout renseignement complémentaire.",
        ),
        p(
            "Closing",
            "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations "
            "distinguées.",
        ),
    ]


def signature() -> list:
    return [
        p("Signature_20_intro", "Pour le Collège communal,"),
        p("Signature", TAB, "Le Directeur général,", TAB, "Le Bourgmestre,"),
    ]


def bullets(expression: str, name: str) -> str:
    return p("Bullet", f"–{NBSP}", field(name), do=f"do text for {name} in {expression}")


# The four letters


def acknowledgement() -> list:
    return [
        *urban_letterhead(),
        *address_block(),
        *subject("accusé de réception de votre demande"),
        p(
            "Text_20_body",
            "Nous accusons réception de ",
            *the_request(),
            ". Après examen, le dossier est complet.",
        ),
        p(
            "Text_20_body",
            "Conformément au Code du Développement Territorial (CoDT), le présent accusé de "
            "réception vous indique la procédure applicable à votre demande et la date à "
            "laquelle la décision du Collège communal vous sera envoyée.",
        ),
        p("Fact_20_first", strong("Procédure"), TAB, field("view.procedure_title()")),
        p(
            "Fact",
            strong("Accusé de réception"),
            TAB,
            "établi le ",
            field("view.acknowledgement_date()"),
            do="do text if view.acknowledgement_date()",
        ),
        p("Text_20_body", f"L'instruction de votre demande comprend{NBSP}:"),
        bullets("view.acknowledgement_measures()", "measure"),
        p(
            "Highlight",
            "Le Collège communal vous enverra sa décision au plus tard le ",
            strong(field("view.decision_due()")),
            ".",
            do="do text if view.decision_due()",
        ),
        p(
            "Text_20_body",
            field("view.decision_explanation()"),
            do="do text if not view.decision_due()",
        ),
        p(
            "Text_20_body",
            "Ce délai peut être prorogé dans les cas prévus par le CoDT ; vous en seriez alors "
            "informé. À défaut de décision envoyée dans ce délai, le fonctionnaire délégué est "
            "saisi de votre demande.",
            do="do text if view.decision_due()",
        ),
        p(
            "Small",
            f"Calcul du délai{NBSP}: ",
            field("view.decision_explanation()"),
            do="do text if view.decision_due()",
        ),
        *closing(),
        *signature(),
    ]


def missing_documents() -> list:
    return [
        *urban_letterhead(),
        *address_block(),
        *subject("dossier incomplet, pièces manquantes"),
        p("Text_20_body", "Nous avons examiné ", *the_request(), "."),
        p(
            "Text_20_body",
            "En date du ",
            field("view.incomplete_date()"),
            ", nous constatons que le dossier est incomplet. Conformément au Code du "
            "Développement Territorial (CoDT), les pièces et renseignements suivants doivent "
            f"encore nous être transmis{NBSP}:",
        ),
        p(
            "Note",
            field("view.missing_documents_note()"),
            f"{NBSP}: cette liste reprend toutes les pièces exigées pour la procédure ; "
            "retirez celles qui ont été fournies avant l'envoi de ce courrier.",
            do="do text if view.missing_documents_note()",
        ),
        bullets("view.missing_documents()", "label"),
        p(
            "Text_20_body",
            strong(f"Remarques{NBSP}: "),
            field("view.incomplete_comment()"),
            do="do text if view.incomplete_comment()",
        ),
        p(
            "Text_20_body",
            "Nous vous invitons à adresser ces compléments au service de l'urbanisme. Dès leur "
            "réception, le caractère complet du dossier sera à nouveau vérifié et un accusé de "
            "réception vous sera adressé.",
        ),
        p(
            "Text_20_body",
            "Nous attirons votre attention sur le fait que, si le dossier est encore déclaré "
            "incomplet après réception des compléments, la demande sera déclarée irrecevable, "
            "conformément au CoDT.",
        ),
        *closing(),
        *signature(),
    ]


def decision() -> list:
    return [
        *urban_letterhead(),
        *address_block(),
        *subject("notification de la décision du Collège communal"),
        p(
            "Text_20_body",
            "Nous avons l'honneur de vous notifier la décision du Collège communal de ",
            field("view.commune_name()"),
            " sur ",
            *the_request(),
            ".",
        ),
        p("Highlight", strong(field("view.decision_sentence()"))),
        p(
            "Text_20_body",
            field("view.inquiry_summary()"),
            do="do text if view.inquiry_summary()",
        ),
        p(
            "Text_20_body",
            "Vous trouverez ci-joint la décision complète, avec ses motifs et, le cas échéant, "
            "les conditions dont elle est assortie.",
        ),
        p(
            "Text_20_body",
            field("view.implementation_notice()"),
            do="do text if view.implementation_notice()",
        ),
        p(
            "Text_20_body",
            "Si vous souhaitez contester cette décision, vous pouvez introduire un recours "
            "auprès du Gouvernement wallon dans les trente jours de sa réception, dans les "
            "formes prévues par le Code du Développement Territorial (CoDT).",
        ),
        *closing(),
        *signature(),
    ]


def inquiry_notice() -> list:
    return [
        *urban_letterhead(),
        p("Notice_20_title", field("view.inquiry_heading()")),
        p("Notice_20_subtitle", "Code du Développement Territorial (CoDT)"),
        p(
            "Text_20_body",
            "Le Collège communal de ",
            field("view.commune_name()"),
            " porte à la connaissance de la population qu'une ",
            field("view.inquiry_kind()"),
            f" est organisée sur la demande suivante{NBSP}:",
        ),
        p(
            "Fact_20_first",
            strong(field("view.applicants_label()")),
            TAB,
            field("view.applicants_text()"),
        ),
        p("Fact", strong("Objet"), TAB, field("view.subject()")),
        p("Fact", strong("Bien concerné"), TAB, field("view.property_text()")),
        p("Fact", strong("Procédure"), TAB, field("view.procedure_title()")),
        p("Fact_20_last", strong("Référence"), TAB, field("view.reference()")),
        p(
            "Highlight",
            "L'",
            field("view.inquiry_kind()"),
            " se déroule du ",
            strong(field("view.inquiry_start()")),
            " au ",
            strong(field("view.inquiry_end()")),
            " inclus.",
        ),
        p(
            "Text_20_body",
            strong(f"Consultation du dossier{NBSP}: "),
            field("view.inquiry_place()"),
            ".",
        ),
        p("Text_20_body", field("view.objection_text()")),
        p(
            "Text_20_body",
            "Les observations orales sont recueillies sur rendez-vous, au même endroit, par "
            "l'agent communal délégué à cet effet.",
        ),
        p("Date_20_line", field("view.place_and_date()")),
        *signature(),
    ]


LETTERS = {
    "accuse-de-reception": ("Accusé de réception", acknowledgement),
    "pieces-manquantes": ("Relevé des pièces manquantes", missing_documents),
    "notification-decision": ("Notification de la décision", decision),
    "avis-enquete": ("Avis d'enquête publique", inquiry_notice),
}


# The styles


STYLES = "".join(
    (
        default_style("10.5pt"),
        STANDARD,
        paragraph_style(
            "Text_20_body",
            "Text body",
            paragraph='fo:margin-top="0.25cm" fo:margin-bottom="0.05cm" fo:line-height="120%" '
            'fo:text-align="justify"',
        ),
        paragraph_style(
            "Letterhead",
            text=f'fo:font-size="16pt" fo:font-weight="bold" fo:color="{BLUE}" '
            'fo:letter-spacing="0.02cm"',
        ),
        paragraph_style(
            "Letterhead_20_detail",
            "Letterhead detail",
            text=f'fo:font-size="9pt" fo:color="{GREY}"',
        ),
        paragraph_style(
            "Letterhead_20_rule",
            "Letterhead rule",
            paragraph=f'fo:margin-bottom="1cm" fo:padding-bottom="0.1cm" '
            f'fo:border-bottom="1pt solid {BLUE}"',
            text='fo:font-size="4pt"',
        ),
        paragraph_style(
            "Recipient",
            paragraph='fo:margin-left="9.5cm" fo:margin-bottom="0cm"',
            text='fo:font-size="11pt"',
        ),
        paragraph_style(
            "Date_20_line",
            "Date line",
            paragraph='fo:margin-top="1.2cm" fo:margin-bottom="0.6cm" fo:text-align="end"',
        ),
        paragraph_style("Reference", text=f'fo:font-size="9pt" fo:color="{GREY}"'),
        paragraph_style(
            "Subject",
            paragraph='fo:margin-top="0.6cm" fo:margin-bottom="0.1cm"',
            text='fo:font-weight="bold" fo:font-size="11pt"',
        ),
        paragraph_style("Property", paragraph='fo:margin-bottom="0.7cm"'),
        paragraph_style("Salutation", paragraph='fo:margin-bottom="0.35cm"'),
        paragraph_style(
            "Fact",
            paragraph='fo:margin-left="4.5cm" fo:text-indent="-4.5cm" fo:margin-bottom="0.05cm"',
        ),
        paragraph_style(
            "Fact_20_first",
            "Fact first",
            parent="Fact",
            paragraph='fo:margin-top="0.3cm"',
        ),
        paragraph_style(
            "Fact_20_last",
            "Fact last",
            parent="Fact",
            paragraph='fo:margin-bottom="0.4cm"',
        ),
        paragraph_style(
            "Bullet",
            paragraph='fo:margin-left="1cm" fo:text-indent="-0.4cm" fo:margin-bottom="0.05cm"',
        ),
        paragraph_style(
            "Highlight",
            paragraph='fo:margin-top="0.3cm" fo:margin-bottom="0.4cm" fo:padding="0.2cm" '
            f'fo:background-color="#eef3f8" fo:border-left="3pt solid {BLUE}" '
            'fo:text-align="center"',
            text='fo:font-size="11pt"',
        ),
        paragraph_style(
            "Note",
            paragraph='fo:margin-bottom="0.2cm"',
            text='fo:font-style="italic" fo:color="#a50000"',
        ),
        paragraph_style(
            "Small",
            paragraph='fo:margin-top="0.1cm" fo:margin-bottom="0.3cm" fo:text-align="justify"',
            text=f'fo:font-size="8pt" fo:color="{GREY}"',
        ),
        paragraph_style("Closing", paragraph='fo:margin-top="0.3cm"'),
        paragraph_style(
            "Signature_20_intro",
            "Signature intro",
            paragraph='fo:margin-top="1cm" fo:margin-bottom="0.2cm" fo:text-align="center"',
            text='fo:font-weight="bold"',
        ),
        paragraph_style(
            "Signature",
            paragraph='fo:margin-bottom="2.5cm"',
            extra="<style:tab-stops>"
            '<style:tab-stop style:position="4cm" style:type="center"/>'
            '<style:tab-stop style:position="12cm" style:type="center"/>'
            "</style:tab-stops>",
        ),
        paragraph_style(
            "Notice_20_title",
            "Notice title",
            paragraph='fo:margin-top="0.4cm" fo:margin-bottom="0.1cm" fo:text-align="center"',
            text=f'fo:font-size="22pt" fo:font-weight="bold" fo:color="{BLUE}" '
            'fo:text-transform="uppercase"',
        ),
        paragraph_style(
            "Notice_20_subtitle",
            "Notice subtitle",
            paragraph='fo:margin-bottom="0.8cm" fo:text-align="center"',
            text=f'fo:font-style="italic" fo:color="{GREY}"',
        ),
        STRONG,
    )
)

STYLES_XML = styles_xml(STYLES, page_layout())


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    for name, (title, build) in LETTERS.items():
        path = TARGET / f"{name}.odt"
        write_odt(path, title, build(), STYLES_XML)
        print(path)


if __name__ == "__main__":
    main()
