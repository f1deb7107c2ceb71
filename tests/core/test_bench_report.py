"""docs/performance.md's benchmark section, from `make bench`'s JSON (no timing asserted)."""

from pathlib import Path

import importlib.util
import pytest


ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def performance_md():
    path = ROOT / "scripts" / "performance_md.py"
    spec = importlib.util.spec_from_file_location("performance_md_bench", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _bench(scale, dashboard_ratio, **benchmarks):
    return {
        "date": "2026-11-29T07:30:00",
        "machine": "2 cœurs · Python 3.11.7",
        "scale": scale,
        "note": "Charge du système au lancement : 2.10.",
        "dataset": {
            "counts": {"meetings": 10, "items": 30, "mails": 5000, "permits": 300, "actions": 50},
            "generation_seconds": 250.0,
            "pst_actions": 50,
        },
        "benchmarks": {
            "meeting_page": {
                "product_ms": 400.0,
                "plain_ms": 100.0,
                "ratio": 4.0,
                "value": 4.0,
                "target": "≤ 2,0 × Plone",
                "met": False,
            },
            "mail_dashboard": {"product_ms": 200.0, "plain_ms": 100.0, "ratio": dashboard_ratio},
            **benchmarks,
        },
        "skipped": {},
    }


REGISTRATION = {
    "value": 0.8,
    "target": "≥ 0,5 × Plone, 0 doublon",
    "met": True,
    "count": 1000,
    "clients": 4,
    "mails_per_second": 4.0,
    "documents_per_second": 5.0,
    "duplicates": 0,
    "errors": 0,
}


def test_a_missed_target_is_said_in_bold(performance_md):
    page = performance_md.render([], {"S": _bench("S", 2.0)})
    assert "## Comparaison avec Plone" in page
    assert "### Échelle S" in page
    assert (
        "| 1 | Page d'une séance de 150 points (secrétariat) | 400.0 ms | 100.0 ms | 4.00 "
        "| ≤ 2,0 × Plone | **non** |" in page
    )
    assert "Jeu de données : 10 séances de 30 points, 5\u202f000 courriers" in page
    assert "Charge du système au lancement : 2.10." in page


def test_registration_shows_duplicates_and_its_own_count(performance_md):
    page = performance_md.render([], {"S": _bench("S", 2.0, mail_registration=REGISTRATION)})
    row = "| 4 | 1\u202f000 courriers par REST, 4 clients | 4.0 courriers/s | 5.0 Documents/s"
    assert row in page
    assert "0.80 ; 0 doublon(s)" in page


def test_growth_needs_both_scales(performance_md):
    only_small = performance_md.render([], {"S": _bench("S", 2.0)})
    assert "lancez `make bench SCALE=L`" in only_small
    both = performance_md.render([], {"S": _bench("S", 2.0), "L": _bench("L", 5.0)})
    assert both.index("### Échelle S") < both.index("### Échelle L")
    assert "rapport L/S (chacun divisé par Plone de sa propre exécution) : **2.50**" in both
    assert "(cible ≤ 1,5 : **non**)" in both


def test_findings_and_skipped_benchmarks_are_shown(performance_md):
    result = _bench("S", 2.0)
    result["skipped"] = {"documents": "LibreOffice est introuvable."}
    page = performance_md.render([], {"S": result}, "### Causes\n\nLa cause.\n")
    assert "Non mesuré (documents) : LibreOffice est introuvable." in page
    assert page.rstrip().endswith("La cause.")


def test_without_benchmarks_the_load_page_is_unchanged(performance_md):
    page = performance_md.render([])
    assert "## Comparaison avec Plone" not in page
    assert page.startswith("# Performances")
