"""Catalog data of permits, so dashboards list files without waking them."""

from communesplone.core.indexers import attribute_indexer
from communesplone.urban.content.permit import IPermit
from plone.indexer import indexer


permit_procedure = attribute_indexer(IPermit, "procedure")
permit_reference = attribute_indexer(IPermit, "reference")
folder_manager = attribute_indexer(IPermit, "folder_manager")


@indexer(IPermit)
def permit_searchable_text(permit):
    """Reference, subject, addresses and parcels: what a clerk types to find a file."""
    parts = [permit.reference or "", permit.title or ""]
    parts += list(permit.work_locations or []) + list(permit.parcels or [])
    return " ".join(part for part in parts if part)
