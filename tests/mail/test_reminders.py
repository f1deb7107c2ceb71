"""The daily pass over incoming mail deadlines: reminders before, escalation after, each
sent once (twice the same day, a retried request, the CLI), and the pages around it."""

from clihelpers import BIN
from clihelpers import cli
from communesplone.core.calendar import WorkingCalendar
from communesplone.core.daily import run_daily_tasks
from communesplone.mail import notifications
from communesplone.mail import reminders
from communesplone.mail.content.mail import IIncomingMail
from datetime import date
from datetime import timedelta
from httphelpers import browser_login
from httphelpers import form_fields
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from ZODB.POSException import ConflictError
from zope.event import notify
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent

import json
import pytest
import re
import requests
import subprocess
import transaction


TASK = "communesplone.mail.deadlines"


@pytest.fixture
def mailing(http_mail, mailbox):
    """The committed mail world with a sender address, a site manager (`gestionnaire`)
    and `world.mailbox`: what left at commit."""
    api.portal.set_registry_record("plone.email_from_address", "courrier@valmont.example")
    api.portal.set_registry_record("plone.email_from_name", "Commune de Valmont")
    api.user.create(
        email="gestionnaire@example.org",
        username="gestionnaire",
        password="password1",
        roles=["Site Administrator"],
    )
    transaction.commit()
    http_mail.mailbox = mailbox
    return http_mail


def assigned(world, title, service="travaux", **fields):
    world.login("registrar")
    mail = world.incoming(title, treating_service=service, **fields)
    api.content.transition(mail, transition="assign")
    return mail


def working_days(days):
    return WorkingCalendar.for_site().add_working_days(date.today(), days)


def received(world):
    return sorted((mail["to"][0], mail["subject"].split(" : ")[0]) for mail in world.mailbox)


def test_reminders_and_escalations_leave_once(mailing):
    world = mailing
    late = date.today() - timedelta(days=3)
    edge = assigned(world, "Voirie rue Haute", assigned_agent="agent", due_date=working_days(3))
    assigned(world, "Éclairage public", assigned_agent="agent", due_date=working_days(4))
    unassigned = assigned(world, "Facture ORES", service="finances", due_date=working_days(1))
    overdue = assigned(world, "Trottoir rue Basse", assigned_agent="agent", due_date=late)
    closed = assigned(world, "Ancien dossier", due_date=late)
    world.login("chef")
    api.content.transition(closed, transition="close")
    transaction.commit()

    assert run_daily_tasks(world.portal)[TASK] == "2 rappel(s), 1 escalade(s)"
    assert world.mailbox == []  # not before the commit
    transaction.commit()
    assert received(world) == [
        ("agent@example.org", "Échéance proche"),
        ("chef@example.org", "Courrier en retard"),
        ("other_agent@example.org", "Échéance proche"),
    ]
    # « Échéance proche : E2026/000001 Voirie rue Haute »: by the mail's subject.
    by_title = {m["subject"].split(" : ")[1].split(" ", 1)[1]: m for m in world.mailbox}
    reminder = by_title["Voirie rue Haute"]
    assert edge.reference in reminder["subject"]
    assert edge.absolute_url() in reminder["body"]
    escalation = by_title["Trottoir rue Basse"]
    assert "Agent traitant : Agent." in escalation["body"]
    assert overdue.absolute_url() in escalation["body"]
    assert unassigned.reminder_sent_for == unassigned.due_date.isoformat()

    # The same day again: nothing.
    assert run_daily_tasks(world.portal)[TASK] == "0 rappel(s), 0 escalade(s)"
    transaction.commit()
    assert len(world.mailbox) == 3

    # A postponed due date gets its own reminder.
    world.login("chef")
    overdue.due_date = working_days(1)
    notify(ObjectModifiedEvent(overdue, Attributes(IIncomingMail, "due_date")))
    transaction.commit()
    assert reminders.run().summary() == "1 rappel(s), 0 escalade(s)"
    transaction.commit()
    assert world.mailbox[-1]["subject"] == f"Échéance proche : {overdue.reference} {overdue.title}"
    assert world.mailbox[-1]["to"] == ["agent@example.org"]


