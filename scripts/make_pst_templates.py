"""Write the PST's reports (ODT and ODS templates): `python scripts/make_pst_templates.py`.

« PST détaillé » (every objective and action with its facts), « Tableau de suivi » (a
spreadsheet, one line per node), « État d'avancement » (key figures, tables and charts)
and « Évaluation du PST » (an evaluation's texts, its figures and what moved). Like the
urbanism letters they are code, so a wording change is a reviewable diff and the files are
the same bytes on every run; the building blocks are in odf_templates.py.
`view` is the PST's document helper (communesplone.pst.documents.PSTDocumentHelper); a
node of the tree is `node`, one of its facts `label, text`.
"""

from odf_templates import BLUE
from odf_templates import cell
from odf_templates import default_style
from odf_templates import empty_cell
from odf_templates import expression_cell
from odf_templates import family_style
from odf_templates import field
from odf_templates import FONT
from odf_templates import GREY
from odf_templates import h
from odf_templates import HEADING_STYLES
from odf_templates import NBSP
from odf_templates import p
from odf_templates import page_layout
from odf_templates import paragraph_style
from odf_templates import row
from odf_templates import section
from odf_templates import sheet
from odf_templates import STANDARD
from odf_templates import STRONG
from odf_templates import strong
from odf_templates import styles_xml
from odf_templates import TAB
from odf_templates import table
from odf_templates import text_cell
from odf_templates import write_ods
from odf_templates import write_odt
from pathlib import Path


TARGET = Path(__file__).parents[1] / "src" / "communesplone" / "pst" / "templates"
LIGHT = "#eef3f8"
RULE = "#9db3c9"
# The charts are 720 × 320 pixels: the width of the text (17 cm), in their proportions.
CHART = "size=(17.0, 7.56), wrapInPara='Chart'"


def chart(method: str, condition: str) -> str:
    """A paragraph replaced by one of the helper's SVG charts, when `condition` holds."""
    return p(
        "Chart",
        do=f"do text if {condition}\n"
        f"from document(content={method}.encode('utf-8'), format='svg', {CHART})",
    )


# What both text reports share


def heading(title: str) -> list:
    """Letterhead, title and what the report is about (the plan or one objective)."""
    return [
        p("Letterhead", field("view.letterhead()")),
        p("Letterhead_20_rule"),
        p("Title", title),
        p("Subtitle", field("view.scope_title()")),
    ]


def fact(label: str, expression: str, first=False) -> str:
    return p(
        "Fact_20_first" if first else "Fact",
        strong(label),
        TAB,
        field(expression),
        do=f"do text if {expression}",
    )


def plan_facts() -> list:
    return [
        p(
            "Fact_20_first",
            strong("Programme"),
            TAB,
            field("view.plan_title()"),
            do="do text if not view.is_plan()",
        ),
        fact("Législature", "view.legislature()"),
        fact("Entité", "view.entity()"),
        fact("Adoption par le Collège", "view.college_adoption()"),
        fact("Prise d'acte par le Conseil", "view.council_acknowledgement()"),
        p("Fact", strong("Situation au"), TAB, field("view.today()")),
    ]


def key_figures() -> list:
    return [
        p("Part", "Chiffres clés"),
        fact("Avancement", "view.progress()", first=True),
        p("Fact", strong("Budget prévu"), TAB, field("view.budget_planned()")),
        p("Fact", strong("Budget dépensé"), TAB, field("view.budget_spent()")),
        fact("Taux de dépense", "view.spent_rate()"),
        p("Fact", strong("Contenu"), TAB, field("view.count_text()")),
    ]


def td(style: str, *parts, do: str = "") -> str:
    """A cell of a text report's table: one paragraph of this style."""
    return cell(p(style, *parts), style="Cell", do=do)


def header_cells(*titles, numbers=0, do_first="") -> list:
    """The heading row, its last `numbers` titles over amounts (on the right); `do_first`
    (« do table if … ») goes in its first cell."""
    first_number = len(titles) - numbers
    return [
        cell(
            p("Table_20_Heading_20_number" if i >= first_number else "Table_20_Heading", title),
            style="Cell_20_heading",
            do=do_first if i == 0 else "",
        )
        for i, title in enumerate(titles)
    ]


