"""UIDs resolved without indexing the transaction's pending changes first."""

from communesplone.core.lookup import object_of
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from Products.CMFCore.indexing import processQueue

import pytest


@pytest.fixture(autouse=True)
def manager(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])


def test_an_object_is_found_by_its_uid_also_when_new_or_moved(portal):
    old = api.content.create(container=portal, type="Folder", id="ancien", title="Ancien")
    processQueue()
    assert object_of(old.UID()).getPhysicalPath() == old.getPhysicalPath()

    new = api.content.create(container=portal, type="Folder", id="nouveau", title="Nouveau")
    assert object_of(new.UID()).getPhysicalPath() == new.getPhysicalPath()  # not yet indexed

    moved = api.content.move(source=old, target=new)
    assert object_of(moved.UID()).getPhysicalPath() == (*new.getPhysicalPath(), "ancien")


def test_an_unknown_or_deleted_uid_is_none(portal):
    gone = api.content.create(container=portal, type="Folder", id="parti", title="Parti")
    processQueue()
    uid = gone.UID()
    api.content.delete(gone)
    assert object_of(uid) is None
    assert object_of("0" * 32) is None
    assert object_of(None) is None and object_of("") is None


def test_a_search_runs_the_queue_only_for_the_type_it_asks(portal):
    from communesplone.core import structure
    from communesplone.core.lookup import unrestricted_search
    from plone.dexterity.utils import createContentInContainer
    from Products.CMFCore.indexing import getQueue

    chart = structure.orgchart()
    createContentInContainer(chart, "Service", code="travaux", title="Travaux")
    assert [b.service_code for b in unrestricted_search("Service")] == ["travaux"]
    assert getQueue().length() == 0  # a Service was pending: the queue ran

    api.content.create(container=portal, type="Folder", id="en-attente", title="En attente")
    assert getQueue().length() > 0
    assert [b.service_code for b in unrestricted_search("Service")] == ["travaux"]
    assert getQueue().length() > 0  # nothing of it is a Service: left for the commit
    assert not api.portal.get_tool("portal_catalog")._unrestrictedSearchResults(id="en-attente")
