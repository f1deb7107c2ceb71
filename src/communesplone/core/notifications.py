"""E-mail notifications: sent when the transaction commits, and only to who wants them.

Each module declares its categories (`register`); each user may switch any of them off
(« Mes notifications »). Messages go through the site's MailHost without `immediate`: the
mail leaves when the transaction commits, so a request retried after a ConflictError, or
one that fails, never sends twice nor sends what did not happen.
"""

from BTrees.OOBTree import OOBTree
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr
from plone import api
from zope.annotation.interfaces import IAnnotations

import logging


logger = logging.getLogger(__name__)

PREFERENCES_KEY = "communesplone.notifications.off"


@dataclass(frozen=True)
class Category:
    id: str
    title: str  # a message id, translated where shown
    module: str


CATEGORIES: dict[str, Category] = {}


def register(category_id: str, title: str, module: str) -> Category:
    """Declare a category (at import time of the module that sends it)."""
    category = Category(category_id, title, module)
    CATEGORIES[category_id] = category
    return category


def _preferences(create: bool = False):
    annotations = IAnnotations(api.portal.get())
    if PREFERENCES_KEY not in annotations and create:
        annotations[PREFERENCES_KEY] = OOBTree()
    return annotations.get(PREFERENCES_KEY)


def switched_off(userid: str) -> frozenset:
    preferences = _preferences()
    return frozenset(preferences.get(userid, ())) if preferences is not None else frozenset()


def set_switched_off(userid: str, category_ids) -> None:
    """Store the categories the user does not want; unknown ones are refused."""
    unknown = set(category_ids) - set(CATEGORIES)
    if unknown:
        raise ValueError(f"Catégories de notification inconnues : {', '.join(sorted(unknown))}")
    _preferences(create=True)[userid] = tuple(sorted(category_ids))


def sender() -> str | None:
    address = api.portal.get_registry_record("plone.email_from_address", default=None)
    if not address:
        return None
    name = api.portal.get_registry_record("plone.email_from_name", default=None) or ""
    return formataddr((name, address))


def recipients(category_id: str, userids) -> list[str]:
    """The addresses of the users who want this category (each address once)."""
    found = []
    for userid in sorted(set(userids)):
        if category_id in switched_off(userid):
            continue
        user = api.user.get(userid=userid)
        email = user.getProperty("email", "") if user is not None else ""
        if email and email not in found:
            found.append(email)
    return found


def group_members(*group_ids) -> set[str]:
    """The userids of the members of these groups (missing groups count as empty)."""
    userids = set()
    for group_id in group_ids:
        if api.group.get(groupname=group_id) is None:
            continue
        userids.update(user.getId() for user in api.user.get_users(groupname=group_id))
    return userids


class GroupMembers:
    """Group members looked up once per group, for a pass that tells many groups."""

    def __init__(self):
        self._members = {}

    def __call__(self, group_id: str) -> set[str]:
        if group_id not in self._members:
            self._members[group_id] = group_members(group_id)
        return self._members[group_id]


def notify(category_id: str, userids, subject: str, body: str) -> list[str]:
    """Queue one message per recipient, sent at commit; return the addresses."""
    if category_id not in CATEGORIES:
        raise KeyError(category_id)
    addresses = recipients(category_id, userids)
    mail_from = sender()
    if not addresses:
        return []
    if mail_from is None:
        logger.warning("Notification %s non envoyée : pas d'adresse d'expédition.", category_id)
        return []
    host = api.portal.get_tool("MailHost")
    for address in addresses:
        message = EmailMessage()
        message["Subject"] = subject
        message["From"] = mail_from
        message["To"] = address
        message.set_content(body)
        host.send(message, mto=[address], mfrom=mail_from, immediate=False)
    return addresses