def amounts_table(name: str, label: str, expression: str) -> str:
    """Planned and spent by year or by funding source."""
    return table(
        name,
        "Table_20_narrow",
        ["Column_20_label", "Column_20_amount", "Column_20_amount"],
        [
            row(
                *header_cells(
                    label, "Prévu", "Dépensé", numbers=2, do_first=f"do table if {expression}"
                )
            ),
            row(
                td(
                    "Table_20_Contents",
                    field("amounts.label"),
                    do=f"do row for amounts in {expression}",
                ),
                td("Table_20_Number", field("amounts.planned")),
                td("Table_20_Number", field("amounts.spent")),
            ),
            row(
                td("Table_20_Total", "Total"),
                td("Table_20_Total_20_number", field("view.budget_planned()")),
                td("Table_20_Total_20_number", field("view.budget_spent()")),
            ),
        ],
        header=1,
    )


# « PST détaillé »


def node_section() -> str:
    """One objective or action: its level, its title (a heading of its depth), its facts."""
    headings = [
        h(
            depth,
            f"Heading_20_{depth}",
            field("node.reference"),
            f"{NBSP}– ",
            field("node.title"),
            do=f"do title if node.depth == {depth}",
        )
        for depth in (1, 2, 3, 4)
    ]
    return section(
        "Node",
        [
            p("Node_20_level", field("node.level")),
            *headings,
            p("Node_20_description", field("node.description"), do="do text if node.description"),
            p(
                "Node_20_fact",
                strong(field("label")),
                TAB,
                field("text"),
                do="do text for label, text in node.facts",
            ),
            p("Node_20_fact", strong("Indicateurs"), do="do text if node.indicators"),
            p(
                "Bullet",
                f"–{NBSP}",
                field("line"),
                do="do text for line in node.indicators",
            ),
            p(
                "Node_20_fact",
                strong(f"Observations{NBSP}: "),
                field("node.observations"),
                do="do text if node.observations",
            ),
        ],
        do="do section for node in view.rows()",
    )


def detailed() -> list:
    return [
        *heading("Programme stratégique transversal"),
        *plan_facts(),
        p(
            "Text_20_body",
            field("view.plan_description()"),
            do="do text if view.is_plan() and view.plan_description()",
        ),
        *key_figures(),
        p("Part", "Objectifs et actions"),
        p(
            "Text_20_body",
            "Aucun objectif ni aucune action que vous puissiez consulter.",
            do="do text if not view.has_rows()",
        ),
        node_section(),
    ]


# « État d'avancement »


def children_table() -> str:
    return table(
        "Children",
        "Table_20_wide",
        [
            "Column_20_reference",
            "Column_20_title",
            "Column_20_progress",
            "Column_20_health",
            "Column_20_amount",
            "Column_20_amount",
        ],
        [
            row(
                *header_cells(
                    "Réf.",
                    "Intitulé",
                    "Avancement",
                    "Santé",
                    "Prévu",
                    "Dépensé",
                    numbers=2,
                    do_first="do table if view.children_rows()",
                )
            ),
            row(
                td(
                    "Table_20_Contents",
                    field("node.reference"),
                    do="do row for node in view.children_rows()",
                ),
                td("Table_20_Contents", field("node.title")),
                td("Table_20_Contents", field("node.progress")),
                td("Table_20_Contents", field("node.health")),
                td("Table_20_Number", field("node.planned")),
                td("Table_20_Number", field("node.spent")),
            ),
        ],
        header=1,
    )


def counts_table(name: str, label: str, expression: str) -> str:
    return table(
        name,
        "Table_20_counts",
        ["Column_20_label", "Column_20_amount"],
        [
            row(*header_cells(label, "Actions", numbers=1, do_first=f"do table if {expression}")),
            row(
                td(
                    "Table_20_Contents",
                    field("title"),
                    do=f"do row for title, count in {expression}",
                ),
                td("Table_20_Number", field("count")),
            ),
        ],
        header=1,
    )