def test_only_the_mails_that_get_a_message_are_woken_up(mail, monkeypatch):
    from Products.ZCatalog.CatalogBrains import AbstractCatalogBrain

    world = mail
    due_soon = working_days(1)
    already = assigned(world, "Déjà rappelé", assigned_agent="agent", due_date=due_soon)
    already.reminder_sent_for = due_soon.isoformat()
    already.reindexObject(idxs=["mail_due"])
    # Nobody to tell: no agent, and the service has no agents any more.
    assigned(world, "Facture sans agent", service="finances", due_date=due_soon)
    api.group.remove_user(groupname="finances_agents", username="other_agent")
    assigned(world, "En retard", due_date=date.today() - timedelta(days=1))
    api.portal.set_registry_record("communesplone.mail.escalate", False)
    wanted = assigned(world, "À traiter aujourd'hui", assigned_agent="agent", due_date=date.today())

    woken = []
    real = AbstractCatalogBrain._unrestrictedGetObject

    def counting(brain):
        woken.append(brain.getPath())
        return real(brain)

    monkeypatch.setattr(AbstractCatalogBrain, "_unrestrictedGetObject", counting)
    result = reminders.run()
    assert (result.reminders, result.escalations) == (1, 0)
    assert woken == ["/".join(wanted.getPhysicalPath())]
    assert wanted.reminder_sent_for == date.today().isoformat()


def test_a_retried_request_sends_once(mailing, monkeypatch):
    world = mailing
    assigned(world, "Voirie rue Haute", assigned_agent="agent", due_date=working_days(1))
    transaction.commit()
    real = notifications.deadline_reminder
    calls = []

    def conflicting(mail, userids):
        sent = real(mail, userids)
        calls.append(sent)
        if len(calls) == 1:
            raise ConflictError("forced for the test")
        return sent

    monkeypatch.setattr(notifications, "deadline_reminder", conflicting)
    session = browser_login(world.url, "gestionnaire", "password1")
    page = session.get(f"{world.url}/@@courrier-reglages", timeout=30)
    assert page.status_code == 200
    assert "Lancer les rappels maintenant" in page.text
    response = session.post(
        f"{world.url}/@@courrier-lancer-rappels",
        data=form_fields(page.text, "mail-run-reminders"),
        timeout=60,
    )
    assert response.status_code == 200, response.status_code
    assert "Rappels lancés : 1 rappel(s), 0 escalade(s)." in response.text
    assert len(calls) == 2  # the publisher retried the request
    assert [mail["to"] for mail in world.mailbox] == [["agent@example.org"]]
    again = session.post(
        f"{world.url}/@@courrier-lancer-rappels",
        data=form_fields(page.text, "mail-run-reminders"),
        timeout=60,
    )
    assert "Rappels lancés : 0 rappel(s), 0 escalade(s)." in again.text
    assert len(world.mailbox) == 1


def shown_settings(html):
    """The values the settings page shows: number inputs and ticked switches."""
    numbers = dict(re.findall(r'name="(delay_\w+|reminder_days)"[^>]*value="(\d+)"', html))
    ticked = {
        value
        for tag in re.findall(r'<input[^>]*name="on:list"[^>]*>', html)
        if "checked" in tag
        for value in re.findall(r'value="([^"]+)"', tag)
    }
    return numbers, ticked


