"""`@agenda` over HTTP: reading in order, reordering and every refusal; a meeting and
its items made over plain plone.restapi."""

from apiexamples import record_example
from datetime import datetime
from datetime import timedelta
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


def rest(method, url, userid, payload=None):
    return requests.request(
        method,
        url,
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
    record_example("meetings-agenda-get", response)
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
    record_example("meetings-agenda-patch", response)
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
        if message == "huis clos":
            record_example("meetings-agenda-refused", response)
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


def test_a_meeting_and_its_items_are_made_over_rest(http_world):
    """The clerk creates the meeting, a service drafts an item for it, the item goes
    through its workflow with plone.restapi's `@workflow` and lands on the agenda."""
    world = http_world
    college = f"{world.url}/college"
    start = datetime.now().replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(days=14)
    meeting = rest("POST", college, "clerk", {"@type": "Meeting", "start": start.isoformat()})
    assert meeting.status_code == 201, meeting.text
    record_example("meetings-meeting-create", meeting)
    assert meeting.json()["title"].startswith("Collège communal du ")
    assert meeting.json()["place"] == "Salle du Collège"
    assert meeting.json()["review_state"] == "created"
    item = rest(
        "POST",
        college,
        "agent",
        {
            "@type": "MeetingItem",
            "title": "Marché de voirie 2027",
            "category": "Travaux",
            "privacy": "public",
            "preferred_meeting": meeting.json()["UID"],
        },
    )
    assert item.status_code == 201, item.text
    record_example("meetings-item-create", item)
    assert item.json()["proposing_service"]["token"] == "travaux"
    assert item.json()["review_state"] == "draft"
    url = item.json()["@id"]
    proposed = rest("POST", f"{url}/@workflow/propose", "agent")
    assert proposed.status_code == 200, proposed.text
    record_example("meetings-item-transition", proposed)
    assert proposed.json()["review_state"] == "proposed"
    # Sending an item back needs a reason.
    refused = rest("POST", f"{url}/@workflow/send_back", "chef", {})
    assert refused.status_code == 400
    record_example("meetings-item-transition-refused", refused)
    assert "Indiquez pourquoi" in refused.json()["error"]["message"]
    assert rest("POST", f"{url}/@workflow/validate", "chef").status_code == 200
    assert rest("POST", f"{url}/@workflow/present", "clerk").status_code == 200
    transaction.begin()
    new_meeting = api.content.get(UID=meeting.json()["UID"])
    agenda = get_agenda(world, new_meeting, "clerk").json()["items"]
    assert [(entry["number"], entry["title"]) for entry in agenda] == [(1, "Marché de voirie 2027")]
