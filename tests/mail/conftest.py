"""A small commune for mail tests: two services, the mail office, one user per role."""

from plone.app.testing import login
from plone.dexterity.utils import createContentInContainer
from worlds import populate

import pytest


USERS = {
    "registrar": ("mail_registrars",),
    "directeur": ("direction",),
    "agent": ("travaux_agents",),
    "chef": ("travaux_managers",),
    "observer": ("travaux_observers",),
    "other_agent": ("finances_agents",),
    "other_chef": ("finances_managers",),
    "member": (),
}


class MailWorld:
    def __init__(self, portal):
        self.portal = portal

    def login(self, userid):
        login(self.portal, userid)

    def incoming(self, title="Demande de permis de stationnement", **fields):
        return createContentInContainer(self.folder, "IncomingMail", title=title, **fields)

    def outgoing(self, title="Réponse à votre demande", **fields):
        return createContentInContainer(self.folder, "OutgoingMail", title=title, **fields)


def build_mail_world(portal):
    populate(portal, (("travaux", "Travaux"), ("finances", "Finances")), USERS)
    world = MailWorld(portal)
    world.folder = createContentInContainer(
        portal, "MailFolder", checkConstraints=False, id="courrier", title="Courrier"
    )
    return world


@pytest.fixture
def mail(portal):
    return build_mail_world(portal)


@pytest.fixture
def http_mail(functional):
    """The same world, committed, with the test server's address in `world.url`."""
    from httphelpers import committed_world

    return committed_world(functional, build_mail_world)
