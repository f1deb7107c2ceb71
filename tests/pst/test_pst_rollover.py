"""A plan rolled over to the next legislature: what is carried, what is not, who may."""

from communesplone.pst import rollover
from communesplone.pst.content.plan import IStrategicPlan
from communesplone.pst.tree import walk
from datetime import date
from httphelpers import browser_login
from plone import api
from plone.dexterity.utils import createContentInContainer
from pstworld import budget

import pytest
import re
import transaction


ALDERMAN = "uid-of-an-alderman-of-the-old-college"


def build_plan(world):
    """The plan 2024-2030 half-way through, as the PST managers filled it:

    OS.1  Propreté
      OO.1.1  Dépôts clandestins
        A.1.1.1  Caméras: ongoing, everything filled, serves OO.2.1 for 40 %
          SA.1.1.1.1  Sites
        A.1.1.2  Constatateurs: terminated
    OS.2  Mobilité
      OO.2.1  Écoles
        A.2.1.1  Zones 30
    """
    world.login("pst_manager")
    world.os1 = world.objective(
        "Être une commune propre",
        description="Un cadre de vie soigné.",
        volet="external",
        categories=["Propreté"],
        sdgs=[11, 12],
        sector_plans=["pcdn"],
        priority="high",
        responsible_alderman=ALDERMAN,
        managing_services=["travaux"],
    )
    world.oo1 = world.operational(world.os1, "Réduire les dépôts clandestins")
    world.os2 = world.objective("Améliorer la mobilité", categories=["Mobilité"], public=False)
    world.oo2 = world.operational(world.os2, "Sécuriser les abords des écoles")
    world.cameras = world.action(
        world.oo1,
        "Installer des caméras",
        description="Quatre caméras mobiles.",
        categories=["Propreté"],
        priority="medium",
        responsible_alderman=ALDERMAN,
        administrative_responsible="chef_travaux",
        managing_services=["travaux"],
        agent="agent_travaux",
        planned_start=date(2025, 1, 1),
        planned_end=date(2027, 12, 31),
        effective_start=date(2025, 2, 1),
        progress_entered=40,
        progress_override=50,
        progress_override_reason="Les caméras sont commandées.",
        health="at_risk",
        health_comment="Fournisseur en retard.",
        observations="Avec la zone de police.",
        linked_items=["uid-of-a-college-item"],
        indicators=[
            {"label": "Caméras posées", "unit": "caméras", "baseline": 0.0, "target": 10.0},
            {"label": "Dépôts constatés", "unit": "par an", "baseline": 180.0, "target": 90.0},
        ],
        measurements=[
            {"indicator": "Caméras posées", "year": 2027, "value": 6.0},
            {"indicator": "Caméras posées", "year": 2025, "value": 2.0},
        ],
        budget_lines=[
            budget(2025, 30000, 12000, "wallonia"),
            budget(2030, 10000, 4000, "commune", "875/744-51"),
            budget(2032, 5000),
        ],
        own_share=60,
        transversal=[{"objective": world.oo2.UID(), "share": 40}],
    )
    api.content.transition(obj=world.cameras, transition="start")
    createContentInContainer(world.cameras, "Annex", checkConstraints=False, title="Devis")
    world.sites = world.sub_action(
        world.cameras, "Choisir les sites", managing_services=["travaux"]
    )
    world.agents = world.action(
        world.oo1, "Désigner des agents constatateurs", progress_entered=100
    )
    api.content.transition(obj=world.agents, transition="start")
    api.content.transition(obj=world.agents, transition="terminate")
    world.zones = world.action(world.oo2, "Créer des zones 30", managing_services=["finances"])
    api.content.transition(obj=world.plan, transition="adopt")


def all_uids(plan) -> set[str]:
    return {node.UID() for node, _numbers in walk(plan)}


def shape(plan) -> list[tuple]:
    return [(node.portal_type, node.reference, node.title) for node, _numbers in walk(plan)]


def plans(world) -> list:
    return [obj for obj in world.folder.objectValues() if IStrategicPlan.providedBy(obj)]


def by_title(plan) -> dict:
    return {node.title: node for node, _numbers in walk(plan)}


