"""Services own their groups: created, renamed and removed with them; codes never change."""

from communesplone.core import groups
from communesplone.core import structure
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from zExceptions import BadRequest

import pytest


@pytest.fixture
def chart(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    return structure.orgchart()


def add_service(chart, code, title, **extra):
    return api.content.create(container=chart, type="Service", code=code, title=title, **extra)


def test_global_groups_exist(portal):
    for group_id, title in groups.GLOBAL_GROUPS:
        group = api.group.get(groupname=group_id)
        assert group is not None, group_id
        assert group.getProperty("title") == title


def test_service_groups_follow_the_service(chart):
    service = add_service(chart, "travaux", "Travaux")
    assert service.getId() == "travaux"
    # The id comes from the code (normalised for URLs), never from the title.
    assert add_service(chart, "etat_civil", "État civil").getId() == "etat-civil"
    assert service.group_ids() == {
        "agents": "travaux_agents",
        "managers": "travaux_managers",
        "observers": "travaux_observers",
    }
    assert (
        api.group.get(groupname="travaux_managers").getProperty("title")
        == "Travaux — chefs de service"
    )

    service.title = "Travaux et voiries"
    from zope.event import notify
    from zope.lifecycleevent import ObjectModifiedEvent

    notify(ObjectModifiedEvent(service))
    assert (
        api.group.get(groupname="travaux_agents").getProperty("title")
        == "Travaux et voiries — agents"
    )

    api.content.delete(obj=service)
    assert all(api.group.get(groupname=g) is None for g in groups.service_group_ids("travaux"))


def test_code_never_changes(chart):
    service = add_service(chart, "finances", "Finances")
    with pytest.raises(BadRequest, match="ne change pas"):
        service.code = "argent"
    assert service.code == "finances"
    service.code = "finances"  # setting the same value is harmless


def test_duplicate_or_bad_codes_are_refused(chart):
    add_service(chart, "population", "Population")
    with pytest.raises(BadRequest, match="déjà utilisé"):
        add_service(chart, "population", "Population bis")
    with pytest.raises(BadRequest, match="Code de service invalide"):
        add_service(chart, "Pas-Bon", "Mauvais")


def test_a_parent_with_children_cannot_be_deleted(chart):
    parent = add_service(chart, "urbanisme", "Urbanisme")
    add_service(chart, "environnement", "Environnement", parent="urbanisme")
    with pytest.raises(BadRequest, match="sous-services"):
        api.content.delete(obj=parent)
    assert "urbanisme" in chart


def test_services_vocabulary(chart):
    add_service(chart, "culture", "Culture")
    from zope.component import getUtility
    from zope.schema.interfaces import IVocabularyFactory

    vocabulary = getUtility(IVocabularyFactory, "communesplone.core.Services")(chart)
    assert [(t.value, t.title) for t in vocabulary] == [("culture", "Culture")]


@pytest.mark.parametrize(
    "roles, view, edit, add",
    [
        ([], False, False, False),
        (["Member"], True, False, False),
        (["Member", "Editor", "Contributor"], True, True, True),
        (["Site Administrator"], True, True, True),
    ],
)
def test_orgchart_permissions(portal, roles, view, edit, add):
    """Members read the chart; its keepers (local Editor/Contributor) and admins change it."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    service = add_service(structure.orgchart(), "rh", "Ressources humaines")
    if roles:
        setRoles(portal, TEST_USER_ID, roles)
    else:
        from plone.app.testing import logout

        logout()
    chart = structure.orgchart()
    assert api.user.has_permission("View", obj=service) is view
    assert api.user.has_permission("Modify portal content", obj=service) is edit
    assert api.user.has_permission("Add portal content", obj=chart) is add


def test_direction_keeps_the_chart(portal):
    assert structure.orgchart().get_local_roles_for_userid("direction") == ("Editor", "Contributor")
    assert "Editor" in structure.directory().get_local_roles_for_userid("meeting_managers")


def test_user_service_codes_of_users_without_groups(chart):
    """The Zope root's Manager, Zope's system user and anonymous belong to no service,
    and asking does not fail (a command line runs as the system user)."""
    from AccessControl.SecurityManagement import getSecurityManager
    from AccessControl.SecurityManagement import newSecurityManager
    from AccessControl.SecurityManagement import setSecurityManager
    from AccessControl.users import nobody
    from AccessControl.users import system
    from plone.app.testing import login
    from plone.app.testing import logout
    from plone.app.testing import SITE_OWNER_NAME

    add_service(chart, "travaux", "Travaux")
    api.user.create(email="agent@example.org", username="agent", password="password1")
    api.group.add_user(groupname="travaux_agents", username="agent")
    portal = api.portal.get()
    login(portal, "agent")
    assert groups.user_service_codes() == ["travaux"]
    login(portal.aq_parent, SITE_OWNER_NAME)
    assert groups.user_service_codes() == []
    logout()
    assert groups.user_service_codes() == []
    previous = getSecurityManager()
    try:
        # Also wrapped in the site's user folder, whose own getGroups lists every group.
        wrapped = (special.__of__(portal.acl_users) for special in (system, nobody))
        for special in (system, nobody, *wrapped):
            newSecurityManager(None, special)
            assert groups.user_service_codes() == []
            assert groups.current_group_ids() == set()
    finally:
        setSecurityManager(previous)
