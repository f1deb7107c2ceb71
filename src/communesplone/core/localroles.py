"""Base of the local role providers of the modules (borg.localrole, DESIGN §7)."""

from abc import ABC
from abc import abstractmethod


class GroupRoles(ABC):
    """Roles computed from the context as a {principal: roles} map.

    borg.localrole asks once per principal (the user and each of their groups) with one
    adapter per check: the map is computed once for that check. `getAllRoles` yields every
    principal with a role, so the catalog's security index lists exactly who may find the
    object.
    """

    def __init__(self, context):
        self.context = context

    @abstractmethod
    def _roles(self) -> dict:
        """{principal id: roles} for the context."""

    def getRoles(self, principal_id):
        if getattr(self, "_cached", None) is None:
            self._cached = self._roles()
        return self._cached.get(principal_id, ())

    def getAllRoles(self):
        yield from self._roles().items()
