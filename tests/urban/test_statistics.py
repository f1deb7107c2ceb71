"""Statistics of the urbanism service: the figures and the page."""

from communesplone.urban.statistics import figures
from datetime import date
from datetime import timedelta
from plone import api


def stats(deposit, acknowledgement=None, decision=None, on_time=None):
    return {
        "deposit": deposit,
        "acknowledgement": acknowledgement,
        "decision": decision,
        "on_time": on_time,
    }


def test_figures_per_year_and_procedure():
    rows = [
        ("pu", stats("2025-03-03", "2025-03-13", "2025-05-02", True)),
        ("pu", stats("2025-06-02", "2025-06-22", "2025-09-01", False)),
        ("pu", stats("2025-09-01", "2025-09-11")),
        ("cu1", stats("2025-02-01")),
        ("pu", stats("2026-01-05", "2026-01-15", "2026-02-10", True)),
        ("pu", None),  # never deposited: not counted
    ]
    lines = figures(rows)
    assert [(line["year"], line["procedure"]) for line in lines] == [
        (2026, "pu"),
        (2025, "cu1"),
        (2025, "pu"),
    ]
    pu_2025 = lines[2]
    assert pu_2025["deposited"] == 3
    assert pu_2025["median_to_acknowledgement"] == 10  # 10, 20, 10 days
    assert pu_2025["median_to_decision"] == 75.5  # 60 and 91 days
    assert pu_2025["decided"] == 2
    assert pu_2025["on_time_rate"] == 50
    assert lines[1]["median_to_acknowledgement"] is None
    assert lines[1]["on_time_rate"] is None


def test_the_page_counts_the_files_and_draws_its_charts(urban, http_request):
    today = date.today()
    for days_to_ack in (5, 15):
        permit = urban.add_permit()
        deposit = today - timedelta(days=100)
        urban.add_event(permit, "deposit", deposit)
        urban.add_event(
            permit, "acknowledgement", deposit + timedelta(days=days_to_ack), publicity="none"
        )
    view = api.content.get_view("statistiques", urban.folder, http_request)
    (line,) = view.lines()
    assert line["label"] == "PU" and line["deposited"] == 2
    assert line["median_to_acknowledgement"] == 10
    # Both files missed their decision deadline and have no decision.
    assert line["on_time_rate"] == 0 and line["decided"] == 2
    html = view()
    assert 'id="urban-statistics"' in html
    assert "Dossiers déposés par année" in html and "Décisions dans le délai légal" in html
    # The charts fetch nothing from elsewhere.
    chart = view.deposits_chart()
    assert chart.startswith("<svg") and "kozea.github.io" not in chart
    urban.login("other_agent")
    assert api.content.get_view("statistiques", urban.folder, http_request).lines() == []
