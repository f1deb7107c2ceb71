"""A plan's tree kept up to date: references from positions, progress and budgets rolled up.

Every change to a node (added, edited, moved, reordered, removed, transitioned) refreshes
its whole plan in the same transaction: a plan has a few hundred nodes, read from memory,
and only the nodes whose values change are written and reindexed. Views and REST then read
stored values (no computation, and no write, on read).
"""

from communesplone.pst import rollup
from communesplone.pst.content.node import IAction
from communesplone.pst.content.node import INode
from communesplone.pst.content.node import IOperationalObjective
from communesplone.pst.content.node import IStrategicObjective
from communesplone.pst.content.node import ISubAction
from communesplone.pst.content.plan import IStrategicPlan
from communesplone.pst.content.plan import plan_of
from contextlib import contextmanager
from plone.uuid.interfaces import ATTRIBUTE_NAME

import threading


# (interface, reference prefix, the interface of its children)
LEVELS = (
    (IStrategicObjective, "OS", IOperationalObjective),
    (IOperationalObjective, "OO", IAction),
    (IAction, "A", ISubAction),
    (ISubAction, "SA", None),
)
PREFIXES = {iface: prefix for iface, prefix, _child in LEVELS}
CHILD_OF = {IStrategicPlan: IStrategicObjective}
CHILD_OF.update({iface: child for iface, _prefix, child in LEVELS})
EXCLUDED_STATES = ("abandoned",)


_suspension = threading.local()


@contextmanager
def suspended():
    """No refresh while a whole plan is being built (the builder refreshes it once after)."""
    _suspension.active = True
    try:
        yield
    finally:
        _suspension.active = False


def is_suspended() -> bool:
    return getattr(_suspension, "active", False)


def level_of(obj):
    for iface in (IStrategicPlan, *PREFIXES):
        if iface.providedBy(obj):
            return iface
    return None


def children(obj) -> list:
    """The node's children of the next level, in the container's order."""
    child_iface = CHILD_OF.get(level_of(obj))
    if child_iface is None:
        return []
    return [child for child in obj.objectValues() if child_iface.providedBy(child)]


def walk(obj, numbers=()):
    """(node, numbers) for every node below `obj`, parents first."""
    for position, child in enumerate(children(obj), start=1):
        path = (*numbers, position)
        yield child, path
        yield from walk(child, path)


def _set(obj, name, value) -> bool:
    if obj.__dict__.get(name, getattr(type(obj), name, None)) == value:
        return False
    setattr(obj, name, value)
    return True


def _uid(obj) -> str:
    """The stored UUID, read directly (the adapter lookup costs more than the walk)."""
    return getattr(obj, ATTRIBUTE_NAME, None) or obj.UID()


def _state(obj) -> str | None:
    """The node's workflow state from its history (one workflow per node type)."""
    history = getattr(obj, "workflow_history", None) or {}
    for entries in history.values():
        if entries:
            return entries[-1].get("review_state")
    return None


def refresh(plan) -> list:
    """Recompute the plan's references and roll-ups; return the nodes that changed."""
    nodes = [(node, numbers, _uid(node)) for node, numbers in walk(plan)]
    by_uid = {uid: node for node, _numbers, uid in nodes}
    uids = {id(node): uid for node, _numbers, uid in nodes}
    model = {}
    for node, _numbers, uid in nodes:
        model[uid] = rollup.Node(
            key=uid,
            entered=getattr(node, "progress_entered", None),
            indicators=list(getattr(node, "indicators", None) or []),
            measurements=list(getattr(node, "measurements", None) or []),
            budget_lines=list(getattr(node, "budget_lines", None) or []),
            override=getattr(node, "progress_override", None),
            abandoned=_state(node) in EXCLUDED_STATES,
            leaf_kind=IAction.providedBy(node) or ISubAction.providedBy(node),
        )
    top = rollup.Node(key=_uid(plan))
    for node, _numbers, uid in nodes:
        parent = node.__parent__
        target = top if parent is plan else model[uids[id(parent)]]
        action = IAction.providedBy(node)
        share = (node.own_share or 100) if action else 100
        target.children.append((model[uid], share))
        for row in (node.transversal or ()) if action else ():
            other = model.get(row.get("objective"))
            if other is not None and by_uid[row["objective"]] is not parent:
                other.children.append((model[uid], row.get("share") or 0))
    memo = {}
    _store(plan, rollup.compute(top, memo), "")
    changed = []
    for node, numbers, uid in nodes:
        prefix = PREFIXES[level_of(node)]
        reference = f"{prefix}.{'.'.join(str(n) for n in numbers)}"
        if _store(node, memo[uid], reference):
            changed.append(node)
    for node in changed:
        node.reindexObject(idxs=["pst_reference", "pst_progress"])
    return changed


def _store(obj, result: rollup.Result, reference: str) -> bool:
    changed = False
    if not IStrategicPlan.providedBy(obj):
        changed |= _set(obj, "reference", reference)
    changed |= _set(obj, "progress", result.progress)
    changed |= _set(obj, "progress_computed", result.computed)
    changed |= _set(obj, "progress_source", result.source)
    changed |= _set(obj, "budget", result.budget.as_dict())
    return changed


def refresh_around(obj) -> None:
    """Refresh the plan `obj` is in (when it is in one)."""
    if INode.providedBy(obj) or IStrategicPlan.providedBy(obj):
        plan = plan_of(obj)
        if plan is not None:
            refresh(plan)
