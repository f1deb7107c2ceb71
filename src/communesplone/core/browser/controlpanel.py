"""Control panel of the commune's closing days."""

from communesplone import _
from communesplone.core.interfaces import ICalendarSettings
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm


class CalendarSettingsForm(RegistryEditForm):
    schema = ICalendarSettings
    schema_prefix = "communesplone"
    # A POST without the CSRF token is refused (403), not silently dropped.
    enableCSRFProtection = True
    label = _("Jours de fermeture")
    description = _(
        "Les jours fériés belges sont connus d'office ; ajoutez ici ceux propres à la commune."
    )


class CalendarSettingsView(ControlPanelFormWrapper):
    form = CalendarSettingsForm
