"""The `urbanisme` folder of a new commune site."""

from plone import api
from plone.dexterity.utils import createContentInContainer


FOLDER_ID = "urbanisme"


def create_permit_folder(answers: dict) -> None:
    portal = api.portal.get()
    if FOLDER_ID in portal.objectIds():
        return
    codes = {service.get("code") for service in answers.get("services", [])}
    createContentInContainer(
        portal,
        "PermitFolder",
        checkConstraints=False,
        id=FOLDER_ID,
        title="Urbanisme",
        service="urbanisme" if "urbanisme" in codes or not codes else sorted(codes)[0],
    )
