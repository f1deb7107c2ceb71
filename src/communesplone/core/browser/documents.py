"""What document templates may ask of a commune site."""

from collective.documentgenerator.helper import DXDocumentGenerationHelperView
from communesplone.core.documents import today_text
from communesplone.core.interfaces import ICommuneSettings
from plone import api


class CommuneDocumentHelper(DXDocumentGenerationHelperView):
    """Helper (`view` in templates) on the site root: the commune's identity."""

    def commune_value(self, name: str):
        if name not in ICommuneSettings.names():
            raise KeyError(name)
        value = api.portal.get_registry_record(f"communesplone.commune.{name}", default=None)
        return "" if value is None else value

    def today(self) -> str:
        return today_text()