def actions_table(name: str, titles: tuple, expressions: tuple, source: str) -> str:
    """A list of actions: reference, title and two facts the list is about."""
    return table(
        name,
        "Table_20_wide",
        ["Column_20_reference", "Column_20_title", "Column_20_fact", "Column_20_comment"],
        [
            row(*header_cells(*titles, do_first=f"do table if {source}")),
            row(
                td("Table_20_Contents", field(expressions[0]), do=f"do row for node in {source}"),
                *(td("Table_20_Contents", field(expression)) for expression in expressions[1:]),
            ),
        ],
        header=1,
    )


def progress_state() -> list:
    return [
        *heading("État d'avancement"),
        *plan_facts(),
        *key_figures(),
        p("Part", field("view.children_title()"), do="do text if view.children_rows()"),
        chart("view.progress_chart()", "view.children_rows()"),
        children_table(),
        p("Part", "Budget"),
        chart("view.budget_chart()", "view.has_budget()"),
        amounts_table("Years", "Année", "view.budget_years()"),
        p("Table_20_gap"),
        amounts_table("Sources", "Source de financement", "view.budget_sources()"),
        p(
            "Text_20_body",
            "Aucune ligne budgétaire n'est encodée.",
            do="do text if not view.has_budget()",
        ),
        p("Part", "Les actions"),
        p(
            "Text_20_body",
            "Aucune action que vous puissiez consulter.",
            do="do text if not view.has_actions()",
        ),
        chart("view.health_chart()", "view.has_actions()"),
        counts_table("States", "État", "view.action_states()"),
        p("Table_20_gap"),
        counts_table("Health", "Santé", "view.health_counts()"),
        p(
            "Section_20_title",
            "Actions bloquées ou à risque",
            do="do text if view.attention_actions()",
        ),
        actions_table(
            "Attention",
            ("Réf.", "Intitulé", "Santé", "Commentaire"),
            ("node.reference", "node.title", "node.health", "node.health_comment"),
            "view.attention_actions()",
        ),
        p("Section_20_title", "Actions en retard", do="do text if view.late_actions()"),
        actions_table(
            "Late",
            ("Réf.", "Intitulé", "Fin prévue", "Agent en charge"),
            ("node.reference", "node.title", "node.planned_end", "node.agent"),
            "view.late_actions()",
        ),
    ]


# « Évaluation du PST »


def evaluation() -> list:
    """The evaluation's texts, its figures as they were, and what moved since the other."""
    return [
        *heading("Évaluation du programme stratégique transversal"),
        p("Fact_20_first", strong("Évaluation"), TAB, field("view.evaluation_title()")),
        fact("Type", "view.evaluation_type()"),
        fact("Situation au", "view.taken_on()"),
        fact("Législature", "view.legislature()"),
        fact("Entité", "view.entity()"),
        fact("Adoption par le Collège", "view.college_adoption()"),
        p("Part", "Chiffres clés"),
        fact("Avancement du programme", "view.progress()", first=True),
        p("Fact", strong("Budget prévu"), TAB, field("view.budget_planned()")),
        p("Fact", strong("Budget dépensé"), TAB, field("view.budget_spent()")),
        p("Part", "Analyse"),
        p("Text_20_body", field("paragraph"), do="do text for paragraph in view.narrative()"),
        p("Text_20_body", "Pas d'analyse rédigée.", do="do text if not view.narrative()"),
        p("Part", "Synergies commune–CPAS"),
        p("Text_20_body", field("paragraph"), do="do text for paragraph in view.synergies()"),
        p(
            "Text_20_body",
            "Pas de synergies décrites.",
            do="do text if not view.synergies()",
        ),
        p("Part", "Évolution", do="do text if view.has_comparison()"),
        p(
            "Section_20_title",
            field("view.comparison_title()"),
            do="do text if view.has_comparison()",
        ),
        p(
            "Text_20_body",
            field("view.comparison_summary()"),
            do="do text if view.has_comparison()",
        ),
        table(
            "Changes",
            "Table_20_wide",
            [
                "Column_20_reference",
                "Column_20_change_title",
                "Column_20_health",
                "Column_20_change",
                "Column_20_change",
                "Column_20_change",
            ],
            [
                row(
                    *header_cells(
                        "Réf.",
                        "Intitulé",
                        "",
                        "Avancement",
                        "Santé",
                        "État",
                        do_first="do table if view.change_rows()",
                    )
                ),
                row(
                    td(
                        "Table_20_Contents",
                        field("change.reference"),
                        do="do row for change in view.change_rows()",
                    ),
                    td("Table_20_Contents", field("change.title")),
                    td("Table_20_Contents", field("change.status")),
                    td("Table_20_Contents", field("change.progress")),
                    td("Table_20_Contents", field("change.health")),
                    td("Table_20_Contents", field("change.state")),
                ),
            ],
            header=1,
        ),
        p("Part", "Situation de chaque élément"),
        table(
            "Figures",
            "Table_20_wide",
            [
                "Column_20_reference",
                "Column_20_title",
                "Column_20_health",
                "Column_20_health",
                "Column_20_health",
                "Column_20_amount",
                "Column_20_amount",
            ],
            [
                row(
                    *header_cells(
                        "Réf.",
                        "Intitulé",
                        "État",
                        "Santé",
                        "Avancement",
                        "Prévu",
                        "Dépensé",
                        numbers=2,
                        do_first="do table if view.figure_rows()",
                    )
                ),
                row(
                    td(
                        "Table_20_Contents",
                        field("node.reference"),
                        do="do row for node in view.figure_rows()",
                    ),
                    td("Table_20_Contents", field("node.title")),
                    td("Table_20_Contents", field("node.state")),
                    td("Table_20_Contents", field("node.health")),
                    td("Table_20_Contents", field("node.progress")),
                    td("Table_20_Number", field("node.planned")),
                    td("Table_20_Number", field("node.spent")),
                ),
            ],
            header=1,
        ),
    ]


