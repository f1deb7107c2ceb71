"""A small commune for PST tests: two services, one user per role, a plan to fill."""

from datetime import date
from plone.app.testing import login
from plone.dexterity.utils import createContentInContainer
from worlds import populate


USERS = {
    "pst_manager": ("pst_managers",),
    "agent_travaux": ("travaux_agents",),
    "chef_travaux": ("travaux_managers",),
    "observer_travaux": ("travaux_observers",),
    "agent_finances": ("finances_agents",),
    "echevin": ("college",),
    "conseiller": ("council",),
    "member": (),
}


class PSTWorld:
    def __init__(self, portal):
        self.portal = portal

    def login(self, userid):
        login(self.portal, userid)

    def add(self, container, portal_type, title, **fields):
        return createContentInContainer(container, portal_type, title=title, **fields)

    def objective(self, title="Être une commune propre", **fields):
        return self.add(self.plan, "StrategicObjective", title, **fields)

    def operational(self, strategic, title="Réduire les dépôts clandestins", **fields):
        return self.add(strategic, "OperationalObjective", title, **fields)

    def action(self, operational, title="Installer des caméras", **fields):
        return self.add(operational, "Action", title, **fields)

    def sub_action(self, action, title="Choisir les sites", **fields):
        return self.add(action, "SubAction", title, **fields)


def budget(year, planned, spent=0.0, source="commune", article=""):
    return {"year": year, "source": source, "planned": planned, "spent": spent, "article": article}


def build_pst_world(portal):
    populate(portal, (("travaux", "Travaux"), ("finances", "Finances")), USERS)
    world = PSTWorld(portal)
    world.folder = createContentInContainer(
        portal, "PSTFolder", checkConstraints=False, id="pst", title="PST"
    )
    world.login("pst_manager")
    world.plan = createContentInContainer(
        world.folder,
        "StrategicPlan",
        title="PST 2024-2030",
        legislature_start=2024,
        legislature_end=2030,
        entity="commune",
        college_adoption=date(2025, 5, 12),
        categories=["Propreté", "Mobilité"],
    )
    return world
