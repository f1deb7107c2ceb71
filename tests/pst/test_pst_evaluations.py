"""Evaluation snapshots: taken once and never changed by later edits, compared with each
other or with today, readable by the plan's readers, made by the PST managers only."""

from apiexamples import record_example
from communesplone.core import documents
from communesplone.pst import evaluation as snapshots
from datetime import datetime
from datetime import timedelta
from plone import api
from plone.dexterity.utils import createContentInContainer
from pstworld import budget
from zExceptions import Unauthorized

import io
import pytest
import re
import requests
import transaction
import zipfile


PASSWORD = "password1"
JSON = {"Accept": "application/json"}


def tree(world):
    world.os1 = world.objective("Être une commune propre")
    world.oo1 = world.operational(world.os1, "Réduire les dépôts clandestins")
    world.cameras = world.action(
        world.oo1,
        "Installer des caméras",
        progress_entered=40,
        health="good",
        health_comment="Sur les rails",
        managing_services=["travaux"],
        indicators=[{"label": "Caméras", "unit": "caméras", "baseline": 0, "target": 10}],
        measurements=[{"indicator": "Caméras", "year": 2025, "value": 4}],
        budget_lines=[budget(2025, 3000, 1000)],
    )
    world.schools = world.action(world.oo1, "Sensibiliser les écoles", progress_entered=20)
    return world


def evaluate(world, evaluation_type="mid_term", **fields):
    return createContentInContainer(
        world.plan, "PSTEvaluation", evaluation_type=evaluation_type, **fields
    )


def row_of(evaluation, title):
    return next(row for row in evaluation.figures if row["title"] == title)


def change_cameras(world, **fields):
    for name, value in fields.items():
        setattr(world.cameras, name, value)
    world.cameras.reindexObject()
    from zope.event import notify
    from zope.lifecycleevent import ObjectModifiedEvent

    notify(ObjectModifiedEvent(world.cameras))


def test_a_snapshot_keeps_every_node_as_it_was(pst):
    tree(pst)
    evaluation = evaluate(pst, narrative="Une première moitié encourageante.")
    day = datetime.fromisoformat(evaluation.taken_on).strftime("%d/%m/%Y")
    assert evaluation.Title() == f"Évaluation à mi-législature du {day}"
    assert [row["reference"] for row in evaluation.figures] == [
        "OS.1",
        "OO.1.1",
        "A.1.1.1",
        "A.1.1.2",
    ]
    cameras = row_of(evaluation, "Installer des caméras")
    assert cameras["progress"] == 40  # from the indicator: 4 of 10
    assert cameras["health"] == "good"
    assert cameras["health_comment"] == "Sur les rails"
    assert cameras["state"] == "created"
    assert (cameras["planned"], cameras["spent"]) == (3000, 1000)
    assert cameras["indicators"] == [
        {
            "label": "Caméras",
            "unit": "caméras",
            "baseline": 0,
            "target": 10,
            "year": 2025,
            "value": 4,
            "reach": 40,
        }
    ]
    assert evaluation.totals["progress"] == pst.plan.progress == 30
    assert evaluation.totals["planned"] == 3000


def test_later_edits_do_not_change_the_snapshot(pst):
    tree(pst)
    evaluation = evaluate(pst)
    before = [dict(row) for row in evaluation.figures], dict(evaluation.totals)
    change_cameras(
        pst,
        measurements=[{"indicator": "Caméras", "year": 2026, "value": 9}],
        health="blocked",
        budget_lines=[budget(2025, 3000, 2500)],
    )
    api.content.transition(pst.cameras, "schedule")
    pst.action(pst.oo1, "Verbaliser")
    assert pst.cameras.progress == 90 and pst.plan.progress != before[1]["progress"]
    assert [dict(row) for row in evaluation.figures] == before[0]
    assert dict(evaluation.totals) == before[1]
    # A copy of the evaluation keeps the figures it was taken with.
    copy = api.content.copy(evaluation, pst.plan)
    assert [dict(row) for row in copy.figures] == before[0]


