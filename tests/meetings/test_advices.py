"""Advices: asked when the item leaves its draft, given by the service asked only, late
after their due date (told once), mandatory per category before validation."""

from apiexamples import record_example
from communesplone.core.calendar import WorkingCalendar
from communesplone.meetings import advices
from datetime import date
from datetime import timedelta
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from test_seance_rest import call
from test_seance_rest import url

import pytest
import transaction


def asked(world, **fields):
    world.login("agent")
    item = world.add_item("Achat d'une balayeuse", advice_services=["finances"], **fields)
    assert advices.requests(item) == {}  # a draft asks nothing yet
    world.transition(item, "propose")
    return item


def test_proposing_asks_the_service_with_a_due_date(world):
    item = asked(world)
    entry = advices.requests(item)["finances"]
    assert entry["requested"] == date.today()
    assert entry["due"] == WorkingCalendar.for_site().add_working_days(date.today(), 10)
    assert entry["given"] is None
    # The service asked now reads the item; another does not.
    world.login("other_agent")
    assert api.user.has_permission("View", obj=item)
    assert api.content.find(UID=item.UID())


def test_only_the_service_asked_gives_its_advice(world):
    item = asked(world)
    world.login("agent")  # the proposing service, not the adviser
    with pytest.raises(advices.AdviceError, match="Seul le service consulté"):
        advices.give(item, "finances", "favorable")
    world.login("other_agent")
    with pytest.raises(advices.AdviceError, match="Type d'avis inconnu"):
        advices.give(item, "finances", "maybe")
    with pytest.raises(advices.AdviceError, match="Motivez"):
        advices.give(item, "finances", "unfavorable", "  ")
    with pytest.raises(advices.AdviceError, match="n'est pas demandé"):
        advices.give(item, "travaux", "favorable")
    assert advices.requests(item)["finances"]["given"] is None

    row = advices.give(item, "finances", "favorable_remarks", "Crédit à l'article 421/744-51.")
    assert row["type"] == "favorable_remarks"
    assert row["type_title"] == "Favorable avec remarques"
    assert row["author"] == "other_agent" and row["given"] and not row["late"]
    assert advices.rows(item)[0]["service_title"] == "Finances"


def test_a_decided_item_takes_no_more_advice(world):
    item = asked(world)
    world.login("chef")
    world.transition(item, "validate")
    world.login("clerk")
    world.transition(item, "present")
    world.transition(world.meeting, "freeze", "start_session")
    world.transition(item, "accept")
    world.login("other_agent")
    with pytest.raises(advices.AdviceError, match="décidé"):
        advices.give(item, "finances", "favorable")


def test_a_mandatory_advice_holds_the_validation(world):
    world.college.mandatory_advices = [{"category": "Finances", "service": "finances"}]
    world.login("agent")
    item = world.add_item("Modification budgétaire n° 2", category="Finances")
    world.transition(item, "propose")
    assert "finances" in advices.requests(item)  # asked because the category requires it
    assert item.advice_services == ["finances"]
    world.login("chef")
    with pytest.raises(WorkflowException, match="Avis obligatoire manquant \\(Finances\\)"):
        world.transition(item, "validate")
    assert api.content.get_state(item) == "proposed"
    world.login("other_agent")
    advices.give(item, "finances", "favorable")
    world.login("chef")
    world.transition(item, "validate")
    assert api.content.get_state(item) == "validated"


def test_a_service_added_later_is_asked_then(world):
    world.login("agent")
    item = world.add_item("Convention avec l'ASBL")
    world.transition(item, "propose")
    assert advices.requests(item) == {}
    world.login("chef")
    item.advice_services = ["finances"]
    from zope.event import notify
    from zope.lifecycleevent import ObjectModifiedEvent

    notify(ObjectModifiedEvent(item))
    assert list(advices.requests(item)) == ["finances"]


def test_late_advices_are_told_once(mailing):
    world = mailing
    api.user.create(email="df@example.org", username="df_valmont", password="password1")
    api.group.add_user(groupname="finances_managers", username="df_valmont")
    item = asked(world)
    transaction.commit()
    requested = [m for m in world.mailbox if m["subject"].startswith("Avis demandé")]
    assert sorted(m["to"][0] for m in requested) == ["df@example.org", "other_agent@example.org"]
    due = advices.requests(item)["finances"]["due"]
    assert advices.remind_late(today=due) == 0  # due today: not late yet
    assert advices.remind_late(today=due + timedelta(days=1)) == 1
    assert advices.remind_late(today=due + timedelta(days=2)) == 0  # once
    transaction.commit()
    late = [m for m in world.mailbox if m["subject"].startswith("Avis en retard")]
    assert [m["to"] for m in late] == [["df@example.org"]]  # the adviser's manager
    assert "Achat d'une balayeuse" in late[0]["body"]


