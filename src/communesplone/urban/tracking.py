"""What dashboards need of a file's deadlines, stored on it so listings never compute.

Refreshed when an event changes and by the daily task (a deadline passes with no act):
the next open deadline, the decision deadline and its status, and the day the Collège lost
competence (saisine of the FD), recorded once as a system event.
"""

from communesplone.core.calendar import french_date
from communesplone.core.daily import IDailyTask
from communesplone.urban.deadlines import permit_deadlines
from datetime import date
from datetime import timedelta
from plone import api
from plone.dexterity.utils import createContentInContainer
from zope.interface import implementer


OPEN_STATES = ("deposited", "incomplete", "instruction")
TRACKING_INDEXES = [
    "permit_next_due",
    "permit_decision_due",
    "permit_decision_status",
    "permit_inquiry_end",
    "permit_decided_on",
]
# Acts of the system, not of the procedure: the clock does not read them.
SYSTEM_EVENTS = ("fd_seizure",)


EMPTY = {
    "stats": None,
    "decided_on": None,
    "publicity": None,
    "inquiry_end": None,
    "next_due": None,
    "next_title": "",
    "decision_due": None,
    "decision_status": "not_applicable",
}


def summary(permit, on: date) -> dict:
    if api.content.get_state(permit, default=None) == "abandoned":
        return dict(EMPTY)  # closed by hand: no deadline runs any more
    deadlines = permit_deadlines(permit, on)
    open_ones = [d for d in deadlines if d.status == "open" and d.due is not None]
    upcoming = min(open_ones, key=lambda d: d.due, default=None)
    decision = next((d for d in deadlines if d.id == "decision"), None)
    publicity = [
        d
        for d in deadlines
        if d.id.split(":")[0] in ("inquiry_end", "announcement_end") and d.status == "open"
    ]
    current = max(publicity, key=lambda d: d.due, default=None)
    events = permit.events()
    decisions = [e for e in events if e.event_type == "decision"]
    return {
        "stats": _stats(events, decision),
        "decided_on": decisions[-1].date.isoformat() if decisions else None,
        "publicity": _publicity(events, current),
        "inquiry_end": current.due.isoformat() if current else None,
        "next_due": upcoming.due.isoformat() if upcoming else None,
        "next_title": upcoming.title if upcoming else "",
        "decision_due": decision.due.isoformat() if decision and decision.due else None,
        "decision_status": decision.status if decision else "not_applicable",
    }


def _stats(events, decision) -> dict | None:
    """Dates the statistics page counts with (one catalog query, no file woken up)."""

    def first(kind):
        found = [e.date for e in events if e.event_type == kind]
        return min(found).isoformat() if found else None

    deposit = first("deposit")
    if deposit is None:
        return None
    on_time = None
    if decision is not None and decision.status in ("met", "missed"):
        decided = [e for e in events if e.event_type == "decision"]
        on_time = decision.status == "met" if decided else False
    return {
        "deposit": deposit,
        "acknowledgement": first("acknowledgement"),
        "decision": first("decision"),
        "on_time": on_time,
    }


def _publicity(events, current) -> dict | None:
    """What the public register says of the announcement or inquiry not over yet."""
    if current is None:
        return None
    kinds = ("inquiry", "announcement")
    found = [e for e in events if e.event_type in kinds]
    if not found:
        return None
    event = found[-1]
    return {
        "kind": event.event_type,
        "start": (event.start or event.date).isoformat(),
        "end": current.due.isoformat(),
        "place": event.place or "",
    }


def refresh(permit, on: date | None = None, record_saisine_now: bool = False) -> bool:
    """Store the summary; True when anything changed.

    Only the daily task records the saisine: an agent entering a file's history step by
    step passes through states where the decision looks late.
    """
    on = on or date.today()
    wanted = summary(permit, on)
    changed = False
    for key, value in wanted.items():
        if getattr(permit, f"tracking_{key}", None) != value:
            setattr(permit, f"tracking_{key}", value)
            changed = True
    missed = wanted["decision_status"] == "missed"
    if record_saisine_now and missed and not permit.fd_seized_on:
        record_saisine(permit, date.fromisoformat(wanted["decision_due"]))
        changed = True
    if changed:
        permit.reindexObject(idxs=TRACKING_INDEXES)
    return changed


def record_saisine(permit, due: date) -> None:
    """The Collège did not decide in time: the FD is seized (CoDT), said on the file."""
    permit.fd_seized_on = due + timedelta(days=1)
    createContentInContainer(
        permit,
        "PermitEvent",
        checkConstraints=False,
        event_type="fd_seizure",
        date=permit.fd_seized_on,
        comment=(
            f"Délai de décision dépassé le {french_date(due)} : le fonctionnaire délégué "
            "est saisi du dossier."
        ),
    )


@implementer(IDailyTask)
class RefreshDeadlines:
    """Deadlines move with the days: deemed complete files, passed decision deadlines."""

    def __call__(self, site):
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog.unrestrictedSearchResults(
            portal_type="Permit", review_state=list(OPEN_STATES)
        )
        changed = sum(
            refresh(brain._unrestrictedGetObject(), record_saisine_now=True) for brain in brains
        )
        return f"{len(brains)} dossier(s) ouvert(s), {changed} mis à jour"
