"""Open PST actions nobody updates: the daily reminder, once per period, to the agent in
charge or the service's managers, never bumping the action's last update; and the
dashboard's « Sans mise à jour » list."""

from communesplone.core import notifications as core_notifications
from communesplone.core.daily import run_daily_tasks
from communesplone.pst import notifications
from communesplone.pst import reminders
from DateTime import DateTime
from datetime import date
from datetime import timedelta
from plone import api
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import pytest
import re
import transaction


TASK = "communesplone.pst.reminders"
TODAY = date.today()


@pytest.fixture
def mailing(http_pst, mailbox):
    """The committed PST world with a sender address and `world.mailbox`: what left at
    commit."""
    api.portal.set_registry_record("plone.email_from_address", "pst@valmont.example")
    api.portal.set_registry_record("plone.email_from_name", "Commune de Valmont")
    transaction.commit()
    http_pst.mailbox = mailbox
    return http_pst


def operational(world, adopt=True):
    world.login("pst_manager")
    if adopt:
        api.content.transition(world.plan, "adopt")
    return world.operational(world.objective())


def stale(node, days):
    """Last updated `days` days ago, as if nobody had touched it since."""
    node.setModificationDate(DateTime() - days)
    node.reindexObject(idxs=["modified"])


def modified(node):
    """The last update, on the object and in the catalog."""
    (brain,) = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(UID=node.UID())
    return node.modified(), brain.modified


def addressees(world):
    return [mail["to"] for mail in world.mailbox]


def test_the_agent_is_reminded_once_per_period(mailing):
    world = mailing
    oo = operational(world)
    cameras = world.action(
        oo, "Installer des caméras", agent="agent_travaux", managing_services=["travaux"]
    )
    world.action(oo, "Acheter une balayeuse", agent="agent_travaux")
    stale(cameras, 100)
    transaction.commit()
    before = modified(cameras)

    assert run_daily_tasks(world.portal)[TASK] == "1 rappel(s)"
    assert world.mailbox == []  # not before the commit
    transaction.commit()
    (mail,) = world.mailbox
    assert mail["to"] == ["agent_travaux@example.org"]
    assert mail["subject"] == "Action du PST à mettre à jour : A.1.1.1 Installer des caméras"
    assert "« A.1.1.1 Installer des caméras »" in mail["body"]
    assert "depuis 100 jours" in mail["body"]
    assert "« Mettre à jour »" in mail["body"]
    assert cameras.absolute_url() in mail["body"]
    assert cameras.stale_reminded_on == TODAY
    assert modified(cameras) == before

    # The same day again: nothing.
    assert reminders.run().summary() == "0 rappel(s)"
    transaction.commit()
    assert len(world.mailbox) == 1
    # Still no update a full period after the reminder: once more (and the other action,
    # created today, is stale by then too).
    assert reminders.run(TODAY + timedelta(days=89)).summary() == "0 rappel(s)"
    assert reminders.run(TODAY + timedelta(days=90)).summary() == "2 rappel(s)"
    transaction.commit()
    assert addressees(world) == [["agent_travaux@example.org"]] * 3
    again = next(m for m in world.mailbox[1:] if "Installer des caméras" in m["subject"])
    assert "depuis 190 jours" in again["body"]
    assert modified(cameras) == before


def test_an_update_starts_a_new_period(mailing):
    world = mailing
    oo = operational(world)
    updated = world.action(oo, "Installer des caméras", agent="agent_travaux")
    forgotten = world.action(oo, "Acheter une balayeuse", agent="agent_travaux")
    stale(updated, 200)
    stale(forgotten, 200)
    # Reminded 60 days ago…
    assert reminders.run(TODAY - timedelta(days=60)).summary() == "2 rappel(s)"
    transaction.commit()
    assert len(world.mailbox) == 2
    # … and since then one of them was updated.
    world.login("agent_travaux")
    updated.health = "at_risk"
    notify(ObjectModifiedEvent(updated))
    transaction.commit()
    assert updated.modified().Date() == DateTime().Date()

    assert reminders.run().summary() == "0 rappel(s)"
    # A full period since the reminder: only the one without an update.
    assert reminders.run(TODAY + timedelta(days=30)).summary() == "1 rappel(s)"
    transaction.commit()
    assert "Acheter une balayeuse" in world.mailbox[-1]["subject"]
    # The updated one waits a full period from its update.
    assert reminders.run(TODAY + timedelta(days=89)).summary() == "0 rappel(s)"
    assert reminders.run(TODAY + timedelta(days=90)).summary() == "1 rappel(s)"
    transaction.commit()
    assert "Installer des caméras" in world.mailbox[-1]["subject"]
    assert len(world.mailbox) == 4


