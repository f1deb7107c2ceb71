"""Vocabularies of the PST: fixed lists of the decree's practice, and the commune's people."""

from communesplone import _
from communesplone.core import groups
from communesplone.core.mandates import mandates_in_force
from communesplone.core.vocabularies import people
from communesplone.pst.content.plan import plan_of
from plone import api
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def _vocabulary(pairs) -> SimpleVocabulary:
    return SimpleVocabulary([SimpleTerm(value, value, title) for value, title in pairs])


ENTITIES = _vocabulary(
    (("commune", _("Commune")), ("cpas", _("CPAS")), ("shared", _("Commune et CPAS")))
)
VOLETS = _vocabulary((("internal", _("Volet interne")), ("external", _("Volet externe"))))
PRIORITIES = _vocabulary((("high", _("Haute")), ("medium", _("Moyenne")), ("low", _("Basse"))))
HEALTH = (
    ("good", _("Bon")),
    ("at_risk", _("À risque")),
    ("blocked", _("Bloqué")),
    ("paused", _("En pause")),
)
HEALTH_VOCABULARY = _vocabulary(HEALTH)
FUNDING_SOURCES = (
    ("europe", _("Europe")),
    ("federal", _("Fédéral")),
    ("wallonia", _("Wallonie")),
    ("fwb", _("Fédération Wallonie-Bruxelles")),
    ("province", _("Province")),
    ("commune", _("Commune")),
    ("other", _("Autre")),
)
FUNDING_VOCABULARY = _vocabulary(FUNDING_SOURCES)
SECTOR_PLANS = _vocabulary(
    (
        ("pcdr", _("PCDR : programme communal de développement rural")),
        ("pcs", _("PCS : plan de cohésion sociale")),
        ("pal", _("Plan d'ancrage communal du logement")),
        ("pcdn", _("PCDN : plan communal de développement de la nature")),
        ("pcm", _("Plan communal de mobilité")),
        ("paedc", _("PAEDC : plan d'action en faveur de l'énergie durable et du climat")),
        ("pic", _("PIC : plan d'investissement communal")),
        ("ssc", _("Schéma de développement communal")),
    )
)
# The United Nations' 17 sustainable development goals (ODD), by number.
SDGS = _vocabulary(
    (
        (1, _("ODD 1 : pas de pauvreté")),
        (2, _("ODD 2 : faim « zéro »")),
        (3, _("ODD 3 : bonne santé et bien-être")),
        (4, _("ODD 4 : éducation de qualité")),
        (5, _("ODD 5 : égalité entre les sexes")),
        (6, _("ODD 6 : eau propre et assainissement")),
        (7, _("ODD 7 : énergie propre et d'un coût abordable")),
        (8, _("ODD 8 : travail décent et croissance économique")),
        (9, _("ODD 9 : industrie, innovation et infrastructure")),
        (10, _("ODD 10 : inégalités réduites")),
        (11, _("ODD 11 : villes et communautés durables")),
        (12, _("ODD 12 : consommation et production responsables")),
        (13, _("ODD 13 : mesures relatives à la lutte contre les changements climatiques")),
        (14, _("ODD 14 : vie aquatique")),
        (15, _("ODD 15 : vie terrestre")),
        (16, _("ODD 16 : paix, justice et institutions efficaces")),
        (17, _("ODD 17 : partenariats pour la réalisation des objectifs")),
    )
)
ALDERMAN_ROLES = ("bourgmestre", "echevin", "president_cpas")


def college_members() -> list:
    """The Person objects of the Collège in office (bourgmestre, échevins, président du CPAS)."""
    people = []
    for brain in mandates_in_force(mandate_body="college"):
        mandate = brain.getObject()
        if mandate.role in ALDERMAN_ROLES and mandate.__parent__ not in people:
            people.append(mandate.__parent__)
    return people


@provider(IVocabularyFactory)
def entities(context):
    return ENTITIES


@provider(IVocabularyFactory)
def volets(context):
    return VOLETS


@provider(IVocabularyFactory)
def priorities(context):
    return PRIORITIES


@provider(IVocabularyFactory)
def health(context):
    return HEALTH_VOCABULARY


@provider(IVocabularyFactory)
def funding_sources(context):
    return FUNDING_VOCABULARY


@provider(IVocabularyFactory)
def sector_plans(context):
    return SECTOR_PLANS


@provider(IVocabularyFactory)
def sdgs(context):
    return SDGS


@provider(IVocabularyFactory)
def categories(context):
    """The categories the plan proposes (its own list, in its order)."""
    plan = plan_of(context)
    names = list(getattr(plan, "categories", None) or []) if plan is not None else []
    return SimpleVocabulary(
        [SimpleTerm(name, name.encode("utf-8").hex(), name) for name in dict.fromkeys(names)]
    )


@provider(IVocabularyFactory)
def aldermen(context):
    """The members of the Collège in office (bourgmestre, échevins), by person UID.

    A person chosen earlier stays in the list after their mandate ended.
    """
    by_uid = {person.UID(): person.Title() for person in college_members()}
    stored = getattr(context, "__dict__", {}).get("responsible_alderman")
    if stored and stored not in by_uid:
        found = api.content.find(UID=stored)
        if found:
            by_uid[stored] = found[0].Title
    terms = [SimpleTerm(uid, uid, title) for uid, title in by_uid.items()]
    return SimpleVocabulary(sorted(terms, key=lambda term: term.title.lower()))


@provider(IVocabularyFactory)
def staff(context):
    """The agents and heads of every service, by name (and whoever is chosen already)."""
    stored = getattr(context, "__dict__", {})
    userids = {stored.get("agent"), stored.get("administrative_responsible")} - {None}
    for brain in api.content.find(portal_type="Service"):
        for kind in ("agents", "managers"):
            userids |= groups.members(groups.service_group_id(brain.service_code, kind))
    return people(userids)


@provider(IVocabularyFactory)
def operational_objectives(context):
    """The plan's operational objectives, by UID, titled with their reference."""
    plan = plan_of(context)
    if plan is None:
        return SimpleVocabulary([])
    from communesplone.pst.content.node import IAction
    from communesplone.pst.content.node import IOperationalObjective

    # An action serves its own objective already: it is not offered again.
    own = context.__parent__ if IAction.providedBy(context) else context
    own_uid = own.UID() if IOperationalObjective.providedBy(own) else None
    brains = api.content.find(
        portal_type="OperationalObjective",
        path="/".join(plan.getPhysicalPath()),
        sort_on="path",
    )
    terms = [
        SimpleTerm(brain.UID, brain.UID, f"{brain.pst_reference or ''} {brain.Title}".strip())
        for brain in brains
        if own_uid != brain.UID
    ]
    return SimpleVocabulary(terms)
