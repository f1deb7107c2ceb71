"""`make load`'s pure parts: percentiles, finding PostgreSQL, docs/performance.md."""

from pathlib import Path

import importlib.util
import pytest


ROOT = Path(__file__).parents[2]


def _module(relative: str):
    path = ROOT / relative
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def load():
    return _module("bench/load.py")


@pytest.fixture(scope="module")
def performance_md():
    return _module("scripts/performance_md.py")


def test_percentiles_are_taken_from_the_measures(load):
    values = [n / 1000 for n in range(1, 101)]  # 1 ms to 100 ms
    figures = load.summary(values)
    assert figures["requests"] == 100
    assert figures["p50_ms"] in (50.0, 51.0)
    assert figures["p95_ms"] == 95.0
    assert figures["p99_ms"] == 99.0
    assert load.summary([])["p95_ms"] == 0.0


def test_the_newest_postgresql_is_found_by_version_not_by_name(tmp_path):
    pgcluster = _module("bench/pgcluster.py")
    assert pgcluster.pg_bin(tmp_path) is None
    for version in ("9.6", "15", "16"):
        (tmp_path / version / "bin").mkdir(parents=True)
        (tmp_path / version / "bin" / "pg_ctl").touch()
    assert pgcluster.pg_bin(tmp_path) == tmp_path / "16" / "bin"


def _result(label, processes, rps, errors=0, **extra):
    figures = {"requests": 10, "p50_ms": 100.0, "p95_ms": 200.0, "p99_ms": 300.0}
    return {
        "label": label,
        "date": "2026-11-29T04:06:08",
        "machine": "2 cœurs · Python 3.11.7",
        "processes": processes,
        "users": 20,
        "seconds": 60.2,
        "throughput_rps": rps,
        "errors": errors,
        "overall": figures,
        "requests": {"Mes points": figures},
        **extra,
    }


def test_the_page_shows_both_storages_filestorage_first(performance_md):
    page = performance_md.render(
        [
            _result("relstorage", 2, 17.7, note="Deux processus."),
            _result("filestorage", 1, 12.6),  # an older result: no note, no samples
        ]
    )
    assert page.index("### FileStorage") < page.index("### RelStorage")
    assert "| FileStorage, un processus | 1 | 2026-11-29 04:06 | 12.6 | 100.0 |" in page
    assert "| RelStorage (PostgreSQL), deux processus | 2 |" in page
    assert "Le 2026-11-29 04:06, sur 2 cœurs · Python 3.11.7." in page
    assert "Deux processus." in page
    assert "Premières erreurs" not in page


def test_errors_are_listed_without_their_addresses(performance_md):
    sample = {"request": "Mes points", "url": "http://127.0.0.1:41047/valmont", "error": "503"}
    page = performance_md.render([_result("filestorage", 1, 3.0, 1, error_samples=[sample])])
    assert "- Mes points : 503" in page
    assert "41047" not in page
