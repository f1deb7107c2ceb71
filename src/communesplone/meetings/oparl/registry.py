"""What OParl needs and the content does not keep: change times and deletions.

A workflow transition does not change `modified`, and a deleted object leaves nothing
behind; yet an OParl client asking `modified_since` must learn of both. So each change
that can alter what OParl publishes stamps the object here, and each OParl object that
stops being published (deleted, or no longer public) leaves a record, served with
`deleted: true`. Reading never writes: an absent registry reads as empty.
"""

from BTrees.OOBTree import OOBTree
from datetime import datetime
from datetime import UTC
from persistent import Persistent
from plone import api
from zope.annotation.interfaces import IAnnotations


KEY = "communesplone.oparl"


class Records(Persistent):
    def __init__(self):
        # UID -> when it last changed in a way OParl shows.
        self.stamps = OOBTree()
        # UID -> the OParl paths ("meeting/<uid>") it published at its last change.
        self.seen = OOBTree()
        # OParl path -> {"type", "deleted", "created", "extra"}: no longer published.
        self.deleted = OOBTree()


def records(create: bool = False) -> Records | None:
    annotations = IAnnotations(api.portal.get())
    found = annotations.get(KEY)
    if found is None and create:
        found = annotations[KEY] = Records()
    return found


def now() -> datetime:
    return datetime.now(UTC)


def stamp_of(uid: str) -> datetime | None:
    found = records()
    return found.stamps.get(uid) if found is not None else None


def deleted_record(path: str) -> dict | None:
    found = records()
    return found.deleted.get(path) if found is not None else None


def deleted_records(kind: str) -> list[tuple[str, dict]]:
    """The deletion records of one kind of object ("meeting", "paper"…)."""
    found = records()
    if found is None:
        return []
    prefix = f"{kind}/"
    return list(found.deleted.items(min=prefix, max=prefix + "\uffff"))
