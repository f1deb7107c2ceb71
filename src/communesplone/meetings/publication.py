"""The public decisions: what an anonymous visitor may read of the assemblies' decisions.

A dedicated, explicit reading (DESIGN §7): only assemblies that publish, only their closed
meetings, only public items that were decided, and of them only the number, the title and
the decision. The catalog is asked without the visitor's rights (they have none on the
intranet), so every condition is written here and tested.
"""

from communesplone.core.calendar import french_date
from communesplone.meetings.content.assembly import assembly_of
from communesplone.meetings.content.assembly import IAssembly
from plone import api
from plone.app.uuid.utils import uuidToObject


PUBLISHED_MEETING_STATES = ("closed",)
# The agenda of a publishing assembly is public once frozen: the council's is posted at
# the town hall before the séance (CDLD). Decisions wait for the closing.
PUBLISHED_AGENDA_STATES = ("frozen", "in_session", "decided", "closed")
PUBLISHED_ITEM_STATES = ("accepted", "accepted_amended", "refused")
STATE_WORDS = {"accepted": "Adopté", "accepted_amended": "Adopté (amendé)", "refused": "Rejeté"}
SHOWN_MEETINGS = 12


def publishing_assemblies() -> list:
    portal = api.portal.get()
    return [
        obj
        for obj in portal.objectValues()
        if IAssembly.providedBy(obj) and getattr(obj, "publish_decisions", False)
    ]


def _publishing_meeting(uid, states):
    """The meeting `uid` in one of `states`, of an assembly that publishes; else None."""
    if not uid or not isinstance(uid, str):
        return None
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        UID=uid, portal_type="Meeting", review_state=list(states)
    )
    if not brains:
        return None
    meeting = brains[0]._unrestrictedGetObject()
    if not getattr(assembly_of(meeting), "publish_decisions", False):
        return None
    return meeting


def public_minutes(uid: str):
    """The public minutes (no huis clos) of a closed meeting of a publishing assembly.

    None for anything else: an unknown UID, an open meeting, an assembly that does not
    publish, a meeting closed without archived minutes.
    """
    meeting = _publishing_meeting(uid, PUBLISHED_MEETING_STATES)
    return meeting.minutes_public_file if meeting is not None else None


def public_agenda_meeting(uid: str):
    """The meeting whose agenda is public, or None (unknown, in creation, not publishing)."""
    return _publishing_meeting(uid, PUBLISHED_AGENDA_STATES)


def public_minutes_url(meeting) -> str | None:
    if not meeting.minutes_public_file:
        return None
    return f"{api.portal.get().absolute_url()}/@@proces-verbal-public?seance={meeting.UID()}"


def public_decisions(limit: int = SHOWN_MEETINGS) -> list[dict]:
    """[{assembly, meetings: [{uid, title, start, date, minutes_url, decisions: [{uid,
    number, title, decision, state}]}]}]."""
    catalog = api.portal.get_tool("portal_catalog")
    result = []
    for assembly in publishing_assemblies():
        path = "/".join(assembly.getPhysicalPath())
        meetings = catalog.unrestrictedSearchResults(
            path=path,
            portal_type="Meeting",
            review_state=list(PUBLISHED_MEETING_STATES),
            sort_on="start",
            sort_order="descending",
        )[:limit]
        rows = []
        for brain in meetings:
            meeting = brain._unrestrictedGetObject()
            uids = list(meeting.agenda)
            found = {
                b.UID: b
                for b in catalog.unrestrictedSearchResults(
                    UID=uids,
                    portal_type="MeetingItem",
                    item_privacy="public",
                    review_state=list(PUBLISHED_ITEM_STATES),
                )
            }
            items = []
            for uid in uids:
                if uid not in found:
                    continue
                item = uuidToObject(uid, unrestricted=True)
                items.append(
                    {
                        "uid": uid,
                        "number": meeting.number_of(uid),
                        "title": item.Title(),
                        "decision": item.decision.output if item.decision else "",
                        "state": STATE_WORDS[found[uid].review_state],
                    }
                )
            rows.append(
                {
                    "uid": brain.UID,
                    "title": meeting.Title(),
                    "start": meeting.start,
                    "date": french_date(meeting.start) if meeting.start else "",
                    "minutes_url": public_minutes_url(meeting),
                    "decisions": items,
                }
            )
        result.append({"assembly": assembly.Title(), "meetings": rows})
    return result


def public_agenda_meetings(assembly_id: str | None = None, since=None) -> list:
    """Brains of the meetings whose agenda is public, soonest first (one query)."""
    assemblies = [
        obj for obj in publishing_assemblies() if assembly_id is None or obj.getId() == assembly_id
    ]
    if not assemblies:
        return []
    query = {}
    if since is not None:
        query["start"] = {"query": since, "range": "min"}
    catalog = api.portal.get_tool("portal_catalog")
    return catalog.unrestrictedSearchResults(
        path=["/".join(obj.getPhysicalPath()) for obj in assemblies],
        portal_type="Meeting",
        review_state=list(PUBLISHED_AGENDA_STATES),
        sort_on="start",
        **query,
    )
