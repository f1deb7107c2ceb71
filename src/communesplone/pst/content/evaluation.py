"""An evaluation of a plan (mid-term, final, yearly): a dated snapshot and what it says.

The figures of every node are taken once, when the evaluation is added (evaluation.py),
and kept as plain values: edits made to the plan afterwards do not change them. They are
not fields, so neither a form nor a REST PATCH can touch them; only the narrative parts
(what the Collège writes about the figures) stay editable.
"""

from communesplone import _
from plone.dexterity.content import Item
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


EVALUATION_TYPES = (
    ("mid_term", _("Évaluation à mi-législature")),
    ("final", _("Évaluation de fin de législature")),
    ("yearly", _("Évaluation annuelle")),
)


class IEvaluation(model.Schema):
    evaluation_type = schema.Choice(
        title=_("Type d'évaluation"),
        vocabulary=SimpleVocabulary(
            [SimpleTerm(value, value, title) for value, title in EVALUATION_TYPES]
        ),
        default="mid_term",
    )
    title = schema.TextLine(
        title=_("Intitulé"),
        description=_("Laissé vide : le type d'évaluation et la date."),
        required=False,
    )
    narrative = schema.Text(
        title=_("Analyse"),
        description=_("Ce que le programme a réalisé, ce qui a freiné, ce qui change."),
        required=False,
    )
    synergies = schema.Text(
        title=_("Synergies commune–CPAS"),
        description=_(
            "Les actions menées ensemble et ce qu'elles ont donné (décret du 19 juillet 2018)."
        ),
        required=False,
    )


@implementer(IEvaluation)
class Evaluation(Item):
    taken_on = None  # ISO date and time of the snapshot
    figures = ()  # one plain dict per node, in plan order
    totals = None  # the plan's own figures

    def Title(self):
        return self.title or ""
