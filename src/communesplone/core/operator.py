"""The Zope root operator: set from a one-shot credentials file at Zope start.

`make start` writes `$INSTANCE_HOME/communesplone-operator` (user name and salted hash,
mode 600) at the first start, or whenever COMMUNESPLONE_ADMIN_PASSWORD is given. When the
database opens, this subscriber makes that user a Manager of the Zope root with that
password and deletes the file. Zope's own `inituser` cannot do it: it is ignored once
Plone has turned the root user folder into a PluggableAuthService.
"""

from Products.PluggableAuthService.interfaces.authservice import IPluggableAuthService

import logging
import os
import transaction


OPERATOR_FILE = "communesplone-operator"
logger = logging.getLogger("communesplone")


def set_operator(app, user: str, hashed: str) -> None:
    """Make `user` a Manager of the Zope root whose password has the hash `hashed`."""
    users = app.acl_users
    if IPluggableAuthService.providedBy(users):
        manager = users.users
        if user in manager.listUserIds():
            manager.updateUserPassword(user, hashed)
        else:
            manager.addUser(user, user, hashed)
        roles = users.roles
        # imio.helpers (a collective.documentgenerator dependency) patches this method
        # to clear a cache inside a Plone site; the Zope root is none, so use the original.
        assign = getattr(roles, "_old_assignRoleToPrincipal", roles.assignRoleToPrincipal)
        assign("Manager", user)
    elif user in users.getUserNames():
        users._doChangeUser(user, hashed, ["Manager"], [])
    else:
        users._doAddUser(user, hashed, ["Manager"], [])


def apply_operator_file(event) -> None:
    home = os.environ.get("INSTANCE_HOME")
    path = os.path.join(home, OPERATOR_FILE) if home else None
    if not path or not os.path.exists(path):
        return
    with open(path, encoding="ascii") as credentials:
        user, hashed = credentials.readline().strip().split(":", 1)
    manager = transaction.TransactionManager()
    connection = event.database.open(manager)
    try:
        set_operator(connection.root()["Application"], user, hashed)
        manager.get().note(f"CommunesPlone: operator {user} set")
        manager.commit()
    except Exception:
        manager.abort()
        raise
    finally:
        connection.close()
    os.remove(path)
    logger.info("Operator %s of the Zope root set from %s", user, OPERATOR_FILE)
