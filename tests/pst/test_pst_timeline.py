"""The timeline of an objective's actions: the SVG alone, then on the objectives' pages."""

from communesplone.pst.charts import timeline_chart
from communesplone.pst.charts import TIMELINE_LEFT
from communesplone.pst.charts import TIMELINE_RIGHT
from datetime import date
from datetime import timedelta
from plone import api

import pytest
import re
import xml.etree.ElementTree as ET


SVG = "{http://www.w3.org/2000/svg}"
YEAR = date.today().year  # any year does; none is written in the tests


def bar(label="Action", **fields):
    return {
        "label": label,
        "planned_start": None,
        "planned_end": None,
        "effective_start": None,
        "effective_end": None,
        "late": False,
        "state": "created",
        **fields,
    }


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def rects(root, kind: str) -> list[ET.Element]:
    return [rect for rect in root.iter(f"{SVG}rect") if kind in rect.get("class").split()]


def rows(root) -> list[ET.Element]:
    return [group for group in root.iter(f"{SVG}g") if "row" in group.get("class").split()]


def label_of(row) -> str:
    return row.find(f".//{SVG}text").text


def span(rect) -> tuple[float, float]:
    """Left and right edges of a bar."""
    left = float(rect.get("x"))
    return left, left + float(rect.get("width"))


def test_no_bars_no_chart():
    assert timeline_chart("Calendrier", [], date.today()) == ""


def test_positions_are_proportional_to_the_dates():
    whole = bar("Toute l'année", planned_start=date(YEAR, 1, 1), planned_end=date(YEAR + 1, 1, 1))
    half = bar("Premier semestre", planned_start=date(YEAR, 1, 1), planned_end=date(YEAR, 7, 1))
    root = parse(timeline_chart("Calendrier", [whole, half], date(YEAR, 3, 15)))
    year_bar, half_bar = rects(root, "planned")
    assert (year_bar.get("data-start"), year_bar.get("data-end")) == (
        date(YEAR, 1, 1).isoformat(),
        date(YEAR + 1, 1, 1).isoformat(),
    )
    # The axis runs from the earliest date to the latest: the year fills the plot.
    assert span(year_bar) == pytest.approx((TIMELINE_LEFT, TIMELINE_RIGHT), abs=0.01)
    assert span(half_bar)[0] == pytest.approx(TIMELINE_LEFT, abs=0.01)
    ratio = (date(YEAR, 7, 1) - date(YEAR, 1, 1)) / (date(YEAR + 1, 1, 1) - date(YEAR, 1, 1))
    width = float(half_bar.get("width")) / float(year_bar.get("width"))
    assert width == pytest.approx(ratio, abs=0.001) and width == pytest.approx(0.5, abs=0.01)
    # Under two years: a tick per month, a line and a label per year.
    months = [line for line in root.iter(f"{SVG}line") if line.get("class") == "month"]
    assert len(months) == 12
    labels = [text.text for text in root.iter(f"{SVG}text") if text.get("class") == "year-label"]
    assert labels == [str(YEAR), str(YEAR + 1)]
    # Today, a quarter of the way or so, has its line.
    (today,) = [line for line in root.iter(f"{SVG}line") if line.get("class") == "today"]
    assert TIMELINE_LEFT < float(today.get("x1")) < (TIMELINE_LEFT + TIMELINE_RIGHT) / 2
    assert [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "today-label"] == [
        "Aujourd'hui"
    ]


def test_a_long_span_has_years_without_months():
    long = bar("Longue", planned_start=date(YEAR - 2, 6, 1), planned_end=date(YEAR + 2, 6, 1))
    root = parse(timeline_chart("Calendrier", [long], date(YEAR, 1, 10)))
    assert not [line for line in root.iter(f"{SVG}line") if line.get("class") == "month"]
    years = [
        line.get("data-date") for line in root.iter(f"{SVG}line") if line.get("class") == "year"
    ]
    assert years == [date(YEAR - 2, 6, 1).isoformat()] + [
        date(year, 1, 1).isoformat() for year in range(YEAR - 1, YEAR + 3)
    ]


def test_a_late_action_is_marked_and_its_dates_are_in_french():
    today = date.today()
    late = bar(
        "En retard",
        planned_start=today - timedelta(days=200),
        planned_end=today - timedelta(days=10),
        late=True,
        state="ongoing",
    )
    on_time = bar("À temps", planned_start=today, planned_end=today + timedelta(days=90))
    root = parse(timeline_chart("Calendrier", [late, on_time], today))
    late_bar, on_time_bar = rects(root, "planned")
    assert late_bar.get("class").split() == ["planned", "late"]
    assert on_time_bar.get("class").split() == ["planned"]
    tooltip = late_bar.find(f"{SVG}title").text
    end = today - timedelta(days=10)
    assert f"{end:%d/%m/%Y}" in tooltip and "en retard" in tooltip
    assert "late" in rows(root)[0].get("class").split()
    assert "late" not in rows(root)[1].get("class").split()


def test_an_open_action_runs_to_today_a_closed_one_does_not():
    today = date.today()
    started = today - timedelta(days=60)
    ongoing = bar("En cours", effective_start=started, state="ongoing")
    stopped = bar("Arrêtée", effective_start=started, state="stopped")
    finished = bar("Terminée", effective_start=started, effective_end=today - timedelta(days=5))
    root = parse(timeline_chart("Calendrier", [ongoing, stopped, finished], today))
    running, halted, done = rects(root, "effective")
    assert (running.get("data-start"), running.get("data-end")) == (
        started.isoformat(),
        today.isoformat(),
    )
    (now,) = [line for line in root.iter(f"{SVG}line") if line.get("class") == "today"]
    assert span(running)[1] == pytest.approx(float(now.get("x1")), abs=0.01)
    assert "en cours" in running.find(f"{SVG}title").text
    assert halted.get("data-end") == started.isoformat()
    assert done.get("data-end") == (today - timedelta(days=5)).isoformat()
    assert span(done)[1] < span(running)[1]


