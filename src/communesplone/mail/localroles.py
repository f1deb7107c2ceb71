"""Who holds which role on mail, from groups only (DESIGN §7).

- On the `courrier` folder: `mail_registrars` are MailRegistrar and Contributor (they
  add incoming mail); every service's agents and managers are MailTreater and
  Contributor (they add outgoing mail). Contributor opens the folder to adding, each
  type's add permission decides what; the folder's own workflow gives neither mail role
  anything. Mails block these inherited roles (`Mail.__ac_local_roles_block__`).
- On a mail: `mail_registrars` are MailRegistrar, `direction` MailDirector; the treating
  service (incoming) or sender service (outgoing) has its agents and managers
  MailTreater and its observers MailReader; the copy services' groups are MailReader.
  The workflow decides, state by state, what each role may do.
- Confidential mail is read by its own service and the DG only: copy services get
  nothing, and the mail office keeps its role while the incoming mail waits in
  `registered` (it registered it and must dispatch it). Roles then depend on the state:
  every transition reindexes the mail's security (workflow_events.py).
"""

from borg.localrole.interfaces import ILocalRoleProvider
from communesplone.core.groups import GLOBAL_GROUPS
from communesplone.core.groups import service_group_id
from communesplone.core.localroles import GroupRoles
from communesplone.mail.content.folder import IMailFolder
from communesplone.mail.content.mail import IIncomingMail
from communesplone.mail.content.mail import IMail
from plone import api
from zope.component import adapter
from zope.interface import implementer


REGISTRARS = "mail_registrars"
DIRECTION = "direction"
GLOBAL_GROUP_IDS = frozenset(group_id for group_id, _title in GLOBAL_GROUPS)
# The state in which the mail office still handles a confidential incoming mail; a mail
# being created has no state yet and counts as registered.
REGISTRAR_STATES = (None, "registered")


def _add(roles: dict, principal: str, *names: str) -> None:
    roles[principal] = tuple(dict.fromkeys(roles.get(principal, ()) + names))


@implementer(ILocalRoleProvider)
@adapter(IMailFolder)
class MailFolderRoles(GroupRoles):
    FIXED = {REGISTRARS: ("MailRegistrar", "Contributor")}
    SERVICE = ("MailTreater", "Contributor")

    def _roles(self):
        # Service groups (below) get roles that only let them add outgoing mail here
        # (the folder's workflow gives MailTreater and Contributor no View): the security
        # index needs the fixed roles only.
        return self.FIXED

    def getRoles(self, principal_id):
        if principal_id.endswith(("_agents", "_managers")) and (
            principal_id not in GLOBAL_GROUP_IDS
        ):
            return self.SERVICE
        return self.FIXED.get(principal_id, ())


@implementer(ILocalRoleProvider)
@adapter(IMail)
class MailRoles(GroupRoles):
    def _state(self):
        return api.content.get_state(self.context, default=None)

    def _roles(self):
        mail = self.context
        confidential = bool(getattr(mail, "confidential", False))
        roles = {DIRECTION: ("MailDirector",)}
        if not confidential or (
            IIncomingMail.providedBy(mail) and self._state() in REGISTRAR_STATES
        ):
            roles[REGISTRARS] = ("MailRegistrar",)
        if not confidential and IIncomingMail.providedBy(mail):
            for code in mail.copy_services or ():
                for kind in ("agents", "managers", "observers"):
                    _add(roles, service_group_id(code, kind), "MailReader")
        code = mail.service_code()
        if code:
            _add(roles, service_group_id(code, "agents"), "MailTreater")
            _add(roles, service_group_id(code, "managers"), "MailTreater")
            _add(roles, service_group_id(code, "observers"), "MailReader")
        return roles
