"""Write the minutes documents (ODT templates): `python scripts/make_meeting_templates.py`.

« Procès-verbal » (the whole meeting: attendance, each item with its texts and votes, huis
clos after the public items, signatories), « Délibération » (one item's decision, with the
meeting's heading and signatories) and « Liste des présences ». Like the PST's reports they
are code, so a wording change is a reviewable diff and the files are the same bytes on every
run; the building blocks are in odf_templates.py. `view` is the meeting's or the item's
document helper (communesplone.meetings.documents); the data are the minutes' dicts
(communesplone.meetings.minutes), one item of them is `item`. The agenda
(ordre-du-jour.odt) is not written here.
"""

from odf_templates import BLUE
from odf_templates import cell
from odf_templates import default_style
from odf_templates import family_style
from odf_templates import field
from odf_templates import GREY
from odf_templates import h
from odf_templates import HEADING_STYLES
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


TARGET = Path(__file__).parents[1] / "src" / "communesplone" / "meetings" / "templates"
RULE = "#9db3c9"


# What the documents share


def heading(title: str) -> list:
    """The assembly, the document's title and the meeting it is about."""
    return [
        p("Letterhead", field("view.minutes()['assembly']")),
        p("Letterhead_20_rule"),
        p("Title", title),
        p("Subtitle", field("view.minutes()['title']")),
    ]


def introduction() -> list:
    return [p("Text_20_body", field("view.introduction()"))]


def attendance() -> list:
    """Present, excused and absent members, as the online minutes list them."""
    return [
        p("Part", "Présences"),
        *(
            p("Fact", strong(f"{label}{NBSP}: "), field(f"view.names('{status}')"))
            for label, status in (
                ("Présents", "present"),
                ("Excusés", "excused"),
                ("Absents", "absent"),
            )
        ),
        p("Fact", field("view.quorum_text()")),
    ]


def item_section(name: str, source: str) -> str:
    """One item: number and title, who was not there for it, motivation, « DÉCIDE : »,
    decision, votes and the item's state."""
    return section(
        name,
        [
            h(2, "Heading_20_2", field("item['number']"), ". ", field("item['title']")),
            p(
                "Item_20_note",
                field("view.changes_text(item)"),
                do="do text if item['attendance_changes']",
            ),
            p(
                "Text_20_body",
                do="do text if item['motivation']\nfrom xhtml(item['motivation'])",
            ),
            p("Decides", strong(f"DÉCIDE{NBSP}:"), do="do text if item['decision']"),
            p(
                "Text_20_body",
                do="do text if item['decision']\nfrom xhtml(item['decision'])",
            ),
            p(
                "Vote",
                field("view.vote_text(vote)"),
                " — ",
                strong(field("vote['result_title']")),
                do="do text for vote in item['votes']",
            ),
            p("Item_20_state", field("item['state_title']"), do="do text if item['state_title']"),
        ],
        do=f"do section for item in {source}",
    )


def closing() -> list:
    """« Ainsi fait en séance, date que dessus. » and who signs, side by side."""
    return [
        p("Conclusion", "Ainsi fait en séance, date que dessus."),
        table(
            "Signatories",
            "Signatories",
            ["Signatory_20_column", "Signatory_20_column"],
            [
                row(
                    cell(
                        p("Signatory", field("signatory['label']")),
                        p("Signatory_20_name", strong(field("signatory['name']"))),
                        do="do cell for signatory in view.signatories()",
                    )
                )
            ],
        ),
    ]


# The documents


def proces_verbal() -> list:
    return [
        *heading("Procès-verbal"),
        *introduction(),
        *attendance(),
        p("Part", "Séance publique", do="do text if view.minutes()['public_items']"),
        item_section("Public", "view.minutes()['public_items']"),
        p("Part", "Huis clos", do="do text if view.minutes()['secret_items']"),
        item_section("Secret", "view.minutes()['secret_items']"),
        *closing(),
    ]


