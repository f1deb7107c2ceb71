"""OParl over HTTP, as a harvester sees it: crawled from `System` with no Accept header,
every object checked against the OParl 1.1 schemas, every address followed, and
`modified_since` giving exactly what changed (a transition, an edit, a deletion)."""

from apiexamples import record_example
from communesplone.core import structure
from communesplone.meetings import votes
from datetime import date
from datetime import datetime
from datetime import UTC
from oparlschemas import load_schemas
from oparlschemas import validate
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.dexterity.utils import createContentInContainer
from urllib.parse import parse_qsl
from urllib.parse import urlencode
from urllib.parse import urlsplit
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import hashlib
import jsonschema
import pytest
import requests
import time
import transaction


NO_ACCEPT = {"Accept": None}


def council(world):
    """Three councillors in two political groups, and a contact who holds no mandate."""
    directory = structure.directory()
    with api.env.adopt_roles(["Manager"]):
        groups = {
            name: api.content.create(
                container=directory, type="Organization", title=name, kind="political_group"
            ).UID()
            for name in ("Valmont Ensemble", "Agir pour Valmont")
        }
        people = {}
        for first, last, group in (
            ("Anne", "Dumont", "Valmont Ensemble"),
            ("Luc", "Noël", "Valmont Ensemble"),
            ("Sara", "Lambert", "Agir pour Valmont"),
        ):
            person = createContentInContainer(
                directory,
                "Person",
                firstname=first,
                lastname=last,
                email=f"{first.lower()}@example.org",
            )
            createContentInContainer(
                person,
                "Mandate",
                body="council",
                role="conseiller",
                mandate_start=date(2024, 12, 2),
                political_group=groups[group],
                voting=True,
            )
            people[first] = person
        createContentInContainer(directory, "Person", firstname="Paul", lastname="Citoyen")
    return people


def scenario(world):
    """A closed council meeting (with a vote and a huis clos item), a frozen one with an
    item the Collège sent, and one still in creation."""
    world.council.publish_decisions = True
    world.people = council(world)
    world.login("clerk")
    closed = world.add_meeting(days=-7, assembly=world.council)
    budget = world.presented_item(
        "Budget 2027",
        assembly=world.council,
        category="Finances",
        preferred_meeting=closed.UID(),
        decision=RichTextValue("<p>Le budget 2027 est <b>approuvé</b>.</p>"),
    )
    world.presented_item(
        "Dossier disciplinaire",
        assembly=world.council,
        category="Finances",
        privacy="secret",
        preferred_meeting=closed.UID(),
    )
    world.transition(closed, "freeze", "start_session")
    people = world.people
    votes.record(
        budget,
        {
            "label": "Point",
            "poll_type": "out_loud",
            "votes": {
                people["Anne"].UID(): "yes",
                people["Luc"].UID(): "yes",
                people["Sara"].UID(): "no",
            },
        },
    )
    world.transition(closed, "decide", "close")
    # The Collège accepts an item « à transmettre au Conseil »: the Conseil gets it.
    college_item = world.presented_item("Convention de voirie", to_council=True)
    world.transition(world.meeting, "freeze", "start_session")
    world.transition(college_item, "accept")
    sent = api.content.get(UID=college_item.transmitted_uid)
    frozen = world.add_meeting(days=10, assembly=world.council)
    sent.preferred_meeting = frozen.UID()
    world.transition(sent, "present")
    world.transition(frozen, "freeze")
    draft = world.add_meeting(days=40, assembly=world.council)
    world.presented_item(
        "Projet encore secret",
        assembly=world.council,
        category="Travaux",
        preferred_meeting=draft.UID(),
    )
    world.closed, world.frozen, world.draft, world.sent = closed, frozen, draft, sent
    world.college_item, world.budget = college_item, budget
    transaction.commit()


def get(url, **params):
    response = requests.get(url, headers=NO_ACCEPT, params=params, timeout=60)
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["Content-Type"].startswith("application/json")
    return response


