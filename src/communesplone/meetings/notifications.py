"""The meetings' e-mails: their categories, who receives them and what they say.

Each function is called by the event that happened (events.py, advices.py, the daily
task); `communesplone.core.notifications` queues the mail for the commit and leaves out
who switched the category off.
"""

from communesplone import _
from communesplone.core import notifications
from communesplone.core.calendar import french_date
from communesplone.meetings.content.assembly import assembly_of


MODULE = "meetings"
ITEM_SENT_BACK = notifications.register(
    "meetings.item_sent_back", _("Un de mes points est renvoyé"), MODULE
).id
ITEM_PRESENTED = notifications.register(
    "meetings.item_presented", _("Un de mes points est présenté à une séance"), MODULE
).id
ADVICE_REQUESTED = notifications.register(
    "meetings.advice_requested", _("Un avis est demandé à mon service"), MODULE
).id
ADVICE_LATE = notifications.register(
    "meetings.advice_late", _("Un avis demandé à mon service est en retard"), MODULE
).id
LATE_ITEM = notifications.register(
    "meetings.late_item", _("Un point supplémentaire arrive à une séance gelée"), MODULE
).id
MEETING_FROZEN = notifications.register(
    "meetings.meeting_frozen", _("L'ordre du jour d'une séance est gelé"), MODULE
).id


def _authors(item) -> set[str]:
    return set(item.listCreators() or ())


def _service_people(code: str) -> set[str]:
    return notifications.group_members(f"{code}_agents", f"{code}_managers")


def item_sent_back(item, comment: str) -> list[str]:
    return notifications.notify(
        ITEM_SENT_BACK,
        _authors(item),
        f"Point renvoyé : {item.Title()}",
        f"Le point « {item.Title()} » vous est renvoyé.\n\nMotif : {comment}\n\n"
        f"{item.absolute_url()}\n",
    )


def item_presented(item, meeting) -> list[str]:
    return notifications.notify(
        ITEM_PRESENTED,
        _authors(item),
        f"Point présenté : {item.Title()}",
        f"Le point « {item.Title()} » est présenté à la séance « {meeting.Title()} ».\n\n"
        f"{item.absolute_url()}\n",
    )


def late_item(item, meeting) -> list[str]:
    return notifications.notify(
        LATE_ITEM,
        notifications.group_members("meeting_managers"),
        f"Point supplémentaire : {item.Title()}",
        f"Le point « {item.Title()} » s'ajoute à l'ordre du jour gelé de la séance "
        f"« {meeting.Title()} ».\n\n{item.absolute_url()}\n",
    )


def meeting_frozen(meeting) -> list[str]:
    assembly = assembly_of(meeting)
    when = french_date(meeting.start) if meeting.start else ""
    return notifications.notify(
        MEETING_FROZEN,
        notifications.group_members(assembly.member_group),
        f"Ordre du jour : {meeting.Title()}",
        f"L'ordre du jour de la séance du {when} ({assembly.Title()}) est arrêté.\n\n"
        f"Ordre du jour et annexes : {meeting.absolute_url()}\n",
    )


def advice_requested(item, code: str, due) -> list[str]:
    return notifications.notify(
        ADVICE_REQUESTED,
        _service_people(code),
        f"Avis demandé : {item.Title()}",
        f"L'avis de votre service est demandé sur le point « {item.Title()} », "
        f"pour le {due.strftime('%d/%m/%Y')}.\n\n{item.absolute_url()}\n",
    )


def advice_late(item, code: str, due) -> list[str]:
    return notifications.notify(
        ADVICE_LATE,
        notifications.group_members(f"{code}_managers"),
        f"Avis en retard : {item.Title()}",
        f"L'avis de votre service sur le point « {item.Title()} » était attendu pour le "
        f"{due.strftime('%d/%m/%Y')}.\n\n{item.absolute_url()}\n",
    )
