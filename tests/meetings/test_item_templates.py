"""Item templates: listed per service, a draft item made from one, refusals, over HTTP."""

from communesplone.meetings import item_templates
from communesplone.meetings.content.assembly import IAssembly
from communesplone.meetings.item_templates import TemplateError
from httphelpers import browser_login
from httphelpers import form_fields
from plone import api
from zope.interface import Invalid

import pytest
import requests
import transaction


PURCHASE = "Marché de fournitures : approbation des conditions"
SUBSIDY = "Octroi d'un subside"
MINUTES = "Approbation du procès-verbal"

TEMPLATES = [
    {
        "title": PURCHASE,
        "service": "travaux",
        "category": "Travaux",
        "privacy": "public",
        "motivation": "<p>Vu le Code de la démocratie locale ;</p>",
        "decision": "<p>Article 1er : les conditions du marché sont approuvées.</p>",
    },
    {
        "title": SUBSIDY,
        "service": "finances",
        "category": "Finances",
        "privacy": "secret",
        "motivation": "",
        "decision": "<p>Un subside est octroyé.</p>",
    },
    {
        "title": MINUTES,
        "service": None,
        "category": "Administration générale",
        "privacy": "public",
    },
]


def titles(rows):
    return [row["title"] for row in rows]


def college_items(world):
    """Every item of the Collège, whoever may see it (drafts are their authors' only)."""
    catalog = api.portal.get_tool("portal_catalog")
    return catalog.unrestrictedSearchResults(
        portal_type="MeetingItem", path="/".join(world.college.getPhysicalPath())
    )


@pytest.fixture
def templated(world):
    world.college.item_templates = [dict(row) for row in TEMPLATES]
    return world


def test_each_user_sees_the_templates_of_their_services(templated):
    world = templated
    world.login("agent")
    assert titles(item_templates.available_templates(world.college)) == [PURCHASE, MINUTES]
    world.login("other_agent")
    assert titles(item_templates.available_templates(world.college)) == [SUBSIDY, MINUTES]
    world.login("clerk")  # drafts for every service
    assert titles(item_templates.available_templates(world.college)) == [
        PURCHASE,
        SUBSIDY,
        MINUTES,
    ]


def test_an_item_made_from_a_template_is_the_users_draft(templated):
    world = templated
    world.login("agent")
    item = item_templates.create_from_template(world.college, PURCHASE)
    assert item.aq_parent == world.college
    assert item.title == PURCHASE
    assert item.stored_service == "travaux"
    assert item.category == "Travaux"
    assert item.privacy == "public"
    assert item.motivation.raw == "<p>Vu le Code de la démocratie locale ;</p>"
    assert item.decision.raw == "<p>Article 1er : les conditions du marché sont approuvées.</p>"
    assert api.content.get_state(item) == "draft"
    assert item.getOwner().getId() == "agent"
    assert item.listCreators() == ("agent",)
    assert api.user.has_permission("Modify portal content", obj=item)
    # The author goes on as with any item.
    world.transition(item, "propose")
    assert api.content.get_state(item) == "proposed"


def test_a_template_for_all_services_takes_the_users_service(templated):
    world = templated
    world.login("other_agent")
    item = item_templates.create_from_template(world.college, MINUTES)
    assert item.stored_service == "finances"
    assert item.category == "Administration générale"
    assert item.motivation is None and item.decision is None
    secret = item_templates.create_from_template(world.college, SUBSIDY)
    assert secret.privacy == "secret"
    assert secret.stored_service == "finances"


def test_the_category_text_types_complete_an_empty_motivation(templated):
    world = templated
    world.college.motivation_templates = {"Finances": "Vu le budget ;"}
    world.login("other_agent")
    item = item_templates.create_from_template(world.college, SUBSIDY)
    assert item.motivation.raw == "<p>Vu le budget ;</p>"
    assert item.decision.raw == "<p>Un subside est octroyé.</p>"


