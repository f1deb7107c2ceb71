"""« Réglages du courrier » (site managers): delays per type, reminders, escalation, and a
button that runs today's reminders without waiting for the night.

The page only reads; saving and running are POST views with the CSRF token.
"""

from communesplone import _
from communesplone.core.browser.actions import PostOnlyView
from communesplone.mail import reminders
from communesplone.mail.content.mail import MAIL_TYPES
from communesplone.mail.deadlines import delay_for
from communesplone.mail.deadlines import DELAYS_RECORD
from communesplone.mail.deadlines import REMINDER_DAYS_RECORD
from communesplone.mail.deadlines import site_delays
from communesplone.mail.deadlines import site_reminder_days
from plone import api
from Products.Five.browser import BrowserView


# The switches of the mail module: registry record → (title, default when missing).
SWITCHES = (
    ("communesplone.mail.escalate", _("Prévenir le chef de service des courriers en retard"), True),
    (
        "communesplone.mail.close_incoming_on_reply",
        _("Clôturer le courrier entrant à l'envoi de la réponse"),
        True,
    ),
    (
        "communesplone.mail.dg_review",
        _("Revue par la direction générale avant attribution"),
        False,
    ),
    (
        "communesplone.mail.outgoing_validation",
        _("Validation du courrier sortant par le chef de service"),
        True,
    ),
)
MAX_DAYS = 3650


class MailSettings(BrowserView):
    def delays(self) -> list[dict]:
        delays = site_delays()
        return [
            {"type": term.value, "title": term.title, "days": delay_for(term.value, delays)}
            for term in MAIL_TYPES
        ]

    def reminder_days(self) -> int:
        return site_reminder_days()

    def switches(self) -> list[dict]:
        return [
            {
                "name": name,
                "title": title,
                "on": bool(api.portal.get_registry_record(name, default=default)),
            }
            for name, title, default in SWITCHES
        ]


def _days(value, label) -> int:
    """A whole number of days between 0 and MAX_DAYS, or a French error."""
    try:
        days = int(str(value).strip())
    except ValueError:
        days = -1
    if not 0 <= days <= MAX_DAYS:
        raise ValueError(
            api.portal.translate(
                _(
                    "${label} : indiquez un nombre de jours entre 0 et ${max}.",
                    mapping={"label": api.portal.translate(label), "max": MAX_DAYS},
                )
            )
        )
    return days


class SaveMailSettings(PostOnlyView):
    """Store the form's values; nothing is stored if one of them is wrong."""

    def handle(self):
        form = self.request.form
        try:
            delays = {
                term.value: _days(form.get(f"delay_{term.value}"), term.title)
                for term in MAIL_TYPES
            }
            reminder_days = _days(form.get("reminder_days"), _("Rappel avant l'échéance"))
        except ValueError as exc:
            api.portal.show_message(str(exc), request=self.request, type="error")
        else:
            wanted = form.get("on") or []
            wanted = [wanted] if isinstance(wanted, str) else wanted
            api.portal.set_registry_record(DELAYS_RECORD, delays)
            api.portal.set_registry_record(REMINDER_DAYS_RECORD, reminder_days)
            for name, _title, _default in SWITCHES:
                api.portal.set_registry_record(name, name in wanted)
            api.portal.show_message(
                api.portal.translate(_("Réglages du courrier enregistrés.")), request=self.request
            )
        self.request.response.redirect(f"{self.context.absolute_url()}/@@courrier-reglages")
        return ""


class RunReminders(PostOnlyView):
    """Today's reminders and escalations now; a second run the same day sends nothing."""

    def handle(self):
        result = reminders.run()
        api.portal.show_message(
            api.portal.translate(
                _(
                    "Rappels lancés : ${reminders} rappel(s), ${escalations} escalade(s).",
                    mapping={"reminders": result.reminders, "escalations": result.escalations},
                )
            ),
            request=self.request,
        )
        self.request.response.redirect(f"{self.context.absolute_url()}/@@courrier-reglages")
        return ""
