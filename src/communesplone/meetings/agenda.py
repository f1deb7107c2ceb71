"""The agenda of a meeting: which meeting an item goes to, where it stands, reordering.

The agenda is the meeting's ordered list of item UIDs; an item's number is its position.
Rules for a newly presented item: public before huis clos (the law), then the assembly's
ordering rules (by default: normal before late items « points supplémentaires », the
category order, the proposing service). A new item is inserted after the last item that
comes before it by these rules, so a clerk's manual order of the others is kept; « reclasser »
applies the rules to the whole agenda.
"""

from communesplone.core.lookup import object_of
from communesplone.core.lookup import unrestricted_search
from communesplone.meetings.content.assembly import assembly_of
from datetime import datetime
from plone import api


OPEN_STATES = ("created", "frozen")


class AgendaError(ValueError):
    """A request on the agenda that cannot be done; the message is French."""


def _catalog():
    return api.portal.get_tool("portal_catalog")


def _path(obj) -> str:
    return "/".join(obj.getPhysicalPath())


def meeting_state(meeting) -> str | None:
    return api.content.get_state(meeting, default=None) if meeting is not None else None


def next_open_meeting(assembly, after: datetime | None = None, exclude=None):
    """The soonest meeting of the assembly still taking items, from `after` on."""
    query = {
        "path": _path(assembly),
        "portal_type": "Meeting",
        "review_state": list(OPEN_STATES),
        "sort_on": "start",
    }
    if after is not None:
        query["start"] = {"query": after, "range": "min"}
    # Looked up whatever the user may see: a clerk presents to meetings by rule.
    # The catalog compares dates, whether they carry a timezone or not.
    for brain in _catalog().unrestrictedSearchResults(**query):
        if exclude is None or exclude.UID() != brain.UID:
            return brain._unrestrictedGetObject()
    return None


def target_meeting(item):
    """The preferred meeting if it still takes items, else the next open meeting."""
    assembly = assembly_of(item)
    meeting = object_of(item.preferred_meeting)  # its state is read on the object
    if meeting is not None and meeting_state(meeting) in OPEN_STATES:
        return meeting
    return next_open_meeting(assembly, after=datetime.now())


class RuleKeys:
    """Sort keys of items by the assembly's rules; service titles read once."""

    def __init__(self, assembly):
        self.rules = assembly.ordering()
        self.categories = assembly.category_titles()
        self.services = {}
        if "proposing_service" in self.rules:
            self.services = {
                brain.service_code: brain.Title.lower() for brain in unrestricted_search("Service")
            }

    def __call__(self, privacy, list_type, category, service, title) -> tuple:
        values = {
            "list_type": 1 if list_type == "late" else 0,
            "category": self.categories.index(category)
            if category in self.categories
            else len(self.categories),
            "proposing_service": self.services.get(service, service or ""),
            "title": (title or "").lower(),
        }
        return (1 if privacy == "secret" else 0, *(values[rule] for rule in self.rules))

    def of_brain(self, brain) -> tuple:
        return self(
            brain.item_privacy,
            brain.item_list_type,
            brain.item_category,
            brain.proposing_service,
            brain.Title,
        )


def agenda_brains(meeting, restricted: bool = True) -> list:
    """The agenda's items in order; `restricted` keeps only those the user may see."""
    agenda = list(meeting.agenda)
    if not agenda:
        return []
    search = _catalog().searchResults if restricted else _catalog().unrestrictedSearchResults
    brains = {brain.UID: brain for brain in search(UID=agenda, portal_type="MeetingItem")}
    return [brains[uid] for uid in agenda if uid in brains]


def insert(meeting, item) -> int:
    """Put `item` in the agenda by the rules; return its number."""
    keys = RuleKeys(assembly_of(meeting))
    key = keys(item.privacy, item.list_type, item.category, item.stored_service, item.title)
    position = 0
    for brain in agenda_brains(meeting, restricted=False):
        if keys.of_brain(brain) <= key:
            position = meeting.agenda.index(brain.UID) + 1
    meeting.writable_agenda().insert(position, item.UID())
    return position + 1


def remove(meeting, item) -> None:
    uid = item.UID()
    if uid in meeting.agenda:
        meeting.writable_agenda().remove(uid)


def reorder(meeting, order: list) -> None:
    """Set a new order: a permutation of the agenda with huis clos items last."""
    current = list(meeting.agenda)
    if not isinstance(order, list) or sorted(map(str, order)) != sorted(current):
        raise AgendaError(
            "L'ordre donné doit reprendre exactement les points de l'ordre du jour, "
            "chacun une fois."
        )
    privacy = {b.UID: b.item_privacy for b in agenda_brains(meeting, restricted=False)}
    seen_secret = False
    for uid in order:
        if privacy.get(uid) == "secret":
            seen_secret = True
        elif seen_secret:
            raise AgendaError("Les points à huis clos doivent suivre les points publics.")
    meeting.writable_agenda()[:] = order
    _numbers_changed(meeting)


def sort_by_rules(meeting) -> None:
    """Reorder the whole agenda by the assembly's rules (ties keep their current order)."""
    keys = RuleKeys(assembly_of(meeting))
    brains = agenda_brains(meeting, restricted=False)
    ordered = [brain.UID for brain in sorted(brains, key=keys.of_brain)]
    missing = [uid for uid in meeting.agenda if uid not in ordered]
    meeting.writable_agenda()[:] = ordered + missing
    _numbers_changed(meeting)


def _numbers_changed(meeting) -> None:
    from communesplone.meetings.oparl.changes import stamp_agenda

    stamp_agenda(meeting)