def test_without_agent_the_service_managers_are_reminded(mailing):
    world = mailing
    oo = operational(world)
    action = world.action(oo, "Acheter une balayeuse", managing_services=["travaux", "finances"])
    sub_action = world.sub_action(action, "Choisir le modèle", managing_services=["travaux"])
    nobody = world.action(oo, "Inventaire des dépôts")
    for node in (action, sub_action, nobody):
        stale(node, 95)
    transaction.commit()

    assert reminders.run().summary() == "2 rappel(s)"
    transaction.commit()
    # finances has no managers; travaux's chef hears of both.
    assert addressees(world) == [["chef_travaux@example.org"]] * 2
    subjects = sorted(mail["subject"] for mail in world.mailbox)
    assert subjects == [
        "Action du PST à mettre à jour : A.1.1.1 Acheter une balayeuse",
        "Action du PST à mettre à jour : SA.1.1.1.1 Choisir le modèle",
    ]
    body = next(m["body"] for m in world.mailbox if "SA.1.1.1.1" in m["subject"])
    assert body.startswith("La sous-action « SA.1.1.1.1 Choisir le modèle »")
    # Nobody to tell: nothing recorded, it is reminded once somebody is in charge.
    assert getattr(nobody, "stale_reminded_on", None) is None


def test_closed_actions_draft_plans_and_plans_without_reminders_send_nothing(mailing):
    world = mailing
    oo = operational(world, adopt=False)
    open_action = world.action(oo, "Installer des caméras", agent="agent_travaux")
    closed = {}
    for transition in ("terminate", "stop", "abandon"):
        node = world.action(oo, f"Action {transition}", agent="agent_travaux")
        if transition == "terminate":
            api.content.transition(node, "start")
        api.content.transition(node, transition)
        closed[transition] = node
    for node in (open_action, *closed.values()):
        stale(node, 400)
    transaction.commit()

    assert reminders.run().summary() == "0 rappel(s)"  # the plan is in preparation
    api.content.transition(world.plan, "adopt")
    world.plan.reminder_days = 0
    assert reminders.run().summary() == "0 rappel(s)"  # the plan sends no reminder
    world.plan.reminder_days = None
    assert reminders.run().summary() == "0 rappel(s)"
    world.plan.reminder_days = 365
    assert reminders.run().summary() == "1 rappel(s)"  # the open one only
    transaction.commit()
    (mail,) = world.mailbox
    assert "Installer des caméras" in mail["subject"] and "depuis 400 jours" in mail["body"]
    assert all(getattr(node, "stale_reminded_on", None) is None for node in closed.values())


def test_the_period_is_the_plans(mailing):
    world = mailing
    oo = operational(world)
    action = world.action(oo, "Installer des caméras", agent="agent_travaux")
    stale(action, 40)
    assert reminders.run().summary() == "0 rappel(s)"
    world.plan.reminder_days = 40
    assert reminders.run().summary() == "1 rappel(s)"
    transaction.commit()
    assert len(world.mailbox) == 1


def test_who_switched_the_category_off_gets_nothing(mailing):
    world = mailing
    oo = operational(world)
    action = world.action(oo, "Installer des caméras", agent="agent_travaux")
    stale(action, 100)
    core_notifications.set_switched_off("agent_travaux", {notifications.STALE_ACTION})
    transaction.commit()
    assert notifications.STALE_ACTION in core_notifications.CATEGORIES

    assert reminders.run().summary() == "1 rappel(s)"
    transaction.commit()
    assert world.mailbox == []
    assert action.stale_reminded_on == TODAY