# The text reports' styles


def _table_style(name: str, width: str) -> str:
    return family_style(
        name,
        "table",
        f'style:width="{width}" table:align="left" fo:margin-top="0.15cm" '
        'fo:margin-bottom="0.15cm"',
    )


def _column(name: str, width: str) -> str:
    return family_style(name, "table-column", f'style:column-width="{width}"')


TEXT_STYLES = "".join(
    (
        default_style("10pt"),
        STANDARD,
        paragraph_style(
            "Text_20_body",
            "Text body",
            paragraph='fo:margin-top="0.15cm" fo:margin-bottom="0.1cm" fo:line-height="115%" '
            'fo:text-align="justify"',
        ),
        *HEADING_STYLES,
        paragraph_style(
            "Fact",
            paragraph='fo:margin-left="5cm" fo:text-indent="-5cm" fo:margin-bottom="0.05cm"',
            extra='<style:tab-stops><style:tab-stop style:position="0cm"/></style:tab-stops>',
        ),
        paragraph_style(
            "Fact_20_first", "Fact first", parent="Fact", paragraph='fo:margin-top="0.3cm"'
        ),
        paragraph_style(
            "Part",
            paragraph=f'fo:margin-top="0.7cm" fo:margin-bottom="0.25cm" fo:padding-bottom="0.05cm" '
            f'fo:border-bottom="0.5pt solid {RULE}" fo:keep-with-next="always"',
            text=f'fo:font-size="15pt" fo:font-weight="bold" fo:color="{BLUE}"',
        ),
        paragraph_style(
            "Section_20_title",
            "Section title",
            paragraph='fo:margin-top="0.4cm" fo:margin-bottom="0.1cm" fo:keep-with-next="always"',
            text=f'fo:font-size="11pt" fo:font-weight="bold" fo:color="{BLUE}"',
        ),
        paragraph_style(
            "Node_20_level",
            "Node level",
            paragraph='fo:margin-top="0.45cm" fo:keep-with-next="always"',
            text=f'fo:font-size="8pt" fo:color="{GREY}" fo:text-transform="uppercase" '
            'fo:letter-spacing="0.03cm"',
        ),
        paragraph_style(
            "Heading",
            parent="Standard",
            paragraph='fo:margin-top="0.05cm" fo:margin-bottom="0.15cm" fo:keep-with-next="always"',
            text=f'fo:font-weight="bold" fo:color="{BLUE}"',
        ),
        paragraph_style(
            "Heading_20_1",
            "Heading 1",
            parent="Heading",
            paragraph=f'fo:padding="0.12cm" fo:background-color="{LIGHT}" '
            f'fo:border-left="3pt solid {BLUE}"',
            text='fo:font-size="15pt"',
        ),
        paragraph_style("Heading_20_2", "Heading 2", parent="Heading", text='fo:font-size="13pt"'),
        paragraph_style(
            "Heading_20_3",
            "Heading 3",
            parent="Heading",
            text='fo:font-size="11.5pt" fo:color="#000000"',
        ),
        paragraph_style(
            "Heading_20_4",
            "Heading 4",
            parent="Heading",
            text='fo:font-size="10.5pt" fo:font-style="italic" fo:color="#000000"',
        ),
        paragraph_style(
            "Node_20_description",
            "Node description",
            paragraph='fo:margin-bottom="0.15cm" fo:text-align="justify"',
            text='fo:font-style="italic"',
        ),
        paragraph_style(
            "Node_20_fact",
            "Node fact",
            paragraph='fo:margin-left="4.5cm" fo:text-indent="-4.5cm" fo:margin-bottom="0.04cm"',
            extra='<style:tab-stops><style:tab-stop style:position="0cm"/></style:tab-stops>',
            text='fo:font-size="9.5pt"',
        ),
        paragraph_style(
            "Bullet",
            paragraph='fo:margin-left="4.85cm" fo:text-indent="-0.35cm" fo:margin-bottom="0.04cm"',
            text='fo:font-size="9.5pt"',
        ),
        paragraph_style(
            "Chart",
            paragraph='fo:margin-top="0.2cm" fo:margin-bottom="0.2cm" fo:text-align="center"',
        ),
        paragraph_style("Table_20_gap", "Table gap", text='fo:font-size="6pt"'),
        paragraph_style("Table_20_Contents", "Table Contents", text='fo:font-size="9pt"'),
        paragraph_style(
            "Table_20_Number",
            "Table Number",
            parent="Table_20_Contents",
            paragraph='fo:text-align="end"',
        ),
        paragraph_style(
            "Table_20_Heading",
            "Table Heading",
            parent="Table_20_Contents",
            text='fo:font-weight="bold" fo:color="#ffffff"',
        ),
        paragraph_style(
            "Table_20_Heading_20_number",
            "Table Heading number",
            parent="Table_20_Heading",
            paragraph='fo:text-align="end"',
        ),
        paragraph_style(
            "Table_20_Total",
            "Table Total",
            parent="Table_20_Contents",
            text='fo:font-weight="bold"',
        ),
        paragraph_style(
            "Table_20_Total_20_number",
            "Table Total number",
            parent="Table_20_Number",
            text='fo:font-weight="bold"',
        ),
        paragraph_style(
            "Footer",
            paragraph='fo:text-align="center"',
            text=f'fo:font-size="8pt" fo:color="{GREY}"',
        ),
        STRONG,
    )
)
TEXT_STYLES_XML = styles_xml(
    TEXT_STYLES,
    page_layout(margins=("1.5cm", "2cm"), footer="0.6cm"),
    master='<style:footer><text:p text:style-name="Footer">Programme stratégique transversal'
    ' – page <text:page-number text:select-page="current"/></text:p></style:footer>',
)
CELL = f'fo:padding="0.08cm" fo:border-bottom="0.5pt solid {RULE}"'
TEXT_AUTOMATIC = "".join(
    (
        _table_style("Table_20_wide", "17cm"),
        _table_style("Table_20_narrow", "11cm"),
        _table_style("Table_20_counts", "8.6cm"),
        _column("Column_20_reference", "1.8cm"),
        _column("Column_20_title", "6.4cm"),
        _column("Column_20_progress", "2.2cm"),
        _column("Column_20_health", "1.8cm"),
        _column("Column_20_amount", "2.4cm"),
        _column("Column_20_label", "6.2cm"),
        _column("Column_20_fact", "3cm"),
        _column("Column_20_comment", "6cm"),
        _column("Column_20_change_title", "5.2cm"),
        _column("Column_20_change", "2.8cm"),
        family_style("Cell", "table-cell", CELL),
        family_style(
            "Cell_20_heading", "table-cell", f'fo:padding="0.08cm" fo:background-color="{BLUE}"'
        ),
    )
)


