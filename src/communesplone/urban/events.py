"""Consequences of acts on permit files: the reference at creation, the state after events."""

from communesplone.core.naming import assign_reference
from communesplone.core.workflow import set_state
from communesplone.urban import tracking
from communesplone.urban.content.permit import IPermit
from communesplone.urban.naming import PermitReference
from communesplone.urban.states import MANUAL_STATES
from communesplone.urban.states import state_from_events
from communesplone.urban.vocabularies import folder_managers
from plone import api


def permit_added(permit, event):
    if not permit.reference:
        assign_reference(permit, PermitReference(permit))
    if not permit.folder_manager:
        # The agent who opens a file handles it, unless told otherwise.
        userid = api.user.get_current().getId()
        if userid in {term.value for term in folder_managers(permit)}:
            permit.folder_manager = userid
    permit.reindexObject()
    tracking.refresh(permit)


def _permit_of(permit_event):
    parent = getattr(permit_event, "__parent__", None)
    return parent if IPermit.providedBy(parent) else None


def follow_events(permit, exclude=None) -> None:
    """Put the permit in the state its events give (unless closed by hand)."""
    current = api.content.get_state(permit, default=None)
    if current in MANUAL_STATES:
        return
    events = [
        clock_event
        for clock_event in permit.clock_events()
        if exclude is None or clock_event.id != exclude.getId()
    ]
    wanted = state_from_events(events)
    if wanted != current:
        set_state(permit, wanted, comment="État donné par les étapes du dossier.")
    tracking.refresh(permit)


def event_changed(permit_event, event):
    permit = _permit_of(permit_event)
    if permit is not None:
        follow_events(permit)


def event_removed(permit_event, event):
    permit = event.oldParent if IPermit.providedBy(event.oldParent) else None
    if permit is not None:
        if permit_event.event_type == "fd_seizure":
            # A saisine recorded by mistake and removed by hand may be recorded again.
            permit.fd_seized_on = None
        follow_events(permit, exclude=permit_event)


def permit_transitioned(permit, event):
    """Closing a file stops its clock; reopening puts it back where its events say."""
    if event.transition is None:
        return
    if event.transition.id == "reopen":
        follow_events(permit)
    elif event.transition.id == "abandon":
        tracking.refresh(permit)
