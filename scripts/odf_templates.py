"""Building blocks of the document templates the project writes as code (ODT and ODS).

The templates use appy POD: statements (`do text if …`, `do row for … in …`) are comments
on the element they act on, expressions are input fields in a text and string formulas
(`="…"`) in a spreadsheet cell. Every package is written with fixed dates and in a fixed
order, so a run gives the same bytes as the previous one and a wording change is a
reviewable diff. Used by make_urban_templates.py and make_pst_templates.py.
"""

from pathlib import Path
from xml.sax.saxutils import escape
from xml.sax.saxutils import quoteattr

import zipfile


ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
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


def join(parts) -> str:
    return "".join(part if isinstance(part, Raw) else escape(part) for part in parts)


def field(expression: str) -> Raw:
    """An appy expression, replaced by its value in the generated document."""
    text = escape(expression, {"'": "&apos;"})
    return Raw(f'<text:text-input text:description="">{text}</text:text-input>')


def strong(*parts) -> Raw:
    return Raw(f'<text:span text:style-name="Strong_20_Emphasis">{join(parts)}</text:span>')


TAB = Raw("<text:tab/>")


def statement(text: str) -> str:
    """An appy statement, as the comment LibreOffice shows in the margin.

    One line per paragraph of the comment: `do text if …` then `from document(…)`, say.
    """
    lines = "".join(f"<text:p>{escape(line)}</text:p>" for line in text.split("\n"))
    return (
        '<office:annotation loext:resolved="false"><dc:creator>CommunesPlone</dc:creator>'
        f"<dc:date>0000-00-00T00:00:00</dc:date>{lines}"
        "</office:annotation>"
    )


def p(style: str, *parts, do: str = "") -> str:
    """A paragraph; `do` is the appy statement that repeats it or keeps it on a condition."""
    note = statement(do) if do else ""
    return f'<text:p text:style-name="{style}">{note}{join(parts)}</text:p>'