def test_a_snapshot_compared_with_today(pst):
    tree(pst)
    evaluation = evaluate(pst)
    change_cameras(pst, measurements=[{"indicator": "Caméras", "year": 2026, "value": 8}])
    change_cameras(pst, health="at_risk")
    api.content.delete(pst.schools)
    pst.action(pst.oo1, "Verbaliser")
    before, after = snapshots.in_order(
        snapshots.side(pst.plan, snapshots.TODAY),
        snapshots.side(pst.plan, evaluation.UID()),
    )
    assert (before.evaluation, after.key) == (evaluation, snapshots.TODAY)  # past first
    lines = {line.title: line for line in snapshots.compare(before.figures, after.figures)}
    cameras = lines["Installer des caméras"]
    assert cameras.status == "changed"
    assert cameras.changes == {"progress", "health"}
    assert cameras.progress_delta == 40
    assert cameras.health_trend == "worse"
    assert lines["Sensibiliser les écoles"].status == "removed"
    assert lines["Verbaliser"].status == "new"
    assert lines["Être une commune propre"].status == "changed"  # its progress followed
    assert snapshots.summary(list(lines.values())) == {
        "progressed": 3,  # the action, its objectives (OO and OS)
        "regressed": 0,
        "better": 0,
        "worse": 1,
        "new": 1,
        "removed": 1,
        "same": 0,
    }


def test_two_snapshots_compared_read_from_the_older(pst):
    tree(pst)
    first = evaluate(pst)
    change_cameras(pst, health="blocked")
    second = evaluate(pst, "yearly")
    second.taken_on = (datetime.now() + timedelta(seconds=5)).isoformat(timespec="seconds")
    for pair in ((first, second), (second, first)):
        before, after = snapshots.in_order(*(snapshots.side(pst.plan, e.UID()) for e in pair))
        assert (before.evaluation, after.evaluation) == (first, second)
        lines = snapshots.compare(before.figures, after.figures)
        changed = [line.title for line in lines if line.status == "changed"]
        assert changed == ["Installer des caméras"]


def test_unknown_or_foreign_snapshots_are_refused(pst):
    tree(pst)
    other_plan = createContentInContainer(
        pst.folder, "StrategicPlan", title="PST CPAS", legislature_start=2024, legislature_end=2030
    )
    foreign = createContentInContainer(other_plan, "PSTEvaluation")
    for key in ("nimporte-quoi", foreign.UID()):
        with pytest.raises(snapshots.UnknownSnapshot):
            snapshots.side(pst.plan, key)
    view = api.content.get_view("comparer", pst.plan, pst.portal.REQUEST)
    pst.portal.REQUEST.form.update({"avant": foreign.UID(), "apres": snapshots.TODAY})
    html = view()
    assert pst.portal.REQUEST.response.getStatus() == 400
    assert "pas une évaluation de ce programme" in html
    assert 'id="pst-compare-table"' not in html


def test_the_compare_page_marks_the_changes(pst):
    tree(pst)
    evaluation = evaluate(pst)
    change_cameras(pst, measurements=[{"indicator": "Caméras", "year": 2026, "value": 8}])
    request = pst.portal.REQUEST
    request.form.update({"avant": evaluation.UID()})  # « après » is today by default
    html = api.content.get_view("comparer", pst.plan, request)()
    row = re.search(rf'<tr[^>]*data-uid="{pst.cameras.UID()}"[^>]*>(.*?)</tr>', html, re.S).group(0)
    assert 'data-status="changed"' in row
    assert "40 %" in row and "80 %" in row and "+40" in row
    assert "table-success" in row  # progress went up
    untouched = re.search(rf'<tr[^>]*data-uid="{pst.schools.UID()}"[^>]*>', html).group(0)
    assert 'data-status="same"' in untouched
    # The comparison's report is generated on the evaluation, compared with today.
    assert f"{evaluation.absolute_url()}/document-generation?template_uid=" in html
    assert "compare_to=aujourdhui" in html


def test_the_evaluation_page_shows_the_frozen_figures(pst):
    tree(pst)
    evaluation = evaluate(pst, synergies="Marché conjoint de caméras avec le CPAS.")
    change_cameras(pst, health_comment="Tout a changé")
    html = api.content.get_view("evaluation", evaluation, pst.portal.REQUEST)()
    assert "Sur les rails" in html and "Tout a changé" not in html
    assert "Marché conjoint de caméras avec le CPAS." in html
    assert re.search(r'id="pst-evaluation-progress"[^>]*>30 %<', html)


