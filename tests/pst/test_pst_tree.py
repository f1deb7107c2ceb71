"""References follow positions; progress and budgets roll up the tree."""

from pstworld import budget


def test_references_follow_positions(pst):
    os1 = pst.objective("Commune propre")
    os2 = pst.objective("Commune mobile")
    oo = pst.operational(os2, "Moins de voitures")
    action = pst.action(oo, "Pistes cyclables")
    sub = pst.sub_action(action, "Rue de la Gare")
    assert [os1.reference, os2.reference] == ["OS.1", "OS.2"]
    assert (oo.reference, action.reference, sub.reference) == ("OO.2.1", "A.2.1.1", "SA.2.1.1.1")
    pst.plan.moveObjectsToTop([os2.getId()])
    assert [os2.reference, os1.reference] == ["OS.1", "OS.2"]
    assert sub.reference == "SA.1.1.1.1"


def test_progress_is_weighted_by_budgets(pst):
    os1 = pst.objective()
    oo = pst.operational(os1)
    first = pst.action(oo, "A", progress_entered=100, budget_lines=[budget(2025, 3000)])
    pst.action(oo, "B", progress_entered=0, budget_lines=[budget(2025, 1000, 250)])
    assert first.progress == 100
    assert oo.progress == 75
    assert os1.progress == 75
    assert oo.budget["planned"] == 4000
    assert oo.budget["spent"] == 250
    assert pst.plan.budget["by_year"]["2025"] == {"planned": 4000.0, "spent": 250.0}


def test_references_follow_a_move_to_another_objective(pst):
    from plone import api

    os1 = pst.objective("Commune propre")
    first, second = pst.operational(os1, "Dépôts"), pst.operational(os1, "Tri")
    moving = pst.action(first, "Caméras", budget_lines=[budget(2025, 1000)])
    staying = pst.action(first, "Poubelles")
    pst.action(second, "Conteneurs")
    assert (moving.reference, staying.reference) == ("A.1.1.1", "A.1.1.2")
    moved = api.content.move(source=moving, target=second)
    assert staying.reference == "A.1.1.1"
    assert moved.reference == "A.1.2.2"
    assert first.budget["planned"] == 0 and second.budget["planned"] == 1000
    found = api.content.find(UID=moved.UID())[0]
    assert found.pst_reference == "A.1.2.2"
