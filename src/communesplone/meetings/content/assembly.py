"""An assembly (Collège communal, Conseil communal): its meetings and items live in it."""

from collective.z3cform.datagridfield.datagridfield import DataGridFieldWidgetFactory
from communesplone import _
from communesplone.core.fields import grid
from communesplone.meetings.content.item import PRIVACY
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import Interface
from zope.interface import Invalid
from zope.interface import invariant
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

import re


KINDS = SimpleVocabulary(
    [
        SimpleTerm("college", "college", _("Collège communal")),
        SimpleTerm("council", "council", _("Conseil communal")),
    ]
)

# The group whose members sit in each kind of assembly (kept in step with the mandates).
MEMBER_GROUPS = {"college": "college", "council": "council"}
# Criteria that order newly presented items, after « public before huis clos », which the
# law imposes and no setting can change.
ORDERING_RULES = SimpleVocabulary(
    [
        SimpleTerm("list_type", "list_type", _("Points supplémentaires après les autres")),
        SimpleTerm("category", "category", _("Ordre des catégories")),
        SimpleTerm("proposing_service", "proposing_service", _("Service proposant (A → Z)")),
        SimpleTerm("title", "title", _("Titre du point (A → Z)")),
    ]
)
DEFAULT_ORDERING = ["list_type", "category", "proposing_service"]
HOUR = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


def check_hour(value):
    if not HOUR.match(value or ""):
        raise Invalid(_("Heure au format HH:MM, par exemple 19:30."))
    return True


def _text_types(title, description) -> schema.Dict:
    """A text type per category name (plain text; a blank line separates paragraphs)."""
    return schema.Dict(
        title=title,
        description=description,
        key_type=schema.TextLine(title=_("Catégorie")),
        value_type=schema.Text(title=_("Texte")),
        required=False,
        default={},
    )


class IRecurringItemRow(Interface):
    title = schema.TextLine(
        title=_("Titre"),
        description=_("« {date_precedente} » y est remplacé par la date de la séance précédente."),
        max_length=500,
    )
    category = schema.TextLine(title=_("Catégorie"), required=False)
    service = schema.Choice(title=_("Service proposant"), vocabulary="communesplone.core.Services")
    privacy = schema.Choice(title=_("Publicité"), vocabulary=PRIVACY, default="public")
    decision = schema.Text(title=_("Décision"), required=False)


class IItemTemplateRow(Interface):
    title = schema.TextLine(title=_("Titre"), max_length=500)
    service = schema.Choice(
        title=_("Service"),
        description=_("Vide : le modèle sert à tous les services."),
        vocabulary="communesplone.core.Services",
        required=False,
    )
    category = schema.TextLine(title=_("Catégorie"), required=False)
    privacy = schema.Choice(title=_("Publicité"), vocabulary=PRIVACY, default="public")
    motivation = schema.Text(title=_("Motivation (HTML)"), required=False)
    decision = schema.Text(title=_("Décision (HTML)"), required=False)


class IMandatoryAdviceRow(Interface):
    category = schema.TextLine(title=_("Catégorie"))
    service = schema.Choice(title=_("Service consulté"), vocabulary="communesplone.core.Services")


