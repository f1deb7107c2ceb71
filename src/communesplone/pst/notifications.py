"""The PST's e-mails: the reminder about an open action nobody has updated for a while.

The daily pass (reminders.py) calls it; `communesplone.core.notifications` queues the mail
for the commit and leaves out who switched the category off.
"""

from communesplone import _
from communesplone.core import notifications
from communesplone.core.calendar import french_date
from datetime import date


MODULE = "pst"
STALE_ACTION = notifications.register(
    "pst.stale_action", _("Action du PST sans mise à jour"), MODULE
).id


def _label(node) -> str:
    return f"{node.reference} {node.Title()}" if node.reference else node.Title()


def stale_action(node, userids, last_update: date, days: int) -> list[str]:
    """Tell the agent in charge (or the service's managers) that the action waits for news."""
    kind = "La sous-action" if node.portal_type == "SubAction" else "L'action"
    return notifications.notify(
        STALE_ACTION,
        userids,
        f"Action du PST à mettre à jour : {_label(node)}",
        f"{kind} « {_label(node)} » du PST n'a pas été mise à jour depuis {days} jours "
        f"(dernière mise à jour le {french_date(last_update)}).\n\n"
        "Ouvrez-la et utilisez le bloc « Mettre à jour » pour dire où elle en est : santé "
        "et commentaire, avancement, valeurs des indicateurs. Si elle est finie, "
        "terminez-la.\n\n"
        f"{node.absolute_url()}\n",
    )
