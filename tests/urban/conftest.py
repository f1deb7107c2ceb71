"""A small commune for permit tests: the urbanism service, its folder, one user per role."""

from plone.app.testing import login
from plone.dexterity.utils import createContentInContainer
from worlds import populate

import pytest


USERS = {
    "agent": ("urbanisme_agents",),
    "chef": ("urbanisme_managers",),
    "observer": ("urbanisme_observers",),
    "manager": ("urban_managers",),
    "directeur": ("direction",),
    "other_agent": ("finances_agents",),
    "member": (),
}


class UrbanWorld:
    def __init__(self, portal):
        self.portal = portal

    def login(self, userid):
        login(self.portal, userid)

    def add_permit(self, title="Construction d'une maison", procedure="pu", **fields):
        return createContentInContainer(
            self.folder, "Permit", title=title, procedure=procedure, **fields
        )

    def add_event(self, permit, event_type, day, **fields):
        return createContentInContainer(
            permit, "PermitEvent", event_type=event_type, date=day, **fields
        )


def build_urban_world(portal):
    populate(portal, (("urbanisme", "Urbanisme"), ("finances", "Finances")), USERS)
    world = UrbanWorld(portal)
    world.folder = createContentInContainer(
        portal, "PermitFolder", checkConstraints=False, id="urbanisme", title="Urbanisme"
    )
    world.login("agent")
    return world


@pytest.fixture
def urban(portal):
    return build_urban_world(portal)


@pytest.fixture
def http_urban(functional):
    """The same world, committed, with the test server's address in `world.url`."""
    from httphelpers import committed_world

    return committed_world(functional, build_urban_world)
