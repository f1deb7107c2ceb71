"""Demo permit files of Valmont: every procedure stage, some at risk, some overdue.

Dates are relative to the day the demo is created, so the dashboards always have files
to show in each list.
"""

from communesplone.urban import tracking
from communesplone.urban.tenant import FOLDER_ID
from datetime import date
from datetime import timedelta
from plone import api
from plone.dexterity.utils import createContentInContainer


# (procedure, subject, address, parcel, agent, steps); a step is (event type, days from
# today, extra fields). Negative days are in the past.
AR_NONE = {"publicity": "none"}
AR_INQUIRY = {"publicity": "inquiry", "fd_opinion_required": True}
AR_ANNOUNCEMENT = {"publicity": "announcement"}
AR_OPINIONS = {"publicity": "none", "opinions_requested": True}
PLACE = {"place": "Service de l'urbanisme, rue de la Station 1, du lundi au vendredi, 9 h – 12 h"}
DEMO_PERMITS = [
    (
        "pu",
        "Construction d'une maison unifamiliale",
        "Rue des Vignes, 14",
        "93099A0123/00_000",
        "agent.urbanisme",
        [],
    ),
    (
        "pu",
        "Abattage de deux tilleuls",
        "Place communale, 2",
        "93099A0201/00_000",
        "chef.urbanisme",
        [],
    ),
    (
        "pu",
        "Transformation d'une grange en logement",
        "Chemin du Moulin, 3",
        "93099B0045/02A000",
        "agent.urbanisme",
        [("deposit", -3, {})],
    ),
    (
        "pu",
        "Construction d'une véranda",
        "Rue Haute, 27",
        "93099A0310/00_000",
        "agent.urbanisme",
        [("deposit", -8, {})],
    ),
    (
        "purb",
        "Urbanisation de six lots, rue du Bois",
        "Rue du Bois",
        "93099C0410/00_000",
        "chef.urbanisme",
        [("deposit", -12, {})],
    ),
    (
        "pu",
        "Extension d'une habitation",
        "Rue de la Gare, 8",
        "93099A0512/00_000",
        "agent.urbanisme",
        [("deposit", -25, {}), ("incomplete", -10, {})],
    ),
    (
        "pu",
        "Pose de panneaux photovoltaïques au sol",
        "Rue du Stade, 5",
        "93099B0133/00_000",
        "agent.urbanisme",
        [("deposit", -40, {}), ("incomplete", -25, {}), ("complements", -4, {})],
    ),
    (
        "pu",
        "Construction d'un car-port",
        "Rue des Écoles, 11",
        "93099A0220/00_000",
        "agent.urbanisme",
        [("deposit", -20, {}), ("acknowledgement", -6, AR_NONE)],
    ),
    (
        "pu",
        "Rénovation d'une façade",
        "Grand-Rue, 41",
        "93099A0105/00_000",
        "chef.urbanisme",
        [("deposit", -22, {}), ("acknowledgement", -9, AR_NONE)],
    ),
    (
        "pu",
        "Construction de quatre appartements",
        "Rue de Namur, 60",
        "93099A0611/00_000",
        "agent.urbanisme",
        [
            ("deposit", -45, {}),
            ("acknowledgement", -30, AR_INQUIRY),
            ("inquiry", -4, {**PLACE, "start": -4}),
            ("fd_opinion_request", -28, {}),
        ],
    ),
    (
        "pu",
        "Hangar agricole",
        "Chemin de Grand-Leez",
        "93099D0012/00_000",
        "agent.urbanisme",
        [
            ("deposit", -35, {}),
            ("acknowledgement", -20, AR_ANNOUNCEMENT),
            ("announcement", -2, {**PLACE, "start": -2}),
        ],
    ),
    (
        "purb",
        "Lotissement « Les Hauts de Valmont »",
        "Rue des Hauts",
        "93099C0400/00_000",
        "chef.urbanisme",
        [
            ("deposit", -50, {}),
            ("acknowledgement", -34, AR_INQUIRY),
            ("inquiry", 3, {**PLACE, "start": 3}),
            ("fd_opinion_request", -30, {}),
        ],
    ),
    (
        "pu",
        "Démolition d'un garage et construction d'un atelier",
        "Rue Neuve, 9",
        "93099A0701/00_000",
        "agent.urbanisme",
        [("deposit", -40, {}), ("acknowledgement", -25, AR_NONE)],
    ),
    (
        "pu",
        "Changement d'affectation d'un commerce en logement",
        "Grand-Rue, 12",
        "93099A0102/00_000",
        "chef.urbanisme",
        [("deposit", -42, {}), ("acknowledgement", -27, AR_NONE)],
    ),
    (
        "pu",
        "Aménagement d'un parking de douze places",
        "Rue de la Station, 20",
        "93099B0300/00_000",
        "agent.urbanisme",
        [("deposit", -60, {}), ("acknowledgement", -45, AR_NONE)],
    ),
    (
        "pu",
        "Construction d'un abri de jardin",
        "Rue des Prés, 4",
        "93099A0801/00_000",
        "agent.urbanisme",
        [("deposit", -70, {}), ("acknowledgement", -50, AR_NONE)],
    ),
    (
        "pu",
        "Élargissement d'une entrée carrossable",
        "Rue du Centre, 33",
        "93099A0150/00_000",
        "chef.urbanisme",
        [
            ("deposit", -30, {}),
            ("acknowledgement", -15, AR_OPINIONS),
            ("opinion_request", -14, {"body": "SPW Mobilité et Infrastructures"}),
        ],
    ),
    (
        "pu",
        "Enseigne lumineuse",
        "Grand-Rue, 2",
        "93099A0101/00_000",
        "agent.urbanisme",
        [
            ("deposit", -70, {}),
            ("acknowledgement", -55, AR_OPINIONS),
            ("opinion_request", -54, {"body": "Zone de police"}),
            ("opinion", -30, {"body": "Zone de police", "opinion": "favourable"}),
        ],
    ),
    (
        "pu",
        "Construction d'une maison passive",
        "Rue des Vignes, 18",
        "93099A0125/00_000",
        "agent.urbanisme",
        [
            ("deposit", -120, {}),
            ("acknowledgement", -100, AR_NONE),
            ("decision", -75, {"outcome": "granted"}),
            ("notification", -72, {}),
        ],
    ),
    (
        "pu",
        "Extension d'un atelier",
        "Zoning de Valmont, 4",
        "93099D0101/00_000",
        "chef.urbanisme",
        [
            ("deposit", -200, {}),
            ("acknowledgement", -185, AR_ANNOUNCEMENT),
            ("announcement", -170, {**PLACE, "start": -170}),
            ("decision", -120, {"outcome": "granted"}),
            ("notification", -118, {}),
        ],
    ),
    (
        "pu",
        "Rehausse d'une toiture",
        "Rue Haute, 3",
        "93099A0301/00_000",
        "agent.urbanisme",
        [
            ("deposit", -90, {}),
            ("acknowledgement", -70, AR_NONE),
            ("decision", -45, {"outcome": "granted"}),
        ],
    ),
    (
        "pu",
        "Construction d'un immeuble de six étages",
        "Rue de Namur, 2",
        "93099A0600/00_000",
        "chef.urbanisme",
        [
            ("deposit", -260, {}),
            ("acknowledgement", -240, AR_INQUIRY),
            ("inquiry", -225, {**PLACE, "start": -225, "claims": 14}),
            ("fd_opinion_request", -238, {}),
            ("fd_opinion", -210, {}),
            ("extension", -150, {}),
            ("decision", -140, {"outcome": "refused"}),
            ("notification", -138, {}),
        ],
    ),
    (
        "pu",
        "Piscine extérieure",
        "Rue des Prés, 10",
        "93099A0805/00_000",
        "agent.urbanisme",
        [
            ("deposit", -100, {}),
            ("acknowledgement", -85, AR_NONE),
            ("decision", -60, {"outcome": "refused"}),
        ],
    ),
    (
        "pu",
        "Régularisation d'une annexe",
        "Rue du Bois, 7",
        "93099C0420/00_000",
        "agent.urbanisme",
        [
            ("deposit", -90, {}),
            ("incomplete", -80, {}),
            ("complements", -60, {}),
            ("incomplete", -45, {}),
        ],
    ),
    (
        "cu1",
        "Certificat d'urbanisme n° 1 : terrain rue du Bois",
        "Rue du Bois",
        "93099C0421/00_000",
        "agent.urbanisme",
        [("deposit", -10, {})],
    ),
    (
        "cu2",
        "Certificat d'urbanisme n° 2 : deux habitations",
        "Chemin du Moulin",
        "93099B0050/00_000",
        "chef.urbanisme",
        [("deposit", -28, {}), ("acknowledgement", -14, AR_NONE)],
    ),
    (
        "notary",
        "Renseignements urbanistiques : vente rue Haute 12",
        "Rue Haute, 12",
        "93099A0312/00_000",
        "agent.urbanisme",
        [("deposit", -6, {})],
    ),
    (
        "declaration",
        "Remplacement de châssis",
        "Rue Neuve, 21",
        "93099A0720/00_000",
        "agent.urbanisme",
        [("deposit", -12, {})],
    ),
    (
        "env3",
        "Citerne à mazout de 5 000 litres",
        "Rue des Écoles, 2",
        "93099A0215/00_000",
        "chef.urbanisme",
        [("deposit", -7, {})],
    ),
    (
        "pu",
        "Mur de clôture",
        "Rue du Centre, 5",
        "93099A0155/00_000",
        "agent.urbanisme",
        [("deposit", -45, {})],
    ),
]
ABANDONED = "Mur de clôture"


