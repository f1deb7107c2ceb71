"""« Mes points »: the work lists per role, their counts and filters, batch transitions
(all or nothing), the page over HTTP and the counts on « Mon tableau de bord »."""

from communesplone.meetings import worklists
from communesplone.meetings.browser.worklists import MyWorklistsViewlet
from communesplone.meetings.worklists import ADVICES
from communesplone.meetings.worklists import MEETINGS
from communesplone.meetings.worklists import MINE
from communesplone.meetings.worklists import TO_PRESENT
from communesplone.meetings.worklists import TO_VALIDATE
from communesplone.meetings.worklists import WorklistError
from httphelpers import browser_login
from httphelpers import form_fields
from plone import api
from plone.app.testing import logout
from zExceptions import Unauthorized

import pytest
import re
import requests
import transaction


PASSWORD = "password1"


def titles(userid, world, key, **filters):
    world.login(userid)
    return sorted(row["title"] for row in worklists.Worklists().rows(key, **filters))


def proposed(world, title, userid="agent", **fields):
    world.login(userid)
    item = world.add_item(title, **fields)
    world.transition(item, "propose")
    return item


@pytest.fixture
def desk(world):
    """A few items in each state, of both services, with one advice asked of finances."""
    world.login("agent")
    world.draft = world.add_item("Éclairage du parc", category="Travaux")
    world.voirie = proposed(world, "Voirie rue Haute", category="Travaux")
    world.trottoirs = proposed(world, "Trottoirs de la place", category="Administration générale")
    world.balayeuse = proposed(
        world, "Achat d'une balayeuse", advice_services=["finances"], category="Finances"
    )
    world.budget = proposed(
        world,
        "Modification budgétaire",
        userid="other_agent",
        proposing_service="finances",
        category="Finances",
    )
    world.egouts = world.validated_item(
        "Égouttage", category="Travaux", preferred_meeting=world.meeting.UID()
    )
    return world


def test_mine_lists_what_the_user_drafted_until_it_is_decided(desk):
    world = desk
    assert titles("agent", world, MINE) == [
        "Achat d'une balayeuse",
        "Trottoirs de la place",
        "Voirie rue Haute",
        "Éclairage du parc",
        "Égouttage",
    ]
    assert titles("other_agent", world, MINE) == ["Modification budgétaire"]
    assert titles("chef", world, MINE) == []
    # Decided: off the author's list.
    world.login("clerk")
    world.transition(world.egouts, "present")
    world.transition(world.meeting, "freeze", "start_session")
    assert "Égouttage" in titles("agent", world, MINE)  # frozen: still to follow
    world.login("clerk")
    world.transition(world.egouts, "accept")
    assert "Égouttage" not in titles("agent", world, MINE)


def test_to_validate_holds_the_proposed_items_of_the_managed_services(desk):
    world = desk
    travaux = ["Achat d'une balayeuse", "Trottoirs de la place", "Voirie rue Haute"]
    assert titles("chef", world, TO_VALIDATE) == travaux
    # The direction reviews every service.
    assert titles("directeur", world, TO_VALIDATE) == sorted(travaux + ["Modification budgétaire"])
    # Agents validate nothing; the clerk's list is unrestricted, but the workflow shows
    # proposed items to their service and the direction only.
    assert titles("agent", world, TO_VALIDATE) == []
    assert titles("other_agent", world, TO_VALIDATE) == []
    world.login("clerk")
    assert "proposing_service" not in worklists.Worklists().query(TO_VALIDATE)
    assert titles("clerk", world, TO_VALIDATE) == []


def test_to_present_is_the_clerks_list_of_validated_items(desk):
    world = desk
    assert titles("clerk", world, TO_PRESENT) == ["Égouttage"]
    # The chef sees the validated item but presenting is not theirs: empty list.
    world.login("chef")
    assert api.content.find(UID=world.egouts.UID())
    assert titles("chef", world, TO_PRESENT) == []
    assert titles("directeur", world, TO_PRESENT) == []


