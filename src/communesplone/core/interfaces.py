"""Interfaces of the shared core."""

from communesplone import _
from zope import schema
from zope.publisher.interfaces.browser import IDefaultBrowserLayer

import zope.interface


class ICommunesPloneCoreLayer(IDefaultBrowserLayer):
    """Browser layer of the core: its views exist only where the core is installed."""


class ISuiteContent(zope.interface.Interface):
    """A content type of the suite: indexed on its own attributes (core/indexing.py)."""


class ICommuneSettings(zope.interface.Interface):
    """Identity of the commune a site serves (filled from its commune profile)."""

    commune_name = schema.TextLine(title=_("Nom de la commune"), required=False)
    nis_code = schema.TextLine(title=_("Code INS"), required=False)
    population = schema.Int(title=_("Nombre d'habitants"), required=False)
    address = schema.TextLine(title=_("Adresse de l'administration"), required=False)
    email = schema.TextLine(title=_("Adresse électronique"), required=False)
    demo = schema.Bool(
        title=_("Site de démonstration"),
        description=_("Les utilisateurs de démonstration ne sont permis que sur un tel site."),
        required=False,
        default=False,
    )


class ICalendarSettings(zope.interface.Interface):
    """The commune's own closing days, on top of Belgian public holidays."""

    closing_days = schema.List(
        title=_("Jours de fermeture de la commune"),
        description=_(
            "Fermetures propres à la commune, en plus des week-ends et jours fériés légaux."
        ),
        value_type=schema.Date(title=_("Jour")),
        required=False,
        default=[],
    )
