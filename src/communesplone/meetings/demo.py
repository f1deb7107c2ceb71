"""Demo meetings of Valmont: past, current and future séances with items in every state."""

from communesplone.meetings import closing
from datetime import datetime
from datetime import timedelta
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.dexterity.utils import createContentInContainer


# (title, proposing service, category, privacy, final state)
COLLEGE_CLOSED = [
    (
        "Approbation du procès-verbal de la séance précédente",
        "secretariat",
        "Administration générale",
        "public",
        "accepted",
    ),
    (
        "Marché de travaux : réfection de la rue du Moulin — attribution",
        "travaux",
        "Travaux",
        "public",
        "accepted",
    ),
    (
        "Achat d'un camion-benne pour le service des travaux",
        "travaux",
        "Travaux",
        "public",
        "accepted_amended",
    ),
    (
        "Permis d'urbanisme : extension d'une habitation, rue des Prés 14",
        "urbanisme",
        "Urbanisme et environnement",
        "public",
        "accepted",
    ),
    (
        "Subside à l'ASBL Valmont Culture pour le festival d'été",
        "culture",
        "Culture, sports et jeunesse",
        "public",
        "refused",
    ),
    (
        "Modification budgétaire n° 2 : avis du Collège",
        "finances",
        "Finances",
        "public",
        "postponed",
    ),
    (
        "Occupation de la salle communale par un club de scrabble",
        "culture",
        "Culture, sports et jeunesse",
        "public",
        "withdrawn",
    ),
    ("Procédure disciplinaire à l'égard d'un agent", "rh", "Personnel", "secret", "accepted"),
]
COLLEGE_DECIDED = [
    (
        "Approbation du procès-verbal de la séance précédente",
        "secretariat",
        "Administration générale",
        "public",
        "accepted",
    ),
    (
        "Désignation d'un auteur de projet pour l'école de Valmont-Bas",
        "travaux",
        "Travaux",
        "public",
        "accepted",
    ),
    (
        "Règlement de police : fermeture de la rue de l'Église pour la brocante",
        "secretariat",
        "Administration générale",
        "public",
        "accepted",
    ),
    (
        "Engagement d'un ouvrier qualifié (contrat de remplacement)",
        "rh",
        "Personnel",
        "secret",
        "accepted_amended",
    ),
    (
        "Plan de cohésion sociale : rapport d'activités",
        "culture",
        "Affaires sociales",
        "public",
        "accepted",
    ),
]
COLLEGE_FROZEN = [
    (
        "Approbation du procès-verbal de la séance précédente",
        "secretariat",
        "Administration générale",
        "public",
        "frozen",
    ),
    (
        "Marché de fournitures : sel de déneigement 2026-2027",
        "travaux",
        "Travaux",
        "public",
        "frozen",
    ),
    (
        "Demande de permis d'environnement : exploitation agricole, chemin des Crêtes",
        "environnement",
        "Urbanisme et environnement",
        "public",
        "frozen",
    ),
    (
        "Octroi d'une concession au cimetière de Valmont-Haut",
        "population",
        "Population et état civil",
        "public",
        "frozen",
    ),
    (
        "Situation médicale d'un agent : mise en disponibilité",
        "rh",
        "Personnel",
        "secret",
        "frozen",
    ),
]
COLLEGE_LATE = (
    "Intempéries : mesures urgentes rue du Ruisseau",
    "travaux",
    "Travaux",
    "public",
    "frozen",
)
COLLEGE_NEXT = [
    (
        "Approbation du procès-verbal de la séance précédente",
        "secretariat",
        "Administration générale",
        "public",
        "presented",
    ),
    (
        "Éclairage public : remplacement par des luminaires LED",
        "travaux",
        "Travaux",
        "public",
        "presented",
    ),
    (
        "Convention avec la province pour le ramassage scolaire",
        "secretariat",
        "Enseignement",
        "public",
        "presented",
    ),
    (
        "Taxe sur les secondes résidences : projet de règlement",
        "finances",
        "Finances",
        "public",
        "presented",
    ),
]
COLLEGE_PENDING = [
    (
        "Aménagement d'une aire de jeux au parc communal",
        "travaux",
        "Travaux",
        "public",
        "validated",
    ),
    (
        "Renouvellement du contrat d'entretien des chaudières",
        "travaux",
        "Travaux",
        "public",
        "proposed",
    ),
    (
        "Prime communale à la rénovation : dossiers du trimestre",
        "urbanisme",
        "Urbanisme et environnement",
        "public",
        "draft",
    ),
    (
        "Jumelage avec Valmont-sur-Loire : invitation",
        "culture",
        "Culture, sports et jeunesse",
        "public",
        "draft",
    ),
]
COUNCIL_CLOSED = [
    (
        "Approbation du procès-verbal de la séance précédente",
        "secretariat",
        "Approbation du procès-verbal",
        "public",
        "accepted",
    ),
    (
        "Budget communal 2027 : services ordinaire et extraordinaire",
        "finances",
        "Finances",
        "public",
        "accepted",
    ),
    (
        "Règlement-taxe sur l'enlèvement des déchets ménagers",
        "finances",
        "Finances",
        "public",
        "accepted_amended",
    ),
    (
        "Plan d'investissement communal 2025-2027 : modification",
        "travaux",
        "Travaux",
        "public",
        "accepted",
    ),
    (
        "Motion relative à la fermeture du bureau de poste",
        "secretariat",
        "Points inscrits à la demande des conseillers",
        "public",
        "refused",
    ),
    (
        "Désignation d'un directeur d'école à titre temporaire",
        "rh",
        "Enseignement",
        "secret",
        "accepted",
    ),
]
COUNCIL_NEXT = [
    (
        "Approbation du procès-verbal de la séance précédente",
        "secretariat",
        "Approbation du procès-verbal",
        "public",
        "presented",
    ),
    ("Compte communal 2025 : approbation", "finances", "Finances", "public", "presented"),
    (
        "Schéma de développement communal : adoption provisoire",
        "urbanisme",
        "Urbanisme et environnement",
        "public",
        "presented",
    ),
    (
        "Questions orales des conseillers",
        "secretariat",
        "Questions orales et écrites",
        "public",
        "presented",
    ),
    (
        "Ratification de la désignation d'une institutrice",
        "rh",
        "Enseignement",
        "secret",
        "presented",
    ),
]
COUNCIL_PENDING = [
    (
        "Octroi d'un subside extraordinaire au club de football",
        "culture",
        "Affaires sociales",
        "public",
        "validated",
    ),
    ("Adhésion à la centrale d'achat de la province", "finances", "Finances", "public", "proposed"),
]

