"""Workflow states set by the system (consequences of other acts), not by a transition."""

from plone import api


def set_state(obj, state: str, comment: str = "") -> None:
    """Put an object in a state as the system does (history kept, permissions remapped)."""
    from DateTime import DateTime

    workflow_tool = api.portal.get_tool("portal_workflow")
    (workflow,) = workflow_tool.getWorkflowsFor(obj)
    workflow_tool.setStatusOf(
        workflow.id,
        obj,
        {
            "action": None,
            "review_state": state,
            "actor": api.user.get_current().getId(),
            "comments": comment,
            "time": DateTime(),
        },
    )
    workflow.updateRoleMappingsFor(obj)
    obj.reindexObject()
    obj.reindexObjectSecurity()


def roles_here(obj) -> set[str]:
    """The current user's roles on `obj`, as a workflow guard's roles see them.

    api.user.get_roles(obj=…) looks the user up by id in the site's user folder: the Zope
    root's operator is not there (UserNotFoundError), so a guard asking it failed.
    """
    from AccessControl import getSecurityManager

    return set(getSecurityManager().getUser().getRolesInContext(obj))


def available_transitions(obj) -> list[dict]:
    """The transitions the user may take now on `obj`, titled for buttons."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    return [
        {"id": t["id"], "title": api.portal.translate(t["title"] or t["id"], "plone")}
        for t in workflow_tool.getTransitionsFor(obj)
    ]
