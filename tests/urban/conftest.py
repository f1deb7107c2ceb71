"""A small commune for permit tests: the urbanism service, its folder, one user per role."""

from communesplone.core import structure
from plone import api
from plone.app.testing import login
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.dexterity.utils import createContentInContainer

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
    setRoles(portal, TEST_USER_ID, ["Manager"])
    chart = structure.orgchart()
    for code, title in (("urbanisme", "Urbanisme"), ("finances", "Finances")):
        createContentInContainer(chart, "Service", code=code, title=title)
    for userid, groups in USERS.items():
        api.user.create(
            email=f"{userid}@example.org",
            username=userid,
            password="password1",
            properties={"fullname": userid.capitalize()},
        )
        for group in groups:
            api.group.add_user(groupname=group, username=userid)
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