def test_rest_gives_and_lists_advices(http_world):
    world = http_world
    item = asked(world)
    transaction.commit()
    refused = call(
        "POST", world, item, "@advices", "agent", {"service": "finances", "type": "favorable"}
    )
    assert refused.status_code == 400
    record_example("meetings-advices-refused", refused)
    assert "Seul le service consulté" in refused.json()["message"]
    bad = call("POST", world, item, "@advices", "other_agent", {"service": "finances"})
    assert bad.status_code == 400 and "Type d'avis inconnu" in bad.json()["message"]
    given = call(
        "POST", world, item, "@advices", "other_agent", {"service": "finances", "type": "favorable"}
    )
    assert given.status_code == 200, given.text
    record_example("meetings-advices-post", given)
    response = call("GET", world, item, "@advices", "agent")
    record_example("meetings-advices-get", response)
    listed = response.json()["items"]
    assert [(a["service"], a["type"], a["author"]) for a in listed] == [
        ("finances", "favorable", "other_agent")
    ]
    assert call("GET", world, item, "@advices", "councillor").status_code == 401


def test_the_adviser_answers_from_the_item_page(http_world):
    from httphelpers import browser_login

    import re

    world = http_world
    item = asked(world)
    transaction.commit()
    item_url = url(world, item, "")
    author = browser_login(world.url, "agent", "password1").get(item_url, timeout=30).text
    assert 'id="advice-finances"' in author and "@@donner-avis" not in author
    session = browser_login(world.url, "other_agent", "password1")
    page = session.get(item_url, timeout=30).text
    assert "Donner l'avis" in page
    form = re.search(r"<form[^>]*@@donner-avis.*?</form>", page, re.S).group(0)
    token = re.search(r'name="_authenticator" value="([^"]+)"', form).group(1)
    action = url(world, item, "@@donner-avis")
    refused = session.post(
        action,
        data={"_authenticator": token, "service": "finances", "type": "unfavorable"},
        timeout=30,
    )
    assert "Motivez un avis" in refused.text
    transaction.begin()
    assert advices.requests(item)["finances"]["given"] is None
    done = session.post(
        action,
        data={
            "_authenticator": token,
            "service": "finances",
            "type": "unfavorable",
            "comment": "Pas de crédit disponible.",
        },
        timeout=30,
    )
    assert "Avis enregistré." in done.text
    assert "Pas de crédit disponible." in done.text and "Défavorable" in done.text
    transaction.begin()
    assert advices.requests(item)["finances"]["type"] == "unfavorable"


def test_the_daily_job_reports_late_advices(world):
    from communesplone.core.daily import run_daily_tasks

    item = asked(world)
    advices.requests(item)["finances"]["due"] = date.today() - timedelta(days=1)
    report = run_daily_tasks(world.portal)
    assert report["communesplone.meetings.late_advices"] == "1 avis en retard signalé(s)"
    report = run_daily_tasks(world.portal)
    assert report["communesplone.meetings.late_advices"] == "0 avis en retard signalé(s)"


def test_upgrade_indexes_the_advices_not_given(world):
    item = asked(world)
    catalog = api.portal.get_tool("portal_catalog")
    setup = api.portal.get_tool("portal_setup")
    catalog.delIndex("advices_pending")
    catalog.delColumn("advices_pending")
    setup.setLastVersionForProfile("communesplone.meetings:default", "20261128006")

    setup.upgradeProfile("communesplone.meetings:default")

    (brain,) = catalog.unrestrictedSearchResults(advices_pending="finances")
    assert item.UID() == brain.UID and brain.advices_pending == ["finances"]
    world.login("other_agent")
    advices.give(item, "finances", "favorable")
    assert not catalog.unrestrictedSearchResults(advices_pending="finances")


def test_the_assembly_sets_the_delay_and_checks_its_categories(world):
    from communesplone.meetings.content.assembly import IAssembly
    from zope.interface import Invalid

    world.college.advice_delay = 5
    item = asked(world)
    due = advices.requests(item)["finances"]["due"]
    assert due == WorkingCalendar.for_site().add_working_days(date.today(), 5)

    class Data:
        categories = ["Finances"]
        mandatory_advices = [{"category": "Voirie", "service": "finances"}]

    with pytest.raises(Invalid) as refused:
        IAssembly.getTaggedValue("invariants")  # the schema declares its checks
        for check in IAssembly.queryTaggedValue("invariants", []):
            check(Data)
    assert "Voirie" in str(refused.value.args[0].mapping["names"])
