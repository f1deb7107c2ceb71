"""The follow-up of decisions: the executing service reports, the dashboard lists, the
item's page shows where the execution stands."""

from communesplone.meetings import followup
from datetime import date
from datetime import timedelta
from httphelpers import browser_login
from httphelpers import form_fields
from plone import api
from plone.app.testing import logout
from plone.protect.authenticator import createToken
from Products.statusmessages.interfaces import IStatusMessage
from zExceptions import Unauthorized

import pytest
import requests
import transaction


TODAY = date.today()


def decided(world, *specs):
    """Items presented to the meeting, then decided in session; `specs` are
    (title, fields, transition) and the clerk stays logged in."""
    items = [world.presented_item(title, **fields) for title, fields, _transition in specs]
    world.transition(world.meeting, "freeze", "start_session")
    for item, (_title, _fields, transition) in zip(items, specs, strict=True):
        world.transition(item, transition)
    return items


def accepted(world, title="Réfection de la rue Haute", **fields):
    (item,) = decided(world, (title, fields, "accept"))
    return item


def brain_of(item):
    (brain,) = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(UID=item.UID())
    return brain


def test_the_executing_service_reports_the_execution(world):
    item = accepted(world, execution_service="travaux", execution_due=TODAY + timedelta(days=10))
    world.login("agent")
    assert followup.may_report(item)

    followup.report(item, TODAY, "  Travaux réceptionnés.  ")

    assert item.execution_done == TODAY
    assert item.execution_note == "Travaux réceptionnés."
    brain = brain_of(item)
    assert brain.execution_done == TODAY and brain.execution_service == "travaux"
    catalog = api.portal.get_tool("portal_catalog")
    found = catalog.unrestrictedSearchResults(execution_done={"query": TODAY, "range": "min"})
    assert [b.UID for b in found] == [item.UID()]
    # The service's manager and the clerk may correct it.
    for userid in ("chef", "clerk"):
        world.login(userid)
        assert followup.may_report(item)
    followup.report(item, TODAY, "Corrigé par le secrétariat.")
    assert item.execution_note == "Corrigé par le secrétariat."


def test_only_the_executing_service_and_the_clerk_may_report(world):
    item = accepted(world, execution_service="finances")
    # The proposing service (travaux) reads the decision but does not execute it.
    for userid in ("agent", "chef", "echevin", "councillor", "member"):
        world.login(userid)
        assert not followup.may_report(item), userid
        with pytest.raises(Unauthorized):
            followup.report(item, TODAY, "Fait.")
    assert item.execution_done is None
    world.login("other_agent")
    assert api.user.has_permission("View", obj=item)
    followup.report(item, TODAY, "Payé.")
    assert item.execution_done == TODAY


def test_the_other_service_does_not_even_see_the_decision(world):
    item = accepted(world, execution_service="travaux")
    world.login("other_agent")
    assert not api.user.has_permission("View", obj=item)
    with pytest.raises(Unauthorized):
        followup.report(item, TODAY)
    assert followup.decisions_to_execute() == []


@pytest.mark.parametrize(
    "done, message",
    [
        (TODAY + timedelta(days=1), "La date d'exécution ne peut pas être dans le futur."),
        (
            TODAY - timedelta(days=1),
            "La date d'exécution ne peut pas précéder la décision",
        ),
        (None, "Indiquez la date d'exécution."),
    ],
)
def test_bad_dates_are_refused_and_change_nothing(world, done, message):
    item = accepted(world, execution_service="travaux")
    world.login("agent")
    with pytest.raises(followup.FollowUpError) as refusal:
        followup.report(item, done, "Fait.")
    assert isinstance(refusal.value, ValueError)
    assert message in str(refusal.value)
    assert item.execution_done is None and item.execution_note is None
    assert brain_of(item).execution_done is None


def test_the_decision_date_is_the_session_or_its_record_whichever_first(world):
    item = accepted(world, execution_service="travaux")
    # The session is dated next week, the decision was recorded today: today counts.
    assert world.meeting.start.date() > TODAY
    assert followup.decided_on(item) == TODAY
    # A session held three days ago, its decisions recorded today: the session counts.
    world.meeting.start = world.meeting.start - timedelta(days=10)
    assert followup.decided_on(item) == TODAY - timedelta(days=3)
    world.login("agent")
    followup.report(item, TODAY - timedelta(days=3))
    assert item.execution_done == TODAY - timedelta(days=3)


def test_items_not_accepted_are_refused(world):
    frozen = world.presented_item("Point gelé", execution_service="travaux")
    refused, without_service = decided(
        world,
        ("Point refusé", {"execution_service": "travaux"}, "refuse"),
        ("Point sans exécutant", {}, "accept"),
    )
    assert api.content.get_state(frozen) == "frozen"
    # Holding the role (executing service) is not enough: the item must be accepted.
    world.login("agent")
    for item in (frozen, refused):
        assert not followup.may_report(item)
        with pytest.raises(followup.FollowUpError, match="Seule une décision acceptée"):
            followup.report(item, TODAY)
    world.login("clerk")
    assert not followup.may_report(without_service)
    with pytest.raises(followup.FollowUpError, match="pas de service chargé de l'exécution"):
        followup.report(without_service, TODAY)
    for item in (frozen, refused, without_service):
        assert item.execution_done is None


