"""Install steps of the urbanism profile."""

from communesplone.core import documents


def post_install(context):
    from communesplone.urban.documents import PERMIT_TEMPLATES

    documents.install_templates(PERMIT_TEMPLATES)
