"""Workflow consequences: presenting, unpresenting, postponing, meeting cascades."""

from communesplone.core.workflow import set_state
from communesplone.meetings import advices
from communesplone.meetings import agenda
from communesplone.meetings import closing
from communesplone.meetings import notifications
from communesplone.meetings import recurring
from communesplone.meetings import transmission
from communesplone.meetings.content.assembly import assembly_of
from communesplone.meetings.content.item import default_service
from communesplone.meetings.content.meeting import meeting_defaults
from html import escape
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.dexterity.utils import createContentInContainer
from Products.CMFCore.WorkflowCore import WorkflowException

import re


def _transition(event):
    return event.transition.id if event.transition is not None else None


def item_before_transition(item, event):
    transition = _transition(event)
    if transition == "send_back" and not (event.kwargs or {}).get("comment", "").strip():
        raise WorkflowException("Indiquez pourquoi le point est renvoyé à son auteur.")
    if transition == "validate":
        missing = advices.missing_mandatory(item)
        if missing:
            titles = advices.service_titles()
            raise WorkflowException(
                "Avis obligatoire manquant ("
                + ", ".join(titles.get(code, code) for code in missing)
                + ") : le point ne peut être validé avant que cet avis soit donné."
            )
    if transition == "present" and agenda.target_meeting(item) is None:
        raise WorkflowException(
            "Aucune séance de cette assemblée n'accepte de points : créez d'abord la séance."
        )


def item_after_transition(item, event):
    transition = _transition(event)
    if transition in ("propose", "validate"):
        advices.ask(item)
    elif transition == "send_back":
        notifications.item_sent_back(item, (event.kwargs or {}).get("comment", ""))
    if transition == "present":
        meeting = agenda.target_meeting(item)
        late = agenda.meeting_state(meeting) == "frozen"
        item.list_type = "late" if late else "normal"
        item.meeting_uid = meeting.UID()
        agenda.insert(meeting, item)
        item.reindexObject()
        notifications.item_presented(item, meeting)
        if late:
            api.content.transition(obj=item, transition="freeze")
            notifications.late_item(item, meeting)
    elif transition == "unpresent":
        meeting = item.meeting()
        if meeting is not None:
            agenda.remove(meeting, item)
        item.meeting_uid = None
        item.list_type = "normal"
        item.reindexObject()
    elif transition == "postpone":
        postpone(item)
    elif transition in transmission.ACCEPTING and item.to_council:
        transmission.transmit(item)


COPIED_FIELDS = (
    "title",
    "category",
    "privacy",
    "motivation",
    "decision",
    "to_council",
)


def postpone(item):
    """Copy the item, validated, for the next meeting of the assembly."""
    meeting = item.meeting()
    assembly = assembly_of(item)
    after = meeting.start if meeting is not None else None
    following = agenda.next_open_meeting(assembly, after=after, exclude=meeting)
    # The clerk may postpone (the workflow checked it); the copy is the system's doing:
    # it resumes the state the original had before it was presented, which the clerk
    # could not give it on the service's behalf. A new item with the same content, not a
    # database copy: the copy machinery exports objects, which fails on items made in the
    # same transaction, as demo data are.
    copy = createContentInContainer(
        assembly,
        "MeetingItem",
        checkConstraints=False,
        **{name: getattr(item, name, None) for name in COPIED_FIELDS},
        proposing_service=item.stored_service,
        # The copy keeps a link to the postponed original.
        linked_items=[item.UID()] + list(item.linked_items or []),
        preferred_meeting=following.UID() if following is not None else None,
    )
    set_state(copy, "validated", comment="Point reporté : copie pour la séance suivante.")
    return copy


# meeting transition: (items in this state, item transition), after the meeting moved.
# Closing decides what is left before, while items may still be decided (closing.py).
CASCADE_AFTER = {
    "freeze": ("presented", "freeze"),
    "back_to_created": ("frozen", "back_to_presented"),
}


def _cascade(meeting, rule):
    state, item_transition = rule
    for brain in agenda.agenda_brains(meeting, restricted=False):
        if brain.review_state == state:
            api.content.transition(obj=brain._unrestrictedGetObject(), transition=item_transition)


def meeting_before_transition(meeting, event):
    if _transition(event) == "close":
        closing.before_close(meeting)


def meeting_after_transition(meeting, event):
    transition = _transition(event)
    rule = CASCADE_AFTER.get(transition)
    if rule:
        _cascade(meeting, rule)
    if transition == "freeze":
        notifications.meeting_frozen(meeting)
    elif transition == "close":
        closing.seal(meeting)
    elif transition == "back_to_decided":
        closing.seal(meeting, sealed=False)


def meeting_added(meeting, event):
    meeting_defaults(meeting)
    meeting.reindexObject()
    recurring.add_recurring_items(meeting)


def item_added(item, event):
    """Store the proposing service chosen for the creator when none was given.

    Left to the field's default, it would be computed again for every reader.
    """
    if not item.stored_service:
        item.proposing_service = default_service(item)
    fill_default_texts(item)
    item.reindexObject()
    item.reindexObjectSecurity()


def item_modified(item, event):
    fill_default_texts(item)
    advices.ask(item)  # a service added to an item already proposed
    # The proposing service decides who holds which role on the item.
    item.reindexObjectSecurity()


def _is_empty(text) -> bool:
    raw = getattr(text, "raw", text) or ""
    return not re.sub(r"<[^>]*>|&nbsp;|\s", "", raw)


def fill_default_texts(item) -> None:
    """Give an empty motivation or decision the category's text type, once known."""
    assembly = assembly_of(item)
    if assembly is None or not item.category:
        return
    for field in ("motivation", "decision"):
        template = assembly.default_text(field, item.category)
        if template and _is_empty(getattr(item, field, None)):
            paragraphs = "".join(
                f"<p>{escape(part.strip())}</p>" for part in template.split("\n\n") if part.strip()
            )
            setattr(
                item,
                field,
                RichTextValue(paragraphs, mimeType="text/html", outputMimeType="text/x-html-safe"),
            )
