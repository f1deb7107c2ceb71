"""Assembly settings: ordering rules, text types per category, and their validation."""

from communesplone.meetings.content.assembly import IAssembly
from plone import api
from zope.interface import Invalid

import pytest


def present_all(world, *items):
    world.login("clerk")
    for item in items:
        world.transition(item, "present")


def titles(meeting):
    from communesplone.meetings.agenda import agenda_brains

    return [b.Title for b in agenda_brains(meeting, restricted=False)]


def test_service_before_category_when_the_assembly_says_so(world):
    world.college.ordering_rules = ["proposing_service", "category"]
    # Services sort by title: Finances before Travaux, whatever the categories say.
    works = world.validated_item("Voirie", category="Administration générale")
    world.login("other_agent")
    budget = world.add_item("Budget", category="Finances", proposing_service="finances")
    world.transition(budget, "propose")
    world.login("directeur")
    world.transition(budget, "validate")
    present_all(world, works, budget)
    assert titles(world.meeting) == ["Budget", "Voirie"]


def test_default_rules_put_the_category_first(world):
    works = world.validated_item("Voirie", category="Administration générale")
    world.login("other_agent")
    budget = world.add_item("Budget", category="Finances", proposing_service="finances")
    world.transition(budget, "propose")
    world.login("directeur")
    world.transition(budget, "validate")
    present_all(world, works, budget)
    assert titles(world.meeting) == ["Voirie", "Budget"]


def test_no_rule_keeps_the_order_of_presentation_but_huis_clos_stays_last(world):
    world.college.ordering_rules = []
    items = [
        world.validated_item("Zèbre", privacy="secret"),
        world.validated_item("Voirie", category="Finances"),
        world.validated_item("Agenda", category="Travaux"),
    ]
    present_all(world, *items)
    assert titles(world.meeting) == ["Voirie", "Agenda", "Zèbre"]


def test_resorting_keeps_late_items_after_the_others(world):
    from communesplone.meetings import agenda

    normal = world.presented_item("Voirie", category="Travaux")
    world.transition(world.meeting, "freeze")
    late = world.validated_item("Urgence", category="Administration générale")
    present_all(world, late)
    world.meeting.writable_agenda().reverse()
    agenda.sort_by_rules(world.meeting)
    assert list(world.meeting.agenda) == [normal.UID(), late.UID()]


def test_an_assembly_made_before_the_rules_existed_uses_the_defaults(world):
    assert "ordering_rules" not in world.college.__dict__  # as stored by an older version
    assert world.college.ordering() == ["list_type", "category", "proposing_service"]


def test_a_new_item_takes_the_text_types_of_its_category(world):
    world.college.motivation_templates = {"Finances": "Vu le CDLD ;\n\nVu le budget ;"}
    world.college.decision_templates = {"Finances": "Approuve la dépense."}
    world.login("agent")
    item = world.add_item("Budget", category="Finances")
    assert item.motivation.raw == "<p>Vu le CDLD ;</p><p>Vu le budget ;</p>"
    assert item.decision.raw == "<p>Approuve la dépense.</p>"
    other = world.add_item("Voirie", category="Travaux")
    assert other.motivation is None and other.decision is None


def test_a_text_given_by_the_author_is_kept(world):
    from plone.app.textfield.value import RichTextValue

    world.college.decision_templates = {"Finances": "Approuve la dépense."}
    world.login("agent")
    own = RichTextValue("<p>Refuse.</p>", "text/html", "text/x-html-safe")
    item = world.add_item("Budget", category="Finances", decision=own)
    assert item.decision.raw == "<p>Refuse.</p>"


def test_choosing_the_category_later_fills_the_empty_texts(world):
    from zope.event import notify
    from zope.lifecycleevent import ObjectModifiedEvent

    world.college.decision_templates = {"Finances": "Approuve la dépense <ordinaire>."}
    world.login("agent")
    item = world.add_item("Budget")
    assert item.decision is None
    item.category = "Finances"
    notify(ObjectModifiedEvent(item))
    # Text types are plain text: markup typed in them is shown, not interpreted.
    assert item.decision.raw == "<p>Approuve la dépense &lt;ordinaire&gt;.</p>"


def test_text_types_must_name_known_categories(world):
    class Data:
        categories = ["Finances"]
        motivation_templates = {"Finanses": "Vu…"}
        decision_templates = {}
        ordering_rules = []

    with pytest.raises(Invalid) as error:
        IAssembly.validateInvariants(Data())
    assert "Finanses" in api.portal.translate(error.value.args[0])

    Data.motivation_templates = {"Finances": "Vu…"}
    Data.ordering_rules = ["title", "title"]
    with pytest.raises(Invalid, match="qu'une fois"):
        IAssembly.validateInvariants(Data())

    Data.ordering_rules = ["title"]
    IAssembly.validateInvariants(Data())  # nothing raised: a valid setting


def test_new_communes_get_text_types_for_the_minutes(tenants):
    from communesplone.core.tenants.sites import on_site

    with on_site(tenants["app"]["valmont"]):
        assemblies = [b.getObject() for b in api.content.find(portal_type="Assembly")]
        (council,) = [a for a in assemblies if a.kind == "council"]
        assert council.default_text("decision", "Approbation du procès-verbal") == (
            "Le procès-verbal de la séance précédente est approuvé."
        )
        for assembly in assemblies:
            assert set(assembly.motivation_templates) <= set(assembly.categories)
            assert set(assembly.decision_templates) <= set(assembly.categories)
