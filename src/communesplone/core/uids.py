"""Resolve a UID to its object without first indexing the transaction's pending changes.

plone.app.uuid asks the catalog, and each catalog search first runs the indexing queue.
Called from an event handler, that indexes the object being created or changed right
now, which the queue would otherwise index once, at commit: a mail's registration or
an item's workflow step then cost two full indexings or more. Objects that existed
before the transaction are found in the catalog as it is; a UID it does not know yet,
or a path that no longer leads to the object (moved in this transaction), goes the
ordinary way.
"""

from plone import api
from plone.app.uuid.utils import uuidToObject
from zExceptions import NotFound


def object_of(uid: str | None):
    """The object of `uid`, unrestricted, or None."""
    if not uid:
        return None
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog._unrestrictedSearchResults(UID=uid)
    if len(brains) == 1:
        try:
            obj = brains[0]._unrestrictedGetObject()
        except (AttributeError, KeyError, LookupError, NotFound):
            obj = None
        if obj is not None and getattr(obj, "UID", lambda: None)() == uid:
            return obj
    return uuidToObject(uid, unrestricted=True)
