"""Install steps of the meetings profile."""

from communesplone.core import documents
from communesplone.meetings.documents import MEETING_TEMPLATES


def post_install(context):
    documents.install_templates(MEETING_TEMPLATES)
