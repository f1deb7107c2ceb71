"""`@attendance` and `@votes` over HTTP: members from the mandates, merges, quorum, every
refusal, and results (public, secret, by political group, ties)."""

from apiexamples import record_example
from communesplone.core import structure
from datetime import date
from plone import api
from plone.dexterity.utils import createContentInContainer

import requests
import transaction


PASSWORD = "password1"
JSON = {"Accept": "application/json"}


def url(world, obj, service):
    return f"{obj.absolute_url()}/{service}".replace("http://nohost/plone", world.url)


def call(method, world, obj, service, userid, payload=None):
    return requests.request(
        method,
        url(world, obj, service),
        json=payload,
        auth=(userid, PASSWORD) if userid else None,
        headers=JSON,
        timeout=30,
    )


def college_of_five(world):
    """Five members of the Collège (one without a voting right), two political groups.

    The `college` group follows the mandates: Anne Dumont is the user `echevin`.
    """
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID
    from plone.app.testing import TEST_USER_NAME

    login_as = api.user.get_current().getId()
    setRoles(world.portal, TEST_USER_ID, ["Manager"])
    world.login(TEST_USER_NAME)
    directory = structure.directory()
    groups = {
        name: api.content.create(
            container=directory, type="Organization", title=name, kind="political_group"
        ).UID()
        for name in ("Valmont Ensemble", "Agir pour Valmont")
    }
    people = {}
    for index, (first, last, role, group, voting) in enumerate(
        (
            ("Anne", "Dumont", "bourgmestre", "Valmont Ensemble", True),
            ("Luc", "Noël", "echevin", "Valmont Ensemble", True),
            ("Sara", "Lambert", "echevin", "Agir pour Valmont", True),
            ("Marc", "Petit", "echevin", "Agir pour Valmont", True),
            ("Julie", "Renard", "president_cpas", "Agir pour Valmont", False),
        )
    ):
        person = createContentInContainer(
            directory,
            "Person",
            firstname=first,
            lastname=last,
            userid="echevin" if first == "Anne" else None,
        )
        createContentInContainer(
            person,
            "Mandate",
            body="college",
            role=role,
            mandate_start=date(2024, 12, 2),
            political_group=groups[group],
            voting=voting,
            rank=index,
        )
        people[first] = person.UID()
    world.login(login_as)
    return people


def session_item(world):
    world.people = college_of_five(world)
    item = world.presented_item("Marché de voirie 2027")
    world.transition(world.meeting, "freeze", "start_session")
    return item


def test_attendance_comes_from_the_mandates_and_merges(http_world):
    world = http_world
    item = session_item(world)
    transaction.commit()
    people = world.people
    data = call("GET", world, world.meeting, "@attendance", "clerk").json()
    assert [entry["title"] for entry in data["items"]] == [
        "Anne Dumont",
        "Luc Noël",
        "Sara Lambert",
        "Marc Petit",
        "Julie Renard",
    ]
    assert {entry["status"] for entry in data["items"]} == {"present"}
    assert data["quorum"] == {"members": 5, "present": 5, "required": 3, "reached": True}

    change = {"items": [{"person": people["Luc"], "status": "excused"}]}
    response = call("PATCH", world, world.meeting, "@attendance", "clerk", change)
    assert response.status_code == 204
    record_example("meetings-attendance-patch", response)
    change = {"items": [{"person": people["Sara"], "status": "absent"}]}
    assert call("PATCH", world, world.meeting, "@attendance", "clerk", change).status_code == 204
    response = call("GET", world, world.meeting, "@attendance", "clerk")
    record_example("meetings-attendance-get", response)
    data = response.json()
    statuses = {entry["title"]: entry["status"] for entry in data["items"]}
    assert statuses["Luc Noël"] == "excused" and statuses["Sara Lambert"] == "absent"
    assert data["quorum"]["present"] == 3 and data["quorum"]["reached"]

    # Marc leaves before this item: the item records only that difference.
    change = {"items": [{"person": people["Marc"], "status": "absent"}]}
    assert call("PATCH", world, item, "@attendance", "clerk", change).status_code == 204
    response = call("GET", world, item, "@attendance", "clerk")
    record_example("meetings-attendance-item", response)
    data = response.json()
    statuses = {entry["title"]: entry["status"] for entry in data["items"]}
    assert statuses["Marc Petit"] == "absent" and statuses["Luc Noël"] == "excused"
    assert data["quorum"] == {"members": 5, "present": 2, "required": 3, "reached": False}
    transaction.begin()
    assert dict(item.attendance_changes) == {people["Marc"]: "absent"}
    # Back for the item: equal to the meeting again, the difference goes.
    change = {"items": [{"person": people["Marc"], "status": "present"}]}
    call("PATCH", world, item, "@attendance", "clerk", change)
    transaction.begin()
    assert dict(item.attendance_changes) == {}