class IAssembly(model.Schema):
    kind = schema.Choice(title=_("Type d'assemblée"), vocabulary=KINDS)
    categories = schema.List(
        title=_("Catégories des points, dans l'ordre de l'ordre du jour"),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )
    default_place = schema.TextLine(title=_("Lieu habituel"), required=False)
    default_hour = schema.ASCIILine(
        title=_("Heure habituelle"), default="19:30", constraint=check_hour
    )
    default_duration = schema.Int(
        title=_("Durée habituelle (minutes)"), default=120, min=15, max=24 * 60
    )
    ordering_rules = schema.List(
        title=_("Règles de classement des points"),
        description=_(
            "Appliquées dans l'ordre donné quand un point est présenté ou quand l'ordre du "
            "jour est reclassé. Les points à huis clos suivent toujours les points publics."
        ),
        value_type=schema.Choice(vocabulary=ORDERING_RULES),
        required=False,
        default=list(DEFAULT_ORDERING),
    )
    motivation_templates = _text_types(
        _("Motivation type par catégorie"),
        _("Reprise dans un nouveau point de la catégorie dont la motivation est vide."),
    )
    decision_templates = _text_types(
        _("Décision type par catégorie"),
        _("Reprise dans un nouveau point de la catégorie dont la décision est vide."),
    )
    send_to = schema.Choice(
        title=_("Assemblée à laquelle les points décidés peuvent être transmis"),
        description=_("Par exemple, du Collège vers le Conseil."),
        vocabulary="communesplone.meetings.OtherAssemblies",
        required=False,
    )
    publish_decisions = schema.Bool(
        title=_("Publier les décisions des séances clôturées"),
        description=_(
            "Les décisions des points publics paraissent sur la page publique des "
            "décisions ; les points à huis clos jamais."
        ),
        default=False,
        required=False,
    )

    model.fieldset(
        "items",
        label=_("Points récurrents et modèles"),
        fields=["recurring_items", "item_templates"],
    )
    directives.widget("recurring_items", DataGridFieldWidgetFactory)
    recurring_items = grid(
        IRecurringItemRow,
        _("Points récurrents"),
        _(
            "Ajoutés, validés, à l'ordre du jour de chaque nouvelle séance, par exemple "
            "« Approbation du procès-verbal de la séance du {date_precedente} »."
        ),
    )
    directives.widget("item_templates", DataGridFieldWidgetFactory)
    item_templates = grid(
        IItemTemplateRow,
        _("Modèles de points"),
        _("Proposés aux services qui créent un point dans cette assemblée."),
    )

    model.fieldset(
        "advices",
        label=_("Avis"),
        fields=["advice_delay", "mandatory_advices"],
    )
    advice_delay = schema.Int(
        title=_("Délai des avis (jours ouvrables)"),
        description=_("Le temps laissé au service consulté pour rendre son avis."),
        default=10,
        min=1,
        max=90,
        required=False,
    )
    directives.widget("mandatory_advices", DataGridFieldWidgetFactory)
    mandatory_advices = grid(
        IMandatoryAdviceRow,
        _("Avis obligatoires"),
        _(
            "Pour ces catégories, le service est consulté d'office et le point ne peut être "
            "validé sans son avis (ex. Finances : avis de légalité du directeur financier)."
        ),
    )

    @invariant
    def templates_name_categories(data):
        categories = set(getattr(data, "categories", None) or [])
        for field in ("motivation_templates", "decision_templates"):
            unknown = sorted(set(getattr(data, field, None) or {}) - categories)
            if unknown:
                raise Invalid(
                    _(
                        "Texte type pour une catégorie inconnue : ${names}. Ajoutez-la aux "
                        "catégories ou corrigez son nom.",
                        mapping={"names": ", ".join(unknown)},
                    )
                )
        rules = list(getattr(data, "ordering_rules", None) or [])
        if len(rules) != len(set(rules)):
            raise Invalid(_("Chaque règle de classement ne peut être donnée qu'une fois."))

    @invariant
    def rows_name_categories(data):
        categories = set(getattr(data, "categories", None) or [])
        rows = list(getattr(data, "recurring_items", None) or [])
        templates = list(getattr(data, "item_templates", None) or [])
        advices = list(getattr(data, "mandatory_advices", None) or [])
        unknown = sorted(
            {row.get("category") for row in rows + templates + advices if row.get("category")}
            - categories
        )
        if unknown:
            raise Invalid(
                _(
                    "Point récurrent ou modèle dans une catégorie inconnue : ${names}.",
                    mapping={"names": ", ".join(unknown)},
                )
            )
        titles = [row.get("title") for row in templates]
        if len(titles) != len(set(titles)):
            # The title names the template in the form that creates an item from it.
            raise Invalid(_("Deux modèles de points ne peuvent pas porter le même titre."))


@implementer(IAssembly)
class Assembly(Container):
    # Thousands of items and meetings: no ordered list of ids rewritten on every add.
    _ordering = "unordered"

    @property
    def member_group(self) -> str:
        return MEMBER_GROUPS[self.kind]

    def category_titles(self) -> list[str]:
        return list(self.categories or [])

    def ordering(self) -> list[str]:
        # An assembly made before the setting existed reads the field's default.
        return list(self.ordering_rules or [])

    def default_text(self, field: str, category: str | None) -> str:
        """The text type of `field` (motivation or decision) for a category, or ''."""
        templates = getattr(self, f"{field}_templates", None) or {}
        return templates.get(category or "", "") or ""

    def recurring_rows(self) -> list[dict]:
        # An assembly made before the setting existed reads the field's default.
        return [dict(row) for row in self.recurring_items or []]

    def template_rows(self) -> list[dict]:
        return [dict(row) for row in self.item_templates or []]


def assembly_of(obj):
    """The assembly that holds an item or a meeting (or None outside one)."""
    while obj is not None:
        if IAssembly.providedBy(obj):
            return obj
        obj = getattr(obj, "__parent__", None) or getattr(obj, "aq_parent", None)
    return None


def site_college():
    """The site's Collège, as the user sees it (an assembly they may not read is none)."""
    from plone import api

    for brain in api.content.find(portal_type="Assembly"):
        assembly = brain.getObject()
        if getattr(assembly, "kind", None) == "college":
            return assembly
    return None
