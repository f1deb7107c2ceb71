"""The site folder `urbanisme`: every permit of the commune, unordered."""

from communesplone import _
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IPermitFolder(model.Schema):
    service = schema.ASCIILine(
        title=_("Code du service de l'urbanisme"),
        description=_("Ses agents et son chef instruisent les dossiers."),
        default="urbanisme",
    )


@implementer(IPermitFolder)
class PermitFolder(Container):
    # Thousands of permits: no ordered list of ids rewritten on every add.
    _ordering = "unordered"
