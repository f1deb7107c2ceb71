"""Who holds which role on the PST, from groups only (DESIGN §7).

- On the `pst` folder: `pst_managers` are PSTManager (and Contributor, to add plans);
  the Collège and the direction are PSTReader. Everything below inherits these roles.
- On an action or a sub-action: the agents and heads of its managing services, and its
  agent in charge, are PSTEditor; the services' observers PSTReader. A sub-action
  inherits its action's roles.
- The plan's workflow gives the staff (Member) read access once the Collège adopted it;
  node workflows decide, state by state, what PSTEditor and PSTManager may change.
"""

from borg.localrole.interfaces import ILocalRoleProvider
from communesplone.core.groups import service_group_id
from communesplone.core.localroles import GroupRoles
from communesplone.pst.content.folder import IPSTFolder
from communesplone.pst.content.node import IAction
from communesplone.pst.content.node import ISubAction
from zope.component import adapter
from zope.interface import implementer


@implementer(ILocalRoleProvider)
@adapter(IPSTFolder)
class PSTFolderRoles(GroupRoles):
    def _roles(self):
        return {
            "pst_managers": ("PSTManager", "Contributor"),
            "college": ("PSTReader",),
            "direction": ("PSTReader",),
        }


class _ActionRoles(GroupRoles):
    def _roles(self):
        node = self.context
        roles = {}
        for code in node.managing_services or ():
            for kind in ("agents", "managers"):
                roles[service_group_id(code, kind)] = ("PSTEditor",)
            roles[service_group_id(code, "observers")] = ("PSTReader",)
        if node.agent:
            roles[node.agent] = ("PSTEditor",)
        return roles


@implementer(ILocalRoleProvider)
@adapter(IAction)
class ActionRoles(_ActionRoles):
    pass


@implementer(ILocalRoleProvider)
@adapter(ISubAction)
class SubActionRoles(_ActionRoles):
    pass