def test_attendance_refusals_change_nothing(http_world):
    world = http_world
    session_item(world)
    transaction.commit()
    people = world.people
    for payload, message in (
        ({"items": [{"person": "nobody", "status": "absent"}]}, "pas membre"),
        ({"items": [{"person": people["Luc"], "status": "asleep"}]}, "present, excused ou absent"),
        ({"items": "Luc"}, "une liste"),
        ({}, "une liste"),
    ):
        response = call("PATCH", world, world.meeting, "@attendance", "clerk", payload)
        assert response.status_code == 400 and message in response.json()["message"]
        if message == "pas membre":
            record_example("meetings-attendance-refused", response)
    change = {"items": [{"person": people["Luc"], "status": "excused"}]}
    for userid in ("echevin", "agent", None):
        response = call("PATCH", world, world.meeting, "@attendance", userid, change)
        assert response.status_code in (401, 403), userid
    data = call("GET", world, world.meeting, "@attendance", "clerk").json()
    assert {entry["status"] for entry in data["items"]} == {"present"}
    # Once the meeting has decided, the attendance is part of its minutes.
    world.login("clerk")
    world.transition(world.meeting, "decide")
    transaction.commit()
    response = call("PATCH", world, world.meeting, "@attendance", "clerk", change)
    assert response.status_code == 400 and "terminée" in response.json()["message"]


def test_public_and_secret_votes_and_their_results(http_world):
    world = http_world
    item = session_item(world)
    transaction.commit()
    people = world.people
    public = {
        "label": "Point",
        "poll_type": "freehand",
        "votes": {
            people["Anne"]: "yes",
            people["Luc"]: "yes",
            people["Sara"]: "no",
            people["Marc"]: "abstain",
        },
    }
    response = call("POST", world, item, "@votes", "clerk", public)
    assert response.status_code == 201, response.text
    record_example("meetings-votes-post", response)
    secret = {
        "label": "Nomination",
        "poll_type": "secret",
        "counts": {"yes": 2, "no": 2, "abstain": 0},
    }
    assert call("POST", world, item, "@votes", "clerk", secret).status_code == 201
    response = call("GET", world, item, "@votes", "echevin")
    assert response.status_code == 200, response.text
    record_example("meetings-votes-get", response)
    data = response.json()["items"]
    assert [vote["label"] for vote in data] == ["Point", "Nomination"]
    assert data[0]["counts"] == {"yes": 2, "no": 1, "abstain": 1}
    assert data[0]["result"] == "accepted"
    assert data[0]["by_group"] == {
        "Valmont Ensemble": {"yes": 2, "no": 0, "abstain": 0},
        "Agir pour Valmont": {"yes": 0, "no": 1, "abstain": 1},
    }
    assert {vote["title"]: vote["value"] for vote in data[0]["votes"]}["Sara Lambert"] == "no"
    assert data[1]["result"] == "rejected"  # a tie rejects the proposal
    assert data[1]["by_group"] == {} and "votes" not in data[1]


def test_vote_refusals_record_nothing(http_world):
    world = http_world
    item = session_item(world)
    people = world.people
    world.login("clerk")
    item.attendance_changes = {people["Marc"]: "absent"}
    transaction.commit()

    def refused(payload, message, userid="clerk"):
        response = call("POST", world, item, "@votes", userid, payload)
        assert response.status_code == 400, response.text
        assert message in response.json()["message"]
        return response

    point = {"label": "Point", "poll_type": "out_loud"}
    refused({**point, "votes": {people["Marc"]: "yes"}}, "pas membre présent")  # left
    refused({**point, "votes": {people["Julie"]: "yes"}}, "pas membre présent")  # no vote
    refused({**point, "votes": {"nobody": "yes"}}, "pas membre présent")
    refused({**point, "votes": {people["Anne"]: "maybe"}}, "yes, no ou abstain")
    refused({**point, "poll_type": "show_of_hands", "votes": {}}, "freehand, out_loud ou secret")
    refused({"poll_type": "freehand", "votes": {people["Anne"]: "yes"}}, "libellé")
    # Three members may vote on this item (Marc left, Julie has no vote): four is too many.
    secret = {"label": "Point", "poll_type": "secret", "counts": {"yes": 3, "no": 1, "abstain": 0}}
    record_example("meetings-votes-refused", refused(secret, "4 voix pour 3 votant(s)"))
    refused({**secret, "counts": {"yes": -1, "no": 0, "abstain": 0}}, "entiers positifs")
    response = call(
        "POST",
        world,
        item,
        "@votes",
        "echevin",
        {**secret, "counts": {"yes": 1, "no": 0, "abstain": 0}},
    )
    assert response.status_code in (401, 403)
    assert call("GET", world, item, "@votes", "clerk").json()["items"] == []

    # Once the meeting has decided, no vote any more.
    world.login("clerk")
    world.transition(world.meeting, "decide")
    transaction.commit()
    refused({**point, "votes": {people["Anne"]: "yes"}}, "pendant la séance")
