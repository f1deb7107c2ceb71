"""Evaluation snapshots of a plan and their comparison.

`snapshot(plan)` reads every node's stored values (the roll-up already computed them) into
plain dicts; an evaluation keeps the snapshot taken when it was added, and « today » is a
snapshot taken on the fly. `compare(before, after)` matches nodes by UID and says, for each,
what moved: progress, health, state and money, and which nodes came or went.
"""

from communesplone import _
from communesplone.pst import tree
from communesplone.pst.content.evaluation import EVALUATION_TYPES
from communesplone.pst.rollup import indicator_progress
from communesplone.pst.rollup import latest_value
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from plone import api
from zope.i18n import translate


TODAY = "aujourdhui"  # the key of « today » among the things to compare
HEALTH_RANK = {"good": 0, "paused": 1, "at_risk": 2, "blocked": 3}


class UnknownSnapshot(ValueError):
    """What was asked to compare is neither an evaluation of this plan nor today."""


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _indicators(node) -> list[dict]:
    """Each indicator with its latest measurement and how far it went towards its target."""
    rows = []
    measurements = list(getattr(node, "measurements", None) or [])
    for indicator in getattr(node, "indicators", None) or ():
        year, value = latest_value(indicator.get("label"), measurements)
        rows.append(
            {
                "label": indicator.get("label"),
                "unit": indicator.get("unit"),
                "baseline": indicator.get("baseline"),
                "target": indicator.get("target"),
                "year": year,
                "value": value,
                "reach": indicator_progress([indicator], measurements),
            }
        )
    return rows


def _budget(obj) -> dict:
    budget = obj.budget or {}
    return {
        "planned": budget.get("planned", 0.0),
        "spent": budget.get("spent", 0.0),
        "by_year": dict(budget.get("by_year", {})),
    }


def snapshot(plan) -> dict:
    """The plan's figures now, as plain values (what an evaluation keeps)."""
    rows = []
    for node, numbers in tree.walk(plan):
        parent = node.__parent__
        rows.append(
            {
                "uid": tree._uid(node),
                "parent": None if parent is plan else tree._uid(parent),
                "depth": len(numbers),
                "portal_type": node.portal_type,
                "reference": node.reference,
                "title": node.title,
                "state": tree._state(node),
                "progress": node.progress,
                "progress_source": node.progress_source,
                "health": node.health,
                "health_comment": node.health_comment,
                "planned_start": _iso(node.planned_start),
                "planned_end": _iso(node.planned_end),
                "effective_start": _iso(node.effective_start),
                "effective_end": _iso(node.effective_end),
                "indicators": _indicators(node),
                **_budget(node),
            }
        )
    return {
        "taken_on": datetime.now().isoformat(timespec="seconds"),
        "totals": {"progress": plan.progress, **_budget(plan)},
        "figures": rows,
    }


def type_title(evaluation, request=None) -> str:
    """In the reader's language; without a request, in the site's (a stored title)."""
    titles = dict(EVALUATION_TYPES)
    message = titles.get(evaluation.evaluation_type, titles["mid_term"])
    if request is None:
        return translate(message, target_language=api.portal.get_default_language())
    return translate(message, context=request)


def taken_day(taken_on: str | None) -> date | None:
    return datetime.fromisoformat(taken_on).date() if taken_on else None


def evaluation_added(evaluation, event):
    """Take the snapshot once; a copied evaluation keeps the figures it was taken with."""
    if event.object is not evaluation or evaluation.figures:
        return
    plan = evaluation.__parent__
    taken = snapshot(plan)
    evaluation.taken_on = taken["taken_on"]
    evaluation.totals = taken["totals"]
    evaluation.figures = tuple(taken["figures"])
    if not (evaluation.title or "").strip():
        day = taken_day(evaluation.taken_on).strftime("%d/%m/%Y")
        evaluation.title = f"{type_title(evaluation)} du {day}"
    evaluation.reindexObject()