def test_settings_page_saves_and_refuses_wrong_values(mailing):
    world = mailing
    session = browser_login(world.url, "gestionnaire", "password1")
    page = session.get(f"{world.url}/@@courrier-reglages", timeout=30).text
    numbers, ticked = shown_settings(page)
    assert numbers["delay_letter"] == "30" and numbers["reminder_days"] == "3"
    assert ticked == {
        "communesplone.mail.escalate",
        "communesplone.mail.close_incoming_on_reply",
        "communesplone.mail.outgoing_validation",
    }
    fields = form_fields(page, "mail-settings")
    delays = {f"delay_{key}": "20" for key in ("letter", "complaint", "document_request")}
    delays |= {f"delay_{key}": "10" for key in ("invoice", "form", "invitation", "other")}
    wrong = session.post(
        f"{world.url}/@@courrier-reglages-enregistrer",
        data={**fields, **delays, "delay_letter": "-4", "reminder_days": "2"},
        timeout=30,
    )
    assert "Courrier : indiquez un nombre de jours entre 0 et 3650." in wrong.text
    assert shown_settings(wrong.text) == (numbers, ticked)  # nothing stored
    saved = session.post(
        f"{world.url}/@@courrier-reglages-enregistrer",
        data={
            **delays,
            **fields,
            "reminder_days": "2",
            "on:list": ["communesplone.mail.dg_review"],
        },
        timeout=30,
    )
    assert "Réglages du courrier enregistrés." in saved.text
    numbers, ticked = shown_settings(saved.text)
    assert numbers == {**delays, "reminder_days": "2"}
    assert ticked == {"communesplone.mail.dg_review"}
    # Without the token, nothing is stored.
    forged = session.post(
        f"{world.url}/@@courrier-reglages-enregistrer",
        data={**delays, "reminder_days": "9"},
        timeout=30,
    )
    assert forged.status_code == 403
    page = session.get(f"{world.url}/@@courrier-reglages", timeout=30).text
    assert shown_settings(page)[0]["reminder_days"] == "2"


def test_settings_are_refused_to_who_does_not_manage_the_site(mailing):
    world = mailing
    assigned(world, "Voirie rue Haute", assigned_agent="agent", due_date=working_days(1))
    transaction.commit()
    for userid in ("directeur", "chef", "registrar"):
        for method, view in (
            ("get", "courrier-reglages"),
            ("post", "courrier-reglages-enregistrer"),
            ("post", "courrier-lancer-rappels"),
        ):
            response = getattr(requests, method)(
                f"{world.url}/@@{view}",
                auth=(userid, "password1"),
                allow_redirects=False,
                timeout=30,
            )
            assert response.status_code in (302, 401, 403), (userid, view)
            assert "Lancer les rappels maintenant" not in response.text
    assert world.mailbox == []
    # GET on a button's view does nothing either.
    session = browser_login(world.url, "gestionnaire", "password1")
    response = session.get(f"{world.url}/@@courrier-lancer-rappels", timeout=30)
    assert response.status_code == 405
    assert world.mailbox == []


