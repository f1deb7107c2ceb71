"""`@agenda` over HTTP: reading in order, reordering and every refusal."""

from plone import api

import requests
import transaction


PASSWORD = "password1"


def get_agenda(world, meeting, userid=None):
    auth = (userid, PASSWORD) if userid else None
    return requests.get(
        f"{meeting.absolute_url()}/@agenda".replace("http://nohost/plone", world.url),
        auth=auth,
        headers={"Accept": "application/json"},
        timeout=30,
    )


def patch_agenda(world, meeting, payload, userid):
    return requests.patch(
        f"{meeting.absolute_url()}/@agenda".replace("http://nohost/plone", world.url),
        json=payload,
        auth=(userid, PASSWORD),
        headers={"Accept": "application/json"},
        timeout=30,
    )


def prepared(world):
    items = []
    for title, privacy, category in (
        ("Voirie", "public", "Travaux"),
        ("Budget", "public", "Finances"),
        ("Agent", "secret", "Travaux"),
    ):
        items.append(world.presented_item(title, privacy=privacy, category=category))
    transaction.commit()
    return items


def test_agenda_in_order_for_the_clerk(http_world):
    voirie, budget, agent = prepared(http_world)
    response = get_agenda(http_world, http_world.meeting, "clerk")
    assert response.status_code == 200
    items = response.json()["items"]
    assert [(i["number"], i["title"], i["privacy"]) for i in items] == [
        (1, "Voirie", "public"),
        (2, "Budget", "public"),
        (3, "Agent", "secret"),
    ]
    assert items[0]["UID"] == voirie.UID()
    assert items[0]["review_state"] == "presented"
    assert items[0]["list_type"] == "normal"
    assert items[0]["category"] == "Travaux"
    assert items[0]["proposing_service"] == "travaux"


def test_members_read_the_agenda_only_once_frozen(http_world):
    prepared(http_world)
    assert get_agenda(http_world, http_world.meeting, "echevin").status_code == 401
    http_world.login("clerk")
    http_world.transition(http_world.meeting, "freeze")
    transaction.commit()
    titles = [
        i["title"] for i in get_agenda(http_world, http_world.meeting, "echevin").json()["items"]
    ]
    assert titles == ["Voirie", "Budget", "Agent"]
    for outsider in ("councillor", "member", "other_agent", None):
        assert get_agenda(http_world, http_world.meeting, outsider).status_code == 401, outsider


def test_service_agents_see_only_their_items_in_the_agenda(http_world):
    prepared(http_world)
    http_world.login("clerk")
    http_world.transition(http_world.meeting, "freeze")
    transaction.commit()
    # An agent cannot read the meeting itself: the agenda is for its members.
    assert get_agenda(http_world, http_world.meeting, "agent").status_code == 401


def test_reorder(http_world):
    voirie, budget, agent = prepared(http_world)
    order = [budget.UID(), voirie.UID(), agent.UID()]
    response = patch_agenda(http_world, http_world.meeting, {"order": order}, "clerk")
    assert response.status_code == 204, response.text
    transaction.begin()
    assert list(http_world.meeting.agenda) == order


def test_reorder_refusals_change_nothing(http_world):
    voirie, budget, agent = prepared(http_world)
    before = list(http_world.meeting.agenda)
    cases = [
        ({"order": [agent.UID(), voirie.UID(), budget.UID()]}, "huis clos"),
        ({"order": [voirie.UID(), budget.UID()]}, "exactement"),
        ({"order": [voirie.UID(), voirie.UID(), agent.UID()]}, "exactement"),
        ({"order": "pas une liste"}, "exactement"),
        ({}, "exactement"),
    ]
    for payload, message in cases:
        response = patch_agenda(http_world, http_world.meeting, payload, "clerk")
        assert response.status_code == 400, payload
        assert message in response.json()["message"], payload
    for userid in ("echevin", "agent", "chef"):
        response = patch_agenda(http_world, http_world.meeting, {"order": before[::-1]}, userid)
        assert response.status_code in (401, 403), userid
    transaction.begin()
    assert list(http_world.meeting.agenda) == before


def test_no_reordering_once_decided(http_world):
    voirie, budget, agent = prepared(http_world)
    http_world.login("clerk")
    http_world.transition(http_world.meeting, "freeze", "start_session", "decide")
    transaction.commit()
    order = [budget.UID(), voirie.UID(), agent.UID()]
    response = patch_agenda(http_world, http_world.meeting, {"order": order}, "clerk")
    assert response.status_code in (401, 403)
    assert api.content.get_state(http_world.meeting) == "decided"