def snapshot(plan) -> list[dict]:
    """Every stored value of every node (to see the old plan is left as it was)."""
    return [
        {**node.__dict__, "state": api.content.get_state(node)} for node, _numbers in walk(plan)
    ]


def roll(world, **options):
    options.setdefault("keep", all_uids(world.plan))
    return rollover.roll_over(world.plan, start=2030, end=2036, title="PST 2030-2036", **options)


def test_everything_kept(pst):
    build_plan(pst)
    before = snapshot(pst.plan)
    new = roll(pst, carry_closed=True)
    assert new.__parent__ is pst.folder and new in plans(pst)
    assert (new.legislature_start, new.legislature_end, new.title) == (2030, 2036, "PST 2030-2036")
    assert new.entity == pst.plan.entity and new.categories == ["Propreté", "Mobilité"]
    assert new.categories is not pst.plan.categories
    assert api.content.get_state(new) == "draft"
    assert new.previous_plan == pst.plan.UID()
    assert new.college_adoption is None and new.council_acknowledgement is None
    # The same tree, numbered the same way.
    assert shape(new) == shape(pst.plan)
    old, carried = by_title(pst.plan), by_title(new)
    for title, node in carried.items():
        assert node.carried_from == old[title].UID()
        assert node.responsible_alderman is None  # a new legislature, a new Collège
        assert node.measurements in (None, [])
        assert node.progress_entered is None and node.progress_override is None
        assert node.planned_start is None and node.effective_start is None
        assert node.health == "good" and node.health_comment is None
        assert node.observations is None and node.linked_items in (None, [])
        assert node.budget_lines in (None, [])  # not carried by default
        assert [obj for obj in node.objectValues() if obj.portal_type == "Annex"] == []
    states = {node.title: api.content.get_state(node) for node in carried.values()}
    assert states["Être une commune propre"] == "created"
    assert states["Installer des caméras"] == "created"
    assert states["Désigner des agents constatateurs"] == "created"
    os1 = carried["Être une commune propre"]
    assert os1.description == "Un cadre de vie soigné." and os1.sdgs == [11, 12]
    assert os1.sector_plans == ["pcdn"] and os1.priority == "high"
    assert carried["Améliorer la mobilité"].public is False
    cameras = carried["Installer des caméras"]
    assert cameras.categories == ["Propreté"] and cameras.priority == "medium"
    # The people carry over, the échevin does not.
    assert cameras.managing_services == ["travaux"] and cameras.agent == "agent_travaux"
    assert cameras.administrative_responsible == "chef_travaux"
    # Indicators: the latest measured value is the new starting point.
    assert cameras.indicators == [
        {"label": "Caméras posées", "unit": "caméras", "baseline": 6.0, "target": 10.0},
        {"label": "Dépôts constatés", "unit": "par an", "baseline": 180.0, "target": 90.0},
    ]
    # The transversal action serves the new OO.2.1.
    assert cameras.transversal == [
        {"objective": carried["Sécuriser les abords des écoles"].UID(), "share": 40}
    ]
    assert cameras.own_share == 60
    served = api.content.find(pst_serves=carried["Sécuriser les abords des écoles"].UID())
    assert [brain.UID for brain in served] == [cameras.UID()]
    # Found in the catalog with their references.
    brains = api.content.find(path="/".join(new.getPhysicalPath()), pst_reference="A.1.1.1")
    assert [brain.UID for brain in brains] == [cameras.UID()]
    # The old plan is as it was.
    assert snapshot(pst.plan) == before
    assert api.content.get_state(pst.plan) == "adopted"


def test_indicator_without_measurement_keeps_its_baseline(pst):
    build_plan(pst)
    new = roll(pst)
    indicators = by_title(new)["Installer des caméras"].indicators
    assert indicators[1]["baseline"] == 180.0
    new = rollover.roll_over(
        pst.plan,
        start=2031,
        end=2036,
        title="Sans indicateurs",
        keep=all_uids(pst.plan),
        carry_indicators=False,
        carry_people=False,
    )
    cameras = by_title(new)["Installer des caméras"]
    assert cameras.indicators in (None, [])
    assert cameras.managing_services in (None, []) and cameras.agent is None
    assert cameras.administrative_responsible is None


