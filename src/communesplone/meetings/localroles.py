"""Who holds which role where, computed from groups (never named users), per DESIGN §7.

- On an assembly: `meeting_managers` are MeetingManager, the assembly's member group
  (`college` or `council`, kept in step with the mandates) are AssemblyMember, and the
  agents and managers of every service are ItemCreator (they may add items). Meetings and
  items inherit these roles; their workflows decide in which state each role sees what.
- On an item: the proposing service's agents are ItemAuthor, its managers and the
  direction ItemValidator, its observers ItemObserver; the meeting managers are
  DecisionEditor (they edit a decided item) until its meeting closes and seals it; the
  services asked for an advice are ItemAdviser, the one executing the decision
  ItemExecutor.
"""

from borg.localrole.interfaces import ILocalRoleProvider
from collections import defaultdict
from communesplone.meetings.content.assembly import IAssembly
from communesplone.meetings.content.item import IMeetingItem
from zope.component import adapter
from zope.interface import implementer


@implementer(ILocalRoleProvider)
@adapter(IAssembly)
class AssemblyRoles:
    def __init__(self, context):
        self.context = context

    def _fixed(self):
        return {
            # Contributor opens the assembly to adding (REST and forms ask "Add portal
            # content"); each type's own add permission then decides what may be added.
            "meeting_managers": ("MeetingManager", "Contributor"),
            self.context.member_group: ("AssemblyMember",),
        }

    def getRoles(self, principal_id):
        roles = self._fixed().get(principal_id, ())
        if principal_id.endswith(("_agents", "_managers")) and principal_id != "meeting_managers":
            roles = roles + ("ItemCreator", "Contributor")
        return roles

    def getAllRoles(self):
        # ItemCreator only lets one add items: it gives no View, so the security index
        # needs only the fixed roles.
        yield from self._fixed().items()


@implementer(ILocalRoleProvider)
@adapter(IMeetingItem)
class ItemRoles:
    def __init__(self, context):
        self.context = context

    def _roles(self):
        # The stored value only: the field's default depends on who asks, and roles
        # must never depend on the reader.
        code = self.context.stored_service
        roles = defaultdict(tuple, {"direction": ("ItemValidator",)})
        if not getattr(self.context, "sealed", False):
            roles["meeting_managers"] = ("DecisionEditor",)
        if code:
            roles[f"{code}_agents"] = ("ItemAuthor",)
            roles[f"{code}_managers"] = ("ItemValidator",)
            roles[f"{code}_observers"] = ("ItemObserver",)
        # The services asked for an advice read the item and give it (advices.py).
        for adviser in self.context.advice_services or ():
            for suffix in ("_agents", "_managers"):
                roles[f"{adviser}{suffix}"] += ("ItemAdviser",)
        # The service that executes a decision reads it and reports on it (followup.py).
        executor = self.context.execution_service
        if executor:
            for suffix in ("_agents", "_managers"):
                roles[f"{executor}{suffix}"] += ("ItemExecutor",)
        return dict(roles)

    def getRoles(self, principal_id):
        return self._roles().get(principal_id, ())

    def getAllRoles(self):
        yield from self._roles().items()
