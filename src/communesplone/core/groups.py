"""Plone groups of the organisation chart and of the commune's bodies.

Modules give rights to these groups (through local roles per workflow state), never to
named users. Service groups are named after the service's fixed code, so renaming a
service changes titles only.
"""

from AccessControl import getSecurityManager
from Acquisition import aq_base
from plone import api


GLOBAL_GROUPS = (
    ("direction", "Direction générale"),
    ("meeting_managers", "Secrétariat des assemblées"),
    ("mail_registrars", "Enregistrement du courrier"),
    ("college", "Collège communal"),
    ("council", "Conseil communal"),
    ("urban_managers", "Gestionnaires de l'urbanisme"),
    ("pst_managers", "Gestionnaires du PST"),
)

SERVICE_GROUP_KINDS = (
    ("agents", "agents"),
    ("managers", "chefs de service"),
    ("observers", "observateurs"),
)


def service_group_id(code: str, kind: str) -> str:
    return f"{code}_{kind}"


def service_group_ids(code: str) -> list[str]:
    return [service_group_id(code, kind) for kind, _label in SERVICE_GROUP_KINDS]


def _group_title(service_title: str, label: str) -> str:
    return f"{service_title} — {label}"


def ensure_global_groups() -> None:
    for group_id, title in GLOBAL_GROUPS:
        if api.group.get(groupname=group_id) is None:
            api.group.create(groupname=group_id, title=title)


def create_service_groups(code: str, title: str) -> None:
    for kind, label in SERVICE_GROUP_KINDS:
        group_id = service_group_id(code, kind)
        if api.group.get(groupname=group_id) is None:
            api.group.create(groupname=group_id, title=_group_title(title, label))


def retitle_service_groups(code: str, title: str) -> None:
    portal_groups = api.portal.get_tool("portal_groups")
    for kind, label in SERVICE_GROUP_KINDS:
        group_id = service_group_id(code, kind)
        if api.group.get(groupname=group_id) is not None:
            portal_groups.editGroup(group_id, title=_group_title(title, label))


def remove_service_groups(code: str) -> None:
    for group_id in service_group_ids(code):
        if api.group.get(groupname=group_id) is not None:
            api.group.delete(groupname=group_id)


def members(group_id: str) -> set[str]:
    group = api.group.get(groupname=group_id)
    if group is None:
        return set()
    return set(group.getGroupMemberIds())


def set_members(group_id: str, wanted: set[str]) -> None:
    """Make a group's direct members exactly `wanted` (users that exist only)."""
    current = members(group_id)
    for userid in sorted(current - wanted):
        api.group.remove_user(groupname=group_id, username=userid)
    for userid in sorted(wanted - current):
        if api.user.get(userid=userid) is not None:
            api.group.add_user(groupname=group_id, username=userid)


def current_group_ids() -> set[str]:
    """The groups of the user the request or the command runs as; none for a user
    without groups (Zope's system user, anonymous).

    Asked of the user itself: Plone's wrapper (api.user.get_current) has a getGroups
    that fails when the user it wraps has none. And asked without acquisition: a user
    without groups wrapped in the site's user folder would acquire the folder's own
    getGroups, which lists every group of the site.
    """
    user = getSecurityManager().getUser()
    if getattr(aq_base(user), "getGroups", None) is None:
        return set()
    return set(user.getGroups() or ())


def user_service_codes(kinds=("agents", "managers", "observers")) -> list[str]:
    """Codes of the services the current user belongs to, by the kinds of group asked.

    Read from the user's group ids; the global groups (`meeting_managers`,
    `urban_managers`…) end like service groups but are none. A user of the Zope root
    or Zope's system user belongs to no service.
    """
    global_ids = {group_id for group_id, _title in GLOBAL_GROUPS}
    codes = set()
    for group in current_group_ids():
        if group in global_ids:
            continue
        for kind in kinds:
            if group.endswith(f"_{kind}"):
                codes.add(group[: -len(kind) - 1])
    return sorted(codes)
