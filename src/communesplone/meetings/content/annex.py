"""An annex of an item or a mail: a typed file. It has no workflow of its own: whoever may
see the item or the mail sees its annexes, and no one else (huis clos and confidential
mail included)."""

from communesplone import _
from plone.dexterity.content import Item
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


ANNEX_TYPES = SimpleVocabulary(
    [
        SimpleTerm("to_print", "to_print", _("À imprimer")),
        SimpleTerm("confidential", "confidential", _("Confidentielle")),
        SimpleTerm("other", "other", _("Autre")),
    ]
)


class IAnnex(model.Schema):
    title = schema.TextLine(title=_("Titre"), max_length=250)
    annex_type = schema.Choice(title=_("Type d'annexe"), vocabulary=ANNEX_TYPES, default="other")
    file = NamedBlobFile(title=_("Fichier"))


@implementer(IAnnex)
class Annex(Item):
    pass
