"""The suite's content is indexed on its own attributes, as plone.indexer would index it."""

from datetime import datetime
from datetime import timedelta
from plone import api
from plone.dexterity.utils import createContentInContainer
from plone.indexer.interfaces import IIndexableObject
from plone.indexer.wrapper import IndexableObjectWrapper
from Products.CMFCore.indexing import processQueue
from worlds import add_assembly
from worlds import populate
from zope.component import getMultiAdapter

import pytest


MISSING = object()


def read(wrapper, name):
    try:
        value = getattr(wrapper, name)
    except AttributeError:
        return MISSING
    return value() if callable(value) else value


@pytest.fixture
def contents(portal):
    """One object of each module's main types, each in its own container."""
    populate(portal, (("travaux", "Travaux"),), {})
    add = createContentInContainer
    mails = add(portal, "MailFolder", checkConstraints=False, id="courrier", title="Courrier")
    college = add_assembly(portal, categories=["Travaux"])
    start = datetime.now() + timedelta(days=7)
    permits = add(portal, "PermitFolder", checkConstraints=False, id="urbanisme", title="Urb.")
    found = [
        mails,
        add(mails, "IncomingMail", title="Demande de raccordement"),
        college,
        add(college, "Meeting", title="Séance", start=start, end=start + timedelta(hours=2)),
        add(college, "MeetingItem", title="Achat de sel", category="Travaux"),
        permits,
        add(permits, "Permit", title="Véranda", procedure="pu"),
    ]
    processQueue()
    return found


def test_every_index_and_column_reads_as_plone_indexer_reads_it(contents):
    catalog = api.portal.get_tool("portal_catalog")
    names = sorted(set(catalog.indexes()) | set(catalog.schema()))
    assert len(names) > 100  # the suite's own and Plone's
    for obj in contents:
        ours = getMultiAdapter((obj, catalog), IIndexableObject)
        assert type(ours).__name__ == "OwnAttributesWrapper", obj.portal_type
        plain = IndexableObjectWrapper(obj, catalog)
        for name in names:
            assert read(ours, name) == read(plain, name), (obj.portal_type, name)


def test_what_a_container_has_is_not_indexed_on_its_content(contents):
    """A container's attribute never becomes its content's value (no acquisition)."""
    catalog = api.portal.get_tool("portal_catalog")
    folder, mail = contents[0], contents[1]
    folder.mail_reminder_sent = "acquis"
    folder.reindexObject()
    mail.reindexObject()
    processQueue()
    (brain,) = catalog.unrestrictedSearchResults(UID=mail.UID())
    assert brain.mail_reminder_sent != "acquis"
    wrapper = getMultiAdapter((mail, catalog), IIndexableObject)
    assert read(wrapper, "getRemoteUrl") is MISSING


def test_every_content_type_of_the_suite_is_indexed_on_its_own_attributes(portal):
    from communesplone.core.interfaces import ISuiteContent
    from zope.dottedname.resolve import resolve

    types = api.portal.get_tool("portal_types")
    klasses = [getattr(fti, "klass", "") for fti in types.objectValues()]
    ours = [name for name in klasses if name.startswith("communesplone.")]
    assert len(ours) >= 20
    for name in ours:
        assert ISuiteContent.implementedBy(resolve(name)), name
