"""Install steps of the core profile."""

from communesplone.core import documents


def post_install(context):
    """Point the document engine at this instance's LibreOffice server; add the templates."""
    documents.configure_office()
    documents.install_templates()