def test_budget_only_for_the_new_legislature_years(pst):
    build_plan(pst)
    new = roll(pst, carry_budget=True)
    cameras = by_title(new)["Installer des caméras"]
    assert cameras.budget_lines == [
        {
            "year": 2030,
            "source": "commune",
            "planned": 10000,
            "spent": 0.0,
            "article": "875/744-51",
        },
        {"year": 2032, "source": "commune", "planned": 5000, "spent": 0.0, "article": ""},
    ]
    assert new.budget["planned"] == 15000 and new.budget["spent"] == 0
    assert pst.cameras.budget_lines[1]["spent"] == 4000  # the old line is untouched


def test_parts_left_out(pst):
    build_plan(pst)
    keep = all_uids(pst.plan) - {pst.os2.UID()}
    new = roll(pst, keep=keep)
    # OS.2 and all below it are gone; the terminated action too (closed are not carried).
    assert shape(new) == [
        ("StrategicObjective", "OS.1", "Être une commune propre"),
        ("OperationalObjective", "OO.1.1", "Réduire les dépôts clandestins"),
        ("Action", "A.1.1.1", "Installer des caméras"),
        ("SubAction", "SA.1.1.1.1", "Choisir les sites"),
    ]
    # OO.2.1 was not carried: the action serves its own objective only.
    cameras = by_title(new)["Installer des caméras"]
    assert cameras.transversal == [] and cameras.own_share == 100


def test_a_child_is_not_carried_without_its_parent(pst):
    build_plan(pst)
    keep = all_uids(pst.plan) - {pst.oo1.UID()}
    new = roll(pst, keep=keep, carry_closed=True)
    titles = set(by_title(new))
    assert "Être une commune propre" in titles
    assert not titles & {"Réduire les dépôts clandestins", "Installer des caméras"}
    assert "Choisir les sites" not in titles and "Créer des zones 30" in titles


def test_closed_action_carried_on_demand(pst):
    build_plan(pst)
    assert "Désigner des agents constatateurs" not in by_title(roll(pst))
    new = rollover.roll_over(
        pst.plan,
        start=2031,
        end=2036,
        title="PST bis",
        keep=all_uids(pst.plan),
        carry_closed=True,
    )
    agents = by_title(new)["Désigner des agents constatateurs"]
    assert agents.reference == "A.1.1.2" and api.content.get_state(agents) == "created"
    assert agents.progress_entered is None


@pytest.mark.parametrize(
    "start, end, title, message",
    [
        (2030, 2029, "PST", "finit avant de commencer"),
        (2024, 2030, "PST", "doit commencer après 2024"),
        (2020, 2026, "PST", "doit commencer après 2024"),
        (2030, 2036, "  ", "Donnez un titre"),
        (1800, 2036, "PST", "Année de législature invalide"),
    ],
)
def test_refused_creates_nothing(pst, start, end, title, message):
    build_plan(pst)
    count = len(plans(pst))
    nodes = len(api.content.find(portal_type="Action"))
    with pytest.raises(rollover.RolloverRefused, match=message):
        rollover.roll_over(pst.plan, start=start, end=end, title=title, keep=None)
    assert len(plans(pst)) == count and len(api.content.find(portal_type="Action")) == nodes


def test_same_entity_and_start_refused(pst):
    build_plan(pst)
    roll(pst)
    count = len(plans(pst))
    with pytest.raises(rollover.RolloverRefused, match="commence déjà en 2030"):
        roll(pst)
    assert len(plans(pst)) == count
    # Another entity may start the same year.
    pst.plan.entity = "cpas"
    roll(pst)
    assert len(plans(pst)) == count + 1


def test_defaults_computed_from_the_old_plan(pst):
    assert rollover.proposed_years(pst.plan) == (2030, 2036)
    assert rollover.proposed_title(pst.plan, 2030, 2036) == "PST 2030-2036"
    other = createContentInContainer(
        pst.folder,
        "StrategicPlan",
        title="Programme stratégique transversal du CPAS",
        legislature_start=2031,
        legislature_end=2036,
        entity="cpas",
    )
    assert rollover.proposed_years(other) == (2036, 2042)
    assert rollover.proposed_title(other, 2036, 2042) == (
        "Programme stratégique transversal du CPAS 2036-2042"
    )
    other.title = "PST 2031 – 2036 du CPAS"
    assert rollover.proposed_title(other, 2036, 2042) == "PST 2036 – 2042 du CPAS"