def evaluations_of(plan) -> list:
    """The plan's evaluations the user may read, oldest first."""
    found = [
        brain.getObject()
        for brain in api.content.find(
            context=plan, portal_type="PSTEvaluation", depth=1, sort_on="created"
        )
    ]
    return sorted(found, key=lambda evaluation: evaluation.taken_on or "")


@dataclass
class Side:
    """One side of a comparison: an evaluation's snapshot, or today's."""

    key: str
    label: str
    taken_on: str
    totals: dict
    figures: list
    evaluation: object = None


def side(plan, key: str) -> Side:
    """An evaluation of this plan (by UID) or today; anything else is refused."""
    if key == TODAY:
        taken = snapshot(plan)
        label = translate(_("Aujourd'hui"), context=api.env.getRequest())
        return Side(TODAY, label, taken["taken_on"], taken["totals"], taken["figures"])
    found = api.content.find(context=plan, portal_type="PSTEvaluation", depth=1, UID=key)
    if found:
        evaluation = found[0].getObject()
        return Side(
            key,
            evaluation.Title(),
            evaluation.taken_on,
            evaluation.totals or {},
            list(evaluation.figures),
            evaluation,
        )
    raise UnknownSnapshot(key)


@dataclass
class Line:
    """One node compared: `status` is « same », « changed », « new » or « removed »."""

    uid: str
    reference: str
    title: str
    portal_type: str
    depth: int
    status: str
    before: dict | None
    after: dict | None
    changes: set = field(default_factory=set)  # progress, health, state, planned, spent

    @property
    def progress_delta(self) -> int | None:
        if not self.before or not self.after:
            return None
        if self.before["progress"] is None or self.after["progress"] is None:
            return None
        return self.after["progress"] - self.before["progress"]

    @property
    def health_trend(self) -> str | None:
        """« better » or « worse » when the health changed between two known values."""
        if "health" not in self.changes:
            return None
        old = HEALTH_RANK.get(self.before["health"])
        new = HEALTH_RANK.get(self.after["health"])
        if old is None or new is None:
            return None
        return "better" if new < old else "worse"


COMPARED = ("progress", "health", "state", "planned", "spent")


def _line(row: dict, status: str, before, after, changes=frozenset()) -> Line:
    return Line(
        row["uid"],
        row["reference"],
        row["title"],
        row["portal_type"],
        row["depth"],
        status,
        before,
        after,
        set(changes),
    )


def compare(before: list, after: list) -> list[Line]:
    """The nodes of `after` in its order, each with what changed; removed ones at the end."""
    old = {row["uid"]: row for row in before}
    lines = []
    for row in after:
        previous = old.pop(row["uid"], None)
        if previous is None:
            lines.append(_line(row, "new", None, row))
            continue
        changes = {name for name in COMPARED if previous.get(name) != row.get(name)}
        lines.append(_line(row, "changed" if changes else "same", previous, row, changes))
    lines.extend(_line(row, "removed", row, None) for row in old.values())
    return lines


def summary(lines: list[Line]) -> dict:
    """How many nodes progressed, went back, changed health for better or worse, came, went."""
    return {
        "progressed": sum(1 for line in lines if (line.progress_delta or 0) > 0),
        "regressed": sum(1 for line in lines if (line.progress_delta or 0) < 0),
        "better": sum(1 for line in lines if line.health_trend == "better"),
        "worse": sum(1 for line in lines if line.health_trend == "worse"),
        "new": sum(1 for line in lines if line.status == "new"),
        "removed": sum(1 for line in lines if line.status == "removed"),
        "same": sum(1 for line in lines if line.status == "same"),
    }


def in_order(first: Side, second: Side) -> tuple[Side, Side]:
    """The older side first: a comparison always reads from the past to the present."""
    if first.key == TODAY or (second.key != TODAY and first.taken_on > second.taken_on):
        return second, first
    return first, second