def follow(service, due_in_days):
    return {"execution_service": service, "execution_due": TODAY + timedelta(due_in_days)}


@pytest.fixture
def decisions(world):
    """Late (travaux), to execute (finances), executed though due before (travaux),
    refused, and accepted with no executing service: only the first three are followed."""
    items = decided(
        world,
        ("Voirie", follow("travaux", -1), "accept"),
        ("Budget", follow("finances", 30), "accept_amended"),
        ("Éclairage", follow("travaux", -2), "accept"),
        ("Refusé", follow("travaux", -5), "refuse"),
        ("Sans suivi", {}, "accept"),
    )
    world.login("agent")
    followup.report(items[2], TODAY, "Luminaires posés.")
    return dict(zip(("late", "todo", "done", "refused", "unfollowed"), items, strict=True))


def titles(rows):
    return [row["title"] for row in rows]


def test_the_dashboard_lists_the_decisions_the_user_may_see(world, decisions):
    world.login("clerk")
    rows = followup.decisions_to_execute()
    # Earliest due first; the refused one and the one without a service are not followed.
    assert titles(rows) == ["Éclairage", "Voirie", "Budget"]
    by_title = {row["title"]: row for row in rows}
    assert by_title["Voirie"]["late"] is True
    assert by_title["Voirie"]["service_title"] == "Travaux"
    assert by_title["Voirie"]["url"] == decisions["late"].absolute_url()
    assert by_title["Budget"]["late"] is False and by_title["Budget"]["done"] is None
    assert by_title["Budget"]["service_title"] == "Finances"
    # Due two days ago but executed today: not late.
    assert by_title["Éclairage"]["late"] is False and by_title["Éclairage"]["done"] == TODAY
    # The finances agent sees the decision its service executes, nothing else.
    world.login("other_agent")
    assert titles(followup.decisions_to_execute()) == ["Budget"]


def test_the_dashboard_filters(world, decisions):
    world.login("clerk")
    assert titles(followup.decisions_to_execute(service="finances")) == ["Budget"]
    assert titles(followup.decisions_to_execute(service="travaux")) == ["Éclairage", "Voirie"]
    assert titles(followup.decisions_to_execute(late=True)) == ["Voirie"]
    assert titles(followup.decisions_to_execute(done=True)) == ["Éclairage"]
    assert titles(followup.decisions_to_execute(done=False)) == ["Voirie", "Budget"]
    assert followup.decisions_to_execute(service="finances", late=True) == []


def dashboard(world, http_request, **form):
    http_request.form.update(form)
    return api.content.get_view("decisions-a-executer", world.portal, http_request)


def test_the_dashboard_page_has_tabs_with_counts(world, decisions, http_request):
    world.login("clerk")
    view = dashboard(world, http_request)
    counts = {tab["id"]: tab["count"] for tab in view.tabs()}
    assert counts == {"todo": 2, "late": 1, "done": 1}
    html = view()
    assert "Voirie" in html and "Budget" in html and "Éclairage" not in html
    assert "text-danger" in html and "En retard" in html and "Exécutées" in html

    view = dashboard(world, http_request, tab="late")
    assert titles(view.rows()) == ["Voirie"]
    assert view.rows()[0]["due_text"] == (TODAY - timedelta(1)).strftime("%d/%m/%Y")
    view = dashboard(world, http_request, tab="done")
    html = view()
    assert "Éclairage" in html and TODAY.strftime("%d/%m/%Y") in html and "Voirie" not in html

    view = dashboard(world, http_request, tab="todo", service="finances")
    counts = {tab["id"]: tab["count"] for tab in view.tabs()}
    assert counts == {"todo": 1, "late": 0, "done": 0}
    assert titles(view.rows()) == ["Budget"]
    assert "service=finances" in view.tabs()[1]["url"]


def test_the_dashboard_is_for_logged_in_users(world, decisions, http_request):
    world.login("other_agent")
    view = dashboard(world, http_request)
    assert {tab["id"]: tab["count"] for tab in view.tabs()} == {"todo": 1, "late": 0, "done": 0}
    assert "Voirie" not in view()
    logout()
    with pytest.raises(Unauthorized):
        dashboard(world, http_request)()


def item_page(item, http_request):
    return api.content.get_view("point", item, http_request)()


