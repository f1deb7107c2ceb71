"""A plain OpenDocument spreadsheet (ODS) from rows of text, without any dependency.

Enough for exports: one sheet, a bold header row, text cells. LibreOffice, Excel and
every spreadsheet read it.
"""

from xml.sax.saxutils import escape

import csv
import io
import zipfile


MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" \
manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" \
manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""
CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" \
xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2">
 <office:automatic-styles>
  <style:style style:name="header" style:family="table-cell">
   <style:text-properties fo:font-weight="bold"/>
  </style:style>
 </office:automatic-styles>
 <office:body><office:spreadsheet><table:table table:name="{name}">
{rows}
 </table:table></office:spreadsheet></office:body>
</office:document-content>
"""


def _cell(value, header: bool) -> str:
    style = ' table:style-name="header"' if header else ""
    return (
        f'<table:table-cell office:value-type="string"{style}>'
        f"<text:p>{escape(str(value if value is not None else ''))}</text:p></table:table-cell>"
    )


def ods(header: list, rows: list[list], sheet: str = "Export") -> bytes:
    lines = [
        "<table:table-row>" + "".join(_cell(v, i == 0) for v in row) + "</table:table-row>"
        for i, row in enumerate([header, *rows])
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        # The mimetype comes first and uncompressed, as the format requires.
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("META-INF/manifest.xml", MANIFEST, zipfile.ZIP_DEFLATED)
        content = CONTENT.format(name=escape(sheet, {'"': "&quot;"}), rows="\n".join(lines))
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def export_response(response, name: str, header: list, rows: list[list], fmt: str, sheet: str):
    """A list as a download: ODS when `fmt` is "ods", CSV (semicolons, for Excel) otherwise."""
    if fmt == "ods":
        response.setHeader("Content-Type", "application/vnd.oasis.opendocument.spreadsheet")
        response.setHeader("Content-Disposition", f'attachment; filename="{name}.ods"')
        return ods(header, rows, sheet=sheet)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(header)
    writer.writerows(rows)
    response.setHeader("Content-Type", "text/csv; charset=utf-8")
    response.setHeader("Content-Disposition", f'attachment; filename="{name}.csv"')
    # A byte-order mark, so spreadsheets read the accents right.
    return "\ufeff" + out.getvalue()