def test_advices_to_give_are_the_services_asked(desk):
    world = desk
    assert titles("other_agent", world, ADVICES) == ["Achat d'une balayeuse"]
    assert titles("agent", world, ADVICES) == []
    assert titles("clerk", world, ADVICES) == []
    from communesplone.meetings import advices

    world.login("other_agent")
    advices.give(world.balayeuse, "finances", "favorable")
    assert titles("other_agent", world, ADVICES) == []


def test_next_meetings_are_those_the_user_may_see(desk):
    world = desk
    world.login("clerk")
    later = world.add_meeting(days=14)
    world.add_meeting(days=-7)  # past: not listed
    world.login("clerk")
    rows = worklists.Worklists().rows(MEETINGS)
    assert [row["title"] for row in rows] == [world.meeting.Title(), later.Title()]
    assert rows[0]["state_title"] == "En création"
    assert re.fullmatch(r"\d\d/\d\d/\d{4} 09:00", rows[0]["start"])
    # Created meetings are the clerk's only; a frozen one is read by the assembly.
    assert titles("agent", world, MEETINGS) == []
    assert titles("echevin", world, MEETINGS) == []
    world.login("clerk")
    world.transition(world.meeting, "freeze")
    world.login("echevin")
    (row,) = worklists.Worklists().rows(MEETINGS)
    assert (row["title"], row["state_title"]) == (world.meeting.Title(), "Gelée")


def test_rows_come_from_metadata_with_titles(desk):
    world = desk
    world.login("agent")
    lists = worklists.Worklists()
    rows = {row["title"]: row for row in lists.rows(MINE)}
    voirie = rows["Voirie rue Haute"]
    assert voirie["uid"] == world.voirie.UID()
    assert voirie["url"] == world.voirie.absolute_url()
    assert (voirie["service_title"], voirie["category"]) == ("Travaux", "Travaux")
    assert voirie["state_title"] == "Proposé au chef de service"
    assert rows["Éclairage du parc"]["state_title"] == "En création"
    # The preferred meeting, then the meeting it is presented to.
    assert rows["Égouttage"]["meeting_title"] == world.meeting.Title()
    assert not rows["Égouttage"]["presented"]
    assert voirie["meeting_title"] == ""
    world.login("clerk")
    world.transition(world.egouts, "present")
    world.login("agent")
    rows = {row["title"]: row for row in worklists.Worklists().rows(MINE)}
    assert rows["Égouttage"]["presented"] and rows["Égouttage"]["state_title"] == (
        "Présenté à une séance"
    )


def test_counts_are_taken_before_the_filters(desk):
    world = desk
    world.login("agent")
    assert worklists.Worklists().counts() == {
        MINE: 5,
        TO_VALIDATE: 0,
        TO_PRESENT: 0,
        ADVICES: 0,
        MEETINGS: 0,
    }
    world.login("other_agent")
    assert worklists.Worklists().counts()[ADVICES] == 1
    world.login("clerk")
    counts = worklists.Worklists().counts()
    assert (counts[TO_PRESENT], counts[MEETINGS], counts[MINE]) == (1, 1, 0)
    world.login("directeur")
    lists = worklists.Worklists()
    assert lists.counts()[TO_VALIDATE] == 4
    assert len(lists.rows(TO_VALIDATE, text="voirie")) == 1
    assert lists.counts()[TO_VALIDATE] == 4


