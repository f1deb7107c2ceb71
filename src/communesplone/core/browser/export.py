"""A dashboard's list as a download (CSV or ODS), and the page's link to it.

The export views subclass their page and hand over the rows the page itself renders, so
an export holds exactly what the user sees there: same query, same filters, same security.
Only the columns are chosen here, with their titles translated for the user.
"""

from communesplone.core.params import form_text
from communesplone.core.spreadsheet import export_response
from plone import api
from urllib.parse import urlencode
from zope.i18nmessageid import Message


def _text(value) -> str:
    return api.portal.translate(value) if isinstance(value, Message) else value


def export_rows(view, name: str, columns, rows, sheet) -> bytes | str:
    """`rows` (dicts) as the download `name`.csv or `name`.ods (`format=ods`).

    `columns` are (key, title) pairs; a list-valued `format` is a 400 (form_text).
    """
    fmt = form_text(view.request, "format")
    return export_response(
        view.request.response,
        name,
        [_text(title) for _key, title in columns],
        [[row.get(key, "") for key, _title in columns] for row in rows],
        "ods" if fmt == "ods" else "csv",
        sheet=_text(sheet),
    )


def export_url(base: str, view_name: str, params: dict, fmt: str) -> str:
    """The export's address with the page's non-empty filters, so it exports what shows."""
    kept = {name: value for name, value in params.items() if value}
    return f"{base}/@@{view_name}?{urlencode({**kept, 'format': fmt})}"
