"""Write the urbanism letters (ODT templates): `python scripts/make_urban_templates.py`.

The letters are kept as code so that a wording change is a reviewable diff and the files
are the same bytes on every run. They use appy POD: statements (`do text if …`,
`do text for … in …`) are comments on the paragraph they act on, expressions are input
fields, as in the meetings' agenda; `view` is the permit's document helper
(communesplone.urban.documents.PermitDocumentHelper).
"""

from pathlib import Path
from xml.sax.saxutils import escape

import zipfile


TARGET = Path(__file__).parents[1] / "src" / "communesplone" / "urban" / "templates"
MIMETYPE = "application/vnd.oasis.opendocument.text"
# A fixed date in the archive keeps the files identical from one run to the next.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
NBSP = "\u00a0"

# Every namespace LibreOffice declares: appy resolves the elements it adds through them.
NAMESPACES = (
    " ".join(
        f'xmlns:{prefix}="{uri}"'
        for prefix, uri in (
            ("office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0"),
            ("style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0"),
            ("text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0"),
            ("table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0"),
            ("draw", "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"),
            ("fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"),
            ("xlink", "http://www.w3.org/1999/xlink"),
            ("dc", "http://purl.org/dc/elements/1.1/"),
            ("meta", "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"),
            ("number", "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"),
            ("svg", "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"),
            ("chart", "urn:oasis:names:tc:opendocument:xmlns:chart:1.0"),
            ("dr3d", "urn:oasis:names:tc:opendocument:xmlns:dr3d:1.0"),
            ("math", "http://www.w3.org/1998/Math/MathML"),
            ("form", "urn:oasis:names:tc:opendocument:xmlns:form:1.0"),
            ("script", "urn:oasis:names:tc:opendocument:xmlns:script:1.0"),
            ("ooo", "http://openoffice.org/2004/office"),
            ("ooow", "http://openoffice.org/2004/writer"),
            ("oooc", "http://openoffice.org/2004/calc"),
            ("dom", "http://www.w3.org/2001/xml-events"),
            ("xforms", "http://www.w3.org/2002/xforms"),
            ("xsd", "http://www.w3.org/2001/XMLSchema"),
            ("xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            ("rpt", "http://openoffice.org/2005/report"),
            ("of", "urn:oasis:names:tc:opendocument:xmlns:of:1.2"),
            ("xhtml", "http://www.w3.org/1999/xhtml"),
            ("grddl", "http://www.w3.org/2003/g/data-view#"),
            ("officeooo", "http://openoffice.org/2009/office"),
            ("tableooo", "http://openoffice.org/2009/table"),
            ("drawooo", "http://openoffice.org/2010/draw"),
            ("calcext", "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"),
            ("loext", "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"),
            ("field", "urn:openoffice:names:experimental:ooo-ms-interop:xmlns:field:1.0"),
            ("formx", "urn:openoffice:names:experimental:ooxml-odf-interop:xmlns:form:1.0"),
            ("css3t", "http://www.w3.org/TR/css3-text/"),
        )
    )
    + ' office:version="1.3"'
)


# Markup


class Raw(str):
    """Markup already written: joined as it is, where plain text is escaped."""


def _join(parts) -> str:
    return "".join(part if isinstance(part, Raw) else escape(part) for part in parts)


def field(expression: str) -> Raw:
    """An appy expression, replaced by its value in the generated letter."""
    text = escape(expression, {"'": "&apos;"})
    return Raw(f'<text:text-input text:description="">{text}</text:text-input>')


def strong(*parts) -> Raw:
    return Raw(f'<text:span text:style-name="Strong_20_Emphasis">{_join(parts)}</text:span>')


TAB = Raw("<text:tab/>")


def _statement(text: str) -> str:
    return (
        '<office:annotation loext:resolved="false"><dc:creator>CommunesPlone</dc:creator>'
        f"<dc:date>0000-00-00T00:00:00</dc:date><text:p>{escape(text)}</text:p>"
        "</office:annotation>"
    )


def p(style: str, *parts, do: str = "") -> str:
    """A paragraph; `do` is the appy statement that repeats it or keeps it on a condition."""
    statement = _statement(do) if do else ""
    return f'<text:p text:style-name="{style}">{statement}{_join(parts)}</text:p>'


# Blocks every letter shares


def letterhead() -> list:
    return [
        p("Letterhead", field("view.letterhead()")),
        p("Letterhead_20_detail", "Service de l'urbanisme"),
        p(
            "Letterhead_20_detail",
            field("view.commune_address()"),
            do="do text if view.commune_address()",
        ),
        p(
            "Letterhead_20_detail",
            field("view.commune_email()"),
            do="do text if view.commune_email()",
        ),
        p("Letterhead_20_rule"),
    ]


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
        *letterhead(),
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
        *letterhead(),
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
        *letterhead(),
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
        *letterhead(),
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


# The parts of the ODT package


def _paragraph_style(name, display="", parent="Standard", paragraph="", text="", extra=""):
    display_attr = f' style:display-name="{display}"' if display else ""
    parent_attr = f' style:parent-style-name="{parent}"' if parent else ""
    inner = ""
    if paragraph or extra:
        inner += f"<style:paragraph-properties {paragraph}>{extra}</style:paragraph-properties>"
    if text:
        inner += f"<style:text-properties {text}/>"
    return (
        f'<style:style style:name="{name}"{display_attr} style:family="paragraph"'
        f'{parent_attr} style:class="text">{inner}</style:style>'
    )


BLUE = "#1f4e79"
GREY = "#595959"
FONT = 'style:font-name="Liberation Sans"'
STYLES = "".join(
    (
        '<style:default-style style:family="paragraph">'
        '<style:paragraph-properties style:writing-mode="page" '
        'style:tab-stop-distance="1.25cm"/>'
        f'<style:text-properties {FONT} fo:font-size="10.5pt" fo:language="fr" '
        'fo:country="BE" fo:hyphenate="false"/></style:default-style>',
        _paragraph_style(
            "Standard", parent="", paragraph='fo:margin-top="0cm" fo:margin-bottom="0cm"'
        ),
        _paragraph_style(
            "Text_20_body",
            "Text body",
            paragraph='fo:margin-top="0.25cm" fo:margin-bottom="0.05cm" fo:line-height="120%" '
            'fo:text-align="justify"',
        ),
        _paragraph_style(
            "Letterhead",
            text=f'fo:font-size="16pt" fo:font-weight="bold" fo:color="{BLUE}" '
            'fo:letter-spacing="0.02cm"',
        ),
        _paragraph_style(
            "Letterhead_20_detail",
            "Letterhead detail",
            text=f'fo:font-size="9pt" fo:color="{GREY}"',
        ),
        _paragraph_style(
            "Letterhead_20_rule",
            "Letterhead rule",
            paragraph=f'fo:margin-bottom="1cm" fo:padding-bottom="0.1cm" '
            f'fo:border-bottom="1pt solid {BLUE}"',
            text='fo:font-size="4pt"',
        ),
        _paragraph_style(
            "Recipient",
            paragraph='fo:margin-left="9.5cm" fo:margin-bottom="0cm"',
            text='fo:font-size="11pt"',
        ),
        _paragraph_style(
            "Date_20_line",
            "Date line",
            paragraph='fo:margin-top="1.2cm" fo:margin-bottom="0.6cm" fo:text-align="end"',
        ),
        _paragraph_style("Reference", text=f'fo:font-size="9pt" fo:color="{GREY}"'),
        _paragraph_style(
            "Subject",
            paragraph='fo:margin-top="0.6cm" fo:margin-bottom="0.1cm"',
            text='fo:font-weight="bold" fo:font-size="11pt"',
        ),
        _paragraph_style("Property", paragraph='fo:margin-bottom="0.7cm"'),
        _paragraph_style("Salutation", paragraph='fo:margin-bottom="0.35cm"'),
        _paragraph_style(
            "Fact",
            paragraph='fo:margin-left="4.5cm" fo:text-indent="-4.5cm" fo:margin-bottom="0.05cm"',
        ),
        _paragraph_style(
            "Fact_20_first",
            "Fact first",
            parent="Fact",
            paragraph='fo:margin-top="0.3cm"',
        ),
        _paragraph_style(
            "Fact_20_last",
            "Fact last",
            parent="Fact",
            paragraph='fo:margin-bottom="0.4cm"',
        ),
        _paragraph_style(
            "Bullet",
            paragraph='fo:margin-left="1cm" fo:text-indent="-0.4cm" fo:margin-bottom="0.05cm"',
        ),
        _paragraph_style(
            "Highlight",
            paragraph='fo:margin-top="0.3cm" fo:margin-bottom="0.4cm" fo:padding="0.2cm" '
            f'fo:background-color="#eef3f8" fo:border-left="3pt solid {BLUE}" '
            'fo:text-align="center"',
            text='fo:font-size="11pt"',
        ),
        _paragraph_style(
            "Note",
            paragraph='fo:margin-bottom="0.2cm"',
            text='fo:font-style="italic" fo:color="#a50000"',
        ),
        _paragraph_style(
            "Small",
            paragraph='fo:margin-top="0.1cm" fo:margin-bottom="0.3cm" fo:text-align="justify"',
            text=f'fo:font-size="8pt" fo:color="{GREY}"',
        ),
        _paragraph_style("Closing", paragraph='fo:margin-top="0.3cm"'),
        _paragraph_style(
            "Signature_20_intro",
            "Signature intro",
            paragraph='fo:margin-top="1cm" fo:margin-bottom="0.2cm" fo:text-align="center"',
            text='fo:font-weight="bold"',
        ),
        _paragraph_style(
            "Signature",
            paragraph='fo:margin-bottom="2.5cm"',
            extra="<style:tab-stops>"
            '<style:tab-stop style:position="4cm" style:type="center"/>'
            '<style:tab-stop style:position="12cm" style:type="center"/>'
            "</style:tab-stops>",
        ),
        _paragraph_style(
            "Notice_20_title",
            "Notice title",
            paragraph='fo:margin-top="0.4cm" fo:margin-bottom="0.1cm" fo:text-align="center"',
            text=f'fo:font-size="22pt" fo:font-weight="bold" fo:color="{BLUE}" '
            'fo:text-transform="uppercase"',
        ),
        _paragraph_style(
            "Notice_20_subtitle",
            "Notice subtitle",
            paragraph='fo:margin-bottom="0.8cm" fo:text-align="center"',
            text=f'fo:font-style="italic" fo:color="{GREY}"',
        ),
        '<style:style style:name="Strong_20_Emphasis" style:display-name="Strong Emphasis" '
        'style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>',
    )
)

STYLES_XML = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f"<office:document-styles {NAMESPACES}>"
    "<office:font-face-decls>"
    '<style:font-face style:name="Liberation Sans" svg:font-family="&apos;Liberation Sans&apos;" '
    'style:font-family-generic="swiss" style:font-pitch="variable"/>'
    "</office:font-face-decls>"
    f"<office:styles>{STYLES}</office:styles>"
    "<office:automatic-styles>"
    '<style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" '
    'fo:page-height="29.7cm" style:print-orientation="portrait" fo:margin-top="1.8cm" '
    'fo:margin-bottom="1.8cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm" '
    'style:writing-mode="lr-tb"/></style:page-layout>'
    "</office:automatic-styles>"
    '<office:master-styles><style:master-page style:name="Standard" '
    'style:page-layout-name="A4"/></office:master-styles>'
    "</office:document-styles>"
)

