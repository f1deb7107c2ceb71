"""The fixed places of a commune site: the organisation chart and the directory."""

from communesplone.core import groups
from plone import api
from plone.dexterity.utils import createContentInContainer


ORGCHART_ID = "organigramme"
DIRECTORY_ID = "annuaire"

# Who keeps each place up to date (local roles given to groups, never to users).
KEEPERS = {
    ORGCHART_ID: {"direction": ("Editor", "Contributor")},
    DIRECTORY_ID: {
        "direction": ("Editor", "Contributor"),
        "meeting_managers": ("Editor", "Contributor"),
    },
}


def _ensure(portal, object_id, portal_type, title):
    if object_id not in portal.objectIds():
        createContentInContainer(
            portal, portal_type, checkConstraints=False, id=object_id, title=title
        )
    folder = portal[object_id]
    for group_id, roles in KEEPERS[object_id].items():
        folder.manage_setLocalRoles(group_id, list(roles))
    folder.reindexObjectSecurity()
    return folder


def ensure_structure() -> None:
    portal = api.portal.get()
    groups.ensure_global_groups()
    _ensure(portal, ORGCHART_ID, "OrgChart", "Organigramme")
    _ensure(portal, DIRECTORY_ID, "Directory", "Annuaire")


def orgchart():
    return api.portal.get()[ORGCHART_ID]


def directory():
    return api.portal.get()[DIRECTORY_ID]


def service_options() -> list[dict]:
    """Every service as {code, title}, by title, for select lists."""
    return [
        {"code": brain.service_code, "title": brain.Title}
        for brain in api.content.find(portal_type="Service", sort_on="sortable_title")
    ]
