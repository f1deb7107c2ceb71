"""The nodes of a plan: strategic and operational objectives, actions and sub-actions.

They share one schema; an action adds what makes it transversal. `reference`, `progress`
and `budget` are computed (tree.py) and stored, never typed: the forms show them, REST
returns them and refuses to change them.
"""

from collective.z3cform.datagridfield.datagridfield import DataGridFieldWidgetFactory
from communesplone import _
from communesplone.core.fields import grid
from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import Interface
from zope.interface import Invalid
from zope.interface import invariant


MANAGE = "communesplone.pst.ManagePlan"


class Amount(schema.Float):
    """A number that may come without decimals (10000 from a REST client is a float too)."""

    _type = (int, float)


class IIndicatorRow(Interface):
    label = schema.TextLine(title=_("Indicateur"))
    unit = schema.TextLine(title=_("Unité"), required=False)
    baseline = Amount(title=_("Valeur de départ"), required=False, default=0.0)
    target = Amount(title=_("Cible"), required=False)


class IMeasurementRow(Interface):
    indicator = schema.TextLine(title=_("Indicateur"))
    year = schema.Int(title=_("Année"), min=1990, max=2200)
    value = Amount(title=_("Valeur atteinte"))


class IBudgetRow(Interface):
    year = schema.Int(title=_("Année"), min=1990, max=2200)
    source = schema.Choice(title=_("Source"), vocabulary="communesplone.pst.FundingSources")
    planned = Amount(title=_("Montant prévu (€)"), min=0.0, default=0.0)
    spent = Amount(title=_("Montant dépensé (€)"), min=0.0, required=False, default=0.0)
    article = schema.TextLine(title=_("Article budgétaire"), required=False)


class ITransversalRow(Interface):
    objective = schema.Choice(
        title=_("Autre objectif opérationnel"),
        vocabulary="communesplone.pst.OperationalObjectives",
    )
    share = schema.Int(title=_("Part du budget (%)"), min=1, max=99)


class INode(model.Schema):
    directives.mode(reference="display", progress="display")
    reference = schema.TextLine(title=_("Référence"), required=False, readonly=True)
    title = schema.TextLine(title=_("Intitulé"), max_length=500)
    description = schema.Text(title=_("Description"), required=False)
    volet = schema.Choice(
        title=_("Volet"), vocabulary="communesplone.pst.Volets", default="external"
    )
    categories = schema.List(
        title=_("Catégories"),
        value_type=schema.Choice(vocabulary="communesplone.pst.Categories"),
        required=False,
        default=[],
    )
    sector_plans = schema.List(
        title=_("Plans sectoriels"),
        value_type=schema.Choice(vocabulary="communesplone.pst.SectorPlans"),
        required=False,
        default=[],
    )
    sdgs = schema.List(
        title=_("Objectifs de développement durable (ODD)"),
        value_type=schema.Choice(vocabulary="communesplone.pst.SDGs"),
        required=False,
        default=[],
    )
    priority = schema.Choice(
        title=_("Priorité"), vocabulary="communesplone.pst.Priorities", required=False
    )

    model.fieldset(
        "people",
        label=_("Responsables"),
        fields=["responsible_alderman", "administrative_responsible", "managing_services", "agent"],
    )
    # Who answers for a node and who may change it: the PST managers decide, not the
    # services (an agent cannot hand an action to another service, nor leave it).
    directives.write_permission(
        responsible_alderman=MANAGE,
        administrative_responsible=MANAGE,
        managing_services=MANAGE,
        agent=MANAGE,
    )
    responsible_alderman = schema.Choice(
        title=_("Mandataire responsable"),
        vocabulary="communesplone.pst.Aldermen",
        required=False,
    )
    administrative_responsible = schema.Choice(
        title=_("Responsable administratif"),
        vocabulary="communesplone.pst.Staff",
        required=False,
    )
    managing_services = schema.List(
        title=_("Services gestionnaires"),
        description=_("Leurs agents et chefs mettent à jour les actions."),
        value_type=schema.Choice(vocabulary="communesplone.core.Services"),
        required=False,
        default=[],
    )
    agent = schema.Choice(
        title=_("Agent en charge"), vocabulary="communesplone.pst.Staff", required=False
    )

    model.fieldset(
        "follow_up",
        label=_("Suivi"),
        fields=[
            "planned_start",
            "planned_end",
            "effective_start",
            "effective_end",
            "progress",
            "progress_entered",
            "progress_override",
            "progress_override_reason",
            "health",
            "health_comment",
            "observations",
        ],
    )
    planned_start = schema.Date(title=_("Début prévu"), required=False)
    planned_end = schema.Date(title=_("Fin prévue"), required=False)
    effective_start = schema.Date(title=_("Début effectif"), required=False)
    effective_end = schema.Date(title=_("Fin effective"), required=False)
    progress = schema.Int(title=_("Avancement (%)"), required=False, readonly=True)
    progress_entered = schema.Int(
        title=_("Avancement encodé (%)"),
        description=_(
            "Pour une action sans sous-action ni indicateur chiffré ; sinon l'avancement "
            "est calculé."
        ),
        min=0,
        max=100,
        required=False,
    )
    directives.write_permission(progress_override=MANAGE, progress_override_reason=MANAGE)
    progress_override = schema.Int(
        title=_("Avancement fixé manuellement (%)"),
        description=_("Remplace l'avancement calculé ; une justification est exigée."),
        min=0,
        max=100,
        required=False,
    )
    progress_override_reason = schema.Text(title=_("Justification"), required=False)
    health = schema.Choice(
        title=_("Santé"), vocabulary="communesplone.pst.Health", default="good", required=False
    )
    health_comment = schema.Text(title=_("Commentaire sur la santé"), required=False)
    observations = schema.Text(title=_("Observations"), required=False)

    model.fieldset(
        "measures",
        label=_("Indicateurs et budget"),
        fields=["indicators", "measurements", "budget_lines"],
    )
    directives.widget("indicators", DataGridFieldWidgetFactory)
    indicators = grid(IIndicatorRow, _("Indicateurs"))
    directives.widget("measurements", DataGridFieldWidgetFactory)
    measurements = grid(
        IMeasurementRow,
        _("Valeurs atteintes"),
        _("Une ligne par indicateur et par année."),
    )
    directives.widget("budget_lines", DataGridFieldWidgetFactory)
    budget_lines = grid(IBudgetRow, _("Lignes budgétaires"))

    model.fieldset("publication", label=_("Publication"), fields=["public"])
    directives.write_permission(public=MANAGE)
    public = schema.Bool(
        title=_("Sur la page publique"),
        description=_(
            "Décoché, l'élément et tout ce qu'il contient restent internes, même quand le "
            "programme est publié."
        ),
        required=False,
        default=True,
    )

    model.fieldset("decisions", label=_("Décisions"), fields=["linked_items"])
    directives.widget(
        "linked_items",
        RelatedItemsFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options={"selectableTypes": ["MeetingItem"], "basePath": "/"},
    )
    linked_items = schema.List(
        title=_("Décisions liées (points du Collège ou du Conseil)"),
        value_type=schema.ASCIILine(),
        required=False,
        default=[],
    )

    @invariant
    def consistent(data):
        if (
            getattr(data, "progress_override", None) is not None
            and not (getattr(data, "progress_override_reason", None) or "").strip()
        ):
            raise Invalid(_("Un avancement fixé manuellement doit être justifié."))
        start, end = getattr(data, "planned_start", None), getattr(data, "planned_end", None)
        if start and end and end < start:
            raise Invalid(_("La fin prévue précède le début prévu."))
        start, end = getattr(data, "effective_start", None), getattr(data, "effective_end", None)
        if start and end and end < start:
            raise Invalid(_("La fin effective précède le début effectif."))
        labels = [row.get("label") for row in getattr(data, "indicators", None) or []]
        if len(labels) != len(set(labels)):
            raise Invalid(_("Deux indicateurs portent le même nom."))
        seen = set()
        for row in getattr(data, "measurements", None) or []:
            key = (row.get("indicator"), row.get("year"))
            if row.get("indicator") not in labels:
                raise Invalid(
                    _(
                        "Valeur atteinte pour un indicateur inconnu : « ${name} ».",
                        mapping={"name": row.get("indicator")},
                    )
                )
            if key in seen:
                raise Invalid(
                    _(
                        "Deux valeurs pour « ${name} » en ${year}.",
                        mapping={"name": key[0], "year": key[1]},
                    )
                )
            seen.add(key)