def letterhead(name_line: list, *details: str) -> list:
    """A commune letter's head: its name line, fixed details (a service…), then the
    commune's address and e-mail when the commune gave them, and a rule."""
    return [
        p("Letterhead", *name_line),
        *(p("Letterhead_20_detail", detail) for detail in details),
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


def h(level: int, style: str, *parts, do: str = "") -> str:
    """A heading (in the document's outline and the PDF's bookmarks); `do title …`."""
    note = statement(do) if do else ""
    return (
        f'<text:h text:style-name="{style}" text:outline-level="{level}">'
        f"{note}{join(parts)}</text:h>"
    )


def section(name: str, content: list, do: str = "") -> str:
    """A section: `do section for …` repeats everything it holds.

    The statement is a comment in the section's first paragraph, which must be a
    paragraph of its own (without a statement).
    """
    first, *rest = content
    if do:
        marker = ">"
        at = first.index(marker) + 1
        first = first[:at] + statement(do) + first[at:]
    return f'<text:section text:name="{name}">{first}{"".join(rest)}</text:section>'


# Tables (ODT and ODS)


def cell(*content: str, style: str = "", do: str = "") -> str:
    """A table cell of paragraphs; `do` (row or cell statement) goes in its first one."""
    style_attr = f' table:style-name="{style}"' if style else ""
    paragraphs = list(content) or ["<text:p/>"]
    if do:
        first = paragraphs[0]
        at = first.index(">") + 1
        paragraphs[0] = first[:at] + statement(do) + first[at:]
    return (
        f'<table:table-cell{style_attr} office:value-type="string">'
        f"{''.join(paragraphs)}</table:table-cell>"
    )


def row(*cells: str, style: str = "") -> str:
    style_attr = f' table:style-name="{style}"' if style else ""
    return f"<table:table-row{style_attr}>{''.join(cells)}</table:table-row>"


def table(name: str, style: str, columns: list[str], rows: list[str], header: int = 0) -> str:
    """A table: its columns' styles, `header` heading rows (repeated on each page), rows."""
    cols = "".join(f'<table:table-column table:style-name="{column}"/>' for column in columns)
    heading = ""
    if header:
        heading = f"<table:table-header-rows>{''.join(rows[:header])}</table:table-header-rows>"
    return (
        f'<table:table table:name="{name}" table:style-name="{style}">'
        f"{cols}{heading}{''.join(rows[header:])}</table:table>"
    )


def text_cell(text: str, style: str = "") -> str:
    """A spreadsheet cell holding fixed text."""
    style_attr = f' table:style-name="{style}"' if style else ""
    return (
        f'<table:table-cell{style_attr} office:value-type="string" calcext:value-type="string">'
        f"<text:p>{escape(text)}</text:p></table:table-cell>"
    )


def expression_cell(expression: str, style: str = "", do: str = "") -> str:
    """A spreadsheet cell replaced by an appy expression's value (a number stays a number).

    appy reads a string formula `="…"`; the statement (`do row for …`) is the cell's
    comment.
    """
    style_attr = f' table:style-name="{style}"' if style else ""
    formula = escape(f'of:="{expression}"', {'"': "&quot;"})
    value = quoteattr(expression)
    note = statement(do) if do else ""
    return (
        f'<table:table-cell{style_attr} table:formula="{formula}" office:value-type="string" '
        f"office:string-value={value}>"
        f"{note}<text:p>{escape(expression)}</text:p></table:table-cell>"
    )


def empty_cell(style: str = "") -> str:
    style_attr = f' table:style-name="{style}"' if style else ""
    return f"<table:table-cell{style_attr}/>"


def sheet(name: str, columns: list[str], rows: list[str], style: str = "") -> str:
    """A spreadsheet's sheet: its style (the page it prints on), columns' styles, rows."""
    style_attr = f' table:style-name="{style}"' if style else ""
    cols = "".join(f'<table:table-column table:style-name="{column}"/>' for column in columns)
    return (
        f'<table:table table:name="{escape(name)}"{style_attr}>{cols}{"".join(rows)}</table:table>'
    )


# Styles


def paragraph_style(name, display="", parent="Standard", paragraph="", text="", extra=""):
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


# The house style: Liberation Sans, titles in blue, details in grey.
BLUE = "#1f4e79"
GREY = "#595959"
FONT = 'style:font-name="Liberation Sans"'


def default_style(size: str) -> str:
    """Paragraphs in French of Belgium, in the house font of this `size`."""
    return (
        '<style:default-style style:family="paragraph">'
        '<style:paragraph-properties style:writing-mode="page" '
        'style:tab-stop-distance="1.25cm"/>'
        f'<style:text-properties {FONT} fo:font-size="{size}" fo:language="fr" '
        'fo:country="BE" fo:hyphenate="false"/></style:default-style>'
    )


STANDARD = paragraph_style(
    "Standard", parent="", paragraph='fo:margin-top="0cm" fo:margin-bottom="0cm"'
)
STRONG = (
    '<style:style style:name="Strong_20_Emphasis" style:display-name="Strong Emphasis" '
    'style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>'
)


def family_style(name: str, family: str, properties: str, parent: str = "", extra: str = ""):
    """An automatic style of a table, column, row or cell (`properties`: its attributes)."""
    parent_attr = f' style:parent-style-name="{parent}"' if parent else ""
    return (
        f'<style:style style:name="{name}" style:family="{family}"{parent_attr}>'
        f"<style:{family}-properties {properties}/>{extra}</style:style>"
    )


def page_layout(
    width="21cm", height="29.7cm", orientation="portrait", margins=("1.8cm", "2.5cm"), footer=""
) -> str:
    """The A4 page every template prints on: `margins` (top and bottom, left and right);
    `footer`, the height of a footer when the master page has one."""
    vertical, horizontal = margins
    footer_style = (
        f'<style:footer-style><style:header-footer-properties fo:min-height="{footer}" '
        'fo:margin-top="0.3cm"/></style:footer-style>'
        if footer
        else ""
    )
    return (
        f'<style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="{width}" '
        f'fo:page-height="{height}" style:print-orientation="{orientation}" '
        f'fo:margin-top="{vertical}" fo:margin-bottom="{vertical}" fo:margin-left="{horizontal}" '
        f'fo:margin-right="{horizontal}" style:writing-mode="lr-tb"/>{footer_style}'
        "</style:page-layout>"
    )


FONT_FACES = (
    "<office:font-face-decls>"
    '<style:font-face style:name="Liberation Sans" svg:font-family="&apos;Liberation Sans&apos;" '
    'style:font-family-generic="swiss" style:font-pitch="variable"/>'
    "</office:font-face-decls>"
)


def styles_xml(styles: str, layout: str, master: str = "") -> str:
    """styles.xml: named styles, the page layout and the master page that uses it.

    `master` is the inside of the master page (a footer, say).
    """
    page = (
        f'<style:master-page style:name="Standard" style:page-layout-name="A4">{master}'
        "</style:master-page>"
        if master
        else '<style:master-page style:name="Standard" style:page-layout-name="A4"/>'
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<office:document-styles {NAMESPACES}>"
        f"{FONT_FACES}"
        f"<office:styles>{styles}</office:styles>"
        f"<office:automatic-styles>{layout}</office:automatic-styles>"
        f"<office:master-styles>{page}</office:master-styles>"
        "</office:document-styles>"
    )


def manifest_xml(mimetype: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.3">'
        f'<manifest:file-entry manifest:full-path="/" manifest:version="1.3" '
        f'manifest:media-type="{mimetype}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )


def content_xml(body: str, kind: str = "text", automatic_styles: str = "") -> str:
    """content.xml: the body of a text (`kind` "text") or a spreadsheet ("spreadsheet")."""
    styles = (
        f"<office:automatic-styles>{automatic_styles}</office:automatic-styles>"
        if automatic_styles
        else "<office:automatic-styles/>"
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<office:document-content {NAMESPACES}>"
        f"{styles}"
        f"<office:body><office:{kind}>{body}</office:{kind}></office:body>"
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


def write_package(path: Path, mimetype: str, title: str, styles: str, content: str) -> None:
    """An OpenDocument package: the mimetype first and stored, so it is recognised by its
    bytes (appy tells a spreadsheet template from a text by it)."""
    with zipfile.ZipFile(path, "w") as archive:
        _add(archive, "mimetype", mimetype, zipfile.ZIP_STORED)
        _add(archive, "META-INF/manifest.xml", manifest_xml(mimetype))
        _add(archive, "meta.xml", meta_xml(title))
        _add(archive, "styles.xml", styles)
        _add(archive, "content.xml", content)


def write_odt(path: Path, title: str, paragraphs: list, styles: str, automatic="") -> None:
    write_package(path, ODT, title, styles, content_xml("".join(paragraphs), "text", automatic))


def write_ods(path: Path, title: str, sheets: list, styles: str, automatic="") -> None:
    write_package(path, ODS, title, styles, content_xml("".join(sheets), "spreadsheet", automatic))


# The letterhead, its rule, the title and the subtitle the reports and minutes share.
HEADING_STYLES = (
    paragraph_style(
        "Letterhead",
        text=f'fo:font-size="12pt" fo:font-weight="bold" fo:color="{BLUE}"',
    ),
    paragraph_style(
        "Letterhead_20_rule",
        "Letterhead rule",
        paragraph=f'fo:margin-bottom="0.8cm" fo:padding-bottom="0.1cm" '
        f'fo:border-bottom="1pt solid {BLUE}"',
        text='fo:font-size="4pt"',
    ),
    paragraph_style(
        "Title",
        paragraph='fo:margin-bottom="0.1cm"',
        text=f'fo:font-size="22pt" fo:font-weight="bold" fo:color="{BLUE}"',
    ),
    paragraph_style(
        "Subtitle",
        paragraph='fo:margin-bottom="0.5cm"',
        text=f'fo:font-size="14pt" fo:color="{GREY}"',
    ),
)
