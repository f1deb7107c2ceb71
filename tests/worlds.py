"""What the test worlds of the modules share: services and one user per role."""

from communesplone.core import structure
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.dexterity.utils import createContentInContainer


PASSWORD = "password1"


def populate(portal, services, users: dict) -> None:
    """Services (code, title) in the organisation chart; users with their groups."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    chart = structure.orgchart()
    for code, title in services:
        createContentInContainer(chart, "Service", code=code, title=title)
    for userid, groups in users.items():
        api.user.create(
            email=f"{userid}@example.org",
            username=userid,
            password=PASSWORD,
            properties={"fullname": userid.capitalize()},
        )
        for group in groups:
            api.group.add_user(groupname=group, username=userid)


ASSEMBLIES = {
    "college": ("college", "Collège communal"),
    "council": ("conseil", "Conseil communal"),
}


def add_assembly(portal, kind: str = "college", **fields):
    """The Collège or the Conseil, at the site root as in a commune."""
    assembly_id, title = ASSEMBLIES[kind]
    return createContentInContainer(
        portal, "Assembly", checkConstraints=False, id=assembly_id, title=title, kind=kind, **fields
    )
