"""Install steps of the PST profile."""

from communesplone.core import documents
from plone import api


def post_install(context):
    """The PST's reports in the site's templates (edited ones are kept), and, on a commune
    site that had no PST yet (the module came with an upgrade), its `pst` folder."""
    from communesplone.pst.documents import PST_TEMPLATES
    from communesplone.pst.tenant import create_pst_folder

    for template in documents.install_templates(PST_TEMPLATES):
        if template.odt_file.filename.endswith(".ods"):
            # The spreadsheet sets its columns' widths; the engine would otherwise fit them
            # to their longest text (the title, in the first column).
            template.column_modifier = "disabled"
    if api.portal.get_registry_record("communesplone.commune.commune_name", default=None):
        create_pst_folder({})