def test_the_item_page_shows_the_follow_up(world, decisions, http_request):
    world.login("agent")
    html = item_page(decisions["late"], http_request)
    assert "Suivi de la décision" in html and "Travaux" in html
    assert (TODAY - timedelta(1)).strftime("%d/%m/%Y") in html and "En retard" in html
    assert 'id="item-followup-form"' in html and "@@suivi-execution" in html
    html = item_page(decisions["done"], http_request)
    assert "Luminaires posés." in html and "En retard" not in html
    # Who may not report reads the block without the form; no block without follow-up.
    world.login("echevin")  # a college member reads the decision
    html = item_page(decisions["late"], http_request)
    assert "Suivi de la décision" in html and 'id="item-followup-form"' not in html
    world.login("clerk")
    assert "Suivi de la décision" not in item_page(decisions["unfollowed"], http_request)
    html = item_page(decisions["refused"], http_request)
    assert "Suivi de la décision" in html and 'id="item-followup-form"' not in html


def post_report(item, http_request, **form):
    http_request.method = "POST"
    http_request.form.update({"_authenticator": createToken(), **form})
    api.content.get_view("suivi-execution", item, http_request)()
    return [(m.type, m.message) for m in IStatusMessage(http_request).show()]


def test_reporting_through_the_button(world, decisions, http_request):
    item = decisions["late"]
    world.login("agent")
    messages = post_report(item, http_request, done=TODAY.isoformat(), note="Rue rouverte.")
    assert messages == [("info", "Exécution de la décision enregistrée.")]
    assert http_request.response.getHeader("Location") == item.absolute_url()
    assert item.execution_done == TODAY and item.execution_note == "Rue rouverte."


@pytest.mark.parametrize(
    "done, message",
    [
        ((TODAY + timedelta(1)).isoformat(), "La date d'exécution ne peut pas être dans le futur."),
        ("demain", "Indiquez la date d'exécution (jj/mm/aaaa)."),
    ],
)
def test_a_refused_report_through_the_button_says_why(
    world, decisions, http_request, done, message
):
    item = decisions["todo"]
    world.login("other_agent")
    messages = post_report(item, http_request, done=done, note="Payé.")
    assert messages == [("error", message)]
    assert item.execution_done is None and item.execution_note is None


def test_the_button_wants_a_post_and_the_permission(world, decisions, http_request):
    item = decisions["late"]
    world.login("agent")
    http_request.form.update({"done": TODAY.isoformat()})
    api.content.get_view("suivi-execution", item, http_request)()
    assert http_request.response.getStatus() == 405
    assert item.execution_done is None
    world.login("echevin")  # reads the decision, does not execute it
    assert api.user.has_permission("View", obj=item)
    with pytest.raises(Unauthorized):
        post_report(item, http_request, done=TODAY.isoformat())
    assert item.execution_done is None


def test_follow_up_indexes_upgrade(world):
    item = accepted(world, execution_service="travaux", execution_due=TODAY + timedelta(7))
    world.login("agent")
    followup.report(item, TODAY)
    catalog = api.portal.get_tool("portal_catalog")
    setup = api.portal.get_tool("portal_setup")
    for name in followup.FOLLOW_UP_INDEXES:
        catalog.delIndex(name)
        catalog.delColumn(name)
    setup.setLastVersionForProfile("communesplone.meetings:default", "20261128005")

    setup.upgradeProfile("communesplone.meetings:default")

    assert setup.getLastVersionForProfile("communesplone.meetings:default") == (
        setup.getVersionForProfile("communesplone.meetings:default"),
    )
    (brain,) = catalog.unrestrictedSearchResults(execution_service="travaux")
    assert item.UID() == brain.UID
    assert brain.execution_due == TODAY + timedelta(7) and brain.execution_done == TODAY
    found = catalog.unrestrictedSearchResults(execution_due={"query": TODAY, "range": "min"})
    assert [b.UID for b in found] == [item.UID()]


def test_reporting_over_http(http_world):
    world = http_world
    item = accepted(world, "Voirie", **follow("travaux", -1))
    transaction.commit()
    item_url = item.absolute_url().replace("http://nohost/plone", world.url)
    session = browser_login(world.url, "agent", "password1")
    page = session.get(item_url, timeout=30).text
    assert "Suivi de la décision" in page and "En retard" in page
    fields = form_fields(page, "item-followup-form")
    response = session.post(
        f"{item_url}/@@suivi-execution",
        data={**fields, "done": TODAY.isoformat(), "note": "Rue rouverte."},
        timeout=30,
    )
    assert response.url == item_url
    assert "Exécution de la décision enregistrée." in response.text
    assert "Rue rouverte." in response.text
    dashboard_page = session.get(f"{world.url}/@@decisions-a-executer?tab=done", timeout=30)
    assert "Voirie" in dashboard_page.text
    transaction.begin()
    assert item.execution_done == TODAY

    anonymous = requests.get(f"{world.url}/@@decisions-a-executer", timeout=30)
    assert "Voirie" not in anonymous.text
    assert "login" in anonymous.url or anonymous.status_code in (401, 403)