def test_filters_by_text_service_and_category(desk):
    world = desk
    # Case and accents do not matter.
    assert titles("agent", world, MINE, text="ECLAIRAGE") == ["Éclairage du parc"]
    assert titles("agent", world, MINE, text="égout") == ["Égouttage"]
    assert titles("agent", world, MINE, text="  ") == titles("agent", world, MINE)
    assert titles("directeur", world, TO_VALIDATE, service="finances") == [
        "Modification budgétaire"
    ]
    assert titles("directeur", world, TO_VALIDATE, category="Finances") == [
        "Achat d'une balayeuse",
        "Modification budgétaire",
    ]
    assert titles("directeur", world, TO_VALIDATE, service="travaux", category="Finances") == [
        "Achat d'une balayeuse"
    ]
    assert titles("directeur", world, TO_VALIDATE, text="zzz") == []
    world.login("directeur")
    lists = worklists.Worklists()
    assert lists.categories(TO_VALIDATE) == ["Administration générale", "Finances", "Travaux"]
    assert [s["code"] for s in lists.service_options()] == ["finances", "travaux"]


def test_the_chef_validates_two_items_at_once(desk):
    world = desk
    world.login("chef")
    done = worklists.transition_many(
        [world.voirie.UID(), world.trottoirs.UID()], "validate", "Vu, d'accord."
    )
    assert done == 2
    assert api.content.get_state(world.voirie) == "validated"
    assert api.content.get_state(world.trottoirs) == "validated"
    history = world.voirie.workflow_history["communesplone_item_workflow"][-1]
    assert (history["actor"], history["comments"]) == ("chef", "Vu, d'accord.")
    assert titles("chef", world, TO_VALIDATE) == ["Achat d'une balayeuse"]
    assert titles("clerk", world, TO_PRESENT) == [
        "Trottoirs de la place",
        "Voirie rue Haute",
        "Égouttage",
    ]


def test_one_item_the_user_may_not_move_refuses_the_batch(desk):
    world = desk
    world.login("chef")
    # Égouttage is validated already: the chef reads it but may not validate it.
    with pytest.raises(WorklistError, match="« Égouttage »") as refused:
        worklists.transition_many([world.voirie.UID(), world.egouts.UID()], "validate")
    assert "rien n'a été fait" in str(refused.value)
    assert "Voirie" not in str(refused.value)
    assert api.content.get_state(world.voirie) == "proposed"
    # An item of another service is not even readable: refused without its title.
    with pytest.raises(WorklistError, match="pas accessible") as hidden:
        worklists.transition_many([world.voirie.UID(), world.budget.UID()], "validate")
    assert "budgétaire" not in str(hidden.value)
    assert api.content.get_state(world.voirie) == "proposed"
    assert api.content.get_state(world.budget) == "proposed"
    # The agent may not validate at all.
    world.login("agent")
    with pytest.raises(WorklistError, match="Action « Valider » impossible"):
        worklists.transition_many([world.voirie.UID()], "validate")
    assert api.content.get_state(world.voirie) == "proposed"


def test_send_back_needs_a_comment(desk):
    world = desk
    world.login("chef")
    uids = [world.voirie.UID(), world.trottoirs.UID()]
    with pytest.raises(WorklistError, match="Indiquez pourquoi le point est renvoyé"):
        worklists.transition_many(uids, "send_back", "   ")
    assert api.content.get_state(world.voirie) == "proposed"
    assert api.content.get_state(world.trottoirs) == "proposed"
    assert worklists.transition_many(uids, "send_back", "Joindre le devis.") == 2
    assert api.content.get_state(world.voirie) == "draft"
    assert api.content.get_state(world.trottoirs) == "draft"


def test_a_refusal_by_the_workflow_midway_undoes_the_items_moved(desk):
    world = desk
    world.college.mandatory_advices = [{"category": "Finances", "service": "finances"}]
    world.login("agent")
    caisse = proposed(world, "Caisse de menues dépenses", category="Finances")
    world.login("chef")
    # Voirie would validate; the other lacks the mandatory advice of Finances.
    with pytest.raises(WorklistError, match="Avis obligatoire manquant"):
        worklists.transition_many([world.voirie.UID(), caisse.UID()], "validate")
    assert api.content.get_state(world.voirie) == "proposed"
    assert api.content.get_state(caisse) == "proposed"
    assert titles("chef", world, TO_VALIDATE).count("Voirie rue Haute") == 1


