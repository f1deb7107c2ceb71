"""What the catalog keeps of PST nodes: enough for the dashboards to wake no object."""

from communesplone.core.indexers import attribute_indexer
from communesplone.pst.content.node import IAction
from communesplone.pst.content.node import INode
from plone.indexer import indexer


pst_reference = attribute_indexer(INode, "reference")
pst_health = attribute_indexer(INode, "health")
pst_alderman = attribute_indexer(INode, "responsible_alderman")
pst_agent = attribute_indexer(INode, "agent")
pst_planned_start = attribute_indexer(INode, "planned_start")
pst_planned_end = attribute_indexer(INode, "planned_end")
pst_effective_start = attribute_indexer(INode, "effective_start")
pst_effective_end = attribute_indexer(INode, "effective_end")


@indexer(INode)
def pst_services(obj):
    return list(obj.managing_services or ())


@indexer(INode)
def pst_budget(obj):
    """Planned and spent in total (rounded euros), for the lists."""
    budget = obj.budget or {}
    return {"planned": budget.get("planned", 0.0), "spent": budget.get("spent", 0.0)}


@indexer(INode)
def pst_progress(obj):
    """0 % is a value (not started), unlike no value (nothing to measure)."""
    return obj.progress


@indexer(INode)
def pst_override(obj):
    return obj.progress_source == "override"


@indexer(IAction)
def pst_serves(obj):
    """The other operational objectives a transversal action serves (their UIDs)."""
    return [row["objective"] for row in obj.transversal or () if row.get("objective")]


@indexer(INode)
def pst_public(obj):
    """False for a node its managers keep off the public page (its subtree goes with it)."""
    return obj.public is not False


# The day of the last « sans mise à jour » reminder (reminders.py reads it as metadata).
pst_stale_reminded = attribute_indexer(INode, "stale_reminded_on")
