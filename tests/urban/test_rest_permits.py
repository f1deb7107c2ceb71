"""Permits over REST: creation from little, events, `@deadlines` and concurrent numbering."""

from apiexamples import record_example
from communesplone.core import numbering
from concurrent.futures import ThreadPoolExecutor
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from ZPublisher.HTTPRequest import HTTPRequest

import requests
import transaction


PASSWORD = "password1"
JSON = {"Accept": "application/json"}


def post(url, userid, **payload):
    auth = (userid, PASSWORD) if userid != SITE_OWNER_NAME else (userid, SITE_OWNER_PASSWORD)
    return requests.post(url, json=payload, auth=auth, headers=JSON, timeout=60)


def get(url, userid=None, **params):
    auth = (userid, PASSWORD) if userid else None
    return requests.get(url, params=params, auth=auth, headers=JSON, timeout=30)


def test_an_agent_runs_a_file_over_rest(http_urban):
    folder = f"{http_urban.url}/urbanisme"
    year = numbering.current_year()
    response = post(folder, "agent", **{"@type": "Permit", "procedure": "pu", "title": "Maison"})
    assert response.status_code == 201, response.text
    record_example("urban-permit-create", response)
    permit = response.json()
    assert permit["reference"] == f"PU/{year}/0001"
    assert permit["@id"].endswith(f"/urbanisme/pu-{year}-0001")
    assert permit["review_state"] == "new"
    for event_type, day, extra in (
        ("deposit", "2025-03-03", {}),
        ("acknowledgement", "2025-03-20", {"publicity": "inquiry"}),
        ("inquiry", "2025-04-07", {"start": "2025-04-07"}),
    ):
        created = post(
            permit["@id"],
            "agent",
            **{"@type": "PermitEvent", "event_type": event_type, "date": day, **extra},
        )
        assert created.status_code == 201, created.text
    record_example("urban-event-create", created)
    assert created.json()["title"] == "Enquête publique du 7 avril 2025"
    assert get(permit["@id"], "agent").json()["review_state"] == "instruction"

    response = get(f"{permit['@id']}/@deadlines", "agent", on="2025-04-10")
    record_example("urban-deadlines", response)
    deadlines = response.json()
    assert deadlines["on"] == "2025-04-10"
    by_id = {item["id"]: item for item in deadlines["items"]}
    assert set(by_id) >= {"completeness", "inquiry_end", "decision"}
    assert by_id["completeness"]["status"] == "met"
    assert by_id["inquiry_end"]["status"] == "open"
    assert by_id["decision"]["status"] == "open"
    # AR 2025-03-20 + 75 days (inquiry) = 2025-06-03, a Tuesday.
    assert by_id["decision"]["due"] == "2025-06-03"
    assert "2025-03-20" in by_id["decision"]["explanation"]
    for item in deadlines["items"]:
        assert set(item) >= {"id", "title", "due", "status", "explanation"}


def test_every_step_is_created_from_its_type_and_date(http_urban):
    folder = f"{http_urban.url}/urbanisme"
    permit = post(folder, "agent", **{"@type": "Permit", "procedure": "pu", "title": "Abri"})
    url = permit.json()["@id"]
    for event_type in ("deposit", "acknowledgement", "extension", "notification"):
        created = post(
            url, "agent", **{"@type": "PermitEvent", "event_type": event_type, "date": "2025-03-03"}
        )
        assert created.status_code == 201, (event_type, created.text)
    assert get(url, "agent").json()["review_state"] == "instruction"
    refused = post(
        url, "agent", **{"@type": "PermitEvent", "event_type": "decision", "date": "2025-04-01"}
    )
    assert refused.status_code == 400
    record_example("urban-event-refused", refused)
    assert "octroi ou un refus" in refused.text
    assert get(url, "agent").json()["review_state"] == "instruction"


def test_deadlines_refuse_a_bad_date_and_default_to_today(http_urban):
    from datetime import date

    http_urban.login("agent")
    permit = http_urban.add_permit()
    transaction.commit()
    url = permit.absolute_url().replace("http://nohost/plone", http_urban.url)
    bad = get(f"{url}/@deadlines", "agent", on="12/03/2026")
    assert bad.status_code == 400
    record_example("urban-deadlines-bad-date", bad)
    assert "AAAA-MM-JJ" in bad.json()["message"]
    today = get(f"{url}/@deadlines", "agent").json()
    assert today["on"] == date.today().isoformat()
    assert [item["status"] for item in today["items"]] == ["not_applicable"] * len(today["items"])


def test_outsiders_get_nothing(http_urban):
    http_urban.login("agent")
    permit = http_urban.add_permit()
    transaction.commit()
    url = permit.absolute_url().replace("http://nohost/plone", http_urban.url)
    for userid in ("other_agent", "member", None):
        assert get(url, userid).status_code == 401, userid
        assert get(f"{url}/@deadlines", userid).status_code == 401, userid
    refused = post(
        f"{http_urban.url}/urbanisme",
        "other_agent",
        **{"@type": "Permit", "procedure": "pu", "title": "Intrus"},
    )
    assert refused.status_code in (401, 403)
    search = get(f"{http_urban.url}/@search", "other_agent", portal_type="Permit").json()
    assert search["items_total"] == 0


def test_a_bad_procedure_is_refused(http_urban):
    response = post(
        f"{http_urban.url}/urbanisme",
        "agent",
        **{"@type": "Permit", "procedure": "xx", "title": "Rien"},
    )
    assert response.status_code == 400
    record_example("urban-permit-bad-procedure", response)
    assert "procedure" in response.text


def test_concurrent_registrations_never_share_a_reference(http_urban, monkeypatch):
    monkeypatch.setattr(HTTPRequest, "retry_max_count", 10)
    folder = f"{http_urban.url}/urbanisme"

    def create(index):
        return post(
            folder,
            SITE_OWNER_NAME,
            **{"@type": "Permit", "procedure": "pu", "title": f"Demande {index}"},
        )

    with ThreadPoolExecutor(max_workers=4) as pool:
        responses = list(pool.map(create, range(24)))
    assert [r.status_code for r in responses] == [201] * 24
    year = numbering.current_year()
    references = sorted(r.json()["reference"] for r in responses)
    assert references == [f"PU/{year}/{n:04d}" for n in range(1, 25)]
    assert len({r.json()["@id"] for r in responses}) == 24
