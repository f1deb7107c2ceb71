"""Who sits in a meeting, who is present, and whether the assembly may deliberate.

The members are the people holding a mandate in the assembly's body on the meeting's day
(read from the directory, never typed). The meeting keeps the status of each member the
clerk changed (everyone else is present); an item keeps only its differences from the
meeting (a councillor who leaves before an item and comes back after it).
"""

from communesplone.core.mandates import mandates_in_force
from communesplone.core.persistence import has_stored
from communesplone.core.persistence import stored
from communesplone.meetings.content.assembly import assembly_of
from persistent.mapping import PersistentMapping
from plone import api


STATUSES = ("present", "excused", "absent")
# The meeting states in which attendance may still change: prepared before the séance
# (excuses received), kept during it; after the decisions it is part of the minutes.
OPEN_STATES = ("created", "frozen", "in_session")


class AttendanceError(ValueError):
    """A change that cannot be made; the message says why, in French."""


def members(meeting) -> list[dict]:
    """The assembly's members on the meeting's day, in precedence order then by name."""
    assembly = assembly_of(meeting)
    if assembly is None or meeting.start is None:
        return []
    found = {}
    for brain in mandates_in_force(on=meeting.start.date(), mandate_body=assembly.kind):
        mandate = brain.getObject()
        person = mandate.__parent__
        uid = person.UID()
        entry = found.setdefault(
            uid,
            {
                "person": uid,
                "title": person.Title(),
                "userid": getattr(person, "userid", None),
                "voting": False,
                "political_group": None,
                "rank": 10**6,
            },
        )
        entry["voting"] = entry["voting"] or mandate.voting is not False
        entry["political_group"] = entry["political_group"] or mandate.political_group
        if mandate.rank is not None:
            entry["rank"] = min(entry["rank"], mandate.rank)
    return sorted(found.values(), key=lambda entry: (entry["rank"], entry["title"].lower()))


def _meeting_statuses(meeting) -> dict:
    return dict(stored(meeting, "attendance") or {})


def _item_differences(item) -> dict:
    return dict(stored(item, "attendance_changes") or {})


def meeting_attendance(meeting) -> list[dict]:
    statuses = _meeting_statuses(meeting)
    return [
        {**member, "status": statuses.get(member["person"], "present")}
        for member in members(meeting)
    ]


def item_attendance(item, meeting_entries: list[dict] | None = None) -> list[dict]:
    """The meeting's list with the item's own differences.

    A caller that goes through many items (the minutes) reads the meeting's list once and
    passes it: the members come from the directory, one mandate at a time.
    """
    if meeting_entries is None:
        meeting = item.meeting()
        if meeting is None:
            return []
        meeting_entries = meeting_attendance(meeting)
    differences = _item_differences(item)
    return [
        {**entry, "status": differences.get(entry["person"], entry["status"])}
        for entry in meeting_entries
    ]


def quorum(entries: list[dict]) -> dict:
    """A majority of the members in office must be present (CDLD L1122-17)."""
    count = len(entries)
    present = sum(1 for entry in entries if entry["status"] == "present")
    required = count // 2 + 1
    return {
        "members": count,
        "present": present,
        "required": required,
        "reached": present >= required,
    }


def require_open(meeting) -> None:
    if meeting is None:
        raise AttendanceError("Ce point n'est présenté à aucune séance.")
    if api.content.get_state(meeting, default=None) not in OPEN_STATES:
        raise AttendanceError("Les présences ne changent plus : la séance est terminée.")


def _check_changes(meeting, changes) -> dict:
    """{person UID: status} from a request's `items`, or AttendanceError."""
    require_open(meeting)
    if not isinstance(changes, list):
        raise AttendanceError("« items » : une liste de {person, status} est attendue.")
    known = {member["person"]: member["title"] for member in members(meeting)}
    wanted = {}
    for change in changes:
        person = change.get("person") if isinstance(change, dict) else None
        status = change.get("status") if isinstance(change, dict) else None
        if person not in known:
            raise AttendanceError(f"« {person} » n'est pas membre de l'assemblée à cette date.")
        if status not in STATUSES:
            raise AttendanceError(
                f"Statut « {status} » pour {known[person]} : present, excused ou absent."
            )
        wanted[person] = status
    return wanted


def update_meeting(meeting, changes) -> None:
    """Merge `changes` into the meeting's list (members not named keep their status)."""
    wanted = _check_changes(meeting, changes)
    if not has_stored(meeting, "attendance"):
        meeting.attendance = PersistentMapping()
    meeting.attendance.update(wanted)


def update_item(item, changes) -> None:
    """Record the item's differences from the meeting (a status equal to it clears one)."""
    meeting = item.meeting()
    wanted = _check_changes(meeting, changes)
    statuses = _meeting_statuses(meeting)
    if not has_stored(item, "attendance_changes"):
        item.attendance_changes = PersistentMapping()
    for person, status in wanted.items():
        if status == statuses.get(person, "present"):
            item.attendance_changes.pop(person, None)
        else:
            item.attendance_changes[person] = status
