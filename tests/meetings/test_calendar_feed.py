"""`{assembly}/meetings.ics`: the members' feed, parsed back with icalendar."""

from datetime import datetime
from datetime import timedelta

import icalendar
import requests
import transaction


def feed(world, assembly, userid=None):
    url = f"{assembly.absolute_url()}/meetings.ics".replace("http://nohost/plone", world.url)
    auth = (userid, "password1") if userid else None
    return requests.get(url, auth=auth, timeout=30, allow_redirects=False)


def test_members_subscribe_to_their_assembly_s_meetings(http_world):
    world = http_world
    world.login("clerk")
    start = datetime.now().replace(microsecond=0, second=0) + timedelta(days=10)
    frozen = world.add_meeting(days=10, assembly=world.council)
    world.transition(frozen, "freeze")
    draft = world.add_meeting(days=40, assembly=world.council)
    transaction.commit()

    response = feed(world, world.council, "councillor")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    by_uid = {str(event["uid"]).split("@")[0]: event for event in events}
    assert frozen.UID() in by_uid
    event = by_uid[frozen.UID()]
    assert str(event["summary"]) == frozen.Title()
    assert str(event["location"]) == "Salle du Conseil"
    assert event.decoded("dtstart").replace(tzinfo=None) == start.replace(hour=9, minute=0)
    assert str(event.decoded("dtstart").tzinfo) == "Europe/Brussels"
    assert str(event["url"]).endswith(frozen.getId())
    # The feed shows what the member may see: the clerk sees the meeting in preparation.
    clerk = icalendar.Calendar.from_ical(feed(world, world.council, "clerk").content)
    assert draft.UID() in {str(e["uid"]).split("@")[0] for e in clerk.walk("VEVENT")}


def test_others_get_no_feed(http_world):
    world = http_world
    for userid in ("agent", "councillor", None):
        assembly = world.college if userid == "councillor" else world.council
        response = feed(world, assembly, userid)
        assert response.status_code in (302, 401, 403), userid
        assert b"BEGIN:VCALENDAR" not in response.content
