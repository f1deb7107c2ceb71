"""Install steps of the core profile."""

from communesplone.core import documents
from communesplone.core import structure


def post_install(context):
    """Groups, organisation chart and directory; document engine and templates."""
    structure.ensure_structure()
    documents.configure_office()
    documents.install_templates()