def crawl(base: str, schemas: dict) -> dict:
    """Follow every OParl address from `System`: {url: JSON} of the objects seen."""
    objects, lists, seen, queue = {}, {}, set(), [base]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = get(url)
        assert response.status_code == 200, (url, response.text)
        data = response.json()
        if "data" in data:  # an external list, page after page
            lists.setdefault(without_page(url), []).extend(entry["id"] for entry in data["data"])
            entries = data["data"]
            if "next" in data["links"]:
                queue.append(data["links"]["next"])
        else:
            entries = [data]
            assert data["id"] == url
        for entry in entries:
            validate(schemas, entry)
            objects.setdefault(entry["id"], entry)
            queue.extend(addresses(entry, base))
    return {"objects": objects, "lists": lists}


def without_page(url: str) -> str:
    parts = urlsplit(url)
    query = [(key, value) for key, value in parse_qsl(parts.query) if key != "page"]
    return parts._replace(query=urlencode(query)).geturl()


def addresses(value, base: str):
    if isinstance(value, str):
        if value.startswith(base):
            yield value
    elif isinstance(value, dict):
        for inner in value.values():
            yield from addresses(inner, base)
    elif isinstance(value, list):
        for inner in value:
            yield from addresses(inner, base)


@pytest.mark.office
def test_a_harvester_crawls_the_whole_endpoint(http_world, office_ready):
    world = http_world
    scenario(world)
    schemas = load_schemas()
    base = f"{world.url}/@oparl"
    found = crawl(base, schemas)
    objects = found["objects"]
    kinds = {data["type"].rsplit("/", 1)[1] for data in objects.values()}
    assert kinds >= {
        "System",
        "Body",
        "LegislativeTerm",
        "Organization",
        "Person",
        "Membership",
        "Meeting",
        "AgendaItem",
        "Paper",
        "Consultation",
        "File",
        "Location",
    }
    # Every object of every list answers at its own address, identical.
    for list_url, ids in found["lists"].items():
        assert len(ids) == len(set(ids)), list_url
        for object_id in ids:
            assert get(object_id).json() == objects[object_id]
    meetings = {
        data["id"].rsplit("/", 1)[1]: data
        for data in objects.values()
        if data["type"].endswith("/Meeting")
    }
    assert set(meetings) == {world.closed.UID(), world.frozen.UID()}  # never the draft
    text = " ".join(str(data) for data in objects.values())
    assert "Dossier disciplinaire" not in text and "Projet encore secret" not in text
    assert "example.org" not in text  # no e-mail address
    assert "Paul" not in text  # a contact is not an official
    # The closed meeting: results, decision text and the named vote (our extension).
    closed = meetings[world.closed.UID()]
    (budget,) = closed["agendaItem"]
    assert budget["result"] == "Adopté"
    assert budget["resolutionText"] == "Le budget 2027 est approuvé."
    (vote,) = budget["communesplone:votes"]
    assert vote["counts"] == {"yes": 2, "no": 1, "abstain": 0}
    assert vote["result"] == "accepted"
    assert {entry["value"] for entry in vote["votes"]} == {"yes", "no"}
    # The files: what they announce is what they serve.
    for file in (closed["invitation"], closed["resultsProtocol"]):
        content = requests.get(file["downloadUrl"], timeout=60)
        assert content.status_code == 200
        assert len(content.content) == file["size"]
        assert hashlib.sha512(content.content).hexdigest() == file["sha512Checksum"]
        assert content.headers["Content-Type"].startswith(file["mimeType"])
    assert (
        b"Dossier disciplinaire"
        not in requests.get(closed["invitation"]["accessUrl"], timeout=60).content
    )
    # The frozen meeting: its agenda, no decision yet; the item came from the Collège.
    frozen = meetings[world.frozen.UID()]
    assert frozen["meetingState"] == "convoquée" and "resultsProtocol" not in frozen
    (sent,) = frozen["agendaItem"]
    assert "result" not in sent
    paper = objects[f"{base}/paper/{world.sent.UID()}"]
    assert paper["originatorOrganization"] == [f"{base}/organization/{world.college.UID()}"]
    assert [c["organization"] for c in paper["consultation"]] == [
        [f"{base}/organization/{world.council.UID()}"]
    ]
    (body,) = [data for data in objects.values() if data["type"].endswith("/Body")]
    assert body["legislativeTerm"][-1]["name"].startswith("Législature")
    record_example("oparl-system", get(base))
    record_example("oparl-meeting", get(f"{base}/meeting/{world.closed.UID()}"))
    record_example("oparl-papers", get(f"{base}/papers", limit="1"))


