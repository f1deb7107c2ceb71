"""Who instructs and who reads permit files, from groups only (DESIGN §7).

- On the `urbanisme` folder: `urban_managers` and the urbanism service's agents and
  managers are PermitAgent (they add, edit and move files) and Contributor (which opens
  the folder to adding); the service's observers and the direction are Reader.
- On a permit: the services it is shared with (field « services autorisés à lire ») are
  Reader. Nobody else sees a file; anonymous visitors see only the public register.
"""

from borg.localrole.interfaces import ILocalRoleProvider
from communesplone.core.localroles import GroupRoles
from communesplone.urban.content.folder import IPermitFolder
from communesplone.urban.content.permit import IPermit
from zope.component import adapter
from zope.interface import implementer


@implementer(ILocalRoleProvider)
@adapter(IPermitFolder)
class PermitFolderRoles(GroupRoles):
    def _roles(self):
        code = self.context.service or "urbanisme"
        instructing = ("PermitAgent", "Contributor", "Reader")
        return {
            "urban_managers": instructing,
            f"{code}_agents": instructing,
            f"{code}_managers": instructing,
            f"{code}_observers": ("Reader",),
            "direction": ("Reader",),
        }


@implementer(ILocalRoleProvider)
@adapter(IPermit)
class PermitRoles(GroupRoles):
    def _roles(self):
        roles = {}
        for code in self.context.readers or ():
            for kind in ("agents", "managers", "observers"):
                roles[f"{code}_{kind}"] = ("Reader",)
        return roles
