"""The public feeds: the meetings' calendar and the decisions' RSS, read anonymously."""

from communesplone.meetings import closing
from plone.app.textfield.value import RichTextValue
from xml.etree import ElementTree

import icalendar
import requests
import transaction


def publishing_council(world):
    world.council.publish_decisions = True
    world.login("clerk")
    decided = world.add_meeting(days=-3, assembly=world.council)
    world.presented_item(
        "Budget 2027",
        assembly=world.council,
        category="Finances",
        preferred_meeting=decided.UID(),
        decision=RichTextValue("<p>Le budget est <b>approuvé</b>.</p>"),
    )
    world.presented_item(
        "Dossier disciplinaire",
        assembly=world.council,
        category="Finances",
        privacy="secret",
        preferred_meeting=decided.UID(),
    )
    world.transition(decided, "freeze", "start_session", "decide")
    closing.close_unarchived(decided, "test sans LibreOffice")
    announced = world.add_meeting(days=10, assembly=world.council, place="Salle des fêtes")
    world.transition(announced, "freeze")
    draft = world.add_meeting(days=30, assembly=world.council)
    # The Collège's meetings are never public.
    world.transition(world.meeting, "freeze")
    transaction.commit()
    return decided, announced, draft


def test_the_meetings_calendar_lists_announced_meetings_of_publishing_assemblies(http_world):
    world = http_world
    decided, announced, draft = publishing_council(world)
    response = requests.get(f"{world.url}/@@seances-publiques.ics", timeout=30)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/calendar")
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    uids = {str(event["uid"]) for event in events}
    assert uids == {
        f"seance-{decided.UID()}@communesplone",
        f"seance-{announced.UID()}@communesplone",
    }
    (future,) = [e for e in events if str(e["uid"]).startswith(f"seance-{announced.UID()}")]
    assert str(future["location"]) == "Salle des fêtes"
    agenda = str(future["url"])
    assert agenda.endswith(f"@@ordre-du-jour-public?seance={announced.UID()}")
    page = requests.get(agenda.replace("http://nohost/plone", world.url), timeout=30)
    assert page.status_code == 200
    # One assembly only; an assembly that does not publish gives an empty calendar.
    only = requests.get(f"{world.url}/@@seances-publiques.ics?assemblee=college", timeout=30)
    assert icalendar.Calendar.from_ical(only.content).walk("VEVENT") == []
    bad = requests.get(f"{world.url}/@@seances-publiques.ics?assemblee:list=a", timeout=30)
    assert bad.status_code == 400


def test_the_decisions_feed_gives_public_decisions_only(http_world):
    world = http_world
    decided, _announced, _draft = publishing_council(world)
    response = requests.get(f"{world.url}/@@decisions-publiques.rss", timeout=30)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Budget 2027 — Adopté"]
    (item,) = items
    assert "Le budget est approuvé." in item.findtext("description")
    assert item.findtext("link").endswith(
        "@@decisions-publiques#point-" + item.findtext("guid")[9:]
    )
    assert b"Dossier disciplinaire" not in response.content
    page = requests.get(item.findtext("link").split("#")[0], timeout=30).text
    assert f'id="point-{item.findtext("guid")[9:]}"' in page
    world.council.publish_decisions = False
    transaction.commit()
    again = requests.get(f"{world.url}/@@decisions-publiques.rss", timeout=30)
    assert ElementTree.fromstring(again.content).find("channel").findall("item") == []
