"""Read the dashboards' exports and pages as rows of cell texts, to compare them over HTTP."""

from html.parser import HTMLParser
from xml.etree import ElementTree

import csv
import io
import zipfile


ODS = "application/vnd.oasis.opendocument.spreadsheet"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def _clean(text: str) -> str:
    return " ".join(text.split())


def csv_rows(response) -> list[list[str]]:
    """The CSV download's lines (header first): semicolons, UTF-8 with a byte-order mark."""
    assert response.status_code == 200, response.status_code
    assert response.headers["Content-Type"].startswith("text/csv")
    assert response.headers["Content-Disposition"].endswith('.csv"')
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return [
        [_clean(cell) for cell in line] for line in csv.reader(io.StringIO(text[1:]), delimiter=";")
    ]


def ods_rows(response) -> list[list[str]]:
    """The ODS download's rows (header first), read from its content.xml."""
    assert response.status_code == 200, response.status_code
    assert response.headers["Content-Type"] == ODS
    assert response.headers["Content-Disposition"].endswith('.ods"')
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert archive.read("mimetype").decode() == ODS
        root = ElementTree.fromstring(archive.read("content.xml"))
    return [
        [
            _clean("".join("".join(p.itertext()) for p in cell.iter(f"{TEXT}p")))
            for cell in row.iter(f"{TABLE}table-cell")
        ]
        for row in root.iter(f"{TABLE}table-row")
    ]


class _Table(HTMLParser):
    def __init__(self, table_id: str):
        super().__init__()
        self.table_id, self.depth, self.rows, self.cell = table_id, 0, [], None
        self.body, self.in_body = False, []

    def handle_starttag(self, tag, attrs):
        wanted = self.table_id is None or dict(attrs).get("id") == self.table_id
        if tag == "table" and (self.depth or wanted):
            self.depth += 1
        elif self.depth and tag == "tr":
            self.rows.append([])
            self.in_body.append(self.body)
        elif self.depth and tag == "tbody":
            self.body = True
        elif self.depth and tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "table" and self.depth:
            self.depth -= 1
        elif tag == "tbody":
            self.body = False
        elif self.depth and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(_clean("".join(self.cell)))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def page_rows(html: str, table_id: str | None) -> list[list[str]]:
    """The body rows (in <tbody>) of the page's table `table_id`, or of all its tables when
    None; [] if there is none."""
    parser = _Table(table_id)
    parser.feed(html)
    return [row for row, in_body in zip(parser.rows, parser.in_body, strict=True) if in_body]
