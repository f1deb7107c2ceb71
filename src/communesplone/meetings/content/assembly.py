"""An assembly (Collège communal, Conseil communal): its meetings and items live in it."""

from communesplone import _
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
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
HOUR = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


def check_hour(value):
    if not HOUR.match(value or ""):
        raise Invalid(_("Heure au format HH:MM, par exemple 19:30."))
    return True


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
    send_to = schema.Choice(
        title=_("Assemblée à laquelle les points décidés peuvent être transmis"),
        description=_("Par exemple, du Collège vers le Conseil."),
        vocabulary="communesplone.meetings.OtherAssemblies",
        required=False,
    )


@implementer(IAssembly)
class Assembly(Container):
    # Thousands of items and meetings: no ordered list of ids rewritten on every add.
    _ordering = "unordered"

    @property
    def member_group(self) -> str:
        return MEMBER_GROUPS[self.kind]

    def category_titles(self) -> list[str]:
        return list(self.categories or [])


def assembly_of(obj):
    """The assembly that holds an item or a meeting (or None outside one)."""
    while obj is not None:
        if IAssembly.providedBy(obj):
            return obj
        obj = getattr(obj, "__parent__", None) or getattr(obj, "aq_parent", None)
    return None