def test_batch_asks_for_items_and_an_action(desk):
    world = desk
    world.login("chef")
    with pytest.raises(WorklistError, match="Cochez au moins un point"):
        worklists.transition_many([], "validate")
    with pytest.raises(WorklistError, match="Choisissez une action"):
        worklists.transition_many([world.voirie.UID()], "")
    with pytest.raises(WorklistError, match="impossible"):
        worklists.transition_many([world.voirie.UID()], "accept")
    logout()
    with pytest.raises(WorklistError, match="Connectez-vous"):
        worklists.transition_many([world.voirie.UID()], "validate")
    world.login("chef")
    assert api.content.get_state(world.voirie) == "proposed"


def test_the_page_shows_tabs_filters_and_the_batch_form(desk, http_request):
    world = desk
    world.login("chef")
    http_request.form.update({"liste": TO_VALIDATE, "text": "voirie"})
    view = api.content.get_view("mes-points", world.portal, http_request)
    html = view()
    assert 'id="worklists-batch"' in html and 'name="_authenticator"' in html
    assert "Voirie rue Haute" in html and "Trottoirs" not in html
    assert re.search(r'id="worklist-a-valider".*?>\s*3</span>', html, re.S)
    assert [(t["id"], t["count"]) for t in view.tabs()] == [
        (MINE, 0),
        (TO_VALIDATE, 3),
        (TO_PRESENT, 0),
        (ADVICES, 0),
        (MEETINGS, 0),
    ]
    assert [t["id"] for t in view.transitions()] == ["validate", "send_back"]
    assert "Renvoyer à l'auteur" in html
    logout()
    with pytest.raises(Unauthorized):
        api.content.get_view("mes-points", world.portal, http_request)()


def test_the_advices_and_meetings_tabs_offer_no_batch(desk, http_request):
    world = desk
    world.login("other_agent")
    http_request.form.update({"liste": ADVICES})
    view = api.content.get_view("mes-points", world.portal, http_request)
    html = view()
    assert "Achat d'une balayeuse" in html
    assert view.transitions() == [] and 'name="uids:list"' not in html
    world.login("clerk")
    http_request.form.update({"liste": MEETINGS})
    html = api.content.get_view("mes-points", world.portal, http_request)()
    assert 'id="worklists-meetings"' in html and world.meeting.Title() in html
    assert 'id="worklists-batch"' not in html


def test_the_dashboard_part_counts_and_links_the_lists(desk, http_request):
    world = desk
    world.login("other_agent")
    viewlet = MyWorklistsViewlet(world.portal, http_request, None, None)
    viewlet.update()
    assert viewlet.available
    counts = {row["id"]: row["count"] for row in viewlet.lists}
    assert (counts[MINE], counts[ADVICES]) == (1, 1)
    urls = {row["id"]: row["url"] for row in viewlet.lists}
    assert urls[ADVICES] == f"{world.portal.absolute_url()}/@@mes-points?liste=avis-a-donner"
    html = viewlet.render()
    assert 'id="dashboard-worklist-avis-a-donner"' in html
    # Nothing to do: no part.
    world.login("member")
    viewlet = MyWorklistsViewlet(world.portal, http_request, None, None)
    viewlet.update()
    assert not viewlet.available


# Over HTTP


def page_url(world, key):
    return f"{world.url}/@@mes-points?liste={key}"


