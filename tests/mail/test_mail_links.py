"""From an incoming mail, a Collège item or an urbanism permit: pre-filled, linked both
ways, made only by the treating service where it may add, shown only to who may read."""

from communesplone.mail import links
from conftest import build_mail_world
from httphelpers import browser_login
from httphelpers import form_fields
from plone import api
from plone.dexterity.utils import createContentInContainer
from worlds import add_assembly
from worlds import populate

import html
import pytest
import re
import transaction


def build_links_world(portal):
    """The mail world, plus the urbanism service, the Collège and the permit folder."""
    world = build_mail_world(portal)
    populate(
        portal,
        (("urbanisme", "Urbanisme"),),
        {"urb_agent": ("urbanisme_agents",), "urb_manager": ("urban_managers",)},
    )
    world.college = add_assembly(portal, categories=["Travaux"])
    world.permits = createContentInContainer(
        portal, "PermitFolder", checkConstraints=False, id="urbanisme", title="Urbanisme"
    )
    return world


@pytest.fixture
def world(portal):
    return build_links_world(portal)


@pytest.fixture
def http_links(functional):
    from httphelpers import committed_world

    return committed_world(functional, build_links_world)


def sender(world):
    return createContentInContainer(
        world.portal, "Organization", checkConstraints=False, title="Famille Lemaire"
    )


def assigned(world, service="travaux", **fields):
    world.login("registrar")
    letter = world.incoming("Demande de permis de bâtir", treating_service=service, **fields)
    api.content.transition(letter, transition="assign")
    return letter


def unchanged(world, letter):
    world.login("registrar")
    assert not getattr(letter, "linked_content", None)
    catalog = api.portal.get_tool("portal_catalog")
    assert not catalog.unrestrictedSearchResults(portal_type=["MeetingItem", "Permit"])


# --- The item ----------------------------------------------------------------------


def test_the_item_is_pre_filled_and_linked_both_ways(world):
    letter = assigned(world)
    world.login("agent")
    item = links.create_item(letter, world.college)
    assert item.aq_parent == world.college and item.portal_type == "MeetingItem"
    assert item.title == "Demande de permis de bâtir"
    assert item.proposing_service == "travaux"
    assert letter.reference in item.motivation.raw
    assert api.content.get_state(item) == "draft" and item.Creator() == "agent"
    assert item.source_mail == letter.UID()
    assert letter.linked_content == [item.UID()]
    # Both pages show the link.
    assert [(row["kind"], row["title"]) for row in links.created_from(letter)] == [
        ("item", "Demande de permis de bâtir")
    ]
    assert links.source_of(item)["reference"] == letter.reference
    page = item.restrictedTraverse("@@point")()
    assert "Courrier d'origine" in html.unescape(page) and letter.reference in page
    page = letter.restrictedTraverse("@@courrier")()
    assert "Point créé" in html.unescape(page) and 'id="mail-created-from"' in page


def test_a_second_file_keeps_the_first_link(world):
    letter = assigned(world, service="urbanisme", sender=sender(world).UID())
    world.login("urb_agent")
    item = links.create_item(letter, world.college)
    permit = links.create_permit(letter, "pu")
    assert letter.linked_content == [item.UID(), permit.UID()]


# --- The permit --------------------------------------------------------------------


def test_the_permit_is_pre_filled_and_linked_both_ways(world):
    contact = sender(world)
    letter = assigned(world, service="urbanisme", sender=contact.UID())
    world.login("urb_agent")
    assert "pu" in [row["id"] for row in links.permit_procedures(letter, world.permits)]
    permit = links.create_permit(letter, "pu")
    assert permit.aq_parent == world.permits and permit.procedure == "pu"
    assert permit.title == "Demande de permis de bâtir"
    assert permit.applicants == [contact.UID()]
    assert permit.source_mail == letter.UID() and letter.linked_content == [permit.UID()]
    assert links.created_from(letter)[0]["kind"] == "permit"
    page = permit.restrictedTraverse("@@dossier")()
    assert "Courrier d'origine" in html.unescape(page) and letter.reference in page


def test_a_permit_without_sender_has_no_applicant(world):
    letter = assigned(world, service="urbanisme")
    world.login("urb_agent")
    assert links.create_permit(letter, "pu").applicants == []


# --- Who may ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "userid, allowed",
    [
        ("agent", True),
        ("chef", True),
        ("observer", False),  # reads the service's mail, does not treat it
        ("other_agent", False),  # copy service
        ("registrar", False),
        ("directeur", False),
        ("member", False),
    ],
)
def test_who_may_create_an_item(world, userid, allowed):
    letter = assigned(world, copy_services=["finances"])
    world.login(userid)
    assert links.may_create_item(letter, world.college) is allowed
    if allowed:
        assert links.create_item(letter, world.college).source_mail == letter.UID()
        return
    with pytest.raises(links.LinkRefused) as refused:
        links.create_item(letter, world.college)
    assert "Seul le service traitant" in api.portal.translate(refused.value.message)
    unchanged(world, letter)


