"""Install steps of the PST profile."""

from communesplone.core import documents


def post_install(context):
    """The PST's reports in the site's templates (edited ones are kept)."""
    from communesplone.pst.documents import ODS_MIMETYPE
    from communesplone.pst.documents import PST_TEMPLATES

    for template in documents.install_templates(PST_TEMPLATES):
        if template.odt_file.filename.endswith(".ods"):
            # install_templates labels every file as a text: a spreadsheet says what it is.
            template.odt_file.contentType = ODS_MIMETYPE
            # The spreadsheet sets its columns' widths; the engine would otherwise fit them
            # to their longest text (the title, in the first column).
            template.column_modifier = "disabled"
