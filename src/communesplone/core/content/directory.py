"""The directory: people, organisations and mandates (person × body × role)."""

from communesplone import _
from datetime import date
from plone.dexterity.content import Container
from plone.dexterity.content import Item
from plone.schema import Email
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def _vocabulary(pairs):
    return SimpleVocabulary([SimpleTerm(value, value, title) for value, title in pairs])


BODIES = (
    ("college", _("Collège communal")),
    ("council", _("Conseil communal")),
    ("cpas", _("CPAS")),
    ("administration", _("Administration")),
)

ROLES = (
    ("bourgmestre", _("Bourgmestre")),
    ("echevin", _("Échevin")),
    ("president_cpas", _("Président du CPAS")),
    ("conseiller", _("Conseiller communal")),
    ("president", _("Président du conseil")),
    ("directeur_general", _("Directeur général")),
    ("directeur_financier", _("Directeur financier")),
)

# Which body each role belongs to: a mandate outside it is refused.
ROLE_BODIES = {
    "bourgmestre": {"college"},
    "echevin": {"college"},
    "president_cpas": {"college", "cpas"},
    "conseiller": {"council", "cpas"},
    "president": {"council", "cpas"},
    "directeur_general": {"administration"},
    "directeur_financier": {"administration"},
}

ORGANIZATION_KINDS = (
    ("political_group", _("Groupe politique")),
    ("public_body", _("Organisme public")),
    ("company", _("Entreprise")),
    ("association", _("Association")),
    ("other", _("Autre")),
)

GENDERS = (("F", _("Femme")), ("M", _("Homme")), ("X", _("Autre ou non précisé")))


class IDirectory(model.Schema):
    """The one folder of the directory."""


@implementer(IDirectory)
class Directory(Container):
    pass


class IPerson(model.Schema):
    firstname = schema.TextLine(title=_("Prénom"), max_length=80)
    lastname = schema.TextLine(title=_("Nom"), max_length=80)
    gender = schema.Choice(title=_("Genre"), vocabulary=_vocabulary(GENDERS), required=False)
    email = Email(title=_("Adresse électronique"), required=False)
    phone = schema.TextLine(title=_("Téléphone"), required=False, max_length=30)
    userid = schema.ASCIILine(
        title=_("Utilisateur lié"),
        description=_(
            "Identifiant de connexion de la personne, pour ses mandats et son tableau de bord."
        ),
        required=False,
    )


@implementer(IPerson)
class Person(Container):
    def Title(self):
        return f"{self.firstname or ''} {self.lastname or ''}".strip()

    @property
    def title(self):
        return self.Title()

    @title.setter
    def title(self, value):
        """The title is the name; a value given by a form is ignored."""

    def sortable_name(self) -> str:
        return f"{self.lastname or ''} {self.firstname or ''}".strip().lower()


class IOrganization(model.Schema):
    kind = schema.Choice(
        title=_("Type"), vocabulary=_vocabulary(ORGANIZATION_KINDS), default="other"
    )
    acronym = schema.TextLine(title=_("Sigle"), required=False, max_length=12)
    email = Email(title=_("Adresse électronique"), required=False)
    phone = schema.TextLine(title=_("Téléphone"), required=False, max_length=30)
    address = schema.Text(title=_("Adresse"), required=False)


@implementer(IOrganization)
class Organization(Item):
    pass


class IMandate(model.Schema):
    body = schema.Choice(title=_("Organe"), vocabulary=_vocabulary(BODIES))
    role = schema.Choice(title=_("Fonction"), vocabulary=_vocabulary(ROLES))
    political_group = schema.Choice(
        title=_("Groupe politique"),
        vocabulary="communesplone.core.PoliticalGroups",
        required=False,
    )
    mandate_start = schema.Date(title=_("Début"))
    mandate_end = schema.Date(title=_("Fin"), required=False)
    voting = schema.Bool(title=_("Voix délibérative"), default=True, required=False)
    rank = schema.Int(title=_("Rang (préséance)"), required=False, min=0)

    @invariant
    def consistent(data):
        if data.role and data.body and data.body not in ROLE_BODIES.get(data.role, set()):
            raise Invalid(_("Cette fonction n'existe pas dans cet organe."))
        if data.mandate_start and data.mandate_end and data.mandate_end < data.mandate_start:
            raise Invalid(_("La fin du mandat précède son début."))


ROLE_TITLES = dict(ROLES)
BODY_TITLES = dict(BODIES)


@implementer(IMandate)
class Mandate(Item):
    def in_force(self, on: date | None = None) -> bool:
        on = on or date.today()
        if not self.mandate_start or self.mandate_start > on:
            return False
        return self.mandate_end is None or self.mandate_end >= on

    def Title(self):
        role = ROLE_TITLES.get(self.role, self.role or "")
        end = self.mandate_end.strftime("%d/%m/%Y") if self.mandate_end else "…"
        start = self.mandate_start.strftime("%d/%m/%Y") if self.mandate_start else "?"
        return f"{role} ({start} – {end})"

    @property
    def title(self):
        return self.Title()

    @title.setter
    def title(self, value):
        """The title is computed from the role and dates."""