DECISIONS = ("accepted", "accepted_amended", "refused", "postponed", "withdrawn")
TO_VALIDATED = ("propose", "validate")


def _do(obj, *transitions):
    workflow = api.portal.get_tool("portal_workflow")
    for transition in transitions:
        workflow.doActionFor(obj, transition)


def _add_item(assembly, title, service, category, privacy, meeting=None):
    item = createContentInContainer(
        assembly,
        "MeetingItem",
        checkConstraints=False,
        title=title,
        proposing_service=service,
        category=category,
        privacy=privacy,
        preferred_meeting=meeting.UID() if meeting is not None else None,
        motivation=RichTextValue(
            "<p>Considérant le Code de la démocratie locale et de la décentralisation ;</p>"
            f"<p>Considérant le rapport du service proposant relatif à : {title.lower()} ;</p>",
            "text/html",
            "text/x-html-safe",
        ),
        decision=RichTextValue(
            "<p><strong>DÉCIDE :</strong></p><p>Article 1er. — D'approuver la proposition.</p>",
            "text/html",
            "text/x-html-safe",
        ),
    )
    return item


def _add_meeting(assembly, days, hour):
    start = (datetime.now() + timedelta(days=days)).replace(
        hour=hour, minute=0 if hour != 19 else 30, second=0, microsecond=0
    )
    return createContentInContainer(assembly, "Meeting", checkConstraints=False, start=start)


def _meeting(assembly, days, hour, items, final, late=None):
    """A meeting brought to `final` with its items brought to their states."""
    meeting = _add_meeting(assembly, days, hour)
    created = []
    for title, service, category, privacy, state in items:
        item = _add_item(assembly, title, service, category, privacy, meeting)
        _do(item, *TO_VALIDATED, "present")
        created.append((item, state))
    if final == "created":
        return meeting
    _do(meeting, "freeze")
    if late:
        item = _add_item(assembly, *late[:4], meeting)
        _do(item, *TO_VALIDATED, "present")
    if final == "frozen":
        return meeting
    _do(meeting, "start_session")
    for item, state in created:
        if state in DECISIONS:
            _do(
                item,
                {
                    "accepted": "accept",
                    "accepted_amended": "accept_amended",
                    "refused": "refuse",
                    "postponed": "postpone",
                    "withdrawn": "withdraw",
                }[state],
            )
    _do(meeting, "decide")
    if final == "closed":
        # The real closing archives the minutes through LibreOffice; a demo made where
        # none runs (a command line, a test) closes its meetings without them.
        try:
            closing.check_engine()
        except closing.MinutesError:
            closing.close_unarchived(meeting, "données de démonstration")
        else:
            _do(meeting, "close")
    return meeting


def _pending(assembly, items):
    path = {"draft": (), "proposed": ("propose",), "validated": TO_VALIDATED}
    for title, service, category, privacy, state in items:
        _do(_add_item(assembly, title, service, category, privacy), *path[state])


def create_demo_meetings(answers: dict) -> None:
    """Only for the demo commune: its Collège and Conseil with a year's life in them."""
    if not answers.get("setup_content"):
        return
    portal = api.portal.get()
    college, council = portal.get("college"), portal.get("conseil")
    if college is None or council is None:
        return
    # Future meetings first: a postponed item goes to the next meeting still open.
    _meeting(college, 10, 9, COLLEGE_NEXT, "created")
    _meeting(college, 2, 9, COLLEGE_FROZEN, "frozen", late=COLLEGE_LATE)
    _meeting(college, -5, 9, COLLEGE_DECIDED, "decided")
    _meeting(college, -12, 9, COLLEGE_CLOSED, "closed")
    _pending(college, COLLEGE_PENDING)
    _meeting(council, 20, 19, COUNCIL_NEXT, "created")
    _meeting(council, -25, 19, COUNCIL_CLOSED, "closed")
    _pending(council, COUNCIL_PENDING)
