"""College → Council: an item the Collège accepts « à transmettre au Conseil » becomes a
Conseil item, validated (the Collège's decision is the proposal), with copies of its
annexes; each item links to the other.

The Conseil item is the system's doing, made once: accepting again (after a correction of
the decision) does not make a second one.
"""

from communesplone.core.persistence import stored
from communesplone.core.workflow import set_state
from communesplone.meetings.content.annex import IAnnex
from communesplone.meetings.content.assembly import assembly_of
from communesplone.meetings.content.assembly import IAssembly
from plone import api
from plone.app.uuid.utils import uuidToObject
from plone.dexterity.utils import createContentInContainer
from plone.namedfile.file import NamedBlobFile


ACCEPTING = ("accept", "accept_amended")
# What the Conseil item takes from the Collège item (its decision proposes the Conseil's).
COPIED_FIELDS = ("title", "privacy", "motivation", "decision")


def destination(item):
    """The assembly the item's decisions go to: its assembly's setting, else the Conseil."""
    own = assembly_of(item)
    portal = api.portal.get()
    target_id = getattr(own, "send_to", None)
    if target_id and IAssembly.providedBy(portal.get(target_id)):
        return portal[target_id]
    councils = [
        obj
        for obj in portal.objectValues()
        if IAssembly.providedBy(obj)
        and obj.kind == "council"
        and (own is None or obj.getId() != own.getId())
    ]
    return councils[0] if councils else None


def transmitted_item(item):
    """The Conseil item made from this one, or None."""
    uid = stored(item, "transmitted_uid")
    return uuidToObject(uid, unrestricted=True) if uid else None


def transmit(item):
    """Make the Conseil item (once); return it, or None when there is nowhere to send it."""
    if stored(item, "transmitted_uid"):
        return transmitted_item(item)
    target = destination(item)
    if target is None:
        return None
    category = item.category if item.category in (target.categories or []) else None
    sent = createContentInContainer(
        target,
        "MeetingItem",
        checkConstraints=False,
        **{name: getattr(item, name, None) for name in COPIED_FIELDS},
        category=category,
        proposing_service=item.stored_service,
        linked_items=[item.UID()],
        to_council=False,
    )
    for annex in item.objectValues():
        if IAnnex.providedBy(annex) and annex.file is not None:
            createContentInContainer(
                sent,
                "Annex",
                checkConstraints=False,
                title=annex.title,
                annex_type=annex.annex_type,
                file=NamedBlobFile(
                    data=annex.file.data,
                    contentType=annex.file.contentType,
                    filename=annex.file.filename,
                ),
            )
    set_state(sent, "validated", comment="Transmis par le Collège après sa décision.")
    item.transmitted_uid = sent.UID()
    sent.transmitted_from = item.UID()
    item.linked_items = [*(item.linked_items or []), sent.UID()]
    item.reindexObject()
    return sent
