"""The minutes (procès-verbal) of a meeting, as structured data for the page and documents.

Introduction, attendance, each item the reader may see (its texts, its votes, who was not
there for it), conclusion and signatories (the directeur général and the bourgmestre in
office on the meeting's day). Huis clos items are only in the reader's minutes when the
reader may see them: the catalog decides, as for the agenda.
"""

from communesplone.core.calendar import french_date
from communesplone.core.mandates import mandates_in_force
from communesplone.meetings import agenda
from communesplone.meetings import attendance
from communesplone.meetings import votes
from communesplone.meetings.content.assembly import assembly_of
from contextlib import contextmanager
from plone import api
from plone.app.uuid.utils import uuidToObject
from zope.annotation.interfaces import IAnnotations


DECIDED_STATES = ("accepted", "accepted_amended", "refused", "postponed", "withdrawn")
SIGNATORY_ROLES = (("directeur_general", "Le Directeur général"), ("bourgmestre", "Le Bourgmestre"))
# How a chosen signatory signs, from the mandate they hold that day.
SIGNATORY_LABELS = (
    *SIGNATORY_ROLES,
    ("echevin", "L'Échevin"),
    ("president", "Le Président"),
    ("president_cpas", "Le Président du CPAS"),
    ("directeur_financier", "Le Directeur financier"),
)
# The minutes are the commune's French text, as its letters are.
RESULT_TITLES = {"accepted": "adopté", "rejected": "rejeté"}
STATUS_WORDS = {"present": "présent", "excused": "excusé", "absent": "absent"}


def signatories(meeting) -> list[dict]:
    """Who signs: those chosen on the meeting, else the directeur général and the
    bourgmestre in office that day."""
    day = meeting.start.date() if meeting.start else None
    chosen = list(getattr(meeting, "signatories", None) or [])
    if chosen:
        return [
            {"label": signatory_label(person, day), "name": person.Title()}
            for person in (uuidToObject(uid, unrestricted=True) for uid in chosen)
            if person is not None
        ]
    found = []
    for role, label in SIGNATORY_ROLES:
        brains = mandates_in_force(on=day, mandate_role=role)
        name = brains[0].getObject().__parent__.Title() if brains else ""
        found.append({"label": label, "name": name})
    return found


def signatory_label(person, day) -> str:
    """« Le Bourgmestre », « L'Échevin »… from the person's mandate in force that day."""
    labels = dict(SIGNATORY_LABELS)
    for mandate in person.objectValues():
        if getattr(mandate, "role", None) in labels and mandate.in_force(day):
            return labels[mandate.role]
    return ""


def _text(value) -> str:
    return value.output if value is not None and getattr(value, "output", None) else ""


def item_minutes(meeting, item, state_titles: dict, meeting_entries: list, groups: dict) -> dict:
    entries = attendance.item_attendance(item, meeting_entries)
    meeting_statuses = {entry["person"]: entry["status"] for entry in meeting_entries}
    changes = [
        {"title": entry["title"], "status_title": STATUS_WORDS[entry["status"]]}
        for entry in entries
        if entry["status"] != meeting_statuses.get(entry["person"])
    ]
    state = api.content.get_state(item, default=None)
    return {
        "uid": item.UID(),
        "number": meeting.number_of(item.UID()),
        "title": item.Title(),
        "url": item.absolute_url(),
        "secret": item.privacy == "secret",
        "state": state,
        "state_title": state_titles.get(state, ""),
        "decided": state in DECIDED_STATES,
        "motivation": _text(item.motivation),
        "decision": _text(item.decision),
        "votes": [
            {**vote, "result_title": RESULT_TITLES[vote["result"]]}
            for vote in votes.summaries(item, entries, groups)
        ],
        "attendance_changes": changes,
    }


def minutes(meeting, public: bool = False) -> dict:
    """The minutes as the reader may see them; `public` leaves out every huis clos item,
    whoever reads (the version published with the closed meeting)."""
    assembly = assembly_of(meeting)
    workflow = api.portal.get_tool("portal_workflow")
    state_titles = {
        state: api.portal.translate(workflow.getTitleForStateOnType(state, "MeetingItem"), "plone")
        for state in DECIDED_STATES + ("frozen", "presented")
    }
    entries = attendance.meeting_attendance(meeting)
    by_status = {status: [] for status in attendance.STATUSES}
    for entry in entries:
        by_status[entry["status"]].append(entry["title"])
    groups = votes.group_titles(entries)
    items = [
        item_minutes(meeting, brain.getObject(), state_titles, entries, groups)
        for brain in agenda.agenda_brains(meeting)
        if not (public and brain.item_privacy == "secret")
    ]
    return {
        "assembly": assembly.Title() if assembly is not None else "",
        "title": meeting.Title(),
        "date": french_date(meeting.start) if meeting.start else "",
        "hour": meeting.start.strftime("%H:%M") if meeting.start else "",
        "place": meeting.place or "",
        "present": by_status["present"],
        "excused": by_status["excused"],
        "absent": by_status["absent"],
        "quorum": attendance.quorum(entries),
        "public_items": [item for item in items if not item["secret"]],
        "secret_items": [item for item in items if item["secret"]],
        "signatories": signatories(meeting),
    }


def deliberation(item) -> dict:
    """The meeting's minutes reduced to one item: its decision, at its own address."""
    meeting = item.meeting()
    if meeting is None:
        raise ValueError("Ce point n'a pas été présenté à une séance.")
    data = minutes(meeting)
    own = item.UID()
    found = [entry for entry in data["public_items"] + data["secret_items"] if entry["uid"] == own]
    return {**data, "public_items": found, "secret_items": []}


def minutes_of(context, public: bool = False) -> dict:
    """A meeting's minutes, or an item's deliberation."""
    from communesplone.meetings.content.item import IMeetingItem

    if IMeetingItem.providedBy(context):
        return deliberation(context)
    return minutes(context, public=public)


PUBLIC_VERSION = "communesplone.meetings.public_minutes"


@contextmanager
def public_version(request):
    """While open, the minutes' documents rendered in this request leave out huis clos.

    Kept in the request's annotations, which a form value cannot reach.
    """
    annotations = IAnnotations(request)
    annotations[PUBLIC_VERSION] = True
    try:
        yield
    finally:
        annotations.pop(PUBLIC_VERSION, None)


def is_public_version(request) -> bool:
    return bool(IAnnotations(request).get(PUBLIC_VERSION))