class IStrategicObjective(INode):
    pass


class IOperationalObjective(INode):
    pass


class IAction(INode):
    model.fieldset(
        "transversal",
        label=_("Transversalité"),
        fields=["own_share", "transversal"],
    )
    directives.write_permission(own_share=MANAGE, transversal=MANAGE)
    own_share = schema.Int(
        title=_("Part du budget pour l'objectif opérationnel parent (%)"),
        min=1,
        max=100,
        default=100,
    )
    directives.widget("transversal", DataGridFieldWidgetFactory)
    transversal = grid(
        ITransversalRow,
        _("Sert aussi ces objectifs opérationnels"),
        _("Avec la part du budget de l'action pour chacun ; les parts font 100 % en tout."),
    )

    @invariant
    def shares_total_100(data):
        rows = getattr(data, "transversal", None) or []
        own = getattr(data, "own_share", None) or 100
        objectives = [row.get("objective") for row in rows]
        if len(objectives) != len(set(objectives)):
            raise Invalid(_("Un même objectif est cité deux fois dans la transversalité."))
        total = own + sum(row.get("share") or 0 for row in rows)
        if total != 100:
            raise Invalid(
                _(
                    "Les parts du budget font ${total} % au lieu de 100 % (objectif parent : "
                    "${own} %, autres objectifs : ${others} %).",
                    mapping={"total": total, "own": own, "others": total - own},
                )
            )


class ISubAction(INode):
    pass


class Node(Container):
    """Stored results of the roll-up (tree.refresh); defaults for nodes never refreshed."""

    reference = ""
    progress = None
    progress_computed = None
    progress_source = None
    budget = None
    carried_from = None  # the UID of the node of the previous plan it was rolled over from


@implementer(IStrategicObjective)
class StrategicObjective(Node):
    pass


@implementer(IOperationalObjective)
class OperationalObjective(Node):
    pass


@implementer(IAction)
class Action(Node):
    pass


@implementer(ISubAction)
class SubAction(Node):
    pass