def test_an_action_without_dates_says_so():
    dated = bar("Datée", planned_start=date(YEAR, 2, 1), planned_end=date(YEAR, 4, 1))
    root = parse(timeline_chart("Calendrier", [dated, bar("Sans dates")], date(YEAR, 3, 1)))
    undated = rows(root)[1]
    assert label_of(undated) == "Sans dates"
    assert not undated.findall(f"{SVG}rect")
    assert [text.text for text in undated.iter(f"{SVG}text") if text.get("class") == "undated"] == [
        "dates non prévues"
    ]


def test_labels_and_links_are_escaped_and_long_labels_shortened():
    odd = bar(
        "Rue <Haute> & place",
        url="https://intranet.example/pst?a=1&b=<2>",
        planned_start=date(YEAR, 1, 1),
        planned_end=date(YEAR, 2, 1),
    )
    long = bar("Rénover " * 20, planned_start=date(YEAR, 1, 1), planned_end=date(YEAR, 3, 1))
    svg = timeline_chart("Prévu <&> effectif", [odd, long], date(YEAR, 1, 15))
    assert "<Haute>" not in svg and "<script" not in svg
    root = parse(svg)
    assert root.find(f"{SVG}title").text == "Prévu <&> effectif"
    first, second = rows(root)
    assert label_of(first) == "Rue <Haute> & place"
    assert first.find(f"{SVG}a").get("href") == "https://intranet.example/pst?a=1&b=<2>"
    assert label_of(second).endswith("…") and len(label_of(second)) <= 42
    assert second.find(f".//{SVG}text/{SVG}title").text == "Rénover " * 20


# The objectives' pages ---------------------------------------------------------------


def timeline_of(html: str) -> ET.Element:
    found = re.search(r'<svg[^>]*class="pst-timeline".*?</svg>', html, re.S)
    assert found, "no timeline on the page"
    return parse(found.group(0))


def labels(root) -> list[str]:
    return [label_of(row) for row in rows(root)]


def build(world):
    """OS.1 > OO.1.1 (two actions, one late) and OO.1.2 (an action serving OO.1.1 too);
    OS.2 > OO.2.1 > an action of its own."""
    today = date.today()
    world.os1 = world.objective("Être une commune propre")
    world.oo1 = world.operational(world.os1, "Réduire les dépôts clandestins")
    world.oo2 = world.operational(world.os1, "Trier davantage")
    world.cameras = world.action(
        world.oo1,
        "Installer des caméras",
        planned_start=today - timedelta(days=100),
        planned_end=today + timedelta(days=200),
        effective_start=today - timedelta(days=90),
    )
    world.bins = world.action(
        world.oo1,
        "Placer des poubelles",
        planned_start=today - timedelta(days=300),
        planned_end=today - timedelta(days=30),
    )
    world.sub_action(world.cameras, "Choisir les sites", planned_start=today)
    world.sorting = world.action(
        world.oo2,
        "Sensibiliser au tri",
        planned_start=today,
        planned_end=today + timedelta(days=400),
        own_share=60,
        transversal=[{"objective": world.oo1.UID(), "share": 40}],
    )
    world.os2 = world.objective("Être une commune mobile")
    world.oo3 = world.operational(world.os2, "Sécuriser les abords des écoles")
    world.elsewhere = world.action(world.oo3, "Poser des ralentisseurs")


def test_an_operational_objective_shows_its_actions_and_those_serving_it(pst):
    build(pst)
    html = api.content.get_view("fiche", pst.oo1, pst.portal.REQUEST)()
    assert "Calendrier des actions : prévu et effectif" in html
    assert 'id="pst-timeline-legend"' in html
    root = timeline_of(html)
    assert labels(root) == [
        "A.1.1.1 Installer des caméras",
        "A.1.1.2 Placer des poubelles",
        "A.1.2.1 Sensibiliser au tri",
    ]
    cameras, bins, sorting = rows(root)
    assert "late" in bins.get("class").split() and "late" not in cameras.get("class").split()
    (effective,) = rects(cameras, "effective")
    assert effective.get("data-end") == date.today().isoformat()  # started, not finished
    assert cameras.find(f"{SVG}a").get("href") == pst.cameras.absolute_url()
    assert rects(sorting, "planned")
    assert "Poser des ralentisseurs" not in html


def test_a_strategic_objective_shows_every_action_below_it_once(pst):
    build(pst)
    root = timeline_of(api.content.get_view("fiche", pst.os1, pst.portal.REQUEST)())
    assert labels(root) == [
        "A.1.1.1 Installer des caméras",
        "A.1.1.2 Placer des poubelles",
        "A.1.2.1 Sensibiliser au tri",
    ]
    root = timeline_of(api.content.get_view("fiche", pst.os2, pst.portal.REQUEST)())
    assert labels(root) == ["A.2.1.1 Poser des ralentisseurs"]
    assert [text.text for text in root.iter(f"{SVG}text") if text.get("class") == "undated"] == [
        "dates non prévues"
    ]


def test_actions_and_empty_objectives_have_no_timeline(pst):
    build(pst)
    html = api.content.get_view("fiche", pst.cameras, pst.portal.REQUEST)()
    assert 'class="pst-timeline"' not in html and 'id="pst-timeline"' not in html
    empty = pst.operational(pst.os2, "Rien encore")
    html = api.content.get_view("fiche", empty, pst.portal.REQUEST)()
    assert 'id="pst-timeline"' not in html
