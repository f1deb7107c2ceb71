"""A small commune for meeting tests: two services, both assemblies, one user per role."""

from datetime import datetime
from datetime import timedelta
from plone import api
from plone.app.testing import login
from plone.dexterity.utils import createContentInContainer
from worlds import add_assembly
from worlds import populate

import pytest


USERS = {
    "agent": ("travaux_agents",),
    "chef": ("travaux_managers",),
    "observer": ("travaux_observers",),
    "other_agent": ("finances_agents",),
    "directeur": ("direction",),
    "clerk": ("meeting_managers",),
    "echevin": ("college", "council"),
    "councillor": ("council",),
    "member": (),
}


class World:
    def __init__(self, portal):
        self.portal = portal

    def login(self, userid):
        login(self.portal, userid)

    def add_item(self, title="Réfection de la rue Haute", assembly=None, **fields):
        assembly = assembly or self.college
        fields.setdefault("proposing_service", "travaux")
        return createContentInContainer(assembly, "MeetingItem", title=title, **fields)

    def add_meeting(self, days=7, assembly=None, **fields):
        assembly = assembly or self.college
        start = datetime.now().replace(hour=9, minute=0, second=0, microsecond=0)
        return createContentInContainer(
            assembly, "Meeting", start=start + timedelta(days=days), **fields
        )

    def transition(self, obj, *names, comment=None):
        workflow = api.portal.get_tool("portal_workflow")
        for name in names:
            kwargs = {"comment": comment} if comment else {}
            workflow.doActionFor(obj, name, **kwargs)

    def validated_item(self, title="Réfection de la rue Haute", **fields):
        self.login("agent")
        item = self.add_item(title, **fields)
        self.transition(item, "propose")
        self.login("chef")
        self.transition(item, "validate")
        return item

    def presented_item(self, title="Réfection de la rue Haute", **fields):
        """A validated item that the clerk presents (the clerk stays logged in)."""
        item = self.validated_item(title, **fields)
        self.login("clerk")
        self.transition(item, "present")
        return item


def build_world(portal):
    populate(portal, (("travaux", "Travaux"), ("finances", "Finances")), USERS)
    world = World(portal)
    world.college = add_assembly(
        portal,
        categories=["Administration générale", "Travaux", "Finances"],
        default_place="Salle du Collège",
    )
    world.council = add_assembly(
        portal, "council", categories=["Finances", "Travaux"], default_place="Salle du Conseil"
    )
    world.login("clerk")
    world.meeting = world.add_meeting(days=7)
    return world


@pytest.fixture
def world(portal):
    return build_world(portal)


@pytest.fixture
def http_world(functional):
    """The same world, committed, with the test server's address in `world.url`."""
    from httphelpers import committed_world

    return committed_world(functional, build_world)


@pytest.fixture
def mailing(http_world, mailbox):
    """The committed world with a sender address; `world.mailbox` holds what left."""
    from plone import api

    import transaction

    api.portal.set_registry_record("plone.email_from_address", "greffe@valmont.example")
    api.portal.set_registry_record("plone.email_from_name", "Commune de Valmont")
    transaction.commit()
    http_world.mailbox = mailbox
    return http_world
