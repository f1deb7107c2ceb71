"""Keep each plan's references and roll-ups in step with its nodes (tree.refresh)."""

from communesplone.pst import tree
from communesplone.pst.content.plan import IStrategicPlan
from communesplone.pst.content.plan import plan_of
from plone.base.interfaces import IPloneSiteRoot
from zope.container.interfaces import IContainerModifiedEvent


def _plan(container):
    if container is None or IPloneSiteRoot.providedBy(container):
        return None
    return plan_of(container)


def node_moved(obj, event):
    """Added, removed, cut and pasted: both the plan it left and the one it joined."""
    if event.object is not obj or tree.is_suspended():
        return  # a node inside a moved branch: the branch's own event refreshes the plan
    plans = {}
    for container in (event.oldParent, event.newParent):
        plan = _plan(container)
        if plan is not None and not IStrategicPlan.providedBy(obj):
            plans[id(plan)] = plan
    for plan in plans.values():
        if getattr(plan, "__parent__", None) is not None:
            tree.refresh(plan)


def node_changed(obj, event):
    """Edited, reordered (its children), or its state changed."""
    if getattr(event, "transition", True) is None or tree.is_suspended():
        return  # the initial state of a node being created: its addition refreshed
    plan = plan_of(obj)
    if plan is not None:
        tree.refresh(plan)


def action_edited(obj, event):
    """Its services or agent may have changed: who may find it in the catalog too."""
    if not IContainerModifiedEvent.providedBy(event):
        obj.reindexObjectSecurity()