# « Tableau de suivi » (ODS)


SHEET_COLUMNS = (
    # (header, expression, width, cell style)
    ("Référence", "node.reference", "2.2cm", "Text"),
    ("Niveau", "node.level", "3.8cm", "Text"),
    ("Intitulé", "node.title", "8cm", "Wrapped"),
    ("État", "node.state", "2.6cm", "Text"),
    ("Santé", "node.health", "2.2cm", "Text"),
    ("Avancement (%)", "node.progress_value", "2.4cm", "Percent"),
    ("Avancement fixé : justification", "node.override_reason", "5cm", "Wrapped"),
    ("Mandataire responsable", "node.alderman", "4cm", "Text"),
    ("Services gestionnaires", "node.services", "4cm", "Wrapped"),
    ("Agent en charge", "node.agent", "3.5cm", "Text"),
    ("Début prévu", "node.planned_start", "2.4cm", "Text"),
    ("Fin prévue", "node.planned_end", "2.4cm", "Text"),
    ("Début effectif", "node.effective_start", "2.4cm", "Text"),
    ("Fin effective", "node.effective_end", "2.4cm", "Text"),
    ("Échéance", "node.late", "2.4cm", "Text"),
    ("Budget prévu (€)", "node.planned_amount", "3cm", "Euros"),
    ("Dépensé (€)", "node.spent_amount", "3cm", "Euros"),
    ("Indicateurs", "node.indicators_text", "8cm", "Wrapped"),
)


