"""« Unread » mail in copy: who of a copy service has opened the mail, per user.

A mail is read by a user once its page, opened by them, has POSTed `@@courrier-lu`
(a GET never writes). The readers are kept on the mail (a tree set of userids) and in
the `mail_read_by` index, so the dashboard finds the unread ones in one query without
waking a mail. Mails that were in copy before this existed count as read by everyone
(`EVERYONE`, set by the upgrade step), so nobody finds years of mail « unread ».
"""

from BTrees.OOBTree import OOTreeSet
from communesplone.core.groups import user_service_codes
from communesplone.mail.content.mail import IIncomingMail
from plone import api
from plone.indexer import indexer


# Not possible userids. EVERYONE: « every reader » (mail older than read tracking).
# TRACKED: carried by every incoming mail, because a `not` query on a KeywordIndex
# returns only documents with some value in it, so a mail nobody read would be missed.
EVERYONE = "*"
TRACKED = "~"


def _readers(mail, create: bool = False):
    # getattr, not __dict__: a ghost's __dict__ is empty until it is loaded.
    readers = getattr(mail, "_read_by", None)
    if readers is None and create:
        readers = mail._read_by = OOTreeSet()
    return readers


def copy_services_of_user(mail) -> set[str]:
    """The current user's services in copy of the mail (none for confidential mail,
    which copy services do not read)."""
    if not IIncomingMail.providedBy(mail) or getattr(mail, "confidential", False):
        return set()
    return set(getattr(mail, "copy_services", None) or ()) & set(user_service_codes())


def has_read(mail, userid: str) -> bool:
    readers = _readers(mail)
    return bool(getattr(mail, "_read_by_everyone", False)) or (
        readers is not None and userid in readers
    )


def is_unread(mail) -> bool:
    """Whether the current user is in copy of the mail and has not opened it yet."""
    userid = api.user.get_current().getId()
    return bool(userid and copy_services_of_user(mail) and not has_read(mail, userid))


def mark_read(mail) -> bool:
    """Record that the current user, in copy, read the mail; False if nothing to record."""
    if not is_unread(mail):
        return False
    _readers(mail, create=True).add(api.user.get_current().getId())
    mail.reindexObject(idxs=["mail_read_by"])
    return True


def mark_read_by_everyone(mail) -> None:
    """For mails in copy before readers were recorded (the upgrade step)."""
    mail._read_by_everyone = True
    mail.reindexObject(idxs=["mail_read_by"])


@indexer(IIncomingMail)
def mail_read_by(mail):
    readers = [TRACKED, *(_readers(mail) or ())]
    if getattr(mail, "_read_by_everyone", False):
        readers.append(EVERYONE)
    return readers


def unread_query(userid: str) -> dict:
    """Catalog criteria of the mails `userid` has not read (added to the copy list's)."""
    return {"mail_read_by": {"not": [userid, EVERYONE]}}
