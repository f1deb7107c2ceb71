"""The `pst` folder of a new commune site."""

from plone import api
from plone.dexterity.utils import createContentInContainer


FOLDER_ID = "pst"


def create_pst_folder(answers: dict) -> None:
    portal = api.portal.get()
    if FOLDER_ID in portal.objectIds():
        return
    createContentInContainer(
        portal,
        "PSTFolder",
        checkConstraints=False,
        id=FOLDER_ID,
        title="Programme stratégique transversal",
    )
