"""Advices on an item: asked of a service, given by it, late when not given in time.

A service is asked when the item leaves its draft (or later, when it is added to an item
already proposed): it then reads the item (ItemAdviser) and has a due date, a number of
working days away on the commune's calendar. A category may make a service's advice
mandatory (« avis de légalité du directeur financier », CDLD L1124-40): the item is not
validated until that advice is given.
"""

from communesplone import _
from communesplone.core.calendar import WorkingCalendar
from communesplone.core.groups import user_service_codes
from communesplone.core.persistence import has_stored
from communesplone.core.persistence import stored
from communesplone.meetings import notifications
from communesplone.meetings.content.assembly import assembly_of
from datetime import date
from datetime import datetime
from persistent.mapping import PersistentMapping
from plone import api


ADVICE_TYPES = {
    "favorable": _("Favorable"),
    "favorable_remarks": _("Favorable avec remarques"),
    "unfavorable": _("Défavorable"),
}
# Advices are asked once the item left its draft and given until the séance decides.
ASKING_STATES = ("proposed", "validated", "presented", "frozen")
DEFAULT_DELAY = 10  # working days
# An advice is given by the agents and the head of the service asked.
ADVISER_GROUPS = ("agents", "managers")


class AdviceError(ValueError):
    """The advice cannot be given; the message says why."""


def _say(message) -> AdviceError:
    return AdviceError(api.portal.translate(message))


def requests(item) -> dict:
    """The advices asked on the item: {service code: {requested, due, type, comment,
    author, given, late_notified}} (read-only use)."""
    return stored(item, "_advices", {})


def _writable(item) -> PersistentMapping:
    if not has_stored(item, "_advices"):
        item._advices = PersistentMapping()
    return item._advices


def delay_days(item) -> int:
    assembly = assembly_of(item)
    return getattr(assembly, "advice_delay", None) or DEFAULT_DELAY


def mandatory_services(item) -> list[str]:
    """The services whose advice the item's category makes mandatory."""
    assembly = assembly_of(item)
    rows = getattr(assembly, "mandatory_advices", None) or []
    return [row["service"] for row in rows if row.get("category") == item.category]


def ask(item, today: date | None = None) -> list[str]:
    """Ask the services listed on the item that were not asked yet; return their codes.

    Called when the item leaves its draft and when it is modified afterwards.
    """
    if api.content.get_state(item, default=None) not in ASKING_STATES:
        return []
    today = today or date.today()
    asked = []
    for code in list(item.advice_services or ()) + mandatory_services(item):
        if code in requests(item) or code in asked:
            continue
        due = WorkingCalendar.for_site().add_working_days(today, delay_days(item))
        _writable(item)[code] = PersistentMapping(
            requested=today, due=due, type=None, comment="", author=None, given=None
        )
        if code not in (item.advice_services or ()):
            item.advice_services = list(item.advice_services or ()) + [code]
        notifications.advice_requested(item, code, due)
        asked.append(code)
    if asked:
        item.reindexObject(idxs=["advices_pending"])
        item.reindexObjectSecurity()
    return asked


def give(item, code: str, advice_type: str, comment: str = "") -> dict:
    """Record the service's advice; refused, changing nothing, with a clear message."""
    request = requests(item).get(code)
    if request is None:
        raise _say(_("L'avis de ce service n'est pas demandé sur ce point."))
    if advice_type not in ADVICE_TYPES:
        raise _say(_("Type d'avis inconnu : favorable, favorable avec remarques ou défavorable."))
    if advice_type != "favorable" and not (comment or "").strip():
        raise _say(_("Motivez un avis défavorable ou avec remarques."))
    if api.content.get_state(item) not in ASKING_STATES:
        raise _say(_("Le point est décidé : il n'est plus temps de donner un avis."))
    user = api.user.get_current()
    if not api.user.has_permission("communesplone.meetings: Give advice", obj=item) or (
        code not in user_service_codes(ADVISER_GROUPS)
    ):
        raise _say(_("Seul le service consulté donne son avis."))
    entry = _writable(item)[code]
    entry.update(type=advice_type, comment=comment.strip(), author=user.getId())
    entry["given"] = datetime.now()
    item.reindexObject(idxs=["advices_pending", "modified"])
    return row(code, entry)


def is_late(entry, today: date | None = None) -> bool:
    return entry.get("given") is None and entry["due"] < (today or date.today())


def row(code: str, entry, service_titles: dict | None = None) -> dict:
    titles = service_titles or {}
    return {
        "service": code,
        "service_title": titles.get(code, code),
        "requested": entry["requested"].isoformat(),
        "due": entry["due"].isoformat(),
        "late": is_late(entry),
        "type": entry.get("type"),
        "type_title": api.portal.translate(ADVICE_TYPES[entry["type"]])
        if entry.get("type")
        else "",
        "comment": entry.get("comment") or "",
        "author": entry.get("author"),
        "given": entry["given"].isoformat() if entry.get("given") else None,
    }


def service_titles() -> dict:
    catalog = api.portal.get_tool("portal_catalog")
    return {b.service_code: b.Title for b in catalog(portal_type="Service")}


def rows(item) -> list[dict]:
    titles = service_titles()
    return [row(code, entry, titles) for code, entry in sorted(requests(item).items())]


def missing_mandatory(item) -> list[str]:
    """Mandatory advices not given yet (their service codes)."""
    return [
        code for code in mandatory_services(item) if not requests(item).get(code, {}).get("given")
    ]


def remind_late(today: date | None = None) -> int:
    """Tell the advisers' managers once about each late advice; return how many."""
    catalog = api.portal.get_tool("portal_catalog")
    count = 0
    pending = catalog.uniqueValuesFor("advices_pending")
    if not pending:
        return 0
    for brain in catalog.unrestrictedSearchResults(
        portal_type="MeetingItem", review_state=list(ASKING_STATES), advices_pending=list(pending)
    ):
        item = brain._unrestrictedGetObject()
        for code, entry in requests(item).items():
            if is_late(entry, today) and not entry.get("late_notified"):
                notifications.advice_late(item, code, entry["due"])
                entry["late_notified"] = True
                count += 1
    return count
