"""The PST over REST: a plan built from nothing, computed fields returned and read-only,
bad input refused with a clear message and nothing recorded."""

from apiexamples import record_example

import requests
import transaction


PASSWORD = "password1"
JSON = {"Accept": "application/json"}


def post(url, userid, **payload):
    return requests.post(url, json=payload, auth=(userid, PASSWORD), headers=JSON, timeout=60)


def patch(url, userid, **payload):
    return requests.patch(url, json=payload, auth=(userid, PASSWORD), headers=JSON, timeout=60)


def get(url, userid=None):
    return requests.get(url, auth=(userid, PASSWORD) if userid else None, headers=JSON, timeout=30)


def created(response):
    assert response.status_code == 201, response.text
    return response.json()["@id"]


def two_objectives(world):
    """OS.1 with OO.1.1 « Dépôts » and OO.1.2 « Tri », made over REST by a PST manager."""
    plan = f"{world.url}/pst/pst-2024-2030"
    os1 = created(post(plan, "pst_manager", **{"@type": "StrategicObjective", "title": "Propre"}))
    oo1 = created(post(os1, "pst_manager", **{"@type": "OperationalObjective", "title": "Dépôts"}))
    oo2 = created(post(os1, "pst_manager", **{"@type": "OperationalObjective", "title": "Tri"}))
    return plan, os1, oo1, oo2, get(oo2, "pst_manager").json()["UID"]


def test_a_plan_is_built_and_followed_over_rest(http_pst):
    plan, os1, oo1, oo2, oo2_uid = two_objectives(http_pst)
    response = post(
        oo1,
        "pst_manager",
        **{
            "@type": "Action",
            "title": "Caméras",
            "managing_services": ["travaux"],
            "progress_entered": 40,
            "own_share": 60,
            "transversal": [{"objective": oo2_uid, "share": 40}],
            "budget_lines": [{"year": 2025, "source": "wallonia", "planned": 10000, "spent": 5000}],
        },
    )
    action = created(response)
    record_example("pst-action-create", response)
    data = get(action, "agent_travaux").json()
    assert data["reference"] == "A.1.1.1"
    assert data["progress"] == 40 and data["progress_source"] == "entered"
    assert data["budget"]["planned"] == 10000
    assert get(oo1, "pst_manager").json()["budget"]["planned"] == 6000
    assert get(oo2, "pst_manager").json()["budget"]["planned"] == 4000
    assert get(oo2, "pst_manager").json()["progress"] == 40  # served transversally
    plan_data = get(plan, "pst_manager").json()
    assert plan_data["budget"]["planned"] == 10000  # counted once
    assert plan_data["budget"]["by_source"]["wallonia"] == {"planned": 10000.0, "spent": 5000.0}
    # The plan's nodes with their computed figures, in one search.
    listed = requests.get(
        f"{plan}/@search",
        params={
            "portal_type": ["StrategicObjective", "OperationalObjective", "Action"],
            "sort_on": "pst_reference",
            "metadata_fields": ["pst_reference", "pst_progress", "pst_budget"],
        },
        auth=("pst_manager", PASSWORD),
        headers=JSON,
        timeout=30,
    )
    assert listed.status_code == 200, listed.text
    record_example("pst-plan-search", listed)
    assert [(node["pst_reference"], node["pst_progress"]) for node in listed.json()["items"]] == [
        ("A.1.1.1", 40),
        ("OO.1.1", 40),
        ("OO.1.2", 40),
        ("OS.1", 40),
    ]

    # The agent of the managing service updates it; computed fields stay computed.
    response = patch(action, "agent_travaux", progress_entered=80, health="at_risk")
    assert response.status_code == 204, response.text
    record_example("pst-action-patch", response)
    assert get(os1, "pst_manager").json()["progress"] == 80
    patch(action, "agent_travaux", reference="X.9", progress=3)
    data = get(action, "agent_travaux").json()
    assert data["reference"] == "A.1.1.1" and data["progress"] == 80


def test_bad_input_is_refused_and_nothing_recorded(http_pst):
    plan, os1, oo1, oo2, oo2_uid = two_objectives(http_pst)
    refused = post(
        oo1,
        "pst_manager",
        **{
            "@type": "Action",
            "title": "Mal réparti",
            "own_share": 50,
            "transversal": [{"objective": oo2_uid, "share": 30}],
        },
    )
    assert refused.status_code == 400
    record_example("pst-action-refused", refused)
    assert "80 % au lieu de 100 %" in refused.json()["message"]
    refused = post(
        oo1,
        "pst_manager",
        **{"@type": "Action", "title": "Sans raison", "progress_override": 30},
    )
    assert refused.status_code == 400 and "justifié" in refused.json()["message"]
    refused = post(oo1, "pst_manager", **{"@type": "Action", "title": "x", "health": "ruined"})
    assert refused.status_code == 400
    transaction.begin()
    assert get(f"{oo1}/@search?portal_type=Action", "pst_manager").json()["items_total"] == 0


def test_outsiders_cannot_add_or_change(http_pst):
    plan = f"{http_pst.url}/pst/pst-2024-2030"
    os1 = created(post(plan, "pst_manager", **{"@type": "StrategicObjective", "title": "Propre"}))
    refused = post(plan, "agent_travaux", **{"@type": "StrategicObjective", "title": "Intrus"})
    assert refused.status_code in (401, 403)
    assert patch(os1, "agent_travaux", title="Changé").status_code in (401, 403)
    assert get(os1, "conseiller").status_code == 401  # a draft plan is not the council's yet
    assert get(os1).status_code == 401
    assert get(os1, "pst_manager").json()["title"] == "Propre"


def test_agents_update_their_action_but_not_who_answers_for_it(http_pst):
    plan = f"{http_pst.url}/pst/pst-2024-2030"
    os1 = created(post(plan, "pst_manager", **{"@type": "StrategicObjective", "title": "Propre"}))
    oo1 = created(post(os1, "pst_manager", **{"@type": "OperationalObjective", "title": "Dépôts"}))
    action = created(
        post(
            oo1,
            "pst_manager",
            **{"@type": "Action", "title": "Caméras", "managing_services": ["travaux"]},
        )
    )
    response = patch(
        action,
        "agent_travaux",
        managing_services=["finances"],
        agent="agent_finances",
        progress_override=100,
        progress_override_reason="Fini",
        progress_entered=30,
        health="at_risk",
    )
    assert response.status_code in (204, 400, 401, 403), response.text
    data = get(action, "pst_manager").json()
    assert [term["token"] for term in data["managing_services"]] == ["travaux"]
    assert data["agent"] is None
    assert data["progress_override"] is None and data["progress"] != 100
    # What is theirs to say goes through.
    assert patch(action, "agent_travaux", progress_entered=30, health="at_risk").status_code == 204
    data = get(action, "pst_manager").json()
    assert data["progress"] == 30 and data["health"]["token"] == "at_risk"
    # The PST managers change the services.
    assert patch(action, "pst_manager", managing_services=["finances"]).status_code == 204
    services = get(action, "pst_manager").json()["managing_services"]
    assert [term["token"] for term in services] == ["finances"]