def test_modified_since_gives_exactly_what_changed(http_world):
    world = http_world
    world.council.publish_decisions = True
    people = council(world)
    world.login("clerk")
    meeting = world.add_meeting(days=5, assembly=world.council)
    item = world.presented_item("Budget 2027", assembly=world.council, category="Finances")
    world.transition(meeting, "freeze")
    transaction.commit()
    base = f"{world.url}/@oparl"
    time.sleep(1.1)
    since = datetime.now(UTC).isoformat(timespec="seconds")
    time.sleep(1.1)
    # A transition (the meeting goes back to creation), an edit, a deletion.
    world.transition(meeting, "back_to_created")
    luc = people["Luc"]
    luc.firstname = "Lucien"
    luc.reindexObject()
    notify(ObjectModifiedEvent(luc))
    sara = people["Sara"]
    (mandate,) = sara.objectValues()
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(obj=mandate, check_linkintegrity=False)
    transaction.commit()

    def changed(name):
        response = get(f"{base}/{name}", modified_since=since)
        assert response.status_code == 200, response.text
        return {
            (entry["id"].rsplit("/", 1)[1], entry.get("deleted", False))
            for entry in response.json()["data"]
        }

    assert changed("meetings") == {(meeting.UID(), True)}
    assert changed("agendaitems") == {(item.UID(), True)}
    assert changed("papers") == {(item.UID(), True)}
    assert changed("files") == {(f"agenda-{meeting.UID()}", True)}
    assert changed("memberships") == {(mandate.UID(), True)}
    # Sara holds no mandate any more: she leaves the people; Luc changed his name.
    assert changed("persons") == {(luc.UID(), False), (sara.UID(), True)}
    assert changed("organizations") == {(world.council.UID(), False)}
    assert changed("bodies") == set()
    gone = get(f"{base}/meeting/{meeting.UID()}")
    assert gone.status_code == 200 and gone.json()["deleted"] is True
    unchanged = get(f"{base}/persons", modified_until=since).json()["data"]
    assert [entry["name"] for entry in unchanged] == ["Anne Dumont"]


def test_any_accept_header_gets_json_and_errors_are_json(http_world):
    world = http_world
    base = f"{world.url}/@oparl"
    for accept in (None, "*/*", "text/html", "application/json"):
        response = requests.get(base, headers={"Accept": accept}, timeout=30)
        assert response.status_code == 200, accept
        assert response.json()["type"] == "https://schema.oparl.org/1.1/System"
    bad = get(f"{base}/meetings", modified_since="hier")
    assert bad.status_code == 400 and "ISO 8601" in bad.json()["error"]
    assert get(f"{base}/meeting/inconnu").status_code == 404
    assert get(f"{base}/nothing-here").status_code == 404
    posted = requests.post(base, json={}, timeout=30)
    assert posted.status_code == 405


def test_the_schema_check_can_fail():
    schemas = load_schemas()
    good = {"id": "https://x.example/m/1", "type": "https://schema.oparl.org/1.1/Meeting"}
    assert validate(schemas, good) == 1
    for bad in (
        {**good, "start": "hier"},
        {**good, "type": "https://schema.oparl.org/1.1/Body"},
        {
            **good,
            "agendaItem": [
                {"id": "https://x.example/a/1", "type": "https://schema.oparl.org/1.1/AgendaItem"}
            ],
        },
    ):
        with pytest.raises((jsonschema.ValidationError, AssertionError)):
            validate(schemas, bad)
