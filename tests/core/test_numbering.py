"""Counters: gap-free and duplicate-free, per series and year."""

from communesplone.core import numbering
from concurrent.futures import ThreadPoolExecutor
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from ZPublisher.HTTPRequest import HTTPRequest

import pytest
import requests
import transaction


def test_numbers_follow_each_other_per_series_and_year(portal):
    assert numbering.next_number("courrier", 2026) == 1
    assert numbering.next_number("courrier", 2026) == 2
    assert numbering.next_number("courrier", 2027) == 1
    assert numbering.next_number("permis", 2026) == 1
    assert numbering.peek("courrier", 2026) == 2


def test_current_year_by_default(portal):
    year = numbering.current_year()
    number = numbering.next_number("courrier")
    assert numbering.peek("courrier", year) == number


def test_bad_series_is_refused(portal):
    with pytest.raises(ValueError, match="Série de numérotation invalide"):
        numbering.next_number("Pas Bon")


def test_export_and_import(portal):
    numbering.next_number("courrier", 2026)
    numbering.next_number("courrier", 2026)
    assert numbering.export_counters() == {"courrier/2026": 2}
    numbering.import_counters({"courrier/2026": 40, "permis/2026": 7})
    assert numbering.next_number("courrier", 2026) == 41
    with pytest.raises(ValueError, match="ne recule pas"):
        numbering.import_counters({"courrier/2026": 3})


def test_an_aborted_transaction_gives_its_number_back(functional_portal):
    from zope.component.hooks import setSite

    setSite(functional_portal)
    first = numbering.next_number("abort", 2026)
    transaction.commit()
    taken = numbering.next_number("abort", 2026)
    assert taken == first + 1
    transaction.abort()
    assert numbering.next_number("abort", 2026) == first + 1
    transaction.commit()


@pytest.fixture
def retrying_server(functional, monkeypatch):
    """The test server, retrying conflicting requests like our zope.conf does."""
    monkeypatch.setattr(HTTPRequest, "retry_max_count", 10)
    return f"http://{functional['host']}:{functional['port']}/plone"


def take(server, client, **extra):
    response = requests.post(
        f"{server}/@@test-take-number",
        data={"series": "concurrence", "client": client, "pause": "0.02", **extra},
        auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
        timeout=60,
    )
    return response


def test_eight_concurrent_clients_never_share_or_skip_a_number(retrying_server):
    per_client = 10

    def client(index):
        return [take(retrying_server, f"client-{index}") for _ in range(per_client)]

    with ThreadPoolExecutor(max_workers=8) as pool:
        responses = [r for batch in pool.map(client, range(8)) for r in batch]
    succeeded = [int(r.text) for r in responses if r.status_code == 200]
    assert len(succeeded) == 8 * per_client, [r.status_code for r in responses]
    assert sorted(succeeded) == list(range(1, 8 * per_client + 1))


def test_a_failed_request_gives_its_number_back(retrying_server):
    first = int(take(retrying_server, "a").text)
    failed = take(retrying_server, "b", fail="1")
    assert failed.status_code == 400
    assert int(take(retrying_server, "c").text) == first + 1
