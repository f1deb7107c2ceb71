"""Catalog data of permits, so dashboards list files without waking them."""

from communesplone.core.indexers import attribute_indexer
from communesplone.urban.content.event import IPermitEvent
from communesplone.urban.content.permit import IPermit
from plone.indexer import indexer


permit_procedure = attribute_indexer(IPermit, "procedure")
permit_reference = attribute_indexer(IPermit, "reference")
folder_manager = attribute_indexer(IPermit, "folder_manager")
permit_next_due = attribute_indexer(IPermit, "tracking_next_due")
permit_next_title = attribute_indexer(IPermit, "tracking_next_title")
permit_decision_due = attribute_indexer(IPermit, "tracking_decision_due")
permit_decision_status = attribute_indexer(IPermit, "tracking_decision_status")
permit_fd_seized = attribute_indexer(IPermit, "fd_seized_on")
permit_inquiry_end = attribute_indexer(IPermit, "tracking_inquiry_end")
permit_decided_on = attribute_indexer(IPermit, "tracking_decided_on")
permit_publicity = attribute_indexer(IPermit, "tracking_publicity")
permit_locations = attribute_indexer(IPermit, "work_locations")
permit_stats = attribute_indexer(IPermit, "tracking_stats")


@indexer(IPermitEvent)
def event_start_not_indexed(event):
    """An inquiry's `start` is a date of the procedure, not a calendar event's start."""
    raise AttributeError("start")


@indexer(IPermit)
def permit_searchable_text(permit):
    """Reference, subject, addresses and parcels: what a clerk types to find a file."""
    parts = [permit.reference or "", permit.title or ""]
    parts += list(permit.work_locations or []) + list(permit.parcels or [])
    return " ".join(part for part in parts if part)