@pytest.mark.parametrize(
    "userid, template, message",
    [
        ("agent", SUBSIDY, "réservé au service Finances"),
        ("agent", "Modèle inconnu", "n'existe pas"),
        ("agent", "", "n'existe pas"),
        ("councillor", MINUTES, "ne pouvez pas créer de point"),
        ("member", MINUTES, "ne pouvez pas créer de point"),
    ],
)
def test_refusals_create_nothing(templated, userid, template, message):
    world = templated
    world.login(userid)
    with pytest.raises(TemplateError, match=message):
        item_templates.create_from_template(world.college, template)
    assert list(college_items(world)) == []


def test_a_template_of_another_assembly_is_unknown_here(templated):
    world = templated
    world.login("agent")
    with pytest.raises(TemplateError, match="n'existe pas"):
        item_templates.create_from_template(world.council, PURCHASE)


def test_the_form_checks_categories_and_titles():
    class Data:
        categories = ["Travaux"]
        ordering_rules = []
        recurring_items = [{"title": "PV", "category": "Travaux"}]
        item_templates = [{"title": "Marché", "category": "Travaux"}]

    data = Data()
    IAssembly.validateInvariants(data)
    data.recurring_items = [{"title": "PV", "category": "Urbanisme"}]
    with pytest.raises(Invalid, match="catégorie inconnue"):
        IAssembly.validateInvariants(data)
    data.recurring_items = []
    data.item_templates = [{"title": "Marché"}, {"title": "Marché"}]
    with pytest.raises(Invalid, match="même titre"):
        IAssembly.validateInvariants(data)


def test_the_page_lists_the_users_templates(templated, http_request):
    world = templated
    world.login("councillor")
    assert not item_templates.may_add_item(world.college)
    world.login("agent")
    assert item_templates.may_add_item(world.college)
    view = api.content.get_view("nouveau-point", world.college, http_request)
    assert [row["title"] for row in view.templates()] == [PURCHASE, MINUTES]
    page = view()
    assert PURCHASE in page and SUBSIDY not in page
    assert 'id="item-templates-form"' in page


def test_the_post_makes_the_item_and_opens_its_form(http_world):
    world = http_world
    world.college.item_templates = [dict(row) for row in TEMPLATES]
    transaction.commit()
    session = browser_login(world.url, "agent", "password1")
    page_url = f"{world.url}/college/@@nouveau-point"
    page = session.get(page_url, timeout=30)
    assert page.status_code == 200
    assert PURCHASE in page.text and SUBSIDY not in page.text
    fields = form_fields(page.text, "item-templates-form")
    action = f"{world.url}/college/@@nouveau-point-creer"

    assert session.get(action, timeout=30).status_code == 405
    forged = session.post(action, data={"template": PURCHASE}, timeout=30)
    assert forged.status_code in (400, 403)
    refused = session.post(action, data={**fields, "template": SUBSIDY}, timeout=30)
    assert refused.url.startswith(page_url)
    assert "réservé au service Finances" in refused.text
    transaction.begin()
    assert list(college_items(world)) == []

    response = session.post(action, data={**fields, "template": PURCHASE}, allow_redirects=False)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/edit"), response.headers["Location"]
    transaction.begin()
    (brain,) = college_items(world)
    assert response.headers["Location"] == f"{brain.getURL()}/edit"
    item = brain._unrestrictedGetObject()
    assert item.title == PURCHASE and item.stored_service == "travaux"
    assert api.content.get_state(item) == "draft"
    assert item.getOwner().getId() == "agent"
    form = session.get(response.headers["Location"], timeout=30)
    assert form.status_code == 200 and "Vu le Code de la démocratie locale" in form.text


def test_the_page_is_closed_to_who_cannot_add_items(http_world):
    world = http_world
    response = requests.get(
        f"{world.url}/college/@@nouveau-point",
        auth=("councillor", "password1"),
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code in (302, 401, 403)
    session = browser_login(world.url, "councillor", "password1")
    post = session.post(
        f"{world.url}/college/@@nouveau-point-creer",
        data={"template": MINUTES},
        allow_redirects=False,
        timeout=30,
    )
    assert post.status_code in (302, 401, 403)
