"""Catalog lookups that do not first index the transaction's pending changes.

Each catalog search runs the indexing queue before it searches. Called from an event
handler or a field's default, that indexes the object being created or changed right
now, which the queue would otherwise index once, at commit: a mail's registration or
an item's preparation then cost two full indexings or more. The lookups here search
the catalog as it is when nothing pending concerns what they ask for, and go the
ordinary way otherwise.
"""

from plone import api
from plone.app.uuid.utils import uuidToObject
from Products.CMFCore.indexing import getQueue
from Products.CMFCore.indexing import processQueue
from zExceptions import NotFound


def object_of(uid: str | None):
    """The object of `uid`, unrestricted, or None.

    Found in the catalog as it is when it existed before the transaction; a UID the
    catalog does not know yet, or a path that no longer leads to the object (moved in
    this transaction), goes through plone.app.uuid.
    """
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


def unrestricted_search(portal_type: str, **query) -> list:
    """Brains of `portal_type`, unrestricted: the queue runs first only when it holds
    an object of that type (one created or changed in this transaction)."""
    pending = (getattr(entry[1], "portal_type", None) for entry in getQueue().getState())
    if portal_type in pending:
        processQueue()
    catalog = api.portal.get_tool("portal_catalog")
    return catalog._unrestrictedSearchResults(portal_type=portal_type, **query)
