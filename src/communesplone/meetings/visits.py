"""When each member last read a meeting's agenda, to mark what is new or changed since.

Recorded only when the member says so (a POST from the meeting's page), never by reading:
a GET writes nothing.
"""

from BTrees.OOBTree import OOBTree
from communesplone.core.persistence import has_stored
from communesplone.core.persistence import stored
from DateTime import DateTime


def last_visit(meeting, userid: str | None):
    visits = stored(meeting, "_visits")
    if visits is None or not userid:
        return None
    return visits.get(userid)


def record_visit(meeting, userid: str) -> DateTime:
    if not has_stored(meeting, "_visits"):
        meeting._visits = OOBTree()
    now = DateTime()
    meeting._visits[userid] = now
    return now


def changed_since(modified, visit) -> bool:
    """New or changed since the visit (everything is, before the first one)."""
    return visit is None or (modified is not None and modified > visit)
