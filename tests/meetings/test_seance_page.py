"""The séance cockpit: attendance in one click, decisions, votes, refusals that change nothing."""

from httphelpers import browser_login
from plone.protect.authenticator import createToken
from test_seance_rest import college_of_five
from test_seance_rest import session_item

import re
import transaction


def cockpit(world, userid="clerk", point=None):
    session = browser_login(world.url, userid, "password1")
    url = f"{world.meeting.absolute_url()}/@@conduite".replace("http://nohost/plone", world.url)
    page = session.get(url, params={"point": point} if point else None, timeout=30)
    return session, page


def post(world, session, html, token=None, **data):
    token = token or re.search(r'name="_authenticator"[^>]*value="([^"]+)"', html).group(1)
    url = f"{world.meeting.absolute_url()}/@@conduite-action".replace(
        "http://nohost/plone", world.url
    )
    return session.post(url, data={"_authenticator": token, **data}, timeout=30)


def test_a_clerk_conducts_an_item(http_world):
    world = http_world
    world.people = people = college_of_five(world)
    item = world.presented_item("Marché de voirie 2027")
    world.presented_item("Convention de voirie")
    world.transition(world.meeting, "freeze", "start_session")
    transaction.commit()
    session, page = cockpit(world)
    assert page.status_code == 200
    assert "Marché de voirie 2027" in page.text and "Quorum atteint" in page.text
    assert 'id="seance-decide-accept"' in page.text

    # Marc leaves before this item only; Luc is excused for the whole séance.
    statuses = {f"status-{uid}": "present" for uid in people.values()}
    response = post(
        world,
        session,
        page.text,
        action="attendance",
        scope="item",
        item=item.UID(),
        **{**statuses, f"status-{people['Marc']}": "absent"},
    )
    assert "1 changement(s)" in response.text
    response = post(
        world,
        session,
        response.text,
        action="attendance",
        scope="meeting",
        item=item.UID(),
        **{**statuses, f"status-{people['Luc']}": "excused"},
    )
    transaction.begin()
    assert dict(item.attendance_changes) == {people["Marc"]: "absent"}
    assert dict(world.meeting.attendance) == {people["Luc"]: "excused"}

    # A vote from the present voters, then the decision.
    response = post(
        world,
        session,
        response.text,
        action="vote",
        item=item.UID(),
        label="Point",
        poll_type="out_loud",
        **{f"vote-{people['Anne']}": "yes", f"vote-{people['Sara']}": "no"},
    )
    assert "Vote enregistré" in response.text and "1 oui, 1 non" in response.text
    response = post(
        world, session, response.text, action="decide", item=item.UID(), transition="refuse"
    )
    assert "Décision enregistrée" in response.text
    transaction.begin()
    assert world.portal.portal_workflow.getInfoFor(item, "review_state") == "refused"
    assert [vote["label"] for vote in item.votes] == ["Point"]
    # The next undecided item becomes the current one.
    assert "Convention de voirie" in re.search(
        r'id="seance-current".*?</h2>', response.text, re.S
    ).group(0)


def test_refused_actions_change_nothing(http_world):
    world = http_world
    item = session_item(world)
    transaction.commit()
    people = world.people
    session, page = cockpit(world)
    response = post(
        world,
        session,
        page.text,
        action="vote",
        item=item.UID(),
        label="Point",
        poll_type="secret",
        **{"count-yes": "9", "count-no": "0", "count-abstain": "0"},
    )
    assert "9 voix pour 4 votant(s)" in response.text
    response = post(
        world,
        session,
        page.text,
        action="vote",
        item=item.UID(),
        label="Point",
        poll_type="freehand",
        **{f"vote-{people['Julie']}": "yes"},
    )
    assert "vote public donne" in response.text  # Julie has no vote: nothing is counted
    transaction.begin()
    assert not item.__dict__.get("votes")
    # Members read the meeting, not its cockpit; nor may they act with a token of theirs.
    member, page = cockpit(world, "echevin")
    assert 'id="seance-decisions"' not in page.text
    meeting_page = member.get(
        world.meeting.absolute_url().replace("http://nohost/plone", world.url), timeout=30
    )
    assert meeting_page.status_code == 200 and 'id="meeting-cockpit"' not in meeting_page.text
    # With a valid token of the member's own, the cockpit still refuses.
    world.login("echevin")
    token = createToken()
    post(world, member, "", token=token, action="decide", item=item.UID(), transition="accept")
    transaction.begin()
    assert world.portal.portal_workflow.getInfoFor(item, "review_state") == "frozen"
