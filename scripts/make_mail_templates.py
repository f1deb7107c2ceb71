"""Write the mail module's letter (ODT template): `python scripts/make_mail_templates.py`.

« Lettre », on an outgoing mail: the commune's letterhead, the recipient's name and address
where a window envelope shows them, the place and date, our reference and its Code 128
barcode, the incoming mail it answers, « Concerne : … », the salutations and who signs.
The agent writes the body in the generated document. Like the minutes, the letter is code:
a wording change is a reviewable diff and the file is the same bytes on every run; the
building blocks are in odf_templates.py. `view` is the letter's helper
(communesplone.mail.documents.LetterDocumentHelper).
"""

from odf_templates import BLUE
from odf_templates import cell
from odf_templates import default_style
from odf_templates import family_style
from odf_templates import field
from odf_templates import GREY
from odf_templates import HEADING_STYLES
from odf_templates import letterhead
from odf_templates import NBSP
from odf_templates import p
from odf_templates import page_layout
from odf_templates import paragraph_style
from odf_templates import row
from odf_templates import section
from odf_templates import STANDARD
from odf_templates import STRONG
from odf_templates import strong
from odf_templates import styles_xml
from odf_templates import table
from odf_templates import write_odt
from pathlib import Path


TARGET = Path(__file__).parents[1] / "src" / "communesplone" / "mail" / "templates"
# The barcode's size on the page (cm): its proportions are the drawing's.
BARCODE = "size=(5.6, 1.0), wrapInPara='Barcode'"


def recipient_block() -> str:
    """Each recipient's name and address lines, where the envelope's window is."""
    return section(
        "Recipients",
        [
            p("Recipient_20_name", field("recipient['name']")),
            p("Recipient", field("line"), do="do text for line in recipient['lines']"),
        ],
        do="do section for recipient in view.recipients()",
    )


def references() -> list:
    return [
        p("Place_20_date", field("view.place_and_date()")),
        p("Reference", strong(f"Notre référence{NBSP}: "), field("view.reference()")),
        p(
            "Barcode",
            do=f"do text if view.reference()\nfrom document(content=view.barcode_svg(), "
            f"format='svg', {BARCODE})",
        ),
        p("Reference", field("text"), do="do text for text in view.answered_letters()"),
        p("Subject", strong(f"Concerne{NBSP}: "), field("view.subject()")),
    ]


def body() -> list:
    return [
        p("Text_20_body", "Madame, Monsieur,"),
        p("Text_20_body"),
        p(
            "Text_20_body",
            "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations "
            "distinguées.",
        ),
    ]


def signatories() -> list:
    return [
        p("Conclusion", f"Par le Collège{NBSP}:"),
        table(
            "Signatories",
            "Signatories",
            ["Signatory_20_column", "Signatory_20_column"],
            [
                row(
                    cell(p("Signatory", "Le Directeur général,")),
                    cell(p("Signatory", "Le Bourgmestre,")),
                )
            ],
        ),
    ]


def lettre() -> list:
    return [
        *letterhead(["Administration communale de ", field("view.commune_name()")]),
        recipient_block(),
        *references(),
        *body(),
        *signatories(),
    ]


STYLES = "".join(
    (
        default_style("11pt"),
        STANDARD,
        STRONG,
        *HEADING_STYLES,
        paragraph_style(
            "Letterhead_20_detail",
            "Letterhead detail",
            text=f'fo:font-size="9pt" fo:color="{GREY}"',
        ),
        paragraph_style(
            "Recipient_20_name",
            "Recipient name",
            paragraph='fo:margin-left="9cm" fo:margin-top="0.4cm"',
            text='fo:font-weight="bold"',
        ),
        paragraph_style("Recipient", paragraph='fo:margin-left="9cm"'),
        paragraph_style(
            "Place_20_date",
            "Place date",
            paragraph='fo:margin-top="1.5cm" fo:margin-bottom="0.6cm" fo:text-align="end"',
        ),
        paragraph_style("Reference", paragraph='fo:margin-bottom="0.1cm"'),
        paragraph_style("Barcode", paragraph='fo:margin-bottom="0.2cm"'),
        paragraph_style(
            "Subject",
            paragraph='fo:margin-top="0.4cm" fo:margin-bottom="0.8cm"',
            text=f'fo:color="{BLUE}"',
        ),
        paragraph_style(
            "Text_20_body",
            "Text body",
            paragraph='fo:margin-bottom="0.3cm" fo:line-height="115%" fo:text-align="justify"',
        ),
        paragraph_style(
            "Conclusion",
            paragraph='fo:margin-top="0.8cm" fo:margin-bottom="0.3cm" fo:keep-with-next="always"',
        ),
        paragraph_style("Signatory", paragraph='fo:text-align="center"'),
    )
)
STYLES_XML = styles_xml(STYLES, page_layout())
AUTOMATIC = "".join(
    (
        family_style("Signatories", "table", 'style:width="16cm" table:align="center"'),
        family_style("Signatory_20_column", "table-column", 'style:column-width="8cm"'),
    )
)


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    path = TARGET / "lettre.odt"
    write_odt(path, "Lettre", lettre(), STYLES_XML, AUTOMATIC)
    print(path)


if __name__ == "__main__":
    main()