# Over HTTP ------------------------------------------------------------------------


def page_and_token(world, userid):
    session = browser_login(world.url, userid, "password1")
    page = session.get(f"{world.plan.absolute_url()}/@@nouvelle-legislature", timeout=30)
    found = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', page.text)
    return session, page, found.group(1) if found else None


def test_manager_rolls_over_through_the_form(http_pst):
    world = http_pst
    build_plan(world)
    transaction.commit()
    count = len(plans(world))
    session, page, token = page_and_token(world, "pst_manager")
    assert page.status_code == 200
    html = page.text
    # Pre-filled from the old plan; every node listed, the terminated action unchecked.
    assert 'value="2030"' in html and 'value="2036"' in html
    assert 'value="PST 2030-2036"' in html
    for node in (world.os1, world.cameras, world.sites, world.zones):
        assert re.search(rf'<input[^>]*value="{node.UID()}"[^>]*checked', html)
    assert not re.search(rf'<input[^>]*value="{world.agents.UID()}"[^>]*checked', html)
    transaction.begin()
    assert len(plans(world)) == count  # GET wrote nothing
    keep = [node.UID() for node in (world.os1, world.oo1, world.cameras, world.sites)]
    # Checked below an unchecked parent: not carried (the server decides, not the page).
    keep.append(world.zones.UID())
    response = session.post(
        f"{world.plan.absolute_url()}/@@nouvelle-legislature",
        data={
            "_authenticator": token,
            "start": "2030",
            "end": "2036",
            "title": "PST 2030-2036",
            "carry_indicators": "1",
            "carry_budget": "1",
            "keep:list": keep,
        },
        timeout=30,
    )
    assert response.status_code == 200
    transaction.begin()
    assert len(plans(world)) == count + 1
    (new,) = [plan for plan in plans(world) if plan.legislature_start == 2030]
    assert response.url.rstrip("/") in (new.absolute_url(), f"{new.absolute_url()}/view")
    assert "élément(s) repris" in response.text
    assert [title for _type, _ref, title in shape(new)] == [
        "Être une commune propre",
        "Réduire les dépôts clandestins",
        "Installer des caméras",
        "Choisir les sites",
    ]
    cameras = by_title(new)["Installer des caméras"]
    assert cameras.managing_services == []  # carry_people unchecked
    assert [row["year"] for row in cameras.budget_lines] == [2030, 2032]


def test_form_refusal_shows_the_reason_and_creates_nothing(http_pst):
    world = http_pst
    build_plan(world)
    transaction.commit()
    count = len(plans(world))
    session, _page, token = page_and_token(world, "pst_manager")
    url = f"{world.plan.absolute_url()}/@@nouvelle-legislature"
    for data, message in (
        ({"start": "2030", "end": "2028"}, "finit avant de commencer"),
        ({"start": "deux mille", "end": "2036"}, "Année de législature invalide"),
    ):
        response = session.post(
            url,
            data={"_authenticator": token, "title": "PST", "keep:list": [world.os1.UID()], **data},
            timeout=30,
        )
        assert response.status_code == 200
        assert 'id="pst-rollover-error"' in response.text and message in response.text
        assert 'value="PST"' in response.text  # what was typed is kept
    # Without the token: refused.
    response = session.post(url, data={"start": "2030", "end": "2036", "title": "PST"}, timeout=30)
    assert response.status_code == 403
    transaction.begin()
    assert len(plans(world)) == count


def test_agent_cannot_roll_over(http_pst):
    world = http_pst
    build_plan(world)
    transaction.commit()
    count = len(plans(world))
    session = browser_login(world.url, "agent_travaux", "password1")
    url = f"{world.plan.absolute_url()}/@@nouvelle-legislature"
    for response in (
        session.get(url, timeout=30, allow_redirects=False),
        session.post(url, data={"start": "2030", "end": "2036"}, timeout=30, allow_redirects=False),
    ):
        assert response.status_code in (302, 401, 403)
        assert "require_login" in response.headers.get("Location", "require_login")
    transaction.begin()
    assert len(plans(world)) == count
