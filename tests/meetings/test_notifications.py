"""The meetings' e-mails: sent at commit only, once when a request is retried after a
ConflictError, never to who switched the category off."""

from communesplone.core import notifications as core_notifications
from communesplone.meetings import notifications
from httphelpers import browser_login
from httphelpers import form_fields
from test_seance_rest import url
from ZODB.POSException import ConflictError

import pytest
import requests
import transaction


def proposed(world, title="Réfection de la rue Haute"):
    world.login("agent")
    item = world.add_item(title)
    world.transition(item, "propose")
    return item


def test_a_mail_leaves_at_commit_and_never_for_an_aborted_change(mailing):
    world = mailing
    item = proposed(world)
    world.login("chef")
    world.transition(item, "send_back", comment="Joindre le devis.")
    assert world.mailbox == []  # not before the commit
    transaction.abort()
    assert world.mailbox == []
    item = proposed(world, "Éclairage public")
    world.login("chef")
    world.transition(item, "send_back", comment="Joindre le devis.")
    transaction.commit()
    (mail,) = world.mailbox
    assert mail["to"] == ["agent@example.org"]
    assert mail["subject"] == "Point renvoyé : Éclairage public"
    assert "Motif : Joindre le devis." in mail["body"]
    assert item.absolute_url() in mail["body"]


def test_a_request_retried_after_a_conflict_sends_once(mailing, monkeypatch):
    world = mailing
    item = proposed(world)
    transaction.commit()
    real = notifications.item_sent_back
    calls = []

    def conflicting(item, comment):
        sent = real(item, comment)
        calls.append(sent)
        if len(calls) == 1:
            raise ConflictError("forced for the test")
        return sent

    monkeypatch.setattr(notifications, "item_sent_back", conflicting)
    response = requests.post(
        url(world, item, "@workflow/send_back"),
        json={"comment": "Joindre le devis."},
        auth=("chef", "password1"),
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert response.status_code == 200, response.text
    assert len(calls) == 2  # the publisher retried the request
    assert [mail["to"] for mail in world.mailbox] == [["agent@example.org"]]


def test_nothing_for_who_switched_the_category_off(mailing):
    world = mailing
    session = browser_login(world.url, "agent", "password1")
    page = session.get(f"{world.url}/@@mes-notifications", timeout=30).text
    assert "Un de mes points est renvoyé" in page
    assert 'value="meetings.item_sent_back"' in page
    fields = form_fields(page, "notification-preferences")
    wanted = [c for c in core_notifications.CATEGORIES if c != notifications.ITEM_SENT_BACK]
    response = session.post(
        f"{world.url}/@@mes-notifications-enregistrer",
        data={**fields, "on:list": wanted},
        timeout=30,
    )
    assert "Vos notifications sont enregistrées." in response.text
    transaction.begin()
    assert core_notifications.switched_off("agent") == {notifications.ITEM_SENT_BACK}

    item = proposed(world)
    world.login("chef")
    world.transition(item, "send_back", comment="Joindre le devis.")
    transaction.commit()
    assert world.mailbox == []
    # Another category still reaches them.
    world.login("agent")
    world.transition(item, "propose")
    world.login("chef")
    world.transition(item, "validate")
    world.login("clerk")
    world.transition(item, "present")
    transaction.commit()
    assert [mail["subject"] for mail in world.mailbox] == [
        "Point présenté : Réfection de la rue Haute"
    ]


def test_preferences_refuse_unknown_categories_and_anonymous(mailing):
    with pytest.raises(ValueError, match="inconnues"):
        core_notifications.set_switched_off("agent", {"nothing"})
    response = requests.get(f"{mailing.url}/@@mes-notifications", timeout=30)
    assert "Mes notifications" not in response.text or response.status_code in (401, 403)


def test_freezing_tells_the_members(mailing):
    world = mailing
    world.presented_item("Budget 2027")
    world.transition(world.meeting, "freeze")
    transaction.commit()
    frozen = [mail for mail in world.mailbox if mail["subject"].startswith("Ordre du jour")]
    assert [mail["to"] for mail in frozen] == [["echevin@example.org"]]  # the Collège
    assert world.meeting.absolute_url() in frozen[0]["body"]