def test_the_rest_service_runs_the_pass_for_the_cli(mailing):
    world = mailing
    assigned(world, "Trottoir rue Basse", due_date=date.today() - timedelta(days=2))
    transaction.commit()
    root = world.url.rsplit("/", 1)[0]
    response = requests.post(
        f"{root}/@commune-mail-daily",
        json={"sites": ["plone"]},
        auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert response.status_code == 200, response.text
    assert response.json()["items"] == [
        {"id": "plone", "reminders": 0, "escalations": 1, "summary": "0 rappel(s), 1 escalade(s)"}
    ]
    assert [mail["to"] for mail in world.mailbox] == [["chef@example.org"]]
    unknown = requests.post(
        f"{root}/@commune-mail-daily",
        json={"sites": ["nulle-part"]},
        auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert unknown.status_code == 400
    assert unknown.json()["errors"] == ["Aucun site « nulle-part » dans cette instance."]
    refused = requests.post(
        f"{root}/@commune-mail-daily",
        json={"sites": ["plone"]},
        auth=("directeur", "password1"),
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert refused.status_code == 401


def test_late_mails_per_service_as_each_user_may_read_them(mailing):
    world = mailing
    late = date.today() - timedelta(days=4)
    assigned(world, "Voirie rue Haute", assigned_agent="agent", due_date=late)
    assigned(world, "Dossier du personnel", due_date=late, confidential=True)
    assigned(world, "Facture ORES", service="finances", due_date=late)
    assigned(world, "Échéance aujourd'hui", due_date=date.today())
    closed = assigned(world, "Ancien dossier", due_date=late)
    world.login("chef")
    api.content.transition(closed, transition="close")
    transaction.commit()

    def late_page(userid):
        session = browser_login(world.url, userid, "password1")
        response = session.get(f"{world.url}/@@courriers-en-retard", timeout=30)
        assert response.status_code == 200
        return response.text

    html = late_page("directeur")
    assert 'id="late-service-travaux"' in html and 'id="late-service-finances"' in html
    assert "Voirie rue Haute" in html and "Dossier du personnel" in html
    assert "Facture ORES" in html
    assert "Échéance aujourd" not in html and "Ancien dossier" not in html
    assert "<strong>3</strong>" in html
    html = late_page("agent")
    assert "Voirie rue Haute" in html and "Dossier du personnel" in html
    assert 'id="late-service-finances"' not in html and "Facture ORES" not in html
    html = late_page("other_agent")
    assert "Facture ORES" in html and "Voirie rue Haute" not in html
    assert "Dossier du personnel" not in html
    html = late_page("member")
    assert "Aucun courrier en retard." in html
    # The dashboard links to it.
    session = browser_login(world.url, "agent", "password1")
    dashboard = session.get(f"{world.url}/courrier", timeout=30).text
    assert f'href="{world.url}/@@courriers-en-retard"' in dashboard


SEED = """
import sys, transaction
from datetime import date, timedelta
from pathlib import Path
from communesplone.core.instance import Instance
from communesplone.core.zopeapp import zope_app

instance = Instance(home=Path(sys.argv[1]))
instance.configure()
with zope_app(instance) as app:
    from AccessControl.SecurityManagement import newSecurityManager
    from plone import api
    from plone.dexterity.utils import createContentInContainer
    from zope.component.hooks import setSite

    site = app[sys.argv[2]]
    setSite(site)
    site.acl_users._doAddUser("seed", "mot-de-passe-1", ("Manager",), [])
    newSecurityManager(None, site.acl_users.getUser("seed").__of__(site.acl_users))
    api.user.create(email="chef@example.org", username="chef", password="mot-de-passe-1")
    api.group.add_user(groupname="secretariat_managers", username="chef")
    mail = createContentInContainer(
        site["courrier"], "IncomingMail", title="Trottoir",
        treating_service="secretariat", due_date=date.today() - timedelta(days=5),
    )
    api.content.transition(mail, transition="assign")
    transaction.commit()
"""


def test_the_cli_runs_the_pass_offline(tmp_path):
    from communesplone.testing import second_commune_profile

    home = tmp_path / "instance"
    profile = tmp_path / "premiere.json"
    profile.write_text(json.dumps(second_commune_profile() | {"site_id": "premiere"}))
    created = cli(home, "sites", "create", "premiere", "--profile", str(profile))
    assert created.returncode == 0, created.stderr
    seeded = subprocess.run(
        [str(BIN / "python"), "-c", SEED, str(home), "premiere"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert seeded.returncode == 0, seeded.stderr

    result = cli(home, "mail", "daily", "--site", "premiere")
    assert result.returncode == 0, result.stderr
    assert "premiere: 0 rappel(s), 1 escalade(s)" in result.stdout
    assert "Total : 0 rappel(s), 1 escalade(s)." in result.stdout
    again = cli(home, "mail", "daily", "--site", "premiere")
    assert "premiere: 0 rappel(s), 0 escalade(s)" in again.stdout
    # `sites daily` runs it too.
    daily = cli(home, "sites", "daily", "premiere")
    assert "premiere: communesplone.mail.deadlines: 0 rappel(s), 0 escalade(s)" in daily.stdout
    missing = cli(home, "mail", "daily")
    assert missing.returncode == 1
    assert "indiquez soit des identifiants de sites, soit --all" in missing.stderr
    unknown = cli(home, "mail", "daily", "--site", "nulle-part")
    assert unknown.returncode == 1
    assert "aucun site « nulle-part »" in unknown.stderr
