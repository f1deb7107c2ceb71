"""The assemblies of a new commune site, from its profile."""

from plone import api
from plone.dexterity.utils import createContentInContainer


# Categories most Walloon communes use; each assembly can change them afterwards.
DEFAULT_CATEGORIES = {
    "college": [
        "Administration générale",
        "Personnel",
        "Finances",
        "Travaux",
        "Urbanisme et environnement",
        "Population et état civil",
        "Enseignement",
        "Culture, sports et jeunesse",
        "Affaires sociales",
        "Divers",
    ],
    "council": [
        "Approbation du procès-verbal",
        "Administration générale",
        "Finances",
        "Travaux",
        "Urbanisme et environnement",
        "Enseignement",
        "Affaires sociales",
        "Points inscrits à la demande des conseillers",
        "Questions orales et écrites",
    ],
}
# Text types a clerk finds in a new item of the category; each assembly edits its own.
CDLD = "Vu le Code de la démocratie locale et de la décentralisation ;"
DEFAULT_TEXTS = {
    "college": {
        "motivation_templates": {
            "Finances": f"{CDLD}\n\nVu les crédits inscrits au budget de l'exercice ;",
            "Personnel": f"{CDLD}\n\nVu le statut administratif et pécuniaire du personnel ;",
        },
        "decision_templates": {},
    },
    "council": {
        "motivation_templates": {
            "Approbation du procès-verbal": CDLD,
            "Finances": f"{CDLD}\n\nVu l'avis de légalité du directeur financier ;",
        },
        "decision_templates": {
            "Approbation du procès-verbal": (
                "Le procès-verbal de la séance précédente est approuvé."
            ),
        },
    },
}
DEFAULTS = {
    "college": {"default_place": "Salle du Collège", "default_hour": "09:00"},
    "council": {
        "default_place": "Salle du Conseil communal",
        "default_hour": "19:30",
        # The council's public decisions are published (CDLD L1133-1 and L1122-16).
        "publish_decisions": True,
    },
}


def create_assemblies(answers: dict) -> None:
    portal = api.portal.get()
    created = {}
    for assembly in answers.get("assemblies", []):
        kind = assembly["kind"]
        createContentInContainer(
            portal,
            "Assembly",
            checkConstraints=False,
            id=assembly["code"],
            title=assembly["title"],
            kind=kind,
            categories=list(DEFAULT_CATEGORIES[kind]),
            **DEFAULTS[kind],
            **DEFAULT_TEXTS[kind],
        )
        created[kind] = assembly["code"]
    # The college's decisions go to the council when both exist.
    if "college" in created and "council" in created:
        portal[created["college"]].send_to = created["council"]
