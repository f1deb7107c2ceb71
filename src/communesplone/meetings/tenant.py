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
DEFAULTS = {
    "college": {"default_place": "Salle du Collège", "default_hour": "09:00"},
    "council": {"default_place": "Salle du Conseil communal", "default_hour": "19:30"},
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
        )
        created[kind] = assembly["code"]
    # The college's decisions go to the council when both exist.
    if "college" in created and "council" in created:
        portal[created["college"]].send_to = created["council"]