def deliberation() -> list:
    return [
        *heading("Délibération"),
        *introduction(),
        *attendance(),
        p("Part", "Huis clos", do="do text if view.is_secret()"),
        item_section("Item", "view.minutes()['public_items']"),
        *closing(),
    ]


def liste_presences() -> list:
    return [
        *heading("Liste des présences"),
        *introduction(),
        section(
            "Status",
            [
                p("Part", field("group['title']"), " (", field("len(group['names'])"), ")"),
                p("Name", field("name"), do="do text for name in group['names']"),
                p("Name", "—", do="do text if not group['names']"),
            ],
            do="do section for group in view.attendance_groups()",
        ),
        p("Conclusion", field("view.quorum_text()")),
    ]


# Styles


STYLES = "".join(
    (
        default_style("10.5pt"),
        STANDARD,
        STRONG,
        paragraph_style(
            "Text_20_body",
            "Text body",
            paragraph='fo:margin-top="0.1cm" fo:margin-bottom="0.1cm" fo:line-height="115%" '
            'fo:text-align="justify"',
        ),
        *HEADING_STYLES,
        paragraph_style(
            "Part",
            paragraph=f'fo:margin-top="0.6cm" fo:margin-bottom="0.25cm" fo:padding-bottom="0.05cm" '
            f'fo:border-bottom="0.5pt solid {RULE}" fo:keep-with-next="always"',
            text=f'fo:font-size="14pt" fo:font-weight="bold" fo:color="{BLUE}"',
        ),
        paragraph_style("Fact", paragraph='fo:margin-bottom="0.1cm"'),
        paragraph_style(
            "Heading",
            parent="Standard",
            paragraph='fo:margin-top="0.5cm" fo:margin-bottom="0.15cm" fo:keep-with-next="always"',
            text=f'fo:font-weight="bold" fo:color="{BLUE}"',
        ),
        paragraph_style("Heading_20_2", "Heading 2", parent="Heading", text='fo:font-size="12pt"'),
        paragraph_style(
            "Item_20_note",
            "Item note",
            paragraph='fo:margin-bottom="0.1cm"',
            text=f'fo:font-size="9pt" fo:color="{GREY}"',
        ),
        paragraph_style(
            "Decides",
            paragraph='fo:margin-top="0.2cm" fo:margin-bottom="0.1cm" fo:keep-with-next="always"',
        ),
        paragraph_style("Vote", paragraph='fo:margin-top="0.1cm"'),
        paragraph_style(
            "Item_20_state",
            "Item state",
            paragraph='fo:margin-top="0.1cm"',
            text='fo:font-style="italic"',
        ),
        paragraph_style("Name", paragraph='fo:margin-left="0.5cm" fo:margin-bottom="0.05cm"'),
        paragraph_style(
            "Conclusion",
            paragraph='fo:margin-top="0.8cm" fo:margin-bottom="0.4cm" fo:keep-with-next="always"',
        ),
        paragraph_style("Signatory", paragraph='fo:text-align="center"'),
        paragraph_style(
            "Signatory_20_name",
            "Signatory name",
            paragraph='fo:margin-top="1.5cm" fo:text-align="center"',
        ),
    )
)
STYLES_XML = styles_xml(STYLES, page_layout())
AUTOMATIC = "".join(
    (
        family_style("Signatories", "table", 'style:width="16cm" table:align="center"'),
        family_style("Signatory_20_column", "table-column", 'style:column-width="8cm"'),
    )
)

DOCUMENTS = {
    "proces-verbal.odt": ("Procès-verbal", proces_verbal),
    "deliberation.odt": ("Délibération", deliberation),
    "liste-presences.odt": ("Liste des présences", liste_presences),
}


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    for name, (title, build) in DOCUMENTS.items():
        path = TARGET / name
        write_odt(path, title, build(), STYLES_XML, AUTOMATIC)
        print(path)


if __name__ == "__main__":
    main()
