"""The roll-up rules alone (plain Python, no site)."""

from communesplone.pst.rollup import compute
from communesplone.pst.rollup import indicator_progress
from communesplone.pst.rollup import Node


def line(year, planned, spent=0.0, source="commune"):
    return {"year": year, "source": source, "planned": planned, "spent": spent}


def leaf(key, entered=None, lines=(), **fields):
    return Node(key=key, entered=entered, budget_lines=list(lines), leaf_kind=True, **fields)


def test_weighted_when_every_child_has_a_budget():
    parent = Node(key="oo")
    parent.children = [
        (leaf("a", 100, [line(2025, 3000)]), 100),
        (leaf("b", 0, [line(2025, 1000)]), 100),
    ]
    assert compute(parent).progress == 75


def test_plain_mean_when_a_child_has_no_budget():
    parent = Node(key="oo")
    parent.children = [(leaf("a", 100, [line(2025, 3000)]), 100), (leaf("b", 0), 100)]
    result = compute(parent)
    assert result.progress == 50 and result.source == "children"


def test_abandoned_children_do_not_count_but_their_money_does():
    parent = Node(key="oo")
    parent.children = [
        (leaf("a", 40), 100),
        (leaf("b", 0, [line(2025, 500, 500)], abandoned=True), 100),
    ]
    result = compute(parent)
    assert result.progress == 40
    assert result.budget.spent == 500


def test_indicators_from_their_latest_value_clamped():
    indicators = [
        {"label": "Dépôts", "baseline": 180, "target": 90},  # down is better
        {"label": "Haies (km)", "baseline": 0, "target": 5},
        {"label": "Sans cible", "baseline": 3},
    ]
    measurements = [
        {"indicator": "Dépôts", "year": 2025, "value": 150},
        {"indicator": "Dépôts", "year": 2026, "value": 135},
        {"indicator": "Haies (km)", "year": 2026, "value": 7},  # beyond the target: 100 %
    ]
    assert indicator_progress(indicators, measurements) == round((50 + 100) / 2)
    assert indicator_progress(indicators[2:], measurements) is None
    assert indicator_progress(indicators[:1], []) == 0
    node = leaf("a", entered=10, indicators=indicators, measurements=measurements)
    assert compute(node).source == "indicators" and compute(node).progress == 75


def test_override_replaces_and_keeps_the_computed_value():
    parent = Node(key="oo", override=90)
    parent.children = [(leaf("a", 20), 100)]
    result = compute(parent)
    assert (result.progress, result.computed, result.source) == (90, 20, "override")


def test_transversal_action_counts_once_split_between_objectives():
    action = leaf("a", 50, [line(2025, 1000, 400, "wallonia")])
    own, other = Node(key="oo1"), Node(key="oo2")
    own.children = [(action, 60)]
    other.children = [(action, 40)]
    plan = Node(key="plan")
    plan.children = [(own, 100), (other, 100)]
    memo = {}
    result = compute(plan, memo)
    assert memo["oo1"].budget.planned == 600 and memo["oo2"].budget.planned == 400
    assert result.budget.planned == 1000 and result.budget.spent == 400
    assert result.budget.as_dict()["by_source"] == {"wallonia": {"planned": 1000.0, "spent": 400.0}}
    assert memo["oo2"].progress == 50


def test_an_objective_without_children_has_no_progress_and_is_left_out():
    plan = Node(key="plan")
    plan.children = [(Node(key="empty"), 100), (leaf("a", 30), 100)]
    memo = {}
    assert compute(plan, memo).progress == 30
    assert memo["empty"].progress is None