def test_only_pst_managers_evaluate_and_the_plan_readers_read(pst):
    tree(pst)
    api.content.transition(pst.plan, "adopt")
    evaluation = evaluate(pst)
    for userid in ("agent_travaux", "chef_travaux", "echevin", "member"):
        pst.login(userid)
        assert not api.user.has_permission("communesplone.pst: Add evaluation", obj=pst.plan), (
            userid
        )
        assert not api.user.has_permission("Modify portal content", obj=evaluation), userid
        assert api.user.has_permission("View", obj=evaluation), userid
        with pytest.raises(Unauthorized):
            evaluate(pst)
    pst.login("pst_manager")
    assert api.user.has_permission("Modify portal content", obj=evaluation)


def test_over_rest_the_figures_are_read_only(http_pst):
    world = http_pst
    tree(world)
    evaluation = evaluate(world)
    url, figures = evaluation.absolute_url(), [dict(row) for row in evaluation.figures]
    transaction.commit()
    auth = ("pst_manager", PASSWORD)
    data = requests.get(url, auth=auth, headers=JSON, timeout=30).json()
    assert [row["reference"] for row in data["figures"]] == [row["reference"] for row in figures]
    assert data["totals"]["progress"] == 30
    response = requests.patch(
        url,
        json={"figures": [], "totals": {"progress": 100}, "narrative": "Analyse"},
        auth=auth,
        headers=JSON,
        timeout=30,
    )
    assert response.status_code == 204, response.text
    record_example("pst-evaluation-patch", response)
    data = requests.get(url, auth=auth, headers=JSON, timeout=30).json()
    assert data["narrative"] == "Analyse"
    assert data["totals"]["progress"] == 30
    assert [row["reference"] for row in data["figures"]] == [row["reference"] for row in figures]
    refused = requests.patch(
        url, json={"narrative": "Non"}, auth=("agent_travaux", PASSWORD), headers=JSON, timeout=30
    )
    assert refused.status_code in (401, 403)


@pytest.mark.office
def test_the_evaluation_report_compares_with_the_previous_one(pst, office_port, monkeypatch):
    monkeypatch.setenv("OO_PORT", str(office_port))
    documents.configure_office()
    tree(pst)
    first = evaluate(pst, narrative="Premier bilan.")
    change_cameras(pst, health="blocked")
    second = evaluate(pst, "final", narrative="Bilan final.", synergies="Achats groupés.")
    second.taken_on = (datetime.now() + timedelta(seconds=5)).isoformat(timespec="seconds")
    data = documents.generate(second, "pst-evaluation", "odt")
    xml = zipfile.ZipFile(io.BytesIO(data)).read("content.xml").decode("utf-8")
    text = re.sub(r"<[^>]+>", " ", xml)
    text = " ".join(text.split())
    for code in ("do text", "do table", "view.", "change.", "Error"):
        assert code not in text
    assert "Bilan final." in text and "Achats groupés." in text
    assert f"{first.Title()}" in text  # compared with the previous evaluation
    assert "Bon → Bloqué" in text
    assert "Premier bilan." not in text
    # Compared with today instead, on request: nothing moved since the second one.
    pst.portal.REQUEST.form["compare_to"] = snapshots.TODAY
    data = documents.generate(second, "pst-evaluation", "odt")
    xml = zipfile.ZipFile(io.BytesIO(data)).read("content.xml").decode("utf-8")
    assert "Bon → Bloqué" not in xml
    assert "Aujourd'hui" in xml or "Aujourd&apos;hui" in xml


def test_an_evaluation_is_taken_over_rest(http_pst):
    """A PST manager adds an evaluation with its type and analysis; the snapshot comes
    back with it."""
    world = http_pst
    os1 = world.objective("Être une commune propre")
    world.action(
        world.operational(os1, "Réduire les dépôts clandestins"),
        "Installer des caméras",
        progress_entered=40,
        budget_lines=[budget(2025, 3000, 1000)],
    )
    transaction.commit()
    response = requests.post(
        f"{world.url}/pst/pst-2024-2030",
        json={
            "@type": "PSTEvaluation",
            "evaluation_type": "yearly",
            "narrative": "Les caméras sont commandées.",
        },
        auth=("pst_manager", PASSWORD),
        headers=JSON,
        timeout=30,
    )
    assert response.status_code == 201, response.text
    record_example("pst-evaluation-create", response)
    data = response.json()
    assert data["title"].startswith("Évaluation annuelle du ")
    assert [row["reference"] for row in data["figures"]] == ["OS.1", "OO.1.1", "A.1.1.1"]
    assert data["totals"]["progress"] == 40
    assert (data["totals"]["planned"], data["totals"]["spent"]) == (3000, 1000)
