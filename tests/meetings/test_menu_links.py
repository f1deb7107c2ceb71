"""The links that lead to the meetings' pages: on an assembly and in the user's menu."""

from plone import api


def action_ids(world, userid, category, obj):
    world.login(userid)
    actions = api.portal.get_tool("portal_actions")
    return {a["id"] for a in actions.listActionInfos(object=obj, categories=(category,))}


def test_assembly_links_follow_the_rights(world):
    assert {"nouveau-point", "statistiques-presences"} <= action_ids(
        world, "clerk", "object", world.college
    )
    agent = action_ids(world, "agent", "object", world.college)
    assert "nouveau-point" in agent and "statistiques-presences" not in agent
    assert not {"nouveau-point", "statistiques-presences"} & action_ids(
        world, "councillor", "object", world.college
    )
    # Not on a meeting.
    assert "nouveau-point" not in action_ids(world, "clerk", "object", world.meeting)


def test_the_user_menu_links(world):
    assert {"mes-notifications", "decisions-a-executer"} <= action_ids(
        world, "agent", "user", world.portal
    )


def test_sites_made_before_get_the_links(world):
    actions = api.portal.get_tool("portal_actions")
    actions.user.manage_delObjects(["mes-notifications", "decisions-a-executer"])
    actions.object.manage_delObjects(["nouveau-point"])
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile("communesplone.core:default", "20261128002")
    setup.setLastVersionForProfile("communesplone.meetings:default", "20261128007")

    setup.upgradeProfile("communesplone.core:default")
    setup.upgradeProfile("communesplone.meetings:default")

    assert "mes-notifications" in actions.user.objectIds()
    assert "decisions-a-executer" in actions.user.objectIds()
    assert "nouveau-point" in actions.object.objectIds()