def follow_up_sheet() -> str:
    count = len(SHEET_COLUMNS)
    planned = next(
        i for i, column in enumerate(SHEET_COLUMNS) if column[1] == "node.planned_amount"
    )
    cells = []
    for index, (_header, expression, _width, style) in enumerate(SHEET_COLUMNS):
        do = "do row for node in view.rows()" if index == 0 else ""
        cells.append(expression_cell(expression, style, do=do))
    totals = [
        text_cell("Total", "Total"),
        *(empty_cell("Total") for _ in range(planned - 1)),
        expression_cell("view.planned_amount()", "Total_20_euros"),
        expression_cell("view.spent_amount()", "Total_20_euros"),
        *(empty_cell("Total") for _ in range(count - planned - 2)),
    ]
    return sheet(
        "Suivi",
        [f"Column_{index}" for index in range(count)],
        [
            row(expression_cell("'Tableau de suivi – ' + view.scope_title()", "Title")),
            row(
                expression_cell("view.letterhead() + ' – situation au ' + view.today()", "Subtitle")
            ),
            row(empty_cell()),
            row(*(text_cell(header, "Heading") for header, *_rest in SHEET_COLUMNS)),
            row(*cells),
            row(*totals),
        ],
        "Sheet",
    )


def budget_sheet() -> str:
    def block(label: str, expression: str) -> list:
        return [
            row(
                text_cell(label, "Heading"),
                text_cell("Prévu (€)", "Heading"),
                text_cell("Dépensé (€)", "Heading"),
            ),
            row(
                expression_cell("amounts.label", "Text", do=f"do row for amounts in {expression}"),
                expression_cell("amounts.planned_amount", "Euros"),
                expression_cell("amounts.spent_amount", "Euros"),
            ),
            row(
                text_cell("Total", "Total"),
                expression_cell("view.planned_amount()", "Total_20_euros"),
                expression_cell("view.spent_amount()", "Total_20_euros"),
            ),
        ]

    return sheet(
        "Budget",
        ["Column_budget_label", "Column_budget_amount", "Column_budget_amount"],
        [
            row(expression_cell("'Budget – ' + view.scope_title()", "Title")),
            row(empty_cell()),
            *block("Année", "view.budget_years()"),
            row(empty_cell()),
            *block("Source de financement", "view.budget_sources()"),
        ],
        "Sheet",
    )


def _cell_style(name: str, cell_properties: str = "", text: str = "", data: str = "") -> str:
    data_attr = f' style:data-style-name="{data}"' if data else ""
    inner = f"<style:table-cell-properties {cell_properties}/>" if cell_properties else ""
    if text:
        inner += f"<style:text-properties {text}/>"
    return (
        f'<style:style style:name="{name}" style:family="table-cell" '
        f'style:parent-style-name="Default"{data_attr}>{inner}</style:style>'
    )


