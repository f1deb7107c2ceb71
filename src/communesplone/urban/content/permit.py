"""A permit file (dossier): its procedure, people, places, parcels and dated events."""

from communesplone import _
from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid

import re


# Capakey: division (5 digits), section (letter), radical (4 digits), "/", bis (2 digits),
# exposant (letter or "_"), puissance (3 digits), e.g. 62063B0421/02C000.
CAPAKEY = re.compile(r"^(\d{5})([A-Z])(\d{4})/(\d{2})([A-Z_])(\d{3})$")


def capakey(division, section, radical, bis=0, exposant="_", puissance=0) -> str:
    """The capakey of a parcel from its cadastral fields."""
    key = f"{int(division):05d}{section.upper()}{int(radical):04d}/{int(bis):02d}"
    key += f"{(exposant or '_').upper()}{int(puissance):03d}"
    if not CAPAKEY.match(key):
        raise ValueError(key)
    return key


def check_capakey(value):
    if not CAPAKEY.match(value or ""):
        raise Invalid(
            _(
                "Parcelle « ${value} » : capakey attendue, par exemple 62063B0421/02C000 "
                "(division, section, radical / bis, exposant, puissance).",
                mapping={"value": value},
            )
        )
    return True


def parcel_parts(key: str) -> dict:
    division, section, radical, bis, exposant, puissance = CAPAKEY.match(key).groups()
    return {
        "division": division,
        "section": section,
        "radical": radical,
        "bis": bis,
        "exposant": "" if exposant == "_" else exposant,
        "puissance": puissance,
    }


def _contacts(title):
    return schema.List(
        title=title,
        value_type=schema.ASCIILine(),
        required=False,
        default=[],
    )


CONTACT_WIDGET = {
    "vocabulary": "plone.app.vocabularies.Catalog",
    "pattern_options": {"selectableTypes": ["Person", "Organization"], "basePath": "/"},
}


class IPermit(model.Schema):
    procedure = schema.Choice(title=_("Procédure"), vocabulary="communesplone.urban.Procedures")
    title = schema.TextLine(title=_("Objet de la demande"), max_length=500)
    directives.mode(reference="display")
    reference = schema.TextLine(title=_("Référence"), required=False, readonly=True)
    applicants = _contacts(_("Demandeurs"))
    owners = _contacts(_("Propriétaires"))
    tenants = _contacts(_("Locataires"))
    representatives = _contacts(_("Mandataires"))
    architect = schema.ASCIILine(title=_("Architecte"), required=False)
    directives.widget("applicants", RelatedItemsFieldWidget, **CONTACT_WIDGET)
    directives.widget("owners", RelatedItemsFieldWidget, **CONTACT_WIDGET)
    directives.widget("tenants", RelatedItemsFieldWidget, **CONTACT_WIDGET)
    directives.widget("representatives", RelatedItemsFieldWidget, **CONTACT_WIDGET)
    directives.widget("architect", RelatedItemsFieldWidget, **CONTACT_WIDGET)
    work_locations = schema.List(
        title=_("Lieux des travaux"),
        description=_(
            "Une adresse par ligne : « rue, numéro » ; le code INS de la rue après « ; » si connu."
        ),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )
    parcels = schema.List(
        title=_("Parcelles cadastrales (capakey)"),
        description=_("Une parcelle par ligne, par exemple 62063B0421/02C000."),
        value_type=schema.ASCIILine(constraint=check_capakey),
        required=False,
        default=[],
    )
    folder_manager = schema.Choice(
        title=_("Agent traitant"),
        vocabulary="communesplone.urban.FolderManagers",
        required=False,
    )
    readers = schema.List(
        title=_("Services autorisés à lire le dossier"),
        value_type=schema.Choice(vocabulary="communesplone.core.Services"),
        required=False,
        default=[],
    )


@implementer(IPermit)
class Permit(Container):
    reference = None
    college_item = None  # UID of the Collège item that decides the file
    # Stored by tracking.refresh for the dashboards (never computed on read).
    fd_seized_on = None
    tracking_next_due = None
    tracking_next_title = ""
    tracking_decision_due = None
    tracking_decision_status = None
    tracking_inquiry_end = None
    tracking_decided_on = None
    tracking_publicity = None
    tracking_stats = None

    def events(self):
        """The permit's events, oldest first (one folder listing, no catalog)."""
        from communesplone.urban.content.event import IPermitEvent

        found = [obj for obj in self.objectValues() if IPermitEvent.providedBy(obj)]
        return sorted(found, key=lambda event: (event.date, event.created()))

    def clock_events(self) -> list:
        """The events the legal clock reads (not the system's own records)."""
        return [e for e in (event.clock_event() for event in self.events()) if e is not None]
