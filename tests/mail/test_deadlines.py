"""Due dates of incoming mail: reception date plus the type's delay, on a worked day;
recomputed when the type or the reception date changes, never over a hand-typed one."""

from apiexamples import record_example
from communesplone.core.calendar import WorkingCalendar
from communesplone.mail import deadlines
from communesplone.mail.content.mail import IIncomingMail
from datetime import date
from plone import api
from zope.event import notify
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent

import pytest
import requests


DELAYS = {"letter": 30, "form": 15, "other": 20}
PLAIN = WorkingCalendar()


@pytest.mark.parametrize(
    ("reception", "mail_type", "closed", "due", "why"),
    [
        (date(2026, 6, 1), "letter", (), date(2026, 7, 1), "a Wednesday: kept"),
        (date(2026, 1, 2), "form", (), date(2026, 1, 19), "Saturday 17 → Monday"),
        (date(2026, 6, 21), "letter", (), date(2026, 7, 22), "21 July, national day → 22"),
        (date(2026, 6, 21), "letter", (date(2026, 7, 22),), date(2026, 7, 23), "then closed"),
        (
            date(2026, 11, 25),
            "letter",
            (date(2026, 12, 28),),
            date(2026, 12, 29),
            "Christmas (Friday), the weekend, a closing day",
        ),
        (date(2026, 6, 1), "invoice", (), date(2026, 6, 22), "unknown type: « other »'s delay"),
        (date(2026, 6, 1), None, (), date(2026, 6, 22), "no type: « other »'s delay"),
    ],
)
def test_due_date_lands_on_a_worked_day(reception, mail_type, closed, due, why):
    calendar = WorkingCalendar(closed)
    assert deadlines.compute_due_date(reception, mail_type, DELAYS, calendar) == due, why


def test_without_reception_date_there_is_no_due_date():
    assert deadlines.compute_due_date(None, "letter", DELAYS, PLAIN) is None
    assert deadlines.delay_for("letter", {}) == deadlines.DEFAULT_DELAY


def test_reminder_horizon_counts_working_days():
    # Thursday 16 July 2026: Friday 17, Monday 20, Wednesday 22 (21 is the national day).
    thursday = date(2026, 7, 16)
    assert deadlines.reminder_horizon(thursday, 3, PLAIN) == date(2026, 7, 22)
    # A Saturday due date two working days away still counts (Friday is the 2nd).
    assert deadlines.reminder_horizon(date(2026, 7, 8), 2, PLAIN) == date(2026, 7, 12)
    assert deadlines.reminder_horizon(thursday, 0, PLAIN) == thursday
    assert deadlines.is_late(date(2026, 7, 15), thursday)
    assert not deadlines.is_late(thursday, thursday)
    assert not deadlines.is_late(None, thursday)


def test_the_default_delays_cover_every_mail_type(mail):
    from communesplone.mail.content.mail import MAIL_TYPES

    delays = deadlines.site_delays()
    assert set(delays) == {term.value for term in MAIL_TYPES}
    assert all(isinstance(days, int) and days > 0 for days in delays.values())
    assert deadlines.site_reminder_days() == 3
    assert deadlines.site_escalates() is True
    assert api.portal.get_registry_record("communesplone.mail.close_incoming_on_reply") is True


def _changed(letter, *names):
    notify(ObjectModifiedEvent(letter, Attributes(IIncomingMail, *names)))


def _indexed_due(letter):
    (brain,) = api.content.find(UID=letter.UID())
    return brain.mail_due


@pytest.fixture
def closing_day(mail):
    api.portal.set_registry_record("communesplone.closing_days", [date(2026, 7, 22)])
    return mail


def test_registration_sets_the_due_date_and_follows_type_and_reception(closing_day):
    world = closing_day
    world.login("registrar")
    letter = world.incoming(reception_date=date(2026, 6, 21), mail_type="letter")
    # 30 days: 21 July (national day), 22 (closing day) → Thursday 23.
    assert letter.due_date == date(2026, 7, 23)
    assert not letter.due_date_manual
    assert _indexed_due(letter) == "2026-07-23"

    letter.mail_type = "invitation"  # 10 days
    _changed(letter, "mail_type")
    assert letter.due_date == date(2026, 7, 1)
    assert _indexed_due(letter) == "2026-07-01"

    letter.reception_date = date(2026, 6, 26)  # + 10 = Monday 6 July
    _changed(letter, "reception_date")
    assert letter.due_date == date(2026, 7, 6)