SHEET_STYLES_XML = styles_xml(
    # Amounts as a Belgian reads them (3 000,00), whatever the reader's language.
    '<number:number-style style:name="Euros_20_format" number:language="fr" number:country="BE">'
    '<number:number number:decimal-places="2" number:min-decimal-places="2" '
    'number:min-integer-digits="1" number:grouping="true"/></number:number-style>'
    '<number:number-style style:name="Integer_20_format">'
    '<number:number number:decimal-places="0" number:min-integer-digits="1"/>'
    "</number:number-style>"
    '<style:default-style style:family="table-cell">'
    '<style:table-cell-properties style:vertical-align="top"/>'
    f'<style:text-properties {FONT} fo:font-size="10pt" fo:language="fr" fo:country="BE"/>'
    "</style:default-style>"
    '<style:style style:name="Default" style:family="table-cell"/>',
    page_layout("29.7cm", "21cm", "landscape", ("1.2cm", "1.2cm"), footer="0.5cm"),
    # A page without a header and with an empty footer prints blank once LibreOffice
    # saved it: the footer says which page of the table it is.
    master='<style:header style:display="false"/><style:footer><text:p>Tableau de suivi – '
    'page <text:page-number text:select-page="current">1</text:page-number></text:p>'
    "</style:footer>",
)
SHEET_AUTOMATIC = "".join(
    (
        # The sheets print on the landscape page of styles.xml.
        '<style:style style:name="Sheet" style:family="table" style:master-page-name="Standard">'
        '<style:table-properties table:display="true" style:writing-mode="lr-tb"/></style:style>',
        *(
            family_style(
                f"Column_{index}",
                "table-column",
                f'fo:break-before="auto" style:column-width="{width}"',
            )
            for index, (_header, _expression, width, _style) in enumerate(SHEET_COLUMNS)
        ),
        family_style(
            "Column_budget_label", "table-column", 'fo:break-before="auto" style:column-width="6cm"'
        ),
        family_style(
            "Column_budget_amount",
            "table-column",
            'fo:break-before="auto" style:column-width="3.5cm"',
        ),
        _cell_style("Title", text=f'fo:font-size="14pt" fo:font-weight="bold" fo:color="{BLUE}"'),
        _cell_style("Subtitle", text=f'fo:color="{GREY}"'),
        _cell_style(
            "Heading",
            f'fo:background-color="{BLUE}" fo:wrap-option="wrap" fo:padding="0.05cm"',
            'fo:font-weight="bold" fo:color="#ffffff"',
        ),
        _cell_style("Text", f'fo:border-bottom="0.5pt solid {RULE}"'),
        _cell_style("Wrapped", f'fo:wrap-option="wrap" fo:border-bottom="0.5pt solid {RULE}"'),
        _cell_style("Percent", f'fo:border-bottom="0.5pt solid {RULE}"', data="Integer_20_format"),
        _cell_style("Euros", f'fo:border-bottom="0.5pt solid {RULE}"', data="Euros_20_format"),
        _cell_style("Total", f'fo:background-color="{LIGHT}"', 'fo:font-weight="bold"'),
        _cell_style(
            "Total_20_euros",
            f'fo:background-color="{LIGHT}"',
            'fo:font-weight="bold"',
            data="Euros_20_format",
        ),
    )
)


REPORTS = {
    "pst-detaille.odt": ("PST détaillé", detailed),
    "etat-avancement.odt": ("État d'avancement", progress_state),
    "evaluation.odt": ("Évaluation du PST", evaluation),
}


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    for name, (title, build) in REPORTS.items():
        path = TARGET / name
        write_odt(path, title, build(), TEXT_STYLES_XML, TEXT_AUTOMATIC)
        print(path)
    path = TARGET / "tableau-de-suivi.ods"
    write_ods(
        path,
        "Tableau de suivi",
        [follow_up_sheet(), budget_sheet()],
        SHEET_STYLES_XML,
        SHEET_AUTOMATIC,
    )
    print(path)


if __name__ == "__main__":
    main()
