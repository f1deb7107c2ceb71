"""`make bench`'s pure parts: medians, ratios, targets, memory, the dataset's shape."""

from pathlib import Path

import importlib.util
import json
import pytest
import random


ROOT = Path(__file__).parents[2]


def _module(relative: str):
    path = ROOT / relative
    spec = importlib.util.spec_from_file_location(f"bench_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def figures():
    return _module("bench/figures.py")


@pytest.fixture(scope="module")
def generate():
    return _module("bench/generate.py")


def test_median_is_in_milliseconds(figures):
    assert figures.median_ms([0.3, 0.1, 0.2]) == 200.0
    assert figures.median_ms([]) == 0.0


def test_ratio_is_product_over_plain_plone(figures):
    assert figures.ratio(300.0, 150.0) == 2.0
    assert figures.ratio(1.0, 0) is None


def test_targets_read_in_their_direction(figures):
    assert figures.met("meeting_page", 2.0) is True
    assert figures.met("meeting_page", 2.01) is False
    assert figures.met("mail_registration", 0.5) is True
    assert figures.met("mail_registration", 0.49) is False
    assert figures.met("legal_clock", 4999) is False
    assert figures.met("agenda_pdf", 19.9) is True
    assert figures.met("site_creation", None) is None


def test_verdict_carries_the_target_and_the_figures(figures):
    verdict = figures.verdict("agenda_json", 1.4, product_ms=140.0)
    assert verdict == {"value": 1.4, "target": "≤ 2,0 × Plone", "met": True, "product_ms": 140.0}


def test_duplicate_numbers_are_counted_once_per_extra(figures):
    assert figures.duplicates(["E1", "E2", "E3"]) == 0
    assert figures.duplicates(["E1", "E2", "E2", "E2", None]) == 2


def test_growth_is_normalised_by_plain_plone_of_each_run(figures):
    small = {"product_ms": 100.0, "ratio": 2.0}
    large = {"product_ms": 300.0, "ratio": 3.0}
    assert figures.growth(small, large) == 1.5
    assert figures.growth({"product_ms": 100.0}, {"product_ms": 250.0}) == 2.5
    assert figures.growth(small, None) is None


def test_rss_is_read_from_proc_status(figures):
    assert figures.rss_mb("Name:\tpython\nVmRSS:\t  524288 kB\nThreads: 5\n") == 512.0
    assert figures.rss_mb("Name:\tpython\n") is None


def test_site_counts_are_sorted_and_positive(figures):
    assert figures.parse_sites("30, 1,10") == [1, 10, 30]
    with pytest.raises(ValueError):
        figures.parse_sites("0,5")


def test_items_shown_are_counted_once_each(figures):
    page = "<a title='Point 1'>Point 1</a> Point 2 Point 12 Pointe 3"
    assert figures.distinct(page, "Point") == 3


def test_scales_are_those_of_the_issue(generate):
    small, large = generate.SCALES["S"], generate.SCALES["L"]
    assert (small.meetings, small.items, small.mails, small.permits, small.actions) == (
        10,
        30,
        5_000,
        300,
        50,
    )
    assert (large.meetings, large.items, large.mails, large.permits, large.actions) == (
        200,
        150,
        100_000,
        10_000,
        300,
    )


def test_mail_history_grows_longer_not_denser(generate):
    # The newest mail arrived today, the oldest of 5,000 at 40 a day 124 days ago.
    assert generate.mail_age(4999, 5000) == 0
    assert generate.mail_age(0, 5000) == 124
    assert generate.mail_age(0, 100_000) == 2499


def test_old_mail_is_closed_or_cancelled(generate):
    rng = random.Random(1)
    assert {generate.mail_state(200, rng) for _ in range(200)} <= {"closed", "cancelled"}
    assert "registered" in {generate.mail_state(0, rng) for _ in range(50)}


def test_meetings_are_weekly_up_to_next_week(generate):
    assert generate.meeting_days(4) == [-14, -7, 0, 7]
    assert len([day for day in generate.meeting_days(200) if day > 0]) == 1


def test_actions_are_spread_over_objectives(generate):
    assert generate.action_tree(12) == [5, 5, 2]
    assert generate.action_tree(0) == []
    assert generate.action_tree(-3) == []


def test_minimal_profile_is_not_a_demo():
    profile = json.loads((ROOT / "bench" / "profiles" / "minimal.json").read_text())
    assert profile["setup_content"] is False
