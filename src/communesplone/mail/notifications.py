"""The mail's e-mails: their categories, who receives them and what they say.

The daily pass (reminders.py) calls them; `communesplone.core.notifications` queues the
mail for the commit and leaves out who switched the category off.
"""

from communesplone import _
from communesplone.core import notifications
from communesplone.core.calendar import french_date


MODULE = "mail"
DEADLINE_REMINDER = notifications.register(
    "mail.deadline_reminder", _("Rappel d'échéance d'un courrier"), MODULE
).id
LATE_ESCALATION = notifications.register(
    "mail.late_escalation", _("Courrier en retard (escalade)"), MODULE
).id


def _label(mail) -> str:
    return f"{mail.reference} {mail.Title()}" if mail.reference else mail.Title()


def deadline_reminder(mail, userids) -> list[str]:
    return notifications.notify(
        DEADLINE_REMINDER,
        userids,
        f"Échéance proche : {_label(mail)}",
        f"Le courrier « {_label(mail)} » est à traiter pour le {french_date(mail.due_date)}.\n\n"
        f"{mail.absolute_url()}\n",
    )


def late_escalation(mail, userids, agent_name: str | None) -> list[str]:
    agent = f"Agent traitant : {agent_name}.\n" if agent_name else "Aucun agent traitant.\n"
    return notifications.notify(
        LATE_ESCALATION,
        userids,
        f"Courrier en retard : {_label(mail)}",
        f"Le courrier « {_label(mail)} » de votre service était à traiter pour le "
        f"{french_date(mail.due_date)} ; il n'est pas clôturé.\n{agent}\n"
        f"{mail.absolute_url()}\n",
    )
