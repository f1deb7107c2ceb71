"""A strategic plan (« PST 2024-2030 »): one legislature, one entity, its adoption."""

from communesplone import _
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant


def is_web_address(value) -> bool:
    """Only a web address is a link: a `javascript:` URI would run in the reader's browser."""
    return bool(value) and value.strip().lower().startswith(("http://", "https://"))


def web_address(value) -> bool:
    if value and not is_web_address(value):
        raise Invalid(_("L'adresse de publication doit commencer par http:// ou https://."))
    return True


class IStrategicPlan(model.Schema):
    title = schema.TextLine(title=_("Titre"), default="Programme stratégique transversal")
    description = schema.Text(title=_("Résumé"), required=False)
    legislature_start = schema.Int(title=_("Première année de la législature"), min=1990, max=2200)
    legislature_end = schema.Int(title=_("Dernière année de la législature"), min=1990, max=2200)
    entity = schema.Choice(
        title=_("Entité"), vocabulary="communesplone.pst.Entities", default="commune"
    )
    college_adoption = schema.Date(title=_("Adoption par le Collège"), required=False)
    council_acknowledgement = schema.Date(title=_("Prise d'acte par le Conseil"), required=False)
    publication_url = schema.URI(
        title=_("Adresse de publication"), required=False, constraint=web_address
    )
    public_spent = schema.Bool(
        title=_("Publier les montants dépensés"),
        description=_(
            "La page publique montre toujours le budget prévu ; le dépensé seulement si "
            "cette case est cochée."
        ),
        required=False,
        default=False,
    )
    reminder_days = schema.Int(
        title=_("Rappel après … jours sans mise à jour"),
        description=_(
            "L'agent en charge d'une action ouverte qui n'a pas été mise à jour depuis ce "
            "nombre de jours reçoit un rappel, une fois par période (0 : pas de rappel)."
        ),
        min=0,
        max=3650,
        default=90,
        required=False,
    )
    categories = schema.List(
        title=_("Catégories proposées"),
        description=_("Une par ligne ; les objectifs et actions choisissent parmi elles."),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )

    @invariant
    def legislature_order(data):
        start = getattr(data, "legislature_start", None)
        end = getattr(data, "legislature_end", None)
        if start and end and end < start:
            raise Invalid(_("La législature finit avant de commencer."))
        adopted = getattr(data, "college_adoption", None)
        noted = getattr(data, "council_acknowledgement", None)
        if adopted and noted and noted < adopted:
            raise Invalid(_("La prise d'acte du Conseil précède l'adoption par le Collège."))


@implementer(IStrategicPlan)
class StrategicPlan(Container):
    reference = ""
    progress = None
    progress_computed = None
    progress_source = None
    budget = None
    previous_plan = None  # the UID of the plan this one was rolled over from

    def years(self) -> list[int]:
        if not self.legislature_start or not self.legislature_end:
            return []
        return list(range(self.legislature_start, self.legislature_end + 1))


def plan_of(context):
    """The strategic plan a node (or a form's container) belongs to, or None."""
    while context is not None and not IStrategicPlan.providedBy(context):
        context = getattr(context, "__parent__", None)
    return context
