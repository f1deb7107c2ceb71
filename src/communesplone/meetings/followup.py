"""The follow-up of decisions: the executing service reports, a dashboard lists.

An accepted item names the service that executes the decision and a due date (its
form). That service's agents and managers (ItemExecutor, localroles.py) and the meeting
managers report the execution (date and note); the decisions to execute, the late ones and
the executed ones are listed from the catalog, as the reader sees them.
"""

from communesplone import _
from communesplone.core.calendar import french_date
from communesplone.core.structure import service_options
from datetime import date
from plone import api
from zExceptions import Unauthorized


FOLLOW_UP = "communesplone.meetings: Follow up decisions"
# Only a decision that was taken is executed: refused, postponed, withdrawn ones are not.
EXECUTABLE_STATES = ("accepted", "accepted_amended")
DECIDING_TRANSITIONS = ("accept", "accept_amended")
FOLLOW_UP_INDEXES = ("execution_service", "execution_due", "execution_done")


class FollowUpError(ValueError):
    """A report refused for a reason the reporter can fix; nothing was changed."""


def _refuse(message) -> FollowUpError:
    return FollowUpError(api.portal.translate(message))


def may_report(item) -> bool:
    """Whether the current user may report the execution of this decision now."""
    return (
        api.content.get_state(item) in EXECUTABLE_STATES
        and bool(item.execution_service)
        and api.user.has_permission(FOLLOW_UP, obj=item)
    )


def decided_on(item) -> date | None:
    """The earliest date the decision can have been taken: its session's day, or the day
    it was recorded if that came first (a session dated later than its record)."""
    days = []
    meeting = item.meeting()
    if meeting is not None and meeting.start is not None:
        days.append(meeting.start.date())
    history = (getattr(item, "workflow_history", None) or {}).get("communesplone_item_workflow")
    recorded = [e["time"] for e in history or () if e.get("action") in DECIDING_TRANSITIONS]
    if recorded:
        days.append(recorded[-1].asdatetime().date())
    return min(days) if days else None


def report(item, done: date, note: str = "") -> None:
    """Record that the decision was executed on `done`; refused as a whole, or done."""
    if not api.user.has_permission(FOLLOW_UP, obj=item):
        raise Unauthorized("Follow up decisions")
    if api.content.get_state(item) not in EXECUTABLE_STATES:
        raise _refuse(_("Seule une décision acceptée peut être déclarée exécutée."))
    if not item.execution_service:
        raise _refuse(_("Ce point n'a pas de service chargé de l'exécution."))
    if not isinstance(done, date):
        raise _refuse(_("Indiquez la date d'exécution."))
    if done > date.today():
        raise _refuse(_("La date d'exécution ne peut pas être dans le futur."))
    decided = decided_on(item)
    if decided is not None and done < decided:
        raise _refuse(
            _(
                "La date d'exécution ne peut pas précéder la décision (${date}).",
                mapping={"date": french_date(decided)},
            )
        )
    item.execution_done = done
    item.execution_note = (note or "").strip()
    # Only this index changed; naming it refreshes the item's metadata as well.
    item.reindexObject(idxs=["execution_done"])


def service_titles() -> dict:
    """Service code → title, from one catalog query."""
    return {option["code"]: option["title"] for option in service_options()}


def is_late(due: date | None, done: date | None, today: date) -> bool:
    """Late: the due date has passed and no execution was reported."""
    return bool(due and not done and due < today)


def _stored_date(value) -> date | None:
    # Missing.Value (a column added after the item was indexed) counts as no date.
    return value if isinstance(value, date) else None


def _row(brain, titles: dict, today: date) -> dict:
    due = _stored_date(brain.execution_due)
    done = _stored_date(brain.execution_done)
    return {
        "title": brain.Title,
        "url": brain.getURL(),
        "service": brain.execution_service,
        "service_title": titles.get(brain.execution_service, brain.execution_service),
        "due": due,
        "done": done,
        "late": is_late(due, done, today),
    }


def matches(row: dict, late: bool = False, done: bool | None = None) -> bool:
    """Whether a row passes the `late` only and done/not done filters."""
    if late and not row["late"]:
        return False
    return done is None or bool(row["done"]) == done


def decisions_to_execute(
    service: str | None = None,
    late: bool = False,
    done: bool | None = None,
    titles: dict | None = None,
) -> list[dict]:
    """The accepted decisions with an executing service that the current user may see,
    earliest due first, from one restricted catalog query read from metadata.

    `service` keeps one service's; `late` only the late ones; `done` the executed ones
    (True) or the others (False). `titles` spares the services query when known."""
    titles = service_titles() if titles is None else titles
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog(
        portal_type="MeetingItem",
        review_state=list(EXECUTABLE_STATES),
        execution_service=service or {"query": "", "range": "min"},
    )
    today = date.today()
    rows = [_row(brain, titles, today) for brain in brains]
    rows.sort(key=lambda row: (row["due"] is None, row["due"] or today, row["title"]))
    return [row for row in rows if matches(row, late=late, done=done)]