MANIFEST_XML = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.3">'
    f'<manifest:file-entry manifest:full-path="/" manifest:version="1.3" '
    f'manifest:media-type="{MIMETYPE}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def content_xml(paragraphs: list) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<office:document-content {NAMESPACES}>"
        "<office:automatic-styles/>"
        f"<office:body><office:text>{''.join(paragraphs)}</office:text></office:body>"
        "</office:document-content>"
    )


def meta_xml(title: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<office:document-meta {NAMESPACES}><office:meta>"
        f"<dc:title>{escape(title)}</dc:title><dc:language>fr-BE</dc:language>"
        "</office:meta></office:document-meta>"
    )


def _add(archive: zipfile.ZipFile, name: str, data: str, compress=zipfile.ZIP_DEFLATED):
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = compress
    info.external_attr = 0o644 << 16
    archive.writestr(info, data.encode("utf-8"))


def write_odt(path: Path, title: str, paragraphs: list) -> None:
    """An ODT package: the mimetype first and stored, so it is recognised by its bytes."""
    with zipfile.ZipFile(path, "w") as archive:
        _add(archive, "mimetype", MIMETYPE, zipfile.ZIP_STORED)
        _add(archive, "META-INF/manifest.xml", MANIFEST_XML)
        _add(archive, "meta.xml", meta_xml(title))
        _add(archive, "styles.xml", STYLES_XML)
        _add(archive, "content.xml", content_xml(paragraphs))


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    for name, (title, build) in LETTERS.items():
        path = TARGET / f"{name}.odt"
        write_odt(path, title, build())
        print(path)


if __name__ == "__main__":
    main()
