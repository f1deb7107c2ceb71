"""Upgrade steps of the mail profile, run by `communesplone sites upgrade`."""

from communesplone.mail.deadlines import OPEN_STATES
from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


PROFILE = "profile-communesplone.mail:default"
RECORDS_PREFIX = "communesplone.mail."


def add_deadline_settings(context):
    """Deadline settings, their control panel and the reminder flags' columns.

    Importing registry.xml resets every record it declares: the values the commune
    already chose (DG review, validation…) are put back afterwards.
    """
    registry = getUtility(IRegistry)
    names = registry.records.keys(RECORDS_PREFIX, RECORDS_PREFIX + "\uffff")
    chosen = {name: registry[name] for name in names}
    setup = api.portal.get_tool("portal_setup")
    for step in ("plone.app.registry", "catalog", "controlpanel"):
        setup.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
    for name, value in chosen.items():
        registry[name] = value
    catalog = api.portal.get_tool("portal_catalog")
    # Only open mails are candidates for reminders: their metadata gets the new columns
    # (naming an index refreshes the metadata); a reopened mail is reindexed anyway.
    for brain in catalog.unrestrictedSearchResults(
        portal_type="IncomingMail", review_state=list(OPEN_STATES)
    ):
        brain._unrestrictedGetObject().reindexObject(idxs=["mail_due"])


def add_capture_indexes(context):
    """Senders are found by their e-mail address; the readers of mail in copy are indexed.

    Mails already in copy count as read by everyone: nobody finds years of mail unread.
    """
    from communesplone.mail import copies

    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile(PROFILE, "catalog", run_dependencies=False)
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type=["Person", "Organization"]):
        brain._unrestrictedGetObject().reindexObject(idxs=["contact_email"])
    for brain in catalog.unrestrictedSearchResults(portal_type="IncomingMail"):
        mail = brain._unrestrictedGetObject()
        if mail.copy_services:
            copies.mark_read_by_everyone(mail)
        else:
            mail.reindexObject(idxs=["mail_read_by"])
