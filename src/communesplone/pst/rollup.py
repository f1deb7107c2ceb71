"""Progress and money rolled up a plan's tree, in plain Python (no Zope, testable alone).

A leaf (an action without sub-actions, or a sub-action) has the progress its agent
entered, or the one its indicators give when some have a target. A parent's progress is
the mean of its children's, weighted by their planned budgets when every child has one,
otherwise the plain mean; abandoned children do not count. A manual override replaces the
computed value (the caller keeps the reason). Budgets add up from the leaves; an action
that also serves other objectives counts in each with its share, so the plan counts it once.
"""

from dataclasses import dataclass
from dataclasses import field


@dataclass
class Budget:
    planned: float = 0.0
    spent: float = 0.0
    by_year: dict = field(default_factory=dict)  # {year: {"planned": …, "spent": …}}
    by_source: dict = field(default_factory=dict)  # {source: {"planned": …, "spent": …}}

    def add(self, planned, spent, year=None, source=None, share=1.0):
        planned, spent = (planned or 0.0) * share, (spent or 0.0) * share
        self.planned += planned
        self.spent += spent
        for key, table in ((year, self.by_year), (source, self.by_source)):
            if key is None:
                continue
            slot = table.setdefault(key, {"planned": 0.0, "spent": 0.0})
            slot["planned"] += planned
            slot["spent"] += spent

    def add_budget(self, other: "Budget", share=1.0):
        self.planned += other.planned * share
        self.spent += other.spent * share
        for mine, theirs in ((self.by_year, other.by_year), (self.by_source, other.by_source)):
            for key, slot in theirs.items():
                target = mine.setdefault(key, {"planned": 0.0, "spent": 0.0})
                target["planned"] += slot["planned"] * share
                target["spent"] += slot["spent"] * share

    def as_dict(self) -> dict:
        """Rounded to the cent, keys as text (JSON and the catalog keep them as they are)."""

        def rounded(table):
            return {
                str(key): {name: round(value, 2) for name, value in slot.items()}
                for key, slot in sorted(table.items())
            }

        return {
            "planned": round(self.planned, 2),
            "spent": round(self.spent, 2),
            "by_year": rounded(self.by_year),
            "by_source": rounded(self.by_source),
        }


@dataclass
class Node:
    """What the roll-up reads of one node of the tree."""

    key: str
    entered: int | None = None
    indicators: list = field(default_factory=list)
    measurements: list = field(default_factory=list)
    budget_lines: list = field(default_factory=list)
    override: int | None = None
    abandoned: bool = False
    leaf_kind: bool = False  # an action or a sub-action: may carry an entered progress
    # (child, share in %): own children at 100 % (or the action's own share), and the
    # transversal actions serving this objective at theirs.
    children: list = field(default_factory=list)


@dataclass
class Result:
    progress: int | None
    computed: int | None
    source: str | None  # "entered", "indicators", "children", "override" or None
    budget: Budget


def _clamp(value: float) -> float:
    return max(0.0, min(100.0, value))


def latest_value(label: str, measurements: list) -> tuple:
    """(year, value) of an indicator's latest measurement, or (None, None)."""
    measured = sorted(
        (row["year"], row["value"])
        for row in measurements or ()
        if row.get("indicator") == label
        and row.get("year") is not None
        and row.get("value") is not None
    )
    return measured[-1] if measured else (None, None)


def indicator_progress(indicators: list, measurements: list) -> int | None:
    """Mean reach of the indicators that have a target, from their latest measurement.

    An indicator without a measurement stands at its baseline (0 %). None when no
    indicator has a target different from its baseline.
    """
    latest = {}
    for row in measurements or ():
        label, year = row.get("indicator"), row.get("year")
        if label is None or year is None or row.get("value") is None:
            continue
        if label not in latest or year >= latest[label][0]:
            latest[label] = (year, row["value"])
    reaches = []
    for indicator in indicators or ():
        target = indicator.get("target")
        baseline = indicator.get("baseline") or 0.0
        if target is None or target == baseline:
            continue
        achieved = latest.get(indicator.get("label"), (None, baseline))[1]
        reaches.append(_clamp((achieved - baseline) / (target - baseline) * 100))
    if not reaches:
        return None
    return round(sum(reaches) / len(reaches))


def budget_of_lines(lines: list) -> Budget:
    budget = Budget()
    for line in lines or ():
        budget.add(line.get("planned"), line.get("spent"), line.get("year"), line.get("source"))
    return budget


def compute(node: Node, memo: dict | None = None) -> Result:
    """The node's result (and, in `memo`, every result below it, by key)."""
    memo = {} if memo is None else memo
    if node.key in memo:
        return memo[node.key]
    budget = budget_of_lines(node.budget_lines)
    counted = []  # (progress, weight)
    for child, share in node.children:
        result = compute(child, memo)
        budget.add_budget(result.budget, share / 100.0)
        if child.abandoned or result.progress is None:
            continue
        counted.append((result.progress, result.budget.planned * share / 100.0))
    if counted:
        if all(weight > 0 for _progress, weight in counted):
            total = sum(weight for _progress, weight in counted)
            computed = sum(progress * weight for progress, weight in counted) / total
        else:
            computed = sum(progress for progress, _weight in counted) / len(counted)
        computed, source = round(computed), "children"
    elif node.leaf_kind:
        computed = indicator_progress(node.indicators, node.measurements)
        source = "indicators"
        if computed is None:
            computed, source = node.entered or 0, "entered"
    else:
        computed, source = None, None
    progress = computed
    if node.override is not None:
        progress, source = node.override, "override"
    result = Result(progress=progress, computed=computed, source=source, budget=budget)
    memo[node.key] = result
    return result