def test_a_due_date_typed_by_hand_is_kept(closing_day):
    world = closing_day
    world.login("registrar")
    letter = world.incoming(reception_date=date(2026, 6, 21))
    letter.due_date = date(2026, 9, 1)
    _changed(letter, "due_date")
    assert letter.due_date_manual
    letter.mail_type = "invitation"
    _changed(letter, "mail_type")
    assert letter.due_date == date(2026, 9, 1)
    assert _indexed_due(letter) == "2026-09-01"
    # Emptied, it is computed again.
    letter.due_date = None
    _changed(letter, "due_date")
    assert letter.due_date == date(2026, 7, 1)
    assert not letter.due_date_manual


def test_a_due_date_given_at_registration_is_kept(closing_day):
    world = closing_day
    world.login("registrar")
    letter = world.incoming(reception_date=date(2026, 6, 21), due_date=date(2026, 6, 30))
    assert letter.due_date == date(2026, 6, 30)
    assert letter.due_date_manual
    letter.mail_type = "form"
    _changed(letter, "mail_type")
    assert letter.due_date == date(2026, 6, 30)


def test_the_reception_date_defaults_to_the_day_of_registration(mail):
    mail.login("registrar")
    letter = mail.incoming(mail_type="letter")
    assert letter.__dict__["reception_date"] == date.today()
    expected = WorkingCalendar.for_site().add_days(date.today(), deadlines.site_delays()["letter"])
    assert letter.due_date == expected


def test_rest_registration_and_edits(http_mail):
    world = http_mail
    auth = ("registrar", "password1")
    headers = {"Accept": "application/json"}
    created = requests.post(
        f"{world.url}/courrier",
        json={
            "@type": "IncomingMail",
            "title": "Demande d'extrait de casier",
            "reception_date": "2026-01-02",
            "mail_type": "form",
        },
        auth=auth,
        headers=headers,
        timeout=60,
    )
    assert created.status_code == 201, created.text
    url = created.json()["@id"]
    assert created.json()["due_date"] == "2026-01-19"  # Saturday 17 → Monday 19

    sent = []

    def patch(**fields):
        response = requests.patch(url, json=fields, auth=auth, headers=headers, timeout=60)
        assert response.status_code == 204, response.text
        sent.append(response)
        return requests.get(url, auth=auth, headers=headers, timeout=60).json()["due_date"]

    assert patch(mail_type="letter") == "2026-02-02"  # 1 February is a Sunday
    assert patch(due_date="2026-03-31") == "2026-03-31"
    record_example("mail-incoming-due-date", sent[-1])
    assert patch(mail_type="form") == "2026-03-31"


def test_the_upgrade_adds_the_settings_and_keeps_the_chosen_ones(mail):
    from communesplone.mail import upgrades
    from plone.registry.interfaces import IRegistry
    from zope.component import getUtility

    registry = getUtility(IRegistry)
    registry["communesplone.mail.delays"] = {"letter": 45}
    del registry.records["communesplone.mail.reminder_days"]
    del registry.records["communesplone.mail.escalate"]
    catalog = api.portal.get_tool("portal_catalog")
    catalog.delColumn("mail_reminder_sent")
    mail.login("registrar")
    letter = mail.incoming(treating_service="travaux")
    api.content.transition(letter, transition="assign")
    letter.reminder_sent_for = "2026-07-01"  # as if sent before the column existed
    registry["communesplone.mail.dg_review"] = True

    upgrades.add_deadline_settings(None)

    assert registry["communesplone.mail.reminder_days"] == 3
    assert registry["communesplone.mail.escalate"] is True
    assert registry["communesplone.mail.dg_review"] is True
    assert registry["communesplone.mail.delays"] == {"letter": 45}
    assert "mail_reminder_sent" in catalog.schema()
    (brain,) = api.content.find(UID=letter.UID())
    assert brain.mail_reminder_sent == "2026-07-01"
    # An index the profile adds is filled for the mails already there.
    assert [b.UID for b in api.content.find(mail_due=letter.due_date.isoformat())] == [letter.UID()]
    control_panel = api.portal.get_tool("portal_controlpanel")
    assert "communesplone-mail-settings" in [a.getId() for a in control_panel.listActions()]
    setup = api.portal.get_tool("portal_setup")
    steps = setup.listUpgrades("communesplone.mail:default", show_old=True)
    assert any(
        step["source"] == ("20261128001",) and step["dest"] == ("20261128002",) for step in steps
    )