def test_refused_before_assignment_and_once_closed(world):
    world.login("registrar")
    letter = world.incoming(treating_service="travaux")
    world.login("agent")
    with pytest.raises(links.LinkRefused):
        links.create_item(letter, world.college)
    world.login("registrar")
    api.content.transition(letter, transition="assign")
    world.login("chef")
    api.content.transition(letter, transition="close")
    with pytest.raises(links.LinkRefused) as refused:
        links.create_item(letter, world.college)
    assert "clôturé ou annulé" in api.portal.translate(refused.value.message)
    unchanged(world, letter)


def test_refused_where_the_user_may_not_add_an_item(world):
    letter = assigned(world)
    world.college.manage_permission(links.ADD_ITEM, ["Manager"], acquire=False)
    world.login("agent")
    assert not links.may_create_item(letter, world.college)
    with pytest.raises(links.LinkRefused) as refused:
        links.create_item(letter, world.college)
    assert "ajouter de point" in api.portal.translate(refused.value.message)
    unchanged(world, letter)


def test_refused_where_the_user_may_not_add_a_permit(world):
    letter = assigned(world, sender=sender(world).UID())  # treated by `travaux`
    world.login("agent")
    assert links.permit_procedures(letter, world.permits) == []
    with pytest.raises(links.LinkRefused) as refused:
        links.create_permit(letter, "pu")
    assert "ouvrir de permis" in api.portal.translate(refused.value.message)
    unchanged(world, letter)


def test_refused_for_an_unknown_permit_type(world):
    letter = assigned(world, service="urbanisme")
    world.login("urb_agent")
    with pytest.raises(links.LinkRefused) as refused:
        links.create_permit(letter, "nope")
    assert "type de permis" in api.portal.translate(refused.value.message)
    unchanged(world, letter)


def test_each_side_names_the_other_only_to_who_may_read_it(world):
    letter = assigned(world, service="urbanisme", copy_services=["finances"])
    world.login("urb_agent")
    permit = links.create_permit(letter, "pu")
    # The urban managers read every permit, not the urbanism service's mail.
    world.login("urb_manager")
    assert api.user.has_permission("View", obj=permit)
    assert links.source_of(permit) is None
    page = permit.restrictedTraverse("@@dossier")()
    assert "Courrier d'origine" not in html.unescape(page)
    # The copy service reads the mail, not the permit.
    world.login("other_agent")
    assert api.user.has_permission("View", obj=letter)
    assert links.created_from(letter) == []


# --- The buttons --------------------------------------------------------------------


def found(portal_type):
    catalog = api.portal.get_tool("portal_catalog")
    return [
        b._unrestrictedGetObject()
        for b in catalog.unrestrictedSearchResults(portal_type=portal_type)
    ]


def test_the_buttons_create_and_open_the_forms(http_links):
    world = http_links
    letter = assigned(world, service="urbanisme", sender=sender(world).UID())
    transaction.commit()
    url = f"{world.url}/courrier/{letter.getId()}"

    agent = browser_login(world.url, "urb_agent", "password1")
    page = agent.get(url).text
    assert 'id="mail-create-item"' in page and 'id="mail-create-permit"' in page
    assert 'value="pu"' in page
    assert agent.get(f"{url}/@@creer-point").status_code == 405  # GET never writes
    assert agent.get(f"{url}/@@creer-permis?procedure=pu").status_code == 405

    done = agent.post(f"{url}/@@creer-point", data=form_fields(page, "mail-create-item-form"))
    transaction.begin()
    (item,) = found("MeetingItem")
    assert done.url.rstrip("/").endswith(f"/college/{item.getId()}/edit")
    assert "Point « Demande de permis de bâtir » créé" in html.unescape(done.text)

    data = {**form_fields(page, "mail-create-permit-form"), "procedure": "pu"}
    done = agent.post(f"{url}/@@creer-permis", data=data)
    transaction.begin()
    (permit,) = found("Permit")
    assert done.url.rstrip("/").endswith(f"/urbanisme/{permit.getId()}/edit")
    assert letter.linked_content == [item.UID(), permit.UID()]

    page = html.unescape(agent.get(url).text)
    assert "Point créé" in page and "Permis créé" in page
    assert "Courrier d'origine" in html.unescape(agent.get(item.absolute_url()).text)

    # The mail office gets no button; a forced POST changes nothing; no token, no POST.
    registrar = browser_login(world.url, "registrar", "password1")
    page = registrar.get(url).text
    assert 'id="mail-create-item"' not in page and 'id="mail-create-permit"' not in page
    token = re.search(r'name="_authenticator" value="([^"]+)"', page).group(1)
    refused = registrar.post(f"{url}/@@creer-point", data={"_authenticator": token})
    assert "Seul le service traitant" in html.unescape(refused.text)
    assert agent.post(f"{url}/@@creer-point", data={}).status_code == 403
    transaction.begin()
    assert len(found("MeetingItem")) == 1
