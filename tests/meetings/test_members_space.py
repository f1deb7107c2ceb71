"""The members' space: « Mes séances », and what changed since a member read the agenda
(recorded by a POST, never by reading)."""

from httphelpers import browser_login

import re
import time
import transaction


def frozen_council_meeting(world):
    world.login("clerk")
    world.meeting = world.add_meeting(days=5, assembly=world.council)
    budget = world.presented_item("Budget 2027", assembly=world.council, category="Finances")
    world.presented_item("Règlement voirie", assembly=world.council, category="Travaux")
    world.transition(world.meeting, "freeze")
    return budget


def meeting_url(world):
    return world.meeting.absolute_url().replace("http://nohost/plone", world.url)


def test_members_see_what_changed_since_they_read_the_agenda(http_world):
    world = http_world
    budget = frozen_council_meeting(world)
    transaction.commit()
    member = browser_login(world.url, "councillor", "password1")
    home = member.get(f"{world.url}/tableau-de-bord", timeout=30).text
    assert 'id="dashboard-meetings"' in home
    assert re.search(r"2\s*nouveau\(x\) ou modifié\(s\)", home)
    page = member.get(meeting_url(world), timeout=30).text
    assert page.count("agenda-changed") == 2
    # Reading wrote nothing.
    transaction.begin()
    assert not world.meeting.__dict__.get("_visits")

    token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', page).group(1)
    member.post(f"{meeting_url(world)}/@@ordre-du-jour-lu", data={"_authenticator": token})
    page = member.get(meeting_url(world), timeout=30).text
    assert "agenda-changed" not in page
    home = member.get(f"{world.url}/tableau-de-bord", timeout=30).text
    assert "nouveau(x) ou modifié(s)" not in home

    # The clerk corrects an item: it is marked again, for this member only.
    time.sleep(1.1)
    transaction.begin()
    world.login("clerk")
    budget.title = "Budget 2027 (corrigé)"
    budget.reindexObject()
    transaction.commit()
    page = member.get(meeting_url(world), timeout=30).text
    assert page.count("agenda-changed") == 1
    assert re.search(r"Budget 2027 \(corrigé\)</a>\s*<span class=\"badge bg-info", page)
    # Without the token, nothing is recorded.
    response = member.post(f"{meeting_url(world)}/@@ordre-du-jour-lu", data={})
    assert response.status_code == 403


def test_non_members_have_no_meetings_part(http_world):
    world = http_world
    frozen_council_meeting(world)
    transaction.commit()
    for userid in ("agent", "clerk"):
        home = browser_login(world.url, userid, "password1").get(
            f"{world.url}/tableau-de-bord", timeout=30
        )
        assert 'id="dashboard-meetings"' not in home.text, userid