def test_only_the_actions_that_get_a_message_are_woken_up(pst, monkeypatch):
    from Products.ZCatalog.CatalogBrains import AbstractCatalogBrain

    oo = operational(pst)
    wanted = pst.action(oo, "Installer des caméras", agent="agent_travaux")
    already = pst.action(oo, "Acheter une balayeuse", agent="agent_travaux")
    nobody = pst.action(oo, "Inventaire des dépôts")
    pst.action(oo, "Budget participatif", agent="agent_travaux")  # fresh
    already.stale_reminded_on = TODAY - timedelta(days=10)
    for node in (wanted, already, nobody):
        stale(node, 100)

    woken = []
    real = AbstractCatalogBrain._unrestrictedGetObject

    def counting(brain):
        obj = real(brain)
        woken.append(obj)
        return obj

    monkeypatch.setattr(AbstractCatalogBrain, "_unrestrictedGetObject", counting)
    monkeypatch.setattr(
        AbstractCatalogBrain, "getObject", lambda brain: pytest.fail("restricted wake-up")
    )
    assert reminders.run().summary() == "1 rappel(s)"
    assert woken == [pst.plan, wanted]


# The dashboard's list


def dashboard(pst, request, name="suivi", **form):
    request.form.clear()
    request.form.update(form)
    return api.content.get_view(name, pst.plan, request)


def test_the_stale_tab_lists_what_nobody_updated(pst, http_request):
    oo = operational(pst)
    cameras = pst.action(
        oo, "Installer des caméras", agent="agent_travaux", managing_services=["travaux"]
    )
    pst.action(oo, "Acheter une balayeuse", agent="agent_travaux")  # fresh
    closed = pst.action(oo, "Budget participatif")
    api.content.transition(closed, "start")
    api.content.transition(closed, "terminate")
    sites = pst.sub_action(cameras, "Choisir les sites")
    stale(cameras, 120)
    stale(closed, 120)
    stale(sites, 60)
    last_update = (TODAY - timedelta(days=120)).strftime("%d/%m/%Y")

    view = dashboard(pst, http_request, list="stale")
    assert view.is_stale_list() and view.stale_days() == 90
    assert [row["title"] for row in view.rows()] == ["Installer des caméras"]
    (row,) = view.rows()
    assert row["modified"] == TODAY - timedelta(days=120)
    assert row["modified_text"] == last_update and row["stale_days"] == 120
    assert {tab["id"]: tab["count"] for tab in view.lists()}["stale"] == 1
    html = view()
    assert 'id="pst-list-stale"' in html and "Sans mise à jour" in html
    assert "Dernière mise à jour" in html and last_update in html
    assert re.search(r'class="text-end pst-stale-days"\s*>120<', html)
    assert re.search(r"rien changé depuis\s+90\s+jours ou plus", html)
    assert "Acheter une balayeuse" not in html and "Budget participatif" not in html
    # Not on the other lists.
    assert "Dernière mise à jour" not in dashboard(pst, http_request, list="late")()

    # The plan's period, and 90 days for a plan that sends no reminder.
    pst.plan.reminder_days = 30
    view = dashboard(pst, http_request, list="stale")
    assert [row["title"] for row in view.rows()] == ["Installer des caméras", "Choisir les sites"]
    pst.plan.reminder_days = 0
    view = dashboard(pst, http_request, list="stale", type="SubAction")
    assert view.stale_days() == 90 and view.rows() == []

    # The filters apply; a closed state is never on the list.
    assert dashboard(pst, http_request, list="stale", state="terminated").rows() == []
    view = dashboard(pst, http_request, list="stale", service="travaux")
    assert [row["title"] for row in view.rows()] == ["Installer des caméras"]


def test_the_stale_tab_exports_and_wakes_no_object(pst, http_request, monkeypatch):
    from Products.ZCatalog.CatalogBrains import AbstractCatalogBrain

    oo = operational(pst)
    cameras = pst.action(oo, "Installer des caméras", agent="agent_travaux")
    pst.action(oo, "Acheter une balayeuse")  # fresh
    stale(cameras, 100)

    def forbidden(self, *args):
        raise AssertionError("an object was woken up")

    monkeypatch.setattr(AbstractCatalogBrain, "getObject", forbidden)
    monkeypatch.setattr(AbstractCatalogBrain, "_unrestrictedGetObject", forbidden)
    text = dashboard(pst, http_request, "suivi-export", list="stale")()
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0].endswith(";Agent en charge;Dernière mise à jour;Jours sans mise à jour")
    assert len(lines) == 2
    cells = lines[1].split(";")
    assert cells[:2] == ["A.1.1.1", "Installer des caméras"]
    assert cells[-3:] == [
        "Agent_travaux",
        (TODAY - timedelta(days=100)).strftime("%d/%m/%Y"),
        "100",
    ]
    assert "pst-suivi-stale.csv" in http_request.response.getHeader("Content-Disposition")