def add_permit(folder, procedure, title, address, parcel, agent, steps, today):
    """A permit and its steps, each `(event_type, days from today, fields)`."""
    permit = createContentInContainer(
        folder,
        "Permit",
        checkConstraints=False,
        procedure=procedure,
        title=title,
        work_locations=[address],
        parcels=[parcel],
        folder_manager=agent,
    )
    for event_type, days, extra in steps:
        fields = dict(extra)
        if "start" in fields:
            fields["start"] = today + timedelta(days=fields["start"])
        createContentInContainer(
            permit,
            "PermitEvent",
            checkConstraints=False,
            event_type=event_type,
            date=today + timedelta(days=days),
            **fields,
        )
    return permit


def create_demo_permits(answers: dict) -> None:
    if not answers.get("setup_content"):
        return
    portal = api.portal.get()
    folder = portal.get(FOLDER_ID)
    if folder is None or folder.objectIds():
        return
    today = date.today()
    for procedure, subject, address, parcel, agent, steps in DEMO_PERMITS:
        permit = add_permit(folder, procedure, subject, address, parcel, agent, steps, today)
        if subject == ABANDONED:
            api.content.transition(permit, transition="abandon", comment="Demande retirée.")
        # As the first night's run would: overdue files show their saisine.
        tracking.refresh(permit, record_saisine_now=True)
