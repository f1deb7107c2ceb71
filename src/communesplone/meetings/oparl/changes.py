"""Keep the OParl registry up to date as the content changes.

After each change that may alter what OParl publishes (a transition, an edit, a new
agenda order, a mandate, a deletion), the object is stamped, and every OParl object it
published before and no longer does gets a deletion record. What it publishes again
loses its record. Transitions are followed once the catalog knows the new state
(`IActionSucceededEvent`), not before.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from communesplone.core.lookup import object_of
from communesplone.meetings.content.assembly import IAssembly
from communesplone.meetings.oparl import registry
from communesplone.meetings.oparl.objects import OParl
from communesplone.meetings.oparl.objects import TYPES
from communesplone.meetings.publication import PUBLISHED_AGENDA_STATES
from plone import api
from plone.base.interfaces import IPloneSiteRoot
from zope.container.interfaces import IContainerModifiedEvent


def candidates(obj) -> list[str]:
    """The OParl paths this object may publish."""
    uid = obj.UID()
    kind = getattr(obj, "portal_type", None)
    if kind == "Meeting":
        return [f"meeting/{uid}", f"location/{uid}", f"file/agenda-{uid}", f"file/minutes-{uid}"]
    if kind == "MeetingItem":
        return [f"agendaitem/{uid}", f"paper/{uid}", f"consultation/{uid}"]
    if kind == "Person":
        return [f"person/{uid}"]
    if kind == "Mandate":
        return [f"membership/{uid}"]
    if IAssembly.providedBy(obj) or kind in ("Service", "Organization"):
        return [f"organization/{uid}"]
    return []


def _deletion(path: str, obj, when) -> dict:
    kind = path.split("/", 1)[0]
    created = obj.created() if obj is not None else None
    record = {
        "type": TYPES[kind],
        "deleted": when,
        "created": created.asdatetime() if created is not None else None,
        "extra": {},
    }
    if kind == "agendaitem":
        record["extra"] = {"order": 0}  # required by the schema; a deleted item has none
    return record


def assembly_publishes(obj) -> bool:
    """Whether the assembly holding a meeting or an item publishes its decisions."""
    return bool(getattr(aq_parent(aq_inner(obj)), "publish_decisions", False))


def may_publish(obj) -> bool:
    """False when `obj` surely publishes nothing, read on the object alone.

    A meeting or an item of an assembly that does not publish its decisions (the
    Collège), a meeting before its agenda is frozen, a huis clos item: no OParl object
    to build. Building one searches the catalog, and each search first indexes every
    change pending in the transaction: done at each step of an item's workflow, it made
    an item's preparation cost several full indexings.
    """
    kind = getattr(obj, "portal_type", None)
    if kind not in ("Meeting", "MeetingItem"):
        return True
    if not assembly_publishes(obj):
        return False
    if kind == "Meeting":
        return api.content.get_state(obj=obj, default=None) in PUBLISHED_AGENDA_STATES
    return getattr(obj, "privacy", None) == "public"


def refresh(obj, oparl: OParl | None = None) -> None:
    """Stamp `obj` and record what it stopped publishing.

    An object that publishes nothing and never did leaves no trace: the records are
    written by every request that changes an item, and each write is one more chance
    for two requests to conflict.
    """
    paths = candidates(obj)
    if not paths:
        return
    records = registry.records(create=True)
    uid = obj.UID()
    when = registry.now()
    if may_publish(obj):
        oparl = oparl or OParl()
        now = tuple(path for path in paths if oparl.build(path, internal=False) is not None)
    else:
        now = ()
    before = tuple(records.seen.get(uid, ()))
    for path in set(before) - set(now):
        records.deleted[path] = _deletion(path, obj, when)
    for path in now:
        if path in records.deleted:
            del records.deleted[path]
    if now and before != now:
        records.seen[uid] = now
    elif not now and uid in records.seen:
        del records.seen[uid]
    if now or before:
        records.stamps[uid] = when


def forget(obj) -> None:
    """A deleted object: what it published is recorded as deleted."""
    records = registry.records()
    uid = obj.UID() if hasattr(obj, "UID") else None
    if records is None or uid is None or uid not in records.seen:
        return
    when = registry.now()
    for path in records.seen[uid]:
        records.deleted[path] = _deletion(path, obj, when)
    del records.seen[uid]
    records.stamps[uid] = when


def refresh_meeting(meeting, items: bool = True) -> None:
    oparl = OParl()
    refresh(meeting, oparl)
    if items:
        for uid in list(meeting.agenda):
            item = object_of(uid)
            if item is not None:
                refresh(item, oparl)


def refresh_item(item) -> None:
    oparl = OParl()
    refresh(item, oparl)
    for other in oparl.chain(item):
        if other is not item:
            refresh(other, oparl)
    if not assembly_publishes(item):
        return  # nor does its meeting, in the same assembly
    meeting = item.meeting()
    if meeting is not None:
        refresh(meeting, oparl)


def stamp_agenda(meeting) -> None:
    """A new order changes every agenda item's number: stamp them all (no wake-up)."""
    records = registry.records(create=True)
    when = registry.now()
    for uid in (meeting.UID(), *meeting.agenda):
        records.stamps[uid] = when


# -- subscribers ------------------------------------------------------------------------


def _site_going(event) -> bool:
    return IPloneSiteRoot.providedBy(getattr(event, "object", None))


def _state_indexed(obj, event) -> None:
    """The workflow tool reindexes the new state after its events: do it now."""
    if getattr(event, "action", None):
        obj.reindexObject(idxs=["review_state"])


def meeting_changed(meeting, event):
    _state_indexed(meeting, event)
    refresh_meeting(meeting)


def item_changed(item, event):
    _state_indexed(item, event)
    refresh_item(item)


def assembly_changed(assembly, event):
    """Only a change of « Publier les décisions » changes what its meetings publish.

    An item added to the assembly is a container modification too: it changes nothing
    of the others, and going through every meeting then would make each new item cost
    as much as the whole assembly.
    """
    if IContainerModifiedEvent.providedBy(event):
        return
    refresh(assembly)
    changed = {
        name
        for description in getattr(event, "descriptions", ()) or ()
        for name in getattr(description, "attributes", ())
    }
    if changed and not any(name.endswith("publish_decisions") for name in changed):
        return
    catalog = api.portal.get_tool("portal_catalog")
    path = "/".join(assembly.getPhysicalPath())
    for brain in catalog.unrestrictedSearchResults(portal_type="Meeting", path=path):
        refresh_meeting(brain._unrestrictedGetObject())


def directory_changed(obj, event):
    refresh(obj)
    if obj.portal_type == "Mandate":
        membership_changed(obj, obj.__parent__)


def membership_changed(mandate, person) -> None:
    """The person and the assembly list their memberships: both changed."""
    oparl = OParl()
    if person is not None:
        refresh(person, oparl)
    assembly = oparl.assembly_by_kind.get(getattr(mandate, "body", None))
    if assembly is not None:
        refresh(assembly, oparl)


def removed(obj, event):
    if _site_going(event):
        return
    forget(obj)
    parent = getattr(event, "oldParent", None)
    if getattr(obj, "portal_type", None) == "Mandate":
        membership_changed(obj, parent if _still_there(parent) else None)


def _still_there(obj) -> bool:
    """False for a person deleted with its mandates: its own record says so already."""
    container = getattr(obj, "__parent__", None)
    return container is not None and obj.getId() in container.objectIds()