def test_the_chef_validates_from_the_page_with_the_token(http_world):
    world = http_world
    voirie = proposed(world, "Voirie rue Haute")
    trottoirs = proposed(world, "Trottoirs de la place")
    transaction.commit()
    session = browser_login(world.url, "chef", PASSWORD)
    page = session.get(page_url(world, TO_VALIDATE), timeout=30)
    assert page.status_code == 200 and "Voirie rue Haute" in page.text
    fields = form_fields(page.text, "worklists-batch")
    assert fields["liste"] == TO_VALIDATE and fields["_authenticator"]
    action = f"{world.url}/@@mes-points-action"
    data = {**fields, "transition": "validate", "uids:list": [voirie.UID(), trottoirs.UID()]}

    # A GET acts on nothing, nor does a POST without the token.
    assert session.get(action, timeout=30).status_code == 405
    forged = session.post(action, data={k: v for k, v in data.items() if k != "_authenticator"})
    assert forged.status_code in (400, 403)
    transaction.begin()
    assert api.content.get_state(voirie) == "proposed"

    response = session.post(action, data=data, allow_redirects=False, timeout=30)
    assert response.status_code == 302
    assert response.headers["Location"] == page_url(world, TO_VALIDATE)
    page = session.get(response.headers["Location"], timeout=30).text
    assert "2 point(s) traité(s) : Valider." in page
    assert "Aucun point dans cette liste." in page
    transaction.begin()
    assert api.content.get_state(voirie) == "validated"
    assert api.content.get_state(trottoirs) == "validated"


def test_a_refused_batch_over_http_changes_nothing(http_world):
    world = http_world
    voirie = proposed(world, "Voirie rue Haute")
    egouts = world.validated_item("Égouttage")
    transaction.commit()
    session = browser_login(world.url, "chef", PASSWORD)
    page = session.get(page_url(world, TO_VALIDATE), timeout=30).text
    fields = form_fields(page, "worklists-batch")
    response = session.post(
        f"{world.url}/@@mes-points-action",
        data={**fields, "transition": "validate", "uids:list": [voirie.UID(), egouts.UID()]},
        timeout=30,
    )
    assert response.url == page_url(world, TO_VALIDATE)
    assert "Action « Valider » impossible pour « Égouttage » : rien n'a été fait." in (
        response.text
    )
    no_comment = session.post(
        f"{world.url}/@@mes-points-action",
        data={**fields, "transition": "send_back", "uids:list": [voirie.UID()]},
        timeout=30,
    )
    assert "Indiquez pourquoi le point est renvoyé" in no_comment.text
    transaction.begin()
    assert api.content.get_state(voirie) == "proposed"
    assert api.content.get_state(egouts) == "validated"


def test_anonymous_has_no_lists(http_world):
    world = http_world
    response = requests.get(page_url(world, MINE), allow_redirects=False, timeout=30)
    assert response.status_code in (302, 401, 403)
    if response.status_code == 302:
        assert "login" in response.headers["Location"]
    post = requests.post(f"{world.url}/@@mes-points-action", allow_redirects=False, timeout=30)
    assert post.status_code in (302, 401, 403)


def test_the_dashboard_links_to_the_lists(http_world):
    world = http_world
    proposed(world, "Voirie rue Haute")
    transaction.commit()
    home = browser_login(world.url, "chef", PASSWORD).get(
        f"{world.url}/tableau-de-bord", timeout=30
    )
    assert 'id="dashboard-worklists"' in home.text
    link = re.search(r'<a href="([^"]+)"\s+id="dashboard-worklist-a-valider"', home.text)
    assert link and link.group(1).endswith("/@@mes-points?liste=a-valider")
    assert re.search(r'id="dashboard-worklist-a-valider".*?badge bg-primary">1<', home.text, re.S)
    # The member has nothing to do: no part at all.
    home = browser_login(world.url, "member", PASSWORD).get(
        f"{world.url}/tableau-de-bord", timeout=30
    )
    assert 'id="dashboard-worklists"' not in home.text


def test_the_clerk_presents_validated_items_at_once(desk):
    world = desk
    other = world.validated_item("Plan de mobilité", category="Travaux")
    world.login("clerk")
    assert worklists.transition_many([world.egouts.UID(), other.UID()], "present") == 2
    assert list(world.meeting.agenda) == [world.egouts.UID(), other.UID()]
    assert titles("clerk", world, TO_PRESENT) == []
